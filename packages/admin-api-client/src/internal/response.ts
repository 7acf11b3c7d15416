import { type HttpClient, type HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Clock, Effect, Option, ParseResult, Schema } from "effect"
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
  const apiMessage = scrub(
    Option.match(envelope, {
      onNone: () => (body.trim() === "" ? `HTTP ${status}` : `HTTP ${status}: ${body.slice(0, 200)}`),
      onSome: (e) => e.error.message
    })
  )
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
  const decode = Schema.decodeUnknown(schema, { onExcessProperty: "ignore" })
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
    if (response.status < 200 || response.status >= 300) {
      return yield* Effect.fail(statusError(response, body, arrived, path, scrub))
    }
    const json = yield* Effect.try({
      try: () => JSON.parse(body) as unknown,
      catch: () =>
        new DecodeError({
          endpoint,
          path: "$",
          detail: `the body is not valid JSON (${body.length} bytes)`,
          ...(requestId === undefined ? {} : { requestId })
        })
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

/** A response's headers as a plain record (names lower-case), every value scrubbed. */
const scrubHeaders = (
  headers: Readonly<Record<string, string>>,
  scrub: (text: string) => string
): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[name] = scrub(value)
  return out
}

const scrubbed = (found: { path: string; detail: string }, scrub: (text: string) => string) => ({
  path: scrub(found.path),
  detail: scrub(found.detail)
})

/** A function that replaces every occurrence of `secret` in a text. */
export const scrubber =
  (secret: string) =>
  (text: string): string =>
    secret === "" ? text : text.split(secret).join("[redacted]")

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
