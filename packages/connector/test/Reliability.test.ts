/**
 * Issue 10 ("Nothing lost, the key never leaves its origin"), failure by
 * failure, against the current connector (whole-day chunks fetched whole
 * through the client's `buckets`, each replacing exactly its days), on the
 * fake with the live rules and spec-minimal rows, on `TestClock`. Each test
 * names the failure the issue reported and asserts the outcome it asks for:
 * the fault-free storage, or a typed error / `transientError` with the
 * earlier days intact and no day half-replaced.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { Clock, Effect, Either, TestClock } from "effect"
import AnthropicConnector from "../src/index.js"
import type { MetricSample, SyncOptions, SyncResult } from "../src/Rawdash.js"
import { connectorFor, drive, driveToEnd, KEY, strictFake } from "./support/harness.js"
import { canonical, MemoryStorage } from "./support/MemoryStorage.js"
import { bucket, COST_PATH, costRow, page, scriptedApi, USAGE_PATH } from "./support/ScriptedApi.js"
import { expectedCost, expectedUsage, snapshotOf } from "./support/truth.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 9, 30)
const END = Date.UTC(2026, 2, 16)
const org = FakeOrganization.make({ seed: 21, days: 80, now: NOW, workspaces: 2 })
const COST_ONLY = { resources: ["anthropic_cost_usd"] }
const quiet = { info: () => {}, warn: () => {} }

/** Old rows on every day of a range: one per day, distinguishable from the truth. */
const oldRows = (name: string, start: number, end: number): Array<MetricSample> => {
  const rows: Array<MetricSample> = []
  for (let day = start; day < end; day += DAY) {
    rows.push({ name, ts: day, value: -1, attributes: { old: true } })
  }
  return rows
}

/** Per day of `[start, end)`: "old" or "new" when the day's rows of `name` are entirely one, else "mixed". */
const dayStates = (
  storage: MemoryStorage,
  name: string,
  start: number,
  end: number,
  truth: ReadonlyArray<MetricSample>,
  old: ReadonlyArray<MetricSample>
) => {
  const states: Array<string> = []
  for (let day = start; day < end; day += DAY) {
    const stored = storage.rows
      .filter((r) => r.name === name && r.ts >= day && r.ts < day + DAY)
      .map(canonical)
    const of = (rows: ReadonlyArray<MetricSample>) =>
      rows.filter((r) => r.name === name && r.ts >= day && r.ts < day + DAY).map(canonical)
    const same = (a: Array<string>, b: Array<string>) => JSON.stringify(a.sort()) === JSON.stringify(b.sort())
    states.push(same(stored, of(truth)) ? "new" : same(stored, of(old)) ? "old" : "mixed")
  }
  return states
}

/** Runs one call after another, each aborted right after its first chunk write ("every page its own call"). */
const callPerChunk = (connector: AnthropicConnector, storage: MemoryStorage, options: SyncOptions) =>
  Effect.gen(function* () {
    let cursor: unknown = undefined
    const results: Array<Either.Either<SyncResult, unknown>> = []
    for (let call = 0; call < 40; call++) {
      const controller = new AbortController()
      storage.afterWrite = () => controller.abort()
      const result = yield* Effect.either(
        drive(connector, storage, { ...options, cursor }, controller.signal).pipe(Effect.map((t) => t.result))
      )
      storage.afterWrite = undefined
      results.push(result)
      if (Either.isLeft(result) || result.right.done) break
      cursor = result.right.cursor
    }
    return results
  })

