/**
 * Every way a call to the Admin API can fail, as `Schema.TaggedError`s with a
 * message a person can act on. Platform errors are mapped into these at one
 * boundary (`internal/response.ts`); callers never see an `HttpClientError`.
 *
 * Every error built from an HTTP status ({@link StatusError}) carries what
 * the response said about itself (reference §7, §10.8, §10.9):
 * - `status`, `apiMessage` (the envelope's `error.message`) and `requestId`
 *   (the `request-id` header, else the body's `request_id`);
 * - `errorType`: the envelope's `error.type`, kept as sent even when this
 *   client does not know it (§7.1, §10.8: the API adds types);
 * - `errorCode`: the envelope's `error.details.error_code` when it is a
 *   string, e.g. `organization_not_enrolled_in_beta` or
 *   `enforced_spend_limit_reached` (§10.8);
 * - `shouldRetry`: the `x-should-retry: true|false` header (case-insensitive;
 *   any other value is ignored), the API's own verdict on retrying (§7.3,
 *   §10.9). {@link isRetryable} lets it override the status rules.
 *
 * {@link RateLimitError} adds `retryAfterMillis` (`retry-after-ms` /
 * `retry-after`) and `rateLimitResetMillis` (time left until
 * `anthropic-ratelimit-requests-reset`, §10.3).
 *
 * None of these errors ever carries the API key: every text taken from a
 * response (message, type, code, request id) passes through a scrubber that
 * replaces the key with `[redacted]`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const requestId = Schema.optional(Schema.String)

/**
 * The fields every error built from an HTTP status has. `errorType`,
 * `errorCode` and `shouldRetry` are absent when the response did not say.
 */
const statusFields = {
  status: Schema.Number,
  apiMessage: Schema.String,
  requestId,
  errorType: Schema.optional(Schema.String),
  errorCode: Schema.optional(Schema.String),
  shouldRetry: Schema.optional(Schema.Boolean)
}

/**
 * The `error.details.error_code` of a 429 caused by the organisation's
 * enforced spend limit (reference §10.8); waiting minutes does not lift it.
 * @since 0.2.0
 */
export const SPEND_LIMIT_REACHED = "enforced_spend_limit_reached"

/** Milliseconds as seconds for a message: `7 s`, `2.5 s`. */
const seconds = (millis: number) => `${Math.round(millis / 100) / 10} s`

/**
 * The parts of a status error's message that come from `error.details` and
 * `x-should-retry`. The latter is mentioned only when it overrode the status
 * rule (`retriedByStatus`: whether the status alone would be retried).
 */
const details = (
  error: { readonly errorCode?: string | undefined; readonly shouldRetry?: boolean | undefined },
  retriedByStatus = false
) =>
  (error.errorCode === undefined ? "" : ` Error code: ${error.errorCode}.`) +
  (error.shouldRetry === false && retriedByStatus
    ? " The API marked this request as not worth retrying (x-should-retry: false)."
    : "")

/** Where to create an Admin key; used in 401/403 messages. */
export const ADMIN_KEY_HINT =
  "Usage and cost reports need an Admin API key (sk-ant-admin…), created by an organization admin in Console → Settings → Admin keys (https://console.anthropic.com/settings/admin-keys)."

/** The API's message as a sentence: ends with exactly one full stop. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`)

const withRequestId = (message: string, id: string | undefined) =>
  id === undefined ? message : `${message} (request-id ${id})`

/**
 * A parameter was rejected before any request was sent.
 * `field` names the parameter, `allowed` says what it accepts.
 * @since 0.1.0
 */
export class InvalidParameterError extends Schema.TaggedError<InvalidParameterError>()(
  "InvalidParameterError",
  { field: Schema.String, allowed: Schema.String, received: Schema.String }
) {
  override get message() {
    return `Invalid ${this.field}: ${this.received}. Allowed: ${this.allowed}.`
  }
}

/**
 * 401 `authentication_error`: the key is missing, malformed, revoked or expired.
 * @since 0.1.0
 */
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>()(
  "AuthenticationError",
  statusFields
) {
  override get message() {
    return withRequestId(
      `401 authentication failed: ${sentence(this.apiMessage)}${details(this)} ${ADMIN_KEY_HINT}`,
      this.requestId
    )
  }
}

/**
 * 403 `permission_error`: the key is valid but may not read this report
 * (typically a standard `sk-ant-api…` key instead of an Admin key).
 * @since 0.1.0
 */
