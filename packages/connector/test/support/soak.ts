/**
 * The seeded soak (issue 10, item 6). A scenario is drawn from its seed alone:
 * an organisation, a sync plan (full / latest / since / resources / workspace
 * filter / lookback / page size / dimensions / chunk budget / retry policy)
 * and a fault script (429/503/529 with every `Retry-After` form and none,
 * 500s, 408s, connections reset before the headers and mid-body, stalls,
 * truncated, HTML and invalid bodies, drift, stray and misaligned buckets,
 * empty pages, missing buckets, cursors that lead back, amounts no double
 * holds, redirects, spend limits, a low per-minute limit, aborts at every
 * point, storage writes that fail, hang or abort). The connector runs it on
 * the live-rule fake with spec-minimal rows, on `TestClock`, resuming with
 * every cursor it returns, as rawdash's engine does.
 *
 * The invariant, checked for every scenario:
 * - the run ends with storage equal to the fault-free run of the same plan;
 * - or it ends in a typed error (or stops with a `transientError` after the
 *   call limit), with storage outside the window untouched and every metric's
 *   every day inside it entirely old or entirely new;
 * - and in every case: each call lasts at most the chunk budget plus the
 *   write timeout, every error and `transientError` is typed, and no result,
 *   error or log line carries the key.
 * A violation is reported with its seed; `runScenario(seed)` replays it.
 */
import { AdminApiError } from "@rawdash/anthropic-admin-api"
import {
  FakeAdminApi,
  type FakeFault,
  FakeHttpClient,
  FakeOrganization
} from "@rawdash/anthropic-admin-api-testing"
import { HttpClient } from "@effect/platform"
import {
  Chunk,
  Clock,
  Effect,
  Either,
  Fiber,
  Option,
  Random,
  Scheduler,
  TestClock,
  TestContext
} from "effect"
import AnthropicConnector, { type AnthropicContext } from "../../src/index.js"
import type { MetricSample, MetricsScope, StorageHandle, SyncOptions, SyncResult } from "../../src/Rawdash.js"
import { RESOURCE_NAMES, USAGE_METRICS } from "../../src/Resources.js"
import * as Config from "../../src/Config.js"
import { activePhases, wantedNames } from "../../src/internal/sync.js"
import * as SyncWindow from "../../src/SyncWindow.js"
import { canonical, MemoryStorage } from "./MemoryStorage.js"
import { expectedCost, expectedUsage, snapshotOf } from "./truth.js"

const DAY = 86_400_000
export const SOAK_KEY = "sk-ant-admin01-soak-CANARY-5e3d1c9b7a"
const USAGE_PATH = "/v1/organizations/usage_report/messages"
const COST_PATH = "/v1/organizations/cost_report"
/** The engine's loop re-calls `sync` with the cursor; a scenario stops after this many calls. */
export const MAX_CALLS = 40
const WRITE_TIMEOUT = 20_000

/** A deliberate regression the harness must catch (a test of the harness itself). */
export type Regression = "widen-replace-window-on-resume"

/** What may happen to the n-th storage write (counted over the whole scenario). */
export type WriteFault = "fail" | "hang" | "abort-inside" | "abort-after"

export interface Scenario {
  readonly seed: number
  readonly now: number
  readonly organization: FakeOrganization.Options
  readonly settings: Readonly<Record<string, unknown>>
  readonly options: SyncOptions
  readonly chunkBudgetMillis: number
  readonly retry: false | { readonly maxAttempts?: number }
  readonly faults: ReadonlyArray<FakeFault.ScriptedFault>
  readonly rateLimit: FakeAdminApi.RateLimitOptions | undefined
  /** Abort the call in progress when the n-th request (over the scenario) is sent. */
  readonly abortAtRequest: number | undefined
  readonly writeFaults: ReadonlyArray<readonly [number, WriteFault]>
}

// -- drawing -----------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG. */
const prng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const drawer = (seed: number) => {
  const next = prng(seed * 2654435761 + 1)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    int,
    chance: (p: number) => next() < p,
    pick: <A>(values: ReadonlyArray<A>): A => values[int(0, values.length - 1)] as A
  }
}

