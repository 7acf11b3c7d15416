/**
 * The `source: "analytics"` mapping: buckets of the Usage and Cost Analytics
 * API (`AnalyticsUsage`, `AnalyticsCost`) as the same six metrics, names,
 * units and attributes the legacy reports give. Each analytics bucket is
 * rewritten into the legacy bucket shape and mapped by {@link UsageSamples}
 * and {@link CostSamples}, so both sources share one mapping.
 *
 * The documented differences:
 *
 * - **Default Workspace.** The legacy reports spell it `workspace_id: null`;
 *   the analytics API gives a Console organisation's Default Workspace a
 *   tagged id (`wrkspc_…`). Rows of the config's `defaultWorkspaceId` are
 *   written with `workspace_id: null`, so samples match the legacy source;
 *   without it they carry the tagged id.
 * - **Missing rows mean zero.** The analytics API returns only combinations
 *   with usage; a day or group without a row writes no sample (the legacy
 *   report's zero rows are not synthesised), and the day's window is still
 *   replaced, so a stored value that dropped to zero disappears.
 * - **Cost attributes.** The analytics cost has no line-item `description`:
 *   `description` is `null`; `cost_type` and `token_type` come from grouping
 *   by them (the same values the legacy report derives from the
 *   description); `model`, `service_tier` and `context_window` are grouped
 *   dimensions. Cost is also grouped by `api_key_id` (declared on the cost
 *   metric, `null` on the legacy source), so one legacy sample may be split
 *   into one per API key; the sums per day and the other attributes agree
 *   (within a micro-dollar: the API rounds each row).
 * - **Inference geo.** The analytics API leaves an unset `inference_geo`
 *   `null`; it is written as the legacy report's `not_available` (usage; a
 *   dimension not grouped by stays `null` as on the legacy source).
 * - **Usage dimensions.** `account_id` and `service_account_id` (legacy
 *   opt-in dimensions) have no analytics `group_by[]` counterpart and are
 *   `null` on this source.
 *
 * @since 0.3.0
 */
import type { AnalyticsCost, AnalyticsUsage, CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import type { Analytics } from "@rawdash/anthropic-admin-api"
import * as CostSamples from "./CostSamples.js"
import type { MetricSample } from "./Rawdash.js"
import * as UsageSamples from "./UsageSamples.js"

/**
 * Whether the analytics API can group by a declared usage dimension: all
 * but `account_id` and `service_account_id`.
 * @since 0.3.0
 */
export const isGroupable = (
  name: UsageSamples.Dimension
): name is UsageSamples.Dimension & AnalyticsUsage.GroupBy =>
  name !== "account_id" && name !== "service_account_id"

/**
 * The analytics `group_by[]` of the usage phase for the config's dimensions.
 * @since 0.3.0
 */
export const usageGroupBy = (
  dimensions: ReadonlyArray<UsageSamples.Dimension>
): ReadonlyArray<UsageSamples.Dimension & AnalyticsUsage.GroupBy> => dimensions.filter(isGroupable)

/**
 * The analytics `group_by[]` of the cost phase: five dimensions plus
 * `cost_type` and `token_type` (which do not count toward the five).
 * @since 0.3.0
 */
export const COST_GROUP_BY: ReadonlyArray<AnalyticsCost.GroupBy> = [
  "workspace_id",
  "api_key_id",
  "model",
  "service_tier",
  "context_window",
  "cost_type",
  "token_type"
]

/**
 * How analytics rows map: the Default Workspace's tagged id, written as the
 * legacy `null`.
 * @since 0.3.0
 */
export interface Options {
  readonly defaultWorkspaceId?: string | undefined
}

const workspace = (id: string | null, options: Options): string | null =>
  id !== null && id === options.defaultWorkspaceId ? null : id

/**
 * An analytics usage bucket in the legacy report's shape.
 * @since 0.3.0
 */
export const toUsageBucket = (
  bucket: Analytics.Bucket<AnalyticsUsage.UsageRow>,
  options: Options = {}
): UsageReport.UsageBucket => ({
  starting_at: bucket.starting_at,
  ending_at: bucket.ending_at,
  results: bucket.rows.map(({ group, usage }) => ({
    uncached_input_tokens: usage.uncached_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    output_tokens: usage.output_tokens,
    cache_creation: usage.cache_creation,
    server_tool_use: usage.server_tool_use,
    api_key_id: group.api_key_id,
    workspace_id: workspace(group.workspace_id, options),
    model: group.model,
    service_tier: group.service_tier,
    context_window: group.context_window,
    // the analytics API leaves an unset geo null where the legacy report says not_available
    inference_geo: group.inference_geo ?? "not_available",
    account_id: null,
    service_account_id: null,
    speed: group.speed
  }))
})

/**
 * An analytics cost bucket in the legacy report's shape (`description`
 * `null`), with each row's `api_key_id` alongside.
 * @since 0.3.0
 */
export const toCostBucket = (
  bucket: Analytics.Bucket<AnalyticsCost.CostRow>,
  options: Options = {}
): CostReport.CostBucket & { readonly apiKeyIds: ReadonlyArray<string | null> } => ({
  starting_at: bucket.starting_at,
  ending_at: bucket.ending_at,
  results: bucket.rows.map(({ cost, group }) => ({
    amount: cost.amount,
    currency: cost.currency,
    workspace_id: workspace(group.workspace_id, options),
    description: null,
    cost_type: group.cost_type,
    model: group.model,
    token_type: group.token_type,
    service_tier: group.service_tier,
    context_window: group.context_window,
    inference_geo: group.inference_geo,
    speed: group.speed
  })),
  apiKeyIds: bucket.rows.map((row) => row.group.api_key_id)
})

/**
 * Usage samples of analytics buckets, grouped as `dimensions` (those the
 * analytics API cannot group by are `null`).
 * @since 0.3.0
 */
export const usageFromBuckets = (
  buckets: Iterable<Analytics.Bucket<AnalyticsUsage.UsageRow>>,
  dimensions: ReadonlyArray<UsageSamples.Dimension>,
  options: Options = {}
): Array<MetricSample> =>
  UsageSamples.fromBuckets(
    Array.from(buckets, (bucket) => toUsageBucket(bucket, options)),
    usageGroupBy(dimensions)
  )

/**
 * Cost samples of analytics buckets: the legacy mapping plus `api_key_id`.
 * Rows of workspaces outside `workspaceIds` (when given) are dropped.
 * @since 0.3.0
 */
export const costFromBuckets = (
  buckets: Iterable<Analytics.Bucket<AnalyticsCost.CostRow>>,
  options: Options & CostSamples.Options = {}
): Array<MetricSample> => {
  const out: Array<MetricSample> = []
  for (const bucket of buckets) {
    const legacy = toCostBucket(bucket, options)
    const keep = options.workspaceIds === undefined ? undefined : new Set(options.workspaceIds)
    legacy.results.forEach((row, at) => {
      const [sample] = CostSamples.fromBuckets([{ ...legacy, results: [row] }])
      if (sample === undefined) return
      if (keep !== undefined && (row.workspace_id === null || !keep.has(row.workspace_id))) return
      out.push({ ...sample, attributes: { ...sample.attributes, api_key_id: legacy.apiKeyIds[at] ?? null } })
    })
  }
  return out
}
