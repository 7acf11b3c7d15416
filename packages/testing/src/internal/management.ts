/**
 * The organisation-management endpoints (admin reference §6, §10.10, checked
 * against the official TypeScript SDK's `organization` resources): `me`,
 * users, invites, workspaces, workspace members, API keys and rate limits.
 * State lives per fake instance, seeded from the organisation, so mutations
 * change what later reads return. Lists page by id cursor (style B, §2).
 */
import type { FakeOrganization, KeyPrincipal, OrganizationRole } from "../FakeOrganization.js"
import { hashInts, hashString } from "./hash.js"
import { displayName } from "./models.js"
import {
  decodeCursor,
  encodeCursor,
  fingerprint,
  invalid,
  isRejection,
  type Outcome,
  parseLimit,
  type Rejection,
  scalar
} from "./wire.js"

/** A management resource, for the `deny` option (403 on every call to it). */
export type Resource =
  "organization" | "users" | "invites" | "workspaces" | "workspace_members" | "api_keys" | "rate_limits"

/** Roles the users/invites filters accept in a Console organisation (SDK `roles` docs). */
const CONSOLE_ROLES = ["user", "developer", "billing", "admin", "claude_code_user"]
/** Roles a Console organisation may assign through the API (`admin` cannot be). */
const ASSIGNABLE_ROLES = ["user", "developer", "billing", "claude_code_user"]
const ENTERPRISE_ONLY_ROLES = ["managed", "owner", "primary_owner", "membership_admin"]
const WORKSPACE_ROLES = [
  "workspace_user",
  "workspace_developer",
  "workspace_restricted_developer",
  "workspace_admin",
  "workspace_billing"
]
const NO_BILLING_WORKSPACE_ROLES = WORKSPACE_ROLES.filter((r) => r !== "workspace_billing")
const KEY_STATUSES = ["active", "inactive", "archived", "expired"]
const KEY_UPDATE_STATUSES = ["active", "inactive", "archived"]
const INVITE_LIST_STATUSES = ["accepted", "expired", "pending"]
const GROUP_TYPES = ["batch", "files", "model_group", "skills", "token_count", "web_search"]
const GEOS = ["global", "us"]
const COLORS = ["#6C5BB9", "#D97757", "#3B82F6", "#10B981", "#F59E0B", "#EF4444", "#8B5CF6", "#0EA5E9"]
/** Workspaces an organisation may have, archived ones not counted (admin reference §6.4). */
const MAX_WORKSPACES = 100
const DAY = 86_400_000
const INVITE_DAYS = 21

/** RFC 3339 with microseconds, as the management examples print them: `2024-10-30T23:58:27.427000Z`. */
const timestamp = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, "000Z")

interface UserRow {
  readonly id: string
  readonly email: string
  readonly name: string
  role: OrganizationRole
  readonly addedAt: number
  member: boolean
  readonly rank: number
}

interface InviteRow {
  readonly id: string
  readonly email: string
  readonly role: OrganizationRole
  status: "pending" | "accepted" | "expired" | "deleted"
  readonly invitedAt: number
  readonly expiresAt: number
  readonly acceptedAt: number | null
  readonly rank: number
}

interface DataResidency {
  readonly workspace_geo: string
  default_inference_geo: string
  allowed_inference_geos: ReadonlyArray<string> | "unrestricted"
}

interface WorkspaceRow {
  readonly id: string
  name: string
  readonly createdAt: number
  archivedAt: number | null
  displayColor: string
  dataResidency: DataResidency
  tags: Record<string, string>
  readonly compartmentId: string
  readonly isDefault: boolean
  readonly rank: number
  /** Members by user id, in insertion order: `workspace_role`. */
  readonly members: Map<string, string>
}

interface KeyRow {
  readonly id: string
  name: string
  readonly createdAt: number
  readonly createdBy: string | null
  readonly partialKeyHint: string
  readonly principal: KeyPrincipal | null
  readonly workspaceId: string
  status: string
  readonly rank: number
}

interface Limit {
  readonly type: string
  readonly value: number
}

interface RateLimitRow {
  readonly id: string
  readonly group: Readonly<Record<string, string>>
  readonly groupType: string
  readonly models: ReadonlyArray<string> | null
  readonly limits: ReadonlyArray<Limit>
}

/** One fake instance's management state. */
export interface State {
  readonly org: FakeOrganization
  readonly users: Array<UserRow>
  readonly invites: Array<InviteRow>
  readonly workspaces: Array<WorkspaceRow>
  readonly keys: Array<KeyRow>
  readonly rateLimits: ReadonlyArray<RateLimitRow>
  /** Workspace id → rate-limit entry id → limiter type → override value. */
  readonly overrides: Map<string, Map<string, Map<string, number>>>
  /** Every id ever listed, with its position in creation order (so a deleted object stays a valid cursor). */
  readonly ranks: Map<string, number>
  next: number
}

const hex = (...values: ReadonlyArray<number>) =>
  hashInts(...values)
    .toString(16)
    .padStart(8, "0")

const limitsOf = (family: string): ReadonlyArray<Limit> => [
  { type: "requests_per_minute", value: 4000 },
  { type: "input_tokens_per_minute", value: family === "haiku" ? 4_000_000 : 2_000_000 },
  { type: "output_tokens_per_minute", value: family === "haiku" ? 800_000 : 400_000 }
]

