/**
 * A scripted `HttpClient` for tests that need exact control over each
 * response (faults, headers, bodies). Wire-level assertions on real report
 * data use the testing kit's fake instead.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Effect, Layer, Redacted } from "effect"
import { AdminApiClient } from "../../src/index.js"

export const KEY = "sk-ant-admin01-THIS-IS-THE-SECRET-test-key-0123456789"
export const DAY = 86_400_000

/** A request as the stub saw it. */
export interface Seen {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** Query pairs in wire order. */
  readonly query: ReadonlyArray<readonly [string, string]>
}

export type Reply =
  | {
      readonly status: number
      readonly body?: unknown
      readonly raw?: string
      readonly headers?: Record<string, string>
    }
  | { readonly drop: string }
  | { readonly hang: true }

export type Handler = (request: Seen, index: number) => Reply | Effect.Effect<Reply>

/** Builds the stub and the list of requests it received. */
export const stub = (handler: Handler) => {
  const seen: Array<Seen> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const entry: Seen = { url, headers: { ...request.headers }, query: [...url.searchParams.entries()] }
      seen.push(entry)
      const result = handler(entry, seen.length - 1)
      const reply = Effect.isEffect(result) ? yield* result : result
      if ("drop" in reply) {
        return yield* Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error(reply.drop) })
        )
      }
      if ("hang" in reply) return yield* Effect.never
      const body = reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body))
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, {
          status: reply.status,
          headers: {
            "content-type": "application/json",
            "request-id": `req_stub${seen.length}`,
            ...reply.headers
          }
        })
      )
    })
  )
  return { client, seen }
}

/** The client layer over a stub; `options` are passed to `AdminApiClient.layer`. */
export const layerFor = (
  client: HttpClient.HttpClient,
  options: Partial<Omit<AdminApiClient.Options, "apiKey">> = {}
) =>
  AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: { jitter: 0 }, ...options }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )

/** An error body in the API's envelope. */
export const apiError = (type: string, message: string, requestId = "req_body") => ({
  type: "error",
  error: { type, message },
  request_id: requestId
})

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

/** A usage result with every token count equal to `n`. */
export const usageResult = (n: number, extra: Record<string, unknown> = {}) => ({
  uncached_input_tokens: n,
  cache_read_input_tokens: n,
  output_tokens: n,
  cache_creation: { ephemeral_5m_input_tokens: n, ephemeral_1h_input_tokens: n },
  server_tool_use: { web_search_requests: n },
  api_key_id: null,
  workspace_id: null,
  model: null,
  service_tier: null,
  context_window: null,
  ...extra
})

/** A daily bucket starting at `ms` whose single row counts `ms / DAY`. */
export const usageBucket = (ms: number, width = DAY) => ({
  starting_at: iso(ms),
  ending_at: iso(ms + width),
  results: [usageResult(Math.floor(ms / width))]
})

export const cursorOf = (ms: number) => `page_${Buffer.from(iso(ms)).toString("base64")}`
export const cursorTime = (cursor: string) =>
  Date.parse(Buffer.from(cursor.slice(5), "base64").toString("utf8"))

/**
 * A bucketed report over `[starting_at, ending_at)` (the API snaps the start
 * down), `limit` buckets per page (default `defaultLimit`), with cursors.
 */
export const bucketReport =
  (options: { readonly width?: number; readonly defaultLimit?: number; readonly end?: number } = {}) =>
  (request: Seen): Reply => {
    const width = options.width ?? DAY
    const params = request.url.searchParams
    const start = Math.floor(Date.parse(params.get("starting_at")!) / width) * width
    const endParam = params.get("ending_at")
    const end = endParam === null ? options.end! : Date.parse(endParam)
    const limit = Number(params.get("limit") ?? options.defaultLimit ?? 7)
    const page = params.get("page")
    const from = page === null ? start : cursorTime(page)
    const data = []
    let at = from
    for (; at + width <= end && data.length < limit; at += width) data.push(usageBucket(at, width))
    const hasMore = at + width <= end
    return { status: 200, body: { data, has_more: hasMore, next_page: hasMore ? cursorOf(at) : null } }
  }
