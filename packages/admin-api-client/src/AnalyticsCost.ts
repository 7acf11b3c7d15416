/**
 * Analytics cost: `GET /v1/organizations/analytics/cost` (beta; analytics
 * reference §3). Cost in USD cents per combination of up to five of the 20
 * {@link Analytics.Dimension}s — plus `cost_type` and `token_type`, which do
 * not count toward the five and fan out into one row per component — that
 * has usage, optionally per `1d`/`1h`/`1m` bucket. Unlike the legacy
 * `CostReport`, it breaks cost down by API key and by actor (user).
 *
 * Money is exact: `amount` (after discounts, before credits) and
 * `list_amount` (list price) are decimal strings of **cents** decoded into
 * `BigDecimal`s with the digits sent (`"41280.000000"` is $412.80);
 * {@link toDollars} and {@link total} never round. Same four levels, span
 * rules, beta header and validation as {@link AnalyticsUsage}.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Stream from "effect/Stream"
import type { AdminApiClient, WireRequest } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import * as Analytics from "./Analytics.js"
import * as CostReport from "./CostReport.js"
import type * as GroupByPlan from "./GroupByPlan.js"
import * as engine from "./internal/analytics.js"
import { ExactDecimal } from "./internal/decimal.js"
import { countMeasure, measureCount, measureDecimal } from "./internal/planJoin.js"
import { Count, nullIfAbsent } from "./internal/schema.js"
import type { PagesOptions, StreamOptions } from "./Pagination.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/analytics/cost"

/** The endpoint name used in errors and spans. @since 0.3.0 */
export const ENDPOINT = "analytics/cost"

/**
 * `group_by[]`: the 20 {@link Analytics.Dimension}s plus `cost_type` and
 * `token_type` (22; the last two do not count toward the five).
 * @since 0.3.0
 */
export const GroupBy = Schema.Literal(...Analytics.Dimension.literals, "cost_type", "token_type")
/** @since 0.3.0 */
export type GroupBy = typeof GroupBy.Type

/** `order_by`: `amount` (the API's default), `list_amount` or `time`. @since 0.3.0 */
export const OrderBy = Schema.Literal("amount", "list_amount", "time")
/** @since 0.3.0 */
export type OrderBy = typeof OrderBy.Type

/**
 * Known cost components (`GroupedCostType`): `tokens`, `web_search`,
 * `code_execution`, `session_usage` (Managed Agents session time); others
 * decode too. The legacy report's enum.
 * @since 0.3.0
 */
export const CostType = CostReport.CostType
/** @since 0.3.0 */
export type CostType = CostReport.CostType

/** Known token types; others decode too. The legacy report's enum. @since 0.3.0 */
export const TokenType = CostReport.TokenType
/** @since 0.3.0 */
export type TokenType = CostReport.TokenType

/**
 * A row's `group`: the 20 dimensions plus `cost_type` (`null` is the
 * combined total when not grouped by it) and `token_type` (set only on
 * `tokens` rows).
 * @since 0.3.0
 */
export const CostGroup = Schema.Struct({
  ...Analytics.groupFields,
  cost_type: nullIfAbsent(CostType),
  token_type: nullIfAbsent(TokenType)
})
/** @since 0.3.0 */
export type CostGroup = typeof CostGroup.Type

/**
 * A row's cost: `amount` (post-discount, pre-credit) and `list_amount` (list
 * price), both exact `BigDecimal`s of **cents** with the digits the API sent;
 * `currency` (`"USD"`); `requests` (`null` on `cost_type`/`token_type`
 * fan-out rows). `list_amount` absent reads as `null`.
 * @since 0.3.0
 */
export const Cost = Schema.Struct({
  amount: ExactDecimal,
  list_amount: nullIfAbsent(ExactDecimal),
  currency: Schema.String,
  requests: nullIfAbsent(Count)
})
/** @since 0.3.0 */
export type Cost = typeof Cost.Type

/**
 * One row: `[starting_at, ending_at)` in UTC, the `group`, the `cost`.
 * @since 0.3.0
 */
export const CostRow = Schema.Struct({
  starting_at: Schema.DateTimeUtc,
  ending_at: Schema.DateTimeUtc,
  group: CostGroup,
  cost: Cost
})
/** @since 0.3.0 */
export type CostRow = typeof CostRow.Type

