/**
 * A model organisation synthesised from a seed: workspaces (including the
 * Default Workspace), API keys, Console and service-account traffic, models,
 * service tiers, context windows, inference geos and speeds.
 *
 * Usage is defined per minute: every usage stream (one combination of those
 * dimensions) has a deterministic set of active minutes per UTC day, derived
 * from a hash of (seed, stream, day). Nothing per minute is stored; any range
 * is summed on demand, and day totals are cached. So `1m`, `1h` and `1d`
 * buckets agree exactly, and a large organisation costs little memory.
 * Cost lines follow from the usage at fixed per-model rates; Claude Code
 * records are synthesised per UTC day, actor and `is_remote` (remote and local
 * use are separate records, reference §10.5).
 *
 * The same truth serves the analytics API (analytics reference §2, §3): every
 * active minute also has a request count, code execution happens at one
 * minute of a day, and {@link activitySources} attributes each stream to an
 * actor (users, with their personal keys; service accounts; keys) and a
 * product. Users, former members, invites, key principals and the Default
 * Workspace's tagged id seed the management endpoints.
 *
 * The same options always give the same organisation.
 *
 * @since 0.1.0
 */
import { hashInts, unit } from "./internal/hash.js"
import {
  effectiveRate,
  formatPicocents,
  type ModelInfo,
  modelInfo,
  TOKEN_LABELS,
  TOKEN_TYPES,
  type TokenType
} from "./internal/models.js"
import { makeRandom } from "./internal/random.js"

const DAY = 86_400_000
const MINUTE = 60_000
const FIELDS = 6

/**
 * Options for {@link make}. Every size is an option so benchmarks can ask for
 * large organisations.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Seed of every synthesised value; default 1. */
  readonly seed?: number
  /** Days of history ending at the end of the UTC day of `now`; default 90. */
  readonly days?: number
  /** The instant the organisation's history ends at (ms since epoch); default the current time. */
  readonly now?: number
  /** Number of named workspaces besides the Default Workspace; default 3. */
  readonly workspaces?: number
  /** API keys per workspace (the Default Workspace included); default 1. */
  readonly keysPerWorkspace?: number
  /** Model ids; default {@link DEFAULT_MODELS}. */
  readonly models?: ReadonlyArray<string>
  /**
   * Activity density: the expected fraction of a day's minutes in which a
   * usage stream is active, on an active day; default 0.02 (about 29 minutes).
   */
  readonly density?: number
  /** Claude Code users (`user_actor`); default 3. */
  readonly claudeCodeUsers?: number
  /** Claude Code API-key actors (`api_actor`); default 1. */
  readonly claudeCodeApiKeys?: number
  /**
   * Organisation members (the users endpoint, `user_actor`s of the analytics
   * API); default 5, and never fewer than `claudeCodeUsers` (the first members
   * are the Claude Code users) or 1.
   *
   * @since 0.3.0
   */
  readonly users?: number
  /**
   * Former members: accounts that left the organisation but whose history
   * remains (analytics `user_actor` with `deleted: true`, email kept); default 1.
   *
   * @since 0.3.0
   */
  readonly formerMembers?: number
  /**
   * The organisation's name (`GET /v1/organizations/me`); default `"Fake Organization"`.
   *
   * @since 0.3.0
   */
  readonly name?: string
}

/**
 * A workspace. The Default Workspace has `id: null`, as the legacy reports
 * show it (reference §8.7), and a tagged id (`taggedId`) everywhere else: the
 * analytics API's `workspace_id`, an API key's `scope.workspace_id` and the
 * management endpoints (analytics reference §2.2, admin reference §6.6).
 *
 * @since 0.1.0
 */
export interface Workspace {
  /** `wrkspc_…`; `null` for the Default Workspace (the legacy reports' spelling). */
  readonly id: string | null
  readonly name: string
  /** The workspace's `default_inference_geo`, used for models that support geos. */
  readonly defaultInferenceGeo: "global" | "us"
  /**
   * The tagged id: `id` for a named workspace, the Default Workspace's
   * Console id (`wrkspc_00defaultfake`) for it.
   *
   * @since 0.3.0
   */
  readonly taggedId: string
  /**
   * When the workspace was created, ms since epoch (before the history starts).
   *
   * @since 0.3.0
   */
  readonly createdAt: number
}

/**
 * Whom an API key acts as (`principal`, admin reference §6.6 and §10.10): a
 * user (a personal key) or a service account; `null` for a workspace key.
 *
 * @since 0.3.0
 */
export type KeyPrincipal =
  | { readonly type: "user_actor"; readonly user_id: string }
  | { readonly type: "service_account_actor"; readonly service_account_id: string }

/**
 * An API key of a workspace.
 *
 * @since 0.1.0
 */
export interface ApiKey {
  readonly id: string
  readonly name: string
  /** The workspace, as the legacy reports spell it: `null` for the Default Workspace. */
  readonly workspaceId: string | null
  /**
   * The principal the key acts as: a user for a personal key, `null` for a
   * workspace key. Usage of a personal key is attributed to its user in the
   * analytics API (`user_actor`), to the key in the legacy reports.
   *
   * @since 0.3.0
   */
  readonly principal: KeyPrincipal | null
  /**
   * The user who created the key, or `null` when not recorded (a legacy key).
   *
   * @since 0.3.0
   */
  readonly createdBy: string | null
  /**
   * When the key was created, ms since epoch.
   *
   * @since 0.3.0
   */
  readonly createdAt: number
  /**
   * The key's status at the start (`active`; a former member's personal key is `inactive`).
   *
   * @since 0.3.0
   */
  readonly status: "active" | "inactive" | "archived" | "expired"
}

/**
 * An organisation role (admin reference §6.2, §10.10; a Console organisation
 * uses the first five).
 *
 * @since 0.3.0
 */
export type OrganizationRole =
  | "admin"
  | "developer"
  | "billing"
  | "user"
  | "claude_code_user"
  | "owner"
  | "primary_owner"
  | "membership_admin"
  | "managed"

/**
 * A user account of the organisation: a member, or a former member whose
 * history remains.
 *
 * @since 0.3.0
 */
export interface User {
  /** `user_…`. */
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: OrganizationRole
  /** When the user joined, ms since epoch. */
  readonly addedAt: number
  /** `false` for a former member: not listed by the users endpoint; analytics shows `deleted: true`. */
  readonly member: boolean
}

/**
 * An invitation to the organisation (admin reference §6.3).
 *
 * @since 0.3.0
 */
export interface Invite {
  /** `invite_…`. */
  readonly id: string
  readonly email: string
  readonly role: OrganizationRole
  readonly status: "pending" | "accepted" | "expired" | "deleted"
  /** ms since epoch. */
  readonly invitedAt: number
  /** `invitedAt` + 21 days, ms since epoch. */
  readonly expiresAt: number
  /** ms since epoch, or `null` unless accepted. */
  readonly acceptedAt: number | null
}

