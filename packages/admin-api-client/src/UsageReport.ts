/**
 * The Messages Usage Report: `GET /v1/organizations/usage_report/messages`.
 * Token usage for the organization in time buckets, optionally grouped and
 * filtered. Four levels: {@link page} (one request), {@link pages} (follows
 * `next_page`), {@link buckets} (any range, split into windows, fetched
 * concurrently, in time order) and {@link rows} (the buckets' rows, each
 * carrying its bucket's edges).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as DateTime from "effect/DateTime"
import type { AdminApiClient, WireRequest } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import { alignRange, type DateInput, checkOrder, formatInstant, toUtc } from "./internal/dates.js"
import { checkConcurrency, checkLimit, checkPage, checkValues, invalid } from "./internal/params.js"
import { joinPlan } from "./internal/joinPlan.js"
import { bucketedReport, closeEnd, ReportBucket } from "./internal/report.js"
import { collectWindow, type OpenWindow, windowedCollect } from "./internal/windows.js"
import * as GroupByPlan from "./GroupByPlan.js"
import { Count, LenientCount, nullIfAbsent, openEnum } from "./internal/schema.js"
import {
  DEFAULT_CONCURRENCY,
  type Page,
  type PagesOptions,
  ReportPage,
  type StreamOptions
} from "./Pagination.js"

/** @since 0.1.0 */
export const PATH = "/v1/organizations/usage_report/messages"

/** The endpoint name used in errors and spans. @since 0.1.0 */
export const ENDPOINT = "usage_report/messages"

/** Bucket widths the report accepts. @since 0.1.0 */
export const BucketWidth = Schema.Literal("1m", "1h", "1d")
/** @since 0.1.0 */
export type BucketWidth = typeof BucketWidth.Type

/** Dimensions the report can be grouped by (`group_by[]`). @since 0.1.0 */
export const GroupBy = Schema.Literal(
  "api_key_id",
  "workspace_id",
  "model",
  "service_tier",
  "context_window",
  "inference_geo",
  "speed",
  "account_id",
  "service_account_id"
)
/** @since 0.1.0 */
export type GroupBy = typeof GroupBy.Type

/** Known service tiers; others decode too. @since 0.1.0 */
export const ServiceTier = openEnum(
  "standard",
  "batch",
  "priority",
  "priority_on_demand",
  "flex",
  "flex_discount"
)
/** @since 0.1.0 */
export type ServiceTier = typeof ServiceTier.Type
/** Known context windows; others decode too. @since 0.1.0 */
export const ContextWindow = openEnum("0-200k", "200k-1M")
/** @since 0.1.0 */
export type ContextWindow = typeof ContextWindow.Type
/** Known inference geos; others decode too. @since 0.1.0 */
export const InferenceGeo = openEnum("global", "us", "not_available")
/** @since 0.1.0 */
export type InferenceGeo = typeof InferenceGeo.Type
/** Known speeds; others decode too. @since 0.1.0 */
export const Speed = openEnum("standard", "fast")
/** @since 0.1.0 */
export type Speed = typeof Speed.Type

/**
 * The most `group_by[]` dimensions one request may carry (the live API's
 * limit, reference §10.1). `page`, `pages` and `encode` refuse more;
 * `buckets` and `rows` serve any number through a {@link GroupByPlan}.
 * @since 0.2.0
 */
export const MAX_GROUP_BY = GroupByPlan.MAX_DIMENSIONS

/** Per-page bucket limits by bucket width: default and maximum. @since 0.1.0 */
export const LIMITS: Readonly<Record<BucketWidth, { readonly default: number; readonly max: number }>> = {
  "1d": { default: 7, max: 31 },
  "1h": { default: 24, max: 168 },
  "1m": { default: 60, max: 1440 }
}

/**
 * One row of a bucket: token counts, plus the dimensions it was grouped by
 * (a dimension is `null` unless grouped; `api_key_id` is also `null` for
 * Console usage and `workspace_id` for the Default Workspace). Only the token
 * counts are required: every dimension key may be absent and then reads as
 * `null` (reference §10.4); enums are open. Counts are tokens (web searches:
 * requests).
 * @since 0.1.0
 */
