/**
 * Maps Messages Usage Report buckets to the five usage metrics: one sample
 * per row per metric, zero values included.
 *
 * @since 0.1.0
 */
import { GroupByPlan, type UsageReport } from "@rawdash/anthropic-admin-api"
import { stringAttributes } from "./internal/attributes.js"
import type { JSONValue, MetricSample } from "./Rawdash.js"
import { USAGE_DIMENSIONS, USAGE_METRICS } from "./Resources.js"

/** A usage metric name. @since 0.1.0 */
export type UsageMetric = (typeof USAGE_METRICS)[number]

/** Samples per usage metric name. @since 0.1.0 */
export type UsageSamples = Record<UsageMetric, Array<MetricSample>>

/**
 * The dimensions the usage report is grouped by, which are exactly the
 * declared dimensions of the usage metrics. Six are more than the five
 * `group_by[]` values the live API accepts in one request (reference §10.1),
 * so the sync reads them through `UsageReport.buckets`, which serves them
 * with the client's {@link PLAN}.
 * @since 0.1.0
 */
export const GROUP_BY = USAGE_DIMENSIONS.map((field) => field.name) as ReadonlyArray<UsageReport.GroupBy>

/**
 * How the client serves {@link GROUP_BY} under the cap: it fans out over
 * `context_window` (one request filtered to each known band, grouped by the
 * other five dimensions) plus one unfiltered request, whose excess is usage
 * with no (or an unknown) context window, labelled `null`. Every row carries
 * all six dimensions with exactly the counts one six-dimension query would
 * return. A `workspaceIds` filter does not change the plan.
 * @since 0.2.0
 */
export const PLAN: GroupByPlan.Plan = GroupByPlan.make(GROUP_BY)

/**
 * Usage report requests per window of up to 31 days (one page of daily
 * buckets): the requests of {@link PLAN}, 3.
 * @since 0.2.0
 */
export const REQUESTS_PER_WINDOW: number = GroupByPlan.requests(PLAN)

/** An empty sample set. @since 0.1.0 */
export const empty = (): UsageSamples => ({
  anthropic_input_tokens: [],
  anthropic_output_tokens: [],
  anthropic_cache_read_tokens: [],
  anthropic_cache_creation_tokens: [],
  anthropic_web_search_requests: []
})

/**
 * The declared dimensions of a usage row; absent ones are `null`, never `undefined`.
 * @since 0.1.0
 */
export const dimensions = (row: UsageReport.UsageResult): Record<string, JSONValue> =>
  stringAttributes(row, USAGE_DIMENSIONS)

/**
 * Appends the samples of one bucket to `into`. `ts` is the bucket's start;
 * input is `uncached_input_tokens`; cache creation is the 1h plus 5m counts,
 * with both as attributes; web-search rows are written even when zero.
 * @since 0.1.0
 */
export const fromBucket = (bucket: UsageReport.UsageBucket, into: UsageSamples = empty()): UsageSamples => {
  const ts = bucket.starting_at.epochMillis
  for (const row of bucket.results) {
    const attributes = dimensions(row)
    const sample = (name: UsageMetric, value: number, extra?: Record<string, JSONValue>): MetricSample => ({
      name,
      ts,
      value,
      attributes: extra === undefined ? attributes : { ...attributes, ...extra }
    })
    into.anthropic_input_tokens.push(sample("anthropic_input_tokens", row.uncached_input_tokens))
    into.anthropic_output_tokens.push(sample("anthropic_output_tokens", row.output_tokens))
    into.anthropic_cache_read_tokens.push(sample("anthropic_cache_read_tokens", row.cache_read_input_tokens))
    const h1 = row.cache_creation.ephemeral_1h_input_tokens
    const m5 = row.cache_creation.ephemeral_5m_input_tokens
    into.anthropic_cache_creation_tokens.push(
      sample("anthropic_cache_creation_tokens", h1 + m5, {
        ephemeral_1h_input_tokens: h1,
        ephemeral_5m_input_tokens: m5
      })
    )
    into.anthropic_web_search_requests.push(
      sample("anthropic_web_search_requests", row.server_tool_use.web_search_requests)
    )
  }
  return into
}

/**
 * The samples of several buckets, as one flat array (metric by metric).
 * @since 0.1.0
 */
export const fromBuckets = (buckets: Iterable<UsageReport.UsageBucket>): Array<MetricSample> => {
  const into = empty()
  for (const bucket of buckets) fromBucket(bucket, into)
  return USAGE_METRICS.flatMap((name) => into[name])
}
