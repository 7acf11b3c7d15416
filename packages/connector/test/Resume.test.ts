/**
 * Resuming, against the fake with the live rules and spec-minimal rows on,
 * one window at a time and with the default concurrency: abort after every
 * write, transient errors and expired cursors all end, after resuming with
 * the returned cursor, with exactly the storage of an uninterrupted sync, and
 * every day of the window replaced exactly once over all calls; cursors hold
 * only day boundaries, are bound to their config, window and page size, and
 * never carry the key.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { Effect, TestClock } from "effect"
import { type AnthropicContext, DEFAULT_CONCURRENCY } from "../src/index.js"
import type { FakeAdminApi } from "@rawdash/anthropic-admin-api-testing"
import type { MetricSample, SyncOptions } from "../src/Rawdash.js"
import {
  connectorFor,
  daysOf,
  drive,
  driveToEnd,
  replacedDays,
  strictFake,
  unalignedRanges
} from "./support/harness.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, USAGE_PATH } from "./support/ScriptedApi.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 9, 30)
const END = Date.UTC(2026, 2, 16)
const START = END - 30 * DAY
const org = FakeOrganization.make({ seed: 7, days: 60, now: NOW, workspaces: 2 })
const OPTIONS: SyncOptions = { mode: "full", pageSize: 7 }
/** 30 days in chunks of 7 days: 5 chunks per phase. */
const CHUNKS = 5
/** Requests per chunk: usage 3 (six dimensions > the cap of 5: context_window fanned out), cost 1. */
const USAGE_REQUESTS = 3
const COST_REQUESTS = 1
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

const history = (): Array<MetricSample> => [
  // outside the window: must survive untouched
  { name: "anthropic_cost_usd", ts: END - 45 * DAY, value: 42, attributes: { currency: "USD" } },
  { name: "anthropic_input_tokens", ts: START - 1, value: 1, attributes: {} },
  { name: "anthropic_input_tokens", ts: END, value: 2, attributes: {} },
  // inside the window: stale, must be replaced
  { name: "anthropic_input_tokens", ts: END - 3 * DAY, value: 3, attributes: { model: "stale" } },
  { name: "anthropic_cost_usd", ts: END - 10 * DAY, value: 4, attributes: { description: "stale" } }
]

const ALL_DAYS = daysOf(START, END)
/** Each day of the window replaced exactly once, for both reports, over all calls. */
const expectEachDayOnce = (storage: MemoryStorage) => {
  expect(replacedDays(storage.writes, "anthropic_input_tokens")).toEqual(ALL_DAYS)
  expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual(ALL_DAYS)
}