export class PermissionError extends Schema.TaggedError<PermissionError>()("PermissionError", statusFields) {
  override get message() {
    return withRequestId(
      `403 permission denied: ${sentence(this.apiMessage)}${details(this)} This key cannot read usage reports. ${ADMIN_KEY_HINT}`,
      this.requestId
    )
  }
}

/**
 * 404 `not_found_error`: unknown path (often a wrong base URL).
 * @since 0.1.0
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", {
  ...statusFields,
  path: Schema.String
}) {
  override get message() {
    return withRequestId(
      `404 not found: ${this.path}: ${sentence(this.apiMessage)}${details(this)} Check the base URL (a gateway must forward /v1/organizations/*).`,
      this.requestId
    )
  }
}

/**
 * 400 `invalid_request_error` and every other 4xx without a class of its own
 * (402 `billing_error`, 408, 409 `conflict_error`, 413, unknown types, …):
 * the API rejected the request. `apiMessage` is the API's own explanation;
 * `errorType` is always set (`http_<status>` when the body had no envelope).
 * @since 0.1.0
 */
export class InvalidRequestError extends Schema.TaggedError<InvalidRequestError>()("InvalidRequestError", {
  ...statusFields,
  errorType: Schema.String
}) {
  override get message() {
    const extra = details(this, this.status === 408 || this.status === 409)
    return withRequestId(
      `${this.status} ${this.errorType}: ${extra === "" ? this.apiMessage : `${sentence(this.apiMessage)}${extra}`}`,
      this.requestId
    )
  }
}

/**
 * 429 `rate_limit_error`.
 * - `retryAfterMillis`: the wait the API asked for in `retry-after-ms` or
 *   `retry-after` (milliseconds; reference §7.3), if any.
 * - `rateLimitResetMillis`: milliseconds from the response's arrival (read
 *   from `Clock`) until `anthropic-ratelimit-requests-reset` (RFC 3339), if
 *   sent. Zero or negative when that instant had already passed, which the
 *   live API does (reference §10.3).
 * @since 0.1.0
 */
export class RateLimitError extends Schema.TaggedError<RateLimitError>()("RateLimitError", {
  ...statusFields,
  retryAfterMillis: Schema.optional(Schema.Number),
  rateLimitResetMillis: Schema.optional(Schema.Number)
}) {
  override get message() {
    const wait =
      this.retryAfterMillis !== undefined
        ? ` The API asked to retry after ${seconds(this.retryAfterMillis)}.`
        : this.rateLimitResetMillis !== undefined && this.rateLimitResetMillis > 0
          ? ` The request limit resets in ${seconds(this.rateLimitResetMillis)}.`
          : ""
    const hint =
      this.errorCode === SPEND_LIMIT_REACHED
        ? "The organization has reached its enforced spend limit, which retrying within minutes does not lift: an organization admin can raise it in the Console; otherwise it lifts with the next billing period."
        : "Poll the usage and cost reports at most once per minute."
    return withRequestId(
      `429 rate limited: ${sentence(this.apiMessage)}${details(this, true)}${wait} ${hint}`,
      this.requestId
    )
  }
}

/**
 * 529 `overloaded_error`: the API is overloaded for everyone; retry later.
 * @since 0.1.0
 */
export class OverloadedError extends Schema.TaggedError<OverloadedError>()("OverloadedError", {
  ...statusFields,
  retryAfterMillis: Schema.optional(Schema.Number)
}) {
  override get message() {
    return withRequestId(
      `529 API overloaded: ${sentence(this.apiMessage)}${details(this, true)} Retry later.`,
      this.requestId
    )
  }
}

/**
 * Any other 5xx (500 `api_error`, 502, 503, 504 `timeout_error`, …).
 * @since 0.1.0
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  ...statusFields,
  retryAfterMillis: Schema.optional(Schema.Number)
}) {
  override get message() {
    return withRequestId(
      `${this.status} server error: ${sentence(this.apiMessage)}${details(this, true)} Retry later.`,
      this.requestId
    )
  }
}

/**
 * The request never produced a response: DNS, refused or dropped connection,
 * a body that could not be read.
 * @since 0.1.0
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  method: Schema.String,
  path: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `Transport error on ${this.method} ${this.path}: ${this.reason}. Check the network and the base URL.`
  }
}

/**
 * A single request took longer than the per-request timeout.
 * @since 0.1.0
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>()("TimeoutError", {
  method: Schema.String,
  path: Schema.String,
  timeoutMillis: Schema.Number
}) {
  override get message() {
    return `${this.method} ${this.path} timed out after ${this.timeoutMillis} ms.`
  }
}

/**
 * A 2xx response whose body did not match the documented shape.
 * `path` is the JSON path that failed (e.g. `data[0].results[2].output_tokens`).
 * @since 0.1.0
 */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  endpoint: Schema.String,
  path: Schema.String,
  detail: Schema.String,
  requestId
}) {
  override get message() {
    return withRequestId(
      `Unexpected response from ${this.endpoint} at ${this.path}: ${this.detail}`,
      this.requestId
    )
  }
}

