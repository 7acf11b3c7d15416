/**
 * The sync program. Each wanted phase (usage, cost) cuts its window into a
 * grid of windows of up to `limit` whole UTC days anchored at the window's
 * start (`./grid.ts`), and fetches the windows not yet written with bounded
 * concurrency: a window's buckets come through the client's `buckets` stream
 * (for usage, the client's multi-query plan that keeps the configured
 * dimensions exact under the live API's cap of five `group_by[]` values),
 * are mapped to samples, checked to lie in the window, and written as soon as
 * they arrive, replacing exactly the window's days. A call stops starting
 * windows on abort, when the chunk budget is spent (fetches in flight, retry
 * waits included, are cut off at the deadline), or on a retryable error, and
 * returns a cursor holding, per phase, the first window not written and the
 * written ones after it.
 *
 * The cost phase uses the same grid rather than following API page cursors:
 * a window is at most one page, so it still costs one request per window,
 * both reports share one resume rule, and the cursor holds only day
 * boundaries, which cannot expire the way an API page cursor does (410).
 */
import {
  AdminApiError,
  type AdminApiClient,
  AnalyticsCost,
  AnalyticsUsage,
  CostReport,
  Names,
  UsageReport
} from "@rawdash/anthropic-admin-api"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as AnalyticsSamples from "../AnalyticsSamples.js"
import * as CostSamples from "../CostSamples.js"
import type { ResolvedSettings } from "../Config.js"
import type { ConnectorLogger, MetricSample, StorageHandle, SyncOptions, SyncResult } from "../Rawdash.js"
import { COST_METRIC, type ResourceName, USAGE_METRICS } from "../Resources.js"
import * as SyncCursor from "../SyncCursor.js"
import { StorageWriteError, SyncFailedError } from "../SyncError.js"
import * as SyncWindow from "../SyncWindow.js"
import * as UsageSamples from "../UsageSamples.js"
import { type Log, makeLog } from "./log.js"
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from "./concurrency.js"
import * as Grid from "./grid.js"
import * as WriteOrder from "./writeOrder.js"
import { enrich } from "./names.js"
import { retryListener } from "./retry.js"

export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY }

/** Days per window: the API's maximum of daily buckets per page (and per plan window). */
export const MAX_PAGE_SIZE = 31

/** What a sync needs besides the options. */
export interface Deps {
  readonly settings: ResolvedSettings
  readonly storage: StorageHandle
  readonly logger: ConnectorLogger
  readonly signal: AbortSignal | undefined
  /**
   * How long (ms) one call may run: no window starts after it, a fetch in
   * flight at the deadline is cut off, and a retry wait that would end after
   * it ends the call at once.
   */
  readonly chunkBudgetMillis: number
  /** How long (ms) one storage write may take before the call gives up on it. */
  readonly writeTimeoutMillis: number
  /** How many windows of each phase are fetched at once ({@link DEFAULT_CONCURRENCY}). */
  readonly concurrency: number
}

/** The names a sync is asked for: in the config's list (if any) and the engine's (if given). */
export const wantedNames = (
  settings: Pick<ResolvedSettings, "resources">,
  options: Pick<SyncOptions, "resources">
): ReadonlyArray<ResourceName> =>
  [...USAGE_METRICS, COST_METRIC].filter(
    (name) =>
      (settings.resources === undefined || settings.resources.includes(name)) &&
      (options.resources === undefined || options.resources.has(name))
  )

/** The report calls needed for the wanted names, usage first. */
export const activePhases = (wanted: ReadonlyArray<ResourceName>): ReadonlyArray<SyncCursor.Phase> => [
  ...(USAGE_METRICS.some((name) => wanted.includes(name)) ? (["usage_messages"] as const) : []),
  ...(wanted.includes(COST_METRIC) ? (["cost_report"] as const) : [])
]

/** The buckets of one window, `[from, to)` (whole days), as samples. */
type FetchChunk = (
  from: DateTime.Utc,
  to: DateTime.Utc
) => Effect.Effect<
  { readonly buckets: number; readonly samples: Array<MetricSample> },
  AdminApiError.AdminApiError,
  AdminApiClient.AdminApiClient
>