const RETRY_AFTER: ReadonlyArray<FakeFault.RetryAfter | undefined> = [
  undefined,
  { seconds: 0 },
  { seconds: 1 },
  { seconds: 7 },
  { seconds: 20 },
  { seconds: 90 },
  { httpDate: 3 },
  { httpDate: 25 },
  { milliseconds: 1500 },
  { milliseconds: 40_000 }
]

/** The fault pool: [fault, weight]. Status and transport faults are frequent, contract faults rarer. */
const faultOf = (d: ReturnType<typeof drawer>): FakeFault.Fault => {
  const roll = d.int(0, 99)
  if (roll < 16) return { kind: "rate-limited", ...optional("retryAfter", d.pick(RETRY_AFTER)) }
  if (roll < 22) {
    return {
      kind: "unavailable",
      ...optional("retryAfter", d.pick(RETRY_AFTER)),
      ...(d.chance(0.15) ? { shouldRetry: false } : {})
    }
  }
  if (roll < 27) return { kind: "overloaded", ...optional("retryAfter", d.pick(RETRY_AFTER)) }
  if (roll < 31) return { kind: "internal-error" }
  if (roll < 33) return { kind: "request-timeout" }
  if (roll < 38) return { kind: "drop-connection" }
  if (roll < 43) return { kind: "truncated-body" }
  if (roll < 47) return { kind: "malformed-json" }
  if (roll < 51) return { kind: "html-body" }
  if (roll < 55) return { kind: "stall" }
  if (roll < 60) return { kind: "latency", ms: d.pick([200, 2_000, 9_000, 25_000, 45_000]) }
  if (roll < 63) return { kind: "expired-cursor" }
  if (roll < 66) return { kind: "drift", unknownEnums: false, missingOptional: false }
  if (roll < 70) return { kind: "empty-page" }
  if (roll < 73) return { kind: "missing-bucket" }
  if (roll < 77) return { kind: "stray-bucket", offsetDays: d.pick([-40, -1, 1, 40]) }
  if (roll < 80) return { kind: "unaligned-buckets", hours: d.pick([1, 5, 23]) }
  if (roll < 83) return { kind: "huge-amount" }
  if (roll < 86) return { kind: "repeated-cursor" }
  if (roll < 88) return { kind: "has-more-without-next-page" }
  if (roll < 90) return { kind: "spend-limit-reached" }
  if (roll < 92) {
    return {
      kind: "redirect",
      location: "https://attacker.example/v1/organizations/cost_report",
      status: d.pick([301, 302, 307, 308])
    }
  }
  return { kind: "rate-limited", ...optional("retryAfter", d.pick(RETRY_AFTER)) }
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

const FIVE = ["model", "workspace_id", "api_key_id", "service_tier", "inference_geo"] as const

/** The scenario of a seed: the same seed always draws the same scenario. */
export const drawScenario = (seed: number): Scenario => {
  const d = drawer(seed)
  // before 22:00 UTC, so waits of many minutes never move the window across midnight
  const now = Date.UTC(2026, d.int(0, 11), d.int(1, 28), d.int(0, 21), d.int(0, 59), d.int(0, 59))
  const lookbackDays = d.pick([1, 2, 3, 4, 5, 6, 8, 10])
  const workspaces = d.int(1, 2)
  const organization: FakeOrganization.Options = {
    seed: d.int(1, 1_000_000),
    days: lookbackDays + 6,
    now,
    workspaces,
    models: d.pick([
      ["claude-sonnet-4-5"],
      ["claude-sonnet-4-5", "claude-haiku-4-5"],
      ["claude-opus-4-6", "claude-haiku-4-5"]
    ]),
    density: d.pick([0.002, 0.005]),
    claudeCodeUsers: 0,
    claudeCodeApiKeys: 0
  }
  const resources = d.pick<ReadonlyArray<string> | undefined>([
    undefined,
    undefined,
    ["anthropic_cost_usd"],
    [...USAGE_METRICS],
    ["anthropic_output_tokens", "anthropic_cost_usd"]
  ])
  const settings: Record<string, unknown> = {
    lookbackDays,
    revisionDays: d.int(1, 4),
    ...(resources === undefined ? {} : { resources }),
    ...(d.chance(0.25) ? { workspaceIds: ["wrkspc_placeholder"] } : {}),
    ...(d.chance(0.2) ? { dimensions: [...FIVE] } : {})
  }
  const mode = d.chance(0.6) ? "full" : "latest"
  const since = d.pick([
    undefined,
    undefined,
    "junk",
    new Date(now - d.int(0, 20) * DAY - d.int(0, DAY)).toISOString()
  ])
  const options: SyncOptions = {
    mode,
    ...(since === undefined ? {} : { since }),
    ...(d.chance(0.6) ? { pageSize: d.int(1, 7) } : {}),
    ...(d.chance(0.15)
      ? {
          resources: new Set(
            d.pick([["anthropic_cost_usd"], ["anthropic_input_tokens"], [...RESOURCE_NAMES]])
          )
        }
      : {})
  }
  const faults: Array<FakeFault.ScriptedFault> = []
  const count = d.pick([0, 1, 1, 2, 2, 3, 4])
  for (let i = 0; i < count; i++) {
    faults.push({
      fault: faultOf(d),
      path: d.pick([USAGE_PATH, COST_PATH, undefined] as const) ?? /./,
      request: d.int(1, 4),
      count: d.pick([1, 1, 1, 2, 3, 6])
    })
  }
  const writeFaults: Array<readonly [number, WriteFault]> = []
  if (d.chance(0.3)) {
    writeFaults.push([d.int(1, 3), d.pick(["fail", "hang", "abort-inside", "abort-after"] as const)])
  }
  if (d.chance(0.1)) writeFaults.push([d.int(2, 5), d.pick(["fail", "hang"] as const)])
  return {
    seed,
    now,
    organization,
    settings,
    options,
    chunkBudgetMillis: d.pick([30_000, 30_000, 30_000, 12_000, 60_000]),
    retry: d.pick([{}, {}, {}, { maxAttempts: 1 }, { maxAttempts: 3 }, false] as const),
    faults,
    rateLimit: d.chance(0.15)
      ? {
          requestsPerMinute: d.int(4, 12),
          reset: d.pick(["window-end", "past", "omit", "mixed"] as const),
          retryAfter: d.chance(0.5)
        }
      : undefined,
    abortAtRequest: d.chance(0.2) ? d.int(1, 8) : undefined,
    writeFaults
  }
}

/** One line naming the scenario, for violation reports. */
export const describeScenario = (s: Scenario): string =>
  JSON.stringify({
    now: new Date(s.now).toISOString(),
    settings: s.settings,
    options: {
      ...s.options,
      resources: s.options.resources === undefined ? undefined : [...s.options.resources]
    },
    budget: s.chunkBudgetMillis,
    retry: s.retry,
    faults: s.faults.map((f) => ({ ...f, path: String(f.path) })),
    rateLimit: s.rateLimit,
    abortAtRequest: s.abortAtRequest,
    writeFaults: s.writeFaults
  })

// -- running -----------------------------------------------------------------

/** Lets real async work (response bodies, promises) run before virtual time moves: two event-loop turns. */
const settle = Effect.promise(
  () => new Promise<void>((resolve) => setImmediate(() => setImmediate(() => resolve())))
)

/**
 * Runs an effect on `TestClock`: whenever every fiber waits on the clock,
 * time jumps to the next wake-up (so waits cost nothing and elapsed times
 * are exact). Fails with a message if nothing is scheduled and nothing moves.
 */
export const onTestClock = <A, E>(
  effect: Effect.Effect<A, E>
): Effect.Effect<{ result: Either.Either<A, E>; elapsed: number }, string> =>
  Effect.gen(function* () {
    const started = yield* Clock.currentTimeMillis
    const fiber = yield* Effect.fork(Effect.either(effect))
    let idle = 0
    for (;;) {
      yield* settle
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) {
        const result = yield* done.value
        return { result, elapsed: (yield* Clock.currentTimeMillis) - started }
      }
      const wakeUps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
      if (wakeUps.length === 0) {
        if (++idle > 2_000) {
          yield* Fiber.interrupt(fiber)
          return yield* Effect.fail("stuck: not done, and nothing scheduled on the clock")
        }
        continue
      }
      idle = 0
      yield* TestClock.setTime(Math.min(...wakeUps))
    }
  })

