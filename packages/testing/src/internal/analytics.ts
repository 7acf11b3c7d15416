/**
 * The Usage and Cost Analytics API's `usage` and `cost` endpoints (analytics
 * reference §1–§3), served from the same organisation truth as the legacy
 * reports: the same minutes, the same token rates, the same code-execution
 * blocks. Written from the reference, never from a client's schemas.
 */
import {
  type ActivitySource,
  activitySources,
  CODE_EXECUTION_BLOCK_PICOCENTS,
  type FakeOrganization,
  forEachActivity,
  TOKEN_FIELD,
  tokenRates,
  WEB_SEARCH_PICOCENTS
} from "../FakeOrganization.js"
import { formatPicocents, TOKEN_TYPES } from "./models.js"
import {
  DAY,
  fingerprint,
  formatInstant,
  HOUR,
  invalid,
  isRejection,
  MINUTE,
  type Outcome,
  parseLimit,
  instantParam,
  requiredInstant,
  type Rejection,
  scalar
} from "./wire.js"

/** `GET /v1/organizations/analytics/usage` (analytics reference §2). */
export const ANALYTICS_USAGE_PATH = "/v1/organizations/analytics/usage"
/** `GET /v1/organizations/analytics/cost` (analytics reference §3). */
export const ANALYTICS_COST_PATH = "/v1/organizations/analytics/cost"
/** The beta header value both endpoints require (analytics reference §1.1). */
export const ANALYTICS_BETA = "analytics-usage-cost-2026-08-24"
/** The header that unlocks `speed` (required here too: the stricter reading of an unconfirmed rule). */
const FAST_MODE_BETA = "fast-mode-2026-02-01"

/** The earliest `starting_at` (analytics reference §2.1). */
const EARLIEST = Date.UTC(2026, 0, 1)
const LOOKBACK = 365 * DAY
const MAX_SPAN = 31 * DAY
const MAX_MINUTE_SPAN = DAY
const MAX_GROUP_BY = 5
/** Array filters take at most this many values (assumed from the legacy reports, analytics reference §1.2). */
const MAX_FILTER_VALUES = 100
const LIMIT_MAX = 1000
const LIMIT_DEFAULT = 20

/** The 20 usage dimensions, in the order `group` lists them (alphabetical, as the SDK's type). */
export const USAGE_DIMENSIONS = [
  "actor",
  "actor_type",
  "agent_id",
  "api_key_id",
  "claude_tag_category",
  "claude_tag_user_id",
  "context_window",
  "deployment_id",
  "environment_id",
  "inference_geo",
  "model",
  "organization_id",
  "product",
  "rbac_group_id",
  "service_tier",
  "session_id",
  "slack_channel_id",
  "speed",
  "user_profile_id",
  "workspace_id"
] as const
type Dimension = (typeof USAGE_DIMENSIONS)[number]

/** The cost endpoint's 22 `group` keys: the 20 plus `cost_type` and `token_type`, alphabetical. */
const COST_KEYS = [...USAGE_DIMENSIONS, "cost_type", "token_type"].sort()

const ACTOR_TYPES = ["api_actor", "federated_actor", "service_account_actor", "user_actor"]
const SERVICE_TIERS = ["batch", "flex", "flex_discount", "priority", "priority_on_demand", "standard"]
const CONTEXT_WINDOWS = ["0-200k", "200k-1M"]
const INFERENCE_GEOS = ["global", "us", "not_available"]
const SPEEDS = ["fast", "standard"]
const CLAUDE_TAG_CATEGORIES = ["dm", "engaged", "monitoring", "proactive", "scheduled"]
/** `products[]` on `usage`/`cost` (analytics reference §1.5). */
const PRODUCTS = [
  "chat",
  "chat_cowork_unified",
  "claude_code",
  "claude_console",
  "claude_design",
  "claude_in_chrome",
  "claude_tag",
  "cowork",
  "managed_agents_api",
  "message_batches_api",
  "messages_api",
  "office_agent"
]

/** An array filter: its name (without `[]`), the allowed values, and whether the empty entry is meaningful. */
interface Filter {
  readonly name: string
  readonly allowed?: ReadonlyArray<string>
  readonly empty?: boolean
  /** Whether a source matches one of `values`; absent: no activity of the fake has the dimension. */
  readonly match?: (source: ActivitySource, values: ReadonlySet<string>) => boolean
}