interface PhaseSpec {
  readonly phase: SyncCursor.Phase
  /** The metric names a window replaces. */
  readonly names: ReadonlyArray<string>
  readonly fetch: FetchChunk
}

/**
 * A window's buckets as samples. A mapping that refuses a row (a cost amount
 * no double can hold) throws a `DecodeError`, which fails the window.
 */
const collect = <B>(
  stream: Stream.Stream<B, AdminApiError.AdminApiError, AdminApiClient.AdminApiClient>,
  toSamples: (buckets: ReadonlyArray<B>) => Array<MetricSample>
) =>
  Effect.flatMap(Stream.runCollect(stream), (chunk) => {
    const buckets = Chunk.toReadonlyArray(chunk)
    return Effect.try({
      try: () => ({ buckets: buckets.length, samples: toSamples(buckets) }),
      catch: (error) =>
        error instanceof AdminApiError.DecodeError
          ? error
          : new AdminApiError.DecodeError({ endpoint: "samples", path: "$", detail: String(error) })
    })
  })

/**
 * The usage report's parameters for one window: the configured dimensions
 * (default six, more than the five one request may carry, so `buckets` runs
 * the client's plan) and the workspace filter.
 */
export const usageParams = (
  settings: Pick<ResolvedSettings, "workspaceIds" | "dimensions">,
  from: DateTime.Utc,
  to: DateTime.Utc,
  limit: number
): UsageReport.Params => ({
  startingAt: from,
  endingAt: to,
  bucketWidth: "1d",
  limit,
  groupBy: settings.dimensions,
  workspaceIds: settings.workspaceIds
})

/**
 * How many of a window's plan queries run at once: 3, the whole plan of the
 * default six dimensions (its queries are joined, so the window is written
 * only when all are in). A plan of more queries (opt-in dimensions) runs
 * three at a time, so at most `3 × concurrency` usage requests are in flight.
 */
export const PLAN_CONCURRENCY = 3

/**
 * The phase's fetch on the `source: "analytics"` endpoints: daily buckets of
 * the window's days, mapped as {@link AnalyticsSamples} documents.
 */
const analyticsFetch = (phase: SyncCursor.Phase, settings: ResolvedSettings): FetchChunk => {
  const options = { defaultWorkspaceId: settings.defaultWorkspaceId }
  return phase === "usage_messages"
    ? (from, to) =>
        collect(
          AnalyticsUsage.buckets(
            {
              startingAt: from,
              endingAt: to,
              timeBucketWidth: "1d",
              groupBy: AnalyticsSamples.usageGroupBy(settings.dimensions),
              workspaceIds: settings.workspaceIds
            },
            { concurrency: PLAN_CONCURRENCY }
          ),
          (buckets) => AnalyticsSamples.usageFromBuckets(buckets, settings.dimensions, options)
        )
    : (from, to) =>
        collect(
          AnalyticsCost.buckets(
            {
              startingAt: from,
              endingAt: to,
              timeBucketWidth: "1d",
              groupBy: AnalyticsSamples.COST_GROUP_BY,
              workspaceIds: settings.workspaceIds
            },
            { concurrency: PLAN_CONCURRENCY }
          ),
          (buckets) =>
            AnalyticsSamples.costFromBuckets(buckets, { ...options, workspaceIds: settings.workspaceIds })
        )
}

/** The phase's spec for the configured source, with names added when `names` is given (`enrichNames`). */
const sourcePhaseSpec = (
  phase: SyncCursor.Phase,
  settings: ResolvedSettings,
  limit: number,
  names: Names.Names.Service | undefined
): PhaseSpec => {
  const spec = phaseSpec(phase, settings, limit)
  const fetch: FetchChunk = settings.source === "analytics" ? analyticsFetch(phase, settings) : spec.fetch
  if (names === undefined) return { ...spec, fetch }
  const groupedByWorkspace = phase === "cost_report" || settings.dimensions.includes("workspace_id")
  return {
    ...spec,
    fetch: (from, to) =>
      Effect.flatMap(fetch(from, to), ({ buckets, samples }) =>
        Effect.map(enrich(names, samples, groupedByWorkspace), (enriched) => ({ buckets, samples: enriched }))
      )
  }
}

