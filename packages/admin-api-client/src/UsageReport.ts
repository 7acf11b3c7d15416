/**
 * The Messages Usage Report: `GET /v1/organizations/usage_report/messages`.
 * Token usage for the organization in time buckets, optionally grouped.
 *
 * @since 0.1.0
 */
import { Effect, Either, Schema } from "effect"
import { AdminApiClient, type WireRequest } from "./AdminApiClient.js"
import { type AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import { type DateInput, formatInstant, toUtc } from "./internal/dates.js"
import { Count, openEnum, optionalNullable } from "./internal/schema.js"

/** @since 0.1.0 */
export const PATH = "/v1/organizations/usage_report/messages"

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
/** Known context windows; others decode too. @since 0.1.0 */
export const ContextWindow = openEnum("0-200k", "200k-1M")
/** Known inference geos; others decode too. @since 0.1.0 */
export const InferenceGeo = openEnum("global", "us", "not_available")
/** Known speeds; others decode too. @since 0.1.0 */
export const Speed = openEnum("standard", "fast")

/** Per-page limits by bucket width: `[default, maximum]`. @since 0.1.0 */
export const LIMITS: Readonly<Record<BucketWidth, { readonly default: number; readonly max: number }>> = {
  "1d": { default: 7, max: 31 },
  "1h": { default: 24, max: 168 },
  "1m": { default: 60, max: 1440 }
}

/**
 * One row of a bucket: token counts, plus the dimensions it was grouped by
 * (a dimension is `null` unless grouped; `api_key_id` is also `null` for
 * Console usage and `workspace_id` for the Default Workspace).
 * @since 0.1.0
 */
export const UsageResult = Schema.Struct({
  uncached_input_tokens: Count,
  cache_read_input_tokens: Count,
  output_tokens: Count,
  cache_creation: Schema.Struct({
    ephemeral_5m_input_tokens: Count,
    ephemeral_1h_input_tokens: Count
  }),
  server_tool_use: Schema.Struct({ web_search_requests: Count }),
  api_key_id: Schema.NullOr(Schema.String),
  workspace_id: Schema.NullOr(Schema.String),
  model: Schema.NullOr(Schema.String),
  service_tier: Schema.NullOr(ServiceTier),
  context_window: Schema.NullOr(ContextWindow),
  inference_geo: optionalNullable(InferenceGeo),
  account_id: optionalNullable(Schema.String),
  service_account_id: optionalNullable(Schema.String),
  speed: optionalNullable(Speed)
})
/** @since 0.1.0 */
export type UsageResult = typeof UsageResult.Type

/** One time bucket: `[starting_at, ending_at)` in UTC and its rows. @since 0.1.0 */
export const UsageBucket = Schema.Struct({
  starting_at: Schema.DateTimeUtc,
  ending_at: Schema.DateTimeUtc,
  results: Schema.Array(UsageResult)
})
/** @since 0.1.0 */
export type UsageBucket = typeof UsageBucket.Type

/** One page of the report. @since 0.1.0 */
export const UsagePage = Schema.Struct({
  data: Schema.Array(UsageBucket),
  has_more: Schema.Boolean,
  next_page: Schema.NullOr(Schema.String)
})
/** @since 0.1.0 */
export type UsagePage = typeof UsagePage.Type

/**
 * Parameters of the report, in TypeScript names. Filters do not imply
 * grouping: group by a dimension to see it in the rows.
 * @since 0.1.0
 */
export interface Params {
  readonly startingAt: DateInput
  readonly endingAt?: DateInput | undefined
  readonly bucketWidth?: BucketWidth | undefined
  readonly limit?: number | undefined
  readonly page?: string | undefined
  readonly groupBy?: ReadonlyArray<GroupBy> | undefined
  readonly apiKeyIds?: ReadonlyArray<string> | undefined
  readonly workspaceIds?: ReadonlyArray<string> | undefined
  readonly models?: ReadonlyArray<string> | undefined
  readonly serviceTiers?: ReadonlyArray<string> | undefined
  readonly contextWindows?: ReadonlyArray<string> | undefined
  readonly inferenceGeos?: ReadonlyArray<string> | undefined
  readonly speeds?: ReadonlyArray<string> | undefined
  readonly accountIds?: ReadonlyArray<string> | undefined
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

/**
 * Validates parameters and encodes them as the API expects: RFC 3339
 * instants, arrays repeated in bracket form (`group_by[]=a&group_by[]=b`).
 * Fails with {@link InvalidParameterError} naming the field; nothing is sent.
 * @since 0.1.0
 */
export const encode = (params: Params): Either.Either<WireRequest, InvalidParameterError> =>
  Either.gen(function* () {
    const start = yield* toUtc("startingAt", params.startingAt)
    const end = params.endingAt === undefined ? undefined : yield* toUtc("endingAt", params.endingAt)
    if (end !== undefined && end.epochMillis <= start.epochMillis) {
      return yield* Either.left(
        new InvalidParameterError({
          field: "endingAt",
          allowed: "an instant after startingAt",
          received: `${formatInstant(end)} (startingAt ${formatInstant(start)})`
        })
      )
    }
    const width = params.bucketWidth ?? "1d"
    if (!Schema.is(BucketWidth)(width)) {
      return yield* Either.left(
        new InvalidParameterError({
          field: "bucketWidth",
          allowed: "1m, 1h or 1d",
          received: JSON.stringify(width)
        })
      )
    }
    const limits = LIMITS[width]
    if (
      params.limit !== undefined &&
      (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > limits.max)
    ) {
      return yield* Either.left(
        new InvalidParameterError({
          field: "limit",
          allowed: `an integer from 1 to ${limits.max} for bucketWidth ${width}`,
          received: String(params.limit)
        })
      )
    }
    for (const g of params.groupBy ?? []) {
      if (!Schema.is(GroupBy)(g)) {
        return yield* Either.left(
          new InvalidParameterError({
            field: "groupBy",
            allowed: GroupBy.literals.join(", "),
            received: JSON.stringify(g)
          })
        )
      }
    }
    const query: Array<readonly [string, string]> = [
      ["starting_at", formatInstant(start)],
      ...(end === undefined ? [] : [["ending_at", formatInstant(end)] as const]),
      ["bucket_width", width],
      ...(params.limit === undefined ? [] : [["limit", String(params.limit)] as const]),
      ...(params.page === undefined ? [] : [["page", params.page] as const])
    ]
    for (const [key, wire] of ARRAY_PARAMS) {
      for (const value of new Set(params[key] ?? [])) query.push([wire, value])
    }
    const usesSpeed = (params.groupBy ?? []).includes("speed") || (params.speeds ?? []).length > 0
    return { path: PATH, query, betas: usesSpeed ? [FAST_MODE_BETA] : [] }
  })

/**
 * Fetches one page of the report.
 * @since 0.1.0
 */
export const page = (params: Params): Effect.Effect<UsagePage, AdminApiError, AdminApiClient> =>
  Effect.gen(function* () {
    const request = yield* encode(params)
    const client = yield* AdminApiClient
    const { value } = yield* client.get(request, UsagePage, "usage_report/messages")
    return value
  })