/**
 * The dimensions of one usage stream, with the usage report's wire names and values.
 *
 * @since 0.1.0
 */
export interface UsageDimensions {
  readonly workspace_id: string | null
  /** `null` for Console usage and for service-account (WIF) usage. */
  readonly api_key_id: string | null
  readonly model: string
  readonly service_tier: "standard" | "batch" | "priority" | "priority_on_demand" | "flex" | "flex_discount"
  readonly context_window: "0-200k" | "200k-1M"
  readonly inference_geo: "global" | "us" | "not_available"
  readonly speed: "standard" | "fast"
  /** The user account of Console (OAuth) usage, else `null`. */
  readonly account_id: string | null
  /** The service account of WIF usage, else `null`. */
  readonly service_account_id: string | null
}

/**
 * A usage stream: one combination of dimensions with its own traffic.
 *
 * @since 0.1.0
 */
export interface UsageStream extends UsageDimensions {
  /** Position in {@link FakeOrganization.streams}. */
  readonly index: number
}

/**
 * Token counts (the usage report's numbers, flattened).
 *
 * @since 0.1.0
 */
export interface TokenCounts {
  readonly uncached_input_tokens: number
  readonly cache_read_input_tokens: number
  readonly output_tokens: number
  readonly ephemeral_5m_input_tokens: number
  readonly ephemeral_1h_input_tokens: number
  readonly web_search_requests: number
}

/**
 * The usage of one stream in one UTC day. Wire field names.
 *
 * @since 0.1.0
 */
export interface UsageRecord extends UsageDimensions, TokenCounts {
  /** UTC midnight of the day, ms since epoch. */
  readonly day: number
  /** The stream, see {@link FakeOrganization.streams}. */
  readonly stream: number
}

/**
 * The usage of one stream in one active minute.
 *
 * @since 0.1.0
 */
export interface MinuteUsage extends TokenCounts {
  /** Start of the minute, ms since epoch. */
  readonly minute: number
  readonly stream: number
  /**
   * Messages requests in the minute (1–5), the analytics API's `requests`.
   *
   * @since 0.3.0
   */
  readonly requests: number
}

/**
 * One fine-grained cost line of a day (before any grouping): tokens of one
 * type for one stream, or a workspace's web-search or code-execution cost.
 *
 * @since 0.1.0
 */
export interface CostLine {
  readonly day: number
  readonly workspace_id: string | null
  readonly description: string
  readonly cost_type: "tokens" | "web_search" | "code_execution"
  readonly model: string | null
  readonly token_type: TokenType | null
  readonly service_tier: "standard" | "batch" | null
  readonly context_window: "0-200k" | "200k-1M" | null
  readonly inference_geo: string | null
  /** Exact amount in picocents (10^-12 cents). */
  readonly picocents: bigint
  /** Exact amount in cents as the wire's decimal string, e.g. `"1446.30125"`. */
  readonly amount: string
}

/**
 * A Claude Code actor.
 *
 * @since 0.1.0
 */
export type ClaudeCodeActor =
  | { readonly type: "user_actor"; readonly email_address: string }
  | { readonly type: "api_actor"; readonly api_key_name: string }

/**
 * One Claude Code record (one actor, one UTC day, remote or local use)
 * exactly as the wire carries it (§5, §10.5). An actor's remote and local use
 * on a day are two records with different metrics, so (actor, date) is not a
 * unique key; (actor, date, is_remote) is.
 *
 * @since 0.1.0
 */
export interface ClaudeCodeRecord {
  /** UTC midnight of the day, RFC 3339: `2026-03-01T00:00:00Z`. */
  readonly date: string
  readonly actor: ClaudeCodeActor
  readonly organization_id: string
  readonly customer_type: "api" | "subscription"
  readonly subscription_type: "enterprise" | "team" | null
  /**
   * Whether this is remote Claude Code use (§10.5, required on the wire).
   *
   * @since 0.2.0
   */
  readonly is_remote: boolean
  readonly terminal_type: string
  readonly core_metrics: {
    readonly num_sessions: number
    readonly lines_of_code: { readonly added: number; readonly removed: number }
    readonly commits_by_claude_code: number
    readonly pull_requests_by_claude_code: number
  }
  readonly tool_actions: Readonly<Record<string, { readonly accepted: number; readonly rejected: number }>>
  readonly model_breakdown: ReadonlyArray<{
    readonly model: string
    readonly tokens: {
      readonly input: number
      readonly output: number
      readonly cache_read: number
      readonly cache_creation: number
    }
    readonly estimated_cost: { readonly amount: number; readonly currency: string }
  }>
}

const TypeId: unique symbol = Symbol.for("@rawdash/anthropic-admin-api-testing/FakeOrganization")

/**
 * A synthesised organisation.
 *
 * @since 0.1.0
 */
export interface FakeOrganization {
  readonly [TypeId]: {
    readonly infos: ReadonlyArray<ModelInfo>
    /** Per stream, lazily: per day the six totals and a computed flag. */
    readonly dayTotals: Array<Float64Array | undefined>
    /** Per stream, lazily: per day the request total (NaN until computed). */
    readonly dayRequests: Array<Float64Array | undefined>
    readonly density: number
    readonly weights: ReadonlyArray<number>
  }
  readonly seed: number
  /** The Default Workspace first (`id: null`), then the named workspaces. */
  readonly workspaces: ReadonlyArray<Workspace>
  readonly apiKeys: ReadonlyArray<ApiKey>
  readonly models: ReadonlyArray<string>
  /** Every usage stream; traffic is synthesised per stream and minute. */
  readonly streams: ReadonlyArray<UsageStream>
  /** First UTC midnight of the history, ms. */
  readonly start: number
  /** End (exclusive) of the history: the UTC midnight after `now`, ms. */
  readonly end: number
  /** Number of days of history. */
  readonly days: number
  /** The organisation's UUID (Claude Code's `organization_id`). */
  readonly organizationId: string
  /** Claude Code actors in report order. */
  readonly claudeCodeActors: ReadonlyArray<ClaudeCodeActor>
  /** Per-day usage records (one per stream and day with any usage), built on first access. */
  readonly usage: ReadonlyArray<UsageRecord>
  /**
   * The `now` the organisation was made with (ms since epoch): the analytics
   * API's "now" (365-day rule, default `ending_at`, default `data_refreshed_at`).
   *
   * @since 0.3.0
   */
  readonly now: number
  /**
   * The organisation's name.
   *
   * @since 0.3.0
   */
  readonly name: string
  /**
   * Members first (in joining order), then former members.
   *
   * @since 0.3.0
   */
  readonly users: ReadonlyArray<User>
  /**
   * The invitations at the start, oldest first.
   *
   * @since 0.3.0
   */
  readonly invites: ReadonlyArray<Invite>
}