const seedRateLimits = (org: FakeOrganization): ReadonlyArray<RateLimitRow> => {
  const families = new Map<string, { family: string; models: Array<string> }>()
  for (const model of org.models) {
    const label = displayName(model).replace(/(\d+)(\.\d+)?$/, "$1.x")
    const family = /opus/i.test(model) ? "opus" : /haiku/i.test(model) ? "haiku" : "other"
    const entry = families.get(label) ?? { family, models: [] }
    entry.models.push(model)
    families.set(label, entry)
  }
  const rows: Array<RateLimitRow> = []
  const entryId = () => `rl_01${hex(org.seed, 0x7a1e, rows.length)}fake`
  for (const [label, { family, models }] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) {
    rows.push({
      id: entryId(),
      group: { id: `rlg_${hex(hashString(label))}`, type: "model_group", display_name: label },
      groupType: "model_group",
      models: [...models].sort(),
      limits: limitsOf(family)
    })
  }
  const other: ReadonlyArray<readonly [string, ReadonlyArray<Limit>]> = [
    [
      "batch",
      [
        { type: "requests_per_minute", value: 4000 },
        { type: "enqueued_batch_requests", value: 500_000 }
      ]
    ],
    ["token_count", [{ type: "requests_per_minute", value: 2000 }]],
    [
      "files",
      [
        { type: "requests_per_minute", value: 1000 },
        { type: "storage_bytes", value: 100_000_000_000 }
      ]
    ],
    ["skills", [{ type: "requests_per_minute", value: 500 }]],
    ["web_search", [{ type: "searches_per_minute", value: 1000 }]]
  ]
  for (const [type, limits] of other) {
    rows.push({
      id: entryId(),
      group: { id: `rlg_01${type.replace(/_/g, "")}fake`, type },
      groupType: type,
      models: null,
      limits
    })
  }
  return rows
}

/** Builds an instance's state from the organisation. */
export const makeState = (org: FakeOrganization): State => {
  const ranks = new Map<string, number>()
  let next = 0
  const rank = (id: string) => {
    ranks.set(id, next)
    return next++
  }
  const users: Array<UserRow> = org.users.map((u) => ({ ...u, rank: rank(u.id) }))
  const invites: Array<InviteRow> = org.invites.map((i) => ({ ...i, rank: rank(i.id) }))
  const workspaces: Array<WorkspaceRow> = org.workspaces.map((w, wi) => {
    const members = new Map<string, string>()
    users.forEach((u, ui) => {
      if (!u.member) return
      // Org admins are workspace admins everywhere, billing members workspace billing (§6.5);
      // others are members of every other workspace.
      if (u.role === "admin") members.set(u.id, "workspace_admin")
      else if (u.role === "billing") members.set(u.id, "workspace_billing")
      else if ((ui + wi) % 2 === 0) {
        members.set(u.id, NO_BILLING_WORKSPACE_ROLES[(ui + wi) % 3] ?? "workspace_user")
      }
    })
    return {
      id: w.taggedId,
      name: w.name,
      createdAt: w.createdAt,
      archivedAt: null,
      displayColor: COLORS[wi % COLORS.length] ?? "#6C5BB9",
      dataResidency: {
        workspace_geo: "us",
        default_inference_geo: w.defaultInferenceGeo,
        allowed_inference_geos: "unrestricted"
      },
      tags: wi === 1 ? { team: "platform" } : {},
      compartmentId: `compartment_${hex(org.seed, 0xc0, wi)}${hex(org.seed, 0xc1, wi)}`,
      isDefault: w.id === null,
      rank: rank(w.taggedId),
      members
    }
  })
  const tagged = new Map(org.workspaces.map((w) => [w.id, w.taggedId]))
  const keys: Array<KeyRow> = org.apiKeys.map((k, ki) => ({
    id: k.id,
    name: k.name,
    createdAt: k.createdAt,
    createdBy: k.createdBy,
    partialKeyHint: `sk-ant-api03-${hex(org.seed, 0xaa, ki).slice(0, 3)}...${hex(org.seed, 0xab, ki).slice(0, 4)}`,
    principal: k.principal,
    workspaceId: tagged.get(k.workspaceId) ?? k.workspaceId ?? "",
    status: k.status,
    rank: rank(k.id)
  }))
  const rateLimits = seedRateLimits(org)
  const overrides = new Map<string, Map<string, Map<string, number>>>()
  const firstModel = rateLimits.find((r) => r.groupType === "model_group")
  const batch = rateLimits.find((r) => r.groupType === "batch")
  const named = workspaces.filter((w) => !w.isDefault)
  if (named[0] !== undefined && firstModel !== undefined) {
    overrides.set(
      named[0].id,
      new Map([
        [
          firstModel.id,
          new Map([
            ["requests_per_minute", 2000],
            ["output_tokens_per_minute", 100_000]
          ])
        ]
      ])
    )
  }
  if (named[1] !== undefined && batch !== undefined) {
    overrides.set(named[1].id, new Map([[batch.id, new Map([["enqueued_batch_requests", 100_000]])]]))
  }
  return { org, users, invites, workspaces, keys, rateLimits, overrides, ranks, next }
}

/** The current account of a user id (analytics `user_actor` rendering). */
export const userOf = (state: State, id: string) => state.users.find((u) => u.id === id)

// ---------------------------------------------------------------------------
// Wire objects
// ---------------------------------------------------------------------------

const userJson = (u: UserRow) => ({
  id: u.id,
  type: "user",
  email: u.email,
  name: u.name,
  role: u.role,
  added_at: timestamp(u.addedAt)
})

