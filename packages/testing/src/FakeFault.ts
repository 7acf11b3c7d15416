/**
 * Faults the fake can inject: error statuses with and without retry hints,
 * latency, transport failures, broken bodies, pagination bugs and schema
 * drift. A fault is plain data; {@link FaultOptions} says when to apply one,
 * by script (the Nth matching request) or seeded-random per request.
 *
 * @since 0.1.0
 */

/**
 * How an error response tells the client to wait.
 * - `{ seconds }`: `retry-after: <seconds>` (use `0` for "retry now");
 * - `{ httpDate }`: `retry-after: <HTTP-date>`, that many seconds after the fake's clock;
 * - `{ milliseconds }`: `retry-after-ms: <ms>`.
 *
 * @since 0.1.0
 */
export type RetryAfter =
  { readonly seconds: number } | { readonly httpDate: number } | { readonly milliseconds: number }

/**
 * What every status fault may add: `shouldRetry` sends `x-should-retry: true`
 * or `false`, the header with which the live API overrides the status-code
 * retry rules (reference §7.3, §10.9). Absent: no such header.
 *
 * @since 0.2.0
 */
export interface StatusFaultOptions {
  readonly shouldRetry?: boolean
}

/**
 * A fault. Status faults answer with the API's error envelope (with
 * `error.details.error_code`, §10.8) and a `request-id`; body faults alter an
 * otherwise normal `200` page.
 *
 * @since 0.1.0
 */
export type Fault =
  /** 429 `rate_limit_error`, code `rate_limit_exceeded`. Without `retryAfter`, no retry header. */
  | ({ readonly kind: "rate-limited"; readonly retryAfter?: RetryAfter } & StatusFaultOptions)
  /**
   * 429 `rate_limit_error` with `error.details.error_code: "enforced_spend_limit_reached"`
   * and no retry headers (§7.3, §10.8): the tier's spend limit, which waiting a
   * minute does not lift.
   */
  | ({ readonly kind: "spend-limit-reached" } & StatusFaultOptions)
  /** 503 `api_error` (service unavailable), code `service_unavailable`. */
  | ({ readonly kind: "unavailable"; readonly retryAfter?: RetryAfter } & StatusFaultOptions)
  /** 529 `overloaded_error`, code `overloaded`. */
  | ({ readonly kind: "overloaded"; readonly retryAfter?: RetryAfter } & StatusFaultOptions)
  /** 500 `api_error`, code `internal_error`. */
  | ({ readonly kind: "internal-error" } & StatusFaultOptions)
  /** 408 `timeout_error`, code `request_timeout`. */
  | ({ readonly kind: "request-timeout" } & StatusFaultOptions)
  /** 410 `invalid_request_error`, code `cursor_expired`: the `page` cursor expired. */
  | ({ readonly kind: "expired-cursor" } & StatusFaultOptions)
  /**
   * 403 `permission_error`, code `permission_denied`: the key may not make
   * this request (e.g. listing API keys for a names lookup). Not in
   * {@link catalogue}: waiting does not lift it.
   *
   * @since 0.3.0
   */
  | ({ readonly kind: "permission-denied" } & StatusFaultOptions)
  /** The normal response, `ms` later. */
  | { readonly kind: "latency"; readonly ms: number }
  /** The connection drops before any response (server: the socket is destroyed; layer: a transport `RequestError`). */
  | { readonly kind: "drop-connection" }
  /** `200` with a body that is not JSON. */
  | { readonly kind: "malformed-json" }
  /** `200` whose body stops half-way (server: the socket closes before `content-length` bytes; layer: the body stream fails). */
  | { readonly kind: "truncated-body" }
  /**
   * `200` with an HTML page (`content-type: text/html`) instead of JSON, as a
   * proxy or captive portal answers.
   *
   * @since 0.3.0
   */
  | { readonly kind: "html-body" }
  /**
   * No answer, ever: the request is accepted and left hanging (server: the
   * socket stays open; layer: the response never completes), so only the
   * client's timeout ends the wait.
   *
   * @since 0.3.0
   */
  | { readonly kind: "stall" }
  /**
   * A redirect instead of the answer, before any other check: `status`
   * (default 302) with `location` (absolute, or relative to the request).
   * A client that follows it to another origin sends the key there.
   *
   * @since 0.3.0
   */
  | { readonly kind: "redirect"; readonly location: string; readonly status?: 301 | 302 | 303 | 307 | 308 }
  /**
   * A valid-looking empty report page, `{"data":[],"has_more":false,"next_page":null}`,
   * whatever the range: the live API returns one bucket per interval, empty
   * ones included, so this breaks its contract.
   *
   * @since 0.3.0
   */
  | { readonly kind: "empty-page" }
  /**
   * A report page without its last bucket (a gap in the intervals).
   *
   * @since 0.3.0
   */
  | { readonly kind: "missing-bucket" }
  /**
   * A report page with one extra empty bucket `offsetDays` (default -40) from
   * its first bucket, first in `data`: a bucket outside the requested range.
   *
   * @since 0.3.0
   */
  | { readonly kind: "stray-bucket"; readonly offsetDays?: number }
  /**
   * A report page whose bucket edges are shifted by `hours` (default 5), e.g.
   * `05:00 → 05:00` instead of UTC day edges.
   *
   * @since 0.3.0
   */
  | { readonly kind: "unaligned-buckets"; readonly hours?: number }
  /**
   * A cost report page whose first row's `amount` is `"1e400"`: an exact
   * decimal, but infinite as a JavaScript number.
   *
   * @since 0.3.0
   */
  | { readonly kind: "huge-amount" }
  /** A normal page with `has_more: true` and `next_page: null`. */
  | { readonly kind: "has-more-without-next-page" }
  /** A normal page with `has_more: true` and `next_page` equal to the cursor just sent (the first page's own cursor if none was). */
  | { readonly kind: "repeated-cursor" }
  /**
   * A normal page drifted the way a newer API would: unknown extra fields
   * (`extraFields`), enum values the reference does not list
   * (`unknownEnums`), optional fields added after 2025 left out
   * (`missingOptional`). Each defaults to `true`. On an analytics page the
   * drift reaches into `group` (unknown `product`, `service_tier`, …; an
   * extra key), `usage`/`cost` (an extra key), and `missingOptional` drops the
   * envelope's `data_refreshed_at`.
   */
  | {
      readonly kind: "drift"
      readonly extraFields?: boolean
      readonly unknownEnums?: boolean
      readonly missingOptional?: boolean
    }

