import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as DateTime from "effect/DateTime"
import type { Decoded } from "../AdminApiClient.js"
import { type AdminApiError, PaginationContractError } from "../AdminApiError.js"
import type { Page } from "../Pagination.js"
import { scrubber } from "./response.js"

interface Envelope<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more: boolean
  readonly next_page: string | null
}

/**
 * Cursors as the caller sees them (in `Page` and in errors): any `sk-ant-`
 * token a hostile or broken server echoed into one is redacted; the cursor
 * sent back to the API is the one it issued.
 */
const visible = scrubber("")

/** A cursor for a message: scrubbed first, then cut (a key straddling the cut leaves no prefix). */
const shorten = (cursor: string) => {
  const safe = visible(cursor)
  return safe.length > 40 ? `${safe.slice(0, 37)}...` : safe
}

/** Bucketed reports: each bucket must start after the previous one. */
export const bucketOrder = (bucket: { readonly starting_at: DateTime.Utc }): number =>
  bucket.starting_at.epochMillis

/**
 * Follows `next_page` from `startPage`, one request per page, and fails with
 * a `PaginationContractError` on `has_more` without a cursor, a repeated
 * cursor, or (when `order` is given) an item that does not come strictly
 * after the previous one, which is how a cursor that leads back to an
 * earlier page shows. `fetch` is the (already retried) single-page request.
 */
export const paginate = <A, R>(
  endpoint: string,
  startPage: string | undefined,
  fetch: (page: string | undefined) => Effect.Effect<Decoded<Envelope<A>>, AdminApiError, R>,
  order?: (item: A) => number
): Stream.Stream<Page<A>, AdminApiError, R> => paginateWith(endpoint, startPage, fetch, (page) => page, order)

/**
 * {@link paginate}, each page built by `decorate` from the plain page and the
 * decoded envelope (e.g. to add the analytics API's `data_refreshed_at`).
 */
export const paginateWith = <A, E extends Envelope<A>, P, R>(
  endpoint: string,
  startPage: string | undefined,
  fetch: (page: string | undefined) => Effect.Effect<Decoded<E>, AdminApiError, R>,
  decorate: (page: Page<A>, envelope: E) => P,
  order?: (item: A) => number
): Stream.Stream<P, AdminApiError, R> =>
  Stream.paginateChunkEffect(
    {
      cursor: startPage,
      seen: new Set(startPage === undefined ? [] : [startPage]),
      last: Number.NEGATIVE_INFINITY
    },
    ({ cursor, last, seen }) =>
      Effect.flatMap(fetch(cursor), ({ headers, requestId, value }) => {
        const nextPage = value.has_more ? value.next_page : null
        const page: Page<A> = {
          data: value.data,
          page: cursor === undefined ? undefined : visible(cursor),
          nextPage: nextPage === null ? undefined : visible(nextPage),
          requestId,
          headers
        }
        const contract = (reason: string) =>
          new PaginationContractError({ endpoint, reason, ...(requestId === undefined ? {} : { requestId }) })
        let previous = last
        if (order !== undefined) {
          for (const item of value.data) {
            const at = order(item)
            if (!(at > previous)) {
              return Effect.fail(
                contract(
                  `an item at ${new Date(at).toISOString()} does not follow the previous one at ${new Date(previous).toISOString()} (pages overlap or are out of order)`
                )
              )
            }
            previous = at
          }
        }
        const emitted = decorate(page, value)
        if (!value.has_more) return Effect.succeed([Chunk.of(emitted), Option.none()] as const)
        if (nextPage === null || nextPage === "") {
          return Effect.fail(contract("has_more is true but next_page is empty"))
        }
        if (seen.has(nextPage)) {
          return Effect.fail(contract(`next_page repeats the cursor ${shorten(nextPage)} already used`))
        }
        return Effect.succeed([
          Chunk.of(emitted),
          Option.some({
            cursor: nextPage as string | undefined,
            seen: new Set([...seen, nextPage]),
            last: previous
          })
        ] as const)
      })
  )
