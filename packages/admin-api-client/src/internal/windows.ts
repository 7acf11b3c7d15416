import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { type AdminApiError, PaginationContractError } from "../AdminApiError.js"
import { CURSOR_EXPIRED_RESTARTS, type Page } from "../Pagination.js"
import { BUCKET_MILLIS, bucketCount, type BucketWidth, floorToBucket, split } from "../TimeWindow.js"

/** A window to fetch; `end` is `undefined` when the caller gave no end (one open window). */
export interface OpenWindow {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
}

/**
 * Fetches every page of one window and checks the buckets against what the
 * window asked for, because a caller replaces exactly the window's buckets
 * with them (a missing bucket would erase a day): the legacy reports return
 * one bucket per interval, empty ones included (reference §3, §10), each
 * spanning exactly one bucket width on its edges. Fails with a
 * `PaginationContractError` (nothing of the window emitted) on
 * - a bucket not on the bucket width's edges, or not one width long;
 * - a bucket outside `[floor(start), end)` (a stray bucket), except one
 *   bucket starting exactly at `end` after the window is complete: whether
 *   the API includes the bucket starting at `ending_at` is unconfirmed
 *   (reference §3), and that bucket belongs to the next window, so it is
 *   left out rather than refused;
 * - a window whose buckets do not cover it, an empty `data` included (for a
 *   window without an end: buckets that are not contiguous from its start).
 *   Intervals that have not begun yet (after the current bucket, read from
 *   `Clock`) may be left out at the end: there is nothing to lose there.
 * Order and repeats across pages are checked by the pagination (`order`).
 * An expired cursor (410) restarts the window from its first page.
 */
export const collectWindow = <
  B extends { readonly starting_at: DateTime.Utc; readonly ending_at: DateTime.Utc },
  R
>(
  window: OpenWindow,
  bucketWidth: BucketWidth,
  pages: (window: OpenWindow) => Stream.Stream<Page<B>, AdminApiError, R>,
  endpoint = "the report"
): Effect.Effect<ReadonlyArray<B>, AdminApiError, R> => {
  const width = BUCKET_MILLIS[bucketWidth]
  const from = floorToBucket(window.start, bucketWidth).epochMillis
  const to = window.end === undefined ? undefined : Math.ceil(window.end.epochMillis / width) * width
  const range = `[${iso(from)}, ${to === undefined ? "open" : iso(to)})`
  return Effect.flatMap(
    restartOnExpiredCursor(
      Effect.suspend(() =>
        // the pages as they came (not a pair per bucket: a 1m window is 1,440 buckets)
        Stream.runFold(
          pages(window),
          { pages: [] as Array<Page<B>>, requestId: undefined as string | undefined },
          (acc, page) => {
            acc.pages.push(page)
            acc.requestId = page.requestId ?? acc.requestId
            return acc
          }
        )
      )
    ),
    ({ pages: collected, requestId: lastId }) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const contract = (reason: string, requestId: string | undefined) =>
          Effect.fail(
            new PaginationContractError({
              endpoint,
              reason: `${reason}; the window ${range} is refused whole, so no day is half-replaced`,
              ...(requestId === undefined ? {} : { requestId })
            })
          )
        let next = from
        const kept: Array<B> = []
        for (const { data, requestId } of collected) {
          for (const bucket of data) {
            const start = bucket.starting_at.epochMillis
            const end = bucket.ending_at.epochMillis
            if (start % width !== 0 || end - start !== width) {
              return contract(
                `the bucket ${iso(start)} → ${iso(end)} is not one ${bucketWidth} bucket on UTC ${bucketWidth} edges`,
                requestId
              )
            }
            if (to !== undefined && start === to && next === to) {
              // the bucket starting at ending_at (unconfirmed inclusivity): the next window's
              next = Number.POSITIVE_INFINITY
              continue
            }
            if (start < from || (to !== undefined && start >= to)) {
              return contract(`a bucket at ${iso(start)} lies outside the requested window`, requestId)
            }
            if (start !== next) {
              return contract(
                `the bucket at ${iso(next)} is missing (the next one starts at ${iso(start)})`,
                requestId
              )
            }
            next = end
            kept.push(bucket)
          }
        }
        // the end of the bucket in progress: later intervals have no data to lose
        const required = to === undefined ? undefined : Math.min(to, Math.ceil((now + 1) / width) * width)
        if (to !== undefined && required !== undefined && next < required) {
          return contract(
            collected.every((page) => page.data.length === 0)
              ? `no bucket at all for ${bucketCount({ start: window.start, end: DateTime.unsafeMake(to) }, bucketWidth)} intervals (the API returns one bucket per interval, empty ones included)`
              : `the buckets stop at ${iso(next)} (the API returns one bucket per interval, empty ones included)`,
            lastId
          )
        }
        return Effect.succeed(kept)
      })
  )
}

const iso = (millis: number) => new Date(millis).toISOString().replace(".000Z", "Z")

/** Every item of every page, in order (a fresh buffer per run, so a restart starts empty). */
export const collectPages = <A, R>(
  pages: Stream.Stream<Page<A>, AdminApiError, R>,
  keep: (item: A) => boolean = () => true
): Effect.Effect<ReadonlyArray<A>, AdminApiError, R> =>
  Effect.suspend(() =>
    Stream.runFold(pages, [] as Array<A>, (acc, page) => {
      for (const item of page.data) if (keep(item)) acc.push(item)
      return acc
    })
  )

/** Re-runs a whole window when its cursor expired; nothing of it was emitted yet. */
export const restartOnExpiredCursor = <A, R>(
  effect: Effect.Effect<A, AdminApiError, R>
): Effect.Effect<A, AdminApiError, R> =>
  Effect.retry(effect, {
    schedule: Schedule.recurs(CURSOR_EXPIRED_RESTARTS),
    while: (error) => error._tag === "CursorExpiredError"
  })

/** How a range is cut into windows and how many are fetched at once. */
export interface WindowingOptions {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
  readonly bucketWidth: BucketWidth
  readonly maxBuckets: number
  readonly concurrency: number
}

/**
 * Splits `[start, end)` into windows of at most `maxBuckets` buckets (one
 * open window without an end), runs `collect` on up to `concurrency` windows
 * at once and emits their buckets in time order.
 */
export const windowedCollect = <B, R>(
  options: WindowingOptions & {
    readonly collect: (window: OpenWindow) => Effect.Effect<ReadonlyArray<B>, AdminApiError, R>
  }
): Stream.Stream<B, AdminApiError, R> => {
  const windows: ReadonlyArray<OpenWindow> =
    options.end === undefined
      ? [{ start: options.start, end: undefined }]
      : split({
          start: options.start,
          end: options.end,
          bucketWidth: options.bucketWidth,
          maxBuckets: options.maxBuckets
        })
  return Stream.fromIterable(windows).pipe(
    Stream.mapEffect(options.collect, { concurrency: options.concurrency }),
    Stream.flattenIterables
  )
}

/**
 * {@link windowedCollect} where each window is every page of one query,
 * keeping the buckets the window owns.
 */
export const windowedBuckets = <
  B extends { readonly starting_at: DateTime.Utc; readonly ending_at: DateTime.Utc },
  R
>(
  options: WindowingOptions & {
    readonly pages: (window: OpenWindow) => Stream.Stream<Page<B>, AdminApiError, R>
    /** The endpoint named in contract errors. */
    readonly endpoint?: string | undefined
  }
): Stream.Stream<B, AdminApiError, R> =>
  windowedCollect({
    ...options,
    collect: (window) => collectWindow(window, options.bucketWidth, options.pages, options.endpoint)
  })
