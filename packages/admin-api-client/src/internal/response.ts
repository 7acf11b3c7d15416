import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  type AdminApiError,
  AuthenticationError,
  CursorExpiredError,
  DecodeError,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  PermissionError,
  RateLimitError,
  ServerError,
  TransportError
} from "../AdminApiError.js"
import { parseRateLimitReset, parseRetryAfter, parseShouldRetry } from "./retryAfter.js"
import * as FastDecode from "./fastDecode.js"

/**
 * The error envelope (reference §7.1). `details` is read loosely: only a
 * string `error_code` in it is used (§10.8); anything else there is ignored.
 */
const ErrorEnvelope = Schema.Struct({
  error: Schema.Struct({
    type: Schema.String,
    message: Schema.String,
    details: Schema.optional(Schema.Unknown)
  }),
  request_id: Schema.optional(Schema.NullOr(Schema.String))
})
const decodeEnvelope = Schema.decodeUnknownOption(Schema.parseJson(ErrorEnvelope))

/** `error.details.error_code`, when `details` is an object and the code a non-empty string. */
const errorCodeOf = (details: unknown): string | undefined => {
  if (typeof details !== "object" || details === null) return undefined
  const code = (details as { readonly error_code?: unknown }).error_code
  return typeof code === "string" && code.trim() !== "" ? code.trim() : undefined
}