export const UsageResult = Schema.Struct({
  uncached_input_tokens: Count,
  cache_read_input_tokens: Count,
  output_tokens: Count,
  cache_creation: Schema.optionalWith(
    Schema.Struct({ ephemeral_5m_input_tokens: LenientCount, ephemeral_1h_input_tokens: LenientCount }),
    { nullable: true, default: () => ({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 }) }
  ),
  server_tool_use: Schema.optionalWith(Schema.Struct({ web_search_requests: LenientCount }), {
    nullable: true,
    default: () => ({ web_search_requests: 0 })
  }),
  api_key_id: nullIfAbsent(Schema.String),
  workspace_id: nullIfAbsent(Schema.String),
  model: nullIfAbsent(Schema.String),
  service_tier: nullIfAbsent(ServiceTier),
  context_window: nullIfAbsent(ContextWindow),
  inference_geo: nullIfAbsent(InferenceGeo),
  account_id: nullIfAbsent(Schema.String),
  service_account_id: nullIfAbsent(Schema.String),
  speed: nullIfAbsent(Speed)
})
/** @since 0.1.0 */
export type UsageResult = typeof UsageResult.Type

/** One time bucket: `[starting_at, ending_at)` in UTC and its rows. @since 0.1.0 */
export const UsageBucket = ReportBucket(UsageResult)
/** @since 0.1.0 */
export type UsageBucket = typeof UsageBucket.Type

/** One page of the report, as the API sends it. @since 0.1.0 */
export const UsagePage = ReportPage(UsageBucket)
/** @since 0.1.0 */
export type UsagePage = typeof UsagePage.Type

/**
 * A row with the edges of the bucket it came from.
 * @since 0.1.0
 */
export type UsageRow = UsageResult & {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
}

/**
 * Parameters of the report. Filters do not imply grouping: group by a
 * dimension to see it in the rows. Using `speed` (grouping or filter) adds
 * the `anthropic-beta: fast-mode-2026-02-01` header.
 * @since 0.1.0
 */
export interface Params {
  /** `starting_at`: buckets starting at or after this instant (snapped down to its bucket). */
  readonly startingAt: DateInput
  /**
   * `ending_at`: the range ends here, exclusive; sent rounded up to a bucket
   * edge, so every bucket overlapping the range is returned (reference §10.2).
   * Omitted: up to now, sent as the end of the current bucket (`Clock`);
   * `encode` leaves it absent.
   */
  readonly endingAt?: DateInput | undefined
  /** `bucket_width`: `1m`, `1h` or `1d` (default `1d`). */
  readonly bucketWidth?: BucketWidth | undefined
  /** `limit`: buckets per page, 1–31 (1d), 1–168 (1h), 1–1440 (1m). */
  readonly limit?: number | undefined
  /** `page`: a cursor from a previous page's `next_page`. */
  readonly page?: string | undefined
  /** `group_by[]`. */
  readonly groupBy?: ReadonlyArray<GroupBy> | undefined
  /** `api_key_ids[]` filter (`apikey_…`). */
  readonly apiKeyIds?: ReadonlyArray<string> | undefined
  /** `workspace_ids[]` filter (`wrkspc_…`). */
  readonly workspaceIds?: ReadonlyArray<string> | undefined
  /** `models[]` filter. */
  readonly models?: ReadonlyArray<string> | undefined
  /** `service_tiers[]` filter. */
  readonly serviceTiers?: ReadonlyArray<ServiceTier> | undefined
  /** `context_window[]` filter (singular on the wire). */
  readonly contextWindows?: ReadonlyArray<ContextWindow> | undefined
  /** `inference_geos[]` filter. */
  readonly inferenceGeos?: ReadonlyArray<InferenceGeo> | undefined
  /** `speeds[]` filter (adds the fast-mode beta header). */
  readonly speeds?: ReadonlyArray<Speed> | undefined
  /** `account_ids[]` filter (OAuth users). */
  readonly accountIds?: ReadonlyArray<string> | undefined
  /** `service_account_ids[]` filter (`svac_…`). */
  readonly serviceAccountIds?: ReadonlyArray<string> | undefined
}

/** The beta flag the `speed` dimension and filter need. @since 0.1.0 */
export const FAST_MODE_BETA = "fast-mode-2026-02-01"

