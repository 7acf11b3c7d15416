/**
 * Maps Messages Usage Report buckets to the five usage metrics: one sample
 * per row per metric, zero values included.
 *
 * @since 0.1.0
 */
import { GroupByPlan, UsageReport } from "@rawdash/anthropic-admin-api"
import * as Either from "effect/Either"
import type { JSONValue, MetricSample } from "./Rawdash.js"
import { NAME_DIMENSIONS, USAGE_DIMENSIONS, type USAGE_METRICS } from "./Resources.js"

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
 * The attribute names of a usage sample, in order: the declared dimensions,
 * then the optional name dimensions.
 */
const ATTRIBUTE_NAMES: ReadonlyArray<string> = [
  ...DIMENSION_NAMES,
  ...NAME_DIMENSIONS.map((field) => field.name)
]

/**
 * A builder of the declared attributes of rows grouped by `grouped`: one
 * object per row with every attribute in one fixed order (so every such
 * object shares one shape), a grouped dimension as the row's string (else
 * `null`), every other one `null` — the names too, which the sync's
 * `enrichNames` fills. Computed once per batch, not once per row.
 */
const attributesFor = (
  grouped: ReadonlyArray<Dimension>
): ((row: UsageReport.UsageResult) => Record<string, JSONValue>) => {
  const read = ATTRIBUTE_NAMES.map((name) => (grouped as ReadonlyArray<string>).includes(name))
  return (row) => {
    const values = row as unknown as Readonly<Record<string, unknown>>
    const out: Record<string, JSONValue> = {}
    for (let i = 0; i < ATTRIBUTE_NAMES.length; i++) {
      const name = ATTRIBUTE_NAMES[i]!
      const value = read[i] ? values[name] : null
      out[name] = typeof value === "string" ? value : null
    }
    return out
  }
}

/**
 * The declared dimensions of a usage row: those in `grouped` as the row has
 * them, every other one `null` (never `undefined`).
 * @since 0.1.0
 */
export const dimensions = (
  row: UsageReport.UsageResult,
  grouped: ReadonlyArray<Dimension> = DEFAULT_DIMENSIONS
): Record<string, JSONValue> => attributesFor(grouped)(row)

/**
 * The cache creation sample's attributes: the row's, plus the 1h and 5m
 * counts it sums.
 */
const withCacheCounts = (
  attributes: Record<string, JSONValue>,
  h1: number,
  m5: number
): Record<string, JSONValue> => {
  const out: Record<string, JSONValue> = {}
  for (const name of ATTRIBUTE_NAMES) out[name] = attributes[name]!
  out.ephemeral_1h_input_tokens = h1
  out.ephemeral_5m_input_tokens = m5
  return out
}

/**
 * Calls `emit` with the five samples of each row of `bucket`, row by row (a
 * row's input, output, cache read, cache creation and web search samples,
 * in that order). The four plain metrics of a row share one attributes
 * object (rawdash's storage copies or serialises attributes, never mutates
 * them); cache creation has its own, with the 1h and 5m counts.
 */
const eachSample = (
  bucket: UsageReport.UsageBucket,
  attributesOf: (row: UsageReport.UsageResult) => Record<string, JSONValue>,
  emit: (sample: MetricSample) => void
): void => {
  const ts = bucket.starting_at.epochMillis
  for (const row of bucket.results) {
    const attributes = attributesOf(row)
    const h1 = row.cache_creation.ephemeral_1h_input_tokens
    const m5 = row.cache_creation.ephemeral_5m_input_tokens
    emit({ name: "anthropic_input_tokens", ts, value: row.uncached_input_tokens, attributes })
    emit({ name: "anthropic_output_tokens", ts, value: row.output_tokens, attributes })
    emit({ name: "anthropic_cache_read_tokens", ts, value: row.cache_read_input_tokens, attributes })
    emit({
      name: "anthropic_cache_creation_tokens",
      ts,
      value: h1 + m5,
      attributes: withCacheCounts(attributes, h1, m5)
    })
    emit({
      name: "anthropic_web_search_requests",
      ts,
      value: row.server_tool_use.web_search_requests,
      attributes
    })
  }
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
  eachSample(bucket, attributesFor(grouped), (sample) => into[sample.name as UsageMetric].push(sample))
  return into
}

/**
 * The samples of several buckets, as one flat array, row by row (each row's
 * five metrics together, see {@link fromBucket}), with the dimensions in
 * `grouped`. Built in one pass into one array: what a sync writes.
 * @since 0.1.0
 */
export const fromBuckets = (
  buckets: Iterable<UsageReport.UsageBucket>,
  grouped: ReadonlyArray<Dimension> = DEFAULT_DIMENSIONS
): Array<MetricSample> => {
  const attributesOf = attributesFor(grouped)
  const out: Array<MetricSample> = []
  const emit = (sample: MetricSample) => void out.push(sample)
  for (const bucket of buckets) eachSample(bucket, attributesOf, emit)
  return out
}
