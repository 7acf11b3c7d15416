import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, TestClock } from "effect"
import { AdminApiError, RetryPolicy, UsageReport } from "../src/index.js"
import { apiError, type Handler, layerFor, stub, usageBucket } from "./support/stub.js"

const params: UsageReport.Params = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-02T00:00:00Z" }
const ok = {
  status: 200,
  body: { data: [usageBucket(Date.UTC(2026, 2, 1))], has_more: false, next_page: null }
}

/** A stub that also records the `Clock` time of each request. */
const timed = (handler: Handler) => {
  const times: Array<number> = []
  const s = stub((request, index) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      times.push(now)
      const reply = handler(request, index)
      return Effect.isEffect(reply) ? reply : Effect.succeed(reply)
    })
  )
  return { ...s, times }
}

const rateLimited = (headers: Record<string, string>) => ({
  status: 429,
  body: apiError("rate_limit_error", "Too many requests"),
  headers
})

describe("RetryPolicy: Retry-After", () => {
  it.effect("Retry-After: 7 retries at 7 s and not before", () =>
    Effect.gen(function* () {
      const { client, seen, times } = timed((_, i) => (i === 0 ? rateLimited({ "retry-after": "7" }) : ok))
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layerFor(client))))
      yield* TestClock.adjust(Duration.millis(6_999))
      expect(seen).toHaveLength(1)
      yield* TestClock.adjust(Duration.millis(1))
      const page = yield* Fiber.join(fiber)
      expect(seen).toHaveLength(2)
      expect(times).toEqual([0, 7_000])
      expect(page.data).toHaveLength(1)
    })
  )

  it.effect("retry-after-ms wins over retry-after", () =>
    Effect.gen(function* () {
      const { client, times } = timed((_, i) =>
        i === 0 ? rateLimited({ "retry-after-ms": "2500", "retry-after": "9" }) : ok
      )
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layerFor(client))))
      yield* TestClock.adjust(Duration.seconds(10))
      yield* Fiber.join(fiber)
      expect(times).toEqual([0, 2_500])
    })
  )

  it.effect("an HTTP-date Retry-After waits until that date, measured on Clock", () =>
    Effect.gen(function* () {
      const start = Date.UTC(2026, 2, 15, 12, 0, 0)
      yield* TestClock.setTime(start)
      const { client, times } = timed((_, i) =>
        i === 0 ? rateLimited({ "retry-after": new Date(start + 12_000).toUTCString() }) : ok
      )
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layerFor(client))))
      yield* TestClock.adjust(Duration.millis(11_999))
      expect(times).toEqual([start])
      yield* TestClock.adjust(Duration.millis(1))
      yield* Fiber.join(fiber)
      expect(times).toEqual([start, start + 12_000])
    })
  )

  it.effect("Retry-After 0 and a past HTTP-date wait the floor", () =>
    Effect.gen(function* () {
      const start = Date.UTC(2026, 2, 15, 12, 0, 0)
      yield* TestClock.setTime(start)
      const { client, times } = timed((_, i) =>
        i === 0
          ? rateLimited({ "retry-after": "0" })
          : i === 1
            ? { status: 503, headers: { "retry-after": new Date(start - 60_000).toUTCString() } }
            : ok
      )
      const layer = layerFor(client, { retry: { floor: Duration.seconds(2), jitter: 0 } })
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layer)))
      yield* TestClock.adjust(Duration.millis(1_999))
      expect(times).toHaveLength(1)
      yield* TestClock.adjust(Duration.seconds(5))
      yield* Fiber.join(fiber)
      expect(times).toEqual([start, start + 2_000, start + 4_000])
    })
  )

  it.effect("a Retry-After over the cap fails fast with the RateLimitError, without waiting", () =>
    Effect.gen(function* () {
      const { client, seen } = timed(() => rateLimited({ "retry-after": "3600" }))
      const layer = layerFor(client, { retry: { maxDelay: Duration.seconds(60) } })
      const error = yield* Effect.flip(UsageReport.page(params).pipe(Effect.provide(layer)))
      expect(error._tag).toBe("RateLimitError")
      expect(error).toMatchObject({ status: 429, retryAfterMillis: 3_600_000, requestId: "req_stub1" })
      expect(seen).toHaveLength(1)
      expect(yield* Clock.currentTimeMillis).toBe(0)
    })
  )

  it.effect("529 and 503 honour Retry-After; a 500 with Retry-After backs off instead", () =>
    Effect.gen(function* () {
      const { client, times } = timed((_, i) =>
        i === 0
          ? { status: 529, body: apiError("overloaded_error", "Overloaded"), headers: { "retry-after": "3" } }
          : i === 1
            ? { status: 503, headers: { "retry-after": "4" } }
            : i === 2
              ? { status: 500, body: apiError("api_error", "boom"), headers: { "retry-after": "30" } }
              : ok
      )
      const layer = layerFor(client, { retry: { baseDelay: Duration.millis(100), jitter: 0 } })
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layer)))
      yield* TestClock.adjust(Duration.seconds(60))
      yield* Fiber.join(fiber)
      // waits: 3 s (529), 4 s (503), then backoff 100 ms × 2² = 400 ms for the 500
      expect(times).toEqual([0, 3_000, 7_000, 7_400])
    })
  )
})

