/** The three report endpoints, from the reference's rules (§3, §4, §5). */
import {
  accumulate,
  claudeCodeRecords,
  type FakeOrganization,
  forEachCostLine,
  type RawCostLine,
  type UsageStream
} from "../FakeOrganization.js"
import { formatPicocents } from "./models.js"
import {
  arrayParam,
  bareArrays,
  DAY,
  decodeCursor,
  encodeCursor,
  fingerprint,
  formatInstant,
  HOUR,
  invalid,
  isRejection,
  MINUTE,
  type Outcome,
  parseDate,
  parseLimit,
  instantParam,
  requiredInstant,
  type Rejection,
  scalar
} from "./wire.js"

/** At most this many `group_by[]` values per usage request (§10.1), counted as sent. */
export const MAX_GROUP_BY = 5

/** The beta header that unlocks the `speed` dimension. */
export const FAST_MODE_BETA = "fast-mode-2026-02-01"

/** The three report paths. */
export const USAGE_PATH = "/v1/organizations/usage_report/messages"
export const COST_PATH = "/v1/organizations/cost_report"
export const CLAUDE_CODE_PATH = "/v1/organizations/usage_report/claude_code"

const BUCKETS = {
  "1m": { width: MINUTE, fallback: 60, max: 1440 },
  "1h": { width: HOUR, fallback: 24, max: 168 },
  "1d": { width: DAY, fallback: 7, max: 31 }
} as const

const USAGE_DIMENSIONS = [
  "api_key_id",
  "workspace_id",
  "model",
  "service_tier",
  "context_window",
  "inference_geo",
  "speed",
  "account_id",
  "service_account_id"
] as const
type Dimension = (typeof USAGE_DIMENSIONS)[number]

const SERVICE_TIERS = ["standard", "batch", "priority", "priority_on_demand", "flex", "flex_discount"]
const CONTEXT_WINDOWS = ["0-200k", "200k-1M"]
const INFERENCE_GEOS = ["global", "us", "not_available"]
const SPEEDS = ["standard", "fast"]

const USAGE_FILTERS: ReadonlyArray<readonly [string, Dimension, ReadonlyArray<string> | undefined]> = [
  ["api_key_ids", "api_key_id", undefined],
  ["workspace_ids", "workspace_id", undefined],
  ["models", "model", undefined],
  ["service_tiers", "service_tier", SERVICE_TIERS],
  ["context_window", "context_window", CONTEXT_WINDOWS],
  ["inference_geos", "inference_geo", INFERENCE_GEOS],
  ["speeds", "speed", SPEEDS],
  ["account_ids", "account_id", undefined],
  ["service_account_ids", "service_account_id", undefined]
]

/** The request context an endpoint needs. */
export interface ReportRequest {
  readonly path: string
  readonly query: URLSearchParams
  readonly betas: ReadonlySet<string>
}

interface Window {
  readonly first: number
  readonly width: number
  readonly total: number
  readonly from: number
  readonly count: number
  readonly fingerprint: string
}

/** The position a `page` cursor points at (0 without one), checked against the query and the total. */
const pagePosition = (query: URLSearchParams, fp: string, total: number): number | Rejection => {
  const raw = scalar(query, "page")
  if (isRejection(raw)) return raw
  if (raw === null) return 0
  const position = decodeCursor(raw, fp)
  if (position === undefined || position < 0 || position >= total) {
    return invalid(
      "page: not a next_page value issued for this query; send the same parameters as the first request",
      "invalid_page_cursor"
    )
  }
  return position
}

/**
 * Resolves starting_at / ending_at / limit / page into the buckets of this page.
 * `defaultEnd` is the end used without `ending_at`.
 *
 * Both ends are floored to the bucket width (§10.2: confirmed for `1d`, applied
 * to `1h`/`1m` as well [unconfirmed]); a floored end at or before the floored
 * start is a 400 `invalid_date_range` with `x-should-retry: false`, so a range
 * that ends inside a bucket never returns that bucket.
 */
const window = (
  request: ReportRequest,
  width: number,
  limit: number,
  defaultEnd: number
): Window | Rejection => {
  const { query } = request
  const start = requiredInstant(query, "starting_at", "2026-03-01T00:00:00Z")
  if (isRejection(start)) return start
  const given = instantParam(query, "ending_at", "2026-03-08T00:00:00Z")
  if (isRejection(given)) return given
  const end = given ?? defaultEnd
  // Buckets are snapped to the start of their UTC minute/hour/day and end at or before ending_at.
  const first = Math.floor(start / width) * width
  const last = Math.floor(end / width) * width
  if (last <= first) {
    const what = given === null ? `no ending_at (the default end is ${formatInstant(end)})` : "ending_at"
    return invalid(
      `invalid date range: ending_at must be after starting_at once both are floored to the bucket width; got ${what}, floored to ${formatInstant(last)}, not after starting_at floored to ${formatInstant(first)}`,
      "invalid_date_range",
      { "x-should-retry": "false" }
    )
  }
  const total = (last - first) / width
  const fp = fingerprint(request.path, query)
  const from = pagePosition(query, fp, total)
  if (isRejection(from)) return from
  return { first, width, total, from, count: Math.min(limit, total - from), fingerprint: fp }
}

