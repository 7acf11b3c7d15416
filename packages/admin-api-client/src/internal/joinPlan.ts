/**
 * Runs a `GroupByPlan` for one window of the legacy usage report and joins
 * its queries' buckets into buckets whose rows carry every planned dimension
 * (see GroupByPlan.ts for why this is exact; the join itself is `planJoin`).
 */
import type * as Effect from "effect/Effect"
import type { AdminApiError } from "../AdminApiError.js"
import type * as GroupByPlan from "../GroupByPlan.js"
import type { UsageBucket, UsageResult } from "../UsageReport.js"
import { countMeasure, type JoinSpec, measureCount, planJoin } from "./planJoin.js"

const usageSpec = (dimensions: ReadonlyArray<keyof UsageResult>): JoinSpec<UsageResult> => ({
  dimensions,
  dimension: (row, d) => row[d as keyof UsageResult],
  label: (row, d, value) => ({ ...row, [d]: value }),
  measures: (row) => [
    countMeasure(row.uncached_input_tokens),
    countMeasure(row.cache_read_input_tokens),
    countMeasure(row.output_tokens),
    countMeasure(row.cache_creation.ephemeral_5m_input_tokens),
    countMeasure(row.cache_creation.ephemeral_1h_input_tokens),
    countMeasure(row.server_tool_use.web_search_requests)
  ],
  withMeasures: (row, m) => ({
    ...row,
    uncached_input_tokens: measureCount(m[0] ?? null),
    cache_read_input_tokens: measureCount(m[1] ?? null),
    output_tokens: measureCount(m[2] ?? null),
    cache_creation: {
      ephemeral_5m_input_tokens: measureCount(m[3] ?? null),
      ephemeral_1h_input_tokens: measureCount(m[4] ?? null)
    },
    server_tool_use: { web_search_requests: measureCount(m[5] ?? null) }
  })
})

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
  planJoin(plan, fetch, usageSpec(options.dimensions), options)
