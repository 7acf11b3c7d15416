/**
 * The Cost Report: `GET /v1/organizations/cost_report`. Cost in the lowest
 * currency unit (cents of USD) per UTC day, optionally grouped by workspace
 * and description. Amounts are exact `BigDecimal`s; {@link toDollars} turns
 * them into dollars without rounding.
 *
 * Priority Tier costs are not in this report (track them in the usage
 * report); code execution appears here only, as `Code Execution Usage`.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as DateTime from "effect/DateTime"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { AdminApiClient, WireRequest } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import { alignRange, type DateInput, checkOrder, formatInstant, toUtc } from "./internal/dates.js"
import { checkLimit, checkPage, checkValues, invalid } from "./internal/params.js"
import { bucketedReport, ReportBucket } from "./internal/report.js"
import { ExactDecimal } from "./internal/decimal.js"
import { nullIfAbsent, openEnum } from "./internal/schema.js"
import { type Page, type PagesOptions, ReportPage, type StreamOptions } from "./Pagination.js"

/** @since 0.1.0 */
export const PATH = "/v1/organizations/cost_report"

/** The endpoint name used in errors and spans. @since 0.1.0 */
export const ENDPOINT = "cost_report"

/** The only bucket width the cost report accepts. @since 0.1.0 */
export const BucketWidth = Schema.Literal("1d")
/** @since 0.1.0 */
export type BucketWidth = typeof BucketWidth.Type

/** Dimensions the cost report can be grouped by (`group_by[]`). @since 0.1.0 */
export const GroupBy = Schema.Literal("workspace_id", "description")
/** @since 0.1.0 */
export type GroupBy = typeof GroupBy.Type

/** Buckets per page: default 7, maximum 31. @since 0.1.0 */
export const LIMITS = { default: 7, max: 31 } as const

/** Known cost types; others decode too. @since 0.1.0 */
export const CostType = openEnum("tokens", "web_search", "code_execution", "session_usage")
/** @since 0.1.0 */
export type CostType = typeof CostType.Type

/** Known token types; others decode too. @since 0.1.0 */
export const TokenType = openEnum(
  "uncached_input_tokens",
  "output_tokens",
  "cache_read_input_tokens",
  "cache_creation.ephemeral_1h_input_tokens",
  "cache_creation.ephemeral_5m_input_tokens"
)
/** @since 0.1.0 */
export type TokenType = typeof TokenType.Type

/** Known service tiers of the cost report; others decode too. @since 0.1.0 */
export const ServiceTier = openEnum("standard", "batch")
/** @since 0.1.0 */
export type ServiceTier = typeof ServiceTier.Type

/** Known context windows; others decode too. @since 0.1.0 */
export const ContextWindow = openEnum("0-200k", "200k-1M")
/** @since 0.1.0 */
export type ContextWindow = typeof ContextWindow.Type

/**
 * One cost row. `amount` is an exact decimal in the lowest currency unit:
 * `"123.45"` is 123.45 cents, i.e. $1.2345 (see {@link toDollars}), decoded
 * with the scale it was sent with (`"1446.3000"` keeps its four decimals). `model`,
 * `token_type`, `service_tier` and `context_window` are filled in only when
 * grouped by `description`; `workspace_id` is `null` for the Default
 * Workspace or when not grouped by it. Only `amount` and `currency` are
 * required: every other key may be absent (e.g. a "Code Execution Usage" row
 * without `service_tier`) and then reads as `null` (reference §10.4).
 * @since 0.1.0
 */
export const CostResult = Schema.Struct({
  amount: ExactDecimal,
  currency: Schema.String,
  workspace_id: nullIfAbsent(Schema.String),
  description: nullIfAbsent(Schema.String),
  cost_type: nullIfAbsent(CostType),
  model: nullIfAbsent(Schema.String),
  token_type: nullIfAbsent(TokenType),
  service_tier: nullIfAbsent(ServiceTier),
  context_window: nullIfAbsent(ContextWindow),
  inference_geo: nullIfAbsent(Schema.String),
  speed: nullIfAbsent(openEnum("standard", "fast"))
})
/** @since 0.1.0 */
export type CostResult = typeof CostResult.Type

/** One daily bucket: `[starting_at, ending_at)` in UTC and its cost rows. @since 0.1.0 */
export const CostBucket = ReportBucket(CostResult)
/** @since 0.1.0 */
export type CostBucket = typeof CostBucket.Type

/** One page of the report, as the API sends it. @since 0.1.0 */
export const CostPage = ReportPage(CostBucket)
/** @since 0.1.0 */
export type CostPage = typeof CostPage.Type

/**
 * A cost row with the edges of the bucket it came from.
 * @since 0.1.0
 */
export type CostRow = CostResult & {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
}

/**
 * Parameters of the cost report. Group by `description` to get `model`,
 * `token_type`, `service_tier` and `context_window` filled in.
 * @since 0.1.0
 */
