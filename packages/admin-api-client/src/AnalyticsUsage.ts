/**
 * Analytics usage: `GET /v1/organizations/analytics/usage` (beta; analytics
 * reference §2). Token and request counts per combination of up to five of
 * the 20 {@link Analytics.Dimension}s that **has usage** (no empty rows),
 * optionally per `1d`/`1h`/`1m` bucket. Four levels, as the legacy reports:
 * {@link page} (one request), {@link pages} (follows `next_page`),
 * {@link buckets} (any range, split into windows of at most 31 days — 24 h
 * for `1m` —, fetched concurrently, in time order, each window restarted
 * from its first page on a 410) and {@link rows}.
 *
 * Every request carries `anthropic-beta: analytics-usage-cost-2026-08-24`
 * (merged with the client's and the call's betas), and every parameter is
 * validated before anything is sent (`InvalidParameterError` naming the
 * field): the span rules (start not before 2026-01-01 and within 365 days;
 * one request ≤ 31 days, ≤ 24 h for `1m`), ≤ 5 `group_by[]` per request,
 * `excludeDeletedUsers` only with `actor`, no `claude_tag_user_id` with
 * `rbac_group_id`.
 *
 * @example
 * ```ts
 * // tokens per API key and model, per day of March 2026
 * AnalyticsUsage.rows({
 *   startingAt: "2026-03-01", endingAt: "2026-04-01", timeBucketWidth: "1d",
 *   groupBy: ["api_key_id", "model"]
 * })
 * ```
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Stream from "effect/Stream"
import type { AdminApiClient, WireRequest } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import * as Analytics from "./Analytics.js"
import type * as GroupByPlan from "./GroupByPlan.js"
import * as engine from "./internal/analytics.js"
import { countMeasure, measureCount } from "./internal/planJoin.js"
import { Count, nullIfAbsent } from "./internal/schema.js"
import type { PagesOptions, StreamOptions } from "./Pagination.js"
import * as UsageReport from "./UsageReport.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/analytics/usage"

/** The endpoint name used in errors and spans. @since 0.3.0 */
export const ENDPOINT = "analytics/usage"

/** `group_by[]`: the 20 {@link Analytics.Dimension}s. @since 0.3.0 */
export const GroupBy = Analytics.Dimension
/** @since 0.3.0 */
export type GroupBy = Analytics.Dimension

/**
 * `order_by`: `total_tokens` (the API's default), `uncached_input_tokens`,
 * `output_tokens`, `requests`, or `time` (buckets newest first unless
 * `order: "asc"`, then `total_tokens` descending within a bucket).
 * @since 0.3.0
 */
export const OrderBy = Schema.Literal(
  "total_tokens",
  "uncached_input_tokens",
  "output_tokens",
  "requests",
  "time"
)
/** @since 0.3.0 */
export type OrderBy = typeof OrderBy.Type

/**
 * A row's `group`: all 20 dimensions, `null` unless grouped (see
 * {@link Analytics.groupFields} for when a grouped key is still `null`).
 * @since 0.3.0
 */
export const UsageGroup = Schema.Struct(Analytics.groupFields)
/** @since 0.3.0 */
export type UsageGroup = typeof UsageGroup.Type

/**
 * A row's counts, in tokens: `uncached_input_tokens`, `output_tokens`,
 * `cache_read_input_tokens`, `cache_creation` (5-minute and 1-hour cache
 * writes), `server_tool_use.web_search_requests` (searches), `requests`
 * (messages requests; for code-execution rows, execution spans; `null` or
 * absent reads as `null`) and `total_tokens` (every token type, the sort key
 * of `order_by=total_tokens`). `cache_creation`/`server_tool_use` absent or
 * `null` read as zeros.
 * @since 0.3.0
 */
export const Usage = Schema.Struct({
  uncached_input_tokens: Count,
  output_tokens: Count,
  cache_read_input_tokens: Count,
  // read as leniently as the legacy report's (absent or null: zeros)
  cache_creation: UsageReport.UsageResult.fields.cache_creation,
  server_tool_use: UsageReport.UsageResult.fields.server_tool_use,
  requests: nullIfAbsent(Count),
  total_tokens: Count
})
/** @since 0.3.0 */
export type Usage = typeof Usage.Type

/**
 * One row (`BetaAnalyticsUsageItem`): `[starting_at, ending_at)` in UTC (the
 * bucket, or the whole range rounded to the hour without a bucket width),
 * the `group` and the `usage`. A missing row means zero, or data not yet
 * exported (compare with `data_refreshed_at`).
 * @since 0.3.0
 */
export const UsageRow = Schema.Struct({
  starting_at: Schema.DateTimeUtc,
  ending_at: Schema.DateTimeUtc,
  group: UsageGroup,
  usage: Usage
})
/** @since 0.3.0 */
export type UsageRow = typeof UsageRow.Type

/** One page as the API sends it, `data_refreshed_at` included. @since 0.3.0 */
export const UsagePage = Analytics.ReportPage(UsageRow)
/** @since 0.3.0 */
export type UsagePage = typeof UsagePage.Type

