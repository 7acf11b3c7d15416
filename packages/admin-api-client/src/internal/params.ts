import * as Either from "effect/Either"
import { InvalidParameterError } from "../AdminApiError.js"

/** A left `InvalidParameterError`. */
export const invalid = (field: string, allowed: string, received: string) =>
  Either.left(new InvalidParameterError({ field, allowed, received }))

const show = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : value === undefined ? "undefined" : String(value)

/** `limit` must be an integer in `[1, max]`; `context` says why `max` (e.g. "for bucketWidth 1h"). */
export const checkLimit = (
  limit: number | undefined,
  max: number,
  context: string
): Either.Either<number | undefined, InvalidParameterError> =>
  limit === undefined || (Number.isInteger(limit) && limit >= 1 && limit <= max)
    ? Either.right(limit)
    : invalid("limit", `an integer from 1 to ${max}${context}`, show(limit))

/** A cursor must be a non-empty string taken from a previous `next_page`. */
export const checkPage = (
  field: string,
  page: string | undefined
): Either.Either<string | undefined, InvalidParameterError> =>
  page === undefined || (typeof page === "string" && page !== "")
    ? Either.right(page)
    : invalid(field, "a non-empty cursor taken from a previous page's next_page", show(page))

/** Stream concurrency must be a positive integer. */
export const checkConcurrency = (
  concurrency: number | undefined,
  fallback: number
): Either.Either<number, InvalidParameterError> =>
  concurrency === undefined
    ? Either.right(fallback)
    : Number.isInteger(concurrency) && concurrency >= 1
      ? Either.right(concurrency)
      : invalid("concurrency", "a positive integer", show(concurrency))

/**
 * Array parameters: each value a non-empty string (`""` too with
 * `allowEmpty`) and, when `allowed` is given, one of them. Duplicates are
 * dropped (each value goes on the wire once).
 */
export const checkValues = (
  field: string,
  values: ReadonlyArray<string> | undefined,
  allowed?: ReadonlyArray<string>,
  allowEmpty = false
): Either.Either<ReadonlyArray<string>, InvalidParameterError> => {
  if (values === undefined) return Either.right([])
  if (!Array.isArray(values)) return invalid(field, "an array of strings", show(values))
  for (const value of values) {
    if (allowed !== undefined && !allowed.includes(value)) {
      return invalid(field, `any of ${allowed.join(", ")}`, show(value))
    }
    if (typeof value !== "string" || (value === "" && !allowEmpty)) {
      return invalid(field, "non-empty strings", show(value))
    }
  }
  return Either.right([...new Set(values)])
}
