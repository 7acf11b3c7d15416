/**
 * The sync program. Each wanted phase (usage, cost) walks its window chunk by
 * chunk: a chunk is up to `limit` whole UTC days from the phase's `from`; its
 * buckets are fetched through the client's `buckets` stream (for usage, the
 * client's multi-query plan that keeps the configured dimensions exact under
 * the live API's cap of five `group_by[]` values), mapped to samples, and written
 * replacing exactly the chunk's days; then `from` moves to the chunk's end.
 * A call stops at a chunk boundary on abort, when the chunk budget is spent
 * (an in-flight fetch, retry waits included, is cut off at the deadline), or
 * on a retryable error, and returns a cursor holding each phase's `from`.
 *
 * The cost phase is chunked the same way rather than following API page
 * cursors: a chunk is at most one page, so it still costs one request per
 * window, both reports share one resume rule, and the cursor holds only day
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
import { Chunk, Clock, DateTime, Deferred, Duration, Effect, Either, Stream } from "effect"
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
import { enrich } from "./names.js"
import { retryListener } from "./retry.js"

/** Days per chunk: the API's maximum of daily buckets per page (and per plan window). */
export const MAX_PAGE_SIZE = 31

/** What a sync needs besides the options. */
export interface Deps {
  readonly settings: ResolvedSettings
  readonly storage: StorageHandle
  readonly logger: ConnectorLogger
  readonly signal: AbortSignal | undefined
  /**
   * How long (ms) one call may run: no chunk starts after it, a fetch in
   * flight at the deadline is cut off, and a retry wait that would end after
   * it ends the call at once.
   */
  readonly chunkBudgetMillis: number
  /** How long (ms) one storage write may take before the call gives up on it. */
  readonly writeTimeoutMillis: number
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

/** The buckets of one chunk, `[from, to)` (whole days), as samples. */
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
  /** The metric names a chunk replaces. */
  readonly names: ReadonlyArray<string>
  readonly fetch: FetchChunk
}

/**
 * A chunk's buckets as samples. A mapping that refuses a row (a cost amount
 * no double can hold) throws a `DecodeError`, which fails the chunk.
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
 * The usage report's parameters for one chunk: the configured dimensions
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
 * How many requests of a chunk run at once (the usage plan's queries). One at
 * a time: the report endpoints are rate limited per organisation and minute,
 * and a chunk is small.
 */
export const PLAN_CONCURRENCY = 1

/**
 * The phase's fetch on the `source: "analytics"` endpoints: daily buckets of
 * the chunk's days, mapped as {@link AnalyticsSamples} documents.
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

const dayFloor = (millis: number) => Math.floor(millis / SyncWindow.DAY_MILLIS) * SyncWindow.DAY_MILLIS

/**
 * The chunk starting at `from`: up to `limit` whole days, never past the
 * window's end.
 */
export const chunkAt = (
  from: number,
  limit: number,
  window: { readonly start: number; readonly end: number }
): { readonly start: number; readonly end: number } => {
  const start = Math.min(Math.max(dayFloor(from), window.start), window.end)
  return { start, end: Math.min(window.end, start + limit * SyncWindow.DAY_MILLIS) }
}

/** How a phase ended in this call. */
interface PhaseOutcome {
  readonly phase: SyncCursor.Phase
  readonly state: SyncCursor.PhaseState
  readonly transient: AdminApiError.AdminApiError | StorageWriteError | undefined
}

const isTransient = (error: AdminApiError.AdminApiError): boolean =>
  AdminApiError.isRetryable(error) || error._tag === "CursorExpiredError"

const abortEffect = (signal: AbortSignal | undefined): Effect.Effect<void> =>
  signal === undefined
    ? Effect.never
    : Effect.async<void>((resume) => {
        if (signal.aborted) {
          resume(Effect.void)
          return
        }
        const onAbort = () => resume(Effect.void)
        signal.addEventListener("abort", onAbort, { once: true })
        return Effect.sync(() => signal.removeEventListener("abort", onAbort))
      })

/** What happened to a chunk's fetch. */
type Fetched<A> =
  | { readonly _tag: "Done"; readonly result: Either.Either<A, AdminApiError.AdminApiError> }
  | { readonly _tag: "Aborted" }
  | { readonly _tag: "OutOfTime" }

const iso = (millis: number) => new Date(millis).toISOString()