const phaseSpec = (phase: SyncCursor.Phase, settings: ResolvedSettings, limit: number): PhaseSpec =>
  phase === "usage_messages"
    ? {
        phase,
        names: USAGE_METRICS,
        fetch: (from, to) =>
          collect(
            UsageReport.buckets(usageParams(settings, from, to, limit), { concurrency: PLAN_CONCURRENCY }),
            (buckets) => UsageSamples.fromBuckets(buckets, settings.dimensions)
          )
      }
    : {
        phase,
        names: [COST_METRIC],
        fetch: (from, to) =>
          collect(
            CostReport.buckets({
              startingAt: from,
              endingAt: to,
              bucketWidth: "1d",
              limit,
              groupBy: CostSamples.GROUP_BY
            }),
            (buckets) => CostSamples.fromBuckets(buckets, { workspaceIds: settings.workspaceIds })
          )
      }

/** How a phase ended in this call. */
interface PhaseOutcome {
  readonly phase: SyncCursor.Phase
  readonly state: SyncCursor.PhaseState
  readonly transient: AdminApiError.AdminApiError | StorageWriteError | undefined
}

const isTransient = (error: AdminApiError.AdminApiError): boolean =>
  AdminApiError.isRetryable(error) || error._tag === "CursorExpiredError"

/**
 * The call's abort as an effect that completes when the signal fires: one
 * listener for the whole call, shared by every window and write (a listener
 * each would pass Node's limit of 10 per signal and print a warning), removed
 * when the call ends.
 */
const abortOf = (signal: AbortSignal | undefined): Effect.Effect<Effect.Effect<void>, never, Scope.Scope> =>
  signal === undefined
    ? Effect.succeed(Effect.never)
    : Effect.gen(function* () {
        const fired = yield* Deferred.make<void>()
        const onAbort = () => Deferred.unsafeDone(fired, Effect.void)
        yield* Effect.acquireRelease(
          Effect.sync(() => {
            if (signal.aborted) onAbort()
            else signal.addEventListener("abort", onAbort, { once: true })
          }),
          () => Effect.sync(() => signal.removeEventListener("abort", onAbort))
        )
        return Deferred.await(fired)
      })

/** What happened to a window's fetch. */
type Fetched<A> =
  | { readonly _tag: "Done"; readonly result: Either.Either<A, AdminApiError.AdminApiError> }
  | { readonly _tag: "Aborted" }
  | { readonly _tag: "OutOfTime" }
  | { readonly _tag: "Halted" }

/** A fetched window waiting for its write. */
interface Ready {
  readonly slot: Grid.Slot
  readonly buckets: number
  readonly samples: Array<MetricSample>
  readonly duration: number
}

const iso = (millis: number) => new Date(millis).toISOString()

/** The samples of neighbouring windows, as one array (one write). */
const concat = (run: ReadonlyArray<Ready>): Array<MetricSample> => {
  if (run.length === 1) return run[0]!.samples
  const out: Array<MetricSample> = []
  for (const item of run) for (const sample of item.samples) out.push(sample)
  return out
}

/**
 * One phase: the windows of its grid not yet written, fetched `concurrency`
 * at a time, each written as soon as it is fetched and checked, replacing
 * exactly its days (finished neighbours waiting for the phase's one writer
 * are merged into one write). Windows are disjoint and each write is
 * idempotent, so the order they finish in does not matter; the cursor keeps
 * which are written.
 *
 * - Abort: no window starts, no fetch is waited for and no write starts
 *   after it (a write in progress that settles still counts).
 * - The chunk budget: no window starts after the deadline, fetches in flight
 *   are cut off at it (or at once when a retry wait would overrun it).
 * - A retryable error (after the client's retries): no new window starts;
 *   those in flight finish and are written; the error is the call's
 *   `transientError`.
 * - Any other error: no new window starts, fetches in flight are cut off,
 *   nothing more is written, and the sync fails with it.
 */