const actorId = (s: ActivitySource): string =>
  s.actor.type === "user_actor"
    ? s.actor.user_id
    : s.actor.type === "service_account_actor"
      ? s.actor.service_account_id
      : s.actor.api_key_id

const has = (value: string | null, values: ReadonlySet<string>) => value !== null && values.has(value)

const FILTERS: ReadonlyArray<Filter> = [
  // An apikey_ entry matches only usage attributed to the key itself (api_actor).
  { name: "actor_ids", match: (s, v) => v.has(actorId(s)) },
  { name: "actor_types", allowed: ACTOR_TYPES, match: (s, v) => v.has(s.actor.type) },
  // Every request the key authenticated; the empty entry matches usage with no key.
  { name: "api_key_ids", empty: true, match: (s, v) => v.has(s.apiKeyId ?? "") },
  { name: "workspace_ids", match: (s, v) => v.has(s.workspaceId) },
  { name: "models", match: (s, v) => has(s.model, v) },
  { name: "service_tiers", allowed: SERVICE_TIERS, match: (s, v) => has(s.serviceTier, v) },
  { name: "context_windows", allowed: CONTEXT_WINDOWS, match: (s, v) => has(s.contextWindow, v) },
  // not_available matches an unset region (null in responses).
  {
    name: "inference_geos",
    allowed: INFERENCE_GEOS,
    match: (s, v) => v.has(s.inferenceGeo ?? "not_available")
  },
  { name: "speeds", allowed: SPEEDS, match: (s, v) => has(s.speed, v) },
  { name: "products", allowed: PRODUCTS, match: (s, v) => has(s.product, v) },
  { name: "rbac_group_ids" },
  { name: "organization_ids" },
  { name: "agent_ids" },
  { name: "session_ids" },
  { name: "environment_ids" },
  { name: "deployment_ids" },
  { name: "slack_channel_ids" },
  { name: "claude_tag_user_ids" },
  { name: "claude_tag_categories", allowed: CLAUDE_TAG_CATEGORIES },
  { name: "user_profile_ids" }
]

const SCALARS = [
  "starting_at",
  "ending_at",
  "time_bucket_width",
  "limit",
  "page",
  "order_by",
  "order",
  "exclude_deleted_users"
]

/** Names a client may send by mistake, with the analytics name to use instead. */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  bucket_width: "time_bucket_width",
  "context_window[]": "context_windows[]",
  "account_ids[]": "actor_ids[]",
  "service_account_ids[]": "actor_ids[]",
  "user_ids[]": "actor_ids[]"
}

const WIDTHS: Readonly<Record<string, number>> = { "1d": DAY, "1h": HOUR, "1m": MINUTE }

/** What the endpoints need from the fake instance. */
export interface AnalyticsContext {
  /**
   * `data_refreshed_at` (ms): minutes at or after it are not exported yet and
   * not counted; a range starting at or after it has no export (`null`).
   */
  readonly watermark: number
  /** The current state of a user account (for `user_actor`: email, name, deleted). */
  readonly user: (
    id: string
  ) => { readonly email: string; readonly name: string; readonly member: boolean } | undefined
  /** The `anthropic-beta` values sent. */
  readonly betas: ReadonlySet<string>
}

/** The parsed, validated query. */
interface Query {
  readonly cost: boolean
  readonly first: number
  readonly width: number
  readonly buckets: number
  readonly bucketed: boolean
  readonly limit: number
  readonly groupBy: ReadonlySet<string>
  readonly orderBy: string
  readonly ascending: boolean
  readonly excludeDeleted: boolean
  readonly sources: ReadonlyArray<ActivitySource>
  readonly fingerprint: string
  readonly page: string | null
}