describe("RetryPolicy: backoff and budget", () => {
  it.effect("budget exhaustion by attempts ends with the last error", () =>
    Effect.gen(function* () {
      const statuses = [503, 500, 502]
      const { client, times } = timed((_, i) => ({
        status: statuses[i] ?? 200,
        body: apiError("api_error", `failure ${i + 1}`)
      }))
      const layer = layerFor(client, {
        retry: { maxAttempts: 3, baseDelay: Duration.millis(500), jitter: 0 }
      })
      const fiber = yield* Effect.fork(Effect.flip(UsageReport.page(params).pipe(Effect.provide(layer))))
      yield* TestClock.adjust(Duration.seconds(10))
      const error = yield* Fiber.join(fiber)
      expect(times).toEqual([0, 500, 1_500])
      expect(error).toMatchObject({
        _tag: "ServerError",
        status: 502,
        apiMessage: "failure 3",
        requestId: "req_stub3"
      })
    })
  )

  it.effect(
    "budget exhaustion by elapsed time ends with the last error, without a wait past the budget",
    () =>
      Effect.gen(function* () {
        const { client, times } = timed(() => rateLimited({ "retry-after": "6" }))
        const layer = layerFor(client, { retry: { maxAttempts: 10, maxElapsed: Duration.seconds(10) } })
        const fiber = yield* Effect.fork(Effect.flip(UsageReport.page(params).pipe(Effect.provide(layer))))
        yield* TestClock.adjust(Duration.seconds(6))
        const error = yield* Fiber.join(fiber)
        expect(times).toEqual([0, 6_000])
        expect(error).toMatchObject({ _tag: "RateLimitError", requestId: "req_stub2" })
        expect(yield* Clock.currentTimeMillis).toBe(6_000)
      })
  )

  it.effect("a dropped connection and a timeout are retried with exponential backoff", () =>
    Effect.gen(function* () {
      const { client, times } = timed((_, i) =>
        i === 0 ? { drop: "socket hang up" } : i === 1 ? { hang: true } : ok
      )
      const layer = layerFor(client, {
        timeout: Duration.seconds(5),
        retry: { baseDelay: Duration.seconds(1), jitter: 0 }
      })
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layer)))
      yield* TestClock.adjust(Duration.seconds(30))
      const page = yield* Fiber.join(fiber)
      // drop at 0, wait 1 s; hang from 1 s, timeout at 6 s, wait 2 s; success at 8 s
      expect(times).toEqual([0, 1_000, 8_000])
      expect(page.data).toHaveLength(1)
    })
  )

  it.effect("a timeout that persists ends with TimeoutError", () =>
    Effect.gen(function* () {
      const { client, seen } = timed(() => ({ hang: true }))
      const layer = layerFor(client, { timeout: Duration.seconds(2), retry: { maxAttempts: 2, jitter: 0 } })
      const fiber = yield* Effect.fork(Effect.flip(UsageReport.page(params).pipe(Effect.provide(layer))))
      yield* TestClock.adjust(Duration.seconds(10))
      const error = yield* Fiber.join(fiber)
      expect(seen).toHaveLength(2)
      expect(error).toMatchObject({ _tag: "TimeoutError", timeoutMillis: 2_000, path: UsageReport.PATH })
    })
  )

  for (const status of [400, 401, 403, 404, 410]) {
    it.effect(`never retries a ${status}`, () =>
      Effect.gen(function* () {
        const { client, seen } = timed(() => ({ status, body: apiError("some_error", "no") }))
        const error = yield* Effect.flip(UsageReport.page(params).pipe(Effect.provide(layerFor(client))))
        expect(seen).toHaveLength(1)
        expect(AdminApiError.isRetryable(error)).toBe(false)
      })
    )
  }

  it.effect("never retries a decode error", () =>
    Effect.gen(function* () {
      // valid JSON of the wrong shape (a body that is not JSON is a transport fault, retried)
      const { client, seen } = timed(() => ({ status: 200, body: { data: "not a list", has_more: false } }))
      const error = yield* Effect.flip(UsageReport.page(params).pipe(Effect.provide(layerFor(client))))
      expect(error._tag).toBe("DecodeError")
      expect(seen).toHaveLength(1)
    })
  )

  it.effect("retry: false sends one request", () =>
    Effect.gen(function* () {
      const { client, seen } = timed(() => rateLimited({ "retry-after": "1" }))
      const error = yield* Effect.flip(
        UsageReport.page(params).pipe(Effect.provide(layerFor(client, { retry: false })))
      )
      expect(error._tag).toBe("RateLimitError")
      expect(seen).toHaveLength(1)
    })
  )

  it.effect("onRetry is called before each wait with the error, attempt and delay", () =>
    Effect.gen(function* () {
      const events: Array<string> = []
      const { client } = timed((_, i) =>
        i === 0 ? rateLimited({ "retry-after": "7" }) : i === 1 ? { status: 502 } : ok
      )
      const layer = layerFor(client, {
        retry: { baseDelay: Duration.millis(300), jitter: 0 },
        onRetry: (event) =>
          Effect.map(Clock.currentTimeMillis, (now) => {
            events.push(
              `${now}: ${event.error._tag} attempt ${event.attempt}, ${Duration.format(event.delay)}`
            )
          })
      })
      const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(layer)))
      yield* TestClock.adjust(Duration.seconds(20))
      yield* Fiber.join(fiber)
      expect(events).toEqual(["0: RateLimitError attempt 1, 7s", "7000: ServerError attempt 2, 600ms"])
    })
  )
})