const runPhase = (
  spec: PhaseSpec,
  initial: Extract<SyncCursor.PhaseState, { status: "pending" }>,
  window: SyncWindow.SyncWindow,
  limit: number,
  deps: Deps,
  deadline: number,
  log: Log,
  abort: Effect.Effect<void>
): Effect.Effect<PhaseOutcome, SyncFailedError, AdminApiClient.AdminApiClient> =>
  Effect.gen(function* () {
    const { phase } = spec
    const writeScope = WriteOrder.scopeOf(deps.settings)
    const slots = Grid.grid({ start: window.start.epochMillis, end: window.end.epochMillis }, limit)
    const written = Grid.writtenIn(slots, initial)
    const startedAt = yield* Clock.currentTimeMillis
    let items = 0
    let rows = 0
    // the first retryable error met, and the first error that fails the sync
    let transient: AdminApiError.AdminApiError | StorageWriteError | undefined
    let fatal: SyncFailedError | undefined
    // no window starts once set; `halt` also cuts off the fetches in flight
    let stopping = false
    let writesFailed = false
    const halt = yield* Deferred.make<void>()
    const ready = new Map<number, Ready>()
    const writer = yield* Effect.makeSemaphore(1)
    const aborted = () => deps.signal?.aborted === true
    const fail = (error: SyncFailedError) => {
      fatal ??= error
      stopping = true
      Deferred.unsafeDone(halt, Effect.void)
    }
    const give = (error: AdminApiError.AdminApiError | StorageWriteError | undefined) => {
      transient ??= error
      stopping = true
    }

    // One merged write of neighbouring windows, replacing exactly their days. It is bounded by
    // the write timeout and, like a fetch, abandoned at once on abort; a write that settles later
    // still replaces all its days (never part), and the cursor keeps its windows pending, so
    // the next call writes them again.
    const write = (run: ReadonlyArray<Ready>) =>
      Effect.gen(function* () {
        const start = run[0]!.slot.start
        const end = run[run.length - 1]!.slot.end
        // a write of this report an earlier call left running lands first, if it settles within the
        // write timeout (./writeOrder.ts)
        const earlier = WriteOrder.pending(writeScope, phase)
        if (earlier !== undefined) {
          const waited = yield* Effect.race(
            Effect.promise(() => earlier).pipe(
              Effect.as("settled" as const),
              Effect.timeoutTo({
                duration: Duration.millis(deps.writeTimeoutMillis),
                onSuccess: (outcome) => outcome,
                onTimeout: () => "pending" as const
              })
            ),
            Effect.as(abort, "aborted" as const)
          )
          if (waited === "aborted") return false
          if (waited === "pending") {
            // a write that has not settled in a whole write timeout may never: write anyway (if it
            // does land later, these days hold older data until their next sync)
            yield* log.warn("earlier write still pending", {
              resource: phase,
              from: iso(start),
              to: iso(end),
              waited_ms: deps.writeTimeoutMillis
            })
          }
        }
        // whether the write's promise has settled, seen even when the abort won the race
        let settled: "written" | "failed" | undefined
        const writing = yield* Effect.race(
          Effect.tryPromise({
            try: () => {
              const promise = Promise.resolve(
                deps.storage.metrics(concat(run), {
                  names: spec.names,
                  replaceWindow: { start, end: end - 1 }
                })
              )
              WriteOrder.record(writeScope, phase, promise)
              promise.then(
                () => void (settled = "written"),
                () => void (settled = "failed")
              )
              return promise
            },
            catch: (cause) => new StorageWriteError({ phase, cause })
          }).pipe(
            Effect.timeoutFail({
              duration: Duration.millis(deps.writeTimeoutMillis),
              onTimeout: () =>
                new StorageWriteError({
                  phase,
                  cause: new Error(`the write did not settle within ${deps.writeTimeoutMillis} ms`)
                })
            }),
            Effect.either,
            Effect.map((result) => ({ _tag: "Written" as const, result }))
          ),
          Effect.as(abort, { _tag: "Aborted" as const })
        )
        if (writing._tag === "Aborted") {
          // an abort that came as the write settled (e.g. from inside it) does not undo it: one
          // microtask later the write's outcome is known; a write still pending is left behind
          yield* Effect.promise(() => Promise.resolve())
          return settled === "written"
        }
        if (Either.isLeft(writing.result)) {
          yield* log.warn("write batch failed", {
            resource: phase,
            page: run[0]!.slot.index,
            from: iso(start),
            to: iso(end),
            error: writing.result.left.message
          })
          writesFailed = true
          give(writing.result.left)
          return false
        }
        return true
      })

    // Writes every window waiting, neighbours merged; one writer per phase, so the windows that
    // finish while a write is in progress are written together after it.
    const flush = writer.withPermits(1)(
      Effect.gen(function* () {
        while (ready.size > 0 && !writesFailed && fatal === undefined && !aborted()) {
          const runs = Grid.mergeRuns(ready.values())
          for (const run of runs) {
            if (writesFailed || fatal !== undefined || aborted()) return
            for (const item of run) ready.delete(item.slot.start)
            if (!(yield* write(run))) return
            for (const item of run) {
              written.add(item.slot.start)
              items += item.buckets
              rows += item.samples.length
              yield* log.info("fetched page", {
                resource: phase,
                page: item.slot.index,
                items: item.buckets,
                rows: item.samples.length,
                from: iso(item.slot.start),
                to: iso(item.slot.end),
                // the grid's next window (written, in flight or still to fetch), as rawdash's logs have it
                next: item.slot.end < window.end.epochMillis ? iso(item.slot.end) : null,
                duration_ms: item.duration
              })
            }
          }
        }
      })
    )

    const runWindow = (slot: Grid.Slot) =>
      Effect.gen(function* () {
        if (stopping || aborted()) return
        const fetchStart = yield* Clock.currentTimeMillis
        if (fetchStart >= deadline) return
        // the last retryable error the fetch is waiting out, if any
        let failing: AdminApiError.AdminApiError | undefined
        // completed when a retry wait would end after the deadline: the call returns now, not at the deadline
        const overrun = yield* Deferred.make<void>()
        // the loser of each race is interrupted, and awaited, before the race returns
        const fetched: Fetched<Effect.Effect.Success<ReturnType<FetchChunk>>> = yield* Effect.race(
          spec.fetch(DateTime.unsafeMake(slot.start), DateTime.unsafeMake(slot.end)).pipe(
            Effect.either,
            Effect.map((result) => ({ _tag: "Done" as const, result })),
            Effect.locally(retryListener, (event, now) => {
              failing = event.error
              if (now + Duration.toMillis(event.delay) > deadline) Deferred.unsafeDone(overrun, Effect.void)
            })
          ),
          Effect.raceAll([
            Effect.as(abort, { _tag: "Aborted" as const }),
            Effect.as(Effect.sleep(Duration.millis(deadline - fetchStart)), { _tag: "OutOfTime" as const }),
            Effect.as(Deferred.await(overrun), { _tag: "OutOfTime" as const }),
            Effect.as(Deferred.await(halt), { _tag: "Halted" as const })
          ])
        )
        if (fetched._tag === "Aborted" || fetched._tag === "Halted") return
        if (fetched._tag === "OutOfTime") {
          yield* log.warn("chunk budget spent", {
            resource: phase,
            from: iso(slot.start),
            to: iso(slot.end),
            budget_ms: deps.chunkBudgetMillis,
            error: failing?.message ?? null
          })
          return give(failing)
        }
        if (Either.isLeft(fetched.result)) {
          const error = fetched.result.left
          if (!isTransient(error)) return fail(new SyncFailedError({ phase, cause: error }))
          yield* log.warn("fetch page failed", {
            resource: phase,
            from: iso(slot.start),
            to: iso(slot.end),
            error: error.message
          })
          return give(error)
        }
        // Aborted while the window was in flight: leave it for the next call.
        if (aborted()) return
        const fetchedAt = yield* Clock.currentTimeMillis
        const { buckets, samples } = fetched.result.right
        // the client hands over whole windows of exactly the window's days; a sample elsewhere is a bug, never dropped
        const stray = samples.find((sample) => sample.ts < slot.start || sample.ts >= slot.end)
        if (stray !== undefined) {
          return fail(
            new SyncFailedError({
              phase,
              cause: new AdminApiError.PaginationContractError({
                endpoint: phase,
                reason: `a sample at ${iso(stray.ts)} lies outside the window ${iso(slot.start)} to ${iso(slot.end)}; nothing of the window was written`
              })
            })
          )
        }
        ready.set(slot.start, { slot, buckets, samples, duration: fetchedAt - fetchStart })
        yield* flush
      })

    yield* Effect.forEach(
      slots.filter((slot) => !written.has(slot.start)),
      runWindow,
      { concurrency: deps.concurrency, discard: true }
    )
    if (fatal !== undefined) return yield* fatal
    const state = Grid.stateOf(slots, written)
    if (state.status === "done") {
      const finishedAt = yield* Clock.currentTimeMillis
      yield* log.info("resource done", {
        resource: phase,
        pages: slots.length,
        items,
        rows,
        duration_ms: finishedAt - startedAt
      })
    }
    return { phase, state, transient }
  })

