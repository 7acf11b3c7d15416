/**
 * The report range from `--start`/`--end` or `--last`, as UTC instants.
 *
 * - `--start 2026-03-01` is that UTC midnight; `--end 2026-03-31` is a whole
 *   day, so the range runs to 2026-04-01T00:00:00Z (inclusive end date).
 * - RFC 3339 instants (`2026-03-01T12:00:00Z`, `…+02:00`) are taken as given;
 *   an RFC 3339 `--end` is exclusive, as in the API.
 * - `--last 30d` is the 30 UTC days ending with today (today so far
 *   included); `--last 24h` the 24 whole hours ending with the current one;
 *   `--last 90m` the same in minutes; `--last 2w` is `--last 14d`.
 * - With only `--start`, the range ends with today; with nothing, it is
 *   `--last 7d`.
 * - `--period last-month` (and the other `PERIODS`) is a calendar period in
 *   whole UTC days; weeks are ISO weeks (Monday to Sunday); a `this-…` period
 *   runs to the end of today. `--start`, `--end` (and `claude-code --date`)
 *   also take `today` and `yesterday`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { TimeWindow } from "@rawdash/anthropic-admin-api"
import { MAX_LAST_DAYS, type Period, PERIODS } from "./CommandSpec.js"
import { FlagError } from "./FlagError.js"
import * as Rollup from "./Rollup.js"

export {
  /** The calendar periods of `--period`. @since 0.2.0 */
  PERIODS,
  /**
   * The longest `--last`: 1826 days, five years (one of them a leap year). It
   * is well beyond the history the API keeps, and keeps every computed date
   * valid however large the number typed.
   * @since 0.2.0
   */
  MAX_LAST_DAYS
}
/** @since 0.2.0 */
export type { Period }

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The unit a range is aligned to. @since 0.1.0 */
export type Unit = "d" | "h" | "m"

/**
 * A half-open range `[start, end)`.
 * @since 0.1.0
 */
export interface TimeRange {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc
  /** The coarsest unit both edges fall on: `d` for whole UTC days. */
  readonly unit: Unit
  /** The `--period` it was given as, if any (named in labels). @since 0.2.0 */
  readonly period?: Period | undefined
}

/** The flags a range is read from. @since 0.1.0 */
export interface Input {
  readonly start: Option.Option<string>
  readonly end: Option.Option<string>
  readonly last: Option.Option<string>
  /** `--period`; absent for commands without it. @since 0.2.0 */
  readonly period?: Option.Option<Period>
}

const UNIT_MS: Record<Unit, number> = { d: DAY, h: HOUR, m: MINUTE }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
] as const

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/** UTC midnight of a (checked) calendar date; unlike `Date.UTC`, years 0–99 are taken as written. */
const utcMidnight = (year: number, month: number, day: number) => {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.getTime()
}

/** Why a calendar date is impossible, or `undefined` if it exists. */
const badDay = (year: number, month: number, day: number): string | undefined => {
  if (month < 1 || month > 12) return `there is no month ${String(month).padStart(2, "0")}`
  const last = daysInMonth(year, month)
  if (day < 1 || day > last) {
    return `there is no ${MONTHS[month - 1]} ${day} in ${year} (${MONTHS[month - 1]} has ${last} days)`
  }
  return undefined
}

/** Why a time of day is impossible (`24:00` included), or `undefined`. */
const badTime = (hour: number, minute: number, second: number): string | undefined => {
  if (hour === 24) return "24:00 is not accepted: write 00:00 of the next day"
  if (hour > 23) return `there is no hour ${hour}`
  if (minute > 59) return `there is no minute ${minute}`
  if (second > 59) return `there is no second ${second} (leap seconds are not accepted)`
  return undefined
}

const FORMATS_HINT = "a date (2026-03-01, today, yesterday) or an RFC 3339 instant (2026-03-01T12:00:00Z)"

/**
 * Parses a `--start`/`--end` value. Every component is checked, so an
 * impossible date (`2026-02-30`, `2026-02-30T10:00:00Z`) or time (`24:00`)
 * is refused, naming the flag, instead of being rolled over into the next
 * day or month as `Date` would.
 * @since 0.2.0
 */
export const parseDate = (
  flag: string,
  value: string,
  now?: number
): Either.Either<{ readonly ms: number; readonly dateOnly: boolean }, FlagError> => {
  const text = value.trim()
  if (now !== undefined && (text === "today" || text === "yesterday")) {
    const today = Math.floor(now / DAY) * DAY
    return Either.right({ ms: text === "today" ? today : today - DAY, dateOnly: true })
  }
  const fail = (why: string) =>
    Either.left(new FlagError({ flag, reason: `"${value}" is not a valid date: ${why}` }))
  const date = DATE.exec(text)
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
    const why = badDay(year, month, day)
    if (why !== undefined) return fail(why)
    return Either.right({ ms: utcMidnight(year, month, day), dateOnly: true })
  }
  const instant = RFC3339.exec(text)
  if (instant) {
    const n = (i: number) => Number(instant[i] ?? "0")
    const why =
      badDay(n(1), n(2), n(3)) ??
      badTime(n(4), n(5), n(6)) ??
      (instant[9] !== undefined && (n(10) > 23 || n(11) > 59)
        ? `there is no UTC offset ${instant[9]}${instant[10]}:${instant[11]}`
        : undefined)
    if (why !== undefined) return fail(why)
    const ms = Date.parse(text.replace(" ", "T"))
    if (!Number.isNaN(ms)) return Either.right({ ms, dateOnly: false })
  }
  return Either.left(new FlagError({ flag, reason: `expected ${FORMATS_HINT}; got "${value}"` }))
}