/** 12:00:40 UTC: the current per-minute window resets 20 s later, at 12:01:00. */
const START = Date.UTC(2026, 2, 15, 12, 0, 40)
const WINDOW_END = Date.UTC(2026, 2, 15, 12, 1, 0)

/**
 * A per-minute limiter whose quota is spent until `WINDOW_END`: until then
 * every request gets a 429 without Retry-After (reference §10.3), with an
 * `anthropic-ratelimit-requests-reset` at the window's end (`"future"`), one
 * second before the 429 arrives (`"past"`), or none (`"none"`).
 */
const perMinuteLimiter = (reset: "future" | "past" | "none") =>
  timed(() =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      if (now >= WINDOW_END) return ok
      const at =
        reset === "future"
          ? new Date(WINDOW_END).toISOString()
          : reset === "past"
            ? new Date(now - 1_000).toISOString()
            : undefined
      return rateLimited(at === undefined ? {} : { "anthropic-ratelimit-requests-reset": at })
    })
  )

/** Runs one page request with the client `layer` on TestClock until it ends. */
const pageUntilDone = (layer: ReturnType<typeof layerFor>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(Effect.either(UsageReport.page(params).pipe(Effect.provide(layer))))
    yield* TestClock.adjust(Duration.minutes(10))
    return yield* Fiber.join(fiber)
  })

/** The waits between consecutive request times. */
const gaps = (times: ReadonlyArray<number>) => times.slice(1).map((t, i) => t - times[i]!)

/** Backoff waits with the default policy: 500 ms × 2^(n-1). */
const BACKOFF = [500, 1_000, 2_000, 4_000, 8_000, 16_000]

