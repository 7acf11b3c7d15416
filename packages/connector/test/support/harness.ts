/**
 * The connector against the fake Admin API with every live rule on (5-dimension
 * cap, day flooring, per-minute rate limiter) and spec-minimal rows, on the
 * `HttpClient` layer so the fake's clock is Effect's `Clock`: `TestClock`
 * drives latency, retry waits, the rate limiter's minutes and the chunk
 * budget alike.
 */
import {
  FakeAdminApi,
  FakeHttpClient,
  type FakeOrganization,
  type FakeRequestLog
} from "@rawdash/anthropic-admin-api-testing"
import { Clock, Effect, Fiber, Option, TestClock } from "effect"
import AnthropicConnector, { type AnthropicContext } from "../../src/index.js"
import type { StorageHandle, SyncOptions, SyncResult } from "../../src/Rawdash.js"

export const KEY = "sk-ant-admin01-harness-SECRET"

/** A fake with the live rules and spec-minimal rows on, plus the given options. */
export const strictFake = (
  organization: FakeOrganization.FakeOrganization,
  options: Omit<FakeAdminApi.Options, "organization"> = {}
): FakeAdminApi.FakeAdminApi => FakeAdminApi.make({ organization, specMinimal: true, ...options })

/** A connector talking to `api`, quiet, with the given settings and context. */
export const connectorFor = (
  api: FakeAdminApi.FakeAdminApi,
  settings: Record<string, unknown>,
  ctx: AnthropicContext = {}
): AnthropicConnector =>
  new AnthropicConnector(
    settings,
    { adminApiKey: KEY },
    {
      httpClient: FakeHttpClient.make(api),
      logger: { info: () => {}, warn: () => {} },
      ...ctx
    }
  )

/** A call's result and how much (virtual) time it took. */
export interface Timed {
  readonly result: SyncResult
  readonly elapsed: number
}

/**
 * Runs one `sync` call, advancing the `TestClock` in `step` ms increments
 * while the call waits (latency, retry waits, the rate limiter), and
 * measures the call's duration on the clock it reads.
 */
export const drive = (
  connector: AnthropicConnector,
  storage: StorageHandle,
  options: SyncOptions,
  signal?: AbortSignal,
  step = 250
): Effect.Effect<Timed, unknown> =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(
      Effect.gen(function* () {
        const start = yield* Clock.currentTimeMillis
        const result = yield* connector.syncEffect(options, storage, signal)
        return { result, elapsed: (yield* Clock.currentTimeMillis) - start }
      })
    )
    for (;;) {
      for (let i = 0; i < 5; i++) yield* Effect.yieldNow()
      if (Option.isSome(yield* Fiber.poll(fiber))) break
      yield* TestClock.adjust(step)
    }
    return yield* Fiber.join(fiber)
  })

/** Calls `sync` with the returned cursor until done, as rawdash's engine does; every call's result. */
export const driveToEnd = (
  connector: AnthropicConnector,
  storage: StorageHandle,
  options: SyncOptions,
  first: Timed,
  maxCalls = 50
): Effect.Effect<Array<Timed>, unknown> =>
  Effect.gen(function* () {
    const calls = [first]
    let last = first
    while (!last.result.done) {
      if (calls.length >= maxCalls) throw new Error(`not done after ${maxCalls} calls`)
      last = yield* drive(connector, storage, { ...options, cursor: last.result.cursor })
      calls.push(last)
    }
    return calls
  })

const DAY_EDGE = /^\d{4}-\d{2}-\d{2}T00:00:00Z$/

/** Requests whose `starting_at`/`ending_at` is not a UTC day edge (the connector's windows are whole days). */
export const unalignedRanges = (log: ReadonlyArray<FakeRequestLog.Entry>): Array<FakeRequestLog.Entry> =>
  log.filter(
    (e) =>
      !DAY_EDGE.test(String(e.query.starting_at)) ||
      (e.query.ending_at !== undefined && !DAY_EDGE.test(String(e.query.ending_at)))
  )

const DAY = 86_400_000

/**
 * The UTC days (ms) the writes replaced for metric `name`, ascending, a day
 * once per write that replaced it: a window synced exactly once, in any
 * number of calls and writes, replaces each of its days exactly once.
 */
export const replacedDays = (
  writes: ReadonlyArray<{
    readonly names: ReadonlyArray<string> | undefined
    readonly replaceWindow: { readonly start: number; readonly end: number } | undefined
  }>,
  name: string
): Array<number> =>
  writes
    .filter((write) => write.names?.includes(name) === true && write.replaceWindow !== undefined)
    .flatMap(({ replaceWindow: w }) => {
      const days: Array<number> = []
      for (let day = w!.start; day <= w!.end; day += DAY) days.push(day)
      return days
    })
    .sort((a, b) => a - b)

/** Every UTC day of `[start, end)`, ascending. */
export const daysOf = (start: number, end: number): Array<number> =>
  Array.from({ length: Math.round((end - start) / DAY) }, (_, i) => start + i * DAY)