/** `{ [key]: value }` when the value is defined, else `{}` (for exact optional fields). */
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/** The JSON path of the first failure in a parse error, as `data[0].results[1].amount`. */
export const parseErrorPath = (error: ParseResult.ParseError): { path: string; detail: string } => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  if (first === undefined) return { path: "$", detail: error.message }
  const path = first.path.reduce<string>(
    (acc, key) =>
      typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`,
    ""
  )
  return { path: path === "" ? "$" : path, detail: first.message }
}

/** The `request-id` header, if present and not empty. */
const headerRequestId = (response: HttpClientResponse.HttpClientResponse): string | undefined => {
  const value = response.headers["request-id"]?.trim()
  return value === undefined || value === "" ? undefined : value
}

/**
 * Maps a non-2xx status and its body into the typed error the caller sees.
 * `nowMillis` is the `Clock` time the response arrived, against which
 * HTTP-date `retry-after` and `anthropic-ratelimit-requests-reset` are read.
 * Every text copied from the response goes through `scrub`.
 */
const statusError = (
  response: HttpClientResponse.HttpClientResponse,
  body: string,
  nowMillis: number,
  path: string,
  scrub: (text: string) => string
): AdminApiError => {
  const status = response.status
  const envelope = decodeEnvelope(body)
  const rawRequestId =
    headerRequestId(response) ??
    Option.getOrUndefined(Option.flatMap(envelope, (e) => Option.fromNullable(e.request_id)))
  // scrubbed before it is cut, so a key straddling the cut cannot leave a prefix behind
  const apiMessage = Option.match(envelope, {
    onNone: () => (body.trim() === "" ? `HTTP ${status}` : `HTTP ${status}: ${cut(scrub(body), 200)}`),
    onSome: (e) => scrub(e.error.message)
  })
  const sentType = Option.getOrUndefined(Option.map(envelope, (e) => scrub(e.error.type)))
  const errorCode = Option.getOrUndefined(
    Option.flatMap(envelope, (e) => Option.fromNullable(errorCodeOf(e.error.details)))
  )
  const base = {
    status,
    apiMessage,
    ...optional("requestId", rawRequestId === undefined ? undefined : scrub(rawRequestId)),
    ...optional("errorType", sentType),
    ...optional("errorCode", errorCode === undefined ? undefined : scrub(errorCode)),
    ...optional("shouldRetry", Option.getOrUndefined(parseShouldRetry(response.headers)))
  }
  const withRetry = {
    ...base,
    ...optional("retryAfterMillis", Option.getOrUndefined(parseRetryAfter(response.headers, nowMillis)))
  }
  switch (true) {
    case status === 401:
      return new AuthenticationError(base)
    case status === 403:
      return new PermissionError(base)
    case status === 404:
      return new NotFoundError({ ...base, path })
    case status === 410:
      return new CursorExpiredError(base)
    case status === 429:
      return new RateLimitError({
        ...withRetry,
        ...optional(
          "rateLimitResetMillis",
          Option.getOrUndefined(parseRateLimitReset(response.headers, nowMillis))
        )
      })
    case status === 529:
      return new OverloadedError(withRetry)
    case status >= 500:
      return new ServerError(withRetry)
    default:
      return new InvalidRequestError({ ...base, errorType: sentType ?? `http_${status}` })
  }
}

/**
 * Sends one request and turns the outcome into either the decoded body or an
 * {@link AdminApiError}. This is the only place platform errors are mapped.
 * `scrub` removes the credential from any text that came from outside (a
 * proxy echoing request headers in an error page must not leak the key).
 */
export const executeDecoded = <A, I>(
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  schema: Schema.Schema<A, I>,
  endpoint: string,
  scrub: (text: string) => string
): Effect.Effect<
  {
    readonly value: A
    readonly requestId: string | undefined
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
  },
  AdminApiError
> => {
  const path = new URL(request.url, "http://x").pathname
  const transport = (reason: string) =>
    new TransportError({ method: request.method, path, reason: scrub(reason) })
  const decode = FastDecode.decodeUnknown(schema, { onExcessProperty: "ignore" })
  return Effect.gen(function* () {
    const response = yield* client
      .execute(request)
      .pipe(Effect.mapError((e) => transport(e.reason === "Transport" ? describe(e.cause) : e.message)))
    // the response's arrival: the instant `retry-after` dates and the rate-limit reset are measured from
    const arrived = yield* Clock.currentTimeMillis
    const body = yield* response.text.pipe(
      Effect.mapError((e) => transport(`could not read the body: ${describe(e.cause)}`))
    )
    const headerId = headerRequestId(response)
    const requestId = headerId === undefined ? undefined : scrub(headerId)
    yield* Effect.annotateCurrentSpan({
      "http.response.status_code": response.status,
      ...(requestId === undefined ? {} : { "anthropic.request_id": requestId })
    })
    if (isRedirect(response)) {
      return yield* Effect.fail(redirectError(response, request, path, scrub))
    }
    if (response.status < 200 || response.status >= 300) {
      return yield* Effect.fail(statusError(response, body, arrived, path, scrub))
    }
    // A 2xx whose body is not JSON was cut short (a connection closed early)
    // or replaced (a proxy's HTML page): a transport fault, retried like one.
    const json = yield* Effect.try({
      try: () => JSON.parse(body) as unknown,
      catch: () => transport(notJson(response, body))
    })
    const value = yield* decode(json).pipe(
      Effect.mapError(
        (error) =>
          new DecodeError({
            endpoint,
            ...scrubbed(parseErrorPath(error), scrub),
            ...(requestId === undefined ? {} : { requestId })
          })
      )
    )
    return { value, requestId, status: response.status, headers: scrubHeaders(response.headers, scrub) }
  })
}

/** A response's headers as a plain record (names lower-case), every name and value scrubbed. */
const scrubHeaders = (
  headers: Readonly<Record<string, string>>,
  scrub: (text: string) => string
): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[scrub(name)] = scrub(value)
  return out
}

const scrubbed = (found: { path: string; detail: string }, scrub: (text: string) => string) => ({
  path: scrub(found.path),
  detail: scrub(found.detail)
})

/** What a scrubbed secret is replaced with. */
export const REDACTED = "[redacted]"

/**
 * Anything shaped like an Anthropic key (`sk-ant-` and what follows), even a
 * prefix a truncating server left: no key but ours is expected in a response
 * either, and a key of a neighbouring organisation must not leak either.
 */
const ANTHROPIC_KEY = /sk-ant-[A-Za-z0-9_-]*/g

/**
 * A function that replaces, in a text, every occurrence of `secret` and of
 * any `sk-ant-…` token with `[redacted]`. Apply it to every string built from
 * a response before anything cuts it short.
 */
export const scrubber =
  (secret: string) =>
  (text: string): string =>
    (secret === "" ? text : text.split(secret).join(REDACTED)).replace(ANTHROPIC_KEY, REDACTED)

/** At most `max` characters, with `…` when cut. */
const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/** A 3xx (or a browser's opaque redirect, status 0): never followed, see {@link redirectError}. */
const isRedirect = (response: HttpClientResponse.HttpClientResponse): boolean =>
  (response.status >= 300 && response.status < 400) || response.status === 0

/**
 * A redirect the client refused to follow. The key is sent only to the
 * configured origin, so a redirect (a misconfigured gateway, a hijacked DNS
 * name) ends the request, naming where it pointed; not retried (another
 * attempt gets the same redirect).
 */
const redirectError = (
  response: HttpClientResponse.HttpClientResponse,
  request: HttpClientRequest.HttpClientRequest,
  path: string,
  scrub: (text: string) => string
): AdminApiError => {
  // the request as sent (the base URL prepended), not the relative one the caller built
  const sent = response.request.url
  const from = originOf(sent)
  const location = response.headers["location"]?.trim()
  const target =
    location === undefined || location === ""
      ? undefined
      : (() => {
          try {
            return new URL(location, sent)
          } catch {
            return undefined
          }
        })()
  const where =
    target === undefined
      ? "a location the response did not disclose"
      : target.origin === from
        ? `${scrub(target.origin)} (the same origin, path ${scrub(cut(target.pathname, 80))})`
        : `${scrub(target.origin)}, another origin than ${scrub(from ?? "the base URL")}`
  const headerId = headerRequestId(response)
  return new InvalidRequestError({
    status: response.status,
    errorType: "redirect_refused",
    apiMessage: `${request.method} ${path} was redirected to ${where}; redirects are never followed, so the API key is only ever sent to the configured base URL. Set baseUrl to the origin that serves the API`,
    ...optional("requestId", headerId === undefined ? undefined : scrub(headerId))
  })
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/** Why a 2xx body could not be read as JSON, in words (no body text: it may echo anything). */
const notJson = (response: HttpClientResponse.HttpClientResponse, body: string): string => {
  const type = response.headers["content-type"]?.split(";")[0]?.trim()
  const html = /^\s*<(!doctype|html)/i.test(body) || type === "text/html"
  return `the ${response.status} response's body is not JSON (${body.length} characters${type === undefined || type === "" ? "" : `, ${type}`}): ${html ? "an HTML page, as a proxy or captive portal sends" : body.trim() === "" ? "an empty body" : "cut short or malformed"}`
}

/**
 * A transport failure in words, including the nested cause `fetch` hides
 * behind "fetch failed" (e.g. `connect ECONNREFUSED 127.0.0.1:9`).
 */
export const describe = (cause: unknown): string => {
  if (!(cause instanceof Error)) return String(cause ?? "unknown cause")
  const inner = (cause as { cause?: unknown }).cause
  const detail =
    inner instanceof Error
      ? ` (${[(inner as { code?: unknown }).code, inner.message].filter((x) => typeof x === "string" && x !== "").join(": ")})`
      : ""
  return `${cause.name}: ${cause.message}${detail}`
}