describe("issue 10: resume never widens a replace window", () => {
  it.effect(
    "the issue's example: 10-day cost-only sync, 2 days per chunk, one call per chunk, a stray bucket 40 days back first in the 3rd response → typed error, earlier days intact",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const start = END - 10 * DAY
        const truth = expectedCost(org, start, END)
        const api = strictFake(org, {
          faults: {
            script: [{ fault: { kind: "stray-bucket", offsetDays: -40 }, path: COST_PATH, request: 3 }]
          }
        })
        // one window at a time: the scenario is a sequence of calls of one chunk each
        const connector = connectorFor(
          api,
          { lookbackDays: 10, ...COST_ONLY },
          { client: { retry: false }, concurrency: 1 }
        )
        const storage = new MemoryStorage()
        const old = oldRows("anthropic_cost_usd", start - 45 * DAY, END)
        storage.rows = [...old]
        const results = yield* callPerChunk(connector, storage, { mode: "full", pageSize: 2 })
        // two calls wrote a chunk each; the third ended in a typed error
        expect(results.map((r) => (Either.isRight(r) ? r.right.done : "error"))).toEqual([
          false,
          false,
          "error"
        ])
        const error = Either.isLeft(results[2]!)
          ? (results[2]!.left as { _tag: string; cause: { _tag: string } })
          : undefined
        expect(error).toMatchObject({ _tag: "SyncFailedError", cause: { _tag: "PaginationContractError" } })
        expect((error as unknown as Error).message).toContain("outside the requested window")
        // days 1-4 are the truth, days 5-10 still the old rows, the 40 days before untouched
        expect(dayStates(storage, "anthropic_cost_usd", start, END, truth, old)).toEqual([
          ...Array(4).fill("new"),
          ...Array(6).fill("old")
        ])
        expect(
          storage.rows
            .filter((r) => r.ts < start)
            .map(canonical)
            .sort()
        ).toEqual(
          old
            .filter((r) => r.ts < start)
            .map(canonical)
            .sort()
        )
        // the next (fault-free) sync ends with the fault-free storage
        const next = yield* drive(connector, storage, { mode: "full", pageSize: 2 })
        yield* driveToEnd(connector, storage, { mode: "full", pageSize: 2 }, next)
        expect(snapshotOf(storage.rows.filter((r) => r.ts >= start))).toEqual(snapshotOf(truth))
      })
  )

  it.effect("a cursor never carries an API page cursor: a resumed call starts its chunk without `page`", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = strictFake(org)
      const connector = connectorFor(api, { lookbackDays: 10 })
      const storage = new MemoryStorage()
      const results = yield* callPerChunk(connector, storage, { mode: "full", pageSize: 3 })
      expect(results.at(-1)).toEqual(Either.right({ done: true }))
      for (const result of results.slice(0, -1)) {
        const phases = (Either.getOrThrow(result).cursor as { phases: Record<string, { page?: unknown }> })
          .phases
        for (const state of Object.values(phases)) if ("page" in state) expect(state.page).toBeNull()
      }
      expect(api.log.every((e) => e.query.page === undefined)).toBe(true)
    })
  )

  it.effect(
    "a next_page pointing back at a cursor an earlier page used is a typed error; the chunk is not written",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.UTC(2026, 1, 10, 12))
        const today = Date.UTC(2026, 1, 10)
        const days = (from: number, n: number) =>
          Array.from({ length: n }, (_, i) =>
            bucket(from + i * DAY, [costRow({ amount: "100", description: "x" })])
          )
        // 7 days in pages of 3: c1 → c2 → back to c1
        const api = scriptedApi({
          [COST_PATH]: [
            { exact: true, body: page(days(today - 6 * DAY, 3), "c1") },
            { exact: true, body: page(days(today - 3 * DAY, 3), "c2") },
            { exact: true, body: page(days(today, 1), "c1") }
          ]
        })
        const connector = new AnthropicConnector(
          { lookbackDays: 7, ...COST_ONLY },
          { adminApiKey: KEY },
          { httpClient: api.client, client: { retry: false }, logger: quiet }
        )
        const storage = new MemoryStorage()
        storage.rows = oldRows("anthropic_cost_usd", today - 6 * DAY, today + DAY)
        const before = storage.snapshot()
        const error = yield* Effect.flip(connector.syncEffect({ mode: "full" }, storage))
        expect(error).toMatchObject({ _tag: "SyncFailedError", cause: { _tag: "PaginationContractError" } })
        expect(error.message).toContain("already used")
        expect(storage.snapshot()).toEqual(before)
        expect(storage.writes).toHaveLength(0)
      })
  )
})

