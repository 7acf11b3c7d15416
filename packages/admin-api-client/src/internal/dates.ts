import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import { InvalidParameterError } from "../AdminApiError.js"
import { align, type BucketWidth } from "../TimeWindow.js"

/** What a caller may pass for an instant: a `Date`, a `DateTime` or an RFC 3339 string. */
export type DateInput = Date | DateTime.DateTime | string

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/i
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MILLIS = 86_400_000

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/**
 * Whether the calendar fields are real: month 1–12, a day that exists in that
 * month (no 2026-02-30), hour 0–23 (no `24:00`), minute and second 0–59, and
 * an offset within ±23:59. `Date` and `DateTime` would silently move an
 * impossible date (2026-02-30 → 2026-03-02); the API must never see one.
 */
const realCalendar = (m: RegExpExecArray): boolean => {
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  if (m[4] === undefined) return true
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? "0")]
  if (hour > 23 || minute > 59 || second > 59) return false
  return m[9] === undefined || (Number(m[10]) <= 23 && Number(m[11]) <= 59)
}

/**
 * Parses a {@link DateInput} into a UTC `DateTime`, or fails naming the field.
 * Strings are RFC 3339 instants or `YYYY-MM-DD` days (UTC midnight); an
 * impossible calendar date or time (2026-02-30, 24:00, 12:60) is rejected,
 * never moved.
 */
export const toUtc = (
  field: string,
  input: DateInput
): Either.Either<DateTime.Utc, InvalidParameterError> => {
  const bad = (received: string) =>
    Either.left(
      new InvalidParameterError({
        field,
        allowed:
          "a Date, a DateTime, or a real calendar instant as RFC 3339 such as 2026-03-01T00:00:00Z (or a YYYY-MM-DD day); hours 00-23",
        received
      })
    )
  if (typeof input === "string") {
    const match = RFC3339.exec(input) ?? DAY.exec(input)
    if (match === null || !realCalendar(match)) return bad(JSON.stringify(input))
    const parsed = DateTime.make(DAY.test(input) ? `${input}T00:00:00Z` : input)
    return parsed._tag === "Some" ? Either.right(DateTime.toUtc(parsed.value)) : bad(JSON.stringify(input))
  }
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? bad("Invalid Date") : Either.right(DateTime.unsafeFromDate(input))
  }
  if (DateTime.isDateTime(input)) return Either.right(DateTime.toUtc(input))
  return bad(String(input))
}

/** Parses a {@link DateInput} that must be a UTC midnight (a whole UTC day). */
export const toUtcDay = (
  field: string,
  input: DateInput
): Either.Either<DateTime.Utc, InvalidParameterError> =>
  Either.flatMap(toUtc(field, input), (instant) =>
    instant.epochMillis % DAY_MILLIS === 0
      ? Either.right(instant)
      : Either.left(
          new InvalidParameterError({
            field,
            allowed: "one UTC day: a YYYY-MM-DD string, or a Date/DateTime/RFC 3339 instant at 00:00 UTC",
            received: formatInstant(instant)
          })
        )
  )

/** `end` must be after `start`. */
export const checkOrder = (
  startField: string,
  start: DateTime.Utc,
  endField: string,
  end: DateTime.Utc | undefined
): Either.Either<void, InvalidParameterError> =>
  end === undefined || end.epochMillis > start.epochMillis
    ? Either.void
    : Either.left(
        new InvalidParameterError({
          field: endField,
          allowed: `an instant after ${startField}`,
          received: `${formatInstant(end)} (${startField} ${formatInstant(start)})`
        })
      )

/** RFC 3339 with seconds precision, as the API's own examples: `2026-03-01T00:00:00Z`. */
export const formatInstant = (dt: DateTime.Utc): string => DateTime.formatIso(dt).replace(/\.000Z$/, "Z")

/** A UTC day as `YYYY-MM-DD`. */
export const formatDay = (dt: DateTime.Utc): string => DateTime.formatIso(dt).slice(0, 10)

/** Milliseconds in a UTC day. */
export const DAY_MS = DAY_MILLIS

/**
 * The range a report query sends: `starting_at` floored and `ending_at`
 * rounded up to bucket edges (see `TimeWindow.align`, reference §10.2). An
 * absent end stays absent.
 */
export const alignRange = (
  start: DateTime.Utc,
  end: DateTime.Utc | undefined,
  bucketWidth: BucketWidth
): { readonly start: DateTime.Utc; readonly end: DateTime.Utc | undefined } =>
  end === undefined
    ? { start: align({ start, end: start }, bucketWidth).start, end: undefined }
    : align({ start, end }, bucketWidth)
