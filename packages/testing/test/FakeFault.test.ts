import { HttpClient, type HttpClientError } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Fiber, TestClock } from "effect"
import { FakeAdminApi, FakeFault, FakeHttpClient, FakeOrganization } from "../src/index.js"
import {
  type Bucket,
  call,
  CLAUDE_CODE,
  COST,
  HEADERS,
  type Page,
  USAGE,
  type UsageItem,
  url
} from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0, 400)
const org = FakeOrganization.make({ seed: 8, days: 6, now: NOW })
const START = [["starting_at", "2026-03-11T00:00:00Z"]] as const
const on = (fault: FakeFault.Fault, extra: Partial<FakeFault.ScriptedFault> = {}) =>
  FakeAdminApi.make({ organization: org, clock: () => NOW, faults: { script: [{ fault, ...extra }] } })

const errorOf = (body: string) => (JSON.parse(body) as { error: { type: string } }).error.type

describe("status faults", () => {
  const cases: ReadonlyArray<
    readonly [string, FakeFault.Fault, number, string, Record<string, string | undefined>]
  > = [
    [
      "429 with Retry-After seconds",
      FakeFault.rateLimited({ seconds: 7 }),
      429,
      "rate_limit_error",
      { "retry-after": "7" }
    ],
    [
      "429 with Retry-After 0",
      FakeFault.rateLimited({ seconds: 0 }),
      429,
      "rate_limit_error",
      { "retry-after": "0" }
    ],
    [
      "429 with Retry-After as an HTTP-date from the fake's clock",
      FakeFault.rateLimited({ httpDate: 3 }),
      429,
      "rate_limit_error",
      { "retry-after": "Sun, 15 Mar 2026 12:00:03 GMT" }
    ],
    [
      "429 with retry-after-ms",
      FakeFault.rateLimited({ milliseconds: 1500 }),
      429,
      "rate_limit_error",
      { "retry-after-ms": "1500", "retry-after": undefined }
    ],
    [
      "429 without any retry header",
      FakeFault.rateLimited(),
      429,
      "rate_limit_error",
      { "retry-after": undefined, "retry-after-ms": undefined }
    ],
    ["503 with Retry-After", FakeFault.unavailable({ seconds: 2 }), 503, "api_error", { "retry-after": "2" }],
    ["503 without Retry-After", FakeFault.unavailable(), 503, "api_error", { "retry-after": undefined }],
    [
      "529 with Retry-After",
      FakeFault.overloaded({ seconds: 1 }),
      529,
      "overloaded_error",
      { "retry-after": "1" }
    ],
    [
      "529 without Retry-After",
      FakeFault.overloaded(),
      529,
      "overloaded_error",
      { "retry-after": undefined }
    ],
    ["500", { kind: "internal-error" }, 500, "api_error", {}],
    ["408", { kind: "request-timeout" }, 408, "timeout_error", {}],
    ["410 for an expired cursor", { kind: "expired-cursor" }, 410, "invalid_request_error", {}]
  ]
  for (const [name, fault, status, type, headers] of cases) {
    it(`produces ${name} on demand, with the envelope and request-id`, () => {
      const api = on(fault)
      const r = api.handle({ method: "GET", url: url(USAGE, START), headers: HEADERS })
      expect(r.status).toBe(status)
      expect(errorOf(r.body)).toBe(type)
      expect(JSON.parse(r.body).request_id).toBe(r.headers["request-id"])
      for (const [h, v] of Object.entries(headers)) expect(r.headers[h]).toBe(v)
      // Only the first request is faulted; the next one is normal.
      expect(api.handle({ method: "GET", url: url(USAGE, START), headers: HEADERS }).status).toBe(200)
      expect(api.log.map((e) => e.fault)).toEqual([fault, null])
    })
  }
})

