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
import { parseRetryAfter } from "./retryAfter.js"

const ErrorEnvelope = Schema.Struct({
  error: Schema.Struct({ type: Schema.String, message: Schema.String }),
  request_id: Schema.optional(Schema.NullOr(Schema.String))
})
const decodeEnvelope = Schema.decodeUnknownOption(Schema.parseJson(ErrorEnvelope))

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

/** Maps a non-2xx status and its body into the typed error the caller sees. */
const statusError = (
  response: HttpClientResponse.HttpClientResponse,
  body: string,
  nowMillis: number,
  path: string,
  scrub: (text: string) => string
): AdminApiError => {
  const status = response.status
  const envelope = decodeEnvelope(body)
  const requestId =
    headerRequestId(response) ??
    Option.getOrUndefined(Option.flatMap(envelope, (e) => Option.fromNullable(e.request_id))) ??
    undefined
  const apiMessage = scrub(
    Option.match(envelope, {
      onNone: () => (body.trim() === "" ? `HTTP ${status}` : `HTTP ${status}: ${body.slice(0, 200)}`),
      onSome: (e) => e.error.message
    })
  )
  const errorType = Option.match(envelope, { onNone: () => `http_${status}`, onSome: (e) => e.error.type })
  const retryAfterMillis = Option.getOrUndefined(parseRetryAfter(response.headers, nowMillis))
  const base = { status, apiMessage, ...(requestId === undefined ? {} : { requestId }) }
  const withRetry = retryAfterMillis === undefined ? base : { ...base, retryAfterMillis }
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
      return new RateLimitError(withRetry)
    case status === 529:
      return new OverloadedError(withRetry)
    case status >= 500:
      return new ServerError(withRetry)
    default:
      return new InvalidRequestError({ ...base, errorType })
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
): Effect.Effect<{ readonly value: A; readonly requestId: string | undefined }, AdminApiError> => {
  const path = new URL(request.url, "http://x").pathname
  const transport = (reason: string) =>
    new TransportError({ method: request.method, path, reason: scrub(reason) })
  const decode = Schema.decodeUnknown(schema, { onExcessProperty: "ignore" })
  return Effect.gen(function* () {
    const response = yield* client
      .execute(request)
      .pipe(Effect.mapError((e) => transport(e.reason === "Transport" ? describe(e.cause) : e.message)))
    const body = yield* response.text.pipe(
      Effect.mapError((e) => transport(`could not read the body: ${describe(e.cause)}`))
    )
    const requestId = headerRequestId(response)
    yield* Effect.annotateCurrentSpan({
      "http.response.status_code": response.status,
      ...(requestId === undefined ? {} : { "anthropic.request_id": requestId })
    })
    if (response.status < 200 || response.status >= 300) {
      const now = yield* Clock.currentTimeMillis
      return yield* Effect.fail(statusError(response, body, now, path, scrub))
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
    return { value, requestId }
  })
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
