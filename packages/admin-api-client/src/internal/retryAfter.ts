import * as Option from "effect/Option"

type Headers = Readonly<Record<string, string | undefined>>

/**
 * Reads how long the server asked us to wait, in milliseconds, from
 * `retry-after-ms` (milliseconds), then `retry-after` (delta-seconds or an
 * HTTP-date, relative to `nowMillis`). Past dates give 0; garbage gives none.
 * (Reference §7.3.)
 */
export const parseRetryAfter = (headers: Headers, nowMillis: number): Option.Option<number> => {
  const ms = headers["retry-after-ms"]
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Option.some(Math.max(0, Number(ms)))
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(value)) return Option.some(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? Option.none() : Option.some(Math.max(0, date - nowMillis))
}

/** RFC 3339 date-time: date, `T` (or space), time, optional fraction, `Z` or an offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/**
 * Milliseconds from `nowMillis` until `anthropic-ratelimit-requests-reset`
 * (an RFC 3339 instant). Negative or zero when the reset is already past, as
 * the live API sometimes sends (reference §10.3); none when the header is
 * absent or not RFC 3339.
 */
export const parseRateLimitReset = (headers: Headers, nowMillis: number): Option.Option<number> => {
  const value = headers["anthropic-ratelimit-requests-reset"]?.trim()
  if (value === undefined || !RFC3339.test(value)) return Option.none()
  const at = Date.parse(value.toUpperCase().replace(" ", "T"))
  return Number.isNaN(at) ? Option.none() : Option.some(at - nowMillis)
}

/**
 * `x-should-retry: true|false` (case-insensitive, surrounding spaces ignored);
 * any other value, or no header, gives none (reference §7.3, §10.9).
 */
export const parseShouldRetry = (headers: Headers): Option.Option<boolean> => {
  const value = headers["x-should-retry"]?.trim().toLowerCase()
  return value === "true" ? Option.some(true) : value === "false" ? Option.some(false) : Option.none()
}