const inviteJson = (i: InviteRow) => ({
  id: i.id,
  type: "invite",
  email: i.email,
  role: i.role,
  status: i.status,
  invited_at: timestamp(i.invitedAt),
  expires_at: timestamp(i.expiresAt),
  accepted_at: i.acceptedAt === null ? null : timestamp(i.acceptedAt),
  rbac_group_ids: []
})

const workspaceJson = (w: WorkspaceRow) => ({
  id: w.id,
  type: "workspace",
  name: w.name,
  created_at: timestamp(w.createdAt),
  archived_at: w.archivedAt === null ? null : timestamp(w.archivedAt),
  display_color: w.displayColor,
  data_residency: { ...w.dataResidency },
  tags: { ...w.tags },
  compartment_id: w.compartmentId,
  external_key_id: null
})

const memberJson = (w: WorkspaceRow, userId: string, role: string) => ({
  type: "workspace_member",
  user_id: userId,
  workspace_id: w.id,
  workspace_role: role
})

const keyJson = (k: KeyRow) => ({
  id: k.id,
  type: "api_key",
  name: k.name,
  created_at: timestamp(k.createdAt),
  created_by: k.createdBy === null ? null : { id: k.createdBy, type: "user" },
  expires_at: null,
  partial_key_hint: k.partialKeyHint,
  principal: k.principal === null ? null : { ...k.principal },
  scope: { type: "workspace", workspace_id: k.workspaceId },
  status: k.status
})

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const notFound = (what: string, id: string): Rejection => ({
  status: 404,
  type: "not_found_error",
  message: `${what} not found: ${id}`,
  code: "not_found"
})

const conflict = (message: string): Rejection => ({
  status: 409,
  type: "conflict_error",
  message,
  code: "already_exists"
})

const ok = (body: unknown): Outcome => ({ status: 200, body })

/** Rejects query parameters the endpoint does not take (the stricter reading: unknown names are refused). */
const onlyParams = (query: URLSearchParams, allowed: ReadonlyArray<string>): Rejection | undefined => {
  for (const name of new Set(query.keys())) {
    if (allowed.includes(name)) continue
    const bare = allowed.find((a) => a === `${name}[]`)
    if (bare !== undefined) {
      return invalid(
        `${name}: array parameters use the bracket form, repeated per value: ${bare}=…`,
        "bracket_form_required"
      )
    }
    return invalid(
      `${name}: not a parameter of this endpoint${allowed.length === 0 ? "" : `; it takes ${allowed.join(", ")}`}`,
      "unknown_parameter"
    )
  }
  for (const name of allowed) {
    if (name.endsWith("[]")) continue
    const v = scalar(query, name)
    if (isRejection(v)) return v
  }
  return undefined
}

const parseBoolean = (query: URLSearchParams, name: string): boolean | Rejection => {
  const raw = query.get(name)
  if (raw === null) return false
  if (raw === "true") return true
  if (raw === "false") return false
  return invalid(`${name}: must be true or false, got ${JSON.stringify(raw)}`)
}

const enumArray = (query: URLSearchParams, name: string, allowed: ReadonlyArray<string>) => {
  const values = query.getAll(`${name}[]`)
  for (const v of values) {
    if (!allowed.includes(v)) {
      return invalid(
        `${name}[]: ${v === "" ? "empty value" : `unknown value ${JSON.stringify(v)}`}; expected one of ${allowed.join(", ")}`
      )
    }
  }
  return values
}

/**
 * Style B paging (§2): `limit` 1–1000 (default 20), `after_id` (the page
 * right after that object) or `before_id` (the page right before it), never
 * both; `first_id`/`last_id` of the page (`null` when empty); `has_more` in
 * the direction of paging. Items are in creation order, oldest first.
 */
const pageOf = <A>(
  state: State,
  query: URLSearchParams,
  prefix: string,
  items: ReadonlyArray<{ readonly id: string; readonly rank: number; readonly item: A }>,
  render: (a: A) => unknown
): Outcome => {
  const limit = parseLimit(query, 20, 1000, "")
  if (isRejection(limit)) return limit
  const after = query.get("after_id")
  const before = query.get("before_id")
  if (after !== null && before !== null) {
    return invalid("after_id and before_id: send at most one of them", "incompatible_parameters")
  }
  const sorted = [...items].sort((a, b) => a.rank - b.rank)
  let page: typeof sorted
  let hasMore: boolean
  const cursor = after ?? before
  if (cursor === null) {
    page = sorted.slice(0, limit)
    hasMore = sorted.length > limit
  } else {
    const at = cursor.startsWith(prefix) ? state.ranks.get(cursor) : undefined
    if (at === undefined) {
      return invalid(
        `${after !== null ? "after_id" : "before_id"}: ${JSON.stringify(cursor)} is not the id of an object of this list; use first_id or last_id of a page`,
        "invalid_page_cursor"
      )
    }
    if (after !== null) {
      const rest = sorted.filter((x) => x.rank > at)
      page = rest.slice(0, limit)
      hasMore = rest.length > limit
    } else {
      const rest = sorted.filter((x) => x.rank < at)
      page = rest.slice(Math.max(0, rest.length - limit))
      hasMore = rest.length > limit
    }
  }
  return ok({
    data: page.map((x) => render(x.item)),
    has_more: hasMore,
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null
  })
}

type Body = Record<string, unknown>