/** A storage handle over `MemoryStorage` with write faults, abort hooks and an optional regression. */
class SoakStorage implements StorageHandle {
  writes = 0
  constructor(
    readonly inner: MemoryStorage,
    readonly faults: ReadonlyMap<number, WriteFault>,
    readonly abort: () => void,
    readonly regression: ((scope: MetricsScope | undefined) => MetricsScope | undefined) | undefined
  ) {}
  metric(sample: MetricSample) {
    return this.inner.metric(sample)
  }
  queryMetrics(query: { name?: string; start?: number; end?: number }) {
    return this.inner.queryMetrics(query)
  }
  async metrics(samples: ReadonlyArray<MetricSample>, scope?: MetricsScope): Promise<void> {
    this.writes += 1
    const fault = this.faults.get(this.writes)
    const given = this.regression === undefined ? scope : this.regression(scope)
    switch (fault) {
      case "fail":
        throw new Error(`soak: storage write ${this.writes} failed`)
      case "hang":
        return new Promise<void>(() => {})
      case "abort-inside":
        this.abort()
        return this.inner.metrics(samples, given)
      case "abort-after":
        await this.inner.metrics(samples, given)
        this.abort()
        return
      default:
        return this.inner.metrics(samples, given)
    }
  }
}

/** Old rows: one per metric per day, from 3 days before the window to 1 day after, to tell untouched days apart. */
const oldRows = (window: { start: number; end: number }): Array<MetricSample> => {
  const rows: Array<MetricSample> = []
  for (const name of RESOURCE_NAMES) {
    for (let day = window.start - 3 * DAY; day <= window.end; day += DAY) {
      rows.push({ name, ts: day, value: -1, attributes: { old: true } })
    }
  }
  return rows
}