const isoDay = (ms: number) => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10)

const unitOf = (ms: number): Unit => (ms % DAY === 0 ? "d" : ms % HOUR === 0 ? "h" : "m")

const coarsest = (a: Unit, b: Unit): Unit =>
  a === "m" || b === "m" ? "m" : a === "h" || b === "h" ? "h" : "d"

/** The largest `--last` count per unit (each is {@link MAX_LAST_DAYS}). */
const MAX_COUNT: Record<Unit | "w", number> = {
  d: MAX_LAST_DAYS,
  w: Math.floor(MAX_LAST_DAYS / 7),
  h: MAX_LAST_DAYS * 24,
  m: MAX_LAST_DAYS * 24 * 60
}

const LAST_RANGE = `from 1 to ${MAX_COUNT.d}d (5 years), ${MAX_COUNT.w}w, ${MAX_COUNT.h}h or ${MAX_COUNT.m}m`

/**
 * Parses a `--last` duration: `30d`, `24h`, `90m`, `2w` — a whole number
 * from 1 up to five years ({@link MAX_LAST_DAYS} days) in that unit.
 * @since 0.1.0
 */
export const parseLast = (value: string): Either.Either<{ count: number; unit: Unit }, FlagError> => {
  const match = /^(\d+)\s*([dhmw])$/.exec(value.trim())
  if (!match) {
    return Either.left(
      new FlagError({
        flag: "--last",
        reason: `expected a whole number and a unit, like 30d, 24h, 90m or 2w (${LAST_RANGE}); got "${value}"`
      })
    )
  }
  const unit = match[2] as Unit | "w"
  const count = Number(match[1])
  if (!(count >= 1 && count <= MAX_COUNT[unit])) {
    return Either.left(
      new FlagError({
        flag: "--last",
        reason: `${match[1]}${unit} is out of range: allowed ${LAST_RANGE}`
      })
    )
  }
  return unit === "w" ? Either.right({ count: count * 7, unit: "d" }) : Either.right({ count, unit })
}

/**
 * The whole UTC days of a calendar period at the instant `now`: `[start, end)`.
 * @since 0.2.0
 */
export const period = (name: Period, now: number): { readonly start: number; readonly end: number } => {
  const today = Math.floor(now / DAY) * DAY
  const tomorrow = today + DAY
  const date = new Date(today)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const quarter = Math.floor(month / 3) * 3
  const week = Rollup.startOf(today, "week")
  switch (name) {
    case "today":
      return { start: today, end: tomorrow }
    case "yesterday":
      return { start: today - DAY, end: today }
    case "this-week":
    case "week-to-date":
      return { start: week, end: tomorrow }
    case "last-week":
      return { start: week - 7 * DAY, end: week }
    case "this-month":
    case "month-to-date":
      return { start: Date.UTC(year, month, 1), end: tomorrow }
    case "last-month":
      return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) }
    case "this-quarter":
    case "quarter-to-date":
      return { start: Date.UTC(year, quarter, 1), end: tomorrow }
    case "last-quarter":
      return { start: Date.UTC(year, quarter - 3, 1), end: Date.UTC(year, quarter, 1) }
    case "this-year":
    case "year-to-date":
      return { start: Date.UTC(year, 0, 1), end: tomorrow }
    case "last-year":
      return { start: Date.UTC(year - 1, 0, 1), end: Date.UTC(year, 0, 1) }
  }
}

/**
 * Resolves the range flags at the instant `now` (ms since epoch).
 * @since 0.1.0
 */