/**
 * The kind of a {@link Fault}.
 *
 * @since 0.1.0
 */
export type Kind = Fault["kind"]

/**
 * A scripted fault: applied to the `request`-th request (1-based, default 1)
 * matching `path`, and to the `count - 1` matching requests after it
 * (default 1; `Infinity` for every later one).
 *
 * @since 0.1.0
 */
export interface ScriptedFault {
  readonly fault: Fault
  /** A pathname (exact) or a pattern tested against the pathname; default every path. */
  readonly path?: string | RegExp
  readonly request?: number
  readonly count?: number
}

/**
 * Seeded-random faults: each request, numbered from 1, gets a fault with
 * probability `rate`, picked from `faults` (default {@link catalogue}); the
 * same seed and request number always give the same choice.
 *
 * @since 0.1.0
 */
export interface RandomFaults {
  readonly seed: number
  readonly rate: number
  readonly faults?: ReadonlyArray<Fault>
  /** Only requests to this path (exact or pattern) are considered. */
  readonly path?: string | RegExp
}

/**
 * When to inject faults. Scripted faults win over random ones.
 *
 * @since 0.1.0
 */
export interface FaultOptions {
  readonly script?: ReadonlyArray<ScriptedFault>
  readonly random?: RandomFaults
}

const withRetry = <K extends "rate-limited" | "unavailable" | "overloaded">(
  kind: K,
  retryAfter: RetryAfter | undefined,
  options: StatusFaultOptions
) => ({
  kind,
  ...(retryAfter === undefined ? {} : { retryAfter }),
  ...(options.shouldRetry === undefined ? {} : { shouldRetry: options.shouldRetry })
})

/**
 * A 429 `rate_limit_error`; `options.shouldRetry` adds `x-should-retry` (§10.9).
 *
 * @since 0.1.0
 */