export interface Outcome {
  readonly seed: number
  readonly outcome: "done" | "error" | "unfinished"
  readonly calls: number
  readonly requests: number
  /** Faults the fake injected, by kind. */
  readonly faults: Readonly<Record<string, number>>
  /** Storage faults and aborts that took effect. */
  readonly storageFaults: number
  readonly aborts: number
  readonly violations: ReadonlyArray<string>
}

const isTypedError = (error: unknown): boolean => {
  const tag = (error as { _tag?: unknown } | null)?._tag
  if (tag === "SyncFailedError") return AdminApiError.isAdminApiError((error as { cause: unknown }).cause)
  return tag === "ConfigError" || tag === "MissingKeyError"
}

const isTypedTransient = (error: unknown): boolean =>
  AdminApiError.isAdminApiError(error) || (error as { _tag?: unknown } | null)?._tag === "StorageWriteError"

interface Run {
  readonly storage: MemoryStorage
  readonly outcome: Outcome["outcome"]
  readonly calls: number
  readonly api: FakeAdminApi.FakeAdminApi
  readonly storageFaults: number
  readonly aborts: number
  readonly violations: Array<string>
  /** The oracle's fault-free storage for this run's organisation, settings and window. */
  readonly expected: () => Array<MetricSample>
}

/** Runs the connector over a scenario (or its fault-free twin), resuming with every cursor. */
const runOnce = (
  scenario: Scenario,
  faulty: boolean,
  regression: Regression | undefined
): Effect.Effect<Run, string> =>
  Effect.gen(function* () {
    yield* TestClock.setTime(scenario.now)
    const organization = FakeOrganization.make(scenario.organization)
    // a workspace filter names one of the organisation's workspaces
    const named = organization.workspaces.find((w) => w.id !== null)?.id
    const settings =
      scenario.settings.workspaceIds === undefined || named === undefined || named === null
        ? scenario.settings
        : { ...scenario.settings, workspaceIds: [named] }
    const api = FakeAdminApi.make({
      organization,
      specMinimal: true,
      ...(faulty ? { faults: { script: scenario.faults } } : {}),
      ...(faulty && scenario.rateLimit !== undefined ? { rateLimit: scenario.rateLimit } : {})
    })
    let controller = new AbortController()
    let aborts = 0
    const abort = () => {
      if (!controller.signal.aborted) aborts++
      controller.abort()
    }
    let requests = 0
    const http = HttpClient.tapRequest(FakeHttpClient.make(api), () =>
      Effect.sync(() => {
        requests += 1
        if (faulty && requests === scenario.abortAtRequest) abort()
      })
    )
    const logs: Array<unknown> = []
    const ctx: AnthropicContext = {
      httpClient: http,
      chunkBudget: scenario.chunkBudgetMillis,
      writeTimeout: WRITE_TIMEOUT,
      ...(scenario.retry === false ? { client: { retry: false } } : { client: { retry: scenario.retry } }),
      logger: { info: () => {}, warn: (event, fields) => void logs.push({ event, fields }) }
    }
    const connector = new AnthropicConnector(settings, { adminApiKey: SOAK_KEY }, ctx)
    const window = SyncWindow.compute(
      scenario.options,
      {
        lookbackDays: Number(settings.lookbackDays),
        revisionDays: Number(settings.revisionDays)
      },
      scenario.now
    )
    const bounds = { start: window.start.epochMillis, end: window.end.epochMillis }
    const memory = new MemoryStorage()
    memory.rows = oldRows(bounds)
    let resumed = false
    const widen =
      regression === "widen-replace-window-on-resume"
        ? (scope: MetricsScope | undefined) =>
            resumed && scope?.replaceWindow !== undefined
              ? { ...scope, replaceWindow: { ...scope.replaceWindow, start: bounds.start } }
              : scope
        : undefined
    const storage = new SoakStorage(memory, new Map(faulty ? scenario.writeFaults : []), abort, widen)
    const violations: Array<string> = []
    // a call may first wait (up to the write timeout) for a write an earlier call abandoned
    const bound = scenario.chunkBudgetMillis + 2 * WRITE_TIMEOUT
    let cursor: unknown = undefined
    let calls = 0
    let outcome: Run["outcome"] = "unfinished"
    while (calls < MAX_CALLS) {
      calls += 1
      controller = new AbortController()
      resumed = cursor !== undefined
      const options: SyncOptions = { ...scenario.options, ...(cursor === undefined ? {} : { cursor }) }
      const { result, elapsed } = yield* onTestClock(
        connector.syncEffect(options, storage, controller.signal)
      )
      if (elapsed > bound) {
        violations.push(`call ${calls} lasted ${elapsed} ms, over the bound of ${bound} ms`)
      }
      const text = Either.match(result, {
        onLeft: (error) => `${String(error)} ${JSON.stringify(error)}`,
        onRight: (value) => JSON.stringify(value) ?? ""
      })
      if (text.includes(SOAK_KEY) || text.includes("CANARY")) {
        violations.push(`call ${calls}: the key in ${text.slice(0, 200)}`)
      }
      if (Either.isLeft(result)) {
        if (!isTypedError(result.left)) violations.push(`call ${calls}: untyped error ${String(result.left)}`)
        outcome = "error"
        break
      }
      const value: SyncResult = result.right
      if (value.transientError !== undefined && !isTypedTransient(value.transientError)) {
        violations.push(`call ${calls}: untyped transientError ${String(value.transientError)}`)
      }
      if (value.done) {
        outcome = "done"
        break
      }
      cursor = value.cursor
    }
    const logText = JSON.stringify(logs)
    if (logText.includes("CANARY")) violations.push("a log line carries the key")
    return {
      storage: memory,
      outcome,
      calls,
      api,
      storageFaults: storage.writes,
      aborts,
      violations,
      expected: () => oracle(organization, settings, scenario.options, bounds)
    }
  })