/**
 * The API broke its pagination contract: `has_more: true` without a
 * `next_page`, or the same cursor twice. Stopping silently would drop data.
 * @since 0.1.0
 */
export class PaginationContractError extends Schema.TaggedError<PaginationContractError>()(
  "PaginationContractError",
  { endpoint: Schema.String, reason: Schema.String, requestId }
) {
  override get message() {
    return withRequestId(
      `Pagination contract broken by ${this.endpoint}: ${this.reason}. No page was dropped silently; retry the whole range.`,
      this.requestId
    )
  }
}

/**
 * 410: the page cursor expired (data was refreshed); restart the range from page 1.
 * @since 0.1.0
 */
export class CursorExpiredError extends Schema.TaggedError<CursorExpiredError>()(
  "CursorExpiredError",
  statusFields
) {
  override get message() {
    return withRequestId(
      `410 page cursor expired: ${sentence(this.apiMessage)}${details(this)} Restart the range from its first page.`,
      this.requestId
    )
  }
}

/**
 * The errors built from an HTTP error status; each has `status`,
 * `apiMessage`, `requestId`, `errorType`, `errorCode` and `shouldRetry`.
 * @since 0.2.0
 */
export type StatusError =
  | AuthenticationError
  | PermissionError
  | NotFoundError
  | InvalidRequestError
  | RateLimitError
  | OverloadedError
  | ServerError
  | CursorExpiredError

/**
 * Every error a report call can fail with: the {@link StatusError}s and the
 * errors that have no HTTP status of their own.
 * @since 0.1.0
 */
export type AdminApiError =
  InvalidParameterError | StatusError | TransportError | TimeoutError | DecodeError | PaginationContractError

const TAGS: ReadonlySet<string> = new Set([
  "InvalidParameterError",
  "AuthenticationError",
  "PermissionError",
  "NotFoundError",
  "InvalidRequestError",
  "RateLimitError",
  "OverloadedError",
  "ServerError",
  "TransportError",
  "TimeoutError",
  "DecodeError",
  "PaginationContractError",
  "CursorExpiredError"
] satisfies ReadonlyArray<AdminApiError["_tag"]>)

/**
 * Whether a value is one of this module's errors (useful in a `catch` of the
 * Promise facade).
 * @since 0.1.0
 */
export const isAdminApiError = (u: unknown): u is AdminApiError =>
  u instanceof Error && "_tag" in u && typeof u._tag === "string" && TAGS.has(u._tag)

/**
 * Whether another attempt may cure the error (used by the retry policy).
 *
 * - **`x-should-retry` first.** When the response carried
 *   `x-should-retry: true|false` (`shouldRetry`), that verdict wins over every
 *   status rule below, as in the official SDKs (reference §7.3, §10.9):
 *   `true` retries even a 400 or 409, `false` never retries even a 429 or 5xx
 *   (the live 400 for an empty daily range carries `false`, §10.2).
 * - **A spend limit is final.** A 429 with error code
 *   `enforced_spend_limit_reached` (§10.8) is the organisation's spend cap,
 *   which no wait of minutes lifts (such 429s carry no `retry-after`, §7.3).
 * - **Otherwise by status:** 429, 529, every 5xx, 408 and 409 are retried, as
 *   are transport errors and timeouts; 400, 401, 403, 404, 410 and the other
 *   4xx, invalid parameters, decode and pagination errors are final.
 * @since 0.1.0
 */
export const isRetryable = (error: AdminApiError): boolean => {
  if ("shouldRetry" in error && error.shouldRetry !== undefined) return error.shouldRetry
  switch (error._tag) {
    case "RateLimitError":
      return error.errorCode !== SPEND_LIMIT_REACHED
    case "OverloadedError":
    case "ServerError":
    case "TransportError":
    case "TimeoutError":
      return true
    case "InvalidRequestError":
      return error.status === 408 || error.status === 409
    default:
      return false
  }
}
