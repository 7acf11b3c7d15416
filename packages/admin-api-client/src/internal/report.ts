import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { AdminApiClient, type WireRequest } from "../AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "../AdminApiError.js"
import { DEFAULT_CONCURRENCY, type Page, type PagesOptions, type StreamOptions } from "../Pagination.js"
import { align, type BucketWidth } from "../TimeWindow.js"
import { bucketOrder, paginate } from "./paginate.js"
import { checkConcurrency, invalid } from "./params.js"
import { type OpenWindow, windowedBuckets } from "./windows.js"

/** A time bucket of a report: `[starting_at, ending_at)` and its rows. */
export const ReportBucket = <A, I, R>(result: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    starting_at: Schema.DateTimeUtc,
    ending_at: Schema.DateTimeUtc,
    results: Schema.Array(result)
  })

interface Envelope<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more: boolean
  readonly next_page: string | null
}

/** What every report's validated query has. */
export interface PagedQuery {
  readonly page: string | undefined
}

/**
 * `page` and `pages` of a report, from its page schema, validation and wire
 * encoding. `order` (bucketed reports) guards against overlapping pages.
 */
type Item<Pg extends Envelope<unknown>> = Pg["data"][number]

export const pagedReport = <P, Q extends PagedQuery, Pg extends Envelope<unknown>, I>(spec: {
  readonly endpoint: string
  readonly schema: Schema.Schema<Pg, I>
  readonly validate: (params: P) => Either.Either<Q, InvalidParameterError>
  readonly toWire: (query: Q) => WireRequest
  readonly order?: (item: Item<Pg>) => number
  /** Completes a validated query with what needs the clock (see {@link closeEnd}). */
  readonly prepare?: (query: Q) => Effect.Effect<Q, InvalidParameterError>
}) => {
  type A = Item<Pg>
  const prepared = (params: P): Effect.Effect<Q, InvalidParameterError> =>
    spec.prepare === undefined ? spec.validate(params) : Effect.flatMap(spec.validate(params), spec.prepare)
  const fetchPage = (query: Q) =>
    Effect.flatMap(AdminApiClient, (client) => client.get(spec.toWire(query), spec.schema, spec.endpoint))
  const pagesOf = (
    query: Q,
    startPage: string | undefined
  ): Stream.Stream<Page<A>, AdminApiError, AdminApiClient> =>
    paginate(spec.endpoint, startPage, (cursor) => fetchPage({ ...query, page: cursor }), spec.order)
  return {
    encode: (params: P): Either.Either<WireRequest, InvalidParameterError> =>
      Either.map(spec.validate(params), spec.toWire),
    page: (params: P): Effect.Effect<Pg, AdminApiError, AdminApiClient> =>
      Effect.flatMap(prepared(params), (query) => Effect.map(fetchPage(query), (decoded) => decoded.value)),
    pages: (params: P, options: PagesOptions = {}): Stream.Stream<Page<A>, AdminApiError, AdminApiClient> =>
      Stream.unwrap(Effect.map(prepared(params), (query) => pagesOf(query, options.startPage ?? query.page))),
    pagesOf
  }
}

/**
 * An omitted `endingAt` means "up to now": it is sent as the end of the
 * current bucket read from `Clock` (for daily reports, tomorrow 00:00 UTC), so
 * today's partial bucket is included. Sending nothing would let the live API
 * end daily reports at today 00:00, so a request starting today would get a
 * 400 (reference §10.2). A `startingAt` that is not before now keeps the end
 * absent (the API decides; nothing has been used yet).
 */
export const closeEnd = <Q extends BucketQuery>(query: Q, bucketWidth: BucketWidth): Effect.Effect<Q> =>
  query.end !== undefined
    ? Effect.succeed(query)
    : Effect.map(Clock.currentTimeMillis, (now) => {
        const end = align({ start: query.start, end: DateTime.unsafeMake(now) }, bucketWidth).end
        return end.epochMillis > query.start.epochMillis ? { ...query, end } : query
      })

/** What a bucketed report's validated query has. */
export interface BucketQuery extends PagedQuery {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
  readonly limit: number | undefined
}

interface Bucket<R> {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly results: ReadonlyArray<R>
}

/** A result with the edges of its bucket. */
export type Row<R> = R & { readonly starting_at: DateTime.Utc; readonly ending_at: DateTime.Utc }

/**
 * The four levels of a bucketed report (usage, cost): `page`, `pages`, and
 * `buckets`/`rows` over windows of at most `limit` (default the maximum)
 * buckets.
 */
export const bucketedReport = <P, Q extends BucketQuery, Pg extends Envelope<Bucket<unknown>>, I>(spec: {
  readonly endpoint: string
  readonly schema: Schema.Schema<Pg, I>
  readonly validate: (params: P) => Either.Either<Q, InvalidParameterError>
  readonly toWire: (query: Q) => WireRequest
  readonly bucketWidth: (query: Q) => BucketWidth
  readonly maxLimit: (query: Q) => number
}) => {
  type B = Item<Pg>
  type R = B["results"][number]
  const prepare = (query: Q) => closeEnd(query, spec.bucketWidth(query))
  const paged = pagedReport<P, Q, Pg, I>({ ...spec, order: bucketOrder, prepare })
  const buckets = (params: P, options: StreamOptions = {}): Stream.Stream<B, AdminApiError, AdminApiClient> =>
    Stream.unwrap(
      Effect.gen(function* () {
        const query = yield* Effect.flatMap(spec.validate(params), prepare)
        if (query.page !== undefined) {
          return yield* invalid("page", "no cursor for buckets/rows (use pages with startPage)", query.page)
        }
        const concurrency = yield* checkConcurrency(options.concurrency, DEFAULT_CONCURRENCY)
        const maxBuckets = query.limit ?? spec.maxLimit(query)
        return windowedBuckets({
          start: query.start,
          end: query.end,
          bucketWidth: spec.bucketWidth(query),
          maxBuckets,
          concurrency,
          endpoint: spec.endpoint,
          pages: (window: OpenWindow) =>
            paged.pagesOf({ ...query, start: window.start, end: window.end, limit: maxBuckets }, undefined)
        })
      })
    )
  const rows = (
    params: P,
    options: StreamOptions = {}
  ): Stream.Stream<Row<R>, AdminApiError, AdminApiClient> =>
    Stream.mapConcat(buckets(params, options), (bucket) =>
      bucket.results.map((result: R): Row<R> => ({
        ...(result as R & object),
        starting_at: bucket.starting_at,
        ending_at: bucket.ending_at
      }))
    )
  return { ...paged, buckets, rows }
}