describe("issue 10: a page must prove every day it replaces", () => {
  it.effect(
    'the valid-looking empty page {"data":[],"has_more":false,"next_page":null} for a 30-day window deletes nothing',
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = scriptedApi({
          [COST_PATH]: [{ exact: true, body: { data: [], has_more: false, next_page: null } }]
        })
        const connector = new AnthropicConnector(
          { lookbackDays: 30, ...COST_ONLY },
          { adminApiKey: KEY },
          { httpClient: api.client, client: { retry: false }, logger: quiet }
        )
        const storage = new MemoryStorage()
        storage.rows = oldRows("anthropic_cost_usd", END - 30 * DAY, END)
        const before = storage.snapshot()
        const error = yield* Effect.flip(connector.syncEffect({ mode: "full" }, storage))
        expect(error).toMatchObject({ _tag: "SyncFailedError", cause: { _tag: "PaginationContractError" } })
        expect(error.message).toContain("no bucket at all for 30 intervals")
        expect(storage.snapshot()).toEqual(before)
        expect(storage.writes).toHaveLength(0)
      })
  )

  for (const [name, fault] of [
    ["buckets on 05:00 → 05:00 instead of UTC days", { kind: "unaligned-buckets" as const }],
    ["a window missing a bucket", { kind: "missing-bucket" as const }],
    ["an empty page from the fake", { kind: "empty-page" as const }]
  ] as const) {
    /**
     * A 12-day full sync (windows of 4 days) over old rows, `fault` on the 4th usage request: the
     * day states of the input tokens and of the cost after the typed error.
     */
    const faultedSync = (concurrency: number | undefined) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const start = END - 12 * DAY
        const truth = [...expectedUsage(org, start, END), ...expectedCost(org, start, END)]
        const api = strictFake(org, { faults: { script: [{ fault, path: USAGE_PATH, request: 4 }] } })
        const connector = connectorFor(
          api,
          { lookbackDays: 12 },
          { client: { retry: false }, ...(concurrency === undefined ? {} : { concurrency }) }
        )
        const storage = new MemoryStorage()
        const old = [
          ...oldRows("anthropic_input_tokens", start, END),
          ...oldRows("anthropic_cost_usd", start, END)
        ]
        storage.rows = [...old]
        const error = yield* Effect.flip(drive(connector, storage, { mode: "full", pageSize: 4 }))
        expect(error).toMatchObject({ _tag: "SyncFailedError", phase: "usage_messages" })
        return {
          input: dayStates(storage, "anthropic_input_tokens", start, END, truth, old),
          cost: dayStates(storage, "anthropic_cost_usd", start, END, truth, old)
        }
      })

    it.effect(`${name}, after a first chunk was written: typed error, no day half-replaced`, () =>
      Effect.gen(function* () {
        // one window at a time: the fault is the second chunk's first usage request (3 requests a chunk)
        const states = yield* faultedSync(1)
        expect(states.input).not.toContain("mixed")
        // the first usage chunk (4 days) is new, the rest old
        expect(states.input).toEqual([...Array(4).fill("new"), ...Array(8).fill("old")])
        expect(states.cost).not.toContain("mixed")
      })
    )

    it.effect(
      `${name}, with every window in flight at once: typed error, each window all new or all old`,
      () =>
        Effect.gen(function* () {
          // the second window's first request (each window's three requests go out together, in order)
          const states = yield* faultedSync(undefined)
          expect(states.input).not.toContain("mixed")
          // the failed window is old; the others are each wholly old or wholly new
          expect(states.input.slice(4, 8)).toEqual(Array(4).fill("old"))
          for (const w of [0, 4, 8]) expect(new Set(states.input.slice(w, w + 4)).size).toBe(1)
          expect(states.cost).not.toContain("mixed")
        })
    )
  }

  it.effect(
    "a cost amount no double can hold is a DecodeError naming the row's path; its day is not replaced",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const start = END - 6 * DAY
        const api = strictFake(org, {
          faults: { script: [{ fault: { kind: "huge-amount" }, path: COST_PATH }] }
        })
        const connector = connectorFor(api, { lookbackDays: 6, ...COST_ONLY }, { client: { retry: false } })
        const storage = new MemoryStorage()
        storage.rows = oldRows("anthropic_cost_usd", start, END)
        const before = storage.snapshot()
        const error = yield* Effect.flip(drive(connector, storage, { mode: "full" }))
        expect(error).toMatchObject({
          _tag: "SyncFailedError",
          cause: {
            _tag: "DecodeError",
            endpoint: "cost_report",
            path: expect.stringMatching(/^data\[\d+\]\.results\[\d+\]\.amount$/)
          }
        })
        expect((error as Error).message).toContain("not a finite number of dollars")
        expect(storage.snapshot()).toEqual(before)
      })
  )
})

