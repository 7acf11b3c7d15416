/**
 * The fake Admin API as a pure request handler: a request in, a response out.
 * Both transports ({@link FakeHttpClient} and {@link FakeServer}) call this,
 * so they behave identically. Written from the API reference, independently
 * of the client's schemas.
 *
 * @since 0.1.0
 */
import type { FakeOrganization, UsageRecord } from "./FakeOrganization.js"

const DAY = 86_400_000

/** A request as the fake sees it. @since 0.1.0 */
export interface FakeRequest {
  readonly method: string
  /** Path and query, e.g. `/v1/organizations/cost_report?starting_at=…`. */
  readonly url: string
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>
}

/** A response as the fake produces it. @since 0.1.0 */
export interface FakeResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

let requestCounter = 0
const nextRequestId = () => `req_fake${String(++requestCounter).padStart(8, "0")}`

const json = (status: number, body: unknown, requestId: string): FakeResponse => ({
  status,
  headers: { "content-type": "application/json", "request-id": requestId },
  body: JSON.stringify(body)
})

const apiError = (status: number, type: string, message: string, requestId: string): FakeResponse =>
  json(status, { type: "error", error: { type, message }, request_id: requestId }, requestId)

const USAGE_GROUP_BY = [
  "api_key_id",
  "workspace_id",
  "model",
  "service_tier",
  "context_window",
  "inference_geo",
  "speed",
  "account_id",
  "service_account_id"
]

const parseInstant = (value: string | null): number | undefined => {
  if (value === null) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

const encodeCursor = (ms: number) => `page_${Buffer.from(new Date(ms).toISOString()).toString("base64")}`
const decodeCursor = (page: string): number | undefined =>
  page.startsWith("page_") ? parseInstant(Buffer.from(page.slice(5), "base64").toString("utf8")) : undefined

const usageRow = (records: ReadonlyArray<UsageRecord>, groupBy: ReadonlySet<string>) => {
  const sum = (f: (r: UsageRecord) => number) => records.reduce((acc, r) => acc + f(r), 0)
  const first = records[0]
  const dim = (name: string, value: string | null | undefined) => (groupBy.has(name) ? (value ?? null) : null)
  return {
    uncached_input_tokens: sum((r) => r.uncached_input_tokens),
    cache_creation: {
      ephemeral_1h_input_tokens: sum((r) => r.ephemeral_1h_input_tokens),
      ephemeral_5m_input_tokens: sum((r) => r.ephemeral_5m_input_tokens)
    },
    cache_read_input_tokens: sum((r) => r.cache_read_input_tokens),
    output_tokens: sum((r) => r.output_tokens),
    server_tool_use: { web_search_requests: sum((r) => r.web_search_requests) },
    api_key_id: dim("api_key_id", first?.api_key_id),
    workspace_id: dim("workspace_id", first?.workspace_id),
    model: dim("model", first?.model),
    service_tier: dim("service_tier", "standard"),
    context_window: dim("context_window", "0-200k"),
    inference_geo: dim("inference_geo", "not_available")
  }
}

const messagesUsage = (org: FakeOrganization, query: URLSearchParams, requestId: string): FakeResponse => {
  const invalid = (message: string) => apiError(400, "invalid_request_error", message, requestId)
  const start = parseInstant(query.get("starting_at"))
  if (start === undefined) return invalid("starting_at: required, an RFC 3339 timestamp")
  const endParam = query.get("ending_at")
  const end = endParam === null ? org.end : parseInstant(endParam)
  if (end === undefined) return invalid("ending_at: must be an RFC 3339 timestamp")
  const width = query.get("bucket_width") ?? "1d"
  if (width !== "1d") return invalid(`bucket_width: this fake answers 1d buckets, got ${width}`)
  const limit = Number(query.get("limit") ?? 7)
  if (!Number.isInteger(limit) || limit < 1 || limit > 31) {
    return invalid("limit: must be an integer from 1 to 31 for 1d")
  }
  const groupBy = new Set(query.getAll("group_by[]"))
  for (const g of groupBy) if (!USAGE_GROUP_BY.includes(g)) return invalid(`group_by[]: unknown value ${g}`)
  const workspaceFilter = query.getAll("workspace_ids[]")
  const pageParam = query.get("page")
  const firstBucket = Math.floor(start / DAY) * DAY
  const from = pageParam === null ? firstBucket : decodeCursor(pageParam)
  if (from === undefined) return invalid("page: not a cursor this endpoint issued")
  const data = []
  let bucket = from
  for (; bucket + DAY <= end && data.length < limit; bucket += DAY) {
    const inBucket = org.usage.filter(
      (r) =>
        r.day === bucket &&
        (workspaceFilter.length === 0 ||
          (r.workspace_id !== null && workspaceFilter.includes(r.workspace_id)))
    )
    const groups = new Map<string, Array<UsageRecord>>()
    for (const r of inBucket) {
      const key = JSON.stringify(
        [...groupBy].sort().map((g) => (r as unknown as Record<string, unknown>)[g] ?? null)
      )
      const list = groups.get(key) ?? []
      list.push(r)
      groups.set(key, list)
    }
    data.push({
      starting_at: new Date(bucket).toISOString().replace(".000Z", "Z"),
      ending_at: new Date(bucket + DAY).toISOString().replace(".000Z", "Z"),
      results: [...groups.values()].map((records) => usageRow(records, groupBy))
    })
  }
  const hasMore = bucket + DAY <= end
  return json(200, { data, has_more: hasMore, next_page: hasMore ? encodeCursor(bucket) : null }, requestId)
}

/**
 * Answers one request against an organisation.
 * @since 0.1.0
 */
export const handle = (org: FakeOrganization, request: FakeRequest): FakeResponse => {
  const requestId = nextRequestId()
  const url = new URL(request.url, "http://fake.invalid")
  const key = request.headers["x-api-key"]
  if (key === undefined || key === "") {
    return apiError(401, "authentication_error", "x-api-key header is required", requestId)
  }
  if (key.startsWith("sk-ant-api")) {
    return apiError(403, "permission_error", "This endpoint requires an Admin API key", requestId)
  }
  if (!key.startsWith("sk-ant-admin")) {
    return apiError(401, "authentication_error", "invalid x-api-key", requestId)
  }
  if (request.headers["anthropic-version"] === undefined) {
    return apiError(400, "invalid_request_error", "anthropic-version: header is required", requestId)
  }
  if (request.method !== "GET") return apiError(405, "invalid_request_error", "Method not allowed", requestId)
  switch (url.pathname) {
    case "/v1/organizations/usage_report/messages":
      return messagesUsage(org, url.searchParams, requestId)
    default:
      return apiError(404, "not_found_error", `Not found: ${url.pathname}`, requestId)
  }
}