/**
 * Parameters: the shared {@link Analytics.CommonParams}, `groupBy` (at most
 * five per request; `buckets`/`rows` take more through a `GroupByPlan` where
 * exact) and `orderBy`.
 * @since 0.3.0
 */
export interface Params extends Analytics.CommonParams {
  /** `group_by[]`. */
  readonly groupBy?: ReadonlyArray<GroupBy> | undefined
  /** `order_by` (default `total_tokens`). */
  readonly orderBy?: OrderBy | undefined
}

const counts = (u: Usage) => [
  u.uncached_input_tokens,
  u.output_tokens,
  u.cache_read_input_tokens,
  u.cache_creation.ephemeral_5m_input_tokens,
  u.cache_creation.ephemeral_1h_input_tokens,
  u.server_tool_use.web_search_requests,
  u.total_tokens
]

const report = engine.make({
  endpoint: ENDPOINT,
  path: PATH,
  schema: UsagePage,
  groupBy: GroupBy.literals,
  uncounted: [],
  orderBy: OrderBy.literals,
  module: "AnalyticsUsage",
  join: {
    dimension: (row, d) => (row.group as Record<string, unknown>)[d],
    label: (row, d, value) => ({ ...row, group: { ...row.group, [d]: value } }),
    measures: (row) => [
      ...counts(row.usage).map(countMeasure),
      row.usage.requests === null ? null : countMeasure(row.usage.requests)
    ],
    withMeasures: (row, m) => ({
      ...row,
      usage: {
        uncached_input_tokens: measureCount(m[0] ?? null),
        output_tokens: measureCount(m[1] ?? null),
        cache_read_input_tokens: measureCount(m[2] ?? null),
        cache_creation: {
          ephemeral_5m_input_tokens: measureCount(m[3] ?? null),
          ephemeral_1h_input_tokens: measureCount(m[4] ?? null)
        },
        server_tool_use: { web_search_requests: measureCount(m[5] ?? null) },
        total_tokens: measureCount(m[6] ?? null),
        requests: m[7] === null || m[7] === undefined ? null : measureCount(m[7])
      }
    })
  }
})

/**
 * Validates parameters and encodes one request as the API expects: RFC 3339
 * instants, arrays repeated in bracket form (`group_by[]=a&group_by[]=b`),
 * the empty `api_key_ids[]=` for a `null` key, and the beta header in
 * `betas`. Fails with `InvalidParameterError` naming the field (the 365-day
 * rule needs the clock and is checked by {@link page}/{@link pages}).
 * @since 0.3.0
 */
export const encode: (params: Params) => Either.Either<WireRequest, InvalidParameterError> = report.encode

/**
 * One page (validation first: nothing is sent if a parameter is invalid).
 * @since 0.3.0
 */
export const page: (params: Params) => Effect.Effect<UsagePage, AdminApiError, AdminApiClient> = report.page

/**
 * Every page of one request's range, following `next_page`, each with its
 * `dataRefreshedAt`; the first request uses `startPage` (or `params.page`).
 * Each page is retried on its own; a 410 (expired cursor) fails the stream
 * with `CursorExpiredError` (restart from the first page; {@link buckets}
 * does that itself).
 * @since 0.3.0
 */
export const pages: (
  params: Params,
  options?: PagesOptions
) => Stream.Stream<Analytics.AnalyticsPage<UsageRow>, AdminApiError, AdminApiClient> = report.pages

/**
 * The plan {@link buckets}/{@link rows} follow: one request per window for
 * at most five dimensions, else a fan-out over `context_window`, `speed`,
 * `inference_geo`, `actor_type` or `service_tier` (see {@link GroupByPlan}
 * and {@link Analytics.FAN_OUT}). Refused (`InvalidParameterError` on
 * `groupBy`) beyond five when grouping by `actor` or `rbac_group_id`, whose
 * rows can repeat or overlap, or when too few dimensions can fan out.
 * @since 0.3.0
 */
export const plan: (params: Params) => Either.Either<GroupByPlan.Plan, InvalidParameterError> = report.plan

/**
 * Every bucket of the range, in time order, each exactly once: the range is
 * split into windows of at most 31 days (24 h for `1m`), fetched
 * `concurrency` at a time with `limit` 1000 unless given; a window whose
 * cursor expires (410) is fetched again from its first page before anything
 * of it is emitted. Without `endingAt` the range ends now (`Clock`). Without
 * `timeBucketWidth` each window is one bucket.
 * @since 0.3.0
 */
export const buckets: (
  params: Params,
  options?: StreamOptions
) => Stream.Stream<Analytics.Bucket<UsageRow>, AdminApiError, AdminApiClient> = report.buckets

/**
 * Every row of every bucket, in time order (within a bucket, the API's
 * `orderBy`/`order`).
 * @since 0.3.0
 */
export const rows: (
  params: Params,
  options?: StreamOptions
) => Stream.Stream<UsageRow, AdminApiError, AdminApiClient> = report.rows
