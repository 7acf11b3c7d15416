/**
 * Issue 10, item 7, at the client: a key-leak scan. The key is a canary, and
 * hostile servers echo whatever `x-api-key` they receive into every field and
 * header they can: the error envelope (`type`, `message`, `details.error_code`,
 * `request_id`), `request-id`, `retry-after`, `x-should-retry`,
 * `content-type`, a non-JSON body where the key straddles the 200-character
 * cut, a body whose every value is the key (decode errors), `next_page`, a
 * redirect whose target origin and path carry it, and a dropped connection
 * whose cause names it. Every error path of the Effect and the Promise client
 * is driven through them, with retries on; nothing a caller can see (errors
 * inspected every way, retry events, pages, response infos, the Promise
 * client's log lines at debug level) may contain the key or any `sk-ant-`
 * token.
 */
import { inspect } from "node:util"
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted, Stream } from "effect"
import { AdminApi, AdminApiClient, CostReport, UsageReport } from "../src/index.js"
import { type Handler, type Reply, stub } from "./support/stub.js"

const CANARY = "sk-ant-admin01-CANARY-7f3b9c1e2d4a6b8c0d2e4f60-LEAK"
const params = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-04T00:00:00Z" }
const SIX = [
  "model",
  "workspace_id",
  "api_key_id",
  "service_tier",
  "context_window",
  "inference_geo"
] as const

/** Every header the client reads, set to the key. */
const echoHeaders = (key: string) => ({
  "request-id": key,
  "retry-after": key,
  "retry-after-ms": key,
  "x-should-retry": key,
  "anthropic-ratelimit-requests-reset": key,
  "content-type": `application/json; charset=${key}`,
  location: `https://${key.toLowerCase()}.attacker.example/${key}?k=${key}`
})

const envelope = (key: string) => ({
  type: "error",
  error: { type: key, message: `rejected ${key}`, details: { error_code: key } },
  request_id: key
})

/** Hostile answers, each echoing the key it received. */
const SERVERS: ReadonlyArray<readonly [string, (key: string) => Reply]> = [
  ...[400, 401, 403, 404, 408, 409, 410, 413, 429, 500, 503, 529].map(
    (status) =>
      [
        `${status} envelope`,
        (key: string) => ({ status, body: envelope(key), headers: echoHeaders(key) })
      ] as const
  ),
  [
    "500 text body, key straddling the 200-character cut",
    (key) => ({ status: 500, raw: `${"x".repeat(190)}${key} and more`, headers: { "request-id": key } })
  ],
  [
    "200 HTML page",
    (key) => ({ status: 200, raw: `<html><body>${key}</body></html>`, headers: echoHeaders(key) })
  ],
  [
    "200 body whose every value is the key",
    (key) => ({
      status: 200,
      body: {
        data: [{ starting_at: key, ending_at: key, results: [{ amount: key }] }],
        has_more: key,
        next_page: key
      },
      headers: echoHeaders(key)
    })
  ],
  [
    "200 page whose next_page is the key, repeated",
    (key) => ({
      status: 200,
      body: {
        data: [{ starting_at: "2026-03-01T00:00:00Z", ending_at: "2026-03-02T00:00:00Z", results: [] }],
        has_more: true,
        next_page: key
      },
      headers: { "request-id": key }
    })
  ],
  [
    "200 page with a stray bucket and the key as request id",
    (key) => ({
      status: 200,
      body: {
        data: [{ starting_at: "2025-03-01T00:00:00Z", ending_at: "2025-03-02T00:00:00Z", results: [] }],
        has_more: false,
        next_page: null
      },
      headers: { "request-id": key, [key]: key }
    })
  ],
  ...[301, 302, 307, 308].map(
    (status) =>
      [
        `${status} redirect to another origin`,
        (key: string) => ({ status, raw: key, headers: echoHeaders(key) })
      ] as const
  ),
  ["dropped connection", (key) => ({ drop: `ECONNRESET while talking to ${key}` })]
]

