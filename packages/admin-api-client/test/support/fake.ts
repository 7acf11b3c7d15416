/**
 * The testing kit's fake behind an `AdminApiClient`, pinned to one instant,
 * for the analytics, management and names tests.
 */
import {
  FakeAdminApi,
  FakeHttpClient,
  FakeOrganization,
  type FakeRequestLog
} from "@rawdash/anthropic-admin-api-testing"
import { Duration, Effect, Fiber, Layer, Option, Redacted, TestClock } from "effect"
import { AdminApiClient } from "../../src/index.js"
import { KEY } from "./stub.js"

export const DAY = 86_400_000
export const HOUR = 3_600_000
/** 2026-03-15T12:00Z: the organisation's now and the test clock's. */
export const NOW = Date.UTC(2026, 2, 15, 12)
export const org = FakeOrganization.make({ seed: 7, days: 60, now: NOW })

/** A fake over `org` and a client layer on it. */
export const fake = (
  options: Omit<FakeAdminApi.Options, "organization"> & {
    /** Use Effect's `Clock` (so `TestClock` drives latency) instead of the pinned {@link NOW}. */
    readonly effectClock?: boolean
  } = {},
  client: Partial<AdminApiClient.Options> = {}
) => {
  const { effectClock, ...rest } = options
  const api = FakeAdminApi.make({
    ...(effectClock === true ? {} : { clock: () => NOW }),
    ...rest,
    organization: org
  })
  const layer = AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: { jitter: 0 }, ...client }).pipe(
    Layer.provide(FakeHttpClient.layer(api))
  )
  return { api, layer }
}

/** Pins `TestClock` to {@link NOW} (the client reads the 365-day rule and "up to now" from it). */
export const atNow = TestClock.setTime(NOW)

/** Runs `effect` with the clock pinned and `layer` provided. */
export const withFake = <A, E>(
  layer: Layer.Layer<AdminApiClient.AdminApiClient>,
  effect: Effect.Effect<A, E, AdminApiClient.AdminApiClient>
) => Effect.zipRight(atNow, Effect.provide(effect, layer))

/** The log's entries for one path (all of them without `path`). */
export const requests = (
  api: FakeAdminApi.FakeAdminApi,
  path?: string | RegExp
): ReadonlyArray<FakeRequestLog.Entry> =>
  api.log.filter(
    (e) => path === undefined || (typeof path === "string" ? e.path === path : path.test(e.path))
  )

/** Runs an effect that sleeps on `TestClock` to completion, advancing time 10 s at a time. */
export const runClocked = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    for (;;) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return yield* done.value
      yield* TestClock.adjust(Duration.seconds(10))
    }
  })
