/**
 * Maps Messages Usage Report buckets to the five usage metrics: one sample
 * per row per metric, zero values included.
 *
 * @since 0.1.0
 */
import type { UsageReport } from "@rawdash/anthropic-admin-api"
import { stringAttributes } from "./internal/attributes.js"
import type { JSONValue, MetricSample } from "./Rawdash.js"
import { USAGE_DIMENSIONS, USAGE_METRICS } from "./Resources.js"

/** A usage metric name. @since 0.1.0 */
export type UsageMetric = (typeof USAGE_METRICS)[number]

/** Samples per usage metric name. @since 0.1.0 */
export type UsageSamples = Record<UsageMetric, Array<MetricSample>>

/**
 * The dimensions the usage report is grouped by (`group_by[]`), which are
 * exactly the declared dimensions of the usage metrics.
 * @since 0.1.0
 */
export const GROUP_BY = USAGE_DIMENSIONS.map((field) => field.name) as ReadonlyArray<UsageReport.GroupBy>

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