describe("issue 10: bounded calls", () => {
  const hanging = (storage: MemoryStorage) => {
    storage.metrics = () => new Promise<void>(() => {})
  }

  it.effect(
    "a storage write that never settles: the call returns after the write timeout with a cursor before that chunk",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = strictFake(org)
        const connector = connectorFor(
          api,
          { lookbackDays: 10, ...COST_ONLY },
          { writeTimeout: "10 seconds" }
        )
        const storage = new MemoryStorage()
        hanging(storage)
        const { result, elapsed } = yield* drive(connector, storage, { mode: "full" })
        expect(elapsed).toBe(10_000)
        expect(result).toMatchObject({
          done: false,
          cursor: { phases: { cost_report: { status: "pending", page: null, from: END - 10 * DAY } } },
          transientError: { _tag: "StorageWriteError" }
        })
        expect((result.transientError as Error).message).toContain("did not settle within 10000 ms")
      })
  )

  it.effect("abort during a write that never settles returns at once, with a cursor before that chunk", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = strictFake(org)
      // settings of its own: the test before leaves a write of { lookbackDays: 10, cost } that never settles,
      // which a later write of the same config would first wait for (one write timeout)
      const connector = connectorFor(api, { lookbackDays: 10, revisionDays: 4, ...COST_ONLY })
      const storage = new MemoryStorage()
      const controller = new AbortController()
      storage.metrics = () => {
        controller.abort()
        return new Promise<void>(() => {})
      }
      const { result, elapsed } = yield* drive(connector, storage, { mode: "full" }, controller.signal)
      expect(elapsed).toBe(0)
      expect(result).toMatchObject({
        done: false,
        cursor: { phases: { cost_report: { status: "pending", from: END - 10 * DAY } } }
      })
      expect(result.transientError).toBeUndefined()
    })
  )

  it.effect(
    "repeated Retry-After: 20 with a 30 s chunk budget: the call returns at 20 s (the next wait would overrun), not 80 s",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = strictFake(org, {
          faults: {
            script: [
              { fault: { kind: "rate-limited", retryAfter: { seconds: 20 } }, path: USAGE_PATH, count: 4 }
            ]
          }
        })
        // the client's default retry policy would wait 4 x 20 s
        const connector = connectorFor(api, { lookbackDays: 10 })
        const storage = new MemoryStorage()
        const started = yield* Clock.currentTimeMillis
        const first = yield* drive(connector, storage, { mode: "full" })
        expect(first.elapsed).toBe(20_000)
        expect(first.result).toMatchObject({ done: false, transientError: { _tag: "RateLimitError" } })
        const calls = yield* driveToEnd(connector, storage, { mode: "full" }, first)
        for (const call of calls) expect(call.elapsed).toBeLessThanOrEqual(30_000)
        expect(calls.at(-1)?.result).toEqual({ done: true })
        expect(snapshotOf(storage.rows)).toEqual(
          snapshotOf([...expectedUsage(org, END - 10 * DAY, END), ...expectedCost(org, END - 10 * DAY, END)])
        )
        // the four 429s were all waited out, across calls, each within its budget
        expect(api.log.filter((e) => e.status === 429)).toHaveLength(4)
        expect((yield* Clock.currentTimeMillis) - started).toBeLessThan(80_000)
      })
  )
})