describe("RetryPolicy: a per-minute rate limit that answers 429 without Retry-After for 20 s (reference §10.3)", () => {
  it.effect(
    "with a future reset header: the default policy waits exactly until the reset, then succeeds",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(START)
        const { client, times } = perMinuteLimiter("future")
        const result = yield* pageUntilDone(layerFor(client, { retry: undefined }))
        expect(result._tag).toBe("Right")
        expect(times).toEqual([START, WINDOW_END])
      })
  )

  for (const reset of ["none", "past"] as const) {
    const label = reset === "none" ? "without a reset header" : "with a reset header already past"
    it.effect(`${label}: the default policy backs off past the 20 s and succeeds on the 7th request`, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(START)
        const { client, times } = perMinuteLimiter(reset)
        const result = yield* pageUntilDone(layerFor(client, { retry: undefined }))
        expect(result._tag).toBe("Right")
        // the default 25 % jitter shortens each backoff wait by at most a quarter
        expect(times).toHaveLength(7)
        gaps(times).forEach((gap, i) => {
          expect(gap).toBeGreaterThanOrEqual(BACKOFF[i]! * 0.75)
          expect(gap).toBeLessThanOrEqual(BACKOFF[i]!)
        })
        expect(times.at(-2)!).toBeLessThan(WINDOW_END)
        expect(times.at(-1)!).toBeGreaterThanOrEqual(WINDOW_END)
      })
    )

    it.effect(`${label}: without jitter the waits are exactly 0.5, 1, 2, 4, 8 and 16 s`, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(START)
        const { client, times } = perMinuteLimiter(reset)
        const result = yield* pageUntilDone(layerFor(client, { retry: { jitter: 0 } }))
        expect(result._tag).toBe("Right")
        expect(gaps(times)).toEqual(BACKOFF)
        expect(times.at(-1)! - START).toBe(31_500)
      })
    )
  }

  it.effect(
    "a limit that never lifts ends with the RateLimitError within the 3-minute budget, not after 5 attempts",
    () =>
      Effect.gen(function* () {
        const { client, times } = timed(() => rateLimited({}))
        const result = yield* pageUntilDone(layerFor(client))
        // waits 0.5, 1, 2, 4, 8, 16, 32, 60 s (cap): the next 60 s would end at 183.5 s > 180 s
        expect(gaps(times)).toEqual([...BACKOFF, 32_000, 60_000])
        expect(result).toMatchObject({
          _tag: "Left",
          left: { _tag: "RateLimitError", requestId: "req_stub9" }
        })
        expect(yield* Clock.currentTimeMillis).toBe(10 * 60_000)
      })
  )

  it.effect(
    "an explicit maxAttempts (the CLI's --max-retries + 1) still sends exactly that many requests",
    () =>
      Effect.gen(function* () {
        const { client, times } = timed(() => rateLimited({}))
        const result = yield* pageUntilDone(layerFor(client, { retry: { maxAttempts: 3, jitter: 0 } }))
        expect(times).toEqual([0, 500, 1_500])
        expect(result._tag).toBe("Left")
      })
  )

  it.effect("a reset further away than maxDelay is waited for in capped steps", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(START)
      const end = START + 90_000
      const { client, times } = timed(() =>
        Effect.map(Clock.currentTimeMillis, (now) =>
          now >= end ? ok : rateLimited({ "anthropic-ratelimit-requests-reset": new Date(end).toISOString() })
        )
      )
      const result = yield* pageUntilDone(layerFor(client, { retry: { maxDelay: Duration.seconds(60) } }))
      expect(result._tag).toBe("Right")
      expect(times).toEqual([START, START + 60_000, START + 90_000])
    })
  )
})