/** The JSON object body of a POST: missing, not JSON or not an object is a 400. */
const objectBody = (raw: string | undefined, required: boolean): Body | Rejection => {
  if (raw === undefined || raw.trim() === "") {
    return required ? invalid("body: a JSON object is required", "invalid_request_body") : {}
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return invalid("body: not valid JSON", "invalid_request_body")
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return invalid("body: must be a JSON object", "invalid_request_body")
  }
  return parsed as Body
}

const onlyFields = (body: Body, allowed: ReadonlyArray<string>): Rejection | undefined => {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      return invalid(
        `${key}: not a field of this request body; it takes ${allowed.join(", ")}`,
        "invalid_request_body"
      )
    }
  }
  return undefined
}

const stringField = (
  body: Body,
  name: string,
  options: { readonly required?: boolean; readonly max?: number; readonly nullable?: boolean } = {}
): string | null | undefined | Rejection => {
  const v = body[name]
  if (v === undefined || (v === null && options.nullable === true)) {
    return options.required === true
      ? invalid(`${name}: required`, "missing_required_parameter")
      : (v as null | undefined)
  }
  if (typeof v !== "string" || v.trim() === "") return invalid(`${name}: must be a non-empty string`)
  if (options.max !== undefined && v.length > options.max) {
    return invalid(`${name}: at most ${options.max} characters, got ${v.length}`)
  }
  return v
}

const roleField = (body: Body, name: string, allowed: ReadonlyArray<string>): string | Rejection => {
  const v = body[name]
  if (v === undefined) return invalid(`${name}: required`, "missing_required_parameter")
  if (typeof v !== "string" || !allowed.includes(v)) {
    const why =
      v === "admin"
        ? "admin cannot be assigned through the API"
        : typeof v === "string" && ENTERPRISE_ONLY_ROLES.includes(v)
          ? `${v} exists only in Claude Enterprise organizations`
          : `unknown value ${JSON.stringify(v)}`
    return invalid(`${name}: ${why}; expected one of ${allowed.join(", ")}`)
  }
  return v
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

const normalise = (email: string) => email.trim().toLowerCase()

/** Validates `tags` (keys may not begin with `anthropic`); `nullable` values delete a tag (update). */
const tagsField = (body: Body, nullable: boolean): Record<string, string | null> | undefined | Rejection => {
  const v = body["tags"]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "object" || Array.isArray(v)) return invalid("tags: must be an object of string values")
  const out: Record<string, string | null> = {}
  for (const [key, value] of Object.entries(v as Body)) {
    if (key.toLowerCase().startsWith("anthropic")) {
      return invalid(`tags: key ${JSON.stringify(key)} may not begin with anthropic`)
    }
    if (key === "") return invalid("tags: empty key")
    if (value === null && nullable) out[key] = null
    else if (typeof value !== "string") {
      return invalid(`tags.${key}: must be a string${nullable ? " or null" : ""}`)
    } else out[key] = value
  }
  return out
}

/** Validates `data_residency` for create (`workspace_geo` allowed) or update (it is immutable). */
const residencyField = (
  body: Body,
  current: DataResidency | undefined
): DataResidency | undefined | Rejection => {
  const v = body["data_residency"]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "object" || Array.isArray(v)) return invalid("data_residency: must be an object")
  const r = v as Body
  const fields =
    current === undefined
      ? ["workspace_geo", "default_inference_geo", "allowed_inference_geos"]
      : ["default_inference_geo", "allowed_inference_geos"]
  for (const key of Object.keys(r)) {
    if (!fields.includes(key)) {
      return invalid(
        key === "workspace_geo"
          ? "data_residency.workspace_geo: cannot be changed after creation"
          : `data_residency.${key}: not a field; it takes ${fields.join(", ")}`
      )
    }
  }
  const geo = r["workspace_geo"] ?? current?.workspace_geo ?? "us"
  if (geo !== "us") return invalid(`data_residency.workspace_geo: must be us, got ${JSON.stringify(geo)}`)
  const allowed = r["allowed_inference_geos"] ?? current?.allowed_inference_geos ?? "unrestricted"
  if (
    allowed !== "unrestricted" &&
    (!Array.isArray(allowed) || allowed.length === 0 || allowed.some((g) => !GEOS.includes(String(g))))
  ) {
    return invalid('data_residency.allowed_inference_geos: "unrestricted" or a non-empty list of global, us')
  }
  const fallback = current?.default_inference_geo ?? "global"
  const def = r["default_inference_geo"] ?? fallback
  if (typeof def !== "string" || !GEOS.includes(def)) {
    return invalid(`data_residency.default_inference_geo: must be global or us, got ${JSON.stringify(def)}`)
  }
  if (allowed !== "unrestricted" && !(allowed as ReadonlyArray<unknown>).includes(def)) {
    return invalid(
      "data_residency.default_inference_geo: must be one of allowed_inference_geos unless that is unrestricted"
    )
  }
  return {
    workspace_geo: "us",
    default_inference_geo: def,
    allowed_inference_geos:
      allowed === "unrestricted" ? "unrestricted" : (allowed as ReadonlyArray<string>).map(String)
  }
}

const colorField = (body: Body): string | undefined | Rejection => {
  const v = body["display_color"]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "string" || !/^#[0-9A-Fa-f]{6}$/.test(v)) {
    return invalid(`display_color: a hex color such as #6C5BB9, got ${JSON.stringify(v)}`)
  }
  return v
}

