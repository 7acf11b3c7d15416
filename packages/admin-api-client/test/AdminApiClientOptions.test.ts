/**
 * The client options added for the Promise facade, as Effect users meet
 * them: trace-context headers only on request (spans kept), client and
 * per-call headers, per-call retry and timeout through
 * `CurrentRequestOptions`, and response headers on pages. Asserted on the
 * testing kit's request log.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  FakeAdminApi,
  FakeFault,
  FakeHttpClient,
  FakeOrganization
} from "@rawdash/anthropic-admin-api-testing"
import { Chunk, Effect, Layer, Option, Redacted, Stream, Tracer } from "effect"
import { AdminApiClient, CostReport, UsageReport } from "../src/index.js"
import { KEY } from "./support/stub.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 3, days: 20, now: NOW })
const params = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-04T00:00:00Z" }

const fake = (
  options: Partial<Omit<AdminApiClient.Options, "apiKey">> = {},
  api: Omit<FakeAdminApi.Options, "organization"> = {}
) => {
  const instance = FakeAdminApi.make({ ...api, organization: org, clock: () => NOW })
  const layer = AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: { jitter: 0 }, ...options }).pipe(
    Layer.provide(FakeHttpClient.layer(instance))
  )
  return { api: instance, layer }
}

interface Recorded {
  readonly name: string
  readonly traceId: string
  readonly spanId: string
  readonly attributes: Map<string, unknown>
}

/** A tracer that keeps every span, with real-looking W3C ids. */
const recordingTracer = () => {
  const spans: Array<Recorded> = []
  const hex = (n: number, width: number) => n.toString(16).padStart(width, "0")
  const tracer = Tracer.make({
    span(name, parent, context, links, startTime, kind) {
      const traceId = Option.match(parent, {
        onNone: () => hex(spans.length + 1, 32),
        onSome: (p) => p.traceId
      })
      const recorded: Recorded = { name, traceId, spanId: hex(spans.length + 1, 16), attributes: new Map() }
      spans.push(recorded)
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      return {
        _tag: "Span",
        name,
        spanId: recorded.spanId,
        traceId,
        parent,
        context,
        get status() {
          return status
        },
        attributes: recorded.attributes,
        links,
        sampled: true,
        kind,
        end(endTime, exit) {
          status = { _tag: "Ended", startTime, endTime, exit }
        },
        attribute(key, value) {
          recorded.attributes.set(key, value)
        },
        event() {},
        addLinks() {}
      }
    },
    context: (f) => f()
  })
  return { tracer, spans }
}

const TRACE_HEADERS = ["traceparent", "b3", "tracestate"]

describe("AdminApiClient: trace context", () => {
  it.effect("no traceparent/b3 by default, while every span is still recorded (and none holds the key)", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      const { spans, tracer } = recordingTracer()
      yield* UsageReport.page(params).pipe(Effect.provide(layer), Effect.withTracer(tracer))
      expect(api.log).toHaveLength(1)
      expect(Object.keys(api.log[0]!.headers).filter((h) => TRACE_HEADERS.includes(h))).toEqual([])
      expect(spans.map((s) => s.name)).toEqual([
        "AdminApiClient.usage_report/messages",
        "AdminApiClient.request GET /v1/organizations/usage_report/messages",
        "http.client GET"
      ])
      const everything = spans.flatMap((s) => [...s.attributes.values()].map(String)).join(" ")
      expect(everything).toContain("/v1/organizations/usage_report/messages")
      expect(everything).not.toContain(KEY)
    })
  )

  it.effect("tracerPropagation: true sends the request span's context as traceparent and b3", () =>
    Effect.gen(function* () {
      const { api, layer } = fake({ tracerPropagation: true })
      const { spans, tracer } = recordingTracer()
      yield* UsageReport.page(params).pipe(Effect.provide(layer), Effect.withTracer(tracer))
      const http = spans.find((s) => s.name === "http.client GET")!
      expect(api.log[0]!.headers.traceparent).toBe(`00-${http.traceId}-${http.spanId}-01`)
      expect(api.log[0]!.headers.b3).toMatch(new RegExp(`^${http.traceId}-${http.spanId}-1-[0-9a-f]{16}$`))
    })
  )
})