/** Everything a caller can see of a value, as text. */
const views = (value: unknown): Array<string> => {
  const out = [inspect(value, { depth: 20, showHidden: true, getters: true })]
  try {
    out.push(JSON.stringify(value) ?? "")
  } catch {
    // not serialisable: inspect covers it
  }
  if (value instanceof Error) out.push(String(value), value.message, value.stack ?? "")
  return out
}

/** The client's own hints name the key prefixes (`sk-ant-admin…`); those are not leaks. */
const HINTS = /sk-ant-(admin|api)…/g

const expectClean = (label: string, seen: ReadonlyArray<unknown>) => {
  for (const value of seen) {
    for (const view of views(value)) {
      const text = view.replace(HINTS, "")
      expect(text, `${label}: ${text.slice(0, 300)}`).not.toContain("CANARY")
      expect(text, `${label}: ${text.slice(0, 300)}`).not.toMatch(/sk-ant-/)
    }
  }
}

const hostile = (answer: (key: string) => Reply) => {
  const handler: Handler = (request) => answer(request.headers["x-api-key"] ?? "")
  return stub(handler)
}

describe("key-leak scan: a canary key echoed everywhere never reaches what a caller sees", () => {
  for (const [name, answer] of SERVERS) {
    it.effect(`Effect client, ${name}: page, pages, buckets (six dimensions), with retries`, () =>
      Effect.gen(function* () {
        const { client, seen } = hostile(answer)
        const observed: Array<unknown> = []
        const layer = AdminApiClient.layer({
          apiKey: Redacted.make(CANARY),
          retry: { maxAttempts: 2, jitter: 0, baseDelay: 0, floor: 0 },
          onRetry: (event) => Effect.sync(() => void observed.push(event))
        }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)))
        const onResponse = (info: AdminApiClient.ResponseInfo) => Effect.sync(() => void observed.push(info))
        const calls = [
          CostReport.page(params),
          Stream.runForEach(CostReport.pages(params), (page) => Effect.sync(() => void observed.push(page))),
          Stream.runDrain(CostReport.buckets(params)),
          Stream.runDrain(UsageReport.buckets({ ...params, groupBy: SIX }))
        ]
        let failures = 0
        for (const call of calls) {
          const exit = yield* Effect.exit(
            call.pipe(
              Effect.provideService(AdminApiClient.CurrentRequestOptions, { onResponse }),
              Effect.provide(layer)
            )
          )
          // a decoded page is the API's data, returned as sent; everything else is scanned
          if (exit._tag === "Failure") observed.push(exit)
          failures += exit._tag === "Failure" ? 1 : 0
        }
        // a single page (and, for a stray bucket, the pages) of the two 200 servers decode; every range is refused
        expect(failures, name).toBeGreaterThanOrEqual(2)
        expect(seen.length).toBeGreaterThan(0)
        // the key was sent (to the configured origin only) and echoed back
        expect(seen.every((request) => request.headers["x-api-key"] === CANARY)).toBe(true)
        expectClean(name, observed)
      })
    )
  }

  it("Promise client: errors, onRetry events and debug log lines stay clean on every hostile answer", async () => {
    for (const [name, answer] of SERVERS) {
      const { client } = hostile(answer)
      const lines: Array<unknown> = []
      const log = (...args: Array<unknown>) => void lines.push(args)
      const api = AdminApi.createClient({
        apiKey: CANARY,
        httpClient: client,
        maxRetries: 1,
        retry: { jitter: 0, baseDelay: 0, floor: 0 },
        logLevel: "debug",
        logger: { debug: log, info: log, warn: log, error: log },
        onRetry: (event) => void lines.push(event)
      })
      const errors: Array<unknown> = []
      errors.push(
        await api.costReportPage(params).then(
          () => "resolved",
          (e: unknown) => e
        )
      )
      errors.push(
        await (async () => {
          for await (const bucket of api.messagesUsage({ ...params, groupBy: SIX })) lines.push(bucket)
          return "resolved"
        })().catch((e: unknown) => e)
      )
      await api.dispose()
      expect(errors[1], name).not.toBe("resolved")
      expectClean(`promise ${name}`, [...errors, ...lines])
    }
  })
})
