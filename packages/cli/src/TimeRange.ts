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
 *
 * @since 0.1.0
 */
import { Clock, DateTime, Effect, Either, Option } from "effect"
import { FlagError } from "./FlagError.js"

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
}

/** The flags a range is read from. @since 0.1.0 */
export interface Input {
  readonly start: Option.Option<string>
  readonly end: Option.Option<string>
  readonly last: Option.Option<string>
}

const UNIT_MS: Record<Unit, number> = { d: DAY, h: HOUR, m: MINUTE }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/

const parseDate = (
  flag: string,
  value: string
): Either.Either<{ ms: number; dateOnly: boolean }, FlagError> => {
  const text = value.trim()
  const date = DATE.exec(text)
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))
    const back = new Date(ms).toISOString().slice(0, 10)
    if (back === text) return Either.right({ ms, dateOnly: true })
  } else if (RFC3339.test(text)) {
    const ms = Date.parse(text.replace(" ", "T"))
    if (!Number.isNaN(ms)) return Either.right({ ms, dateOnly: false })
  }
  return Either.left(
    new FlagError({
      flag,
      reason: `expected a date (2026-03-01) or an RFC 3339 instant (2026-03-01T12:00:00Z); got "${value}"`
    })
  )
}

const unitOf = (ms: number): Unit => (ms % DAY === 0 ? "d" : ms % HOUR === 0 ? "h" : "m")

const coarsest = (a: Unit, b: Unit): Unit =>
  a === "m" || b === "m" ? "m" : a === "h" || b === "h" ? "h" : "d"

/**
 * Parses a `--last` duration: `30d`, `24h`, `90m`, `2w`.
 * @since 0.1.0
 */
export const parseLast = (value: string): Either.Either<{ count: number; unit: Unit }, FlagError> => {
  const match = /^(\d+)\s*([dhmw])$/.exec(value.trim())
  const count = match ? Number(match[1]) : 0
  if (!match || count < 1) {
    return Either.left(
      new FlagError({
        flag: "--last",
        reason: `expected a count and a unit, like 30d, 24h, 90m or 2w; got "${value}"`
      })
    )
  }
  return match[2] === "w"
    ? Either.right({ count: count * 7, unit: "d" })
    : Either.right({ count, unit: match[2] as Unit })
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
    const start = yield* parseDate("--start", input.start.value)
    const end = Option.isSome(input.end)
      ? yield* parseDate("--end", input.end.value)
      : { ms: Math.floor(now / DAY) * DAY, dateOnly: true }
    const endMs = end.dateOnly ? end.ms + DAY : end.ms
    if (endMs <= start.ms) {
      return yield* Either.left(
        new FlagError({
          flag: "--end",
          reason: `the range would be empty: --start ${input.start.value}, --end ${Option.getOrElse(input.end, () => "today")} (a date --end is included, an instant --end is excluded)`
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
 * @since 0.1.0
 */
export const label = (range: TimeRange): string => {
  if (range.unit === "d") {
    const { from, count } = days(range)
    const last = DateTime.formatIso(DateTime.unsafeMake(range.end.epochMillis - DAY)).slice(0, 10)
    return count === 1 ? `${from} (1 day)` : `${from} → ${last} (${count} days)`
  }
  const fmt = (d: DateTime.Utc) => DateTime.formatIso(d).slice(0, 16).replace("T", " ")
  return `${fmt(range.start)} → ${fmt(range.end)} UTC`
}
