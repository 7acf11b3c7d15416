/**
 * Runs a `GroupByPlan` for one window and joins its queries' rows into rows
 * that carry every planned dimension (see GroupByPlan.ts for why this is
 * exact). Generic over the row shape: the legacy usage report's bucket
 * results and the analytics API's flat rows both go through here, each with
 * a {@link JoinSpec} saying how to read a row's dimensions and measures.
 */
import { BigDecimal, DateTime, Effect, Schedule } from "effect"
import { type AdminApiError, PaginationContractError } from "../AdminApiError.js"
import type * as GroupByPlan from "../GroupByPlan.js"

/** Rows of one time bucket. */
export interface Bucketed<R> {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly results: ReadonlyArray<R>
}

/** A row's measures: tokens, requests, cents…; `null` where the row has none (e.g. `requests` of a fan-out cost row). */
export type Measures = ReadonlyArray<BigDecimal.BigDecimal | null>

/** How the join reads and writes one kind of row. */
export interface JoinSpec<R> {
  /** Every dimension a row can carry (those not planned are `null`). */
  readonly dimensions: ReadonlyArray<string>
  readonly dimension: (row: R, dimension: string) => unknown
  /** The row with `dimension` set to the branch value (or `null` for the remainder's excess). */
  readonly label: (row: R, dimension: string, value: string | null) => R
  readonly measures: (row: R) => Measures
  readonly withMeasures: (row: R, measures: Measures) => R
}

/** A filtered query counted more than its remainder: the data moved between requests. */
class PlanMismatch {
  readonly _tag = "PlanMismatch"
  constructor(readonly detail: string) {}
}

const ZERO = BigDecimal.fromBigInt(0n)

const add = (a: Measures, b: Measures): Measures =>
  a.map((x, i) => {
    const y = b[i] ?? null
    return x === null ? y : y === null ? x : BigDecimal.sum(x, y)
  })

const subtract = (total: Measures, taken: Measures | undefined): Measures =>
  total.map((t, i) => {
    const x = taken?.[i] ?? null
    return t === null ? null : x === null ? t : BigDecimal.subtract(t, x)
  })

const anyNegative = (m: Measures) => m.some((x) => x !== null && BigDecimal.isNegative(x))
const anyPositive = (m: Measures) => m.some((x) => x !== null && BigDecimal.isPositive(x))

interface Joined<R> {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly rows: Array<R>
}

const byStart = <R>(buckets: ReadonlyArray<Bucketed<R>>, into: Map<number, Joined<R>>) => {
  for (const bucket of buckets) {
    const at = bucket.starting_at.epochMillis
    let joined = into.get(at)
    if (joined === undefined) {
      joined = { starting_at: bucket.starting_at, ending_at: bucket.ending_at, rows: [] }
      into.set(at, joined)
    }
    joined.rows.push(...bucket.results)
  }
}

/**
 * The remainder's excess over the branches, per bucket and per combination
 * of the other dimensions, labelled `dimension: null`; fails with a mismatch
 * when a branch counted more than the remainder. Rows of one key are summed
 * first (a query may return several rows for one combination).
 */
const residual = <R>(
  spec: JoinSpec<R>,
  branches: Map<number, Joined<R>>,
  remainder: ReadonlyArray<Bucketed<R>>,
  dimension: string,
  others: ReadonlyArray<string>
): Effect.Effect<Map<number, Joined<R>>, PlanMismatch> => {
  const keyOf = (row: R) => JSON.stringify(others.map((d) => spec.dimension(row, d)))
  const out = new Map<number, Joined<R>>()
  const rest = new Map<number, Joined<R>>()
  byStart(remainder, rest)
  for (const at of new Set([...branches.keys(), ...rest.keys()])) {
    const bucket = rest.get(at) ?? branches.get(at)
    if (bucket === undefined) continue
    const sums = new Map<string, Measures>()
    for (const row of branches.get(at)?.rows ?? []) {
      const key = keyOf(row)
      const sum = sums.get(key)
      sums.set(key, sum === undefined ? spec.measures(row) : add(sum, spec.measures(row)))
    }
    const totals = new Map<string, { row: R; measures: Measures }>()
    for (const row of rest.get(at)?.rows ?? []) {
      const key = keyOf(row)
      const seen = totals.get(key)
      totals.set(key, {
        row: seen?.row ?? row,
        measures: seen === undefined ? spec.measures(row) : add(seen.measures, spec.measures(row))
      })
    }
    const rows: Array<R> = []
    const when = DateTime.formatIso(bucket.starting_at)
    for (const [key, total] of totals) {
      const left = subtract(total.measures, sums.get(key))
      sums.delete(key)
      if (anyNegative(left)) {
        return Effect.fail(
          new PlanMismatch(
            `the ${dimension} queries count more than the unfiltered query for ${key} in the bucket at ${when}`
          )
        )
      }
      if (anyPositive(left)) rows.push(spec.withMeasures(spec.label(total.row, dimension, null), left))
    }
    for (const [key, taken] of sums) {
      if (anyPositive(taken)) {
        return Effect.fail(
          new PlanMismatch(
            `the ${dimension} queries have a row ${key} the unfiltered query lacks in the bucket at ${when}`
          )
        )
      }
    }
    out.set(at, { starting_at: bucket.starting_at, ending_at: bucket.ending_at, rows })
  }
  return Effect.succeed(out)
}

