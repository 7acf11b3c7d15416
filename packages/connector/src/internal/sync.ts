/**
 * The sync program: for each wanted phase (usage, cost), stream the report's
 * pages for the window, map each page to samples and replace exactly the
 * days that page covers, stopping at a page boundary on abort or when the
 * chunk budget is used up.
 */
import {
  AdminApiError,
  type AdminApiClient,
  CostReport,
  type Pagination,
  UsageReport
} from "@rawdash/anthropic-admin-api"
import { Chunk, Clock, Effect, Option, Stream } from "effect"
import * as CostSamples from "../CostSamples.js"
import type { ResolvedSettings } from "../Config.js"
import type { ConnectorLogger, MetricSample, StorageHandle, SyncOptions, SyncResult } from "../Rawdash.js"
import { COST_METRIC, type ResourceName, USAGE_METRICS } from "../Resources.js"
import * as SyncCursor from "../SyncCursor.js"
import { StorageWriteError, SyncFailedError } from "../SyncError.js"
import * as SyncWindow from "../SyncWindow.js"
import * as UsageSamples from "../UsageSamples.js"
import { type Log, makeLog } from "./log.js"

/** Buckets (days) per page: the API's maximum for daily buckets. */
export const MAX_PAGE_SIZE = 31

/** What a sync needs besides the options. */
export interface Deps {
  readonly settings: ResolvedSettings
  readonly storage: StorageHandle
  readonly logger: ConnectorLogger | undefined
  readonly signal: AbortSignal | undefined
  /** After this much time (ms) a call returns a cursor at the next page boundary. */
  readonly chunkBudgetMillis: number
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

/** A bucket as both reports have it. */
interface Bucket {
  readonly starting_at: { readonly epochMillis: number }
  readonly ending_at: { readonly epochMillis: number }
  readonly results: ReadonlyArray<unknown>
}

interface PhaseSpec {
  readonly phase: SyncCursor.Phase
  readonly names: ReadonlyArray<string>
  readonly pages: (
    startPage: string | undefined
  ) => Stream.Stream<Pagination.Page<Bucket>, AdminApiError.AdminApiError, AdminApiClient.AdminApiClient>
  readonly samples: (buckets: ReadonlyArray<Bucket>) => Array<MetricSample>
}

const phaseSpec = (
  phase: SyncCursor.Phase,
  settings: ResolvedSettings,
  window: SyncWindow.SyncWindow,
  limit: number
): PhaseSpec =>
  phase === "usage_messages"
    ? {
        phase,
        names: USAGE_METRICS,
        pages: (startPage) =>
          UsageReport.pages(
            {
              startingAt: window.start,
              endingAt: window.end,
              bucketWidth: "1d",
              limit,
              groupBy: UsageSamples.GROUP_BY,
              workspaceIds: settings.workspaceIds
            },
            { startPage }
          ),
        samples: (buckets) => UsageSamples.fromBuckets(buckets as ReadonlyArray<UsageReport.UsageBucket>)
      }
    : {
        phase,
        names: [COST_METRIC],
        pages: (startPage) =>
          CostReport.pages(
            {
              startingAt: window.start,
              endingAt: window.end,
              bucketWidth: "1d",
              limit,
              groupBy: CostSamples.GROUP_BY
            },
            { startPage }
          ),
        samples: (buckets) =>
          CostSamples.fromBuckets(buckets as ReadonlyArray<CostReport.CostBucket>, {
            workspaceIds: settings.workspaceIds
          })
      }

const dayFloor = (millis: number) => Math.floor(millis / SyncWindow.DAY_MILLIS) * SyncWindow.DAY_MILLIS

/**
 * The days a page replaces, `[start, end)`: from the first day not yet
 * written (or the page's first bucket, if earlier) to the end of its last
 * bucket; the last page reaches the window's end, so days the API returned
 * no bucket for are cleared too. Clamped to the window.
 */
export const pageRange = (
  from: number,
  buckets: ReadonlyArray<Bucket>,
  isLast: boolean,
  window: { readonly start: number; readonly end: number }
): { readonly start: number; readonly end: number } => {
  let first = from
  let last = from
  for (const bucket of buckets) {
    first = Math.min(first, dayFloor(bucket.starting_at.epochMillis))
    last = Math.max(last, bucket.ending_at.epochMillis)
  }
  const start = Math.max(window.start, Math.min(first, window.end))
  const end = isLast ? window.end : Math.min(window.end, Math.max(start, last))
  return { start, end }
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

const runPhase = (
  spec: PhaseSpec,
  initial: Extract<SyncCursor.PhaseState, { status: "pending" }>,
  window: SyncWindow.SyncWindow,
  deps: Deps,
  deadline: number,
  log: Log
): Effect.Effect<PhaseOutcome, SyncFailedError, AdminApiClient.AdminApiClient> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { phase } = spec
      const bounds = { start: window.start.epochMillis, end: window.end.epochMillis }
      const startedAt = yield* Clock.currentTimeMillis
      let state: SyncCursor.PhaseState = initial
      let pages = 0
      let items = 0
      let rows = 0
      const outcome = (transient?: AdminApiError.AdminApiError | StorageWriteError): PhaseOutcome => ({
        phase,
        state,
        transient
      })
      const pull = yield* Stream.toPull(spec.pages(initial.page ?? undefined))
      const aborted = () => deps.signal?.aborted === true
      while (state.status === "pending") {
        if (aborted()) return outcome()
        const fetchStart = yield* Clock.currentTimeMillis
        const pulled = yield* Effect.raceFirst(
          Effect.either(pull).pipe(Effect.map(Option.some)),
          abortEffect(deps.signal).pipe(Effect.as(Option.none()))
        )
        if (Option.isNone(pulled)) return outcome()
        if (pulled.value._tag === "Left") {
          const failure = pulled.value.left
          if (Option.isNone(failure)) {
            // The stream ended without a last page: cannot happen with the client's pagination.
            return outcome()
          }
          const error = failure.value
          if (!isTransient(error)) return yield* new SyncFailedError({ phase, cause: error })
          yield* log.warn("fetch page failed", {
            resource: phase,
            cursor: state.page,
            error: error.message
          })
          if (error._tag === "CursorExpiredError") {
            state = { status: "pending", page: null, from: bounds.start }
          }
          return outcome(error)
        }
        for (const page of Chunk.toReadonlyArray(pulled.value.right)) {
          const current: SyncCursor.PhaseState = state
          if (current.status !== "pending") break
          // Aborted while this page was in flight: leave it for the next call.
          if (aborted()) return outcome()
          const fetchedAt = yield* Clock.currentTimeMillis
          const isLast = page.nextPage === undefined
          const range = pageRange(current.from, page.data, isLast, bounds)
          const samples = spec
            .samples(page.data)
            .filter((sample) => sample.ts >= range.start && sample.ts < range.end)
          if (range.end > range.start) {
            const written = yield* Effect.either(
              Effect.tryPromise({
                try: () =>
                  deps.storage.metrics(samples, {
                    names: spec.names,
                    replaceWindow: { start: range.start, end: range.end - 1 }
                  }),
                catch: (cause) => new StorageWriteError({ phase, cause })
              }).pipe(Effect.uninterruptible)
            )
            if (written._tag === "Left") {
              yield* log.warn("write batch failed", {
                resource: phase,
                page: pages + 1,
                cursor: current.page,
                error: written.left.message
              })
              return outcome(written.left)
            }
          }
          state = isLast
            ? { status: "done" }
            : { status: "pending", page: page.nextPage ?? null, from: Math.max(current.from, range.end) }
          pages += 1
          items += page.data.length
          rows += samples.length
          yield* log.info("fetched page", {
            resource: phase,
            page: pages,
            items: page.data.length,
            rows: samples.length,
            cursor: current.page,
            next: page.nextPage ?? null,
            duration_ms: fetchedAt - fetchStart
          })
          if (aborted()) return outcome()
          if ((yield* Clock.currentTimeMillis) >= deadline && state.status === "pending") return outcome()
        }
      }
      const finishedAt = yield* Clock.currentTimeMillis
      yield* log.info("resource done", {
        resource: phase,
        pages,
        items,
        rows,
        duration_ms: finishedAt - startedAt
      })
      return outcome()
    })
  )

/**
 * One call of `sync`: resumes from the cursor if it belongs to this config
 * and window, runs the wanted phases concurrently, and returns `done: true`
 * or a cursor at a page boundary (with `transientError` when a retryable
 * error ended a phase). Fails with {@link SyncFailedError} on errors a
 * person must fix.
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
    const outcomes = yield* Effect.forEach(
      phases,
      (phase): Effect.Effect<PhaseOutcome, SyncFailedError, AdminApiClient.AdminApiClient> => {
        const previous = resumed[phase]
        if (previous?.status === "done") {
          return Effect.succeed({ phase, state: previous, transient: undefined })
        }
        const initial = previous ?? { status: "pending" as const, page: null, from: window.start.epochMillis }
        return runPhase(
          phaseSpec(phase, deps.settings, window, limit),
          initial,
          window,
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