/**
 * Default model ids.
 *
 * @since 0.1.0
 */
export const DEFAULT_MODELS = [
  "claude-opus-4-5",
  "claude-sonnet-4-5",
  "claude-haiku-4-5",
  "claude-opus-4-6"
] as const

/**
 * Whether a value is an organisation built by {@link make}.
 *
 * @since 0.1.0
 */
export const isFakeOrganization = (u: unknown): u is FakeOrganization =>
  typeof u === "object" && u !== null && TypeId in u

const FIRST_NAMES = [
  "ada",
  "grace",
  "alan",
  "edsger",
  "barbara",
  "donald",
  "frances",
  "ken",
  "margaret",
  "dennis"
]
const SURNAMES = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Hamilton",
  "Ritchie"
]
/** Roles of the first members; later members cycle through the last three. */
const MEMBER_ROLES: ReadonlyArray<OrganizationRole> = [
  "admin",
  "developer",
  "user",
  "claude_code_user",
  "billing",
  "developer",
  "user",
  "claude_code_user"
]
const HOUR_MS = 3_600_000

/**
 * The Default Workspace's tagged Console id (analytics `workspace_id`, API key
 * `scope.workspace_id`, management endpoints); the legacy reports show `null`.
 *
 * @since 0.3.0
 */
export const DEFAULT_WORKSPACE_ID = "wrkspc_00defaultfake"

const seedInvites = (now: number, members: ReadonlyArray<User>): ReadonlyArray<Invite> => {
  const day = Math.floor(now / DAY) * DAY
  const accepted = members[members.length - 1]
  return [
    {
      id: "invite_01fake",
      email: "pending.hire@example.com",
      role: "developer",
      status: "pending",
      invitedAt: day - 2 * DAY,
      expiresAt: day + 19 * DAY,
      acceptedAt: null
    },
    ...(accepted === undefined
      ? []
      : [
          {
            id: "invite_02fake",
            email: accepted.email,
            role: accepted.role,
            status: "accepted" as const,
            invitedAt: accepted.addedAt - DAY,
            expiresAt: accepted.addedAt + 20 * DAY,
            acceptedAt: accepted.addedAt
          }
        ]),
    {
      id: "invite_03fake",
      email: "late.reply@example.com",
      role: "user",
      status: "expired",
      invitedAt: day - 40 * DAY,
      expiresAt: day - 19 * DAY,
      acceptedAt: null
    }
  ]
}

const TERMINALS = ["vscode", "iTerm.app", "tmux", "Apple_Terminal", "ghostty", "cursor"]
const OTHER_TIERS = ["priority", "priority_on_demand", "flex", "flex_discount"] as const

const pad2 = (n: number) => String(n).padStart(2, "0")

const uuidFrom = (seed: number): string => {
  const hex = [0, 1, 2, 3].map((i) => hashInts(seed, 0x5eed, i).toString(16).padStart(8, "0")).join("")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * Builds an organisation from options.
 *
 * @since 0.1.0
 */
export const make = (options: Options = {}): FakeOrganization => {
  const seed = options.seed ?? 1
  const random = makeRandom(seed)
  const days = Math.max(1, Math.floor(options.days ?? 90))
  const end = Math.floor((options.now ?? Date.now()) / DAY) * DAY + DAY
  const start = end - days * DAY
  const models = options.models ?? DEFAULT_MODELS
  const infos = models.map(modelInfo)
  const keysPerWorkspace = Math.max(1, Math.floor(options.keysPerWorkspace ?? 1))
  const now = options.now ?? Date.now()
  const namedCount = options.workspaces ?? 3
  const workspaces: Array<Workspace> = [
    {
      id: null,
      name: "Default Workspace",
      defaultInferenceGeo: "global",
      taggedId: DEFAULT_WORKSPACE_ID,
      createdAt: start - (namedCount + 1) * 3 * DAY
    },
    ...Array.from({ length: namedCount }, (_, i) => {
      const id = `wrkspc_${pad2(i + 1)}${"abcdefgh".charAt(i % 8)}fake`
      return {
        id,
        name: `Workspace ${i + 1}`,
        defaultInferenceGeo: random.next() < 0.3 ? ("us" as const) : ("global" as const),
        taggedId: id,
        createdAt: start - (namedCount - i) * 3 * DAY
      }
    })
  ]
  // Users: members (the first ones are the Claude Code users), then former members.
  const userCount = Math.max(0, Math.floor(options.claudeCodeUsers ?? 3))
  const memberCount = Math.max(userCount, 1, Math.floor(options.users ?? 5))
  const formerCount = Math.max(0, Math.floor(options.formerMembers ?? 1))
  const users: Array<User> = Array.from({ length: memberCount + formerCount }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? "user"
    const suffix = i >= FIRST_NAMES.length ? String(i) : ""
    return {
      id: `user_${pad2(i + 1)}fake`,
      email: `${first}${suffix}@example.com`,
      name: `${first.charAt(0).toUpperCase()}${first.slice(1)} ${SURNAMES[i % SURNAMES.length] ?? ""}${suffix === "" ? "" : ` ${suffix}`}`,
      role: i < memberCount ? (MEMBER_ROLES[i] ?? MEMBER_ROLES[3 + (i % 3)] ?? "user") : "developer",
      addedAt: start - (memberCount + formerCount - i) * 7 * DAY,
      member: i < memberCount
    }
  })
  const members = users.slice(0, memberCount)
  const former = users[memberCount]
  const admin = users[0]
  const apiKeys: Array<ApiKey> = []
  const keyCount = workspaces.length * keysPerWorkspace
  workspaces.forEach((w, i) => {
    for (let k = 0; k < keysPerWorkspace; k++) {
      const n = apiKeys.length
      // Who the key acts as: the last key is a former member's personal key (inactive since they
      // left), every third key from the second on a member's personal key, the rest workspace keys.
      const owner =
        former !== undefined && keyCount >= 2 && n === keyCount - 1
          ? former
          : n % 3 === 1
            ? members[n % members.length]
            : undefined
      apiKeys.push({
        id: `apikey_${pad2(i + 1)}${k === 0 ? "" : String.fromCharCode(97 + (k % 26)) + String(Math.floor(k / 26) || "")}fake`,
        name: `${w.name.toLowerCase().replace(/\s+/g, "-")}-key-${k + 1}`,
        workspaceId: w.id,
        principal: owner === undefined ? null : { type: "user_actor", user_id: owner.id },
        createdBy: owner !== undefined ? owner.id : n === 0 ? null : (admin?.id ?? null),
        createdAt: w.createdAt + DAY + k * HOUR_MS,
        status: owner !== undefined && !owner.member ? "inactive" : "active"
      })
    }
  })
  const invites = seedInvites(now, members)

  // Principals: who sends traffic in a workspace.
  const streams: Array<UsageStream> = []
  const weights: Array<number> = []
  workspaces.forEach((w, wi) => {
    const principals: Array<{ key: string | null; account: string | null; svac: string | null }> = apiKeys
      .filter((k) => k.workspaceId === w.id)
      .map((k) => ({ key: k.id, account: null, svac: null }))
    if (w.id === null) {
      // Console / Workbench usage: no API key, an OAuth user account.
      principals.push({ key: null, account: admin?.id ?? null, svac: null })
    } else if (random.next() < 0.5) {
      // Workload identity federation: no API key, a service account.
      principals.push({ key: null, account: null, svac: `svac_${pad2(wi)}fake` })
    }
    for (const p of principals) {
      const used = infos.filter(() => random.next() < 0.75)
      if (used.length === 0 && infos[0] !== undefined) used.push(infos[0])
      for (const info of used) {
        const geo = info.supportsGeo ? w.defaultInferenceGeo : "not_available"
        const base: UsageDimensions = {
          workspace_id: w.id,
          api_key_id: p.key,
          model: info.id,
          service_tier: "standard",
          context_window: "0-200k",
          inference_geo: geo,
          speed: "standard",
          account_id: p.account,
          service_account_id: p.svac
        }
        const push = (dims: UsageDimensions, weight: number) => {
          streams.push({ ...dims, index: streams.length })
          weights.push(weight)
        }
        push(base, 1)
        if (random.next() < 0.35) push({ ...base, service_tier: "batch" }, 0.5)
        if (random.next() < 0.15) push({ ...base, service_tier: random.pick(OTHER_TIERS) }, 0.3)
        if (info.supportsLongContext && random.next() < 0.3) push({ ...base, context_window: "200k-1M" }, 0.2)
        if (info.supportsFast && random.next() < 0.5) push({ ...base, speed: "fast" }, 0.2)
        if (info.supportsGeo && random.next() < 0.2) {
          push({ ...base, inference_geo: geo === "us" ? "global" : "us" }, 0.3)
        }
      }
    }
  })

  const claudeCodeActors: Array<ClaudeCodeActor> = [
    ...members.slice(0, userCount).map((u) => ({ type: "user_actor" as const, email_address: u.email })),
    ...Array.from({ length: Math.max(0, Math.floor(options.claudeCodeApiKeys ?? 1)) }, (_, i) => ({
      type: "api_actor" as const,
      api_key_name: apiKeys[i % apiKeys.length]?.name ?? `key-${i + 1}`
    }))
  ]

  let usage: ReadonlyArray<UsageRecord> | undefined
  const org: FakeOrganization = {
    [TypeId]: {
      infos,
      dayTotals: [],
      dayRequests: [],
      density: options.density ?? 0.02,
      weights
    },
    seed,
    workspaces,
    apiKeys,
    models,
    streams,
    start,
    end,
    days,
    organizationId: uuidFrom(seed),
    claudeCodeActors,
    now,
    name: options.name ?? "Fake Organization",
    users,
    invites,
    get usage() {
      usage ??= buildUsage(org)
      return usage
    }
  }
  return org
}

