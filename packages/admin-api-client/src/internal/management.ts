/**
 * What the management modules share: id path segments, single-object
 * requests (GET, POST with a JSON body, DELETE) and the id-cursor lists
 * that page forward (`after_id=last_id`) or backward (`before_id=first_id`).
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as Schema from "effect/Schema"
import { AdminApiClient, type Method } from "../AdminApiClient.js"
import { type AdminApiError, type InvalidParameterError, PaginationContractError } from "../AdminApiError.js"
import { type IdListParams, IdListPage, type IdPage } from "../Pagination.js"
import { checkLimit, invalid } from "./params.js"

/** Management lists take 1–1000 items per page (reference §2 B). */
export const MAX_LIST_LIMIT = 1000

/** An id for a path segment: a non-empty string, percent-encoded. */
export const segment = (field: string, id: string): Either.Either<string, InvalidParameterError> =>
  typeof id === "string" && id.trim() !== ""
    ? Either.right(encodeURIComponent(id))
    : invalid(field, "a non-empty id", typeof id === "string" ? JSON.stringify(id) : String(id))

/** One request for one object (or a deleted-object answer), decoded; the value only. */
export const send = <A, I>(
  method: Method,
  path: Either.Either<string, InvalidParameterError> | string,
  schema: Schema.Schema<A, I>,
  endpoint: string,
  options: {
    readonly body?: Either.Either<unknown, InvalidParameterError> | undefined
    readonly query?:
      Either.Either<ReadonlyArray<readonly [string, string]>, InvalidParameterError> | undefined
  } = {}
): Effect.Effect<A, AdminApiError, AdminApiClient> =>
  Effect.gen(function* () {
    const resolved = typeof path === "string" ? path : yield* path
    const body = options.body === undefined ? undefined : yield* options.body
    const query = options.query === undefined ? [] : yield* options.query
    const client = yield* AdminApiClient
    const decoded = yield* client.request(
      { method, path: resolved, query, ...(body === undefined ? {} : { body }) },
      schema,
      endpoint
    )
    return decoded.value
  })

/** A string field of a body or query: `undefined` stays absent; otherwise a non-empty string. */
export const text = (
  field: string,
  value: unknown
): Either.Either<string | undefined, InvalidParameterError> =>
  value === undefined
    ? Either.right(undefined)
    : typeof value === "string" && value !== ""
      ? Either.right(value)
      : invalid(
          field,
          "a non-empty string",
          typeof value === "string" ? JSON.stringify(value) : String(value)
        )

/** A required string field: a non-empty string. */
export const required = (field: string, value: unknown): Either.Either<string, InvalidParameterError> =>
  typeof value === "string" && value !== ""
    ? Either.right(value)
    : invalid(
        field,
        "a non-empty string (required)",
        typeof value === "string" ? JSON.stringify(value) : String(value)
      )

/** A boolean query field, sent as `true`/`false`. */
export const flag = (
  field: string,
  value: unknown
): Either.Either<boolean | undefined, InvalidParameterError> =>
  value === undefined || typeof value === "boolean"
    ? Either.right(value)
    : invalid(field, "true or false", String(value))

/** The validated cursor part of a list query. */
interface ListQuery {
  readonly limit: number | undefined
  readonly afterId: string | undefined
  readonly beforeId: string | undefined
}

const validateList = (params: IdListParams): Either.Either<ListQuery, InvalidParameterError> =>
  Either.gen(function* () {
    const limit = yield* checkLimit(params.limit, MAX_LIST_LIMIT, " (items per page)")
    const afterId = yield* text("afterId", params.afterId)
    const beforeId = yield* text("beforeId", params.beforeId)
    if (afterId !== undefined && beforeId !== undefined) {
      return yield* invalid(
        "beforeId",
        "afterId or beforeId, not both (one direction per list; reference §2 B)",
        `afterId ${afterId} and beforeId ${beforeId}`
      )
    }
    return { limit, afterId, beforeId }
  })

const shorten = (cursor: string) => (cursor.length > 40 ? `${cursor.slice(0, 37)}...` : cursor)

