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
 * A fault. Status faults answer with the API's error envelope and a
 * `request-id`; body faults alter an otherwise normal `200` page.
 *
 * @since 0.1.0
 */
export type Fault =
  /** 429 `rate_limit_error`. Without `retryAfter`, no retry header (like a spend-cap 429). */
  | { readonly kind: "rate-limited"; readonly retryAfter?: RetryAfter }
  /** 503 `api_error` (service unavailable). */
  | { readonly kind: "unavailable"; readonly retryAfter?: RetryAfter }
  /** 529 `overloaded_error`. */
  | { readonly kind: "overloaded"; readonly retryAfter?: RetryAfter }
  /** 500 `api_error`. */
  | { readonly kind: "internal-error" }
  /** 408 `timeout_error`. */
  | { readonly kind: "request-timeout" }
  /** 410 `invalid_request_error`: the `page` cursor expired. */
  | { readonly kind: "expired-cursor" }
  /** The normal response, `ms` later. */
  | { readonly kind: "latency"; readonly ms: number }
  /** The connection drops before any response (server: the socket is destroyed; layer: a transport `RequestError`). */
  | { readonly kind: "drop-connection" }
  /** `200` with a body that is not JSON. */
  | { readonly kind: "malformed-json" }
  /** `200` whose body stops half-way (server: the socket closes before `content-length` bytes; layer: the body stream fails). */
  | { readonly kind: "truncated-body" }
  /** A normal page with `has_more: true` and `next_page: null`. */
  | { readonly kind: "has-more-without-next-page" }
  /** A normal page with `has_more: true` and `next_page` equal to the cursor just sent (the first page's own cursor if none was). */
  | { readonly kind: "repeated-cursor" }
  /**
   * A normal page drifted the way a newer API would: unknown extra fields
   * (`extraFields`), enum values the reference does not list
   * (`unknownEnums`), optional fields added after 2025 left out
   * (`missingOptional`). Each defaults to `true`.
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

/**
 * A 429 `rate_limit_error`.
 *
 * @since 0.1.0
 */
export const rateLimited = (retryAfter?: RetryAfter): Fault =>
  retryAfter === undefined ? { kind: "rate-limited" } : { kind: "rate-limited", retryAfter }

/**
 * A 503.
 *
 * @since 0.1.0
 */
export const unavailable = (retryAfter?: RetryAfter): Fault =>
  retryAfter === undefined ? { kind: "unavailable" } : { kind: "unavailable", retryAfter }

/**
 * A 529 `overloaded_error`.
 *
 * @since 0.1.0
 */
export const overloaded = (retryAfter?: RetryAfter): Fault =>
  retryAfter === undefined ? { kind: "overloaded" } : { kind: "overloaded", retryAfter }

/**
 * Extra latency.
 *
 * @since 0.1.0
 */
export const latency = (ms: number): Fault => ({ kind: "latency", ms })

/**
 * One example of every fault variant: every status with each retry hint and
 * without, every transport and body fault. The default pool of
 * {@link RandomFaults}.
 *
 * @since 0.1.0
 */
export const catalogue: ReadonlyArray<Fault> = [
  { kind: "rate-limited", retryAfter: { seconds: 2 } },
  { kind: "rate-limited", retryAfter: { httpDate: 3 } },
  { kind: "rate-limited", retryAfter: { seconds: 0 } },
  { kind: "rate-limited", retryAfter: { milliseconds: 1500 } },
  { kind: "rate-limited" },
  { kind: "unavailable", retryAfter: { seconds: 1 } },
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