describe("RetryPolicy: x-should-retry overrides the status rules (reference §10.9)", () => {
  it.effect("x-should-retry: true on a 400 is retried (with backoff) until it succeeds", () =>
    Effect.gen(function* () {
      const { client, times } = timed((_, i) =>
        i < 2
          ? {
              status: 400,
              body: apiError("invalid_request_error", "try again"),
              headers: { "x-should-retry": "true" }
            }
          : ok
      )
      const result = yield* pageUntilDone(layerFor(client))
      expect(result._tag).toBe("Right")
      expect(times).toEqual([0, 500, 1_500])
    })
  )

  it.effect("x-should-retry: false on a 503 (even with Retry-After) is not retried", () =>
    Effect.gen(function* () {
      const { client, times } = timed(() => ({
        status: 503,
        body: apiError("api_error", "unavailable"),
        headers: { "x-should-retry": "false", "retry-after": "1" }
      }))
      const result = yield* pageUntilDone(layerFor(client))
      expect(times).toEqual([0])
      expect(result).toMatchObject({
        _tag: "Left",
        left: { _tag: "ServerError", status: 503, shouldRetry: false }
      })
    })
  )

  it.effect("x-should-retry: FALSE on a 429 is not retried; an unknown value is ignored", () =>
    Effect.gen(function* () {
      const refused = timed(() => rateLimited({ "x-should-retry": " FALSE " }))
      const refusedResult = yield* pageUntilDone(layerFor(refused.client))
      expect(refused.times).toHaveLength(1)
      expect(refusedResult).toMatchObject({
        _tag: "Left",
        left: { _tag: "RateLimitError", shouldRetry: false }
      })

      const ignored = timed((_, i) => (i === 0 ? rateLimited({ "x-should-retry": "maybe" }) : ok))
      const ignoredResult = yield* pageUntilDone(layerFor(ignored.client))
      expect(gaps(ignored.times)).toEqual([500])
      expect(ignoredResult._tag).toBe("Right")
    })
  )

  it.effect("a 429 with error code enforced_spend_limit_reached is final unless x-should-retry: true", () =>
    Effect.gen(function* () {
      const spend = (headers: Record<string, string>) => ({
        status: 429,
        body: {
          type: "error",
          error: {
            type: "rate_limit_error",
            message: "Spend limit reached",
            details: { error_code: "enforced_spend_limit_reached" }
          }
        },
        headers
      })
      const final = timed(() => spend({}))
      const finalResult = yield* pageUntilDone(layerFor(final.client))
      expect(final.times).toEqual([0])
      expect(finalResult).toMatchObject({
        _tag: "Left",
        left: { _tag: "RateLimitError", errorCode: "enforced_spend_limit_reached" }
      })
      const told = timed((_, i) => (i === 0 ? spend({ "x-should-retry": "true" }) : ok))
      expect((yield* pageUntilDone(layerFor(told.client)))._tag).toBe("Right")
      expect(gaps(told.times)).toEqual([500])
    })
  )
})