const checkNames = (query: URLSearchParams, cost: boolean): Rejection | undefined => {
  const arrays = new Set(["group_by", ...FILTERS.map((f) => f.name)])
  for (const name of new Set(query.keys())) {
    if (SCALARS.includes(name)) continue
    if (name.endsWith("[]") && arrays.has(name.slice(0, -2))) continue
    if (arrays.has(name)) {
      return invalid(
        `${name}: array parameters use the bracket form, repeated per value: ${name}[]=…`,
        "bracket_form_required"
      )
    }
    const hint = LEGACY_NAMES[name]
    return invalid(
      `${name}: not a parameter of the analytics ${cost ? "cost" : "usage"} endpoint${hint === undefined ? "" : `; use ${hint}`}`,
      "unknown_parameter"
    )
  }
  return undefined
}

const arrayValues = (query: URLSearchParams, filter: Filter): ReadonlyArray<string> | Rejection => {
  const values = query.getAll(`${filter.name}[]`)
  if (values.length > MAX_FILTER_VALUES) {
    return invalid(
      `${filter.name}[]: at most ${MAX_FILTER_VALUES} values, got ${values.length}`,
      "too_many_filter_values"
    )
  }
  for (const v of values) {
    if (v === "" && filter.empty !== true) return invalid(`${filter.name}[]: empty value`)
    if (v !== "" && filter.allowed !== undefined && !filter.allowed.includes(v)) {
      return invalid(
        `${filter.name}[]: unknown value ${JSON.stringify(v)}; expected one of ${filter.allowed.join(", ")}`
      )
    }
  }
  return values
}

