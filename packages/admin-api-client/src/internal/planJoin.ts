/**
 * Runs a `GroupByPlan` for one window and joins its queries' rows into rows
 * that carry every planned dimension (see GroupByPlan.ts for why this is
 * exact). Generic over the row shape: the legacy usage report's bucket
 * results and the analytics API's flat rows both go through here, each with
 * a {@link JoinSpec} saying how to read a row's dimensions and measures.
 */
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { type AdminApiError, PaginationContractError } from "../AdminApiError.js"
import type * as GroupByPlan from "../GroupByPlan.js"

/** Rows of one time bucket. */
export interface Bucketed<R> {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly results: ReadonlyArray<R>
}

/**
 * One measure: a count as a JS number (a safe integer: tokens, requests) or
 * an exact decimal (cents). Sums of counts stay numbers while they are safe
 * integers and become exact decimals past 2^53, so the join is exact either
 * way without a `BigInt` per count.
 */
export type Measure = number | BigDecimal.BigDecimal

/** A row's measures: tokens, requests, cents…; `null` where the row has none (e.g. `requests` of a fan-out cost row). */
export type Measures = ReadonlyArray<Measure | null>

/** How the join reads and writes one kind of row. */
export interface JoinSpec<R> {
  /** Every dimension a row can carry (those not planned are `null`). */
  readonly dimensions: ReadonlyArray<string>
  readonly dimension: (row: R, dimension: string) => unknown
  /** The row with `dimension` set to the branch value (or `null` for the remainder's excess). */
  readonly label: (row: R, dimension: string, value: string | null) => R
  /** A fresh array per call (the join sums into it). */
  readonly measures: (row: R) => Measures
  readonly withMeasures: (row: R, measures: Measures) => R
}

/** A filtered query counted more than its remainder: the data moved between requests. */
class PlanMismatch {
  readonly _tag = "PlanMismatch"
  constructor(readonly detail: string) {}
}

const ZERO = BigDecimal.fromBigInt(0n)

const decimal = (m: Measure): BigDecimal.BigDecimal =>
  typeof m === "number" ? BigDecimal.fromBigInt(BigInt(m)) : m

const sum = (x: Measure, y: Measure): Measure => {
  if (typeof x === "number" && typeof y === "number") {
    const total = x + y
    if (Number.isSafeInteger(total)) return total
  }
  return BigDecimal.sum(decimal(x), decimal(y))
}

const difference = (x: Measure, y: Measure): Measure => {
  if (typeof x === "number" && typeof y === "number") {
    const left = x - y
    if (Number.isSafeInteger(left)) return left
  }
  return BigDecimal.subtract(decimal(x), decimal(y))
}

const sign = (m: Measure): number => (typeof m === "number" ? Math.sign(m) : BigDecimal.sign(m))

/** Adds `b` into `a`, measure by measure. */
const addInto = (a: Array<Measure | null>, b: Measures): void => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i] ?? null
    a[i] = x === null ? y : y === null ? x : sum(x, y)
  }
}

/** Takes `taken` from `total`, measure by measure, in place; returns `total`. */
const subtractFrom = (total: Array<Measure | null>, taken: Measures | undefined): Measures => {
  if (taken === undefined) return total
  for (let i = 0; i < total.length; i++) {
    const t = total[i]!
    const x = taken[i] ?? null
    total[i] = t === null ? null : x === null ? t : difference(t, x)
  }
  return total
}

const anyNegative = (m: Measures) => m.some((x) => x !== null && sign(x) < 0)
const anyPositive = (m: Measures) => m.some((x) => x !== null && sign(x) > 0)

/**
 * Join keys of rows by their values of `dimensions`: each distinct value is
 * numbered once (strings by themselves, anything else by its JSON), and a key
 * is the numbers joined by commas. Injective, short (a few characters per
 * dimension instead of the values themselves), and cheaper than
 * `JSON.stringify` of an array per row.
 */
