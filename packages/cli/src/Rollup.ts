/**
 * Weekly and monthly views, rolled up from daily buckets: the API's
 * buckets are at most a day wide, so `--bucket week|month` reads daily
 * buckets and adds them up exactly per ISO week (Monday to Sunday, UTC) or
 * calendar month (UTC). A week or month that the range only partly covers is
 * cut at the range's edges: its row holds only the days of the range, and
 * its label names them.
 *
 * @since 0.2.0
 */
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import type { DAILY_BUCKETS } from "./CommandSpec.js"
import type * as Output from "./Output.js"
import type * as TimeRange from "./TimeRange.js"

const DAY = 86_400_000

/** The roll-up widths. @since 0.2.0 */
export type Width = "week" | "month"

/** The UTC midnight that starts the week (Monday) or month `ms` falls in. @since 0.2.0 */
export const startOf = (ms: number, width: Width): number => {
  const day = Math.floor(ms / DAY) * DAY
  const date = new Date(day)
  if (width === "week") return day - ((date.getUTCDay() + 6) % 7) * DAY
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
}

/** The UTC midnight that starts the next week or month after the one starting at `start`. @since 0.2.0 */
export const next = (start: number, width: Width): number => {
  if (width === "week") return start + 7 * DAY
  const date = new Date(start)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}

/** A bucket: `[start, end)` in ms. @since 0.2.0 */
export interface Bucket {
  readonly start: number
  readonly end: number
}

/**
 * The week or month the day at `ms` belongs to, cut to `range`.
 * @since 0.2.0
 */
export const bucket = (
  ms: number,
  width: Width,
  range: { readonly start: DateTime.Utc; readonly end: DateTime.Utc }
): Bucket => {
  const start = startOf(ms, width)
  return {
    start: Math.max(start, range.start.epochMillis),
    end: Math.min(next(start, width), range.end.epochMillis)
  }
}

/** Whether `bucket` is a whole week or month. @since 0.2.0 */
export const isWhole = (b: Bucket, width: Width): boolean =>
  startOf(b.start, width) === b.start && next(b.start, width) === b.end

const date = (ms: number) => DateTime.formatIso(DateTime.unsafeMake(ms)).slice(0, 10)

/**
 * A bucket's table label: a whole month as `2026-03`; otherwise the first
 * and last day summed, `2026-03-02 → 2026-03-08`.
 * @since 0.2.0
 */
export const label = (b: Bucket, width: Width): string => {
  if (width === "month" && isWhole(b, width)) return date(b.start).slice(0, 7)
  const last = b.end - DAY
  return last === b.start ? date(b.start) : `${date(b.start)} → ${date(last)}`
}

/** The table header of the bucket column. @since 0.2.0 */
export const header = (width: Width): string => (width === "week" ? "week\n(ISO, UTC)" : "month\n(UTC)")

/** How the title says the rows are laid out. @since 0.2.0 */
export const per = (width: Width): string =>
  width === "week" ? "per ISO week (Monday to Sunday, UTC)" : "per calendar month (UTC)"

/**
 * A note when the range cuts its first or last week or month (`undefined`
 * when every one is whole).
 * @since 0.2.0
 */
export const cutNote = (
  range: { readonly start: DateTime.Utc; readonly end: DateTime.Utc },
  width: Width
): string | undefined => {
  const first = bucket(range.start.epochMillis, width, range)
  const last = bucket(range.end.epochMillis - DAY, width, range)
  if (isWhole(first, width) && isWhole(last, width)) return undefined
  return `The range cuts its first or last ${width}: each row holds only the days it names.`
}

/**
 * The roll-up a daily report's `--bucket` asks for: `week` or `month`, or
 * `undefined` for days (`1d`, `day`, or no `--bucket`).
 * @since 0.2.0
 */
export const ofChoice = (choice: Option.Option<(typeof DAILY_BUCKETS)[number]>): Width | undefined =>
  Option.match(choice, {
    onNone: () => undefined,
    onSome: (b) => (b === "week" || b === "month" ? b : undefined)
  })

/**
 * The time columns of a report's rows: `starting_at` (shown in the table
 * under `dayHeader` for per-bucket rows that are not rolled up), the week or
 * month label (table only, for rolled-up rows), and `ending_at` (machine
 * formats only).
 * @since 0.2.0
 */
export const timeColumns = <
  R extends { readonly starting_at: DateTime.Utc; readonly ending_at: DateTime.Utc }
>(
  perBucket: boolean,
  rollup: Width | undefined,
  dayHeader: string
): ReadonlyArray<Output.Column<R>> => [
  {
    name: "starting_at",
    header: dayHeader,
    kind: "instant",
    value: (r) => r.starting_at,
    table: perBucket && rollup === undefined
  },
  ...(perBucket && rollup !== undefined
    ? [
        {
          name: rollup,
          header: header(rollup),
          kind: "text",
          value: (r: R) => label({ start: r.starting_at.epochMillis, end: r.ending_at.epochMillis }, rollup),
          machine: false
        } as const
      ]
    : []),
  { name: "ending_at", kind: "instant", value: (r) => r.ending_at, table: false }
]

/**
 * The API's bucket width and the roll-up, from a `--bucket` of the reports
 * with API buckets (`usage`, `cost --api analytics`): `1m`, `1h`, `1d` (or
 * `day`) as given, `week`/`month` rolled up from days; without `--bucket`,
 * the finest width the range's edges need (its unit).
 * @since 0.3.0
 */
export const widths = (
  choice: Option.Option<"1m" | "1h" | "1d" | "day" | "week" | "month">,
  unit: TimeRange.Unit
): { readonly bucket: "1m" | "1h" | "1d"; readonly rollup: Width | undefined } => {
  if (Option.isNone(choice)) {
    return { bucket: unit === "d" ? "1d" : unit === "h" ? "1h" : "1m", rollup: undefined }
  }
  switch (choice.value) {
    case "week":
    case "month":
      return { bucket: "1d", rollup: choice.value }
    case "day":
      return { bucket: "1d", rollup: undefined }
    default:
      return { bucket: choice.value, rollup: undefined }
  }
}
