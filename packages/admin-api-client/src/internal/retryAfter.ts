import { Option } from "effect"

/**
 * Reads how long the server asked us to wait, in milliseconds, from
 * `retry-after-ms` (milliseconds), then `retry-after` (delta-seconds or an
 * HTTP-date, relative to `nowMillis`). Past dates give 0; garbage gives none.
 */
export const parseRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  nowMillis: number
): Option.Option<number> => {
  const ms = headers["retry-after-ms"]
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Option.some(Math.max(0, Number(ms)))
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(value)) return Option.some(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? Option.none() : Option.some(Math.max(0, date - nowMillis))
}