describe("issue 10: 2xx bodies that are not JSON", () => {
  for (const kind of ["truncated-body", "html-body", "malformed-json"] as const) {
    it.effect(
      `a 200 with ${kind} is retried as a transport fault; the sync ends with the fault-free storage`,
      () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOW)
          const api = strictFake(org, {
            faults: {
              script: [
                { fault: { kind }, path: USAGE_PATH, request: 2 },
                { fault: { kind }, path: COST_PATH }
              ]
            }
          })
          const connector = connectorFor(api, { lookbackDays: 10 })
          const storage = new MemoryStorage()
          const calls = yield* driveToEnd(
            connector,
            storage,
            { mode: "full" },
            yield* drive(connector, storage, { mode: "full" })
          )
          expect(calls.at(-1)?.result).toEqual({ done: true })
          expect(snapshotOf(storage.rows)).toEqual(
            snapshotOf([
              ...expectedUsage(org, END - 10 * DAY, END),
              ...expectedCost(org, END - 10 * DAY, END)
            ])
          )
          expect(api.log.filter((e) => e.fault?.kind === kind)).toHaveLength(2)
        })
    )
  }
})

describe("issue 10: transport", () => {
  it.scopedLive(
    "a redirect to another origin: the key is not sent there, and the sync fails typed, naming it",
    () =>
      Effect.gen(function* () {
        const now = Date.now()
        const live = FakeOrganization.make({ seed: 2, days: 10, now, workspaces: 1 })
        const elsewhere = yield* FakeServer.scoped({ organization: live })
        const origin = yield* FakeServer.scoped({
          organization: live,
          faults: {
            script: [
              {
                fault: {
                  kind: "redirect",
                  status: 307,
                  location: `${elsewhere.url}/v1/organizations/cost_report`
                }
              }
            ]
          }
        })
        const connector = new AnthropicConnector(
          { lookbackDays: 3, baseUrl: origin.url, ...COST_ONLY },
          { adminApiKey: KEY },
          { logger: quiet }
        )
        const error = yield* Effect.promise(() =>
          connector.sync({ mode: "full" }, new MemoryStorage()).then(
            () => undefined,
            (e: unknown) => e as Error
          )
        )
        expect(error).toMatchObject({
          _tag: "SyncFailedError",
          cause: { _tag: "InvalidRequestError", status: 307 }
        })
        expect(error?.message).toContain(`${elsewhere.url}, another origin than ${origin.url}`)
        expect(elsewhere.log).toHaveLength(0)
      })
  )

  for (const baseUrl of [
    "http://api.anthropic.com",
    "http://10.1.2.3:8080",
    "ftp://api.anthropic.com",
    "javascript:alert(1)",
    "https://user:pw@api.anthropic.com"
  ]) {
    it.effect(`baseUrl ${baseUrl} is rejected before any request, naming baseUrl`, () =>
      Effect.gen(function* () {
        let requests = 0
        const client = HttpClient.make(() => {
          requests++
          return Effect.die("no request may be sent")
        })
        const connector = new AnthropicConnector(
          { baseUrl },
          { adminApiKey: KEY },
          { httpClient: client, logger: quiet }
        )
        const error = yield* Effect.flip(connector.syncEffect({ mode: "full" }, new MemoryStorage()))
        expect(error).toMatchObject({ _tag: "ConfigError" })
        expect(error.message).toMatch(/baseUrl: got .*allowed: an https:\/\/ URL/)
        expect(() => AnthropicConnector.create({ adminApiKey: KEY, baseUrl })).toThrow(/baseUrl/)
        expect(requests).toBe(0)
      })
    )
  }

  it.effect("http:// to a loopback host is accepted (a local gateway or test server)", () =>
    Effect.gen(function* () {
      const api = strictFake(org)
      const connector = connectorFor(api, { lookbackDays: 2, baseUrl: "http://127.0.0.1:8080", ...COST_ONLY })
      yield* TestClock.setTime(NOW)
      expect((yield* drive(connector, new MemoryStorage(), { mode: "full" })).result).toEqual({ done: true })
    })
  )
})