const ARRAY_PARAMS = [
  ["groupBy", "group_by[]"],
  ["apiKeyIds", "api_key_ids[]"],
  ["workspaceIds", "workspace_ids[]"],
  ["models", "models[]"],
  ["serviceTiers", "service_tiers[]"],
  ["contextWindows", "context_window[]"],
  ["inferenceGeos", "inference_geos[]"],
  ["speeds", "speeds[]"],
  ["accountIds", "account_ids[]"],
  ["serviceAccountIds", "service_account_ids[]"]
] as const

interface Query {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
  readonly width: BucketWidth
  readonly limit: number | undefined
  readonly page: string | undefined
  readonly arrays: ReadonlyArray<readonly [string, ReadonlyArray<string>]>
  readonly betas: ReadonlyArray<string>
}

const validateAny = (params: Params): Either.Either<Query, InvalidParameterError> =>
  Either.gen(function* () {
    const from = yield* toUtc("startingAt", params.startingAt)
    const given = params.endingAt === undefined ? undefined : yield* toUtc("endingAt", params.endingAt)
    yield* checkOrder("startingAt", from, "endingAt", given)
    const width = params.bucketWidth ?? "1d"
    if (!Schema.is(BucketWidth)(width)) {
      return yield* invalid("bucketWidth", "1m, 1h or 1d", JSON.stringify(width))
    }
    const { end, start } = alignRange(from, given, width)
    const limit = yield* checkLimit(params.limit, LIMITS[width].max, ` for bucketWidth ${width}`)
    const page = yield* checkPage("page", params.page)
    const arrays: Array<readonly [string, ReadonlyArray<string>]> = []
    for (const [key, wire] of ARRAY_PARAMS) {
      const allowed = key === "groupBy" ? GroupBy.literals : undefined
      arrays.push([wire, yield* checkValues(key, params[key], allowed)])
    }
    const usesSpeed = (params.groupBy ?? []).includes("speed") || (params.speeds ?? []).length > 0
    return { start, end, width, limit, page, arrays, betas: usesSpeed ? [FAST_MODE_BETA] : [] }
  })

/** One request's parameters: at most {@link MAX_GROUP_BY} dimensions (reference §10.1). */
const validate = (params: Params): Either.Either<Query, InvalidParameterError> =>
  Either.flatMap(validateAny(params), (query) => {
    const groupBy = query.arrays.find(([wire]) => wire === "group_by[]")?.[1] ?? []
    return groupBy.length <= MAX_GROUP_BY
      ? Either.right(query)
      : invalid(
          "groupBy",
          `at most ${MAX_GROUP_BY} dimensions in one request (the live API refuses more, reference §10.1); UsageReport.buckets and UsageReport.rows take more, through a GroupByPlan`,
          `${groupBy.length} dimensions: ${groupBy.join(", ")}`
        )
  })

const toWire = (query: Query): WireRequest => {
  const pairs: Array<readonly [string, string]> = [["starting_at", formatInstant(query.start)]]
  if (query.end !== undefined) pairs.push(["ending_at", formatInstant(query.end)])
  pairs.push(["bucket_width", query.width])
  if (query.limit !== undefined) pairs.push(["limit", String(query.limit)])
  if (query.page !== undefined) pairs.push(["page", query.page])
  for (const [wire, values] of query.arrays) for (const value of values) pairs.push([wire, value])
  return { path: PATH, query: pairs, betas: query.betas }
}

const report = bucketedReport({
  endpoint: ENDPOINT,
  schema: UsagePage,
  validate,
  toWire,
  bucketWidth: (query) => query.width,
  maxLimit: (query) => LIMITS[query.width].max
})

/**
 * Validates parameters and encodes them as the API expects: RFC 3339
 * instants, arrays repeated in bracket form (`group_by[]=a&group_by[]=b`),
 * each value once. Fails with {@link InvalidParameterError} naming the field.
 * @since 0.1.0
 */
export const encode: (params: Params) => Either.Either<WireRequest, InvalidParameterError> = report.encode

/**
 * Fetches one page of the report (validation first: nothing is sent if the
 * parameters are invalid).
 * @since 0.1.0
 */
export const page: (params: Params) => Effect.Effect<UsagePage, AdminApiError, AdminApiClient> = report.page

