/**
 * A tiny scripted Admin API as an `HttpClient`, for tests that need exact
 * response bodies (rawdash's own tests mock `fetch` the same way). Answers
 * each path from a list of responses in order (the last one repeats) and
 * records every request with its URL and headers.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect } from "effect"

export interface ScriptedResponse {
  readonly status?: number
  readonly body: unknown
  readonly headers?: Record<string, string>
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
      const response = list[Math.min(index, list.length - 1)] ?? { body: emptyPage }
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
