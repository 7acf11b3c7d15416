import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import {
  ConfigProvider,
  Duration,
  Effect,
  Fiber,
  Layer,
  Logger,
  Option,
  Redacted,
  TestClock,
  Tracer
} from "effect"
import { AdminApiClient, UsageReport } from "../src/index.js"
import { apiError, KEY, layerFor, stub, usageBucket } from "./support/stub.js"

const params = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-02T00:00:00Z" }
const ok = {
  status: 200,
  body: { data: [usageBucket(Date.UTC(2026, 2, 1))], has_more: false, next_page: null }
}

interface RecordedSpan {
  readonly id: string
  readonly name: string
  readonly parent: string | undefined
  readonly attributes: Map<string, unknown>
  readonly events: Array<string>
}

/** A tracer that keeps every span it is asked to create. */
const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let ids = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, startTime, kind) {
      const spanId = `span${++ids}`
      const recorded: RecordedSpan = {
        id: spanId,
        name,
        parent: Option.match(parent, { onNone: () => undefined, onSome: (p) => p.spanId }),
        attributes: new Map(),
        events: []
      }
      spans.push(recorded)
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace1",
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
        event(eventName, _time, attributes) {
          recorded.events.push(`${eventName} ${JSON.stringify(attributes ?? {})}`)
        },
        addLinks() {}
      }
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans }
}

describe("AdminApiClient: requests", () => {
  it.effect("sends the key, version, User-Agent naming package and version, and accept headers", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ok)
      yield* UsageReport.page(params).pipe(Effect.provide(layerFor(client)))
      yield* UsageReport.page(params).pipe(
        Effect.provide(layerFor(client, { userAgent: "my-app/1.2.0", anthropicVersion: "2099-01-01" }))
      )
      const [plain, custom] = seen
      expect(plain!.url.origin).toBe("https://api.anthropic.com")
      expect(plain!.headers).toMatchObject({
        "x-api-key": KEY,
        "anthropic-version": "2023-06-01",
        "user-agent": "@rawdash/anthropic-admin-api/0.1.0",
        accept: "application/json"
      })
      expect(AdminApiClient.USER_AGENT).toMatch(/^@rawdash\/anthropic-admin-api\/\d+\.\d+\.\d+/)
      expect(custom!.headers).toMatchObject({
        "user-agent": `my-app/1.2.0 ${AdminApiClient.USER_AGENT}`,
        "anthropic-version": "2099-01-01"
      })
    })
  )

  it.effect(
    "§10.6: anthropic-version defaults to 2023-06-01; the anthropicVersion option sends 2026-10-21",
    () =>
      Effect.gen(function* () {
        const { client, seen } = stub(() => ok)
        yield* UsageReport.page(params).pipe(Effect.provide(layerFor(client)))
        yield* UsageReport.page(params).pipe(
          Effect.provide(layerFor(client, { anthropicVersion: AdminApiClient.ANTHROPIC_VERSION_2026_10_21 }))
        )
        expect(AdminApiClient.ANTHROPIC_VERSION).toBe("2023-06-01")
        expect(AdminApiClient.ANTHROPIC_VERSION_2026_10_21).toBe("2026-10-21")
        expect(seen.map((request) => request.headers["anthropic-version"])).toEqual([
          "2023-06-01",
          "2026-10-21"
        ])
      })
  )

  it.effect("transformClient decorates every request; baseUrl is prepended", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ok)
      yield* UsageReport.page(params).pipe(
        Effect.provide(
          layerFor(client, {
            baseUrl: "https://gateway.example/anthropic",
            transformClient: HttpClient.mapRequest(HttpClientRequest.setHeader("x-gateway", "yes"))
          })
        )
      )
      expect(seen[0]!.url.href).toMatch(
        /^https:\/\/gateway\.example\/anthropic\/v1\/organizations\/usage_report\/messages\?/
      )
      expect(seen[0]!.headers["x-gateway"]).toBe("yes")
    })
  )

  it.effect("layerConfig reads ANTHROPIC_ADMIN_API_KEY and ANTHROPIC_BASE_URL", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ok)
      const layer = AdminApiClient.layerConfig().pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
        Layer.provide(
          Layer.setConfigProvider(
            ConfigProvider.fromMap(
              new Map([
                ["ANTHROPIC_ADMIN_API_KEY", "sk-ant-admin01-from-config"],
                ["ANTHROPIC_BASE_URL", "http://127.0.0.1:9"]
              ])
            )
          )
        )
      )
      yield* UsageReport.page(params).pipe(Effect.provide(layer))
      expect(seen[0]!.headers["x-api-key"]).toBe("sk-ant-admin01-from-config")
      expect(seen[0]!.url.origin).toBe("http://127.0.0.1:9")
    })
  )

  it.effect("layerConfig without a key fails with a ConfigError naming the variable", () =>
    Effect.gen(function* () {
      const { client } = stub(() => ok)
      const layer = AdminApiClient.layerConfig().pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map())))
      )
      const error = yield* Effect.flip(Layer.build(layer)).pipe(Effect.scoped)
      expect(String(error)).toContain("ANTHROPIC_ADMIN_API_KEY")
    })
  )
})

