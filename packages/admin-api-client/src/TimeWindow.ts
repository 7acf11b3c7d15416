/**
 * Time windows: how a long range is cut into requests of at most one page of
 * buckets each, so they can be fetched concurrently and emitted in order.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"

/**
 * A half-open UTC interval `[start, end)`.
 * @since 0.1.0
 */
export interface Window {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc
}

/**
 * The bucket widths the report endpoints know: one minute, hour or day.
 * @since 0.1.0
 */
export type BucketWidth = "1m" | "1h" | "1d"

/**
 * Milliseconds per bucket for each width. UTC minutes, hours and days are
 * fixed multiples of the epoch, so bucket edges are multiples of these.
 * @since 0.1.0
 */
export const BUCKET_MILLIS: Readonly<Record<BucketWidth, number>> = {
  "1m": 60_000,
  "1h": 3_600_000,
  "1d": 86_400_000
}

/**
 * The start of the bucket containing `instant` (the API snaps `starting_at`
 * down to it).
 * @since 0.1.0
 */
export const floorToBucket = (instant: DateTime.Utc, bucketWidth: BucketWidth): DateTime.Utc => {
  const width = BUCKET_MILLIS[bucketWidth]
  return DateTime.unsafeMake(Math.floor(instant.epochMillis / width) * width)
}

/**
 * The buckets a report returns for `[start, end)`: every bucket that overlaps
 * it, as a bucket-aligned window (`start` floored and `end` rounded up to a
 * bucket edge). This is the client's one rule for ranges that do not fall on
 * bucket edges (reference §10.2: the live API floors `ending_at` to the day,
 * so an unaligned end would silently drop the last day, and a range inside
 * one day would be a 400). An `endingAt` inside a day therefore covers that
 * whole day; the reports send the aligned window.
 *
 * @example
 * ```ts
 * // 2026-03-01T05:00Z → 2026-03-02T07:30Z, daily: the two whole days
 * TimeWindow.align({ start, end }, "1d") // 2026-03-01T00:00Z → 2026-03-03T00:00Z
 * ```
 * @since 0.2.0
 */
export const align = (window: Window, bucketWidth: BucketWidth): Window => {
  const width = BUCKET_MILLIS[bucketWidth]
  return {
    start: DateTime.unsafeMake(Math.floor(window.start.epochMillis / width) * width),
    end: DateTime.unsafeMake(Math.ceil(window.end.epochMillis / width) * width)
  }
}

/**
 * How many buckets of `bucketWidth` the window touches (a window that starts
 * or ends inside a bucket still touches that whole bucket).
 * @since 0.1.0
 */
export const bucketCount = (window: Window, bucketWidth: BucketWidth): number => {
  const width = BUCKET_MILLIS[bucketWidth]
  const first = Math.floor(window.start.epochMillis / width)
  const last = Math.ceil(window.end.epochMillis / width)
  return Math.max(0, last - first)
}

/**
 * Splits `[start, end)` into contiguous windows that cover it exactly (no
 * gap, no overlap; the first starts at `start`, the last ends at `end`), each
 * touching at most `maxBuckets` buckets. Every boundary between two windows
 * lies on a bucket edge, so no bucket is requested twice. An empty or
 * reversed range gives no windows.
 *
 * Throws a `RangeError` if `maxBuckets` is not a positive integer.
 *
 * @example
 * ```ts
 * // 70 days of daily buckets, 31 per page: three windows (31 + 31 + 8 days)
 * TimeWindow.split({ start, end, bucketWidth: "1d", maxBuckets: 31 })
 * ```
 * @since 0.1.0
 */
export const split = (options: {
  readonly start: DateTime.DateTime
  readonly end: DateTime.DateTime
  readonly bucketWidth: BucketWidth
  readonly maxBuckets: number
}): ReadonlyArray<Window> => {
  const { bucketWidth, maxBuckets } = options
  if (!Number.isSafeInteger(maxBuckets) || maxBuckets < 1) {
    throw new RangeError(`TimeWindow.split: maxBuckets must be a positive integer, got ${maxBuckets}`)
  }
  const width = BUCKET_MILLIS[bucketWidth]
  const end = DateTime.toEpochMillis(options.end)
  const windows: Array<Window> = []
  let cursor = DateTime.toEpochMillis(options.start)
  while (cursor < end) {
    const next = Math.min(Math.floor(cursor / width) * width + maxBuckets * width, end)
    windows.push({ start: DateTime.unsafeMake(cursor), end: DateTime.unsafeMake(next) })
    cursor = next
  }
  return windows
}