/** Active minutes of one stream on one day, as (minute-of-day, six counts) arrays. */
interface DayMinutes {
  readonly minutes: Int32Array
  readonly values: Float64Array
}

const EMPTY: DayMinutes = { minutes: new Int32Array(0), values: new Float64Array(0) }

const generateDay = (org: FakeOrganization, stream: number, dayIndex: number): DayMinutes => {
  if (dayIndex < 0 || dayIndex >= org.days) return EMPTY
  const s = org.streams[stream]
  if (s === undefined) return EMPTY
  const seed = org.seed
  const weekday = new Date(org.start + dayIndex * DAY).getUTCDay()
  const weekend = weekday === 0 || weekday === 6
  if (unit(seed, stream, dayIndex, 0) >= (weekend ? 0.55 : 0.92)) return EMPTY
  const weight = org[TypeId].weights[stream] ?? 1
  const expected = org[TypeId].density * 1440 * weight * (0.5 + unit(seed, stream, dayIndex, 1))
  const k = Math.min(1440, Math.max(1, Math.round(expected)))
  const rng = makeRandom(hashInts(seed, stream, dayIndex, 2))
  let chosen: Array<number>
  if (k * 2 > 1440) {
    chosen = []
    for (let m = 0; m < 1440; m++) if (rng.next() < k / 1440) chosen.push(m)
  } else {
    const set = new Set<number>()
    // Traffic clusters in working hours (06:00–22:00 UTC) three times out of four.
    while (set.size < k) {
      set.add(rng.next() < 0.75 ? 360 + Math.floor(rng.next() * 960) : Math.floor(rng.next() * 1440))
    }
    chosen = [...set].sort((a, b) => a - b)
  }
  const info = org[TypeId].infos.find((i) => i.id === s.model)
  const scale = info?.volume ?? 1
  const minutes = Int32Array.from(chosen)
  const values = new Float64Array(chosen.length * FIELDS)
  for (let i = 0; i < chosen.length; i++) {
    const o = i * FIELDS
    values[o] = rng.int(50, 4_000) * scale
    values[o + 1] = rng.next() < 0.6 ? rng.int(0, 12_000) * scale : 0
    values[o + 2] = rng.int(20, 1_500) * scale
    values[o + 3] = rng.next() < 0.5 ? rng.int(0, 800) : 0
    values[o + 4] = rng.next() < 0.2 ? rng.int(0, 300) : 0
    values[o + 5] = rng.next() < 0.05 ? rng.int(1, 3) : 0
  }
  return { minutes, values }
}

const toCounts = (v: ArrayLike<number>, o = 0): TokenCounts => ({
  uncached_input_tokens: v[o] ?? 0,
  cache_read_input_tokens: v[o + 1] ?? 0,
  output_tokens: v[o + 2] ?? 0,
  ephemeral_5m_input_tokens: v[o + 3] ?? 0,
  ephemeral_1h_input_tokens: v[o + 4] ?? 0,
  web_search_requests: v[o + 5] ?? 0
})

/** Day totals of a stream into `out` at offset `o` (added). Cached. */
const addDayTotals = (
  org: FakeOrganization,
  stream: number,
  dayIndex: number,
  out: Float64Array,
  o: number
) => {
  if (dayIndex < 0 || dayIndex >= org.days) return
  const cache = org[TypeId].dayTotals
  let totals = cache[stream]
  if (totals === undefined) {
    totals = new Float64Array(org.days * (FIELDS + 1))
    cache[stream] = totals
  }
  const base = dayIndex * (FIELDS + 1)
  if (totals[base + FIELDS] === 0) {
    const { values } = generateDay(org, stream, dayIndex)
    for (let i = 0; i < values.length; i++) {
      const t = base + (i % FIELDS)
      totals[t] = (totals[t] ?? 0) + (values[i] ?? 0)
    }
    totals[base + FIELDS] = 1
  }
  for (let f = 0; f < FIELDS; f++) out[o + f] = (out[o + f] ?? 0) + (totals[base + f] ?? 0)
}