/**
 * One call of `sync`: resumes from the cursor if it belongs to this config,
 * window and page size, runs the wanted phases concurrently, and returns
 * `done: true` or a cursor of the windows written (with `transientError` when a
 * retryable error ended a phase or was being waited out when the budget ran
 * out). Fails with {@link SyncFailedError} on errors a person must fix.
 */
export const run = (
  options: SyncOptions,
  deps: Deps
): Effect.Effect<SyncResult, SyncFailedError, AdminApiClient.AdminApiClient> =>
  Effect.gen(function* () {
    const log = makeLog(deps.logger)
    const phases = activePhases(wantedNames(deps.settings, options))
    if (phases.length === 0) return { done: true }
    const window = yield* SyncWindow.current(options, deps.settings)
    const limit =
      options.pageSize !== undefined && Number.isInteger(options.pageSize)
        ? Math.min(Math.max(options.pageSize, 1), MAX_PAGE_SIZE)
        : MAX_PAGE_SIZE
    const binding = SyncCursor.binding(deps.settings, window, limit)
    const read = SyncCursor.read(options.cursor, binding)
    // a cursor this connector could not have made for this window's grid (e.g. edited) starts over
    const slots = Grid.grid({ start: window.start.epochMillis, end: window.end.epochMillis }, limit)
    const offGrid =
      read._tag === "Resume"
        ? Object.values(read.cursor.phases)
            .map((state) => (state === undefined ? undefined : Grid.invalid(slots, state)))
            .find((reason) => reason !== undefined)
        : undefined
    const reading: SyncCursor.Reading =
      offGrid === undefined ? read : { _tag: "Fresh", reason: `malformed cursor: ${offGrid}` }
    if (reading._tag === "Fresh" && reading.reason !== undefined) {
      yield* log.warn("cursor ignored", { reason: reading.reason })
    }
    const resumed = reading._tag === "Resume" ? reading.cursor.phases : {}
    const startedAt = yield* Clock.currentTimeMillis
    const deadline = startedAt + deps.chunkBudgetMillis
    // one Names per call: at most one listing per kind, one warning per kind
    const names = deps.settings.enrichNames
      ? yield* Names.make({
          onWarning: (warning) =>
            log.warn("names unavailable", { kind: warning.kind, error: warning.message })
        })
      : undefined
    const abort = yield* abortOf(deps.signal)
    const outcomes = yield* Effect.forEach(
      phases,
      (phase): Effect.Effect<PhaseOutcome, SyncFailedError, AdminApiClient.AdminApiClient> => {
        const previous = resumed[phase]
        if (previous?.status === "done") {
          return Effect.succeed({ phase, state: previous, transient: undefined })
        }
        const initial = previous ?? { status: "pending" as const, page: null, from: window.start.epochMillis }
        return runPhase(
          sourcePhaseSpec(phase, deps.settings, limit, names),
          initial,
          window,
          limit,
          deps,
          deadline,
          log,
          abort
        ).pipe(
          Effect.withSpan(`AnthropicConnector.${phase}`, {
            attributes: { "rawdash.phase": phase, "rawdash.resumed": previous !== undefined }
          })
        )
      },
      { concurrency: "unbounded" }
    )
    if (outcomes.every((outcome) => outcome.state.status === "done")) return { done: true }
    const cursor = SyncCursor.make(
      binding,
      window,
      Object.fromEntries(outcomes.map((outcome) => [outcome.phase, outcome.state]))
    )
    const transient = outcomes.find((outcome) => outcome.transient !== undefined)?.transient
    return transient === undefined
      ? { done: false, cursor }
      : { done: false, cursor, transientError: transient }
  }).pipe(
    Effect.scoped,
    Effect.withSpan("AnthropicConnector.sync", { attributes: { "rawdash.mode": options.mode } })
  )