const run = <R, Env>(
  plan: GroupByPlan.Plan,
  fetch: (query: GroupByPlan.Query) => Effect.Effect<ReadonlyArray<Bucketed<R>>, AdminApiError, Env>,
  spec: JoinSpec<R>,
  concurrency: number
): Effect.Effect<ReadonlyArray<Bucketed<R>>, AdminApiError | PlanMismatch, Env> => {
  if (plan._tag === "Single") return fetch(plan.query)
  const dimension = plan.dimension
  return Effect.gen(function* () {
    const parts = yield* Effect.forEach(
      plan.branches,
      (branch) =>
        Effect.map(run(branch.plan, fetch, spec, concurrency), (buckets) =>
          buckets.map((bucket) => ({
            ...bucket,
            results: bucket.results.map((row) => spec.label(row, dimension, branch.value))
          }))
        ),
      { concurrency }
    )
    const joined = new Map<number, Joined<R>>()
    for (const part of parts) byStart(part, joined)
    if (plan.remainder !== undefined) {
      // Sent after the filtered queries: usage that arrives in between lands here.
      const remainder = yield* run(plan.remainder, fetch, spec, concurrency)
      const others = spec.dimensions.filter((d) => d !== dimension)
      const extra = yield* residual(spec, joined, remainder, dimension, others)
      for (const [at, bucket] of extra) {
        const into = joined.get(at)
        if (into === undefined) joined.set(at, bucket)
        else into.rows.push(...bucket.rows)
      }
    }
    return [...joined.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, b]) => ({ starting_at: b.starting_at, ending_at: b.ending_at, results: b.rows }))
  })
}

/** How many times a window whose queries disagree is fetched again before failing. */
const MISMATCH_RETRIES = 2

/**
 * The buckets of one window under `plan`: each query's buckets come from
 * `fetch` (all pages of one window); rows carry every dimension of the plan.
 * Queries that keep disagreeing (data revised between requests) end in a
 * `PaginationContractError` rather than wrong numbers.
 */
export const planJoin = <R, Env>(
  plan: GroupByPlan.Plan,
  fetch: (query: GroupByPlan.Query) => Effect.Effect<ReadonlyArray<Bucketed<R>>, AdminApiError, Env>,
  spec: JoinSpec<R>,
  options: { readonly endpoint: string; readonly concurrency: number }
): Effect.Effect<ReadonlyArray<Bucketed<R>>, AdminApiError, Env> =>
  run(plan, fetch, spec, options.concurrency).pipe(
    Effect.retry({
      schedule: Schedule.recurs(MISMATCH_RETRIES),
      while: (error) => error instanceof PlanMismatch
    }),
    Effect.catchIf(
      (error): error is PlanMismatch => error instanceof PlanMismatch,
      (mismatch) =>
        Effect.fail(
          new PaginationContractError({
            endpoint: options.endpoint,
            reason: `group-by plan: ${mismatch.detail} (data changed between requests ${MISMATCH_RETRIES + 1} times)`
          })
        )
    )
  )

/** A non-negative integer count as a measure. */
export const countMeasure = (n: number): BigDecimal.BigDecimal => BigDecimal.fromBigInt(BigInt(n))

/** A measure back into an integer count (measures of counts stay integral). */
export const measureCount = (m: BigDecimal.BigDecimal | null): number =>
  m === null ? 0 : BigDecimal.unsafeToNumber(m)

/** `0` as a measure. */
export const ZERO_MEASURE = ZERO
