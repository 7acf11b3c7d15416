/**
 * The four levels of an analytics endpoint (`usage`, `cost`): validation and
 * wire encoding of every parameter, the span rules (checked for one request,
 * split for the streams), the beta header, `data_refreshed_at` on every
 * page, a 410 restarting the window, and grouping beyond five dimensions
 * through a `GroupByPlan` where the join is exact.
 */
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import type * as Schema from "effect/Schema"
import { AdminApiClient, type WireRequest } from "../AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "../AdminApiError.js"
import * as Analytics from "../Analytics.js"
import * as GroupByPlan from "../GroupByPlan.js"
import { DEFAULT_CONCURRENCY, type Page, type PagesOptions, type StreamOptions } from "../Pagination.js"
import { align, BUCKET_MILLIS, type BucketWidth, floorToBucket, split } from "../TimeWindow.js"
import { FAST_MODE_BETA } from "../UsageReport.js"
import { checkOrder, formatInstant, toUtc } from "./dates.js"
import { paginateWith } from "./paginate.js"
import { checkConcurrency, checkLimit, checkPage, checkValues, invalid } from "./params.js"
import { type Bucketed, type JoinSpec, planJoin } from "./planJoin.js"
import { collectPages, restartOnExpiredCursor } from "./windows.js"

const HOUR = 3_600_000
const DAY = 86_400_000

/** What a row of either endpoint has. */
export interface AnyRow {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly group: object
}

interface Envelope<R> {
  readonly data: ReadonlyArray<R>
  readonly has_more: boolean
  readonly next_page: string | null
  readonly data_refreshed_at: DateTime.Utc | null
}

/** The parameters of one endpoint: the shared ones, its `group_by[]` and `order_by`. */
export type Params<G extends string, O extends string> = Analytics.CommonParams & {
  readonly groupBy?: ReadonlyArray<G> | undefined
  readonly orderBy?: O | undefined
}

/** A validated query. */
export interface Query {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
  readonly width: Analytics.TimeBucketWidth | undefined
  readonly limit: number | undefined
  readonly page: string | undefined
  readonly orderBy: string | undefined
  readonly order: Analytics.Order | undefined
  readonly excludeDeletedUsers: boolean | undefined
  readonly groupBy: ReadonlyArray<string>
  /** Filter name, wire name, values (`""` is the empty `api_key_ids[]=` entry). */
  readonly filters: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]>
  readonly betas: ReadonlyArray<string>
}

/** The spec of one endpoint. */
export interface Spec<Pg extends Envelope<AnyRow>, I> {
  readonly endpoint: string
  readonly path: string
  readonly schema: Schema.Schema<Pg, I>
  /** Every `group_by[]` value the endpoint takes. */
  readonly groupBy: ReadonlyArray<string>
  /** `group_by[]` values that do not count toward the five (cost: `cost_type`, `token_type`). */
  readonly uncounted: ReadonlyArray<string>
  readonly orderBy: ReadonlyArray<string>
  /** How the plan's join reads and writes this endpoint's rows (without `dimensions`). */
  readonly join: Omit<JoinSpec<Pg["data"][number]>, "dimensions">
  /** The module name, for messages (`AnalyticsUsage`). */
  readonly module: string
}

/** The unit windows are aligned to: the bucket width, or the hour without one (analytics reference §2.1). */
const unitOf = (width: Analytics.TimeBucketWidth | undefined): BucketWidth => width ?? "1h"

/** The longest span of one request, in milliseconds. */
const maxSpan = (width: Analytics.TimeBucketWidth | undefined) =>
  width === "1m" ? Analytics.MAX_SPAN_HOURS_1M * HOUR : Analytics.MAX_SPAN_DAYS * DAY

const spanText = (width: Analytics.TimeBucketWidth | undefined) =>
  width === "1m"
    ? `${Analytics.MAX_SPAN_HOURS_1M} hours (timeBucketWidth 1m)`
    : `${Analytics.MAX_SPAN_DAYS} days`

const EARLIEST = DateTime.unsafeMake(Analytics.EARLIEST_START)

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value))

