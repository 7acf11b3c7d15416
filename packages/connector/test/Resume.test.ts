/**
 * Resuming: abort at every page boundary, the chunk budget, transient errors
 * and expired cursors all end, after resuming with the returned cursor, with
 * exactly the storage of an uninterrupted sync; cursors are bound to their
 * config and window and never carry the key.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeAdminApi, FakeHttpClient, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { Effect, TestClock } from "effect"
import AnthropicConnector, { type AnthropicContext } from "../src/index.js"
import type { MetricSample, SyncOptions, SyncResult } from "../src/Rawdash.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, USAGE_PATH } from "./support/ScriptedApi.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 9, 30)
const END = Date.UTC(2026, 2, 16)
const KEY = "sk-ant-admin01-resume-SECRET"
const org = FakeOrganization.make({ seed: 7, days: 60, now: NOW, workspaces: 2 })
const OPTIONS: SyncOptions = { mode: "full", pageSize: 7 }
/** 30 days in pages of 7: 5 pages per phase. */
const PAGES_PER_PHASE = 5

const history = (): Array<MetricSample> => [
  // outside the window: must survive untouched
  { name: "anthropic_cost_usd", ts: END - 45 * DAY, value: 42, attributes: { currency: "USD" } },
  { name: "anthropic_input_tokens", ts: END - 30 * DAY - 1, value: 1, attributes: {} },
  { name: "anthropic_input_tokens", ts: END, value: 2, attributes: {} },
  // inside the window: stale, must be replaced
  { name: "anthropic_input_tokens", ts: END - 3 * DAY, value: 3, attributes: { model: "stale" } },
  { name: "anthropic_cost_usd", ts: END - 10 * DAY, value: 4, attributes: { description: "stale" } }
]

const setup = (ctx: AnthropicContext = {}, faults?: FakeAdminApi.Options["faults"]) => {
  const api = FakeAdminApi.make({ organization: org, clock: () => NOW, ...(faults ? { faults } : {}) })
  const connector = new AnthropicConnector(
    { lookbackDays: 30 },
    { adminApiKey: KEY },
    {
      httpClient: FakeHttpClient.make(api),
      client: { retry: false },
      logger: { info: () => {}, warn: () => {} },
      ...ctx
    }
  )
  const storage = new MemoryStorage()
  storage.rows = history()
  return { api, connector, storage }
}

const syncOnce = (
  connector: AnthropicConnector,
  storage: MemoryStorage,
  options: SyncOptions,
  signal?: AbortSignal
): Effect.Effect<SyncResult, unknown> =>
  Effect.zipRight(TestClock.setTime(NOW), connector.syncEffect(options, storage, signal))

/** Calls sync until done, as rawdash's engine does; returns every result. */
const syncToEnd = (connector: AnthropicConnector, storage: MemoryStorage, first: SyncResult) =>
  Effect.gen(function* () {
    const results = [first]
    let last = first
    while (!last.done) {
      expect(results.length).toBeLessThan(50)
      last = yield* syncOnce(connector, storage, { ...OPTIONS, cursor: last.cursor })
      results.push(last)
    }
    return results
  })

const reference = Effect.gen(function* () {
  const { connector, storage, api } = setup()
  expect(yield* syncOnce(connector, storage, OPTIONS)).toEqual({ done: true })
  expect(api.log).toHaveLength(2 * PAGES_PER_PHASE)
  expect(storage.writes).toHaveLength(2 * PAGES_PER_PHASE)
  return storage.snapshot()
})

