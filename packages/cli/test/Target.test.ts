/**
 * The client a command gets (`Target.clientLayer`: retry policy, progress
 * hooks) against the fake's `HttpClient` layer, on `TestClock`: the live
 * per-minute rate limiter (reference §10.3) is waited out, with the countdown
 * on the progress line, without sleeping.
 */
import { describe, expect, it } from "@effect/vitest"
import { ClaudeCodeReport } from "@rawdash/anthropic-admin-api"
import { FakeAdminApi, FakeHttpClient, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { DateTime, Effect, Fiber, Option, Redacted, Stream, TestClock } from "effect"
import * as Progress from "../src/Progress.js"
import * as Target from "../src/Target.js"

const DAY = 86_400_000
const ERASE = "\r\x1b[2K"
/** 20 seconds before the fake limiter's minute ends. */
const NOW = Date.parse("2026-03-15T10:36:40Z")

const sink = () => {
  const written: Array<string> = []
  return { written, isTTY: true, write: (text: string) => written.push(text) }
}

const target = (maxRetries: Option.Option<number>): Target.Target => ({
  apiKey: Redacted.make("sk-ant-admin01-target-test-0000"),
  baseUrl: undefined,
  demo: false,
  maxAttempts: Option.getOrUndefined(Option.map(maxRetries, (n) => n + 1))
})

/** Two days of the Claude Code report: two requests, sent together. */
const twoDays = (api: FakeAdminApi.FakeAdminApi, maxRetries: Option.Option<number>, tty = sink()) => {
  const day = Math.floor(NOW / DAY) * DAY - 3 * DAY
  return Effect.gen(function* () {
    const progress = yield* Progress.Progress
    yield* progress.start("Claude Code report")
    return yield* ClaudeCodeReport.records({
      from: DateTime.unsafeMake(day),
      to: DateTime.unsafeMake(day + 2 * DAY)
    }).pipe(Stream.runCollect)
  }).pipe(
    Effect.provide(Target.clientLayer(target(maxRetries), FakeHttpClient.layer(api))),
    Effect.provide(Progress.layer(false, tty)),
    Effect.map((records) => ({ records: [...records], day }))
  )
}

describe("rate limits (reference §10.3)", () => {
  it.effect(
    "a 20 s per-minute 429 without Retry-After: the default policy waits for the reset, counting down, and succeeds",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = FakeAdminApi.make({
          organization: { seed: 5, days: 10, now: NOW },
          rateLimit: { requestsPerMinute: 1, reset: "window-end" },
          specMinimal: true
        })
        const tty = sink()
        const fiber = yield* Effect.fork(twoDays(api, Option.none(), tty))
        yield* TestClock.adjust("200 millis")
        // One day got the minute's only request; the other got a 429 with no Retry-After.
        const limited = api.log.filter((e) => e.status === 429)
        expect(limited).toHaveLength(1)
        // The page that arrived is counted with its rows, as it arrived (not when the stream ends).
        const served = api.log.find((e) => e.status === 200)!
        const day0 = Date.parse(String(served.query.starting_at))
        const rows = FakeOrganization.claudeCodeRecords(api.organization, day0).length
        expect(rows).toBeGreaterThan(0)
        expect(tty.written.at(-1)).toBe(
          `${ERASE}Claude Code report: 1 page, ${rows} rows — rate limited — retrying in 20 s (retry 1)`
        )
        yield* TestClock.adjust("10 seconds")
        expect(tty.written.at(-1)).toContain("retrying in 10 s (retry 1)")
        expect(api.log).toHaveLength(2)
        yield* TestClock.adjust("10 seconds")
        const { day, records } = yield* Fiber.join(fiber)
        // The retry went out when the minute ended, not earlier (that would meet another 429).
        expect(api.log.map((e) => [e.status, e.receivedAt])).toEqual(
          expect.arrayContaining([
            [429, NOW],
            [200, NOW + 20_000]
          ])
        )
        expect(api.log).toHaveLength(3)
        const truth = [day, day + DAY].flatMap((d) => FakeOrganization.claudeCodeRecords(api.organization, d))
        expect(records).toHaveLength(truth.length)
        expect(records.map((r) => r.core_metrics.num_sessions)).toEqual(
          truth.map((r) => r.core_metrics.num_sessions)
        )
      })
  )

  it.effect("--max-retries N against a limiter that never frees: exactly N + 1 requests, then the 429", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = FakeAdminApi.make({
        organization: { seed: 5, days: 10, now: NOW },
        rateLimit: { requestsPerMinute: 0, reset: "window-end" }
      })
      const fiber = yield* Effect.fork(Effect.flip(twoDays(api, Option.some(2))))
      yield* TestClock.adjust("5 minutes")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("RateLimitError")
      // Both days are refused; the first to exhaust its 3 attempts ends the stream.
      const perDay = new Map<string, number>()
      for (const e of api.log) {
        const day = String(e.query.starting_at)
        perDay.set(day, (perDay.get(day) ?? 0) + 1)
      }
      expect(Math.max(...perDay.values())).toBe(3)
      expect(api.log.every((e) => e.status === 429)).toBe(true)
    })
  )
})