/**
 * Adds the usage of `streams` over `[start, start + width × buckets)` into
 * `out`, laid out as `out[(bucket × groups + group(stream)) × 6 + field]`,
 * fields in {@link TokenCounts} order. Widths of a day use cached day totals;
 * shorter widths sum the active minutes. `start` must be aligned to `width`.
 * Used by the report endpoints; exported for benchmarks and truth checks.
 *
 * @since 0.1.0
 */
export const accumulate = (
  org: FakeOrganization,
  options: {
    readonly start: number
    readonly width: number
    readonly buckets: number
    readonly streams: ReadonlyArray<number>
    readonly groups: number
    readonly group: (stream: number) => number
  },
  out: Float64Array
): void => {
  const { start, width, buckets, groups } = options
  const end = start + width * buckets
  const firstDay = Math.floor((start - org.start) / DAY)
  const lastDay = Math.ceil((end - org.start) / DAY)
  const dayAligned = width % DAY === 0 && (start - org.start) % DAY === 0
  for (const stream of options.streams) {
    const g = options.group(stream)
    for (let d = Math.max(0, firstDay); d < Math.min(org.days, lastDay); d++) {
      const dayStart = org.start + d * DAY
      if (dayAligned) {
        const b = Math.floor((dayStart - start) / width)
        addDayTotals(org, stream, d, out, (b * groups + g) * FIELDS)
        continue
      }
      const { minutes, values } = generateDay(org, stream, d)
      for (let i = 0; i < minutes.length; i++) {
        const t = dayStart + (minutes[i] ?? 0) * MINUTE
        if (t < start || t >= end) continue
        const o = (Math.floor((t - start) / width) * groups + g) * FIELDS
        for (let f = 0; f < FIELDS; f++) out[o + f] = (out[o + f] ?? 0) + (values[i * FIELDS + f] ?? 0)
      }
    }
  }
}

/**
 * The active minutes of one stream on the UTC day containing `day`.
 *
 * @since 0.1.0
 */
export const minutes = (org: FakeOrganization, stream: number, day: number): ReadonlyArray<MinuteUsage> => {
  const dayIndex = Math.floor((day - org.start) / DAY)
  const dayStart = org.start + dayIndex * DAY
  const { minutes: ms, values } = generateDay(org, stream, dayIndex)
  return Array.from(ms, (m, i) => ({
    ...toCounts(values, i * FIELDS),
    minute: dayStart + m * MINUTE,
    stream,
    requests: minuteRequests(org.seed, stream, dayIndex, m)
  }))
}

/**
 * Total usage of the minutes starting in `[start, end)` (ms, any alignment)
 * of the streams that satisfy `where` (default: all).
 *
 * @since 0.1.0
 */
export const usageBetween = (
  org: FakeOrganization,
  start: number,
  end: number,
  where: (stream: UsageStream) => boolean = () => true
): TokenCounts => {
  const out = new Float64Array(FIELDS)
  const aligned = Math.ceil(start / MINUTE) * MINUTE
  const buckets = Math.max(0, Math.ceil((end - aligned) / MINUTE))
  const ids = org.streams.filter(where).map((s) => s.index)
  // Sum whole days from the cache and the ragged edges minute by minute.
  const firstFull = Math.ceil(start / DAY) * DAY
  const lastFull = Math.floor(end / DAY) * DAY
  if (firstFull < lastFull) {
    const common = { streams: ids, groups: 1, group: () => 0 }
    accumulate(org, { ...common, start: firstFull, width: lastFull - firstFull, buckets: 1 }, out)
    const head = new Float64Array(FIELDS)
    if (firstFull > aligned) {
      accumulate(org, { ...common, start: aligned, width: firstFull - aligned, buckets: 1 }, head)
    }
    const tail = new Float64Array(FIELDS)
    const tailWidth = Math.ceil((end - lastFull) / MINUTE) * MINUTE
    if (tailWidth > 0) accumulate(org, { ...common, start: lastFull, width: tailWidth, buckets: 1 }, tail)
    for (let f = 0; f < FIELDS; f++) out[f] = (out[f] ?? 0) + (head[f] ?? 0) + (tail[f] ?? 0)
  } else if (buckets > 0) {
    accumulate(
      org,
      { streams: ids, groups: 1, group: () => 0, start: aligned, width: buckets * MINUTE, buckets: 1 },
      out
    )
  }
  return toCounts(out)
}

const buildUsage = (org: FakeOrganization): ReadonlyArray<UsageRecord> => {
  const records: Array<UsageRecord> = []
  const out = new Float64Array(FIELDS)
  for (let d = 0; d < org.days; d++) {
    for (const s of org.streams) {
      out.fill(0)
      addDayTotals(org, s.index, d, out, 0)
      if (out.every((v) => v === 0)) continue
      const { index, ...dims } = s
      records.push({ day: org.start + d * DAY, stream: index, ...dims, ...toCounts(out) })
    }
  }
  return records
}

/**
 * The price of one web search in picocents (10^-12 cents): $10 per 1,000
 * searches, 1 cent each.
 *
 * @since 0.3.0
 */
export const WEB_SEARCH_PICOCENTS = 1_000_000_000_000n
/**
 * The price of one 6-minute code-execution block in picocents: $0.05 per
 * hour, 0.5 cent per block.
 *
 * @since 0.3.0
 */
export const CODE_EXECUTION_BLOCK_PICOCENTS = 500_000_000_000n

interface StreamCostMeta {
  readonly billed: boolean
  readonly descriptions: ReadonlyArray<string>
  /** Per token type: workspace, description and model, the finest cost grouping. */
  readonly keys: ReadonlyArray<string>
  readonly rates: ReadonlyArray<bigint>
}

const costMeta = new WeakMap<FakeOrganization, Array<StreamCostMeta | undefined>>()

