/**
 * Concurrent windows (issue 15): each report's windows are fetched
 * `concurrency` at a time, written as they arrive (out of order, neighbours
 * merged), and the cursor keeps which are written, against the fake with the
 * live rules and spec-minimal rows on `TestClock`.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { Effect, TestClock } from "effect"
import { DEFAULT_CONCURRENCY } from "../src/index.js"
import type { StorageHandle, SyncOptions } from "../src/Rawdash.js"
import * as SyncCursor from "../src/SyncCursor.js"
import { connectorFor, daysOf, drive, driveToEnd, replacedDays, strictFake } from "./support/harness.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, USAGE_PATH } from "./support/ScriptedApi.js"
import { expectedCost, expectedUsage, snapshotOf } from "./support/truth.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 9, 30)
const END = Date.UTC(2026, 2, 16)
const START = END - 30 * DAY
const org = FakeOrganization.make({ seed: 5, days: 60, now: NOW, workspaces: 2 })
const truth = snapshotOf([...expectedUsage(org, START, END), ...expectedCost(org, START, END)])
/** 30 days in windows of 7: starts at START + 0, 7, 14, 21, 28 days. */
const OPTIONS: SyncOptions = { mode: "full", pageSize: 7 }
const WINDOWS = [0, 7, 14, 21, 28].map((d) => START + d * DAY)
const COST_ONLY = { resources: ["anthropic_cost_usd"] }
/** A new handle on the same storage, as rawdash's engine passes one per run. */
const handle = (storage: MemoryStorage): StorageHandle => ({
  metrics: (samples, scope) => storage.metrics(samples, scope)
})