/**
 * Every page of one range, following `next_page`; the first request uses
 * `startPage` (or `params.page`). Each page request is retried on its own.
 * @since 0.1.0
 */
export const pages: (
  params: Params,
  options?: PagesOptions
) => Stream.Stream<Page<UsageBucket>, AdminApiError, AdminApiClient> = report.pages

const FILTER_WIRE: Readonly<Record<string, string>> = Object.fromEntries(ARRAY_PARAMS)

/** The validated query of one plan request over one window. */
const planQuery = (query: Query, planned: GroupByPlan.Query, window: OpenWindow, limit: number): Query => ({
  ...query,
  start: window.start,
  end: window.end,
  limit,
  page: undefined,
  arrays: query.arrays.map(([wire, values]): readonly [string, ReadonlyArray<string>] => {
    if (wire === "group_by[]") return [wire, planned.groupBy]
    const selected = Object.entries(planned.filters).find(([filter]) => FILTER_WIRE[filter] === wire)
    return selected === undefined ? [wire, values] : [wire, [selected[1]]]
  })
})

/**
 * The plan `buckets`/`rows` follow for these parameters: a single request
 * when grouping by at most {@link MAX_GROUP_BY} dimensions, else a fan-out
 * (see {@link GroupByPlan}). `GroupByPlan.requests(plan)` is the number of
 * requests per window (one page of buckets).
 * @since 0.2.0
 */
export const plan = (params: Params): Either.Either<GroupByPlan.Plan, InvalidParameterError> =>
  Either.map(validateAny(params), () =>
    GroupByPlan.make([...new Set(params.groupBy ?? [])], {
      contextWindows: params.contextWindows,
      speeds: params.speeds,
      inferenceGeos: params.inferenceGeos,
      serviceTiers: params.serviceTiers
    })
  )

/**
 * Every bucket of the range, in time order, each exactly once. A range longer
 * than one page is split into windows of at most `limit` (default: the
 * maximum for the bucket width) buckets, fetched `concurrency` at a time.
 * Without `endingAt` the range is one window, paged sequentially.
 *
 * Any number of `groupBy` dimensions: beyond {@link MAX_GROUP_BY}, each
 * window is served by the several requests of a {@link GroupByPlan} whose
 * rows are joined exactly (e.g. 3 requests per window for six dimensions
 * including `context_window`). Fails with {@link InvalidParameterError} for
 * bad parameters before sending anything.
 * @since 0.1.0
 */
export const buckets = (
  params: Params,
  options: StreamOptions = {}
): Stream.Stream<UsageBucket, AdminApiError, AdminApiClient> => {
  const planned = plan(params)
  if (Either.isRight(planned) && planned.right._tag === "Single") return report.buckets(params, options)
  return Stream.unwrap(
    Effect.gen(function* () {
      const grouping = yield* planned
      const query = yield* Effect.flatMap(validateAny(params), (q) => closeEnd(q, q.width))
      if (query.page !== undefined) {
        return yield* invalid("page", "no cursor for buckets/rows (use pages with startPage)", query.page)
      }
      const concurrency = yield* checkConcurrency(options.concurrency, DEFAULT_CONCURRENCY)
      const maxBuckets = query.limit ?? LIMITS[query.width].max
      return windowedCollect({
        start: query.start,
        end: query.end,
        bucketWidth: query.width,
        maxBuckets,
        concurrency,
        collect: (window) =>
          joinPlan(
            grouping,
            (planned) =>
              collectWindow(
                window,
                query.width,
                (w) => report.pagesOf(planQuery(query, planned, w, maxBuckets), undefined),
                ENDPOINT
              ),
            { endpoint: ENDPOINT, dimensions: GroupBy.literals, concurrency }
          )
      })
    })
  )
}

/**
 * Every row of every bucket, in time order, each carrying its bucket's
 * `starting_at` and `ending_at`. Any number of `groupBy` dimensions, as
 * {@link buckets}.
 * @since 0.1.0
 */
export const rows = (
  params: Params,
  options?: StreamOptions
): Stream.Stream<UsageRow, AdminApiError, AdminApiClient> =>
  Stream.mapConcat(buckets(params, options), (bucket) =>
    bucket.results.map((result): UsageRow => ({
      ...result,
      starting_at: bucket.starting_at,
      ending_at: bucket.ending_at
    }))
  )