export const rateLimited = (retryAfter?: RetryAfter, options: StatusFaultOptions = {}): Fault =>
  withRetry("rate-limited", retryAfter, options)

/**
 * A 429 `rate_limit_error` with `error_code: "enforced_spend_limit_reached"` and
 * no retry headers (§10.8); `options.shouldRetry` adds `x-should-retry`.
 *
 * @since 0.2.0
 */
export const spendLimitReached = (options: StatusFaultOptions = {}): Fault =>
  options.shouldRetry === undefined
    ? { kind: "spend-limit-reached" }
    : { kind: "spend-limit-reached", shouldRetry: options.shouldRetry }

/**
 * A 503; `options.shouldRetry` adds `x-should-retry` (§10.9).
 *
 * @since 0.1.0
 */
export const unavailable = (retryAfter?: RetryAfter, options: StatusFaultOptions = {}): Fault =>
  withRetry("unavailable", retryAfter, options)

/**
 * A 529 `overloaded_error`; `options.shouldRetry` adds `x-should-retry` (§10.9).
 *
 * @since 0.1.0
 */
export const overloaded = (retryAfter?: RetryAfter, options: StatusFaultOptions = {}): Fault =>
  withRetry("overloaded", retryAfter, options)

/**
 * A 403 `permission_error` (`permission_denied`): the key lacks the
 * permission for this request. Script it on a path (e.g.
 * `/v1/organizations/api_keys`) to test a fallback.
 *
 * @since 0.3.0
 */
export const permissionDenied = (options: StatusFaultOptions = {}): Fault =>
  options.shouldRetry === undefined
    ? { kind: "permission-denied" }
    : { kind: "permission-denied", shouldRetry: options.shouldRetry }

/**
 * Extra latency.
 *
 * @since 0.1.0
 */
export const latency = (ms: number): Fault => ({ kind: "latency", ms })

/**
 * Faults that break the report contract or the transport in ways the
 * {@link catalogue} does not (kept out of it, so seeded suites built on the
 * catalogue keep their choices): a proxy's HTML page, a stalled request, a
 * redirect to another origin, and report pages that are empty, miss a bucket,
 * carry a stray bucket, are off the UTC day edges, or hold an amount no
 * double can hold. A client must retry the first two as transport faults and
 * refuse the rest without using any of the data.
 *
 * @since 0.3.0
 */
export const contractFaults: ReadonlyArray<Fault> = [
  { kind: "html-body" },
  { kind: "stall" },
  { kind: "redirect", location: "https://attacker.example/collect" },
  { kind: "empty-page" },
  { kind: "missing-bucket" },
  { kind: "stray-bucket" },
  { kind: "unaligned-buckets" },
  { kind: "huge-amount" }
]

/**
 * One example of every fault variant: every status with each retry hint and
 * without (and one with `x-should-retry: false`), every transport and body
 * fault. The default pool of {@link RandomFaults}. `permission-denied` is left
 * out (a 403 no retry lifts; script it where a test needs it).
 *
 * @since 0.1.0
 */
export const catalogue: ReadonlyArray<Fault> = [
  { kind: "rate-limited", retryAfter: { seconds: 2 } },
  { kind: "rate-limited", retryAfter: { httpDate: 3 } },
  { kind: "rate-limited", retryAfter: { seconds: 0 } },
  { kind: "rate-limited", retryAfter: { milliseconds: 1500 } },
  { kind: "rate-limited" },
  { kind: "spend-limit-reached" },
  { kind: "unavailable", retryAfter: { seconds: 1 } },
  { kind: "unavailable", shouldRetry: false },
  { kind: "unavailable" },
  { kind: "overloaded", retryAfter: { seconds: 1 } },
  { kind: "overloaded" },
  { kind: "internal-error" },
  { kind: "request-timeout" },
  { kind: "expired-cursor" },
  { kind: "latency", ms: 5 },
  { kind: "drop-connection" },
  { kind: "malformed-json" },
  { kind: "truncated-body" },
  { kind: "has-more-without-next-page" },
  { kind: "repeated-cursor" },
  { kind: "drift" }
]
