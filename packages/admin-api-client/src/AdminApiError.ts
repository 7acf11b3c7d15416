/**
 * Every way a call to the Admin API can fail, as `Schema.TaggedError`s with a
 * message a person can act on. Platform errors are mapped into these at one
 * boundary (`internal/response.ts`); callers never see an `HttpClientError`.
 *
 * None of these errors ever carries the API key.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const requestId = Schema.optional(Schema.String)

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
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>()("AuthenticationError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  requestId
}) {
  override get message() {
    return withRequestId(
      `401 authentication failed: ${sentence(this.apiMessage)} ${ADMIN_KEY_HINT}`,
      this.requestId
    )
  }
}

/**
 * 403 `permission_error`: the key is valid but may not read this report
 * (typically a standard `sk-ant-api…` key instead of an Admin key).
 * @since 0.1.0
 */
export class PermissionError extends Schema.TaggedError<PermissionError>()("PermissionError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  requestId
}) {
  override get message() {
    return withRequestId(
      `403 permission denied: ${sentence(this.apiMessage)} This key cannot read usage reports. ${ADMIN_KEY_HINT}`,
      this.requestId
    )
  }
}

/**
 * 404 `not_found_error`: unknown path (often a wrong base URL).
 * @since 0.1.0
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  path: Schema.String,
  requestId
}) {
  override get message() {
    return withRequestId(
      `404 not found: ${this.path}: ${sentence(this.apiMessage)} Check the base URL (a gateway must forward /v1/organizations/*).`,
      this.requestId
    )
  }
}

/**
 * 400 `invalid_request_error` (and other 4xx without a type of their own):
 * the API rejected the parameters. `apiMessage` is the API's own explanation.
 * @since 0.1.0
 */
export class InvalidRequestError extends Schema.TaggedError<InvalidRequestError>()("InvalidRequestError", {
  status: Schema.Number,
  errorType: Schema.String,
  apiMessage: Schema.String,
  requestId
}) {
  override get message() {
    return withRequestId(`${this.status} ${this.errorType}: ${this.apiMessage}`, this.requestId)
  }
}

/**
 * 429 `rate_limit_error`. `retryAfterMillis` is the wait the API asked for, if any.
 * @since 0.1.0
 */
export class RateLimitError extends Schema.TaggedError<RateLimitError>()("RateLimitError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  retryAfterMillis: Schema.optional(Schema.Number),
  requestId
}) {
  override get message() {
    const wait =
      this.retryAfterMillis === undefined
        ? ""
        : ` The API asked to retry after ${this.retryAfterMillis / 1000} s.`
    return withRequestId(
      `429 rate limited: ${sentence(this.apiMessage)}${wait} Poll the usage and cost reports at most once per minute.`,
      this.requestId
    )
  }
}

/**
 * 529 `overloaded_error`: the API is overloaded for everyone; retry later.
 * @since 0.1.0
 */
export class OverloadedError extends Schema.TaggedError<OverloadedError>()("OverloadedError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  retryAfterMillis: Schema.optional(Schema.Number),
  requestId
}) {
  override get message() {
    return withRequestId(`529 API overloaded: ${sentence(this.apiMessage)} Retry later.`, this.requestId)
  }
}

/**
 * Any other 5xx (500 `api_error`, 502, 503, 504 `timeout_error`, …).
 * @since 0.1.0
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  retryAfterMillis: Schema.optional(Schema.Number),
  requestId
}) {
  override get message() {
    return withRequestId(
      `${this.status} server error: ${sentence(this.apiMessage)} Retry later.`,
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
export class CursorExpiredError extends Schema.TaggedError<CursorExpiredError>()("CursorExpiredError", {
  status: Schema.Number,
  apiMessage: Schema.String,
  requestId
}) {
  override get message() {
    return withRequestId(
      `410 page cursor expired: ${sentence(this.apiMessage)} Restart the range from its first page.`,
      this.requestId
    )
  }
}

/**
 * Every error a report call can fail with.
 * @since 0.1.0
 */
export type AdminApiError =
  | InvalidParameterError
  | AuthenticationError
  | PermissionError
  | NotFoundError
  | InvalidRequestError
  | RateLimitError
  | OverloadedError
  | ServerError
  | TransportError
  | TimeoutError
  | DecodeError
  | PaginationContractError
  | CursorExpiredError

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
 * Errors that another attempt may cure (used by the retry policy).
 * @since 0.1.0
 */
export const isRetryable = (error: AdminApiError): boolean => {
  switch (error._tag) {
    case "RateLimitError":
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