const externalKeyField = (body: Body): Rejection | undefined => {
  const v = body["external_key_id"]
  if (v === undefined || v === null) return undefined
  return invalid(
    "external_key_id: customer-managed encryption keys are not enabled for this organization",
    "operation_not_allowed"
  )
}

// ---------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------

/** A management request. */
export interface ManagementRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly body: string | undefined
  /** The fake's clock, ms (timestamps of created objects). */
  readonly now: number
}

/** A management route. */
export interface Route {
  readonly resource: Resource
  readonly methods: ReadonlyArray<string>
  readonly handle: (state: State, request: ManagementRequest, ids: ReadonlyArray<string>) => Outcome
}

const P = "/v1/organizations"

const workspaceOf = (state: State, id: string) => state.workspaces.find((w) => w.id === id)
const memberUser = (state: State, id: string) => state.users.find((u) => u.id === id && u.member)

const me: Route = {
  resource: "organization",
  methods: ["GET"],
  handle: (state, r) =>
    onlyParams(r.query, []) ??
    ok({ id: state.org.organizationId, type: "organization", name: state.org.name })
}

const users: Route = {
  resource: "users",
  methods: ["GET"],
  handle: (state, r) => {
    const bad = onlyParams(r.query, ["limit", "after_id", "before_id", "email", "roles[]"])
    if (bad !== undefined) return bad
    const roles = enumArray(r.query, "roles", CONSOLE_ROLES)
    if (isRejection(roles)) return roles
    const email = r.query.get("email")
    const rows = state.users.filter(
      (u) =>
        u.member &&
        (email === null || normalise(u.email) === normalise(email)) &&
        (roles.length === 0 || roles.includes(u.role))
    )
    return pageOf(
      state,
      r.query,
      "user_",
      rows.map((u) => ({ id: u.id, rank: u.rank, item: u })),
      userJson
    )
  }
}

const user: Route = {
  resource: "users",
  methods: ["GET", "POST", "DELETE"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const u = memberUser(state, id)
    if (u === undefined) return notFound("user", id)
    if (r.method === "GET") return ok(userJson(u))
    if (r.method === "DELETE") {
      if (u.role === "admin") {
        return invalid("admins cannot be removed through the API", "operation_not_allowed")
      }
      u.member = false
      for (const w of state.workspaces) w.members.delete(u.id)
      return ok({ id: u.id, type: "user_deleted" })
    }
    const body = objectBody(r.body, true)
    if (isRejection(body)) return body
    const fields = onlyFields(body, ["role"])
    if (fields !== undefined) return fields
    const role = roleField(body, "role", ASSIGNABLE_ROLES)
    if (isRejection(role)) return role
    u.role = role as OrganizationRole
    return ok(userJson(u))
  }
}

const invites: Route = {
  resource: "invites",
  methods: ["GET", "POST"],
  handle: (state, r) => {
    if (r.method === "POST") {
      const bad = onlyParams(r.query, [])
      if (bad !== undefined) return bad
      const body = objectBody(r.body, true)
      if (isRejection(body)) return body
      const fields = onlyFields(body, ["email", "role", "rbac_group_ids"])
      if (fields !== undefined) return fields
      const email = stringField(body, "email", { required: true, max: 320 })
      if (isRejection(email)) return email
      if (typeof email !== "string" || !EMAIL.test(email)) {
        return invalid(`email: not an email address: ${JSON.stringify(email)}`)
      }
      const role = roleField(body, "role", ASSIGNABLE_ROLES)
      if (isRejection(role)) return role
      const groups = body["rbac_group_ids"]
      if (groups !== undefined && groups !== null && (!Array.isArray(groups) || groups.length > 0)) {
        return invalid(
          "rbac_group_ids: RBAC groups exist only in Claude Enterprise organizations; send [] or leave it out"
        )
      }
      if (state.users.some((u) => u.member && normalise(u.email) === normalise(email))) {
        return conflict(`email: ${email} is already a member of the organization`)
      }
      if (state.invites.some((i) => i.status === "pending" && normalise(i.email) === normalise(email))) {
        return conflict(`email: ${email} already has a pending invite`)
      }
      const n = state.invites.length + 1
      const id = `invite_${String(n).padStart(2, "0")}${hex(state.org.seed, 0x1e, n).slice(0, 6)}fake`
      const row: InviteRow = {
        id,
        email,
        role: role as OrganizationRole,
        status: "pending",
        invitedAt: r.now,
        expiresAt: r.now + INVITE_DAYS * DAY,
        acceptedAt: null,
        rank: state.next
      }
      state.ranks.set(id, state.next++)
      state.invites.push(row)
      return ok(inviteJson(row))
    }
    const bad = onlyParams(r.query, ["limit", "after_id", "before_id", "email", "roles[]", "statuses[]"])
    if (bad !== undefined) return bad
    const roles = enumArray(r.query, "roles", CONSOLE_ROLES)
    if (isRejection(roles)) return roles
    const statuses = enumArray(r.query, "statuses", INVITE_LIST_STATUSES)
    if (isRejection(statuses)) return statuses
    const email = r.query.get("email")
    const rows = state.invites.filter(
      (i) =>
        i.status !== "deleted" &&
        (email === null || normalise(i.email) === normalise(email)) &&
        (roles.length === 0 || roles.includes(i.role)) &&
        (statuses.length === 0 || statuses.includes(i.status))
    )
    return pageOf(
      state,
      r.query,
      "invite_",
      rows.map((i) => ({ id: i.id, rank: i.rank, item: i })),
      inviteJson
    )
  }
}

