/** Small helpers shared by the endpoints: timestamps, cursors, errors. */
import { hashString } from "./hash.js"

/** Bucket widths in ms. */
export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

/**
 * The `error.details.error_code` values the fake sends (§10.8), one per kind
 * of rejection. The list is the fake's own: the live API documents only a few
 * codes (e.g. `organization_not_enrolled_in_beta`, `enforced_spend_limit_reached`).
 */
export const ERROR_CODES = [
  // 400 invalid_request_error: parameters
  "missing_required_parameter",
  "invalid_parameter_value",
  "repeated_scalar_parameter",
  "bracket_form_required",
  "too_many_group_by_dimensions",
  "invalid_date_range",
  "beta_header_required",
  "invalid_page_cursor",
  // 400 invalid_request_error: the analytics and management endpoints
  "unknown_parameter",
  "incompatible_parameters",
  "date_range_too_long",
  "starting_at_out_of_range",
  "too_many_filter_values",
  "parent_organization_required",
  "invalid_request_body",
  "operation_not_allowed",
  "workspace_limit_reached",
  // 400 invalid_request_error: headers
  "missing_api_version",
  "unsupported_api_version",
  // 401 / 403
  "missing_api_key",
  "invalid_api_key",
  "admin_key_required",
  "permission_denied",
  // 404 / 405 / 409
  "not_found",
  "method_not_allowed",
  "already_exists",
  // 429: the per-minute limiter, and the spend-limit fault
  "rate_limit_exceeded",
  "enforced_spend_limit_reached",
  // status faults
  "service_unavailable",
  "overloaded",
  "internal_error",
  "request_timeout",
  "cursor_expired"
] as const

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** A 4xx answer the endpoint decided on. */
export interface Rejection {
  readonly status: number
  readonly type: string
  readonly message: string
  /** Sent as `error.details.error_code`. */
  readonly code: ErrorCode
  /** Extra response headers (e.g. `x-should-retry: false` on an invalid date range). */
  readonly headers?: Readonly<Record<string, string>>
}

/** What an endpoint answers: a page, or a rejection. */
export type Outcome = { readonly status: 200; readonly body: unknown } | Rejection

/** A 400 `invalid_request_error` whose message names the parameter. */
export const invalid = (
  message: string,
  code: ErrorCode = "invalid_parameter_value",
  headers?: Readonly<Record<string, string>>
): Rejection => ({
  status: 400,
  type: "invalid_request_error",
  message,
  code,
  ...(headers === undefined ? {} : { headers })
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
  const year = Number(m[1])
  // Impossible calendar dates (2026-02-30) are rejected, not rolled over into the next month.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
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
  if (all.length > 1) {
    return invalid(`${name}: expected one value, got ${all.length}`, "repeated_scalar_parameter")
  }
  return all[0] ?? null
}

/**
 * An optional RFC 3339 parameter: its instant (ms), `null` when absent, or the
 * 400 naming it (malformed or repeated).
 */
export const instantParam = (
  query: URLSearchParams,
  name: string,
  example: string
): number | null | Rejection => {
  const raw = scalar(query, name)
  if (isRejection(raw) || raw === null) return raw
  const ms = parseRfc3339(raw)
  return ms === undefined
    ? invalid(`${name}: must be an RFC 3339 timestamp such as ${example}, got ${JSON.stringify(raw)}`)
    : ms
}

/** A required RFC 3339 parameter: absent is a 400 `missing_required_parameter` naming it. */
export const requiredInstant = (
  query: URLSearchParams,
  name: string,
  example: string
): number | Rejection => {
  const ms = instantParam(query, name, example)
  return ms === null
    ? invalid(`${name}: required; an RFC 3339 timestamp such as ${example}`, "missing_required_parameter")
    : ms
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
      return invalid(
        `${name}: array parameters use the bracket form, repeated per value: ${name}[]=…`,
        "bracket_form_required"
      )
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