const streamCostMeta = (org: FakeOrganization, s: UsageStream): StreamCostMeta => {
  let cache = costMeta.get(org)
  if (cache === undefined) {
    cache = []
    costMeta.set(org, cache)
  }
  const cached = cache[s.index]
  if (cached !== undefined) return cached
  const info = org[TypeId].infos.find((i) => i.id === s.model) ?? modelInfo(s.model)
  const stream = {
    serviceTier: s.service_tier,
    contextWindow: s.context_window,
    speed: s.speed,
    inferenceGeo: s.inference_geo
  }
  const variant = [
    s.service_tier === "batch" ? "Batch" : "",
    s.context_window === "200k-1M" ? "Long Context" : "",
    s.speed === "fast" ? "Fast" : ""
  ]
    .filter((x) => x !== "")
    .join(" ")
  const descriptions = TOKEN_TYPES.map(
    (type) =>
      `${info.displayName}${variant === "" ? "" : ` ${variant}`} Usage - ${TOKEN_LABELS[type]}${
        s.inference_geo === "us" ? " (US)" : ""
      }`
  )
  const meta: StreamCostMeta = {
    // Priority and the other tiers are billed elsewhere: missing from the cost report, as in the real API.
    billed: s.service_tier === "standard" || s.service_tier === "batch",
    descriptions,
    keys: descriptions.map((d) => `${s.workspace_id}\u0000${d}\u0000${s.model}`),
    rates: TOKEN_TYPES.map((type) => effectiveRate(info, type, stream))
  }
  cache[s.index] = meta
  return meta
}

/**
 * A cost line before its amount is formatted; used by the cost report.
 *
 * @since 0.1.0
 */
export type RawCostLine = Omit<CostLine, "amount">

/**
 * Calls `f` with every fine-grained cost line of the UTC day containing
 * `day`, in {@link costLines} order, without formatting amounts.
 *
 * @since 0.1.0
 */
export const forEachCostLine = (org: FakeOrganization, day: number, f: (line: RawCostLine) => void): void => {
  const dayIndex = Math.floor((day - org.start) / DAY)
  if (dayIndex < 0 || dayIndex >= org.days) return
  const dayStart = org.start + dayIndex * DAY
  const searches = new Map<string | null, number>()
  const counts = new Float64Array(FIELDS)
  // Lines with the same workspace, description and model share one rate: sum tokens, price once.
  const fine = new Map<string, { line: Omit<RawCostLine, "picocents">; tokens: number; rate: bigint }>()
  for (const s of org.streams) {
    counts.fill(0)
    addDayTotals(org, s.index, dayIndex, counts, 0)
    searches.set(s.workspace_id, (searches.get(s.workspace_id) ?? 0) + (counts[5] ?? 0))
    const meta = streamCostMeta(org, s)
    if (!meta.billed) continue
    for (let t = 0; t < TOKEN_TYPES.length; t++) {
      const tokens = counts[TOKEN_FIELD[t] ?? 0] ?? 0
      if (tokens === 0) continue
      const key = meta.keys[t] ?? ""
      const acc = fine.get(key)
      if (acc !== undefined) {
        acc.tokens += tokens
        continue
      }
      fine.set(key, {
        tokens,
        rate: meta.rates[t] ?? 0n,
        line: {
          day: dayStart,
          workspace_id: s.workspace_id,
          description: meta.descriptions[t] ?? "",
          cost_type: "tokens",
          model: s.model,
          token_type: TOKEN_TYPES[t] ?? "uncached_input_tokens",
          service_tier: s.service_tier as "standard" | "batch",
          context_window: s.context_window,
          inference_geo: s.inference_geo
        }
      })
    }
  }
  for (const { line, rate, tokens } of fine.values()) f({ ...line, picocents: BigInt(tokens) * rate })
  org.workspaces.forEach((w, wi) => {
    const base = {
      day: dayStart,
      workspace_id: w.id,
      model: null,
      token_type: null,
      service_tier: null,
      context_window: null,
      inference_geo: null
    }
    const n = searches.get(w.id) ?? 0
    if (n > 0) {
      f({
        ...base,
        description: "Web Search Usage",
        cost_type: "web_search",
        picocents: BigInt(n) * WEB_SEARCH_PICOCENTS
      })
    }
    const blocks = codeExecutionBlocks(org.seed, wi, dayIndex)
    if (blocks > 0) {
      f({
        ...base,
        description: "Code Execution Usage",
        cost_type: "code_execution",
        picocents: BigInt(blocks) * CODE_EXECUTION_BLOCK_PICOCENTS
      })
    }
  })
}

/**
 * Position in the six usage fields ({@link TokenCounts} order) of each
 * `token_type`, in `token_type` order (`uncached_input_tokens`,
 * `output_tokens`, `cache_read_input_tokens`,
 * `cache_creation.ephemeral_5m_input_tokens`,
 * `cache_creation.ephemeral_1h_input_tokens`).
 *
 * @since 0.3.0
 */
export const TOKEN_FIELD: ReadonlyArray<number> = [0, 2, 1, 3, 4]

/**
 * The per-token prices of a usage stream's token costs in picocents
 * (10^-12 cents) per token, in `token_type` order (see {@link TOKEN_FIELD});
 * all zero for the tiers the cost reports leave out (Priority and the other
 * non-standard tiers, reference §8.3). The legacy and analytics cost
 * endpoints both price tokens with these rates, so their amounts agree.
 *
 * @since 0.3.0
 */
export const tokenRates = (org: FakeOrganization, stream: number): ReadonlyArray<bigint> => {
  const s = org.streams[stream]
  if (s === undefined) return TOKEN_TYPES.map(() => 0n)
  const meta = streamCostMeta(org, s)
  return meta.billed ? meta.rates : TOKEN_TYPES.map(() => 0n)
}

/**
 * The fine-grained cost lines of the UTC day containing `day` (one per
 * workspace and description), in a stable order: token lines (standard and batch tiers only — Priority
 * and the other tiers are billed elsewhere and missing from the cost report,
 * as in the real API), then per workspace web search ($10 per 1,000
 * searches) and code execution ($0.05 per hour, in 6-minute blocks).
 *
 * @since 0.1.0
 */
export const costLines = (org: FakeOrganization, day: number): ReadonlyArray<CostLine> => {
  const lines: Array<CostLine> = []
  forEachCostLine(org, day, (line) => lines.push({ ...line, amount: formatPicocents(line.picocents) }))
  return lines
}

const TOOLS = ["edit_tool", "multi_edit_tool", "write_tool", "notebook_edit_tool"] as const

/**
 * The Claude Code records of the UTC day containing `day`, in
 * {@link FakeOrganization.claudeCodeActors} order. An active actor has one
 * record (usually local, `is_remote: false`; sometimes remote only) or, for
 * about 30% of (actor, day) pairs, two: local then remote, with their own
 * metrics (§10.5). All of it follows from the seed.
 *
 * @since 0.1.0
 */