describe("AdminApiClient: headers and per-call options", () => {
  it.effect(
    "client headers, then per-call headers, reach every request; x-api-key comes only from apiKey",
    () =>
      Effect.gen(function* () {
        const { api, layer } = fake(
          {
            headers: {
              "X-Team": "finance",
              "anthropic-version": "2026-10-21",
              "x-api-key": "sk-ant-admin-other"
            }
          },
          { adminKeys: [KEY] }
        )
        yield* Stream.runDrain(
          CostReport.pages({ ...params, limit: 1 }).pipe(
            Stream.provideService(AdminApiClient.CurrentRequestOptions, { headers: { "x-team": "ops" } })
          )
        ).pipe(Effect.provide(layer))
        yield* CostReport.page(params).pipe(Effect.provide(layer))
        expect(
          api.log.map((e) => [e.headers["x-team"], e.headers["anthropic-version"], e.credential])
        ).toEqual([
          ["ops", "2026-10-21", "admin"],
          ["ops", "2026-10-21", "admin"],
          ["ops", "2026-10-21", "admin"],
          ["finance", "2026-10-21", "admin"]
        ])
      })
  )

  it.live(
    "per-call retry { maxAttempts: 1 } sends one request on a 429; the client's policy applies otherwise",
    () =>
      Effect.gen(function* () {
        const { api, layer } = fake(
          { retry: { jitter: 0, floor: 0, maxAttempts: 3 } },
          { faults: { script: [{ fault: FakeFault.rateLimited({ milliseconds: 1 }), count: 4 }] } }
        )
        const once = yield* Effect.flip(
          CostReport.page(params).pipe(
            Effect.provideService(AdminApiClient.CurrentRequestOptions, { retry: { maxAttempts: 1 } }),
            Effect.provide(layer)
          )
        )
        expect(once._tag).toBe("RateLimitError")
        expect(api.log).toHaveLength(1)
        const again = yield* Effect.flip(CostReport.page(params).pipe(Effect.provide(layer)))
        expect(again._tag).toBe("RateLimitError")
        expect(api.log).toHaveLength(4)
        const invalid = yield* Effect.flip(
          CostReport.page(params).pipe(
            Effect.provideService(AdminApiClient.CurrentRequestOptions, { retry: { maxAttempts: 0 } }),
            Effect.provide(layer)
          )
        )
        expect(invalid).toMatchObject({ _tag: "InvalidParameterError", field: "retry" })
        expect(api.log).toHaveLength(4)
      })
  )

  it.live("a per-call timeout replaces the client's", () =>
    Effect.gen(function* () {
      const { layer } = fake(
        { retry: false, timeout: "10 seconds" },
        { faults: { script: [{ fault: FakeFault.latency(5_000) }] } }
      )
      const error = yield* Effect.flip(
        CostReport.page(params).pipe(
          Effect.provideService(AdminApiClient.CurrentRequestOptions, { timeout: "50 millis" }),
          Effect.provide(layer)
        )
      )
      expect(error).toMatchObject({ _tag: "TimeoutError", timeoutMillis: 50 })
    })
  )

  it.live("onResponse sees each decoded response once (not the failed attempts), never the key", () =>
    Effect.gen(function* () {
      const { api, layer } = fake(
        { retry: { jitter: 0, floor: 0 } },
        { faults: { script: [{ fault: FakeFault.rateLimited({ milliseconds: 1 }) }] } }
      )
      const seen: Array<AdminApiClient.ResponseInfo> = []
      yield* Stream.runDrain(
        CostReport.pages({ ...params, limit: 2 }).pipe(
          Stream.provideService(AdminApiClient.CurrentRequestOptions, {
            onResponse: (info) => Effect.sync(() => void seen.push(info))
          })
        )
      ).pipe(Effect.provide(layer))
      expect(api.log.map((e) => e.status)).toEqual([429, 200, 200])
      expect(seen.map((r) => [r.status, r.requestId])).toEqual(
        api.log.slice(1).map((e) => [200, e.requestId])
      )
      expect(seen[0]!.headers["request-id"]).toBe(seen[0]!.requestId)
      expect(JSON.stringify(seen)).not.toContain(KEY)
    })
  )

  it.effect("pages carry the response's headers (lower-case names)", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      const pages = yield* Stream.runCollect(UsageReport.pages({ ...params, limit: 2 })).pipe(
        Effect.provide(layer)
      )
      const all = Chunk.toReadonlyArray(pages)
      expect(all.map((p) => p.headers["request-id"])).toEqual(api.log.map((e) => e.requestId))
      expect(all.map((p) => p.requestId)).toEqual(api.log.map((e) => e.requestId))
      expect(all[0]!.headers["content-type"]).toContain("application/json")
    })
  )
})
