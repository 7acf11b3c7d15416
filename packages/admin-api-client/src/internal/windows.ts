import { type DateTime, Effect, Schedule, Stream } from "effect"
import type { AdminApiError } from "../AdminApiError.js"
import { CURSOR_EXPIRED_RESTARTS, type Page } from "../Pagination.js"
import { type BucketWidth, floorToBucket, split } from "../TimeWindow.js"

/** A window to fetch; `end` is `undefined` when the caller gave no end (one open window). */
export interface OpenWindow {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc | undefined
}

/**
 * Fetches every page of one window, then keeps the buckets the window owns:
 * those starting in `[floor(start), end)`. Whether the API includes a bucket
 * that starts exactly at `ending_at` is unconfirmed; owning buckets by their
 * start makes each bucket come from exactly one window either way.
 * An expired cursor (410) restarts the window from its first page.
 */
export const collectWindow = <B extends { readonly starting_at: DateTime.Utc }, R>(
  window: OpenWindow,
  bucketWidth: BucketWidth,
  pages: (window: OpenWindow) => Stream.Stream<Page<B>, AdminApiError, R>
): Effect.Effect<ReadonlyArray<B>, AdminApiError, R> => {
  const from = floorToBucket(window.start, bucketWidth).epochMillis
  const to = window.end?.epochMillis ?? Number.POSITIVE_INFINITY
  return restartOnExpiredCursor(
    collectPages(pages(window), (bucket) => {
      const at = bucket.starting_at.epochMillis
      return at >= from && at < to
    })
  )
}

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
export const windowedBuckets = <B extends { readonly starting_at: DateTime.Utc }, R>(
  options: WindowingOptions & {
    readonly pages: (window: OpenWindow) => Stream.Stream<Page<B>, AdminApiError, R>
  }
): Stream.Stream<B, AdminApiError, R> =>
  windowedCollect({
    ...options,
    collect: (window) => collectWindow(window, options.bucketWidth, options.pages)
  })