const parseQuery = (
  org: FakeOrganization,
  path: string,
  query: URLSearchParams,
  ctx: AnalyticsContext,
  cost: boolean
): Query | Rejection => {
  const names = checkNames(query, cost)
  if (names !== undefined) return names
  for (const name of SCALARS) {
    const v = scalar(query, name)
    if (isRejection(v)) return v
  }
  const widthName = query.get("time_bucket_width")
  if (widthName !== null && WIDTHS[widthName] === undefined) {
    return invalid(`time_bucket_width: must be one of 1d, 1h, 1m, got ${JSON.stringify(widthName)}`)
  }
  const limit = parseLimit(query, LIMIT_DEFAULT, LIMIT_MAX, "")
  if (isRejection(limit)) return limit

  const groupValues = query.getAll("group_by[]")
  const allowedGroups: ReadonlyArray<string> = cost
    ? [...USAGE_DIMENSIONS, "cost_type", "token_type"]
    : USAGE_DIMENSIONS
  for (const g of groupValues) {
    if (g === "") return invalid("group_by[]: empty value")
    if (!allowedGroups.includes(g)) {
      return invalid(
        `group_by[]: unknown value ${JSON.stringify(g)}; expected one of ${allowedGroups.join(", ")}`
      )
    }
  }
  // cost_type and token_type do not count toward the limit (analytics reference §3).
  const counted = groupValues.filter((g) => g !== "cost_type" && g !== "token_type").length
  if (counted > MAX_GROUP_BY) {
    return invalid(
      `group_by[]: at most ${MAX_GROUP_BY} dimensions may be given per request${cost ? " (cost_type and token_type not counted)" : ""}, got ${counted} (values are counted as sent, repeats included); combine several requests to group by more`,
      "too_many_group_by_dimensions"
    )
  }
  const groupBy = new Set(groupValues)

  const orderByValues = cost
    ? ["amount", "list_amount", "time"]
    : ["total_tokens", "uncached_input_tokens", "output_tokens", "requests", "time"]
  const orderBy = query.get("order_by") ?? orderByValues[0] ?? "time"
  if (!orderByValues.includes(orderBy)) {
    return invalid(`order_by: must be one of ${orderByValues.join(", ")}, got ${JSON.stringify(orderBy)}`)
  }
  const order = query.get("order") ?? "desc"
  if (order !== "asc" && order !== "desc") {
    return invalid(`order: must be asc or desc, got ${JSON.stringify(order)}`)
  }
  const excludeRaw = query.get("exclude_deleted_users")
  if (excludeRaw !== null && excludeRaw !== "true" && excludeRaw !== "false") {
    return invalid(`exclude_deleted_users: must be true or false, got ${JSON.stringify(excludeRaw)}`)
  }
  const excludeDeleted = excludeRaw === "true"
  if (excludeDeleted && !groupBy.has("actor")) {
    return invalid(
      "exclude_deleted_users: needs group_by[]=actor (it drops user_actor rows of deleted users)",
      "incompatible_parameters"
    )
  }

  const filters: Array<readonly [Filter, ReadonlySet<string>]> = []
  for (const filter of FILTERS) {
    const values = arrayValues(query, filter)
    if (isRejection(values)) return values
    if (values.length > 0) filters.push([filter, new Set(values)])
  }
  const filtered = (name: string) => filters.some(([f]) => f.name === name)
  if (
    (groupBy.has("claude_tag_user_id") || filtered("claude_tag_user_ids")) &&
    (groupBy.has("rbac_group_id") || filtered("rbac_group_ids"))
  ) {
    return invalid(
      "claude_tag_user_id cannot be combined with rbac_group_id grouping or filtering",
      "incompatible_parameters"
    )
  }
  if (filtered("organization_ids")) {
    return invalid(
      "organization_ids[]: only a parent organization's key may filter by child organizations; this organization is not a parent",
      "parent_organization_required"
    )
  }
  if (!ctx.betas.has(FAST_MODE_BETA) && (groupBy.has("speed") || filtered("speeds"))) {
    return invalid(
      `${groupBy.has("speed") ? "group_by[]: speed" : "speeds[]"} requires the header anthropic-beta: ${FAST_MODE_BETA} (in addition to ${ANALYTICS_BETA})`,
      "beta_header_required"
    )
  }

  // Dates (analytics reference §2.1).
  const start = requiredInstant(query, "starting_at", "2026-10-01T00:00:00Z")
  if (isRejection(start)) return start
  const now = org.now
  if (start < EARLIEST || start < now - LOOKBACK) {
    const earliest = Math.max(EARLIEST, now - LOOKBACK)
    return invalid(
      `starting_at: must be within the last 365 days and not before 2026-01-01T00:00:00Z (the earliest accepted now is ${formatInstant(earliest)}), got ${formatInstant(start)}`,
      "starting_at_out_of_range"
    )
  }
  const given = instantParam(query, "ending_at", "2026-10-08T00:00:00Z")
  if (isRejection(given)) return given
  if (given === null && widthName !== null) {
    return invalid(
      "ending_at: required with time_bucket_width; an RFC 3339 timestamp",
      "missing_required_parameter"
    )
  }
  const end = given ?? Math.min(now, start + MAX_SPAN)
  if (end - start > MAX_SPAN) {
    return invalid(
      `ending_at: the range may span at most 31 days, got ${((end - start) / DAY).toFixed(2)} days; split it into several requests`,
      "date_range_too_long"
    )
  }
  if (widthName === "1m" && end - start > MAX_MINUTE_SPAN) {
    return invalid(
      `ending_at: with time_bucket_width=1m the range may span at most 24 hours, got ${((end - start) / HOUR).toFixed(2)} hours`,
      "date_range_too_long"
    )
  }
  // Buckets snap to their width; without a width both ends are rounded down to the hour.
  const width = widthName === null ? HOUR : (WIDTHS[widthName] ?? DAY)
  const first = Math.floor(start / width) * width
  const last = Math.floor(end / width) * width
  if (last <= first) {
    return invalid(
      `invalid date range: ending_at must be after starting_at once both are rounded down to ${widthName === null ? "the hour" : `the bucket width (${widthName})`}; got ${formatInstant(first)} to ${formatInstant(last)}`,
      "invalid_date_range",
      { "x-should-retry": "false" }
    )
  }
  const bucketed = widthName !== null
  const sources = activitySources(org).filter((s) =>
    filters.every(([filter, values]) => (filter.match === undefined ? false : filter.match(s, values)))
  )
  return {
    cost,
    first,
    width: bucketed ? width : last - first,
    buckets: bucketed ? (last - first) / width : 1,
    bucketed,
    limit,
    groupBy,
    orderBy: orderBy === "time" && !bucketed ? (cost ? "amount" : "total_tokens") : orderBy,
    ascending: order === "asc",
    excludeDeleted,
    sources,
    fingerprint: fingerprint(path, query),
    page: query.get("page")
  }
}

