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
      const { client, seen } = timed(() => ({ status: 200, raw: "{not json" }))
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

  it("stops after maxAttempts attempts", () => {
    expect(RetryPolicy.nextDelay(server(500), 4, policy, 0)).toBe(8_000)
    expect(RetryPolicy.nextDelay(server(500), 5, policy, 0)).toBeUndefined()
  })

  it("honours Retry-After on 503 exactly (no jitter), and not above the cap", () => {
    expect(RetryPolicy.nextDelay(server(503, 4_000), 1, policy, 0.9)).toBe(4_000)
    expect(RetryPolicy.nextDelay(server(503, 10_001), 1, policy, 0)).toBeUndefined()
  })

  it("rejects nonsensical options", () => {
    expect(() => RetryPolicy.resolve({ maxAttempts: 0 })).toThrow(RangeError)
    expect(() => RetryPolicy.resolve({ jitter: 2 })).toThrow(RangeError)
  })
})
