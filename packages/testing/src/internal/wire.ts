/** Small helpers shared by the endpoints: timestamps, cursors, errors. */
import { hashString } from "./hash.js"

/** Bucket widths in ms. */
export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

/** A 4xx answer the endpoint decided on. */
export interface Rejection {
  readonly status: number
  readonly type: string
  readonly message: string
}

/** What an endpoint answers: a page, or a rejection. */
export type Outcome = { readonly status: 200; readonly body: unknown } | Rejection

/** A 400 `invalid_request_error` whose message names the parameter. */
export const invalid = (message: string): Rejection => ({
  status: 400,
  type: "invalid_request_error",
  message
})

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** Parses an RFC 3339 timestamp strictly; undefined if it is not one. */
export const parseRfc3339 = (value: string): number | undefined => {
  const m = RFC3339.exec(value)
  if (m === null) return undefined
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number
  ]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined
  }
  const ms = Date.parse(value.toUpperCase())
  return Number.isNaN(ms) ? undefined : ms
}

/** Parses `YYYY-MM-DD` strictly as UTC midnight. */
export const parseDate = (value: string): number | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (m === null) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(ms)
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? ms : undefined
}

/** `2026-03-01T00:00:00Z`. */
export const formatInstant = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z")

const toBase64Url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
const fromBase64Url = (s: string): string | undefined => {
  try {
    return atob(s.replace(/-/g, "+").replace(/_/g, "/"))
  } catch {
    return undefined
  }
}

/**
 * An opaque cursor: a position plus a fingerprint of the query it belongs to,
 * so a cursor replayed with a different query is rejected.
 */
export const encodeCursor = (position: number, fingerprint: string): string =>
  `page_${toBase64Url(`${position}.${fingerprint}`)}`

/** The position of a cursor issued for `fingerprint`, or undefined. */
export const decodeCursor = (page: string, fingerprint: string): number | undefined => {
  if (!page.startsWith("page_")) return undefined
  const text = fromBase64Url(page.slice(5))
  if (text === undefined) return undefined
  const [position, fp] = text.split(".")
  if (fp !== fingerprint || position === undefined || !/^-?\d+$/.test(position)) return undefined
  return Number(position)
}

/** Fingerprint of a query, ignoring `page` and `limit` (a client may change its page size). */
export const fingerprint = (path: string, query: URLSearchParams): string => {
  const entries = [...query.entries()].filter(([k]) => k !== "page" && k !== "limit")
  entries.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
  return hashString(`${path}?${entries.map(([k, v]) => `${k}=${v}`).join("&")}`).toString(36)
}

/** Rejects a scalar parameter given more than once; else its value or null. */
export const scalar = (query: URLSearchParams, name: string): string | Rejection | null => {
  const all = query.getAll(name)
  if (all.length > 1) return invalid(`${name}: expected one value, got ${all.length}`)
  return all[0] ?? null
}

/** Whether a parse step rejected the request. */
export const isRejection = (u: unknown): u is Rejection =>
  typeof u === "object" && u !== null && "status" in u && "message" in u

/** Parses `limit` within 1..max, or the default. */
export const parseLimit = (
  query: URLSearchParams,
  fallback: number,
  max: number,
  context: string
): number | Rejection => {
  const raw = scalar(query, "limit")
  if (isRejection(raw)) return raw
  if (raw === null) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    return invalid(`limit: must be an integer from 1 to ${max}${context}, got ${JSON.stringify(raw)}`)
  }
  return Number(raw)
}

/** Rejects an array parameter sent without brackets (`group_by=x` instead of `group_by[]=x`). */
export const bareArrays = (query: URLSearchParams, names: ReadonlyArray<string>): Rejection | undefined => {
  for (const name of names) {
    if (query.has(name)) {
      return invalid(`${name}: array parameters use the bracket form, repeated per value: ${name}[]=…`)
    }
  }
  return undefined
}

/** The values of `name[]`, each checked against `allowed` when given. */
export const arrayParam = (
  query: URLSearchParams,
  name: string,
  allowed?: ReadonlyArray<string>
): ReadonlyArray<string> | Rejection => {
  const values = query.getAll(`${name}[]`)
  for (const v of values) {
    if (v === "") return invalid(`${name}[]: empty value`)
    if (allowed !== undefined && !allowed.includes(v)) {
      return invalid(`${name}[]: unknown value ${JSON.stringify(v)}; expected one of ${allowed.join(", ")}`)
    }
  }
  return values
}