const page = (w: Window, data: ReadonlyArray<unknown>): Outcome => {
  const next = w.from + w.count
  const hasMore = next < w.total
  return {
    status: 200,
    body: { data, has_more: hasMore, next_page: hasMore ? encodeCursor(next, w.fingerprint) : null }
  }
}

/** `GET /v1/organizations/usage_report/messages`. */
export const messages = (org: FakeOrganization, request: ReportRequest): Outcome => {
  const { query } = request
  const bare = bareArrays(query, ["group_by", ...USAGE_FILTERS.map(([name]) => name)])
  if (bare !== undefined) return bare
  const widthRaw = scalar(query, "bucket_width")
  if (isRejection(widthRaw)) return widthRaw
  const widthName = widthRaw ?? "1d"
  if (widthName !== "1m" && widthName !== "1h" && widthName !== "1d") {
    return invalid(`bucket_width: must be one of 1m, 1h, 1d, got ${JSON.stringify(widthName)}`)
  }
  const bucket = BUCKETS[widthName]
  const limit = parseLimit(query, bucket.fallback, bucket.max, ` for bucket_width=${widthName}`)
  if (isRejection(limit)) return limit
  const sent = query.getAll("group_by[]").length
  if (sent > MAX_GROUP_BY) {
    return invalid(
      `group_by[]: at most ${MAX_GROUP_BY} dimensions may be given per request, got ${sent} (values are counted as sent, repeats included); combine several requests to group by more`,
      "too_many_group_by_dimensions"
    )
  }
  const groupByRaw = arrayParam(query, "group_by", USAGE_DIMENSIONS)
  if (isRejection(groupByRaw)) return groupByRaw
  const groupBy = new Set(groupByRaw as ReadonlyArray<Dimension>)
  const filters: Array<readonly [Dimension, ReadonlySet<string>]> = []
  for (const [name, dimension, allowed] of USAGE_FILTERS) {
    const values = arrayParam(query, name, allowed)
    if (isRejection(values)) return values
    if (values.length > 0) filters.push([dimension, new Set(values)])
  }
  const fast = request.betas.has(FAST_MODE_BETA)
  if (!fast && groupBy.has("speed")) {
    return invalid(
      `group_by[]: speed requires the header anthropic-beta: ${FAST_MODE_BETA}`,
      "beta_header_required"
    )
  }
  if (!fast && query.has("speeds[]")) {
    return invalid(`speeds[]: requires the header anthropic-beta: ${FAST_MODE_BETA}`, "beta_header_required")
  }
  // Daily reports end by default at today 00:00 UTC (§10.2); 1h/1m at the end of the organisation's day.
  const w = window(request, bucket.width, limit, widthName === "1d" ? org.end - DAY : org.end)
  if (isRejection(w)) return w

  const streams = org.streams.filter((s) =>
    filters.every(([dimension, allowed]) => {
      const value = s[dimension]
      return value !== null && allowed.has(value)
    })
  )
  const grouped = USAGE_DIMENSIONS.filter((d) => groupBy.has(d))
  const keyOf = (s: UsageStream) => JSON.stringify(grouped.map((d) => s[d]))
  const keys = [...new Set(streams.map(keyOf))].sort()
  const groupIndex = new Map(keys.map((k, i) => [k, i]))
  const byStream = new Int32Array(org.streams.length)
  const representative: Array<UsageStream | undefined> = []
  for (const s of streams) {
    const g = groupIndex.get(keyOf(s)) ?? 0
    byStream[s.index] = g
    representative[g] ??= s
  }
  const groups = Math.max(1, keys.length)
  const out = new Float64Array(w.count * groups * 6)
  accumulate(
    org,
    {
      start: w.first + w.from * w.width,
      width: w.width,
      buckets: w.count,
      streams: streams.map((s) => s.index),
      groups,
      group: (i) => byStream[i] ?? 0
    },
    out
  )
  const dim = (s: UsageStream | undefined, d: Dimension) => (groupBy.has(d) ? (s?.[d] ?? null) : null)
  const data = []
  for (let b = 0; b < w.count; b++) {
    const bucketStart = w.first + (w.from + b) * w.width
    const results = []
    for (let g = 0; g < keys.length; g++) {
      const o = (b * groups + g) * 6
      const v = out.subarray(o, o + 6)
      if (v.every((x) => x === 0)) continue
      const s = representative[g]
      results.push({
        uncached_input_tokens: v[0] ?? 0,
        cache_creation: {
          ephemeral_5m_input_tokens: v[3] ?? 0,
          ephemeral_1h_input_tokens: v[4] ?? 0
        },
        cache_read_input_tokens: v[1] ?? 0,
        output_tokens: v[2] ?? 0,
        server_tool_use: { web_search_requests: v[5] ?? 0 },
        api_key_id: dim(s, "api_key_id"),
        workspace_id: dim(s, "workspace_id"),
        model: dim(s, "model"),
        service_tier: dim(s, "service_tier"),
        context_window: dim(s, "context_window"),
        inference_geo: dim(s, "inference_geo"),
        account_id: dim(s, "account_id"),
        service_account_id: dim(s, "service_account_id"),
        ...(fast ? { speed: dim(s, "speed") } : {})
      })
    }
    data.push({
      starting_at: formatInstant(bucketStart),
      ending_at: formatInstant(bucketStart + w.width),
      results
    })
  }
  return page(w, data)
}