describe("§10.8 / §10.9 status fault details", () => {
  const detailsOf = (body: string) =>
    (JSON.parse(body) as { error: { details?: { error_code?: string } } }).error.details?.error_code

  it("§10.8 spend-limit-reached answers 429 rate_limit_error with enforced_spend_limit_reached and no retry headers", () => {
    const r = on(FakeFault.spendLimitReached()).handle({
      method: "GET",
      url: url(USAGE, START),
      headers: HEADERS
    })
    expect(r.status).toBe(429)
    expect(errorOf(r.body)).toBe("rate_limit_error")
    expect(detailsOf(r.body)).toBe("enforced_spend_limit_reached")
    for (const h of [
      "retry-after",
      "retry-after-ms",
      "x-should-retry",
      "anthropic-ratelimit-requests-reset"
    ]) {
      expect(r.headers).not.toHaveProperty(h)
    }
  })

  it("§10.8 every status fault carries its error_code", () => {
    const codes: ReadonlyArray<readonly [FakeFault.Fault, string]> = [
      [FakeFault.rateLimited(), "rate_limit_exceeded"],
      [FakeFault.unavailable(), "service_unavailable"],
      [FakeFault.overloaded(), "overloaded"],
      [{ kind: "internal-error" }, "internal_error"],
      [{ kind: "request-timeout" }, "request_timeout"],
      [{ kind: "expired-cursor" }, "cursor_expired"]
    ]
    for (const [fault, code] of codes) {
      expect(
        detailsOf(on(fault).handle({ method: "GET", url: url(USAGE, START), headers: HEADERS }).body)
      ).toBe(code)
    }
  })

  it("§10.9 status faults carry x-should-retry: true|false when shouldRetry is set, and none otherwise", () => {
    const header = (fault: FakeFault.Fault) =>
      on(fault).handle({ method: "GET", url: url(USAGE, START), headers: HEADERS }).headers["x-should-retry"]
    expect(header(FakeFault.unavailable(undefined, { shouldRetry: false }))).toBe("false")
    expect(header(FakeFault.overloaded({ seconds: 1 }, { shouldRetry: true }))).toBe("true")
    expect(header(FakeFault.rateLimited(undefined, { shouldRetry: false }))).toBe("false")
    expect(header(FakeFault.spendLimitReached({ shouldRetry: false }))).toBe("false")
    expect(header({ kind: "internal-error", shouldRetry: true })).toBe("true")
    expect(header({ kind: "expired-cursor", shouldRetry: false })).toBe("false")
    expect(header(FakeFault.unavailable())).toBeUndefined()
    // retry hints and x-should-retry combine
    const both = on(FakeFault.rateLimited({ seconds: 4 }, { shouldRetry: true })).handle({
      method: "GET",
      url: url(USAGE, START),
      headers: HEADERS
    })
    expect(both.headers).toMatchObject({ "retry-after": "4", "x-should-retry": "true" })
  })
})