/**
 * The storage the fault-free run ends with, computed independently of the
 * connector from the organisation's own records (`truth.ts`): the old rows,
 * with the window's days of every metric of a wanted report replaced by the
 * truth. `reference: "run"` checks it against the connector's actual
 * fault-free run.
 */
const oracle = (
  organization: FakeOrganization.FakeOrganization,
  settings: Readonly<Record<string, unknown>>,
  options: SyncOptions,
  window: { readonly start: number; readonly end: number }
): Array<MetricSample> => {
  const resolved = Config.resolveSettings(settings as Config.Config)
  const phases = activePhases(wantedNames(resolved, options))
  const replaced = new Set<string>([
    ...(phases.includes("usage_messages") ? USAGE_METRICS : []),
    ...(phases.includes("cost_report") ? ["anthropic_cost_usd"] : [])
  ])
  const rows = oldRows(window).filter(
    (row) => !replaced.has(row.name) || row.ts < window.start || row.ts >= window.end
  )
  if (phases.includes("usage_messages")) {
    rows.push(
      ...expectedUsage(organization, window.start, window.end, resolved.workspaceIds, resolved.dimensions)
    )
  }
  if (phases.includes("cost_report")) {
    rows.push(...expectedCost(organization, window.start, window.end, resolved.workspaceIds))
  }
  return rows
}