export const claudeCodeRecords = (org: FakeOrganization, day: number): ReadonlyArray<ClaudeCodeRecord> => {
  const dayIndex = Math.floor((day - org.start) / DAY)
  if (dayIndex < 0 || dayIndex >= org.days) return []
  const dayStart = org.start + dayIndex * DAY
  const weekday = new Date(dayStart).getUTCDay()
  const records: Array<ClaudeCodeRecord> = []
  const infos = org[TypeId].infos
  const record = (actor: ClaudeCodeActor, ai: number, isRemote: boolean, stream: number) => {
    const rng = makeRandom(hashInts(org.seed, 0xcc, ai, dayIndex, stream))
    const toolActions: Record<string, { accepted: number; rejected: number }> = {}
    for (const tool of TOOLS) {
      if (rng.next() < 0.7) toolActions[tool] = { accepted: rng.int(0, 60), rejected: rng.int(0, 8) }
    }
    const used = infos.length === 0 ? [] : [rng.pick(infos), ...(rng.next() < 0.4 ? [rng.pick(infos)] : [])]
    const breakdown = [...new Map(used.map((i) => [i.id, i])).values()].map((info) => {
      const tokens = {
        input: rng.int(1_000, 120_000),
        output: rng.int(500, 40_000),
        cache_read: rng.int(0, 600_000),
        cache_creation: rng.int(0, 60_000)
      }
      const picocents =
        BigInt(tokens.input) * info.rates.uncached_input_tokens +
        BigInt(tokens.output) * info.rates.output_tokens +
        BigInt(tokens.cache_read) * info.rates.cache_read_input_tokens +
        BigInt(tokens.cache_creation) * info.rates["cache_creation.ephemeral_5m_input_tokens"]
      // Integer cents, rounded half up.
      const cents = Number((picocents + 500_000_000_000n) / 1_000_000_000_000n)
      return { model: info.id, tokens, estimated_cost: { amount: cents, currency: "USD" } }
    })
    const added = rng.int(0, 1_500)
    records.push({
      date: new Date(dayStart).toISOString().replace(".000Z", "Z"),
      actor,
      organization_id: org.organizationId,
      customer_type: "api",
      subscription_type: null,
      is_remote: isRemote,
      terminal_type: rng.pick(TERMINALS),
      core_metrics: {
        num_sessions: rng.int(1, 12),
        lines_of_code: { added, removed: rng.int(0, added) },
        commits_by_claude_code: rng.int(0, 8),
        pull_requests_by_claude_code: rng.int(0, 3)
      },
      tool_actions: toolActions,
      model_breakdown: breakdown
    })
  }
  org.claudeCodeActors.forEach((actor, ai) => {
    if (unit(org.seed, 0xcc, ai, dayIndex) >= (weekday === 0 || weekday === 6 ? 0.3 : 0.8)) return
    const split = unit(org.seed, 0xcc, ai, dayIndex, 2)
    if (split < 0.3) {
      // Local and remote use of the same actor and day: two records, each with its own metrics.
      record(actor, ai, false, 1)
      record(actor, ai, true, 3)
    } else {
      record(actor, ai, split < 0.4, 1)
    }
  })
  return records
}

// ---------------------------------------------------------------------------
// Analytics activity (the Usage and Cost Analytics API, analytics reference §2, §3)
// ---------------------------------------------------------------------------

/** Messages requests in one active minute: 1–5, from a hash (independent of the token values). */
const minuteRequests = (seed: number, stream: number, dayIndex: number, minute: number): number =>
  1 + (hashInts(seed, stream, dayIndex, minute, 0x7e9) % 5)

/** Code-execution blocks (6 minutes each) of a workspace on a day: 0 on about 60% of days. */
const codeExecutionBlocks = (seed: number, workspace: number, dayIndex: number): number =>
  unit(seed, 0xc0de, workspace, dayIndex) < 0.4
    ? 1 + Math.floor(unit(seed, 0xc0de, workspace, dayIndex, 1) * 40)
    : 0

/**
 * A workspace's code execution on one UTC day: `blocks` 6-minute blocks
 * (what the cost reports bill, $0.05 per hour), run as `spans` execution
 * spans (the analytics API's `requests` of a code-execution row), all counted
 * at one minute of the day (`minute`, ms since epoch) so that hour and minute
 * buckets agree with day buckets.
 *
 * @since 0.3.0
 */
export interface CodeExecution {
  readonly minute: number
  readonly blocks: number
  readonly spans: number
}

/**
 * The code execution of workspace `workspaceIndex` (position in
 * `org.workspaces`) on the UTC day containing `day`, or `undefined` when it
 * ran none (or the day is outside the history).
 *
 * @since 0.3.0
 */
export const codeExecution = (
  org: FakeOrganization,
  workspaceIndex: number,
  day: number
): CodeExecution | undefined => {
  const dayIndex = Math.floor((day - org.start) / DAY)
  if (dayIndex < 0 || dayIndex >= org.days) return undefined
  const blocks = codeExecutionBlocks(org.seed, workspaceIndex, dayIndex)
  if (blocks === 0) return undefined
  return {
    minute:
      org.start + dayIndex * DAY + (hashInts(org.seed, 0xc0de, workspaceIndex, dayIndex, 2) % 1440) * MINUTE,
    blocks,
    spans: 1 + (hashInts(org.seed, 0xc0de, workspaceIndex, dayIndex, 3) % Math.min(blocks, 4))
  }
}

/**
 * Who the analytics API attributes activity to (analytics reference §1.6),
 * before rendering: user first (Console usage, personal keys), then service
 * account (workload identity federation), then the API key.
 *
 * @since 0.3.0
 */
export type ActivityActor =
  | { readonly type: "user_actor"; readonly user_id: string }
  | { readonly type: "service_account_actor"; readonly service_account_id: string }
  | { readonly type: "api_actor"; readonly api_key_id: string }

/**
 * The analytics `product` of activity the fake synthesises (analytics reference §1.5).
 *
 * @since 0.3.0
 */
export type ActivityProduct = "messages_api" | "message_batches_api" | "claude_console" | "claude_code"

/**
 * A source of analytics activity: a usage stream (`kind: "messages"`) or a
 * workspace's code execution (`kind: "code_execution"`), with the values of
 * the analytics dimensions the fake models. The other analytics dimensions
 * (`agent_id`, `session_id`, `rbac_group_id`, `claude_tag_*`, …) are `null`
 * for all of the organisation's activity.
 *
 * @since 0.3.0
 */
export interface ActivitySource {
  /** Position in {@link activitySources}. */
  readonly index: number
  readonly kind: "messages" | "code_execution"
  /** The usage stream (`kind: "messages"`), else `null`. */
  readonly stream: number | null
  /** Position in `org.workspaces`. */
  readonly workspaceIndex: number
  /** The tagged workspace id (the Default Workspace's too). */
  readonly workspaceId: string
  /** The key that authenticated the requests, or `null` (Console and WIF usage). */
  readonly apiKeyId: string | null
  readonly actor: ActivityActor
  /** `null` for code execution. */
  readonly product: ActivityProduct | null
  /** `null` for code execution. */
  readonly model: string | null
  readonly serviceTier: UsageDimensions["service_tier"] | null
  readonly contextWindow: UsageDimensions["context_window"] | null
  /** `null` when the legacy report says `not_available`, and for code execution. */
  readonly inferenceGeo: "global" | "us" | null
  readonly speed: UsageDimensions["speed"] | null
  /**
   * Whether token costs are billed in the cost reports: standard and batch
   * tiers (Priority and the other tiers are billed elsewhere, reference §8.3),
   * and code execution.
   */
  readonly billed: boolean
}