describe("body faults", () => {
  it("malformed-json answers 200 with a body that does not parse", () => {
    const r = on({ kind: "malformed-json" }).handle({
      method: "GET",
      url: url(USAGE, START),
      headers: HEADERS
    })
    expect(r.status).toBe(200)
    expect(() => JSON.parse(r.body)).toThrow()
    expect(r.headers["content-length"]).toBe(String(new TextEncoder().encode(r.body).length))
  })

  it("truncated-body announces the full length but carries half the body", () => {
    const normal = call(FakeAdminApi.make({ organization: org }), USAGE, START)
    const r = on({ kind: "truncated-body" }).handle({
      method: "GET",
      url: url(USAGE, START),
      headers: HEADERS
    })
    expect(r.transport).toBe("truncate")
    expect(r.headers["content-length"]).toBe(normal.headers["content-length"])
    expect(normal.body.startsWith(r.body)).toBe(true)
    expect(r.body.length).toBeLessThan(normal.body.length)
  })

  it("has-more-without-next-page keeps the data but says has_more: true, next_page: null", () => {
    const normal = call<Page<unknown>>(FakeAdminApi.make({ organization: org }), USAGE, START)
    const r = call<Page<unknown>>(on({ kind: "has-more-without-next-page" }), USAGE, START)
    expect(r.json.data).toEqual(normal.json.data)
    expect(r.json).toMatchObject({ has_more: true, next_page: null })
  })

  it("repeated-cursor answers next_page equal to the cursor just sent", () => {
    const api = on({ kind: "repeated-cursor" }, { request: 2 })
    const first = call<Page<unknown>>(api, USAGE, [
      ["starting_at", "2026-03-10T00:00:00Z"],
      ["limit", "1"]
    ])
    const page = first.json.next_page!
    const second = call<Page<unknown>>(api, USAGE, [
      ["starting_at", "2026-03-10T00:00:00Z"],
      ["limit", "1"],
      ["page", page]
    ])
    expect(second.json).toMatchObject({ has_more: true, next_page: page })
    // Without a page parameter, the cursor points back at the first page itself.
    const own = call<Page<unknown>>(on({ kind: "repeated-cursor" }), USAGE, [
      ["starting_at", "2026-03-10T00:00:00Z"],
      ["limit", "1"]
    ])
    const again = call<Page<unknown>>(FakeAdminApi.make({ organization: org }), USAGE, [
      ["starting_at", "2026-03-10T00:00:00Z"],
      ["limit", "1"],
      ["page", own.json.next_page!]
    ])
    expect(again.json.data).toEqual(own.json.data)
  })

  it("drift adds unknown fields, swaps in unknown enum values and drops post-2025 optional fields", () => {
    const params = [...START, ["group_by[]", "service_tier"], ["group_by[]", "inference_geo"]] as const
    const r = call<Page<Bucket<UsageItem>> & { fake_drift_page_field?: unknown }>(
      on({ kind: "drift" }),
      USAGE,
      params
    )
    expect(r.json.fake_drift_page_field).toBeDefined()
    const items = r.json.data.flatMap((b) => b.results)
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      expect(item["fake_drift_field"]).toBe("added by a newer API")
      expect(item.service_tier).toBe("priority_plus")
      expect(item).not.toHaveProperty("inference_geo")
      expect(item).not.toHaveProperty("account_id")
      expect(typeof item.output_tokens).toBe("number")
    }
    const cost = call<Page<Bucket<Record<string, unknown>>>>(
      on({ kind: "drift", missingOptional: false, extraFields: false }),
      COST,
      [...START, ["group_by[]", "description"]]
    )
    const costItems = cost.json.data.flatMap((b) => b.results)
    expect(costItems.some((i) => i["cost_type"] === "managed_agents_usage")).toBe(true)
    expect(costItems.every((i) => !("fake_drift_field" in i) && "inference_geo" in i)).toBe(true)
    const cc = call<Page<Record<string, unknown>>>(on({ kind: "drift" }), CLAUDE_CODE, [
      ["starting_at", "2026-03-12"]
    ])
    expect(cc.json.data.length).toBeGreaterThan(0)
    for (const record of cc.json.data) {
      expect(record).not.toHaveProperty("subscription_type")
      expect(record["customer_type"]).toBe("enterprise_api")
      expect(record["tool_actions"]).toHaveProperty("bash_tool")
    }
  })

  it("does not apply a body fault to an error response (and logs no fault)", () => {
    const api = on({ kind: "drift" })
    const r = call(api, USAGE, [])
    expect(r.status).toBe(400)
    expect(api.log[0]!.fault).toBeNull()
  })
})

describe("scripts", () => {
  it("applies a fault to the Nth request matching a path, count times", () => {
    const api = FakeAdminApi.make({
      organization: org,
      faults: { script: [{ fault: FakeFault.overloaded(), path: COST, request: 2, count: 2 }] }
    })
    const statuses = [USAGE, COST, USAGE, COST, COST, COST].map((p) => call(api, p, START).status)
    expect(statuses).toEqual([200, 200, 200, 529, 529, 200])
  })

  it("matches paths by pattern and applies latency as part of the response", () => {
    const api = FakeAdminApi.make({
      organization: org,
      latency: 2,
      faults: { script: [{ fault: FakeFault.latency(40), path: /claude_code$/ }] }
    })
    expect(api.handle({ method: "GET", url: url(USAGE, START), headers: HEADERS }).delayMs).toBe(2)
    const slow = api.handle({
      method: "GET",
      url: url(CLAUDE_CODE, [["starting_at", "2026-03-12"]]),
      headers: HEADERS
    })
    expect(slow.status).toBe(200)
    expect(slow.delayMs).toBe(42)
    expect(api.log[1]!.respondedAt - api.log[1]!.receivedAt).toBe(42)
  })
})

