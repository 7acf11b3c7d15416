/**
 * Issue 10, items 5 and 7, at the connector: a key-leak scan. The key is a
 * canary; the connector is built every way rawdash and the CLI build it (the
 * key in `creds`, in `settings`, as `Redacted`, as a secret reference), and
 * hostile servers echo the key they receive into every field and header of
 * every error path (error envelopes, `request-id`, `retry-after`, a non-JSON
 * body with the key across the 200-character cut, decode errors, `next_page`,
 * a stray bucket, a redirect to an origin named after the key, a dropped
 * connection). Nothing anyone can see may contain it: the connector itself
 * (`util.inspect`, `JSON.stringify`, `serializeConfig`), what `sync` throws or
 * returns (`transientError`, `cursor`), every log line, every observer event.
 */
import { inspect } from "node:util"
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, TestClock } from "effect"
import AnthropicConnector, { type AnthropicContext } from "../src/index.js"
import { MemoryStorage } from "./support/MemoryStorage.js"

const CANARY = "sk-ant-admin01-CANARY-c0nn3ct0r-9b8a7f6e5d4c3b2a-LEAK"
const NOW = Date.UTC(2026, 2, 15, 9, 30)

type Reply =
  | {
      readonly status: number
      readonly body?: unknown
      readonly raw?: string
      readonly headers?: Record<string, string>
    }
  | { readonly drop: string }

const echoHeaders = (key: string): Record<string, string> => ({
  "request-id": key,
  "retry-after": key,
  "x-should-retry": key,
  "anthropic-ratelimit-requests-reset": key,
  location: `https://${key.toLowerCase()}.attacker.example/${key}`
})
const envelope = (key: string) => ({
  type: "error",
  error: { type: key, message: `no ${key}`, details: { error_code: key } },
  request_id: key
})
const day = (offset: number) => new Date(Date.UTC(2026, 2, 15) + offset * 86_400_000).toISOString()

const SERVERS: ReadonlyArray<readonly [string, (key: string) => Reply]> = [
  ...[400, 401, 403, 404, 409, 410, 429, 500, 503, 529].map(
    (status) =>
      [
        `${status} envelope`,
        (key: string) => ({ status, body: envelope(key), headers: echoHeaders(key) })
      ] as const
  ),
  [
    "500 text, key across the cut",
    (key) => ({ status: 500, raw: `${"y".repeat(195)}${key}`, headers: { "request-id": key } })
  ],
  ["200 HTML", (key) => ({ status: 200, raw: `<html>${key}</html>`, headers: echoHeaders(key) })],
  [
    "200 every value the key",
    (key) => ({
      status: 200,
      body: { data: [{ starting_at: key, ending_at: key, results: [] }], has_more: key }
    })
  ],
  [
    "200 next_page the key, twice",
    (key) => ({
      status: 200,
      body: {
        data: [{ starting_at: day(-1), ending_at: day(0), results: [] }],
        has_more: true,
        next_page: key
      },
      headers: { "request-id": key }
    })
  ],
  [
    "200 stray bucket, key as request id",
    (key) => ({
      status: 200,
      body: {
        data: [{ starting_at: day(-300), ending_at: day(-299), results: [] }],
        has_more: false,
        next_page: null
      },
      headers: { "request-id": key }
    })
  ],
  ["302 redirect named after the key", (key) => ({ status: 302, raw: key, headers: echoHeaders(key) })],
  ["dropped connection", (key) => ({ drop: `ECONNRESET ${key}` })]
]

const hostile = (answer: (key: string) => Reply) =>
  HttpClient.make((request) =>
    Effect.suspend(() => {
      const reply = answer(request.headers["x-api-key"] ?? "")
      if ("drop" in reply) {
        return Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error(reply.drop) })
        )
      }
      return Effect.succeed(
        HttpClientResponse.fromWeb(
          request,
          new Response(reply.raw ?? JSON.stringify(reply.body), {
            status: reply.status,
            headers: { "content-type": "application/json", ...reply.headers }
          })
        )
      )
    })
  )

const views = (value: unknown): Array<string> => {
  const out = [inspect(value, { depth: 20, showHidden: true, getters: true })]
  try {
    out.push(JSON.stringify(value) ?? "")
  } catch {
    // inspect covers it
  }
  if (value instanceof Error) out.push(String(value), value.message, value.stack ?? "")
  return out
}

/** Our own hints name the key prefixes; they are not leaks. */
const HINTS = /sk-ant-(admin|api)[-…]/g

const expectClean = (label: string, values: ReadonlyArray<unknown>) => {
  for (const value of values) {
    for (const view of views(value)) {
      const text = view.replace(HINTS, "")
      expect(text, `${label}: ${text.slice(0, 400)}`).not.toContain("CANARY")
      expect(text, `${label}: ${text.slice(0, 400)}`).not.toMatch(/sk-ant-/)
    }
  }
}

describe("key-leak scan (connector)", () => {
  it("a connector built with the key in creds, in settings or as Redacted never shows it", () => {
    const built = [
      new AnthropicConnector({}, { adminApiKey: CANARY }),
      new AnthropicConnector({ adminApiKey: CANARY } as never),
      new AnthropicConnector({}, { adminApiKey: Redacted.make(CANARY) } as never),
      AnthropicConnector.create({ adminApiKey: CANARY, lookbackDays: 3 })
    ]
    for (const connector of built) {
      expectClean("connector", [connector, connector.serializeConfig(), { ...connector }])
      expect(JSON.stringify(connector)).not.toContain("CANARY")
    }
  })

  for (const [name, answer] of SERVERS) {
    it.effect(`${name}: nothing thrown, returned, logged or observed carries the key`, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const seen: Array<unknown> = []
        const ctx: AnthropicContext = {
          httpClient: hostile(answer),
          client: { retry: { maxAttempts: 2, jitter: 0, baseDelay: 0, floor: 0 } },
          logger: {
            info: (event, fields) => void seen.push({ event, fields }),
            warn: (event, fields) => void seen.push({ event, fields })
          },
          observer: (event) => void seen.push(event)
        }
        for (const connector of [
          new AnthropicConnector({ lookbackDays: 3 }, { adminApiKey: CANARY }, ctx),
          new AnthropicConnector({ lookbackDays: 3, adminApiKey: CANARY } as never, undefined, ctx)
        ]) {
          const outcome = yield* Effect.either(connector.syncEffect({ mode: "full" }, new MemoryStorage()))
          seen.push(outcome, connector)
          expect(outcome._tag === "Left" || outcome.right.done === false, name).toBe(true)
        }
        expectClean(name, seen)
      })
    )
  }
})