describe("resume", () => {
  it.effect(
    "abort at every page boundary, resumed with the cursor, ends with the uninterrupted storage",
    () =>
      Effect.gen(function* () {
        const expected = yield* reference
        expect(expected).not.toEqual(new MemoryStorage().snapshot())
        for (let k = 1; k <= 2 * PAGES_PER_PHASE; k++) {
          const { connector, storage, api } = setup()
          const controller = new AbortController()
          storage.afterWrite = () => {
            if (storage.writes.length === k) controller.abort()
          }
          const first = yield* syncOnce(connector, storage, OPTIONS, controller.signal)
          storage.afterWrite = undefined
          if (k < 2 * PAGES_PER_PHASE) {
            expect(first.done, `abort after write ${k}`).toBe(false)
            expect(JSON.stringify(first.cursor)).not.toContain("SECRET")
            expect(first.transientError).toBeUndefined()
          }
          const writesBeforeResume = storage.writes.length
          expect(writesBeforeResume).toBe(k)
          yield* syncToEnd(connector, storage, first)
          expect(storage.snapshot(), `abort after write ${k}`).toEqual(expected)
          // the resumed calls wrote only the pages not yet written
          expect(storage.writes.length).toBe(2 * PAGES_PER_PHASE)
          // and re-fetched at most the pages that were in flight when the abort came
          expect(api.log.length).toBeLessThanOrEqual(2 * PAGES_PER_PHASE + 2)
        }
      }),
    60_000
  )

  it.effect("an already-aborted signal returns a fresh cursor without a request", () =>
    Effect.gen(function* () {
      const { connector, storage, api } = setup()
      const controller = new AbortController()
      controller.abort()
      const result = yield* syncOnce(connector, storage, OPTIONS, controller.signal)
      expect(result.done).toBe(false)
      expect(result.cursor).toMatchObject({
        phases: {
          usage_messages: { status: "pending", page: null, from: END - 30 * DAY },
          cost_report: { status: "pending", page: null, from: END - 30 * DAY }
        }
      })
      expect(api.log).toHaveLength(0)
    })
  )

  it.effect(
    "the chunk budget returns a cursor at each page boundary; the next call continues from that page",
    () =>
      Effect.gen(function* () {
        const expected = yield* reference
        const { connector, storage, api } = setup({ chunkBudget: 0 })
        const first = yield* syncOnce(connector, storage, OPTIONS)
        expect(first.done).toBe(false)
        expect(storage.writes).toHaveLength(2)
        const results = yield* syncToEnd(connector, storage, first)
        expect(results).toHaveLength(PAGES_PER_PHASE)
        expect(storage.snapshot()).toEqual(expected)
        // no page was fetched twice
        expect(api.log).toHaveLength(2 * PAGES_PER_PHASE)
        const usagePages = api.log.filter((e) => e.path === USAGE_PATH).map((e) => e.query.page ?? null)
        expect(new Set(usagePages).size).toBe(PAGES_PER_PHASE)
        expect(usagePages[0]).toBeNull()
      })
  )

  it.effect(
    "a rate limit mid-phase returns the page as cursor with the error; resuming refetches only that page",
    () =>
      Effect.gen(function* () {
        const expected = yield* reference
        const { connector, storage, api } = setup(
          {},
          {
            script: [
              { fault: { kind: "rate-limited", retryAfter: { seconds: 1 } }, path: USAGE_PATH, request: 3 }
            ]
          }
        )
        const first = yield* syncOnce(connector, storage, OPTIONS)
        expect(first.done).toBe(false)
        expect((first.transientError as { _tag: string })._tag).toBe("RateLimitError")
        const failed = api.log.find((e) => e.status === 429)
        expect(first.cursor).toMatchObject({
          phases: {
            usage_messages: { status: "pending", page: failed?.query.page },
            cost_report: { status: "done" }
          }
        })
        yield* syncToEnd(connector, storage, first)
        expect(storage.snapshot()).toEqual(expected)
        expect(api.log.filter((e) => e.path === USAGE_PATH)).toHaveLength(PAGES_PER_PHASE + 1)
        expect(api.log.filter((e) => e.path === COST_PATH)).toHaveLength(PAGES_PER_PHASE)
      })
  )

  it.effect("an expired page cursor (410) restarts that phase from its first page", () =>
    Effect.gen(function* () {
      const expected = yield* reference
      const { connector, storage } = setup(
        {},
        { script: [{ fault: { kind: "expired-cursor" }, path: COST_PATH, request: 4 }] }
      )
      const first = yield* syncOnce(connector, storage, OPTIONS)
      expect(first.done).toBe(false)
      expect((first.transientError as { _tag: string })._tag).toBe("CursorExpiredError")
      expect(first.cursor).toMatchObject({ phases: { cost_report: { status: "pending", page: null } } })
      yield* syncToEnd(connector, storage, first)
      expect(storage.snapshot()).toEqual(expected)
    })
  )

  it.effect("a cursor from before midnight (another window) restarts cleanly with the new window", () =>
    Effect.gen(function* () {
      const { connector, storage, api } = setup({ chunkBudget: 0 })
      const first = yield* syncOnce(connector, storage, OPTIONS)
      expect(first.done).toBe(false)
      const before = api.log.length
      yield* TestClock.setTime(NOW + DAY)
      const next = yield* connector.syncEffect({ ...OPTIONS, cursor: first.cursor }, storage)
      expect(next.done).toBe(false)
      const restarted = api.log.slice(before)
      expect(restarted.map((e) => e.query.page)).toEqual([undefined, undefined])
      expect(restarted.map((e) => e.query.ending_at)).toEqual([
        new Date(END + DAY).toISOString().replace(".000Z", "Z"),
        new Date(END + DAY).toISOString().replace(".000Z", "Z")
      ])
    })
  )

  it.effect("a cursor made for another config restarts cleanly", () =>
    Effect.gen(function* () {
      const { connector, storage } = setup({ chunkBudget: 0 })
      const first = yield* syncOnce(connector, storage, OPTIONS)
      expect(first.done).toBe(false)
      const warnings: Array<string> = []
      const api = FakeAdminApi.make({ organization: org, clock: () => NOW })
      const other = new AnthropicConnector(
        { lookbackDays: 30, workspaceIds: [org.workspaces[1]?.id ?? ""] },
        { adminApiKey: KEY },
        {
          httpClient: FakeHttpClient.make(api),
          client: { retry: false },
          logger: {
            info: () => {},
            warn: (event, fields) => warnings.push(`${event} ${JSON.stringify(fields)}`)
          }
        }
      )
      expect(yield* syncOnce(other, new MemoryStorage(), { ...OPTIONS, cursor: first.cursor })).toEqual({
        done: true
      })
      expect(warnings).toEqual([expect.stringContaining("cursor was made for another config or window")])
      expect(api.log[0]?.query.page).toBeUndefined()
      expect(api.log.filter((e) => e.query.page === undefined)).toHaveLength(2)
    })
  )
})