const invite: Route = {
  resource: "invites",
  methods: ["GET", "DELETE"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const i = state.invites.find((x) => x.id === id)
    if (i === undefined) return notFound("invite", id)
    if (r.method === "GET") return ok(inviteJson(i))
    if (i.status !== "pending") {
      return invalid(`only a pending invite can be deleted; ${id} is ${i.status}`, "operation_not_allowed")
    }
    i.status = "deleted"
    return ok({ id: i.id, type: "invite_deleted" })
  }
}

const workspaces: Route = {
  resource: "workspaces",
  methods: ["GET", "POST"],
  handle: (state, r) => {
    if (r.method === "GET") {
      const bad = onlyParams(r.query, [
        "limit",
        "after_id",
        "before_id",
        "include_archived",
        "include_default"
      ])
      if (bad !== undefined) return bad
      const archived = parseBoolean(r.query, "include_archived")
      if (isRejection(archived)) return archived
      const withDefault = parseBoolean(r.query, "include_default")
      if (isRejection(withDefault)) return withDefault
      const rows = state.workspaces.filter(
        (w) => (archived || w.archivedAt === null) && (withDefault || !w.isDefault)
      )
      return pageOf(
        state,
        r.query,
        "wrkspc_",
        rows.map((w) => ({ id: w.id, rank: w.rank, item: w })),
        workspaceJson
      )
    }
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const body = objectBody(r.body, true)
    if (isRejection(body)) return body
    const fields = onlyFields(body, ["name", "data_residency", "display_color", "external_key_id", "tags"])
    if (fields !== undefined) return fields
    const name = stringField(body, "name", { required: true, max: 40 })
    if (isRejection(name)) return name
    const residency = residencyField(body, undefined)
    if (isRejection(residency)) return residency
    const color = colorField(body)
    if (isRejection(color)) return color
    const cmek = externalKeyField(body)
    if (cmek !== undefined) return cmek
    const tags = tagsField(body, false)
    if (isRejection(tags)) return tags
    if (state.workspaces.filter((w) => !w.isDefault && w.archivedAt === null).length >= MAX_WORKSPACES) {
      return invalid(
        `an organization can have at most ${MAX_WORKSPACES} workspaces (archived ones not counted); archive one first`,
        "workspace_limit_reached"
      )
    }
    const n = state.workspaces.length
    const id = `wrkspc_${String(n).padStart(2, "0")}new${hex(state.org.seed, 0x3e, n).slice(0, 6)}`
    const members = new Map<string, string>()
    for (const u of state.users) {
      if (u.member && u.role === "admin") members.set(u.id, "workspace_admin")
      else if (u.member && u.role === "billing") members.set(u.id, "workspace_billing")
    }
    const row: WorkspaceRow = {
      id,
      name: String(name),
      createdAt: r.now,
      archivedAt: null,
      displayColor: color ?? COLORS[n % COLORS.length] ?? "#6C5BB9",
      dataResidency: residency ?? {
        workspace_geo: "us",
        default_inference_geo: "global",
        allowed_inference_geos: "unrestricted"
      },
      tags: Object.fromEntries(
        Object.entries(tags ?? {}).filter((e): e is [string, string] => e[1] !== null)
      ),
      compartmentId: `compartment_${hex(state.org.seed, 0xc0, n)}${hex(state.org.seed, 0xc1, n)}`,
      isDefault: false,
      rank: state.next,
      members
    }
    state.ranks.set(id, state.next++)
    state.workspaces.push(row)
    return ok(workspaceJson(row))
  }
}

const workspace: Route = {
  resource: "workspaces",
  methods: ["GET", "POST"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const w = workspaceOf(state, id)
    if (w === undefined) return notFound("workspace", id)
    if (r.method === "GET") return ok(workspaceJson(w))
    if (w.isDefault) return invalid("the Default Workspace cannot be edited", "operation_not_allowed")
    if (w.archivedAt !== null) {
      return invalid(`workspace ${id} is archived and cannot be edited`, "operation_not_allowed")
    }
    const body = objectBody(r.body, true)
    if (isRejection(body)) return body
    const fields = onlyFields(body, ["name", "data_residency", "display_color", "external_key_id", "tags"])
    if (fields !== undefined) return fields
    const name = stringField(body, "name", { max: 40 })
    if (isRejection(name)) return name
    const residency = residencyField(body, w.dataResidency)
    if (isRejection(residency)) return residency
    const color = colorField(body)
    if (isRejection(color)) return color
    const cmek = externalKeyField(body)
    if (cmek !== undefined) return cmek
    const tags = tagsField(body, true)
    if (isRejection(tags)) return tags
    if (typeof name === "string") w.name = name
    if (residency !== undefined) w.dataResidency = residency
    if (color !== undefined) w.displayColor = color
    if (tags !== undefined) {
      const merged: Record<string, string> = { ...w.tags }
      for (const [k, v] of Object.entries(tags)) {
        if (v === null) delete merged[k]
        else merged[k] = v
      }
      w.tags = merged
    }
    return ok(workspaceJson(w))
  }
}

const archive: Route = {
  resource: "workspaces",
  methods: ["POST"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const w = workspaceOf(state, id)
    if (w === undefined) return notFound("workspace", id)
    if (w.isDefault) return invalid("the Default Workspace cannot be archived", "operation_not_allowed")
    if (w.archivedAt !== null) return invalid(`workspace ${id} is already archived`, "operation_not_allowed")
    w.archivedAt = r.now
    return ok(workspaceJson(w))
  }
}

