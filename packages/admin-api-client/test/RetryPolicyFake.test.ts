/**
 * The retry policy against the testing kit's fake with its live rules on:
 * the per-minute limiter of the report endpoints (reference §10.3), its
 * `x-should-retry` and `error.details.error_code` (§10.8, §10.9) and the
 * API versions it accepts (§10.6).
 */
import { describe, expect, it } from "@effect/vitest"
import {
  FakeAdminApi,
  FakeFault,
  FakeHttpClient,
  FakeOrganization
} from "@rawdash/anthropic-admin-api-testing"
import { Duration, Effect, Fiber, Layer, Redacted, TestClock } from "effect"
import { AdminApiClient, UsageReport } from "../src/index.js"
import { KEY } from "./support/stub.js"

/** 12:00:40 UTC: the fake's current minute ends 20 s later. */
const START = Date.UTC(2026, 2, 15, 12, 0, 40)
const MINUTE_END = Date.UTC(2026, 2, 15, 12, 1, 0)
const org = FakeOrganization.make({ seed: 11, days: 10, now: START })
const params: UsageReport.Params = { startingAt: new Date(org.end - 86_400_000), endingAt: new Date(org.end) }

const client = (
  api: FakeAdminApi.FakeAdminApi,
  options: Partial<Omit<AdminApiClient.Options, "apiKey">> = {}
) =>
  AdminApiClient.layer({ apiKey: Redacted.make(KEY), ...options }).pipe(
    Layer.provide(FakeHttpClient.layer(api))
  )

/** When the fake received each request, as offsets from START. */
const offsets = (api: FakeAdminApi.FakeAdminApi) => api.log.map((entry) => entry.receivedAt - START)

/**
 * Spends the fake's one request of this minute, then asks for the page again:
 * the fake answers 429 (no Retry-After) until the minute ends, 20 s later.
 */
const limitedPage = (reset: FakeAdminApi.RateLimitReset, retry?: AdminApiClient.Options["retry"]) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(START)
    const api = FakeAdminApi.make({ organization: org, rateLimit: { requestsPerMinute: 1, reset } })
    const layer = client(api, { retry })
    yield* UsageReport.page(params).pipe(Effect.provide(layer))
    const fiber = yield* Effect.fork(Effect.either(UsageReport.page(params).pipe(Effect.provide(layer))))
    yield* TestClock.adjust(Duration.minutes(5))
    const result = yield* Fiber.join(fiber)
    return { api, result }
  })

describe("RetryPolicy against the fake's per-minute limiter (reference §10.3)", () => {
  it.effect("reset at the minute's end: the default policy waits 20 s once and gets the page", () =>
    Effect.gen(function* () {
      const { api, result } = yield* limitedPage("window-end")
      expect(result._tag).toBe("Right")
      expect(api.log.map((entry) => entry.status)).toEqual([200, 429, 200])
      expect(offsets(api)).toEqual([0, 0, MINUTE_END - START])
    })
  )

  for (const reset of ["omit", "past"] as const) {
    it.effect(
      `reset ${reset}: the default policy (jitter 0) backs off past the minute's end and gets the page`,
      () =>
        Effect.gen(function* () {
          const { api, result } = yield* limitedPage(reset, { jitter: 0 })
          expect(result._tag).toBe("Right")
          expect(api.log.map((entry) => entry.status)).toEqual([200, 429, 429, 429, 429, 429, 429, 200])
          // waits 0.5, 1, 2, 4, 8, 16 s from the first 429 at 12:00:40
          expect(offsets(api)).toEqual([0, 0, 500, 1_500, 3_500, 7_500, 15_500, 31_500])
        })
    )
  }
})

describe("the client against the fake's error details (reference §10.6, §10.8, §10.9)", () => {
  it.effect("a spend-limit 429 carries its error code and is not retried", () =>
    Effect.gen(function* () {
      const api = FakeAdminApi.make({
        organization: org,
        faults: { script: [{ fault: FakeFault.spendLimitReached(), count: Infinity }] }
      })
      const error = yield* Effect.flip(UsageReport.page(params).pipe(Effect.provide(client(api))))
      expect(error).toMatchObject({ _tag: "RateLimitError", errorCode: "enforced_spend_limit_reached" })
      expect(api.log).toHaveLength(1)
    })
  )

  it.effect(
    "a 503 with x-should-retry: false is not retried; a spend-limit 429 with x-should-retry: true is",
    () =>
      Effect.gen(function* () {
        const refused = FakeAdminApi.make({
          organization: org,
          faults: { script: [{ fault: FakeFault.unavailable(undefined, { shouldRetry: false }) }] }
        })
        const error = yield* Effect.flip(UsageReport.page(params).pipe(Effect.provide(client(refused))))
        expect(error).toMatchObject({ _tag: "ServerError", status: 503, shouldRetry: false })
        expect(refused.log).toHaveLength(1)

        const told = FakeAdminApi.make({
          organization: org,
          faults: { script: [{ fault: FakeFault.spendLimitReached({ shouldRetry: true }) }] }
        })
        const fiber = yield* Effect.fork(UsageReport.page(params).pipe(Effect.provide(client(told))))
        yield* TestClock.adjust(Duration.seconds(1))
        yield* Fiber.join(fiber)
        expect(told.log.map((entry) => entry.status)).toEqual([429, 200])
      })
  )

  it.effect("anthropicVersion 2026-10-21 is accepted by the fake", () =>
    Effect.gen(function* () {
      const api = FakeAdminApi.make({ organization: org })
      const page = yield* UsageReport.page(params).pipe(
        Effect.provide(client(api, { anthropicVersion: AdminApiClient.ANTHROPIC_VERSION_2026_10_21 }))
      )
      expect(page.data.length).toBeGreaterThan(0)
      expect(api.log.map((entry) => [entry.status, entry.headers["anthropic-version"]])).toEqual([
        [200, "2026-10-21"]
      ])
    })
  )
})