describe.each([1, DEFAULT_CONCURRENCY])("resume, %i window(s) of each report at a time", (concurrency) => {
  const setup = (ctx: AnthropicContext = {}, faults?: FakeAdminApi.Options["faults"]) => {
    const api = strictFake(org, faults ? { faults } : {})
    const connector = connectorFor(
      api,
      { lookbackDays: 30 },
      { client: { retry: false }, concurrency, ...ctx }
    )
    const storage = new MemoryStorage()
    storage.rows = history()
    return { api, connector, storage }
  }

  const reference = Effect.gen(function* () {
    yield* TestClock.setTime(NOW)
    const { connector, storage, api } = setup()
    expect((yield* drive(connector, storage, OPTIONS)).result).toEqual({ done: true })
    expect(api.log.filter((e) => e.path === USAGE_PATH)).toHaveLength(CHUNKS * USAGE_REQUESTS)
    expect(api.log.filter((e) => e.path === COST_PATH)).toHaveLength(CHUNKS * COST_REQUESTS)
    // one window at a time: a write per window; all at once: neighbours that finish together merged
    if (concurrency === 1) expect(storage.writes).toHaveLength(2 * CHUNKS)
    else expect(storage.writes.length).toBeLessThan(2 * CHUNKS)
    expectEachDayOnce(storage)
    expect(unalignedRanges(api.log)).toEqual([])
    return { snapshot: storage.snapshot(), writes: storage.writes.length }
  })

  it.effect(
    "abort after every write, resumed with the cursor, ends with the uninterrupted storage, each day replaced once",
    () =>
      Effect.gen(function* () {
        const { snapshot: expected, writes } = yield* reference
        expect(expected).not.toEqual(new MemoryStorage().snapshot())
        for (let k = 1; k <= writes; k++) {
          yield* TestClock.setTime(NOW)
          const { connector, storage, api } = setup()
          const controller = new AbortController()
          storage.afterWrite = () => {
            if (storage.writes.length === k) controller.abort()
          }
          const first = yield* drive(connector, storage, OPTIONS, controller.signal)
          storage.afterWrite = undefined
          if (k < writes) {
            expect(first.result.done, `abort after write ${k}`).toBe(false)
            expect(JSON.stringify(first.result.cursor)).not.toContain("SECRET")
            expect(first.result.transientError).toBeUndefined()
            // the cursor holds day boundaries only, never an API page cursor
            const phases = (
              first.result.cursor as { phases: Record<string, { page?: unknown; from?: number }> }
            ).phases
            for (const state of Object.values(phases)) {
              if (state.from !== undefined) {
                expect(state.page).toBeNull()
                expect(state.from % DAY).toBe(0)
              }
            }
          }
          expect(storage.writes.length).toBe(k)
          yield* driveToEnd(connector, storage, OPTIONS, first)
          expect(storage.snapshot(), `abort after write ${k}`).toEqual(expected)
          // the resumed calls wrote only the windows not yet written (an abort from inside a write that
          // settles does not undo it)
          expectEachDayOnce(storage)
          // and re-fetched at most the windows that were in flight (one at a time: the other phase's one)
          expect(api.log.length).toBeLessThanOrEqual(
            concurrency === 1
              ? CHUNKS * (USAGE_REQUESTS + COST_REQUESTS) + USAGE_REQUESTS
              : 2 * CHUNKS * (USAGE_REQUESTS + COST_REQUESTS)
          )
          expect(unalignedRanges(api.log)).toEqual([])
        }
      }),
    60_000
  )

  it.effect("an already-aborted signal returns a fresh cursor without a request", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { connector, storage, api } = setup()
      const controller = new AbortController()
      controller.abort()
      const { result } = yield* drive(connector, storage, OPTIONS, controller.signal)
      expect(result.done).toBe(false)
      expect(result.cursor).toMatchObject({
        phases: {
          usage_messages: { status: "pending", page: null, from: START },
          cost_report: { status: "pending", page: null, from: START }
        }
      })
      expect(api.log).toHaveLength(0)
    })
  )

  it.effect(
    "a rate limit mid-chunk returns a cursor without that chunk, with the error; resuming refetches only that chunk",
    () =>
      Effect.gen(function* () {
        const { snapshot: expected } = yield* reference
        yield* TestClock.setTime(NOW)
        // the third usage request: the first chunk's remainder query (issued right after its two
        // filtered queries)
        const { connector, storage, api } = setup(
          {},
          {
            script: [
              { fault: { kind: "rate-limited", retryAfter: { seconds: 1 } }, path: USAGE_PATH, request: 3 }
            ]
          }
        )
        const first = yield* drive(connector, storage, OPTIONS)
        expect(first.result.done).toBe(false)
        expect((first.result.transientError as { _tag: string })._tag).toBe("RateLimitError")
        const failed = Date.parse(String(api.log.find((e) => e.status === 429)?.query.starting_at))
        expect(failed).toBe(START)
        // one at a time no later chunk started; all at once every other chunk was written
        const finished = concurrency === 1 ? [] : daysOf(failed + 7 * DAY, END).filter((_, i) => i % 7 === 0)
        expect(first.result.cursor).toMatchObject({
          phases: {
            usage_messages:
              finished.length === 0
                ? { status: "pending", page: null, from: failed }
                : { status: "pending", page: null, from: failed, finished },
            cost_report: { status: "done" }
          }
        })
        // the failed chunk's requests before it failed (its remainder waits for the filtered ones)
        const before = api.log.filter(
          (e) => e.path === USAGE_PATH && e.query.starting_at === iso(failed)
        ).length
        yield* driveToEnd(connector, storage, OPTIONS, first)
        expect(storage.snapshot()).toEqual(expected)
        expectEachDayOnce(storage)
        const usage = api.log.filter((e) => e.path === USAGE_PATH)
        expect(usage).toHaveLength(CHUNKS * USAGE_REQUESTS + before)
        // only the failed chunk was asked for again
        expect(usage.filter((e) => e.query.starting_at === iso(failed))).toHaveLength(USAGE_REQUESTS + before)
        expect(api.log.filter((e) => e.path === COST_PATH)).toHaveLength(CHUNKS)
      })
  )

  it.effect("an expired cursor (410) on a chunk is restarted by the client; the sync completes", () =>
    Effect.gen(function* () {
      const { snapshot: expected } = yield* reference
      yield* TestClock.setTime(NOW)
      const { connector, storage, api } = setup(
        {},
        { script: [{ fault: { kind: "expired-cursor" }, path: COST_PATH, request: 4 }] }
      )
      expect((yield* drive(connector, storage, OPTIONS)).result).toEqual({ done: true })
      expect(storage.snapshot()).toEqual(expected)
      expect(api.log.filter((e) => e.status === 410)).toHaveLength(1)
    })
  )

  it.effect("a cursor from before midnight (another window) restarts cleanly with the new window", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { connector, storage, api } = setup()
      const controller = new AbortController()
      storage.afterWrite = () => controller.abort()
      const first = yield* drive(connector, storage, OPTIONS, controller.signal)
      storage.afterWrite = undefined
      expect(first.result.done).toBe(false)
      const before = api.log.length
      yield* TestClock.setTime(NOW + DAY)
      const next = yield* drive(connector, storage, { ...OPTIONS, cursor: first.result.cursor })
      expect(next.result).toEqual({ done: true })
      const restarted = api.log.slice(before)
      // both phases start again at the new window's first day
      expect(
        new Set(restarted.filter((e) => e.query.starting_at === iso(START + DAY)).map((e) => e.path))
      ).toEqual(new Set([USAGE_PATH, COST_PATH]))
      expect(restarted.at(-1)?.query.ending_at).toBe(iso(END + DAY))
    })
  )

  it.effect("a cursor made for another config restarts cleanly", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { connector, storage } = setup({ chunkBudget: 0 })
      const first = yield* drive(connector, storage, OPTIONS)
      expect(first.result.done).toBe(false)
      const warnings: Array<string> = []
      const api = strictFake(org)
      const other = connectorFor(
        api,
        { lookbackDays: 30, workspaceIds: [org.workspaces[1]?.id ?? ""] },
        {
          client: { retry: false },
          logger: {
            info: () => {},
            warn: (event, fields) => warnings.push(`${event} ${JSON.stringify(fields)}`)
          }
        }
      )
      expect(
        (yield* drive(other, new MemoryStorage(), { ...OPTIONS, cursor: first.result.cursor })).result
      ).toEqual({
        done: true
      })
      expect(warnings).toEqual([expect.stringContaining("cursor was made for another config or window")])
      // from the window's first day, with the workspace filter: still 3 usage requests per chunk
      expect(api.log[0]?.query.starting_at).toBe(iso(START))
      expect(api.log.filter((e) => e.path === USAGE_PATH)).toHaveLength(CHUNKS * USAGE_REQUESTS)
      expect(api.log.every((e) => e.query.page === undefined)).toBe(true)
    })
  )

  it.effect("a chunk budget of 0 returns a cursor at once, without a request", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { connector, storage, api } = setup({ chunkBudget: 0 })
      const { result, elapsed } = yield* drive(connector, storage, OPTIONS)
      expect(result.done).toBe(false)
      expect(elapsed).toBe(0)
      expect(api.log).toHaveLength(0)
    })
  )
})