/** A dimension's value for a source, as a grouping key (the actor by its id). */
const keyValue = (org: FakeOrganization, s: ActivitySource, d: Dimension): string | null => {
  switch (d) {
    case "actor":
      return `${s.actor.type}:${actorId(s)}`
    case "actor_type":
      return s.actor.type
    case "api_key_id":
      return s.apiKeyId
    case "context_window":
      return s.contextWindow
    case "inference_geo":
      return s.inferenceGeo
    case "model":
      return s.model
    case "organization_id":
      return org.organizationId
    case "product":
      return s.product
    case "service_tier":
      return s.serviceTier
    case "speed":
      return s.speed
    case "workspace_id":
      return s.workspaceId
    default:
      return null
  }
}

const renderActor = (s: ActivitySource, ctx: AnalyticsContext): Record<string, unknown> => {
  switch (s.actor.type) {
    case "user_actor": {
      const user = ctx.user(s.actor.user_id)
      return {
        type: "user_actor",
        user_id: s.actor.user_id,
        // A former member keeps their email; a deleted account would have none.
        email_address: user?.email ?? null,
        name: user?.name ?? null,
        deleted: user === undefined || !user.member
      }
    }
    case "service_account_actor":
      return { type: "service_account_actor", service_account_id: s.actor.service_account_id }
    case "api_actor":
      return { type: "api_actor", api_key_id: s.actor.api_key_id }
  }
}

const isDeletedUser = (row: { readonly group: Record<string, unknown> }): boolean => {
  const actor = row.group["actor"] as { readonly type?: string; readonly deleted?: boolean } | null
  return actor !== null && actor.type === "user_actor" && actor.deleted === true
}

/**
 * Web-search cost carries no token dimensions, as in the legacy cost report
 * (reference §4): its `model`, `service_tier`, `context_window`,
 * `inference_geo` and `speed` are `null`, so analytics and legacy cost agree
 * per model. The searches themselves stay on their model's usage rows.
 */
const webSearchSource = (s: ActivitySource): ActivitySource => ({
  ...s,
  model: null,
  serviceTier: null,
  contextWindow: null,
  inferenceGeo: null,
  speed: null
})

/**
 * Groups the query's sources by the grouped dimensions: a group index per
 * source (and, for cost, per source's web search), a representative per group.
 */
const groupSources = (org: FakeOrganization, q: Query, webSearch = false) => {
  const grouped = USAGE_DIMENSIONS.filter((d) => q.groupBy.has(d))
  const index = new Map<string, number>()
  const keys: Array<string> = []
  const representative: Array<ActivitySource> = []
  const place = (s: ActivitySource): number => {
    const key = JSON.stringify(grouped.map((d) => keyValue(org, s, d)))
    let g = index.get(key)
    if (g === undefined) {
      g = keys.length
      index.set(key, g)
      keys.push(key)
      representative.push(s)
    }
    return g
  }
  const of = new Map<number, number>()
  const webOf = new Map<number, number>()
  for (const s of q.sources) {
    of.set(s.index, place(s))
    if (webSearch && s.kind === "messages") webOf.set(s.index, place(webSearchSource(s)))
  }
  return { keys, representative, of, webOf }
}

const renderGroup = (
  org: FakeOrganization,
  q: Query,
  s: ActivitySource,
  ctx: AnalyticsContext,
  extra: Readonly<Record<string, string | null>> = {}
): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of q.cost ? COST_KEYS : USAGE_DIMENSIONS) {
    if (key === "cost_type" || key === "token_type") {
      out[key] = extra[key] ?? null
    } else if (!q.groupBy.has(key)) {
      out[key] = null
    } else {
      out[key] = key === "actor" ? renderActor(s, ctx) : keyValue(org, s, key as Dimension)
    }
  }
  return out
}

/** A row before paging: its bucket, group key (tie-breaker), sort metrics and wire body. */
interface Unit {
  readonly bucket: number
  readonly key: string
  readonly metric: bigint
  readonly time: number
  /** The wire rows, rendered only for the units on the page. */
  readonly rows: () => ReadonlyArray<{
    readonly group: Record<string, unknown>
    readonly body: Record<string, unknown>
  }>
}

