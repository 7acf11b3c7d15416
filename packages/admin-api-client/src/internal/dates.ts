import { DateTime, Either } from "effect"
import { InvalidParameterError } from "../AdminApiError.js"

/** What a caller may pass for an instant: a `Date`, a `DateTime` or an RFC 3339 string. */
export type DateInput = Date | DateTime.DateTime | string

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/

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
  return Either.right(DateTime.toUtc(input))
}

/** RFC 3339 with seconds precision, as the API's own examples: `2026-03-01T00:00:00Z`. */
export const formatInstant = (dt: DateTime.Utc): string => DateTime.formatIso(dt).replace(/\.000Z$/, "Z")
