import { DateTime, Either } from "effect"
import { InvalidParameterError } from "../AdminApiError.js"

/** What a caller may pass for an instant: a `Date`, a `DateTime` or an RFC 3339 string. */
export type DateInput = Date | DateTime.DateTime | string

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MILLIS = 86_400_000

/** Parses a {@link DateInput} into a UTC `DateTime`, or fails naming the field. */
export const toUtc = (
  field: string,
  input: DateInput
): Either.Either<DateTime.Utc, InvalidParameterError> => {
  const bad = (received: string) =>
    Either.left(
      new InvalidParameterError({
        field,
        allowed:
          "a Date, a DateTime, or an RFC 3339 string such as 2026-03-01T00:00:00Z (or a YYYY-MM-DD day)",
        received
      })
    )
  if (typeof input === "string") {
    if (!RFC3339.test(input) && !DAY.test(input)) return bad(JSON.stringify(input))
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