const members: Route = {
  resource: "workspace_members",
  methods: ["GET", "POST"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, r.method === "GET" ? ["limit", "after_id", "before_id"] : [])
    if (bad !== undefined) return bad
    const w = workspaceOf(state, id)
    if (w === undefined) return notFound("workspace", id)
    if (r.method === "GET") {
      const ranks = new Map(state.users.map((u) => [u.id, u.rank]))
      const rows = [...w.members].map(([userId, role]) => ({
        id: userId,
        rank: ranks.get(userId) ?? 0,
        item: [userId, role] as const
      }))
      return pageOf(state, r.query, "user_", rows, ([userId, role]) => memberJson(w, userId, role))
    }
    if (w.archivedAt !== null) return invalid(`workspace ${id} is archived`, "operation_not_allowed")
    const body = objectBody(r.body, true)
    if (isRejection(body)) return body
    const fields = onlyFields(body, ["user_id", "workspace_role"])
    if (fields !== undefined) return fields
    const userId = stringField(body, "user_id", { required: true })
    if (isRejection(userId)) return userId
    const role = roleField(body, "workspace_role", NO_BILLING_WORKSPACE_ROLES)
    if (isRejection(role)) {
      return body["workspace_role"] === "workspace_billing"
        ? invalid("workspace_role: workspace_billing cannot be used when adding a member")
        : role
    }
    const u = memberUser(state, String(userId))
    if (u === undefined) return notFound("user", String(userId))
    if (w.members.has(u.id)) return conflict(`user ${u.id} is already a member of workspace ${id}`)
    w.members.set(u.id, role)
    return ok(memberJson(w, u.id, role))
  }
}

const member: Route = {
  resource: "workspace_members",
  methods: ["GET", "POST", "DELETE"],
  handle: (state, r, [id = "", userId = ""]) => {
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const w = workspaceOf(state, id)
    if (w === undefined) return notFound("workspace", id)
    const role = w.members.get(userId)
    if (role === undefined) return notFound(`member of workspace ${id}`, userId)
    if (r.method === "GET") return ok(memberJson(w, userId, role))
    if (r.method === "DELETE") {
      if (memberUser(state, userId)?.role === "admin") {
        return invalid(
          "organization admins are workspace admins of every workspace and cannot be removed",
          "operation_not_allowed"
        )
      }
      w.members.delete(userId)
      return ok({ type: "workspace_member_deleted", user_id: userId, workspace_id: w.id })
    }
    const body = objectBody(r.body, true)
    if (isRejection(body)) return body
    const fields = onlyFields(body, ["workspace_role"])
    if (fields !== undefined) return fields
    const next = roleField(body, "workspace_role", WORKSPACE_ROLES)
    if (isRejection(next)) return next
    w.members.set(userId, next)
    return ok(memberJson(w, userId, next))
  }
}

const apiKeys: Route = {
  resource: "api_keys",
  methods: ["GET"],
  handle: (state, r) => {
    const bad = onlyParams(r.query, [
      "limit",
      "after_id",
      "before_id",
      "status",
      "workspace_id",
      "created_by_user_id"
    ])
    if (bad !== undefined) return bad
    const status = r.query.get("status")
    if (status !== null && !KEY_STATUSES.includes(status)) {
      return invalid(`status: must be one of ${KEY_STATUSES.join(", ")}, got ${JSON.stringify(status)}`)
    }
    const workspaceId = r.query.get("workspace_id")
    const createdBy = r.query.get("created_by_user_id")
    const rows = state.keys.filter(
      (k) =>
        (status === null || k.status === status) &&
        (workspaceId === null || k.workspaceId === workspaceId) &&
        (createdBy === null || k.createdBy === createdBy)
    )
    return pageOf(
      state,
      r.query,
      "apikey_",
      rows.map((k) => ({ id: k.id, rank: k.rank, item: k })),
      keyJson
    )
  }
}

const apiKey: Route = {
  resource: "api_keys",
  methods: ["GET", "POST"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, [])
    if (bad !== undefined) return bad
    const k = state.keys.find((x) => x.id === id)
    if (k === undefined) return notFound("API key", id)
    if (r.method === "GET") return ok(keyJson(k))
    const body = objectBody(r.body, true)
    if (isRejection(body)) return body
    const fields = onlyFields(body, ["name", "status"])
    if (fields !== undefined) return fields
    const name = stringField(body, "name", { max: 500, nullable: true })
    if (isRejection(name)) return name
    const status = body["status"]
    if (status !== undefined && status !== null) {
      if (typeof status !== "string" || !KEY_UPDATE_STATUSES.includes(status)) {
        return invalid(
          `status: must be one of ${KEY_UPDATE_STATUSES.join(", ")}, got ${JSON.stringify(status)}`
        )
      }
      if (k.status === "archived" && status !== "archived") {
        return invalid(`API key ${id} is archived; archiving cannot be undone`, "operation_not_allowed")
      }
      if (k.status === "expired") return invalid(`API key ${id} has expired`, "operation_not_allowed")
    }
    if (typeof name === "string") k.name = name
    if (typeof status === "string") k.status = status
    return ok(keyJson(k))
  }
}

