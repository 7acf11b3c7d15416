/**
 * A tiny scripted Admin API as an `HttpClient`, for tests that need exact
 * response bodies (rawdash's own tests mock `fetch` the same way). Records
 * every request with its URL and headers.
 *
 * The cost report (and any other path) answers from its list of responses in
 * order (the last one repeats). The usage report answers like the live API:
 * its list is the report's pages (the first page for a request without
 * `page`, the page after the one whose `next_page` it names), each bucket's
 * rows filtered by the request's filters and grouped by its `group_by[]`
 * (dimensions not grouped read `null`; rows of one group are summed). So the
 * client's multi-query plan for six dimensions sees consistent answers, as it
 * would live.
 *
 * Like the live API, a report page has one bucket per day of the range it
 * covers, empty ones included (reference §3, §10): a scripted page lists only
 * the days that matter, and the days it skips are filled in as empty buckets
 * (from the request's `starting_at`, or the day after the previous page, to
 * the page's last bucket, or to `ending_at` on the last page). A response
 * marked `exact` is sent as written (to script contract violations).
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { UsageReport } from "@rawdash/anthropic-admin-api"
import { Effect } from "effect"

export interface ScriptedResponse {
  readonly status?: number
  readonly body: unknown
  readonly headers?: Record<string, string>
  /** Sent as written: no empty buckets filled in. */
  readonly exact?: boolean
}

export interface RecordedRequest {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
}

export const USAGE_PATH = "/v1/organizations/usage_report/messages"
export const COST_PATH = "/v1/organizations/cost_report"

export const emptyPage = { data: [], has_more: false, next_page: null }

export const scriptedApi = (routes: Readonly<Record<string, ReadonlyArray<ScriptedResponse>>>) => {
  const requests: Array<RecordedRequest> = []
  const served = new Map<string, number>()
  const client = HttpClient.make((request, url) =>
    Effect.sync(() => {
      requests.push({ url: new URL(url.href), headers: { ...request.headers } })
      const list = routes[url.pathname] ?? [{ status: 404, body: notFound(url.pathname) }]
      const index = served.get(url.pathname) ?? 0
      served.set(url.pathname, index + 1)
      const chosen =
        url.pathname === USAGE_PATH
          ? answerUsage(list, url.searchParams)
          : (list[Math.min(index, list.length - 1)] ?? { body: emptyPage })
      const response =
        url.pathname === USAGE_PATH || url.pathname === COST_PATH
          ? complete(chosen, list, url.searchParams)
          : chosen
      return HttpClientResponse.fromWeb(
        request,
        new Response(JSON.stringify(response.body), {
          status: response.status ?? 200,
          headers: {
            "content-type": "application/json",
            "request-id": `req_scripted${requests.length}`,
            ...response.headers
          }
        })
      )
    })
  )
  return { client, requests, calls: (path: string) => requests.filter((r) => r.url.pathname === path) }
}

const notFound = (path: string) => ({
  type: "error",
  error: { type: "not_found_error", message: `Not found: ${path}` }
})

export const apiError = (status: number, type: string, message: string): ScriptedResponse => ({
  status,
  body: { type: "error", error: { type, message }, request_id: "req_scripted_error" }
})

/** A usage row with every field, overridable. */
export const usageRow = (overrides: Record<string, unknown> = {}) => ({
  uncached_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: 0,
  cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
  server_tool_use: { web_search_requests: 0 },
  api_key_id: null,
  workspace_id: null,
  model: null,
  service_tier: null,
  context_window: null,
  inference_geo: null,
  ...overrides
})

/** A cost row with every field, overridable. */
export const costRow = (overrides: Record<string, unknown> = {}) => ({
  amount: "0",
  currency: "USD",
  workspace_id: null,
  description: null,
  cost_type: null,
  model: null,
  token_type: null,
  service_tier: null,
  context_window: null,
  ...overrides
})

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

/** A one-day bucket starting at `day` (ms, UTC midnight). */
export const bucket = (day: number, results: ReadonlyArray<unknown>) => ({
  starting_at: iso(day),
  ending_at: iso(day + 86_400_000),
  results
})

export const page = (data: ReadonlyArray<unknown>, nextPage: string | null = null) => ({
  data,
  has_more: nextPage !== null,
  next_page: nextPage
})

/** The usage filters and the dimension each selects. */
const USAGE_FILTERS: Readonly<Record<string, string>> = {
  "api_key_ids[]": "api_key_id",
  "workspace_ids[]": "workspace_id",
  "models[]": "model",
  "service_tiers[]": "service_tier",
  "context_window[]": "context_window",
  "inference_geos[]": "inference_geo",
  "speeds[]": "speed"
}

/** Every dimension a usage row can carry. */
const USAGE_DIMENSIONS: ReadonlyArray<string> = UsageReport.GroupBy.literals

type Row = Record<string, unknown>

const count = (value: unknown): number => (typeof value === "number" ? value : 0)