const compare =
  (q: Query) =>
  (a: Unit, b: Unit): number => {
    const byMetric = a.metric === b.metric ? 0 : a.metric > b.metric ? -1 : 1
    const byKey = a.key < b.key ? -1 : a.key > b.key ? 1 : 0
    if (q.orderBy === "time") {
      const byTime = a.time === b.time ? 0 : (a.time < b.time ? -1 : 1) * (q.ascending ? 1 : -1)
      // Within a bucket: total_tokens (usage) or amount (cost) descending.
      return byTime !== 0 ? byTime : byMetric !== 0 ? byMetric : byKey
    }
    const directed = q.ascending ? -byMetric : byMetric
    const byTime = a.time - b.time
    return directed !== 0 ? directed : byTime !== 0 ? byTime : byKey
  }

// Cursors: position, query fingerprint and the export they were issued under (a refresh expires them).
const toBase64Url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
const encodeCursor = (position: number, fp: string, watermark: number) =>
  `page_${toBase64Url(`${position}.${fp}.${watermark.toString(36)}`)}`

const decodeCursor = (page: string, fp: string, watermark: number, total: number): number | Rejection => {
  const bad = invalid(
    "page: not a next_page value issued for this query; send the same parameters as the first request",
    "invalid_page_cursor"
  )
  if (!page.startsWith("page_")) return bad
  let text: string
  try {
    text = atob(page.slice(5).replace(/-/g, "+").replace(/_/g, "/"))
  } catch {
    return bad
  }
  const [position, cursorFp, mark] = text.split(".")
  if (cursorFp !== fp || position === undefined || mark === undefined || !/^\d+$/.test(position)) return bad
  if (mark !== watermark.toString(36)) {
    return {
      status: 410,
      type: "invalid_request_error",
      message:
        "page: this cursor has expired after a data refresh (data_refreshed_at changed); restart from the first page",
      code: "cursor_expired"
    }
  }
  const n = Number(position)
  return n >= total && n !== 0 ? bad : n
}

/** The cursor of a query's own first page (for the repeated-cursor fault). */
export const ownCursor = (path: string, query: URLSearchParams, watermark: number): string =>
  query.get("page") ?? encodeCursor(0, fingerprint(path, query), watermark)

const respond = (q: Query, ctx: AnalyticsContext, units: ReadonlyArray<Unit>): Outcome => {
  const sorted = [...units].sort(compare(q))
  const from = q.page === null ? 0 : decodeCursor(q.page, q.fingerprint, ctx.watermark, sorted.length)
  if (isRejection(from)) return from
  const next = Math.min(sorted.length, from + q.limit)
  const hasMore = next < sorted.length
  let data = sorted.slice(from, next).flatMap((u) =>
    u.rows().map((r) => ({
      starting_at: formatInstant(q.first + u.bucket * q.width),
      ending_at: formatInstant(q.first + (u.bucket + 1) * q.width),
      group: r.group,
      ...r.body
    }))
  )
  // Applied to the page after paging: pages may hold fewer rows than limit (analytics reference §2.1).
  if (q.excludeDeleted) data = data.filter((row) => !isDeletedUser(row))
  return {
    status: 200,
    body: {
      data,
      has_more: hasMore,
      next_page: hasMore ? encodeCursor(next, q.fingerprint, ctx.watermark) : null,
      data_refreshed_at: formatInstant(ctx.watermark)
    }
  }
}

/** Checks the beta header and parses the query; a range with no export yet answers an empty page. */
const prepare = (
  org: FakeOrganization,
  path: string,
  query: URLSearchParams,
  ctx: AnalyticsContext,
  cost: boolean
): Query | Outcome => {
  if (!ctx.betas.has(ANALYTICS_BETA)) {
    return invalid(
      `anthropic-beta: the analytics ${cost ? "cost" : "usage"} endpoint requires the header anthropic-beta: ${ANALYTICS_BETA}`,
      "beta_header_required"
    )
  }
  const q = parseQuery(org, path, query, ctx, cost)
  if (isRejection(q)) return q
  if (q.first >= ctx.watermark) {
    // No export covers any part of the range (analytics reference §1.4).
    return { status: 200, body: { data: [], has_more: false, next_page: null, data_refreshed_at: null } }
  }
  return q
}