/** Style C paging of rate-limit entries: everything without `limit`, else pages with `next_page`. */
const cursorPage = <A>(r: ManagementRequest, items: ReadonlyArray<A>): Outcome => {
  const limited = r.query.get("limit") !== null
  const limit = parseLimit(r.query, items.length, 1000, "")
  if (isRejection(limit)) return limit
  const fp = fingerprint(r.path, r.query)
  const page = r.query.get("page")
  let from = 0
  if (page !== null) {
    const at = decodeCursor(page, fp)
    if (at === undefined || at < 0 || at >= Math.max(1, items.length)) {
      return invalid(
        "page: not a next_page value issued for this query; send the same parameters as the first request",
        "invalid_page_cursor"
      )
    }
    from = at
  }
  const to = limited ? Math.min(items.length, from + limit) : items.length
  return ok({ data: items.slice(from, to), next_page: to < items.length ? encodeCursor(to, fp) : null })
}

const groupTypeOf = (query: URLSearchParams): string | null | Rejection => {
  const v = query.get("group_type")
  if (v !== null && !GROUP_TYPES.includes(v)) {
    return invalid(`group_type: must be one of ${GROUP_TYPES.join(", ")}, got ${JSON.stringify(v)}`)
  }
  return v
}

const rateLimits: Route = {
  resource: "rate_limits",
  methods: ["GET"],
  handle: (state, r) => {
    const bad = onlyParams(r.query, ["group_type", "model", "limit", "page"])
    if (bad !== undefined) return bad
    const groupType = groupTypeOf(r.query)
    if (isRejection(groupType)) return groupType
    const model = r.query.get("model")
    const rows = state.rateLimits.filter(
      (x) =>
        (groupType === null || x.groupType === groupType) &&
        (model === null || (x.models ?? []).includes(model))
    )
    if (model !== null && rows.length === 0) {
      return notFound("rate-limit group for model", model)
    }
    return cursorPage(
      r,
      rows.map((x) => ({
        id: x.id,
        type: "rate_limit",
        group: { ...x.group },
        models: x.models === null ? null : [...x.models],
        limits: x.limits.map((l) => ({ ...l }))
      }))
    )
  }
}

const workspaceRateLimits: Route = {
  resource: "rate_limits",
  methods: ["GET"],
  handle: (state, r, [id = ""]) => {
    const bad = onlyParams(r.query, ["group_type", "include_inherited", "limit", "page"])
    if (bad !== undefined) return bad
    const groupType = groupTypeOf(r.query)
    if (isRejection(groupType)) return groupType
    const inherited = parseBoolean(r.query, "include_inherited")
    if (isRejection(inherited)) return inherited
    const w = workspaceOf(state, id)
    if (w === undefined) return notFound("workspace", id)
    const overrides = state.overrides.get(w.id)
    const entries = state.rateLimits
      .filter((x) => groupType === null || x.groupType === groupType)
      .flatMap((x) => {
        const own = overrides?.get(x.id)
        // Without include_inherited only overrides are listed; a missing limiter means "inherits" (§6.7).
        const limits = x.limits.flatMap((l) => {
          const value = own?.get(l.type)
          if (value !== undefined) {
            return [{ type: l.type, value, org_limit: l.value, source: { type: "workspace" } }]
          }
          return inherited
            ? [{ type: l.type, value: l.value, org_limit: l.value, source: { type: "organization" } }]
            : []
        })
        return limits.length === 0
          ? []
          : [
              {
                type: "workspace_rate_limit",
                workspace_id: w.id,
                rate_limit_id: x.id,
                group: { ...x.group },
                models: x.models === null ? null : [...x.models],
                limits
              }
            ]
      })
    return cursorPage(r, entries)
  }
}

const ROUTES: ReadonlyArray<readonly [RegExp, Route]> = [
  [new RegExp(`^${P}/me$`), me],
  [new RegExp(`^${P}/users$`), users],
  [new RegExp(`^${P}/users/([^/]+)$`), user],
  [new RegExp(`^${P}/invites$`), invites],
  [new RegExp(`^${P}/invites/([^/]+)$`), invite],
  [new RegExp(`^${P}/workspaces$`), workspaces],
  [new RegExp(`^${P}/workspaces/([^/]+)$`), workspace],
  [new RegExp(`^${P}/workspaces/([^/]+)/archive$`), archive],
  [new RegExp(`^${P}/workspaces/([^/]+)/members$`), members],
  [new RegExp(`^${P}/workspaces/([^/]+)/members/([^/]+)$`), member],
  [new RegExp(`^${P}/workspaces/([^/]+)/rate_limits$`), workspaceRateLimits],
  [new RegExp(`^${P}/api_keys$`), apiKeys],
  [new RegExp(`^${P}/api_keys/([^/]+)$`), apiKey],
  [new RegExp(`^${P}/rate_limits$`), rateLimits]
]

/** The management route of a path: its resource, methods and the ids in the path; `undefined` if none. */
export const matchRoute = (
  path: string
): { readonly route: Route; readonly ids: ReadonlyArray<string> } | undefined => {
  for (const [pattern, route] of ROUTES) {
    const m = pattern.exec(path)
    if (m === null) continue
    try {
      return { route, ids: m.slice(1).map((s) => decodeURIComponent(s)) }
    } catch {
      return { route, ids: m.slice(1) }
    }
  }
  return undefined
}

/** Answers a routed management request (the method is one of the route's). */
export const handleManagement = (
  state: State,
  matched: { readonly route: Route; readonly ids: ReadonlyArray<string> },
  request: ManagementRequest
): Outcome => matched.route.handle(state, request, matched.ids)