describe("AdminApiClient: tracing and secrecy", () => {
  it.effect(
    "a span per attempt with method, path, status, attempt and request id; the key in no span or log",
    () =>
      Effect.gen(function* () {
        const { tracer, spans } = recordingTracer()
        const logs: Array<string> = []
        const logger = Logger.make(({ message, annotations }) => {
          logs.push(JSON.stringify({ message, annotations: [...annotations] }))
        })
        const { client } = stub((_, i) =>
          i === 0
            ? { status: 429, body: apiError("rate_limit_error", "slow"), headers: { "retry-after": "1" } }
            : ok
        )
        const layer = layerFor(client, {
          onRetry: (event) => Effect.logWarning(`retrying after ${event.error.message}`)
        })
        const fiber = yield* Effect.fork(
          UsageReport.page(params).pipe(
            Effect.tapErrorCause(Effect.logError),
            Effect.provide(layer),
            Effect.withTracer(tracer),
            Effect.provide(Logger.replace(Logger.defaultLogger, logger))
          )
        )
        yield* TestClock.adjust(Duration.seconds(1))
        yield* Fiber.join(fiber)

        const attempts = spans.filter((s) => s.name === `AdminApiClient.request GET ${UsageReport.PATH}`)
        expect(attempts.map((s) => Object.fromEntries(s.attributes))).toEqual([
          expect.objectContaining({
            "http.request.method": "GET",
            "url.path": UsageReport.PATH,
            "anthropic.attempt": 1,
            "http.response.status_code": 429,
            "anthropic.request_id": "req_stub1"
          }),
          expect.objectContaining({
            "anthropic.attempt": 2,
            "http.response.status_code": 200,
            "anthropic.request_id": "req_stub2"
          })
        ])
        const outer = spans.find((s) => s.name === "AdminApiClient.usage_report/messages")
        expect(outer).toBeDefined()
        expect(attempts.map((s) => s.parent)).toEqual([outer!.id, outer!.id])
        expect(logs.some((line) => line.includes("retrying after 429 rate limited"))).toBe(true)

        // every span (ours and the platform's http.client span) and every log line
        const everything = JSON.stringify([
          spans.map((s) => [s.name, [...s.attributes.entries()].map(([k, v]) => [k, String(v)]), s.events]),
          logs
        ])
        expect(spans.length).toBeGreaterThan(3)
        expect(everything).toContain("x-api-key")
        expect(everything).not.toContain(KEY)
      })
  )

  it("Options keep the key Redacted: it does not show in the options' string or JSON forms", () => {
    const options: AdminApiClient.Options = { apiKey: Redacted.make(KEY) }
    expect(JSON.stringify(options)).not.toContain(KEY)
    expect(String(options.apiKey)).not.toContain(KEY)
  })
})