const isQuery = (u: Query | Outcome): u is Query => "sources" in u

/** `GET /v1/organizations/analytics/usage`. */
export const usage = (
  org: FakeOrganization,
  path: string,
  query: URLSearchParams,
  ctx: AnalyticsContext
): Outcome => {
  const q = prepare(org, path, query, ctx, false)
  if (!isQuery(q)) return q
  const { keys, of, representative } = groupSources(org, q)
  const groups = keys.length
  const out = new Float64Array(q.buckets * groups * 7)
  const range = { start: q.first, width: q.width, buckets: q.buckets, until: ctx.watermark }
  for (const s of q.sources) {
    const g = of.get(s.index) ?? 0
    forEachActivity(org, s, range, (b, v) => {
      const o = (b * groups + g) * 7
      for (let f = 0; f < 7; f++) out[o + f] = (out[o + f] ?? 0) + (v[f] ?? 0)
    })
  }
  const units: Array<Unit> = []
  for (let b = 0; b < q.buckets; b++) {
    for (let g = 0; g < groups; g++) {
      const o = (b * groups + g) * 7
      const v = Array.from(out.subarray(o, o + 7))
      // Only rows with usage (analytics reference §2).
      if (v.every((x) => x === 0)) continue
      const [uncached = 0, cacheRead = 0, output = 0, c5m = 0, c1h = 0, searches = 0, requests = 0] = v
      const total = uncached + cacheRead + output + c5m + c1h
      const metric =
        q.orderBy === "uncached_input_tokens"
          ? uncached
          : q.orderBy === "output_tokens"
            ? output
            : q.orderBy === "requests"
              ? requests
              : total
      const s = representative[g]
      if (s === undefined) continue
      units.push({
        bucket: b,
        key: keys[g] ?? "",
        metric: BigInt(metric),
        time: b,
        rows: () => [
          {
            group: renderGroup(org, q, s, ctx),
            body: {
              usage: {
                uncached_input_tokens: uncached,
                output_tokens: output,
                cache_read_input_tokens: cacheRead,
                cache_creation: { ephemeral_5m_input_tokens: c5m, ephemeral_1h_input_tokens: c1h },
                server_tool_use: { web_search_requests: searches },
                requests,
                total_tokens: total
              }
            }
          }
        ]
      })
    }
  }
  return respond(q, ctx, units)
}

/** Cost components per (bucket, group): the five token types, web search, code execution. */
const COMPONENTS = 7

/**
 * The list price: 25% above the billed (post-discount) price, per token or
 * unit, rounded down to a whole picocent (a 20% negotiated discount).
 */
const listRate = (rate: bigint): bigint => rate + rate / 4n

/**
 * An exact amount of cents with at least six decimals, as the reference's
 * examples print them (`"41280.000000"`); more when the picocents need them.
 */
const formatAmount = (picocents: bigint): string => {
  const exact = formatPicocents(picocents)
  const [whole, fraction = ""] = exact.split(".")
  return `${whole}.${fraction.padEnd(6, "0")}`
}