describe("concurrent windows", () => {
  it.effect("the default fetches every window of each report at once: one round of latency per report", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = strictFake(org, { latency: 1000 })
      const connector = connectorFor(api, { lookbackDays: 30 })
      const storage = new MemoryStorage()
      const { result, elapsed } = yield* drive(connector, storage, OPTIONS)
      expect(result).toEqual({ done: true })
      expect(storage.snapshot()).toEqual(truth)
      expect(DEFAULT_CONCURRENCY).toBe(6)
      // every request at once: the cost windows and the usage windows' three plan queries each
      expect(new Set(api.log.map((e) => e.receivedAt))).toEqual(new Set([NOW]))
      expect(api.log.filter((e) => e.path === USAGE_PATH)).toHaveLength(5 * 3)
      expect(elapsed).toBe(1000)
    })
  )

  it.effect("`concurrency: 2` keeps at most two windows of a report in flight", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = strictFake(org, { latency: 1000 })
      const connector = connectorFor(api, { lookbackDays: 30, ...COST_ONLY }, { concurrency: 2 })
      const storage = new MemoryStorage()
      expect((yield* drive(connector, storage, OPTIONS)).result).toEqual({ done: true })
      const received = api.log.map((e) => e.receivedAt - NOW).sort((a, b) => a - b)
      expect(received).toEqual([0, 0, 1000, 1000, 2000])
      expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual(daysOf(START, END))
    })
  )

  it.effect(
    "windows that finish while a write is in progress are written together after it, each day replaced once",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = strictFake(org, { latency: 1000 })
        const connector = connectorFor(api, { lookbackDays: 30, ...COST_ONLY })
        // a storage whose first write takes a while (500 ms of real time; decoding the other four
        // windows takes well under that): the other windows come in meanwhile
        const storage = new (class extends MemoryStorage {
          override async metrics(...args: Parameters<MemoryStorage["metrics"]>) {
            if (this.writes.length === 0) await new Promise((resolve) => setTimeout(resolve, 500))
            return super.metrics(...args)
          }
        })()
        expect((yield* drive(connector, storage, OPTIONS)).result).toEqual({ done: true })
        // the first window to arrive alone (the shortest, last), then the four others in one write
        expect(storage.writes).toHaveLength(2)
        for (const { replaceWindow } of storage.writes) {
          expect(WINDOWS).toContain(replaceWindow!.start)
          expect([...WINDOWS.slice(1), END]).toContain(replaceWindow!.end + 1)
        }
        expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual(daysOf(START, END))
        expect(snapshotOf(storage.rows)).toEqual(snapshotOf(expectedCost(org, START, END)))
      })
  )

  it.effect(
    "a slow first window: the others are written first, the cursor keeps them as finished, and the next call fetches only the slow one",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = strictFake(org, {
          latency: 500,
          faults: { script: [{ fault: { kind: "latency", ms: 60_000 }, path: COST_PATH, request: 1 }] }
        })
        const connector = connectorFor(api, { lookbackDays: 30, ...COST_ONLY }, { chunkBudget: "5 seconds" })
        const storage = new MemoryStorage()
        const first = yield* drive(connector, storage, OPTIONS)
        expect(first.result.done).toBe(false)
        expect(first.result.transientError).toBeUndefined()
        const slow = Date.parse(String(api.log[0]?.query.starting_at))
        expect(first.result.cursor).toMatchObject({
          phases: {
            cost_report: {
              status: "pending",
              page: null,
              from: slow,
              ...(slow === START ? { finished: WINDOWS.slice(1) } : {})
            }
          }
        })
        const state = (first.result.cursor as SyncCursor.SyncCursor).phases.cost_report
        const pending = WINDOWS.filter(
          (w) => state?.status === "pending" && w >= state.from && !(state.finished ?? []).includes(w)
        )
        expect(pending).toEqual([slow])
        const before = api.log.length
        const calls = yield* driveToEnd(connector, storage, OPTIONS, first)
        expect(calls.at(-1)?.result).toEqual({ done: true })
        // the next call asked only for the slow window
        expect(api.log.slice(before).map((e) => Date.parse(String(e.query.starting_at)))).toEqual([slow])
        expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual(daysOf(START, END))
        expect(snapshotOf(storage.rows)).toEqual(snapshotOf(expectedCost(org, START, END)))
      })
  )

  it.effect("a cursor's finished windows are not fetched again", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = strictFake(org)
      const connector = connectorFor(api, { lookbackDays: 30, ...COST_ONLY }, { chunkBudget: 0 })
      const fresh = (yield* drive(connector, new MemoryStorage(), OPTIONS)).result
      expect(fresh.done).toBe(false)
      const cursor = fresh.cursor as SyncCursor.SyncCursor
      const resumed: SyncCursor.SyncCursor = {
        ...cursor,
        phases: {
          cost_report: { status: "pending", page: null, from: WINDOWS[1]!, finished: [WINDOWS[3]!] }
        }
      }
      const other = connectorFor(api, { lookbackDays: 30, ...COST_ONLY })
      const storage = new MemoryStorage()
      expect((yield* drive(other, storage, { ...OPTIONS, cursor: resumed })).result).toEqual({ done: true })
      expect(api.log.map((e) => Date.parse(String(e.query.starting_at))).sort()).toEqual([
        WINDOWS[1],
        WINDOWS[2],
        WINDOWS[4]
      ])
      expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual([
        ...daysOf(WINDOWS[1]!, WINDOWS[3]!),
        ...daysOf(WINDOWS[4]!, END)
      ])
    })
  )

  it.effect.each([
    ["`from` at the window's end", { from: END }],
    ["`from` a year past the end", { from: END + 365 * DAY }],
    ["`from` inside a window", { from: WINDOWS[1]! + DAY }],
    ["`finished` holding `from`", { from: WINDOWS[1]!, finished: [WINDOWS[1]!] }],
    ["`finished` not ascending", { from: WINDOWS[0]!, finished: [WINDOWS[3]!, WINDOWS[2]!] }],
    ["`finished` with a repeat", { from: WINDOWS[0]!, finished: [WINDOWS[2]!, WINDOWS[2]!] }],
    ["`finished` off the grid", { from: WINDOWS[0]!, finished: [WINDOWS[2]! + DAY] }],
    ["`finished` past the end", { from: WINDOWS[0]!, finished: [END + 7 * DAY] }]
  ] as const)(
    "a cursor no sync could have made (%s) is ignored with a warning: the sync starts over and writes every day",
    ([, state]) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = strictFake(org)
        const fresh = (yield* drive(
          connectorFor(api, { lookbackDays: 30, ...COST_ONLY }, { chunkBudget: 0 }),
          new MemoryStorage(),
          OPTIONS
        )).result
        const cursor = fresh.cursor as SyncCursor.SyncCursor
        const edited = { ...cursor, phases: { cost_report: { status: "pending", page: null, ...state } } }
        const warnings: Array<string> = []
        const connector = connectorFor(
          api,
          { lookbackDays: 30, ...COST_ONLY },
          {
            logger: {
              info: () => {},
              warn: (event, fields) => warnings.push(`${event} ${JSON.stringify(fields)}`)
            }
          }
        )
        const storage = new MemoryStorage()
        expect((yield* drive(connector, storage, { ...OPTIONS, cursor: edited })).result).toEqual({
          done: true
        })
        expect(warnings).toEqual([expect.stringContaining("malformed cursor")])
        expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual(daysOf(START, END))
        expect(snapshotOf(storage.rows)).toEqual(snapshotOf(expectedCost(org, START, END)))
      })
  )

  it("a cursor listing more finished windows than a sync can have is refused before it is decoded", () => {
    const reading = SyncCursor.read(
      {
        connector: "anthropic",
        version: 1,
        binding: "x",
        window: { start: START, end: END },
        phases: { cost_report: { status: "pending", page: null, from: START, finished: Array(181).fill(0) } }
      },
      "x"
    )
    expect(reading).toEqual({ _tag: "Fresh", reason: "malformed cursor" })
  })

  it.effect(
    "a write an aborted call left running lands before the next call writes the same days (older data never over newer)",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        // call 1 writes the organisation's data; its first write hangs until released, and the call is aborted
        let metricsCalls = 0
        let release: () => void = () => {}
        const gate = new Promise<void>((resolve) => (release = resolve))
        const storage = new (class extends MemoryStorage {
          override async metrics(...args: Parameters<MemoryStorage["metrics"]>) {
            // only the very first write hangs
            if (metricsCalls++ === 0) await gate
            return super.metrics(...args)
          }
        })()
        const controller = new AbortController()
        const settings = { lookbackDays: 30, ...COST_ONLY }
        const ctx = { concurrency: 1, writeTimeout: "1 hour" } as const
        setTimeout(() => controller.abort(), 20)
        const first = yield* drive(
          connectorFor(strictFake(org), settings, ctx),
          handle(storage),
          OPTIONS,
          controller.signal
        )
        expect(first.result.done).toBe(false)
        expect(storage.writes).toHaveLength(0)
        // the data is revised; call 2 (same settings, so the same cursor binding) writes it, and call 1's
        // write is released only after call 2 started
        const revised = FakeOrganization.make({ seed: 6, days: 60, now: NOW, workspaces: 2 })
        setTimeout(() => release(), 30)
        const second = yield* drive(connectorFor(strictFake(revised), settings, ctx), handle(storage), {
          ...OPTIONS,
          cursor: first.result.cursor
        })
        const all = yield* driveToEnd(
          connectorFor(strictFake(revised), settings, ctx),
          handle(storage),
          OPTIONS,
          second
        )
        expect(all.at(-1)?.result).toEqual({ done: true })
        // the late write of call 1 landed first, then call 2 wrote the same days over it
        expect(storage.writes[0]?.replaceWindow).toEqual({ start: START, end: WINDOWS[1]! - 1 })
        expect(snapshotOf(storage.rows)).toEqual(snapshotOf(expectedCost(revised, START, END)))
      })
  )

  it.effect(
    "an earlier write that never settles holds the next call's write for one write timeout, then it writes anyway",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        let hung = false
        const storage = new (class extends MemoryStorage {
          override metrics(...args: Parameters<MemoryStorage["metrics"]>) {
            if (hung) return super.metrics(...args)
            hung = true
            return new Promise<void>(() => {})
          }
        })()
        // settings of its own: the write that never settles holds up the next write of the same config
        const settings = { lookbackDays: 30, revisionDays: 3, ...COST_ONLY }
        const ctx = { concurrency: 1, writeTimeout: "2 seconds" } as const
        const first = yield* drive(connectorFor(strictFake(org), settings, ctx), handle(storage), OPTIONS)
        expect((first.result.transientError as { _tag: string })._tag).toBe("StorageWriteError")
        const warnings: Array<string> = []
        const logger = { info: () => {}, warn: (event: string) => void warnings.push(event) }
        const second = yield* drive(
          connectorFor(strictFake(org), settings, { ...ctx, logger }),
          handle(storage),
          { ...OPTIONS, cursor: first.result.cursor }
        )
        expect(second.result).toEqual({ done: true })
        // waited one write timeout for the hung write, once, then wrote every window
        expect(second.elapsed).toBe(2000)
        expect(warnings).toEqual(["earlier write still pending"])
        expect(replacedDays(storage.writes, "anthropic_cost_usd")).toEqual(daysOf(START, END))
      })
  )

  it.effect("one abort listener per call, whatever the number of windows and writes", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const controller = new AbortController()
      let most = 0
      let now = 0
      const signal = controller.signal
      const add = signal.addEventListener.bind(signal)
      const remove = signal.removeEventListener.bind(signal)
      signal.addEventListener = ((...args: Parameters<typeof add>) => {
        most = Math.max(most, ++now)
        return add(...args)
      }) as typeof add
      signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
        now -= 1
        return remove(...args)
      }) as typeof remove
      const connector = connectorFor(strictFake(org), { lookbackDays: 30 }, { concurrency: 16 })
      const storage = new MemoryStorage()
      const { result } = yield* drive(connector, storage, { mode: "full", pageSize: 1 }, signal)
      expect(result).toEqual({ done: true })
      expect(most).toBe(1)
      expect(now).toBe(0)
    })
  )

  it.effect("an error a person must fix in one window cuts the others off: nothing more is written", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = strictFake(org, {
        latency: 1000,
        faults: {
          script: [
            { fault: { kind: "permission-denied" }, path: COST_PATH, request: 2 },
            { fault: { kind: "latency", ms: 5000 }, path: COST_PATH, request: 3, count: 3 }
          ]
        }
      })
      const connector = connectorFor(api, { lookbackDays: 30, ...COST_ONLY }, { client: { retry: false } })
      const storage = new MemoryStorage()
      const error = yield* Effect.flip(drive(connector, storage, OPTIONS))
      expect(error).toMatchObject({ _tag: "SyncFailedError", phase: "cost_report" })
      // the first window's answer came with the 403 and may be written (whole); the slow ones were
      // cut off unwritten
      for (const write of storage.writes) {
        expect(write.names).toEqual(["anthropic_cost_usd"])
        expect(write.replaceWindow).toEqual({ start: WINDOWS[0], end: WINDOWS[1]! - 1 })
      }
    })
  )

  it.effect.each([0, 1.5, 17, Number.NaN, -1, "6"])(
    "`concurrency: %s` is refused, naming the option",
    (value) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const api = strictFake(org)
        const connector = connectorFor(api, { lookbackDays: 30 }, { concurrency: value as number })
        const error = yield* Effect.flip(connector.syncEffect(OPTIONS, new MemoryStorage()))
        expect(error).toMatchObject({ _tag: "ConfigError", issues: [{ field: "concurrency" }] })
        expect(error.message).toContain("an integer from 1 to 16")
        expect(error.message).toContain(typeof value === "string" ? `got "${value}"` : `got ${value}`)
        expect(api.log).toHaveLength(0)
      })
  )
})