const runPhase = (
  spec: PhaseSpec,
  initial: Extract<SyncCursor.PhaseState, { status: "pending" }>,
  window: SyncWindow.SyncWindow,
  limit: number,
  deps: Deps,
  deadline: number,
  log: Log
): Effect.Effect<PhaseOutcome, SyncFailedError, AdminApiClient.AdminApiClient> =>
  Effect.gen(function* () {
    const { phase } = spec
    const bounds = { start: window.start.epochMillis, end: window.end.epochMillis }
    const startedAt = yield* Clock.currentTimeMillis
    let from = chunkAt(initial.from, limit, bounds).start
    let chunks = 0
    let items = 0
    let rows = 0
    const pending = (transient?: AdminApiError.AdminApiError | StorageWriteError): PhaseOutcome => ({
      phase,
      state: { status: "pending", page: null, from },
      transient
    })
    const aborted = () => deps.signal?.aborted === true
    while (from < bounds.end) {
      if (aborted()) return pending()
      const fetchStart = yield* Clock.currentTimeMillis
      if (fetchStart >= deadline) return pending()
      const chunk = chunkAt(from, limit, bounds)
      // the last retryable error the fetch is waiting out, if any
      let failing: AdminApiError.AdminApiError | undefined
      // completed when a retry wait would end after the deadline: the call returns now, not at the deadline
      const overrun = yield* Deferred.make<void>()
      // the loser of each race is interrupted, and awaited, before the race returns
      const fetched: Fetched<Effect.Effect.Success<ReturnType<FetchChunk>>> = yield* Effect.race(
        spec.fetch(DateTime.unsafeMake(chunk.start), DateTime.unsafeMake(chunk.end)).pipe(
          Effect.either,
          Effect.map((result) => ({ _tag: "Done" as const, result })),
          Effect.locally(retryListener, (event, now) => {
            failing = event.error
            if (now + Duration.toMillis(event.delay) > deadline) Deferred.unsafeDone(overrun, Effect.void)
          })
        ),
        Effect.raceAll([
          Effect.as(abortEffect(deps.signal), { _tag: "Aborted" as const }),
          Effect.as(Effect.sleep(Duration.millis(deadline - fetchStart)), { _tag: "OutOfTime" as const }),
          Effect.as(Deferred.await(overrun), { _tag: "OutOfTime" as const })
        ])
      )
      if (fetched._tag === "Aborted") return pending()
      if (fetched._tag === "OutOfTime") {
        yield* log.warn("chunk budget spent", {
          resource: phase,
          from: iso(chunk.start),
          to: iso(chunk.end),
          budget_ms: deps.chunkBudgetMillis,
          error: failing?.message ?? null
        })
        return pending(failing)
      }
      if (Either.isLeft(fetched.result)) {
        const error = fetched.result.left
        if (!isTransient(error)) return yield* new SyncFailedError({ phase, cause: error })
        yield* log.warn("fetch page failed", {
          resource: phase,
          from: iso(chunk.start),
          to: iso(chunk.end),
          error: error.message
        })
        return pending(error)
      }
      // Aborted while the chunk was in flight: leave it for the next call.
      if (aborted()) return pending()
      const fetchedAt = yield* Clock.currentTimeMillis
      const { buckets, samples } = fetched.result.right
      // the client hands over whole windows of exactly the chunk's days; a sample elsewhere is a bug, never dropped
      const stray = samples.find((sample) => sample.ts < chunk.start || sample.ts >= chunk.end)
      if (stray !== undefined) {
        return yield* new SyncFailedError({
          phase,
          cause: new AdminApiError.PaginationContractError({
            endpoint: phase,
            reason: `a sample at ${iso(stray.ts)} lies outside the chunk ${iso(chunk.start)} to ${iso(chunk.end)}; nothing of the chunk was written`
          })
        })
      }
      // The write replaces exactly the chunk's days. It is bounded by the write
      // timeout and, like the fetch, abandoned at once on abort; a write that
      // settles later still replaces the whole chunk (never half), and the
      // cursor keeps the chunk pending, so the next call writes it again.
      // whether the write's promise has settled, seen even when the abort won the race
      let settled: "written" | "failed" | undefined
      const writing = yield* Effect.race(
        // not started at all once aborted (the other phase may have aborted in between)
        Effect.suspend(() =>
          aborted()
            ? Effect.never
            : Effect.tryPromise({
                try: () => {
                  const promise = Promise.resolve(
                    deps.storage.metrics(samples, {
                      names: spec.names,
                      replaceWindow: { start: chunk.start, end: chunk.end - 1 }
                    })
                  )
                  promise.then(
                    () => void (settled = "written"),
                    () => void (settled = "failed")
                  )
                  return promise
                },
                catch: (cause) => new StorageWriteError({ phase, cause })
              })
        ).pipe(
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
        Effect.as(abortEffect(deps.signal), { _tag: "Aborted" as const })
      )
      if (writing._tag === "Aborted") {
        // an abort that came as the write settled (e.g. from inside it) does not undo it: one
        // microtask later the write's outcome is known; a write still pending is left behind
        yield* Effect.promise(() => Promise.resolve())
        if (settled !== "written") return pending()
      }
      const written = writing._tag === "Written" ? writing.result : Either.void
      if (Either.isLeft(written)) {
        yield* log.warn("write batch failed", {
          resource: phase,
          page: chunks + 1,
          from: iso(chunk.start),
          to: iso(chunk.end),
          error: written.left.message
        })
        return pending(written.left)
      }
      from = chunk.end
      chunks += 1
      items += buckets
      rows += samples.length
      yield* log.info("fetched page", {
        resource: phase,
        page: chunks,
        items: buckets,
        rows: samples.length,
        from: iso(chunk.start),
        to: iso(chunk.end),
        next: from < bounds.end ? iso(from) : null,
        duration_ms: fetchedAt - fetchStart
      })
    }
    const finishedAt = yield* Clock.currentTimeMillis
    yield* log.info("resource done", {
      resource: phase,
      pages: chunks,
      items,
      rows,
      duration_ms: finishedAt - startedAt
    })
    return { phase, state: { status: "done" }, transient: undefined }
  })

/**
 * One call of `sync`: resumes from the cursor if it belongs to this config,
 * window and page size, runs the wanted phases concurrently, and returns
 * `done: true` or a cursor at a chunk boundary (with `transientError` when a
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
    const reading = SyncCursor.read(options.cursor, binding)
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
          log
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
  }).pipe(Effect.withSpan("AnthropicConnector.sync", { attributes: { "rawdash.mode": options.mode } }))