/** How the fault-free storage is had: the oracle, the connector's fault-free run, or both (and they must agree). */
export type Reference = "oracle" | "run" | "both"

/** The rows of `name` on the day starting at `day`, canonical and sorted. */
const dayRows = (rows: ReadonlyArray<MetricSample>, name: string, day: number) =>
  rows
    .filter((r) => r.name === name && r.ts >= day && r.ts < day + DAY)
    .map(canonical)
    .sort()

/** Runs one scenario and its fault-free twin, and checks the invariant. */
export const runScenario = (
  seed: number,
  options: { readonly regression?: Regression; readonly reference?: Reference } = {}
): Effect.Effect<Outcome> =>
  Effect.gen(function* () {
    const scenario = drawScenario(seed)
    const mode = options.reference ?? "oracle"
    const run = yield* runOnce(scenario, true, options.regression)
    const violations = [...run.violations]
    const oracleRows = run.expected()
    let referenceRows = oracleRows
    if (mode !== "oracle") {
      const reference = yield* runOnce(scenario, false, undefined)
      if (reference.outcome !== "done") {
        violations.push(
          `the fault-free run did not finish (${reference.outcome}): ${reference.violations.join("; ")}`
        )
      }
      referenceRows = reference.storage.rows
      if (
        mode === "both" &&
        JSON.stringify(snapshotOf(oracleRows)) !== JSON.stringify(reference.storage.snapshot())
      ) {
        violations.push("the oracle differs from the connector's fault-free run")
      }
    }
    const expected = snapshotOf(referenceRows)
    const actual = run.storage.snapshot()
    if (run.outcome === "done") {
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const missing = expected.filter((row) => !actual.includes(row)).length
        const extra = actual.filter((row) => !expected.includes(row)).length
        violations.push(
          `done, but storage differs from the fault-free run (${missing} rows missing, ${extra} extra)`
        )
      }
    } else {
      const window = SyncWindow.compute(
        scenario.options,
        {
          lookbackDays: Number(scenario.settings.lookbackDays),
          revisionDays: Number(scenario.settings.revisionDays)
        },
        scenario.now
      )
      const start = window.start.epochMillis
      const end = window.end.epochMillis
      const outside = (rows: ReadonlyArray<MetricSample>) =>
        rows
          .filter((r) => r.ts < start || r.ts >= end)
          .map(canonical)
          .sort()
      const old = oldRows({ start, end })
      if (JSON.stringify(outside(run.storage.rows)) !== JSON.stringify(outside(old))) {
        violations.push(`${run.outcome}: storage outside the window changed`)
      }
      for (const name of RESOURCE_NAMES) {
        for (let day = start; day < end; day += DAY) {
          const now = JSON.stringify(dayRows(run.storage.rows, name, day))
          if (
            now !== JSON.stringify(dayRows(old, name, day)) &&
            now !== JSON.stringify(dayRows(referenceRows, name, day))
          ) {
            violations.push(
              `${run.outcome}: ${name} on ${new Date(day).toISOString().slice(0, 10)} is neither entirely old nor entirely new`
            )
          }
        }
      }
    }
    const faults: Record<string, number> = {}
    for (const entry of run.api.log) {
      if (entry.fault !== null) faults[entry.fault.kind] = (faults[entry.fault.kind] ?? 0) + 1
    }
    const storageFaults = scenario.writeFaults.filter(([n]) => n <= run.storageFaults).length
    return {
      seed,
      outcome: run.outcome,
      calls: run.calls,
      requests: run.api.log.length,
      faults,
      storageFaults,
      aborts: run.aborts,
      violations: violations.map((v) => `seed ${seed}: ${v}\n  scenario ${describeScenario(scenario)}`)
    }
  }).pipe(
    Effect.catchAll((message) =>
      Effect.succeed<Outcome>({
        seed,
        outcome: "unfinished",
        calls: 0,
        requests: 0,
        faults: {},
        storageFaults: 0,
        aborts: 0,
        violations: [`seed ${seed}: ${message}\n  scenario ${describeScenario(drawScenario(seed))}`]
      })
    ),
    Effect.withRandom(Random.make(seed)),
    // a fresh TestClock (and fiber supervision) per scenario: its steps stay cheap
    Effect.provide(TestContext.TestContext),
    // no timer hops between bursts of work: the clock is virtual, and real timers only add idle time
    Effect.withScheduler(new Scheduler.MixedScheduler(Number.MAX_SAFE_INTEGER))
  )