/** `GET /v1/organizations/cost_report`. */
export const cost = (org: FakeOrganization, request: ReportRequest): Outcome => {
  const { query } = request
  const bare = bareArrays(query, ["group_by"])
  if (bare !== undefined) return bare
  const widthRaw = scalar(query, "bucket_width")
  if (isRejection(widthRaw)) return widthRaw
  if (widthRaw !== null && widthRaw !== "1d") {
    return invalid(`bucket_width: the cost report supports only 1d, got ${JSON.stringify(widthRaw)}`)
  }
  const limit = parseLimit(query, 7, 31, "")
  if (isRejection(limit)) return limit
  const groupByRaw = arrayParam(query, "group_by", ["workspace_id", "description"])
  if (isRejection(groupByRaw)) return groupByRaw
  const byWorkspace = groupByRaw.includes("workspace_id")
  const byDescription = groupByRaw.includes("description")
  // Without ending_at the cost report ends at today 00:00 UTC (§10.2).
  const w = window(request, DAY, limit, org.end - DAY)
  if (isRejection(w)) return w
  const data = []
  for (let b = 0; b < w.count; b++) {
    const day = w.first + (w.from + b) * DAY
    const items = new Map<string, { picocents: bigint; line: RawCostLine }>()
    forEachCostLine(org, day, (line) => {
      const key = `${byWorkspace ? line.workspace_id : ""}\u0000${byDescription ? `${line.description}\u0000${line.model}` : ""}`
      const acc = items.get(key)
      if (acc === undefined) items.set(key, { picocents: line.picocents, line })
      else acc.picocents += line.picocents
    })
    const results = [...items.values()]
      .filter((i) => i.picocents !== 0n)
      .map(({ picocents, line }) => ({
        currency: "USD",
        amount: formatPicocents(picocents),
        workspace_id: byWorkspace ? line.workspace_id : null,
        description: byDescription ? line.description : null,
        cost_type: byDescription ? line.cost_type : null,
        model: byDescription ? line.model : null,
        token_type: byDescription ? line.token_type : null,
        service_tier: byDescription ? line.service_tier : null,
        context_window: byDescription ? line.context_window : null,
        inference_geo: byDescription ? line.inference_geo : null
      }))
    data.push({ starting_at: formatInstant(day), ending_at: formatInstant(day + DAY), results })
  }
  return page(w, data)
}

/** `GET /v1/organizations/usage_report/claude_code`. */
export const claudeCode = (org: FakeOrganization, request: ReportRequest): Outcome => {
  const { query } = request
  const startRaw = scalar(query, "starting_at")
  if (isRejection(startRaw)) return startRaw
  if (startRaw === null) {
    return invalid(
      "starting_at: required; a UTC day as YYYY-MM-DD, e.g. 2026-03-01",
      "missing_required_parameter"
    )
  }
  const day = parseDate(startRaw)
  if (day === undefined) {
    return invalid(
      `starting_at: must be a UTC day as YYYY-MM-DD, e.g. 2026-03-01, got ${JSON.stringify(startRaw)}`
    )
  }
  const limit = parseLimit(query, 20, 1000, "")
  if (isRejection(limit)) return limit
  const records = claudeCodeRecords(org, day)
  const fp = fingerprint(request.path, query)
  const from = pagePosition(query, fp, records.length)
  if (isRejection(from)) return from
  const next = Math.min(records.length, from + limit)
  const hasMore = next < records.length
  return {
    status: 200,
    body: {
      data: records.slice(from, next),
      has_more: hasMore,
      next_page: hasMore ? encodeCursor(next, fp) : null
    }
  }
}

/** The cursor of a request's own first bucket, for the repeated-cursor fault. */
export const ownCursor = (request: ReportRequest): string =>
  request.query.get("page") ?? encodeCursor(0, fingerprint(request.path, request.query))