export const make = <Pg extends Envelope<AnyRow>, I>(spec: Spec<Pg, I>) => {
  type Row = Pg["data"][number]
  const counted = (groupBy: ReadonlyArray<string>) => groupBy.filter((d) => !spec.uncounted.includes(d))

  /** Every rule that needs neither the clock nor a single-request limit. */
  const validateAny = <G extends string, O extends string>(
    params: Params<G, O>
  ): Either.Either<Query, InvalidParameterError> =>
    Either.gen(function* () {
      const from = yield* toUtc("startingAt", params.startingAt)
      const given = params.endingAt === undefined ? undefined : yield* toUtc("endingAt", params.endingAt)
      yield* checkOrder("startingAt", from, "endingAt", given)
      const width = params.timeBucketWidth
      if (width !== undefined && !Analytics.TimeBucketWidth.literals.includes(width)) {
        return yield* invalid(
          "timeBucketWidth",
          "1d, 1h or 1m (or omitted: one row per group for the range)",
          show(width)
        )
      }
      const unit = unitOf(width)
      const start = floorToBucket(from, unit)
      const end = given === undefined ? undefined : align({ start: from, end: given }, unit).end
      if (start.epochMillis < EARLIEST.epochMillis) {
        return yield* invalid(
          "startingAt",
          `an instant on or after ${Analytics.EARLIEST_START} (the analytics API has no earlier data, analytics reference §2.1)`,
          formatInstant(start)
        )
      }
      const limit = yield* checkLimit(params.limit, Analytics.MAX_LIMIT, " (rows per page)")
      const page = yield* checkPage("page", params.page)
      if (params.orderBy !== undefined && !spec.orderBy.includes(params.orderBy)) {
        return yield* invalid("orderBy", `one of ${spec.orderBy.join(", ")}`, show(params.orderBy))
      }
      if (params.order !== undefined && params.order !== "asc" && params.order !== "desc") {
        return yield* invalid("order", "asc or desc", show(params.order))
      }
      if (params.excludeDeletedUsers !== undefined && typeof params.excludeDeletedUsers !== "boolean") {
        return yield* invalid("excludeDeletedUsers", "true or false", show(params.excludeDeletedUsers))
      }
      const groupBy = yield* checkValues("groupBy", params.groupBy, spec.groupBy)
      if (params.excludeDeletedUsers === true && !groupBy.includes("actor")) {
        return yield* invalid(
          "excludeDeletedUsers",
          "true only with groupBy including actor (the API drops deleted user_actor rows; analytics reference §2.1)",
          `true with groupBy [${groupBy.join(", ")}]`
        )
      }
      const filters: Array<readonly [string, string, ReadonlyArray<string>]> = []
      for (const [key, wire] of Analytics.FILTERS) {
        const raw = params[key] as ReadonlyArray<string | null> | undefined
        const values =
          key === "apiKeyIds" && Array.isArray(raw)
            ? yield* checkValues(
                key,
                raw.map((v) => v ?? ""),
                undefined,
                true
              )
            : yield* checkValues(key, raw as ReadonlyArray<string> | undefined)
        if (values.length > Analytics.MAX_FILTER_VALUES) {
          return yield* invalid(
            key,
            `at most ${Analytics.MAX_FILTER_VALUES} values (analytics reference §1.2)`,
            `${values.length} values`
          )
        }
        filters.push([key, wire, values])
      }
      const values = (key: string) => filters.find(([k]) => k === key)?.[2] ?? []
      const tagUser = groupBy.includes("claude_tag_user_id") || values("claudeTagUserIds").length > 0
      const rbac = groupBy.includes("rbac_group_id") || values("rbacGroupIds").length > 0
      if (tagUser && rbac) {
        return yield* invalid(
          groupBy.includes("claude_tag_user_id") ? "groupBy" : "claudeTagUserIds",
          "claude_tag_user_id (grouping or filter) without rbac_group_id (grouping or filter): the API refuses the combination (analytics reference §2.2)",
          "both claude_tag_user_id and rbac_group_id"
        )
      }
      const usesSpeed = groupBy.includes("speed") || values("speeds").length > 0
      return {
        start,
        end,
        width,
        limit,
        page,
        orderBy: params.orderBy,
        order: params.order,
        excludeDeletedUsers: params.excludeDeletedUsers,
        groupBy,
        filters,
        // whether `speed` still needs the fast-mode beta here is unconfirmed (analytics reference §7): sent defensively
        betas: usesSpeed ? [Analytics.BETA, FAST_MODE_BETA] : [Analytics.BETA]
      }
    })

  /** One request's parameters: at most five counted dimensions and one span. */
  const validate = <G extends string, O extends string>(
    params: Params<G, O>
  ): Either.Either<Query, InvalidParameterError> =>
    Either.flatMap(validateAny(params), (query) => {
      const dims = counted(query.groupBy)
      if (dims.length > Analytics.MAX_GROUP_BY) {
        return invalid(
          "groupBy",
          `at most ${Analytics.MAX_GROUP_BY} dimensions in one request${spec.uncounted.length > 0 ? ` (${spec.uncounted.join(" and ")} do not count)` : ""}; ${spec.module}.buckets and ${spec.module}.rows take more through a GroupByPlan where the join is exact`,
          `${dims.length} dimensions: ${dims.join(", ")}`
        )
      }
      if (query.end !== undefined && query.end.epochMillis - query.start.epochMillis > maxSpan(query.width)) {
        return invalid(
          "endingAt",
          `at most ${spanText(query.width)} after startingAt in one request (analytics reference §2.1; ${spec.module}.buckets and ${spec.module}.rows split longer ranges)`,
          `${formatInstant(query.end)} (startingAt ${formatInstant(query.start)}, both sent aligned to ${unitOf(query.width)})`
        )
      }
      return Either.right(query)
    })

  /** The 365-day rule, read against `Clock` (analytics reference §2.1). */
  const checkLookback = (query: Query, now: number): Either.Either<Query, InvalidParameterError> => {
    const earliest = DateTime.unsafeMake(now - Analytics.LOOKBACK_DAYS * DAY)
    return query.start.epochMillis >= earliest.epochMillis
      ? Either.right(query)
      : invalid(
          "startingAt",
          `an instant within the last ${Analytics.LOOKBACK_DAYS} days: on or after ${formatInstant(earliest)} (analytics reference §2.1)`,
          formatInstant(query.start)
        )
  }

  /** The end of the bucket containing now (at least one bucket after `start`). */
  const upToNow = (query: Query, now: number): DateTime.Utc => {
    const unit = unitOf(query.width)
    const end = align({ start: query.start, end: DateTime.unsafeMake(now) }, unit).end
    return end.epochMillis > query.start.epochMillis
      ? end
      : DateTime.unsafeMake(query.start.epochMillis + BUCKET_MILLIS[unit])
  }

  /**
   * One request, with the clock: the lookback rule, and an omitted end with
   * a bucket width (which the API requires) filled in as now, at most one
   * span after the start.
   */
  const prepare = (query: Query): Effect.Effect<Query, InvalidParameterError> =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Either.map(checkLookback(query, now), (checked) =>
        checked.end !== undefined || checked.width === undefined
          ? checked
          : {
              ...checked,
              end: DateTime.unsafeMake(
                Math.min(
                  upToNow(checked, now).epochMillis,
                  checked.start.epochMillis + maxSpan(checked.width)
                )
              )
            }
      )
    )

  const toWire = (query: Query): WireRequest => {
    const pairs: Array<readonly [string, string]> = [["starting_at", formatInstant(query.start)]]
    if (query.end !== undefined) pairs.push(["ending_at", formatInstant(query.end)])
    if (query.width !== undefined) pairs.push(["time_bucket_width", query.width])
    if (query.limit !== undefined) pairs.push(["limit", String(query.limit)])
    if (query.page !== undefined) pairs.push(["page", query.page])
    if (query.orderBy !== undefined) pairs.push(["order_by", query.orderBy])
    if (query.order !== undefined) pairs.push(["order", query.order])
    if (query.excludeDeletedUsers !== undefined) {
      pairs.push(["exclude_deleted_users", String(query.excludeDeletedUsers)])
    }
    for (const value of query.groupBy) pairs.push(["group_by[]", value])
    for (const [, wire, values] of query.filters) for (const value of values) pairs.push([wire, value])
    return { path: spec.path, query: pairs, betas: query.betas }
  }

  const pagesOf = (
    query: Query,
    startPage: string | undefined
  ): Stream.Stream<Analytics.AnalyticsPage<Row>, AdminApiError, AdminApiClient> =>
    paginateWith(
      spec.endpoint,
      startPage,
      (cursor) =>
        Effect.flatMap(AdminApiClient, (client) =>
          client.get(toWire({ ...query, page: cursor }), spec.schema, spec.endpoint)
        ),
      (page: Page<Row>, envelope): Analytics.AnalyticsPage<Row> => ({
        ...page,
        dataRefreshedAt: envelope.data_refreshed_at
      })
    )

  const encode = <G extends string, O extends string>(
    params: Params<G, O>
  ): Either.Either<WireRequest, InvalidParameterError> => Either.map(validate(params), toWire)

  const page = <G extends string, O extends string>(
    params: Params<G, O>
  ): Effect.Effect<Pg, AdminApiError, AdminApiClient> =>
    Effect.flatMap(Effect.flatMap(validate(params), prepare), (query) =>
      Effect.flatMap(AdminApiClient, (client) =>
        Effect.map(client.get(toWire(query), spec.schema, spec.endpoint), (decoded) => decoded.value)
      )
    )

  const pages = <G extends string, O extends string>(
    params: Params<G, O>,
    options: PagesOptions = {}
  ): Stream.Stream<Analytics.AnalyticsPage<Row>, AdminApiError, AdminApiClient> =>
    Stream.unwrap(
      Effect.map(Effect.flatMap(validate(params), prepare), (query) =>
        pagesOf(query, options.startPage ?? query.page)
      )
    )

  /** The plan for these parameters, or why none can serve them exactly. */
  const plan = <G extends string, O extends string>(
    params: Params<G, O>
  ): Either.Either<GroupByPlan.Plan, InvalidParameterError> =>
    Either.flatMap(validateAny(params), (query) => planOf(query))

  const planOf = (query: Query): Either.Either<GroupByPlan.Plan, InvalidParameterError> => {
    const dims = counted(query.groupBy)
    if (dims.length > Analytics.MAX_GROUP_BY) {
      const overlapping = dims.filter((d) => (Analytics.NOT_PLANNABLE as ReadonlyArray<string>).includes(d))
      if (overlapping.length > 0) {
        return invalid(
          "groupBy",
          `at most ${Analytics.MAX_GROUP_BY} dimensions when grouping by ${overlapping.join(" or ")}: their rows can repeat or overlap (analytics reference §2.2), so several queries cannot be joined exactly`,
          `${dims.length} dimensions: ${dims.join(", ")}`
        )
      }
      const fanning = dims.filter((d) => Analytics.FAN_OUT.some((f) => f.dimension === d))
      if (dims.length - fanning.length > Analytics.MAX_GROUP_BY) {
        return invalid(
          "groupBy",
          `at most ${Analytics.MAX_GROUP_BY} dimensions besides ${Analytics.FAN_OUT.map((f) => f.dimension).join(", ")} (the dimensions a GroupByPlan can fan out over exactly)`,
          `${dims.length} dimensions: ${dims.join(", ")}`
        )
      }
    }
    const filtered: Record<string, ReadonlyArray<string>> = {}
    for (const [key, , values] of query.filters) if (values.length > 0) filtered[key] = values
    return Either.right(GroupByPlan.make(dims, filtered, Analytics.FAN_OUT))
  }

  /** The query of one plan request over one window; the uncounted dimensions ride along in every query. */
  const planQuery = (
    query: Query,
    planned: GroupByPlan.Query,
    window: { readonly start: DateTime.Utc; readonly end: DateTime.Utc },
    limit: number
  ): Query => ({
    ...query,
    start: window.start,
    end: window.end,
    limit,
    page: undefined,
    groupBy: [...planned.groupBy, ...query.groupBy.filter((d) => spec.uncounted.includes(d))],
    filters: query.filters.map(([key, wire, values]) => {
      const selected = planned.filters[key]
      return selected === undefined ? [key, wire, values] : [key, wire, [selected]]
    })
  })

  /** Groups rows by `starting_at` into buckets, in time order. */
  const toBuckets = (rows: ReadonlyArray<Row>): Array<Bucketed<Row>> => {
    const byStart = new Map<
      number,
      { starting_at: DateTime.Utc; ending_at: DateTime.Utc; results: Array<Row> }
    >()
    for (const row of rows) {
      const at = row.starting_at.epochMillis
      const bucket = byStart.get(at)
      if (bucket === undefined) {
        byStart.set(at, { starting_at: row.starting_at, ending_at: row.ending_at, results: [row] })
      } else bucket.results.push(row)
    }
    return [...byStart.entries()].sort(([a], [b]) => a - b).map(([, bucket]) => bucket)
  }

  const buckets = <G extends string, O extends string>(
    params: Params<G, O>,
    options: StreamOptions = {}
  ): Stream.Stream<Analytics.Bucket<Row>, AdminApiError, AdminApiClient> =>
    Stream.unwrap(
      Effect.gen(function* () {
        const checked = yield* validateAny(params)
        if (checked.page !== undefined) {
          return yield* invalid("page", "no cursor for buckets/rows (use pages with startPage)", checked.page)
        }
        const grouping = yield* planOf(checked)
        const concurrency = yield* checkConcurrency(options.concurrency, DEFAULT_CONCURRENCY)
        const now = yield* Clock.currentTimeMillis
        const query = yield* checkLookback(checked, now)
        const unit = unitOf(query.width)
        const end = query.end ?? upToNow(query, now)
        const limit = query.limit ?? Analytics.MAX_LIMIT
        const windows = split({
          start: query.start,
          end,
          bucketWidth: unit,
          maxBuckets: Math.floor(maxSpan(query.width) / BUCKET_MILLIS[unit])
        })
        const collect = (window: { readonly start: DateTime.Utc; readonly end: DateTime.Utc }) =>
          Effect.suspend(() => {
            let refreshed: DateTime.Utc | null | undefined
            const fetch = (planned: GroupByPlan.Query) =>
              restartOnExpiredCursor(
                Effect.suspend(() => {
                  let watermark: DateTime.Utc | null | undefined
                  const pagesStream = Stream.tap(
                    pagesOf(planQuery(query, planned, window, limit), undefined),
                    (p) =>
                      Effect.sync(() => {
                        watermark = earliest(watermark, p.dataRefreshedAt)
                      })
                  )
                  return Effect.map(collectPages(pagesStream), (rows) => {
                    refreshed = earliest(refreshed, watermark ?? null)
                    const owned =
                      query.width === undefined
                        ? rows
                        : rows.filter(
                            (r) =>
                              r.starting_at.epochMillis >= window.start.epochMillis &&
                              r.starting_at.epochMillis < window.end.epochMillis
                          )
                    return toBuckets(owned)
                  })
                })
              )
            const joined =
              grouping._tag === "Single"
                ? fetch(grouping.query)
                : planJoin(
                    grouping,
                    fetch,
                    { ...spec.join, dimensions: query.groupBy },
                    { endpoint: spec.endpoint, concurrency }
                  )
            return Effect.map(joined, (bs) =>
              bs.map((b): Analytics.Bucket<Row> => ({
                starting_at: b.starting_at,
                ending_at: b.ending_at,
                data_refreshed_at: refreshed ?? null,
                rows: b.results
              }))
            )
          })
        return Stream.fromIterable(windows).pipe(
          Stream.mapEffect(collect, { concurrency }),
          Stream.flattenIterables
        )
      })
    )

  const rows = <G extends string, O extends string>(
    params: Params<G, O>,
    options?: StreamOptions
  ): Stream.Stream<Row, AdminApiError, AdminApiClient> =>
    Stream.mapConcat(buckets(params, options), (bucket) => bucket.rows)

  return { encode, page, pages, plan, buckets, rows, validate }
}

/** The earlier of two watermarks; `null` (nothing exported) wins, `undefined` is "not seen yet". */
const earliest = (a: DateTime.Utc | null | undefined, b: DateTime.Utc | null): DateTime.Utc | null => {
  if (a === undefined) return b
  if (a === null || b === null) return null
  return a.epochMillis <= b.epochMillis ? a : b
}