/** One page as the API sends it, `data_refreshed_at` included. @since 0.3.0 */
export const CostPage = Analytics.ReportPage(CostRow)
/** @since 0.3.0 */
export type CostPage = typeof CostPage.Type

/**
 * Parameters: the shared {@link Analytics.CommonParams}, `groupBy` and
 * `orderBy`.
 * @since 0.3.0
 */
export interface Params extends Analytics.CommonParams {
  /** `group_by[]`; `cost_type` and `token_type` do not count toward the five. */
  readonly groupBy?: ReadonlyArray<GroupBy> | undefined
  /** `order_by` (default `amount`). */
  readonly orderBy?: OrderBy | undefined
}

/**
 * Cents to dollars, exactly (the decimal point moved two places).
 * @since 0.3.0
 */
export const toDollars: (cents: BigDecimal.BigDecimal) => BigDecimal.BigDecimal = CostReport.toDollars

/**
 * The exact sum of the rows' `amount`s, in cents. Sum the rows of one
 * grouping: with `cost_type`/`token_type` both present, a `tokens` row and
 * its token-type rows are not counted twice by the API, but rows of two
 * different requests may overlap.
 * @since 0.3.0
 */
export const total = (rows: Iterable<{ readonly cost: { readonly amount: BigDecimal.BigDecimal } }>) => {
  let sum = BigDecimal.fromBigInt(0n)
  for (const row of rows) sum = BigDecimal.sum(sum, row.cost.amount)
  return sum
}

const report = engine.make({
  endpoint: ENDPOINT,
  path: PATH,
  schema: CostPage,
  groupBy: GroupBy.literals,
  uncounted: ["cost_type", "token_type"],
  orderBy: OrderBy.literals,
  module: "AnalyticsCost",
  join: {
    dimension: (row, d) => (row.group as Record<string, unknown>)[d],
    label: (row, d, value) => ({ ...row, group: { ...row.group, [d]: value } }),
    measures: (row) => [
      row.cost.amount,
      row.cost.list_amount,
      row.cost.requests === null ? null : countMeasure(row.cost.requests)
    ],
    withMeasures: (row, m) => ({
      ...row,
      cost: {
        ...row.cost,
        amount: m[0] === null || m[0] === undefined ? BigDecimal.fromBigInt(0n) : measureDecimal(m[0]),
        list_amount: m[1] === null || m[1] === undefined ? null : measureDecimal(m[1]),
        requests: m[2] === null || m[2] === undefined ? null : measureCount(m[2])
      }
    })
  }
})

/**
 * Validates parameters and encodes one request for the wire (see
 * `AnalyticsUsage.encode`).
 * @since 0.3.0
 */
export const encode: (params: Params) => Either.Either<WireRequest, InvalidParameterError> = report.encode

/**
 * One page (validation first).
 * @since 0.3.0
 */
export const page: (params: Params) => Effect.Effect<CostPage, AdminApiError, AdminApiClient> = report.page

/**
 * Every page of one request's range, following `next_page`, each with its
 * `dataRefreshedAt`. Fan-out rows do not count toward `limit`, so a page may
 * hold more rows than `limit`.
 * @since 0.3.0
 */
export const pages: (
  params: Params,
  options?: PagesOptions
) => Stream.Stream<Analytics.AnalyticsPage<CostRow>, AdminApiError, AdminApiClient> = report.pages

/**
 * The plan {@link buckets}/{@link rows} follow (see `AnalyticsUsage.plan`);
 * `cost_type`/`token_type` ride along in every query. The join subtracts
 * exact decimals, so amounts stay exact.
 * @since 0.3.0
 */
export const plan: (params: Params) => Either.Either<GroupByPlan.Plan, InvalidParameterError> = report.plan

/**
 * Every bucket of the range, in time order, each exactly once (windows of
 * at most 31 days, 24 h for `1m`; a 410 restarts the window).
 * @since 0.3.0
 */
export const buckets: (
  params: Params,
  options?: StreamOptions
) => Stream.Stream<Analytics.Bucket<CostRow>, AdminApiError, AdminApiClient> = report.buckets

/**
 * Every row of every bucket, in time order.
 * @since 0.3.0
 */
export const rows: (
  params: Params,
  options?: StreamOptions
) => Stream.Stream<CostRow, AdminApiError, AdminApiClient> = report.rows