export interface Params {
  /** `starting_at`: days starting at or after this instant (snapped down to its UTC day). */
  readonly startingAt: DateInput
  /** `ending_at`: exclusive; sent rounded up to a UTC day, so an end inside a day covers it (reference §10.2). Omitted: up to now (tomorrow 00:00 UTC by `Clock`). */
  readonly endingAt?: DateInput | undefined
  /** `bucket_width`: only `1d`. */
  readonly bucketWidth?: BucketWidth | undefined
  /** `limit`: days per page, 1–31 (default 7). */
  readonly limit?: number | undefined
  /** `page`: a cursor from a previous page's `next_page`. */
  readonly page?: string | undefined
  /** `group_by[]`: `workspace_id` and/or `description`. */
  readonly groupBy?: ReadonlyArray<GroupBy> | undefined
}

/**
 * Converts an amount in cents to dollars, exactly (a shift of the decimal
 * point by two places; no rounding, no float).
 * @example
 * ```ts
 * CostReport.toDollars(BigDecimal.unsafeFromString("1446.3000")) // 14.463000
 * ```
 * @since 0.1.0
 */
export const toDollars = (amount: BigDecimal.BigDecimal): BigDecimal.BigDecimal =>
  BigDecimal.make(amount.value, amount.scale + 2)

/**
 * The exact sum of the rows' amounts (cents).
 * @since 0.1.0
 */
export const total = (
  results: Iterable<{ readonly amount: BigDecimal.BigDecimal }>
): BigDecimal.BigDecimal => {
  let sum = BigDecimal.fromBigInt(0n)
  for (const result of results) sum = BigDecimal.sum(sum, result.amount)
  return sum
}

interface Query {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
  readonly limit: number | undefined
  readonly page: string | undefined
  readonly groupBy: ReadonlyArray<string>
}

const validate = (params: Params): Either.Either<Query, InvalidParameterError> =>
  Either.gen(function* () {
    const from = yield* toUtc("startingAt", params.startingAt)
    const given = params.endingAt === undefined ? undefined : yield* toUtc("endingAt", params.endingAt)
    yield* checkOrder("startingAt", from, "endingAt", given)
    const { end, start } = alignRange(from, given, "1d")
    if (params.bucketWidth !== undefined && params.bucketWidth !== "1d") {
      return yield* invalid(
        "bucketWidth",
        "1d (the cost report has daily buckets only)",
        JSON.stringify(params.bucketWidth)
      )
    }
    const limit = yield* checkLimit(params.limit, LIMITS.max, " (days per page)")
    const page = yield* checkPage("page", params.page)
    const groupBy = yield* checkValues("groupBy", params.groupBy, GroupBy.literals)
    return { start, end, limit, page, groupBy }
  })

const toWire = (query: Query): WireRequest => {
  const pairs: Array<readonly [string, string]> = [["starting_at", formatInstant(query.start)]]
  if (query.end !== undefined) pairs.push(["ending_at", formatInstant(query.end)])
  pairs.push(["bucket_width", "1d"])
  if (query.limit !== undefined) pairs.push(["limit", String(query.limit)])
  if (query.page !== undefined) pairs.push(["page", query.page])
  for (const value of query.groupBy) pairs.push(["group_by[]", value])
  return { path: PATH, query: pairs, betas: [] }
}

const report = bucketedReport({
  endpoint: ENDPOINT,
  schema: CostPage,
  validate,
  toWire,
  bucketWidth: () => "1d",
  maxLimit: () => LIMITS.max
})

/**
 * Validates parameters and encodes them for the wire. Fails with
 * {@link InvalidParameterError} naming the field.
 * @since 0.1.0
 */
export const encode: (params: Params) => Either.Either<WireRequest, InvalidParameterError> = report.encode

/**
 * Fetches one page of the report.
 * @since 0.1.0
 */
export const page: (params: Params) => Effect.Effect<CostPage, AdminApiError, AdminApiClient> = report.page

/**
 * Every page of one range, following `next_page`; the first request uses
 * `startPage` (or `params.page`).
 * @since 0.1.0
 */
export const pages: (
  params: Params,
  options?: PagesOptions
) => Stream.Stream<Page<CostBucket>, AdminApiError, AdminApiClient> = report.pages

/**
 * Every daily bucket of the range, in time order, each exactly once; long
 * ranges are split into windows of at most `limit` (default 31) days.
 * @since 0.1.0
 */
export const buckets: (
  params: Params,
  options?: StreamOptions
) => Stream.Stream<CostBucket, AdminApiError, AdminApiClient> = report.buckets

/**
 * Every cost row, in time order, each carrying its bucket's edges.
 * @since 0.1.0
 */
export const rows: (
  params: Params,
  options?: StreamOptions
) => Stream.Stream<CostRow, AdminApiError, AdminApiClient> = report.rows
