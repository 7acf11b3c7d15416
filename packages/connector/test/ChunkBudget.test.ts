/**
 * The chunk budget bounds one `sync` call, against the fake with the live
 * rules and spec-minimal rows on, on `TestClock`: a fetch still in flight at
 * the deadline (slow, or waiting out 429s under the client's retry policy)
 * is cut off there, and the call returns a cursor at the last chunk boundary
 * (with the error it was waiting out); calling again finishes the sync with
 * exactly the fake's truth. A per-minute 429 without Retry-After (§10.3)
 * ends in success with the default retry policy.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { Clock, Duration, Effect, TestClock } from "effect"
import type { SyncOptions } from "../src/Rawdash.js"
import { connectorFor, drive, driveToEnd, strictFake, unalignedRanges } from "./support/harness.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, USAGE_PATH } from "./support/ScriptedApi.js"
import { expectedCost, expectedUsage, snapshotOf } from "./support/truth.js"

const DAY = 86_400_000
/** 40 s into a UTC minute: a per-minute limit hit now lasts 20 s. */
const NOW = Date.UTC(2026, 2, 15, 9, 30, 40)
const END = Date.UTC(2026, 2, 16)
const START = END - 30 * DAY
const BUDGET = 30_000
const org = FakeOrganization.make({ seed: 11, days: 45, now: NOW, workspaces: 2 })
const truth = snapshotOf([...expectedUsage(org, START, END), ...expectedCost(org, START, END)])
const FULL: SyncOptions = { mode: "full" }

describe("chunk budget", () => {
  it.effect(
    "a fetch waiting out 429s longer than the budget returns as soon as the next wait would overrun it: cursor + RateLimitError",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        // usage answers 429 without Retry-After for the next ten minutes' worth of requests
        const api = strictFake(org, {
          faults: { script: [{ fault: { kind: "rate-limited" }, path: USAGE_PATH, count: 10_000 }] }
        })
        // the client's default retry policy (it would keep retrying for about 3 minutes)
        const waits: Array<{ at: number; delay: number }> = []
        const connector = connectorFor(
          api,
          { lookbackDays: 30 },
          {
            client: {
              onRetry: (event) =>
                Effect.map(Clock.currentTimeMillis, (at) => {
                  waits.push({ at, delay: Duration.toMillis(event.delay) })
                })
            }
          }
        )
        const storage = new MemoryStorage()
        const { result, elapsed } = yield* drive(connector, storage, FULL)
        // not at the deadline: at the wait that would have ended after it
        const last = waits.at(-1)!
        expect(last.at + last.delay).toBeGreaterThan(NOW + BUDGET)
        expect(elapsed).toBe(last.at - NOW)
        expect(elapsed).toBeLessThan(BUDGET)
        expect(result.done).toBe(false)
        expect((result.transientError as { _tag: string })._tag).toBe("RateLimitError")
        expect(result.cursor).toMatchObject({
          phases: {
            usage_messages: { status: "pending", page: null, from: START },
            cost_report: { status: "done" }
          }
        })
        expect(api.log.filter((e) => e.path === USAGE_PATH).length).toBeGreaterThan(1)
        expect(api.log.every((e) => e.receivedAt <= NOW + BUDGET)).toBe(true)
        // the cost phase finished meanwhile and is stored
        expect(storage.byName("anthropic_cost_usd").length).toBeGreaterThan(0)
      })
  )

  it.effect(
    "a slow fetch in flight at the deadline is cut off; the next call resumes at the last chunk boundary",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        // 3 s per request, one window at a time: a 7-day chunk (usage: the plan's three requests
        // together) takes 3 s
        const api = strictFake(org, { latency: 3000 })
        const connector = connectorFor(
          api,
          { lookbackDays: 30 },
          { chunkBudget: "10 seconds", concurrency: 1 }
        )
        const storage = new MemoryStorage()
        const options: SyncOptions = { mode: "full", pageSize: 7 }
        const first = yield* drive(connector, storage, options)
        expect(first.elapsed).toBe(10_000)
        expect(first.result.done).toBe(false)
        // not failing, only slow: no transient error
        expect(first.result.transientError).toBeUndefined()
        // each report wrote three chunks (3 s each) and its fourth was cut at 10 s
        expect(first.result.cursor).toMatchObject({
          phases: {
            usage_messages: { status: "pending", page: null, from: START + 21 * DAY },
            cost_report: { status: "pending", page: null, from: START + 21 * DAY }
          }
        })
        const calls = yield* driveToEnd(connector, storage, options, first)
        // the remaining two chunks take 6 s: done in the next call
        expect(calls.map((c) => c.result.done)).toEqual([false, true])
        for (const call of calls) expect(call.elapsed).toBeLessThanOrEqual(10_000)
        expect(storage.snapshot()).toEqual(truth)
        // 5 usage chunks x 3 requests, plus the three requests of the chunk that was cut off
        expect(api.log.filter((e) => e.path === USAGE_PATH)).toHaveLength(5 * 3 + 3)
        expect(api.log.filter((e) => e.path === COST_PATH)).toHaveLength(5 + 1)
        expect(unalignedRanges(api.log)).toEqual([])
      })
  )

  it.effect.each([
    ["no reset header", "omit"],
    ["a reset already past", "past"],
    ["a reset at the end of the minute", "window-end"]
  ] as const)(
    "§10.3: a 20 s per-minute 429 without Retry-After (%s) ends in success with the default retry policy",
    ([, reset]) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        // 3 report requests per minute: the sync needs 4 (3 usage + 1 cost), so the 4th waits 20 s
        const api = strictFake(org, { rateLimit: { requestsPerMinute: 3, reset } })
        const connector = connectorFor(api, { lookbackDays: 30 })
        const storage = new MemoryStorage()
        const first = yield* drive(connector, storage, FULL)
        const calls = yield* driveToEnd(connector, storage, FULL, first, 5)
        expect(calls.at(-1)?.result).toEqual({ done: true })
        // no call ran past the budget, whatever the retry policy would have waited
        for (const call of calls) expect(call.elapsed).toBeLessThanOrEqual(BUDGET)
        expect(storage.snapshot()).toEqual(truth)
        const limited = api.log.filter((e) => e.status === 429)
        expect(limited.length).toBeGreaterThan(0)
        expect(api.log.every((e) => e.status === 200 || e.status === 429)).toBe(true)
        // the limited requests carried no Retry-After: the 429s came from the limiter, not a fault
        expect(limited.every((e) => e.fault === null)).toBe(true)
        expect(api.log.filter((e) => e.status === 200)).toHaveLength(4)
        if (reset === "window-end") {
          // waiting until the reset fits in one call
          expect(calls).toHaveLength(1)
        }
      })
  )
})