const sumRows = (a: Row, b: Row): Row => {
  const ca = (a.cache_creation ?? {}) as Row
  const cb = (b.cache_creation ?? {}) as Row
  const sa = (a.server_tool_use ?? {}) as Row
  const sb = (b.server_tool_use ?? {}) as Row
  return {
    ...a,
    uncached_input_tokens: count(a.uncached_input_tokens) + count(b.uncached_input_tokens),
    cache_read_input_tokens: count(a.cache_read_input_tokens) + count(b.cache_read_input_tokens),
    output_tokens: count(a.output_tokens) + count(b.output_tokens),
    cache_creation: {
      ephemeral_1h_input_tokens: count(ca.ephemeral_1h_input_tokens) + count(cb.ephemeral_1h_input_tokens),
      ephemeral_5m_input_tokens: count(ca.ephemeral_5m_input_tokens) + count(cb.ephemeral_5m_input_tokens)
    },
    server_tool_use: { web_search_requests: count(sa.web_search_requests) + count(sb.web_search_requests) }
  }
}

/** One bucket's rows as the API answers a query: filtered, then grouped (a lone row is kept as given). */
const queryRows = (rows: ReadonlyArray<Row>, query: URLSearchParams): Array<Row> => {
  const grouped = new Set(query.getAll("group_by[]"))
  const groups = new Map<string, Row>()
  for (const row of rows) {
    const kept = Object.entries(USAGE_FILTERS).every(([name, dimension]) => {
      const values = query.getAll(name)
      return values.length === 0 || values.includes(row[dimension] as string)
    })
    if (!kept) continue
    const shaped: Row = { ...row }
    for (const dimension of USAGE_DIMENSIONS) {
      if (!grouped.has(dimension) && dimension in shaped) shaped[dimension] = null
    }
    const key = JSON.stringify([...grouped].sort().map((d) => shaped[d] ?? null))
    const group = groups.get(key)
    groups.set(key, group === undefined ? shaped : sumRows(group, shaped))
  }
  return [...groups.values()]
}

/** The usage page a request asks for, answered for its query. */
const answerUsage = (pages: ReadonlyArray<ScriptedResponse>, query: URLSearchParams): ScriptedResponse => {
  const cursor = query.get("page")
  const index =
    cursor === null
      ? 0
      : pages.findIndex((p) => (p.body as { next_page?: unknown } | null)?.next_page === cursor) + 1
  const response = pages[Math.min(Math.max(index, 0), pages.length - 1)] ?? { body: emptyPage }
  const body = response.body as { data?: unknown } | null
  if ((response.status ?? 200) !== 200 || body === null || !Array.isArray(body.data)) return response
  return {
    ...response,
    body: {
      ...body,
      data: (body.data as ReadonlyArray<Row>).map((bucket) => ({
        ...bucket,
        results: Array.isArray(bucket.results) ? queryRows(bucket.results as ReadonlyArray<Row>, query) : []
      }))
    }
  }
}

const DAY = 86_400_000

type Bucket = { readonly starting_at: string; readonly ending_at: string; readonly results: unknown }

const bucketsOf = (body: unknown): ReadonlyArray<Bucket> | undefined => {
  const data = (body as { data?: unknown } | null)?.data
  return Array.isArray(data) &&
    data.every((b) => typeof b === "object" && b !== null && typeof b.starting_at === "string")
    ? (data as ReadonlyArray<Bucket>)
    : undefined
}

const dayOf = (instant: string) => Math.floor(Date.parse(instant) / DAY) * DAY

/** A page with the days it skips filled in as empty buckets, as the live API sends them. */
const complete = (
  response: ScriptedResponse,
  pages: ReadonlyArray<ScriptedResponse>,
  query: URLSearchParams
): ScriptedResponse => {
  const buckets = bucketsOf(response.body)
  const startParam = query.get("starting_at")
  if (
    response.exact === true ||
    (response.status ?? 200) !== 200 ||
    buckets === undefined ||
    startParam === null
  ) {
    return response
  }
  const body = response.body as { has_more?: unknown }
  const start = dayOf(startParam)
  const endParam = query.get("ending_at")
  const end = endParam === null ? start + DAY : Math.ceil(Date.parse(endParam) / DAY) * DAY
  const cursor = query.get("page")
  const previous =
    cursor === null
      ? undefined
      : bucketsOf(pages.find((p) => (p.body as { next_page?: unknown } | null)?.next_page === cursor)?.body)
  const last = previous?.at(-1)
  const lower = last === undefined ? start : Math.max(start, dayOf(last.starting_at) + DAY)
  const own = buckets.at(-1)
  const upper = body.has_more === true ? (own === undefined ? lower : dayOf(own.starting_at) + DAY) : end
  const starts = buckets.map((b) => Date.parse(b.starting_at))
  // out of order (a scripted contract violation): sent as written
  if (starts.some((at, i) => i > 0 && !(at > (starts[i - 1] ?? at)))) return response
  const present = new Set(starts)
  const filled: Array<Bucket> = [...buckets]
  for (let day = lower; day < upper; day += DAY) {
    if (!present.has(day)) filled.push(bucket(day, []))
  }
  filled.sort((a, b) => Date.parse(a.starting_at) - Date.parse(b.starting_at))
  return { ...response, body: { ...(response.body as object), data: filled } }
}