export interface Summary {
  readonly scenarios: number
  readonly seeds: { readonly from: number; readonly to: number }
  readonly outcomes: Readonly<Record<Outcome["outcome"], number>>
  readonly faults: Readonly<Record<string, number>>
  readonly faultsInjected: number
  readonly storageFaults: number
  readonly aborts: number
  readonly calls: number
  readonly requests: number
  readonly violations: ReadonlyArray<string>
  readonly millis: number
}

/** Runs the scenarios of seeds `[from, from + count)` and sums them up. */
export const soak = (
  from: number,
  count: number,
  options: {
    readonly regression?: Regression
    /** How each scenario's fault-free storage is had; default: the oracle, and the actual run too for every 10th seed. */
    readonly reference?: Reference
  } = {}
): Effect.Effect<Summary> =>
  Effect.gen(function* () {
    const started = performance.now()
    const outcomes: Record<Outcome["outcome"], number> = { done: 0, error: 0, unfinished: 0 }
    const faults: Record<string, number> = {}
    const violations: Array<string> = []
    let storageFaults = 0
    let aborts = 0
    let calls = 0
    let requests = 0
    for (let seed = from; seed < from + count; seed++) {
      const outcome = yield* runScenario(seed, {
        ...options,
        reference: options.reference ?? (seed % 10 === 0 ? "both" : "oracle")
      })
      outcomes[outcome.outcome] += 1
      for (const [kind, n] of Object.entries(outcome.faults)) faults[kind] = (faults[kind] ?? 0) + n
      storageFaults += outcome.storageFaults
      aborts += outcome.aborts
      calls += outcome.calls
      requests += outcome.requests
      violations.push(...outcome.violations)
    }
    return {
      scenarios: count,
      seeds: { from, to: from + count - 1 },
      outcomes,
      faults,
      faultsInjected: Object.values(faults).reduce((a, b) => a + b, 0),
      storageFaults,
      aborts,
      calls,
      requests,
      violations,
      millis: Math.round(performance.now() - started)
    }
  })