describe("RetryPolicy.nextDelay", () => {
  const policy = RetryPolicy.resolve({
    baseDelay: Duration.seconds(1),
    maxDelay: Duration.seconds(10),
    jitter: 0.25
  })
  const server = (status: number, retryAfterMillis?: number) =>
    new AdminApiError.ServerError({
      status,
      apiMessage: "x",
      ...(retryAfterMillis === undefined ? {} : { retryAfterMillis })
    })

  it("doubles, caps and jitters backoff within [1 - jitter, 1] of the nominal wait", () => {
    expect(
      [1, 2, 3, 4, 5].map((n) => RetryPolicy.nextDelay(server(500), n - 0, { ...policy, maxAttempts: 9 }, 0))
    ).toEqual([1_000, 2_000, 4_000, 8_000, 10_000])
    expect(RetryPolicy.nextDelay(server(500), 1, policy, 0.999)).toBeGreaterThanOrEqual(750)
    expect(RetryPolicy.nextDelay(server(500), 1, policy, 0.5)).toBe(875)
  })

  it("has no attempt limit by default; an explicit maxAttempts stops after that many attempts", () => {
    expect(policy.maxAttempts).toBe(Infinity)
    expect(RetryPolicy.nextDelay(server(500), 1_000, policy, 0)).toBe(10_000)
    const five = RetryPolicy.resolve({ ...policy, maxAttempts: 5 })
    expect(RetryPolicy.nextDelay(server(500), 4, five, 0)).toBe(8_000)
    expect(RetryPolicy.nextDelay(server(500), 5, five, 0)).toBeUndefined()
  })

  it("defaults: unlimited attempts within 3 minutes, 500 ms base, 60 s cap, 1 s floor, 25 % jitter", () => {
    expect(RetryPolicy.resolve()).toEqual({
      maxAttempts: Infinity,
      maxElapsed: Duration.minutes(3),
      baseDelay: Duration.millis(500),
      maxDelay: Duration.seconds(60),
      floor: Duration.seconds(1),
      jitter: 0.25
    })
    expect(RetryPolicy.resolve({ maxAttempts: Infinity }).maxAttempts).toBe(Infinity)
  })

  it("§10.3: a 429 without Retry-After waits for a future reset (floored, capped, unjittered), else backs off", () => {
    const limited = (fields: { retryAfterMillis?: number; rateLimitResetMillis?: number }) =>
      new AdminApiError.RateLimitError({ status: 429, apiMessage: "x", ...fields })
    expect(RetryPolicy.nextDelay(limited({ rateLimitResetMillis: 20_000 }), 1, policy, 0.9)).toBe(10_000)
    expect(RetryPolicy.nextDelay(limited({ rateLimitResetMillis: 7_000 }), 3, policy, 0.9)).toBe(7_000)
    expect(RetryPolicy.nextDelay(limited({ rateLimitResetMillis: 300 }), 1, policy, 0)).toBe(1_000)
    // already past, or zero: backoff (attempt 3 → 1 s × 2² = 4 s, jittered by 0.5 × 25 %)
    expect(RetryPolicy.nextDelay(limited({ rateLimitResetMillis: -5_000 }), 3, policy, 0.5)).toBe(3_500)
    expect(RetryPolicy.nextDelay(limited({ rateLimitResetMillis: 0 }), 1, policy, 0)).toBe(1_000)
    // Retry-After still wins over the reset, and over the cap still fails fast
    expect(
      RetryPolicy.nextDelay(limited({ retryAfterMillis: 2_000, rateLimitResetMillis: 9_000 }), 1, policy, 0)
    ).toBe(2_000)
    expect(
      RetryPolicy.nextDelay(limited({ retryAfterMillis: 60_000, rateLimitResetMillis: 5_000 }), 1, policy, 0)
    ).toBeUndefined()
    expect(RetryPolicy.resetDelay(limited({ rateLimitResetMillis: 4_000 }))).toBe(4_000)
    expect(RetryPolicy.resetDelay(limited({ rateLimitResetMillis: -1 }))).toBeUndefined()
    expect(RetryPolicy.resetDelay(server(503))).toBeUndefined()
  })

  it("§10.9: x-should-retry overrides the status both ways", () => {
    const bad = (shouldRetry?: boolean) =>
      new AdminApiError.InvalidRequestError({
        status: 400,
        errorType: "invalid_request_error",
        apiMessage: "x",
        ...(shouldRetry === undefined ? {} : { shouldRetry })
      })
    expect(RetryPolicy.nextDelay(bad(), 1, policy, 0)).toBeUndefined()
    expect(RetryPolicy.nextDelay(bad(true), 1, policy, 0)).toBe(1_000)
    expect(
      RetryPolicy.nextDelay(
        new AdminApiError.ServerError({
          status: 503,
          apiMessage: "x",
          shouldRetry: false,
          retryAfterMillis: 1_000
        }),
        1,
        policy,
        0
      )
    ).toBeUndefined()
  })

  it("honours Retry-After on 503 exactly (no jitter), and not above the cap", () => {
    expect(RetryPolicy.nextDelay(server(503, 4_000), 1, policy, 0.9)).toBe(4_000)
    expect(RetryPolicy.nextDelay(server(503, 10_001), 1, policy, 0)).toBeUndefined()
  })

  it("rejects nonsensical options", () => {
    expect(() => RetryPolicy.resolve({ maxAttempts: 0 })).toThrow(RangeError)
    expect(() => RetryPolicy.resolve({ maxAttempts: 1.5 })).toThrow(RangeError)
    expect(() => RetryPolicy.resolve({ maxAttempts: Number.NaN })).toThrow(RangeError)
    expect(() => RetryPolicy.resolve({ jitter: 2 })).toThrow(RangeError)
  })
})