export const resolve = (
  input: Input,
  now: number,
  fallbackLast = "7d"
): Either.Either<TimeRange, FlagError> =>
  Either.gen(function* () {
    const named = input.period ?? Option.none()
    if (Option.isSome(named)) {
      const other = Option.isSome(input.last)
        ? "--last"
        : Option.isSome(input.start)
          ? "--start"
          : Option.isSome(input.end)
            ? "--end"
            : undefined
      if (other !== undefined) {
        return yield* Either.left(
          new FlagError({ flag: "--period", reason: `use either --period or ${other}, not both` })
        )
      }
      const { start, end } = period(named.value, now)
      return {
        start: DateTime.unsafeMake(start),
        end: DateTime.unsafeMake(end),
        unit: "d" as const,
        period: named.value
      }
    }
    if (Option.isSome(input.last) && (Option.isSome(input.start) || Option.isSome(input.end))) {
      return yield* Either.left(
        new FlagError({ flag: "--last", reason: "use either --last or --start/--end, not both" })
      )
    }
    if (Option.isNone(input.start)) {
      if (Option.isSome(input.end)) {
        return yield* Either.left(new FlagError({ flag: "--start", reason: "--end needs a --start" }))
      }
      const { count, unit } = yield* parseLast(Option.getOrElse(input.last, () => fallbackLast))
      const size = UNIT_MS[unit]
      const end = Math.floor(now / size) * size + size
      return { start: DateTime.unsafeMake(end - count * size), end: DateTime.unsafeMake(end), unit }
    }
    const start = yield* parseDate("--start", input.start.value, now)
    const end = Option.isSome(input.end)
      ? yield* parseDate("--end", input.end.value, now)
      : { ms: Math.floor(now / DAY) * DAY, dateOnly: true }
    const endMs = end.dateOnly ? end.ms + DAY : end.ms
    if (endMs <= start.ms) {
      // Without --end the range runs to the end of today: an empty range is the --start's fault.
      if (Option.isNone(input.end)) {
        return yield* Either.left(
          new FlagError({
            flag: "--start",
            reason: `${input.start.value} is in the future: without --end the range runs to the end of today (${isoDay(now)}), so it would be empty; give a --start up to today, or an --end after it`
          })
        )
      }
      return yield* Either.left(
        new FlagError({
          flag: "--end",
          reason: `the range would be empty: --start ${input.start.value}, --end ${input.end.value} (a date --end is included, an instant --end is excluded)`
        })
      )
    }
    return {
      start: DateTime.unsafeMake(start.ms),
      end: DateTime.unsafeMake(endMs),
      unit: coarsest(unitOf(start.ms), unitOf(endMs))
    }
  })

/**
 * {@link resolve} at the current time of `Clock`.
 * @since 0.1.0
 */
export const current = (input: Input, fallbackLast = "7d"): Effect.Effect<TimeRange, FlagError> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => resolve(input, now, fallbackLast))

/**
 * The range a report with buckets of `width` really covers: every bucket that
 * overlaps the range, whole — the start floored and the end rounded up to a
 * bucket edge, the client's rule for every report (`TimeWindow.align`). For a
 * daily report these are the UTC days the range touches, so `--last 24h`
 * covers two whole days, and that is what the label must say.
 * @since 0.2.0
 */
export const covered = (range: TimeRange, width: TimeWindow.BucketWidth): TimeRange => {
  const aligned = TimeWindow.align({ start: range.start, end: range.end }, width)
  return {
    start: aligned.start,
    end: aligned.end,
    unit: coarsest(unitOf(aligned.start.epochMillis), unitOf(aligned.end.epochMillis)),
    period: range.period
  }
}

/**
 * A note for output whose buckets reach beyond the range asked for
 * (`undefined` when they do not): which range was asked for and that the
 * buckets it touches are counted whole.
 * @since 0.2.0
 */
export const coveredNote = (asked: TimeRange, width: TimeWindow.BucketWidth): string | undefined => {
  const real = covered(asked, width)
  if (real.start.epochMillis === asked.start.epochMillis && real.end.epochMillis === asked.end.epochMillis) {
    return undefined
  }
  const unit = width === "1d" ? "UTC day" : width === "1h" ? "hour" : "minute"
  const count = Math.round((real.end.epochMillis - real.start.epochMillis) / TimeWindow.BUCKET_MILLIS[width])
  const buckets = width === "1d" ? "daily" : width === "1h" ? "hourly" : "per-minute"
  return `The report has ${buckets} buckets: the range asked for, ${label(asked)}, touches ${count === 1 ? `1 ${unit}, and it is` : `${count} ${unit}s, and they are`} counted whole.`
}

/**
 * The whole UTC days of a day-aligned range, as `YYYY-MM-DD` of the first
 * day and the (exclusive) day after the last.
 * @since 0.1.0
 */
export const days = (
  range: TimeRange
): { readonly from: string; readonly to: string; readonly count: number } => ({
  from: DateTime.formatIso(range.start).slice(0, 10),
  to: DateTime.formatIso(range.end).slice(0, 10),
  count: Math.round((range.end.epochMillis - range.start.epochMillis) / DAY)
})

/**
 * A short human label: `2026-03-01 → 2026-03-30 (30 days)`; the end shown is
 * the last day (inclusive) for day ranges, the exclusive instant otherwise.
 * A range given as a `--period` names it: `2026-10-01 → 2026-10-31 (31 days, last month)`.
 * @since 0.1.0
 */
export const label = (range: TimeRange): string => {
  if (range.unit === "d") {
    const { from, count } = days(range)
    const last = DateTime.formatIso(DateTime.unsafeMake(range.end.epochMillis - DAY)).slice(0, 10)
    const named = range.period === undefined ? "" : `, ${range.period.replace(/-/g, " ")}`
    return count === 1 ? `${from} (1 day${named})` : `${from} → ${last} (${count} days${named})`
  }
  const fmt = (d: DateTime.Utc) => DateTime.formatIso(d).slice(0, 16).replace("T", " ")
  return `${fmt(range.start)} → ${fmt(range.end)} UTC`
}
