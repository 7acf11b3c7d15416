/**
 * Maps usage report buckets to the five usage metrics.
 *
 * @since 0.1.0
 */
import type { UsageReport } from "@rawdash/anthropic-admin-api"
import type { JSONValue, MetricSample } from "./Rawdash.js"
import { USAGE_DIMENSIONS, type USAGE_METRICS } from "./Resources.js"

/** Samples of one bucket, per usage metric name. @since 0.1.0 */
export type UsageSamples = Record<(typeof USAGE_METRICS)[number], Array<MetricSample>>

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
export const dimensions = (row: UsageReport.UsageResult): Record<string, JSONValue> => {
  const out: Record<string, JSONValue> = {}
  for (const { name } of USAGE_DIMENSIONS) {
    const value = (row as unknown as Record<string, unknown>)[name]
    out[name] = typeof value === "string" ? value : null
  }
  return out
}

/**
 * Appends the samples of one bucket to `into` (one sample per row per metric;
 * zero values are written too).
 * @since 0.1.0
 */
export const fromBucket = (bucket: UsageReport.UsageBucket, into: UsageSamples = empty()): UsageSamples => {
  const ts = bucket.starting_at.epochMillis
  for (const row of bucket.results) {
    const attributes = dimensions(row)
    const sample = (name: string, value: number, extra: Record<string, JSONValue> = {}): MetricSample => ({
      name,
      ts,
      value,
      attributes: { ...attributes, ...extra }
    })
    into.anthropic_input_tokens.push(sample("anthropic_input_tokens", row.uncached_input_tokens))
    into.anthropic_output_tokens.push(sample("anthropic_output_tokens", row.output_tokens))
    into.anthropic_cache_read_tokens.push(sample("anthropic_cache_read_tokens", row.cache_read_input_tokens))
    const { ephemeral_1h_input_tokens: h1, ephemeral_5m_input_tokens: m5 } = row.cache_creation
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