describe("seeded-random faults", () => {
  const run = (seed: number, rate = 0.5, n = 200) => {
    // Hundreds of requests at one pinned instant: the per-minute limiter (§10.3) is off here.
    const api = FakeAdminApi.make({
      organization: org,
      clock: () => NOW,
      rateLimit: false,
      faults: { random: { seed, rate } }
    })
    const out = Array.from({ length: n }, () => {
      const r = api.handle({ method: "GET", url: url(USAGE, START), headers: HEADERS })
      return { status: r.status, body: r.body, headers: r.headers, transport: r.transport ?? null }
    })
    return { out, faults: api.log.map((e) => e.fault) }
  }

  it("is reproducible by seed: same seed, same faults and responses", () => {
    const a = run(42)
    expect(run(42)).toEqual(a)
    expect(run(43).faults).not.toEqual(a.faults)
    const rate = a.faults.filter((f) => f !== null).length / a.faults.length
    expect(rate).toBeGreaterThan(0.35)
    expect(rate).toBeLessThan(0.65)
  })

  it("produces every fault kind of the catalogue by seed", () => {
    const { faults } = run(7, 1, 400)
    const kinds = new Set(faults.map((f) => (f === null ? "none" : f.kind)))
    expect([...kinds].sort()).toEqual([...new Set(FakeFault.catalogue.map((f) => f.kind))].sort())
    expect(run(7, 0, 50).faults.every((f) => f === null)).toBe(true)
  })

  it("draws from a custom pool", () => {
    const api = FakeAdminApi.make({
      organization: org,
      faults: { random: { seed: 1, rate: 1, faults: [{ kind: "internal-error" }] } }
    })
    expect([1, 2, 3].map(() => call(api, USAGE, START).status)).toEqual([500, 500, 500])
  })
})

describe("faults through the HttpClient layer", () => {
  const get = (path: string, params: ReadonlyArray<readonly [string, string]> = START) =>
    HttpClient.get(`https://api.anthropic.com${url(path, params)}`, { headers: HEADERS })

  it.effect("a dropped connection fails with a transport RequestError", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(get(USAGE))
      expect(error._tag).toBe("RequestError")
      expect((error as HttpClientError.RequestError).reason).toBe("Transport")
    }).pipe(
      Effect.provide(
        FakeHttpClient.layer(org, { faults: { script: [{ fault: { kind: "drop-connection" } }] } })
      )
    )
  )

  it.effect("a truncated body fails while the body is read", () =>
    Effect.gen(function* () {
      const response = yield* get(USAGE)
      expect(response.status).toBe(200)
      const body = yield* Effect.either(response.text)
      expect(Either.isLeft(body)).toBe(true)
    }).pipe(
      Effect.provide(
        FakeHttpClient.layer(org, { faults: { script: [{ fault: { kind: "truncated-body" } }] } })
      )
    )
  )

  it.effect("latency waits on the Clock, so TestClock controls it", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(get(USAGE))
      yield* TestClock.adjust("999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      const response = yield* Fiber.join(fiber)
      expect(response.status).toBe(200)
    }).pipe(Effect.provide(FakeHttpClient.layer(org, { latency: 1000 })))
  )
})

describe("the fake's notion of now", () => {
  it.effect(
    "the layer reads Effect's Clock for HTTP-date retry-after and the log, so TestClock pins it",
    () => {
      const api = FakeAdminApi.make({
        organization: org,
        faults: { script: [{ fault: FakeFault.rateLimited({ httpDate: 30 }) }] }
      })
      return Effect.gen(function* () {
        yield* TestClock.setTime(Date.UTC(2026, 2, 15, 8, 0, 0))
        const response = yield* HttpClient.get(`https://api.anthropic.com${url(USAGE, START)}`, {
          headers: HEADERS
        })
        expect(response.status).toBe(429)
        expect(response.headers["retry-after"]).toBe("Sun, 15 Mar 2026 08:00:30 GMT")
        expect(api.log[0]!.receivedAt).toBe(Date.UTC(2026, 2, 15, 8, 0, 0))
      }).pipe(Effect.provide(FakeHttpClient.layer(api)))
    }
  )

  it.effect(
    "§10.3 through the HttpClient layer the limiter's minute windows follow Effect's Clock (TestClock)",
    () => {
      const api = FakeAdminApi.make({
        organization: org,
        rateLimit: { requestsPerMinute: 1, reset: "window-end" }
      })
      const get = HttpClient.get(`https://api.anthropic.com${url(USAGE, START)}`, { headers: HEADERS })
      return Effect.gen(function* () {
        yield* TestClock.setTime(Date.UTC(2026, 2, 15, 8, 0, 30))
        expect((yield* get).status).toBe(200)
        const limited = yield* get
        expect(limited.status).toBe(429)
        expect(limited.headers["anthropic-ratelimit-requests-reset"]).toBe("2026-03-15T08:01:00Z")
        expect(limited.headers["retry-after"]).toBeUndefined()
        yield* TestClock.adjust("29 seconds")
        expect((yield* get).status).toBe(429)
        yield* TestClock.adjust("1 second")
        expect((yield* get).status).toBe(200)
      }).pipe(Effect.provide(FakeHttpClient.layer(api)))
    }
  )
})