/** `GET /v1/organizations/analytics/cost`. */
export const cost = (
  org: FakeOrganization,
  path: string,
  query: URLSearchParams,
  ctx: AnalyticsContext
): Outcome => {
  const q = prepare(org, path, query, ctx, true)
  if (!isQuery(q)) return q
  const { keys, of, representative, webOf } = groupSources(org, q, true)
  const groups = keys.length
  const cells = q.buckets * groups * COMPONENTS
  const amounts: Array<bigint> = new Array<bigint>(cells).fill(0n)
  const lists: Array<bigint> = new Array<bigint>(cells).fill(0n)
  const requests = new Float64Array(q.buckets * groups)
  const range = { start: q.first, width: q.width, buckets: q.buckets, until: ctx.watermark }
  const perBucket = new Float64Array(q.buckets * 8)
  const touched = new Uint8Array(q.buckets)
  for (const s of q.sources) {
    const g = of.get(s.index) ?? 0
    const gw = webOf.get(s.index) ?? g
    perBucket.fill(0)
    touched.fill(0)
    forEachActivity(org, s, range, (b, v) => {
      touched[b] = 1
      for (let f = 0; f < 8; f++) perBucket[b * 8 + f] = (perBucket[b * 8 + f] ?? 0) + (v[f] ?? 0)
    })
    const rates = s.stream === null ? [] : tokenRates(org, s.stream)
    for (let b = 0; b < q.buckets; b++) {
      if (touched[b] === 0) continue
      const o = b * 8
      const cell = (b * groups + g) * COMPONENTS
      requests[b * groups + g] = (requests[b * groups + g] ?? 0) + (perBucket[o + 6] ?? 0)
      const add = (at: number, component: number, units: number, rate: bigint) => {
        if (units === 0 || rate === 0n) return
        amounts[at + component] = (amounts[at + component] ?? 0n) + BigInt(units) * rate
        lists[at + component] = (lists[at + component] ?? 0n) + BigInt(units) * listRate(rate)
      }
      TOKEN_TYPES.forEach((_, t) => add(cell, t, perBucket[o + (TOKEN_FIELD[t] ?? 0)] ?? 0, rates[t] ?? 0n))
      // Web search is billed for every tier, as in the legacy cost report; code execution per block.
      add((b * groups + gw) * COMPONENTS, 5, perBucket[o + 5] ?? 0, WEB_SEARCH_PICOCENTS)
      add(cell, 6, perBucket[o + 7] ?? 0, CODE_EXECUTION_BLOCK_PICOCENTS)
    }
  }
  const byCostType = q.groupBy.has("cost_type")
  const byTokenType = q.groupBy.has("token_type")
  const fanOut = byCostType || byTokenType
  const units: Array<Unit> = []
  for (let b = 0; b < q.buckets; b++) {
    for (let g = 0; g < groups; g++) {
      const cell = (b * groups + g) * COMPONENTS
      const amount = (c: number) => amounts[cell + c] ?? 0n
      const list = (c: number) => lists[cell + c] ?? 0n
      const sum = (f: (c: number) => bigint, cs: ReadonlyArray<number>) =>
        cs.reduce((acc, c) => acc + f(c), 0n)
      const tokenParts = [0, 1, 2, 3, 4]
      // The rows this unit fans out to: [cost_type, token_type, amount, list_amount].
      const parts: Array<readonly [string | null, string | null, bigint, bigint]> = []
      if (!fanOut) {
        parts.push([null, null, sum(amount, [0, 1, 2, 3, 4, 5, 6]), sum(list, [0, 1, 2, 3, 4, 5, 6])])
      } else {
        if (byTokenType) {
          // token_type gives one row per token type with cost_type "tokens"; alone it drops non-token cost
          // (the stricter reading of an unconfirmed rule, analytics reference §3).
          tokenParts.forEach((t) => parts.push(["tokens", TOKEN_TYPES[t] ?? null, amount(t), list(t)]))
        } else {
          parts.push(["tokens", null, sum(amount, tokenParts), sum(list, tokenParts)])
        }
        if (byCostType) {
          parts.push(["web_search", null, amount(5), list(5)])
          parts.push(["code_execution", null, amount(6), list(6)])
        }
      }
      const shown = parts.filter(([, , a]) => a > 0n)
      // Only rows with cost.
      if (shown.length === 0) continue
      const s = representative[g]
      if (s === undefined) continue
      const metric = (p: readonly [string | null, string | null, bigint, bigint]) =>
        q.orderBy === "list_amount" ? p[3] : p[2]
      // Fan-out rows stay adjacent and rank as one unit, components by amount descending.
      shown.sort((x, y) => (metric(x) === metric(y) ? 0 : metric(x) > metric(y) ? -1 : 1))
      units.push({
        bucket: b,
        key: keys[g] ?? "",
        metric: shown.reduce((acc, p) => acc + metric(p), 0n),
        time: b,
        rows: () =>
          shown.map(([costType, tokenType, a, l]) => ({
            group: renderGroup(org, q, s, ctx, { cost_type: costType, token_type: tokenType }),
            body: {
              cost: {
                amount: formatAmount(a),
                list_amount: formatAmount(l),
                currency: "USD",
                requests: fanOut ? null : (requests[b * groups + g] ?? 0)
              }
            }
          }))
      })
    }
  }
  return respond(q, ctx, units)
}