const sourcesCache = new WeakMap<FakeOrganization, ReadonlyArray<ActivitySource>>()

/**
 * Every source of analytics activity: the usage streams in
 * `org.streams` order (source `i` is stream `i`), then one code-execution
 * source per workspace, attributed to the workspace's first API key.
 *
 * @since 0.3.0
 */
export const activitySources = (org: FakeOrganization): ReadonlyArray<ActivitySource> => {
  const cached = sourcesCache.get(org)
  if (cached !== undefined) return cached
  const keys = new Map(org.apiKeys.map((k) => [k.id, k]))
  const actorOfKey = (id: string): ActivityActor => {
    const p = keys.get(id)?.principal ?? null
    return p === null
      ? { type: "api_actor", api_key_id: id }
      : p.type === "user_actor"
        ? { type: "user_actor", user_id: p.user_id }
        : { type: "service_account_actor", service_account_id: p.service_account_id }
  }
  const workspaceIndex = new Map(org.workspaces.map((w, i) => [w.id, i]))
  const sources: Array<ActivitySource> = org.streams.map((s) => {
    const wi = workspaceIndex.get(s.workspace_id) ?? 0
    const actor: ActivityActor =
      s.account_id !== null
        ? { type: "user_actor", user_id: s.account_id }
        : s.service_account_id !== null
          ? { type: "service_account_actor", service_account_id: s.service_account_id }
          : actorOfKey(s.api_key_id ?? "")
    return {
      index: s.index,
      kind: "messages",
      stream: s.index,
      workspaceIndex: wi,
      workspaceId: org.workspaces[wi]?.taggedId ?? DEFAULT_WORKSPACE_ID,
      apiKeyId: s.api_key_id,
      actor,
      product:
        s.service_tier === "batch"
          ? "message_batches_api"
          : s.api_key_id === null && s.account_id !== null
            ? "claude_console"
            : actor.type === "user_actor"
              ? "claude_code"
              : "messages_api",
      model: s.model,
      serviceTier: s.service_tier,
      contextWindow: s.context_window,
      inferenceGeo: s.inference_geo === "not_available" ? null : s.inference_geo,
      speed: s.speed,
      billed: s.service_tier === "standard" || s.service_tier === "batch"
    }
  })
  org.workspaces.forEach((w, wi) => {
    const key = org.apiKeys.find((k) => k.workspaceId === w.id)
    sources.push({
      index: sources.length,
      kind: "code_execution",
      stream: null,
      workspaceIndex: wi,
      workspaceId: w.taggedId,
      apiKeyId: key?.id ?? null,
      actor: key === undefined ? { type: "api_actor", api_key_id: "apikey_none" } : actorOfKey(key.id),
      product: null,
      model: null,
      serviceTier: null,
      contextWindow: null,
      inferenceGeo: null,
      speed: null,
      billed: true
    })
  })
  sourcesCache.set(org, sources)
  return sources
}

/**
 * Values per call of {@link forEachActivity}: the six usage fields in
 * {@link TokenCounts} order (`uncached_input_tokens`,
 * `cache_read_input_tokens`, `output_tokens`, `ephemeral_5m_input_tokens`,
 * `ephemeral_1h_input_tokens`, `web_search_requests`), then `requests`
 * (messages requests, or execution spans) and code-execution blocks.
 *
 * @since 0.3.0
 */
export const ACTIVITY_FIELDS = 8

/** Request total of a stream's day, cached. */
const dayRequestTotal = (org: FakeOrganization, stream: number, dayIndex: number): number => {
  const cache = org[TypeId].dayRequests
  let totals = cache[stream]
  if (totals === undefined) {
    totals = new Float64Array(org.days).fill(Number.NaN)
    cache[stream] = totals
  }
  const cached = totals[dayIndex] ?? Number.NaN
  if (!Number.isNaN(cached)) return cached
  const { minutes: ms } = generateDay(org, stream, dayIndex)
  let sum = 0
  for (const m of ms) sum += minuteRequests(org.seed, stream, dayIndex, m)
  totals[dayIndex] = sum
  return sum
}

/**
 * Visits the activity of one source in the buckets `[start + i × width,
 * start + (i + 1) × width)`, `i < buckets`, counting only minutes before
 * `until` (the analytics export watermark): `f(bucket, values)` with
 * {@link ACTIVITY_FIELDS} values, called once per whole day inside a bucket
 * (cached day totals) and once per active minute otherwise. Any width and
 * alignment; minute data is exact, so `1m`, `1h` and `1d` buckets agree.
 *
 * @since 0.3.0
 */
export const forEachActivity = (
  org: FakeOrganization,
  source: ActivitySource,
  range: { readonly start: number; readonly width: number; readonly buckets: number; readonly until: number },
  f: (bucket: number, values: ArrayLike<number>) => void
): void => {
  const { start, width } = range
  const stop = Math.min(start + width * range.buckets, range.until)
  if (stop <= start) return
  const firstDay = Math.max(0, Math.floor((start - org.start) / DAY))
  const lastDay = Math.min(org.days, Math.ceil((stop - org.start) / DAY))
  const values = new Float64Array(ACTIVITY_FIELDS)
  for (let d = firstDay; d < lastDay; d++) {
    const dayStart = org.start + d * DAY
    if (source.kind === "code_execution") {
      const ce = codeExecution(org, source.workspaceIndex, dayStart)
      if (ce === undefined || ce.minute < start || ce.minute >= stop) continue
      values.fill(0)
      values[6] = ce.spans
      values[7] = ce.blocks
      f(Math.floor((ce.minute - start) / width), values)
      continue
    }
    const stream = source.stream ?? 0
    const bucket = Math.floor((dayStart - start) / width)
    if (
      dayStart >= start &&
      dayStart + DAY <= stop &&
      Math.floor((dayStart + DAY - 1 - start) / width) === bucket
    ) {
      values.fill(0)
      addDayTotals(org, stream, d, values, 0)
      values[6] = dayRequestTotal(org, stream, d)
      f(bucket, values)
      continue
    }
    const { minutes: ms, values: v } = generateDay(org, stream, d)
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i] ?? 0
      const t = dayStart + m * MINUTE
      if (t < start || t >= stop) continue
      for (let k = 0; k < FIELDS; k++) values[k] = v[i * FIELDS + k] ?? 0
      values[6] = minuteRequests(org.seed, stream, d, m)
      values[7] = 0
      f(Math.floor((t - start) / width), values)
    }
  }
}
