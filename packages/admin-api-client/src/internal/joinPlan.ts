/**
 * Runs a `GroupByPlan` for one window and joins its queries' buckets into
 * buckets whose rows carry every planned dimension (see GroupByPlan.ts for
 * why this is exact).
 */
import { DateTime, Effect, Schedule } from "effect"
import { type AdminApiError, PaginationContractError } from "../AdminApiError.js"
import type * as GroupByPlan from "../GroupByPlan.js"
import type { UsageBucket, UsageResult } from "../UsageReport.js"

/** A filtered query counted more than its remainder: the data moved between requests. */
class PlanMismatch {
  readonly _tag = "PlanMismatch"
  constructor(readonly detail: string) {}
}

type Counts = [number, number, number, number, number, number]

const countsOf = (row: UsageResult): Counts => [
  row.uncached_input_tokens,
  row.cache_read_input_tokens,
  row.output_tokens,
  row.cache_creation.ephemeral_5m_input_tokens,
  row.cache_creation.ephemeral_1h_input_tokens,
  row.server_tool_use.web_search_requests
]

const withCounts = (row: UsageResult, c: Counts): UsageResult => ({
  ...row,
  uncached_input_tokens: c[0],
  cache_read_input_tokens: c[1],
  output_tokens: c[2],
  cache_creation: { ephemeral_5m_input_tokens: c[3], ephemeral_1h_input_tokens: c[4] },
  server_tool_use: { web_search_requests: c[5] }
})

const keyOf = (row: UsageResult, dimensions: ReadonlyArray<keyof UsageResult>) =>
  JSON.stringify(dimensions.map((d) => row[d]))

interface Joined {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly rows: Array<UsageResult>
}

const byStart = (buckets: ReadonlyArray<UsageBucket>, into: Map<number, Joined>) => {
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
 * The remainder's excess over the branches, per bucket and per row of the
 * other dimensions, labelled `dimension: null`; fails with a mismatch when a
 * branch counted more than the remainder.
 */
const residual = (
  branches: Map<number, Joined>,
  remainder: ReadonlyArray<UsageBucket>,
  dimension: keyof UsageResult,
  others: ReadonlyArray<keyof UsageResult>
): Effect.Effect<Map<number, Joined>, PlanMismatch> => {
  const out = new Map<number, Joined>()
  const rest = new Map<number, Joined>()
  byStart(remainder, rest)
  const starts = new Set([...branches.keys(), ...rest.keys()])
  for (const at of starts) {
    const sums = new Map<string, Counts>()
    for (const row of branches.get(at)?.rows ?? []) {
      const key = keyOf(row, others)
      const c = countsOf(row)
      const sum = sums.get(key)
      if (sum === undefined) sums.set(key, c)
      else for (let i = 0; i < 6; i++) sum[i] = (sum[i] ?? 0) + (c[i] ?? 0)
    }
    const bucket = rest.get(at) ?? branches.get(at)
    if (bucket === undefined) continue
    const rows: Array<UsageResult> = []
    for (const row of rest.get(at)?.rows ?? []) {
      const key = keyOf(row, others)
      const total = countsOf(row)
      const taken = sums.get(key)
      sums.delete(key)
      const left = total.map((t, i) => t - (taken?.[i] ?? 0)) as Counts
      if (left.some((x) => x < 0)) {
        return Effect.fail(
          new PlanMismatch(
            `the ${dimension} queries count more than the unfiltered query for ${key} in the bucket at ${DateTime.formatIso(bucket.starting_at)}`
          )
        )
      }
      if (left.some((x) => x > 0)) rows.push(withCounts({ ...row, [dimension]: null }, left))
    }
    for (const [key, taken] of sums) {
      if (taken.some((x) => x > 0)) {
        return Effect.fail(
          new PlanMismatch(
            `the ${dimension} queries have a row ${key} the unfiltered query lacks in the bucket at ${DateTime.formatIso(bucket.starting_at)}`
          )
        )
      }
    }
    out.set(at, { starting_at: bucket.starting_at, ending_at: bucket.ending_at, rows })
  }
  return Effect.succeed(out)
}

const run = <R>(
  plan: GroupByPlan.Plan,
  fetch: (query: GroupByPlan.Query) => Effect.Effect<ReadonlyArray<UsageBucket>, AdminApiError, R>,
  dimensions: ReadonlyArray<keyof UsageResult>,
  concurrency: number
): Effect.Effect<ReadonlyArray<UsageBucket>, AdminApiError | PlanMismatch, R> => {
  if (plan._tag === "Single") return fetch(plan.query)
  const dimension = plan.dimension as keyof UsageResult
  return Effect.gen(function* () {
    const parts = yield* Effect.forEach(
      plan.branches,
      (branch) =>
        Effect.map(run(branch.plan, fetch, dimensions, concurrency), (buckets) =>
          buckets.map((bucket) => ({
            ...bucket,
            results: bucket.results.map((row) => ({ ...row, [dimension]: branch.value }))
          }))
        ),
      { concurrency }
    )
    const joined = new Map<number, Joined>()
    for (const part of parts) byStart(part, joined)
    if (plan.remainder !== undefined) {
      // Sent after the filtered queries: usage that arrives in between lands here.
      const remainder = yield* run(plan.remainder, fetch, dimensions, concurrency)
      const extra = yield* residual(
        joined,
        remainder,
        dimension,
        dimensions.filter((d) => d !== dimension)
      )
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
 */
export const joinPlan = <R>(
  plan: GroupByPlan.Plan,
  fetch: (query: GroupByPlan.Query) => Effect.Effect<ReadonlyArray<UsageBucket>, AdminApiError, R>,
  options: {
    readonly endpoint: string
    readonly dimensions: ReadonlyArray<keyof UsageResult>
    readonly concurrency: number
  }
): Effect.Effect<ReadonlyArray<UsageBucket>, AdminApiError, R> =>
  run(plan, fetch, options.dimensions, options.concurrency).pipe(
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