const keyer = <R>(spec: JoinSpec<R>, dimensions: ReadonlyArray<string>): ((row: R) => string) => {
  // strings and other values (by their JSON) numbered apart, from one counter
  const strings = new Map<string, number>()
  const others = new Map<string, number>()
  let next = 1
  const numberOf = (value: unknown): number => {
    if (value === null || value === undefined) return 0
    const isString = typeof value === "string"
    const numbers = isString ? strings : others
    const text = isString ? value : JSON.stringify(value)
    let n = numbers.get(text)
    if (n === undefined) {
      n = next++
      numbers.set(text, n)
    }
    return n
  }
  return (row) => {
    let key = ""
    for (let i = 0; i < dimensions.length; i++) {
      key +=
        i === 0
          ? `${numberOf(spec.dimension(row, dimensions[i]!))}`
          : `,${numberOf(spec.dimension(row, dimensions[i]!))}`
    }
    return key
  }
}

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
/** A key's first row and the sum of its rows' measures (an array the join owns and sums into). */
interface Sum<R> {
  readonly row: R
  readonly measures: Array<Measure | null>
}

const residual = <R>(
  spec: JoinSpec<R>,
  branches: Map<number, Joined<R>>,
  remainder: ReadonlyArray<Bucketed<R>>,
  dimension: string,
  others: ReadonlyArray<string>
): Effect.Effect<Map<number, Joined<R>>, PlanMismatch> => {
  const keyOf = keyer(spec, others)
  const sumInto = (into: Map<string, Sum<R>>, key: string, row: R) => {
    const seen = into.get(key)
    // `measures` builds a fresh array per call: the first row's is summed into
    if (seen === undefined) into.set(key, { row, measures: spec.measures(row) as Array<Measure | null> })
    else addInto(seen.measures, spec.measures(row))
  }
  // the key as the messages show it
  const shown = (row: R) => JSON.stringify(others.map((d) => spec.dimension(row, d)))
  const out = new Map<number, Joined<R>>()
  const rest = new Map<number, Joined<R>>()
  byStart(remainder, rest)
  for (const at of new Set([...branches.keys(), ...rest.keys()])) {
    const bucket = rest.get(at) ?? branches.get(at)
    if (bucket === undefined) continue
    const sums = new Map<string, Sum<R>>()
    for (const row of branches.get(at)?.rows ?? []) sumInto(sums, keyOf(row), row)
    const totals = new Map<string, Sum<R>>()
    for (const row of rest.get(at)?.rows ?? []) sumInto(totals, keyOf(row), row)
    const rows: Array<R> = []
    const when = DateTime.formatIso(bucket.starting_at)
    for (const [key, total] of totals) {
      const left = subtractFrom(total.measures, sums.get(key)?.measures)
      sums.delete(key)
      if (anyNegative(left)) {
        return Effect.fail(
          new PlanMismatch(
            `the ${dimension} queries count more than the unfiltered query for ${shown(total.row)} in the bucket at ${when}`
          )
        )
      }
      if (anyPositive(left)) rows.push(spec.withMeasures(spec.label(total.row, dimension, null), left))
    }
    for (const taken of sums.values()) {
      if (anyPositive(taken.measures)) {
        return Effect.fail(
          new PlanMismatch(
            `the ${dimension} queries have a row ${shown(taken.row)} the unfiltered query lacks in the bucket at ${when}`
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
  // The filtered queries, then the remainder, issued in that order without waiting for answers (one
  // round of latency, not two); at most `concurrency` at once, each started after those before it.
  const queries: ReadonlyArray<{ readonly value: string | undefined; readonly plan: GroupByPlan.Plan }> = [
    ...plan.branches,
    ...(plan.remainder === undefined ? [] : [{ value: undefined, plan: plan.remainder }])
  ]
  return Effect.gen(function* () {
    const parts = yield* Effect.forEach(
      queries,
      ({ plan: query, value }) =>
        value === undefined
          ? run(query, fetch, spec, concurrency)
          : Effect.map(run(query, fetch, spec, concurrency), (buckets) =>
              buckets.map((bucket) => ({
                ...bucket,
                results: bucket.results.map((row) => spec.label(row, dimension, value))
              }))
            ),
      { concurrency }
    )
    const joined = new Map<number, Joined<R>>()
    for (const part of parts.slice(0, plan.branches.length)) byStart(part, joined)
    if (plan.remainder !== undefined) {
      const remainder = parts[plan.branches.length]!
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

/** A non-negative integer count as a measure (itself). */
export const countMeasure = (n: number): Measure => n

/** A measure back into an integer count (measures of counts stay integral). */
export const measureCount = (m: Measure | null): number =>
  m === null ? 0 : typeof m === "number" ? m : BigDecimal.unsafeToNumber(m)

/** A measure as an exact decimal (cents stay decimals; counts are converted). */
export const measureDecimal = (m: Measure): BigDecimal.BigDecimal => decimal(m)

/** `0` as a measure. */
export const ZERO_MEASURE = ZERO
