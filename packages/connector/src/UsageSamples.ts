/**
 * Maps Messages Usage Report buckets to the five usage metrics: one sample
 * per row per metric, zero values included.
 *
 * @since 0.1.0
 */
import { GroupByPlan, UsageReport } from "@rawdash/anthropic-admin-api"
import { Either } from "effect"
import { stringAttributes } from "./internal/attributes.js"
import type { JSONValue, MetricSample } from "./Rawdash.js"
import { NAME_DIMENSIONS, USAGE_DIMENSIONS, USAGE_METRICS } from "./Resources.js"

/** A usage metric name. @since 0.1.0 */
export type UsageMetric = (typeof USAGE_METRICS)[number]

/** Samples per usage metric name. @since 0.1.0 */
export type UsageSamples = Record<UsageMetric, Array<MetricSample>>

/**
 * A declared usage dimension: one of the report's `group_by[]` values.
 * @since 0.2.0
 */
export type Dimension = Extract<
  UsageReport.GroupBy,
  | "model"
  | "workspace_id"
  | "api_key_id"
  | "service_tier"
  | "context_window"
  | "inference_geo"
  | "account_id"
  | "service_account_id"
>

/**
 * The declared dimensions of the usage metrics, in declared order.
 * @since 0.2.0
 */
export const DIMENSION_NAMES = USAGE_DIMENSIONS.map((field) => field.name) as unknown as readonly [
  Dimension,
  ...Array<Dimension>
]

/**
 * The dimensions the usage report is grouped by unless the config's
 * `dimensions` says otherwise: the declared ones except `account_id` and
 * `service_account_id`, which are opt-in (they cost requests, see
 * {@link requestsPerWindow}) and `null` unless chosen. Six are more than the
 * five `group_by[]` values the live API accepts in one request (reference
 * §10.1), so the sync reads them through `UsageReport.buckets`, which serves
 * them with the client's {@link PLAN}.
 * @since 0.2.0
 */
export const DEFAULT_DIMENSIONS: ReadonlyArray<Dimension> = DIMENSION_NAMES.filter(
  (name) => name !== "account_id" && name !== "service_account_id"
)

/**
 * The default grouping, {@link DEFAULT_DIMENSIONS}.
 * @since 0.1.0
 */
export const GROUP_BY: ReadonlyArray<Dimension> = DEFAULT_DIMENSIONS

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
 * buckets) when grouped by `dimensions` (and filtered to `workspaceIds`,
 * which changes nothing): the requests of the client's plan for them.
 * @since 0.2.0
 */
export const requestsPerWindow = (
  dimensions: ReadonlyArray<Dimension>,
  workspaceIds?: ReadonlyArray<string> | undefined
): number =>
  UsageReport.plan({
    startingAt: "2026-01-01T00:00:00Z",
    groupBy: dimensions,
    workspaceIds
  }).pipe(Either.map(GroupByPlan.requests), Either.getOrThrow)

/**
 * Usage report requests per window of up to 31 days with the default
 * grouping: the requests of {@link PLAN}, 3.
 * @since 0.2.0
 */
export const REQUESTS_PER_WINDOW: number = requestsPerWindow(DEFAULT_DIMENSIONS)

/**
 * The groupings whose cost the docs state: the default six, six plus one
 * opt-in, all eight, and five.
 * @since 0.2.0
 */
export const COST_EXAMPLES: ReadonlyArray<{
  readonly label: string
  readonly dimensions: ReadonlyArray<Dimension>
}> = [
  { label: "the default six", dimensions: DEFAULT_DIMENSIONS },
  { label: "six plus account_id", dimensions: [...DEFAULT_DIMENSIONS, "account_id"] },
  { label: "all eight", dimensions: DIMENSION_NAMES },
  {
    label: "five",
    dimensions: ["model", "workspace_id", "api_key_id", "account_id", "service_account_id"]
  }
]

/** An empty sample set. @since 0.1.0 */
export const empty = (): UsageSamples => ({
  anthropic_input_tokens: [],
  anthropic_output_tokens: [],
  anthropic_cache_read_tokens: [],
  anthropic_cache_creation_tokens: [],
  anthropic_web_search_requests: []
})

/**
 * The declared dimensions of a usage row: those in `grouped` as the row has
 * them, every other one `null` (never `undefined`).
 * @since 0.1.0
 */
export const dimensions = (
  row: UsageReport.UsageResult,
  grouped: ReadonlyArray<Dimension> = DEFAULT_DIMENSIONS
): Record<string, JSONValue> => {
  const attributes = stringAttributes(row, USAGE_DIMENSIONS)
  for (const name of DIMENSION_NAMES) if (!grouped.includes(name)) attributes[name] = null
  // the optional name dimensions: null unless the sync's enrichNames fills them
  for (const { name } of NAME_DIMENSIONS) attributes[name] = null
  return attributes
}

/**
 * Appends the samples of one bucket to `into`, with the dimensions in
 * `grouped` (default {@link DEFAULT_DIMENSIONS}). `ts` is the bucket's start;
 * input is `uncached_input_tokens`; cache creation is the 1h plus 5m counts,
 * with both as attributes; web-search rows are written even when zero.
 * @since 0.1.0
 */
export const fromBucket = (
  bucket: UsageReport.UsageBucket,
  into: UsageSamples = empty(),
  grouped: ReadonlyArray<Dimension> = DEFAULT_DIMENSIONS
): UsageSamples => {
  const ts = bucket.starting_at.epochMillis
  for (const row of bucket.results) {
    const attributes = dimensions(row, grouped)
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
 * The samples of several buckets, as one flat array (metric by metric), with
 * the dimensions in `grouped`.
 * @since 0.1.0
 */
export const fromBuckets = (
  buckets: Iterable<UsageReport.UsageBucket>,
  grouped: ReadonlyArray<Dimension> = DEFAULT_DIMENSIONS
): Array<MetricSample> => {
  const into = empty()
  for (const bucket of buckets) fromBucket(bucket, into, grouped)
  return USAGE_METRICS.flatMap((name) => into[name])
}