/**
 * The three list levels of one management list endpoint: `listPage` (one
 * request), `listPages` (every page, forward from `afterId` or backward from
 * `beforeId`) and `list` (the items). `filters` are the endpoint's own query
 * parameters, validated and encoded by the caller.
 */
export const idList = <A, I>(endpoint: string, item: Schema.Schema<A, I>) => {
  const schema = IdListPage(item)
  const pairs = (
    list: ListQuery,
    cursor: { readonly after?: string | undefined; readonly before?: string | undefined },
    filters: ReadonlyArray<readonly [string, string]>
  ) => {
    const out: Array<readonly [string, string]> = []
    if (list.limit !== undefined) out.push(["limit", String(list.limit)])
    if (cursor.after !== undefined) out.push(["after_id", cursor.after])
    if (cursor.before !== undefined) out.push(["before_id", cursor.before])
    return [...out, ...filters]
  }
  type Filters = Either.Either<ReadonlyArray<readonly [string, string]>, InvalidParameterError>
  type Path = Either.Either<string, InvalidParameterError>

  const listPage = (
    path: Path,
    params: IdListParams,
    filters: Filters
  ): Effect.Effect<typeof schema.Type, AdminApiError, AdminApiClient> =>
    Effect.gen(function* () {
      const list = yield* validateList(params)
      return yield* send("GET", path, schema, endpoint, {
        query: Either.map(filters, (f) => pairs(list, { after: list.afterId, before: list.beforeId }, f))
      })
    })

  const listPages = (
    path: Path,
    params: IdListParams,
    filters: Filters
  ): Stream.Stream<IdPage<A>, AdminApiError, AdminApiClient> =>
    Stream.unwrap(
      Effect.gen(function* () {
        const resolved = yield* path
        const list = yield* validateList(params)
        const extra = yield* filters
        const backward = list.beforeId !== undefined
        const first = backward ? list.beforeId : list.afterId
        return Stream.paginateChunkEffect(
          { cursor: first, seen: new Set(first === undefined ? [] : [first]) },
          ({ cursor, seen }) =>
            Effect.gen(function* () {
              const client = yield* AdminApiClient
              const wireCursor = backward ? { before: cursor } : { after: cursor }
              const { headers, requestId, value } = yield* client.get(
                { path: resolved, query: pairs(list, wireCursor, extra), betas: [] },
                schema,
                endpoint
              )
              const page: IdPage<A> = {
                data: value.data,
                afterId: backward ? undefined : cursor,
                beforeId: backward ? cursor : undefined,
                firstId: value.first_id ?? undefined,
                lastId: value.last_id ?? undefined,
                hasMore: value.has_more,
                requestId,
                headers
              }
              if (!value.has_more) return [Chunk.of(page), Option.none()] as const
              const contract = (reason: string) =>
                new PaginationContractError({
                  endpoint,
                  reason,
                  ...(requestId === undefined ? {} : { requestId })
                })
              const next = backward ? value.first_id : value.last_id
              if (next === null || next === "") {
                return yield* Effect.fail(
                  contract(`has_more is true but ${backward ? "first_id" : "last_id"} is empty`)
                )
              }
              if (seen.has(next)) {
                return yield* Effect.fail(
                  contract(
                    `${backward ? "first_id" : "last_id"} repeats the cursor ${shorten(next)} already used`
                  )
                )
              }
              return [
                Chunk.of(page),
                Option.some({ cursor: next as string | undefined, seen: new Set([...seen, next]) })
              ] as const
            })
        )
      })
    )

  const list = (
    path: Path,
    params: IdListParams,
    filters: Filters
  ): Stream.Stream<A, AdminApiError, AdminApiClient> =>
    Stream.mapConcat(listPages(path, params, filters), (page) => page.data)

  return { schema, listPage, listPages, list }
}

/** Query pairs from optional scalars and arrays (`name[]`, repeated), in the order given. */
export const queryOf = (
  entries: ReadonlyArray<readonly [string, string | boolean | ReadonlyArray<string> | undefined]>
): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  for (const [name, value] of entries) {
    if (value === undefined) continue
    if (typeof value === "string" || typeof value === "boolean") out.push([name, String(value)])
    else for (const v of value) out.push([name, v])
  }
  return out
}
