import { type FakeAdminApi } from "../src/index.js"

export const ADMIN_KEY = "sk-ant-admin01-test"
export const HEADERS = { "x-api-key": ADMIN_KEY, "anthropic-version": "2023-06-01" }
export const USAGE = "/v1/organizations/usage_report/messages"
export const COST = "/v1/organizations/cost_report"
export const CLAUDE_CODE = "/v1/organizations/usage_report/claude_code"

export type Params = ReadonlyArray<readonly [string, string]>

export const url = (path: string, params: Params = []) => {
  const search = new URLSearchParams(params.map(([k, v]) => [k, v] as [string, string])).toString()
  return search === "" ? path : `${path}?${search}`
}

export interface UsageItem {
  readonly uncached_input_tokens: number
  readonly cache_read_input_tokens: number
  readonly output_tokens: number
  readonly cache_creation: {
    readonly ephemeral_5m_input_tokens: number
    readonly ephemeral_1h_input_tokens: number
  }
  readonly server_tool_use: { readonly web_search_requests: number }
  readonly [dimension: string]: unknown
}
export interface Page<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more: boolean
  readonly next_page: string | null
}
export interface Bucket<A> {
  readonly starting_at: string
  readonly ending_at: string
  readonly results: ReadonlyArray<A>
}
export interface CostItem {
  readonly amount: string
  readonly currency: string
  readonly [field: string]: unknown
}

/** Calls the fake directly and parses the body. */
export const call = <A = unknown>(
  api: FakeAdminApi.FakeAdminApi,
  path: string,
  params: Params = [],
  headers: Record<string, string> = HEADERS
) => {
  const response = api.handle({ method: "GET", url: url(path, params), headers })
  return { ...response, json: JSON.parse(response.body) as A }
}

/** Every page of a report, following next_page. */
export const pages = <A>(
  api: FakeAdminApi.FakeAdminApi,
  path: string,
  params: Params,
  headers: Record<string, string> = HEADERS
) => {
  const out: Array<Page<A>> = []
  let page: string | null = null
  for (let i = 0; i < 10_000; i++) {
    const r: { status: number; body: string; json: Page<A> } = call<Page<A>>(
      api,
      path,
      page === null ? params : [...params, ["page", page]],
      headers
    )
    if (r.status !== 200) throw new Error(`status ${r.status}: ${r.body}`)
    out.push(r.json)
    if (!r.json.has_more) return out
    page = r.json.next_page
  }
  throw new Error("too many pages")
}

export const TOKEN_FIELDS = (item: UsageItem) => [
  item.uncached_input_tokens,
  item.cache_read_input_tokens,
  item.output_tokens,
  item.cache_creation.ephemeral_5m_input_tokens,
  item.cache_creation.ephemeral_1h_input_tokens,
  item.server_tool_use.web_search_requests
]

export const DIMENSIONS = [
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

/** Sums items per dimension key into token vectors. */
export const sumByKey = (items: Iterable<UsageItem>) => {
  const out = new Map<string, Array<number>>()
  for (const item of items) {
    const key = JSON.stringify(DIMENSIONS.map((d) => item[d] ?? null))
    const acc = out.get(key) ?? [0, 0, 0, 0, 0, 0]
    TOKEN_FIELDS(item).forEach((v, i) => (acc[i] = (acc[i] ?? 0) + v))
    out.set(key, acc)
  }
  return out
}

/** Exact decimal string → integer picocents (10^-12), for exact sums in tests. */
export const picocents = (amount: string): bigint => {
  const m = /^(\d+)(?:\.(\d{1,12}))?$/.exec(amount)
  if (m === null) throw new Error(`not a decimal amount: ${amount}`)
  return BigInt(m[1]!) * 1_000_000_000_000n + BigInt((m[2] ?? "").padEnd(12, "0"))
}

export const ANALYTICS_USAGE = "/v1/organizations/analytics/usage"
export const ANALYTICS_COST = "/v1/organizations/analytics/cost"
export const ANALYTICS_BETA = "analytics-usage-cost-2026-08-24"
export const ANALYTICS_HEADERS = { ...HEADERS, "anthropic-beta": ANALYTICS_BETA }

export interface ErrorBody {
  readonly type: string
  readonly error: {
    readonly type: string
    readonly message: string
    readonly details?: { readonly error_code?: string }
  }
  readonly request_id: string
}

/** Any request to the fake, with an optional JSON body; parses the answer. */
export const send = <A = unknown>(
  api: FakeAdminApi.FakeAdminApi,
  method: string,
  path: string,
  options: {
    readonly params?: Params
    readonly body?: unknown
    readonly headers?: Record<string, string>
  } = {}
) => {
  const headers: Record<string, string> = {
    ...(options.headers ?? HEADERS),
    ...(options.body === undefined ? {} : { "content-type": "application/json" })
  }
  const response = api.handle({
    method,
    url: url(path, options.params ?? []),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
  })
  return { ...response, json: JSON.parse(response.body) as A }
}

/** Every row of an analytics endpoint, following next_page. */
export const analyticsRows = <A>(
  api: FakeAdminApi.FakeAdminApi,
  path: string,
  params: Params,
  headers: Record<string, string> = ANALYTICS_HEADERS
): ReadonlyArray<A> => pages<A>(api, path, params, headers).flatMap((p) => p.data)

/** The error code of an error answer. */
export const codeOf = (r: { readonly json: unknown }) => (r.json as ErrorBody).error.details?.error_code
