/**
 * The `AdminApiClient` service: an authenticated, traced `HttpClient` for the
 * Admin API report endpoints, and the one place requests are sent from.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import type * as ConfigError from "effect/ConfigError"
import type * as Schema from "effect/Schema"
import { type AdminApiError, InvalidParameterError, isRetryable, TimeoutError } from "./AdminApiError.js"
import { executeDecoded, scrubber } from "./internal/response.js"
import { BASE_URL_RULE, checkBaseUrl, withoutRedirects } from "./internal/transport.js"
import { PACKAGE_NAME, VERSION } from "./internal/version.js"
import * as RetryPolicy from "./RetryPolicy.js"

/**
 * The default `anthropic-version` header: `2023-06-01`.
 *
 * Why this and not {@link ANTHROPIC_VERSION_2026_10_21}, the current version
 * (reference §10.6): the report endpoints are documented, and this client is
 * tested, under `2023-06-01`; that version has no retirement date; and
 * `2026-10-21` is a breaking version (the official SDK's 1.0.0 release says
 * so) whose effect on these endpoints is not documented. Opt in with
 * `anthropicVersion: ANTHROPIC_VERSION_2026_10_21`.
 * @since 0.1.0
 */
export const ANTHROPIC_VERSION = "2023-06-01"

/**
 * The current `anthropic-version` (reference §10.6), sent by the official
 * SDK 1.x. Not the default (see {@link ANTHROPIC_VERSION}); pass it as
 * `anthropicVersion` to opt in.
 * @since 0.2.0
 */
export const ANTHROPIC_VERSION_2026_10_21 = "2026-10-21"

/**
 * The `anthropic-version` values this client knows, plus any other string
 * (the API may publish newer ones; reference §10.6).
 * @since 0.2.0
 */
export type AnthropicVersion = typeof ANTHROPIC_VERSION | typeof ANTHROPIC_VERSION_2026_10_21 | (string & {})

/** The production base URL. @since 0.1.0 */
export const DEFAULT_BASE_URL = "https://api.anthropic.com"

/**
 * What a base URL may be: `https:`, or `http:` to a loopback host
 * (`localhost`, `127.0.0.0/8`, `[::1]`); no credentials, query or fragment.
 * @since 0.3.0
 */
export const BASE_URL_RULE_TEXT: string = BASE_URL_RULE

/**
 * Checks a base URL against {@link BASE_URL_RULE_TEXT} without sending
 * anything: the URL, or an `InvalidParameterError` naming `field` (the option,
 * flag or environment variable it came from, e.g. `"--base-url"` or
 * `"ANTHROPIC_BASE_URL"`); the value echoed in it has any `sk-ant-` token
 * redacted.
 * @since 0.3.0
 */
export const validateBaseUrl = (
  value: string,
  field = "baseUrl"
): Either.Either<string, InvalidParameterError> => checkBaseUrl(value, field)

/** `User-Agent` sent by default: package name and version. @since 0.1.0 */
export const USER_AGENT = `${PACKAGE_NAME}/${VERSION}`

/**
 * How to build a client.
 * @since 0.1.0
 */
export interface Options {
  /** The Admin API key (`sk-ant-admin…`). Only ever read into the `x-api-key` header. */
  readonly apiKey: Redacted.Redacted<string>
  /**
   * Defaults to `https://api.anthropic.com`; set it for gateways and tests.
   * Must be `https:`, or `http:` to a loopback host ({@link BASE_URL_RULE_TEXT});
   * anything else fails every call with `InvalidParameterError` on `baseUrl`
   * before a request is sent. Redirects are never followed: a 3xx fails with
   * an `InvalidRequestError` (`redirect_refused`) naming where it pointed, so
   * the key only ever goes to this origin.
   */
  readonly baseUrl?: string | undefined
  /**
   * Sent as `anthropic-version`; defaults to {@link ANTHROPIC_VERSION}
   * (`2023-06-01`, see there why). {@link ANTHROPIC_VERSION_2026_10_21}
   * opts in to the current version (reference §10.6).
   */
  readonly anthropicVersion?: AnthropicVersion | undefined
  /**
   * Extra `anthropic-beta` flags sent on every request. Every request sends
   * one `anthropic-beta` header: these flags, those of an `anthropic-beta`
   * in `headers` or in the call's headers, and the endpoint's own (e.g. the
   * analytics beta), each once, comma-joined.
   */
  readonly betas?: ReadonlyArray<string> | undefined
  /** Prepended to the default `User-Agent`, e.g. `my-app/1.2.0`. */
  readonly userAgent?: string | undefined
  /** Per-request timeout (each attempt); defaults to 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * How failed requests are retried (see {@link RetryPolicy}); `false`
   * disables retries. By default a request is retried for up to 3 minutes
   * after its first failure, with no limit on the number of attempts, so a
   * per-minute rate limit is waited out (reference §10.3).
   */
  readonly retry?: RetryPolicy.Options | false | undefined
  /**
   * Called before each wait, e.g. to print "rate limited, retrying in 7 s".
   * `attempt` is the number of the attempt that failed (1 for the first).
   */
  readonly onRetry?: ((event: RetryEvent) => Effect.Effect<void>) | undefined
  /** A hook to decorate the underlying `HttpClient` (proxies, logging, extra headers). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
  /**
   * Extra headers sent with every request. They are applied after the
   * client's own (`anthropic-version`, `user-agent`, `accept`), so they may
   * replace them; `x-api-key` always comes from `apiKey` and cannot be set
   * here. Per-call headers ({@link RequestOptions}) are applied after these.
   * @since 0.2.0
   */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * Whether each request carries the trace context of its span as
   * `traceparent` and `b3` headers. Default `false`: nothing about your
   * traces is sent to the API, though every request still runs in its spans
   * (`AdminApiClient.<endpoint>`, `AdminApiClient.request …`,
   * `http.client GET`) for the `Tracer` you provide. `true` leaves
   * `@effect/platform`'s propagation on (its default for other clients).
   * @since 0.2.0
   */
  readonly tracerPropagation?: boolean | undefined
}

/**
 * Options for the requests of one call, overriding the client's
 * {@link Options} for every request the call sends (all pages, windows and
 * retries). Provide them with {@link CurrentRequestOptions}.
 * @since 0.2.0
 */
export interface RequestOptions {
  /** Per-attempt timeout for this call, instead of the client's `timeout`. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Retry options merged over the client's (e.g. `{ maxAttempts: 1 }`: one
   * request, no retry), or `false` for no retries.
   */
  readonly retry?: RetryPolicy.Options | false | undefined
  /** Headers added to this call's requests, after the client's `headers`. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * Called with the status, headers and `request-id` of each response this
   * call decodes successfully (once per page; not for failed attempts).
   */
  readonly onResponse?: ((response: ResponseInfo) => Effect.Effect<void>) | undefined
}

/**
 * What {@link RequestOptions.onResponse} receives: a decoded response's
 * status, headers (names lower-case) and `request-id`.
 * @since 0.2.0
 */
export interface ResponseInfo {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly requestId: string | undefined
}

/**
 * The {@link RequestOptions} in effect, read by every request; empty by
 * default. Provide it around an effect or a stream to override the client's
 * options for that call only:
 * @example
 * ```ts
 * UsageReport.page(params).pipe(
 *   Effect.provideService(AdminApiClient.CurrentRequestOptions, { retry: { maxAttempts: 1 }, timeout: "5 seconds" })
 * )
 * CostReport.rows(params).pipe(
 *   Stream.provideService(AdminApiClient.CurrentRequestOptions, { headers: { "x-trace-tag": "nightly" } })
 * )
 * ```
 * @since 0.2.0
 */
export class CurrentRequestOptions extends Context.Reference<CurrentRequestOptions>()(
  "@rawdash/anthropic-admin-api/AdminApiClient/CurrentRequestOptions",
  { defaultValue: (): RequestOptions => ({}) }
) {}

/**
 * What {@link Options.onRetry} receives before each wait.
 * @since 0.1.0
 */
export interface RetryEvent {
  readonly error: AdminApiError
  /** The attempt that failed, from 1. */
  readonly attempt: number
  /** How long the client waits before the next attempt. */
  readonly delay: Duration.Duration
}

/** Default per-request timeout. @since 0.1.0 */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.seconds(30)

/**
 * A request ready to send: path, query pairs in wire order, and betas.
 * @since 0.1.0
 */
export interface WireRequest {
  readonly path: string
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly betas: ReadonlyArray<string>
}

/**
 * The HTTP methods {@link AdminApiClient.Service.request} sends: `GET` for
 * reads, `POST` and `DELETE` for the management mutations (reference §6).
 * @since 0.3.0
 */
export type Method = "GET" | "POST" | "DELETE"

/**
 * Any request to the API: method, path, query pairs in wire order, an
 * optional JSON body (sent with `content-type: application/json`;
 * reference §1.1) and betas (merged with the client's `betas`).
 * @since 0.3.0
 */
export interface ApiRequest {
  readonly method: Method
  readonly path: string
  readonly query?: ReadonlyArray<readonly [string, string]> | undefined
  /** A JSON-serialisable value; omitted means no body. */
  readonly body?: unknown
  readonly betas?: ReadonlyArray<string> | undefined
}

/**
 * Whether a failed `POST` or `DELETE` may be sent again: only when the
 * status proves the API did nothing — 429 (rate limited; not the
 * spend-limit 429, and not when `x-should-retry: false`) and 529
 * (overloaded). Timeouts, transport errors, other 5xx and 409 are
 * ambiguous for a mutation (the change may have been applied: an invite
 * sent twice, a remove answered 404 the second time), so they are returned
 * to the caller instead of retried. Reads (`GET`) use
 * `AdminApiError.isRetryable`.
 * @since 0.3.0
 */
export const isRetryableMutation = (error: AdminApiError): boolean =>
  (error._tag === "RateLimitError" || error._tag === "OverloadedError") && isRetryable(error)

/**
 * The decoded body of one response, with the `request-id` the API sent.
 * @since 0.1.0
 */
export interface Decoded<A> {
  readonly value: A
  readonly requestId: string | undefined
  /** The response's status (a 2xx). @since 0.2.0 */
  readonly status: number
  /** The response's headers, names lower-case. @since 0.2.0 */
  readonly headers: Readonly<Record<string, string>>
}

/**
 * @since 0.1.0
 */
export declare namespace AdminApiClient {
  /**
   * @since 0.1.0
   */
  export interface Service {
    /** The configured client: base URL, auth and version headers applied. */
    readonly httpClient: HttpClient.HttpClient
    /**
     * Sends one GET and decodes its body with `schema`, mapping every
     * failure into an {@link AdminApiError}; each attempt has the timeout,
     * failed attempts are retried by the retry policy.
     */
    readonly get: <A, I>(
      request: WireRequest,
      schema: Schema.Schema<A, I>,
      endpoint: string
    ) => Effect.Effect<Decoded<A>, AdminApiError>
    /**
     * Sends any request ({@link ApiRequest}: `GET`, `POST` or `DELETE`, a
     * JSON body) through the same timeout, span, error mapping and
     * decoding as {@link get}. `GET`s are retried like {@link get};
     * `POST`/`DELETE` only on what {@link isRetryableMutation} allows (429
     * and 529), never after a timeout or transport failure.
     * @since 0.3.0
     */
    readonly request: <A, I>(
      request: ApiRequest,
      schema: Schema.Schema<A, I>,
      endpoint: string
    ) => Effect.Effect<Decoded<A>, AdminApiError>
  }
}

/**
 * The service tag.
 * @since 0.1.0
 */
export class AdminApiClient extends Context.Tag("@rawdash/anthropic-admin-api/AdminApiClient")<
  AdminApiClient,
  AdminApiClient.Service
>() {}

/** Headers without `x-api-key` (which only `apiKey` sets), or `undefined` for none. */
const withoutKey = (
  headers: Readonly<Record<string, string>> | undefined
): Readonly<Record<string, string>> | undefined => {
  if (headers === undefined) return undefined
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== "x-api-key") out[name.toLowerCase()] = value
  }
  return out
}

/** The comma-separated flags of an `anthropic-beta` header (names already lower-case). */
const betasIn = (headers: Readonly<Record<string, string>> | undefined): ReadonlyArray<string> =>
  (headers?.["anthropic-beta"] ?? "")
    .split(",")
    .map((flag) => flag.trim())
    .filter((flag) => flag !== "")

/**
 * Builds the service from options over the `HttpClient` in context.
 * @since 0.1.0
 */
export const make = Effect.fnUntraced(function* (options: Options) {
  const platform = yield* HttpClient.HttpClient
  // @effect/platform adds `traceparent`/`b3` to every request by default;
  // the API has no use for them, so they are sent only on request.
  const base = (yield* withoutRedirects)(
    options.tracerPropagation === true ? platform : HttpClient.withTracerPropagation(platform, false)
  )
  // checked once; a bad one fails every call before anything is sent
  const checkedBaseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, "baseUrl")
  const clientTimeout = Duration.decode(options.timeout ?? DEFAULT_TIMEOUT)
  const userAgent = options.userAgent === undefined ? USER_AGENT : `${options.userAgent} ${USER_AGENT}`
  // The only place the key is revealed: the header, and the scrubber that
  // keeps it out of errors built from response text.
  const apiKey = Redacted.value(options.apiKey)
  const scrub = scrubber(apiKey)
  const clientHeaders = withoutKey(options.headers)
  const configured = base.pipe(
    HttpClient.mapRequest((request) =>
      request.pipe(
        HttpClientRequest.prependUrl(options.baseUrl ?? DEFAULT_BASE_URL),
        // defaults, then the client's headers, then the call's (already on the request), then the key
        HttpClientRequest.setHeaders({
          "anthropic-version": options.anthropicVersion ?? ANTHROPIC_VERSION,
          "user-agent": userAgent,
          accept: "application/json",
          ...clientHeaders,
          ...request.headers,
          "x-api-key": apiKey
        })
      )
    )
  )
  const httpClient = options.transformClient ? options.transformClient(configured) : configured
  const onRetry = options.onRetry
  const makePolicy = (retry: RetryPolicy.Options | false | undefined, mutation: boolean) => {
    if (retry === false) return undefined
    const base = mutation
      ? RetryPolicy.schedule(retry).pipe(Schedule.whileInput(isRetryableMutation))
      : RetryPolicy.schedule(retry)
    return onRetry === undefined
      ? base
      : base.pipe(
          Schedule.onDecision((event, decision) =>
            ScheduleDecision.isContinue(decision) ? onRetry(event) : Effect.void
          )
        )
  }
  const clientPolicy = makePolicy(options.retry, false)
  const clientMutationPolicy = makePolicy(options.retry, true)
  const callPolicy = (retry: RetryPolicy.Options | false, mutation: boolean) =>
    Effect.try({
      try: () => makePolicy(retry === false ? false : { ...(options.retry || {}), ...retry }, mutation),
      catch: (error) =>
        new InvalidParameterError({
          field: "retry",
          allowed: "RetryPolicy.Options: maxAttempts a positive integer or Infinity, jitter within 0-1",
          received: error instanceof Error ? error.message : String(error)
        })
    })

  const request = <A, I>(request: ApiRequest, schema: Schema.Schema<A, I>, endpoint: string) =>
    Effect.flatMap(Effect.zipRight(checkedBaseUrl, CurrentRequestOptions), (call) => {
      const mutation = request.method !== "GET"
      return call.retry === undefined
        ? send(request, schema, endpoint, call, mutation ? clientMutationPolicy : clientPolicy)
        : Effect.flatMap(callPolicy(call.retry, mutation), (policy) =>
            send(request, schema, endpoint, call, policy)
          )
    })
  const get = <A, I>(wire: WireRequest, schema: Schema.Schema<A, I>, endpoint: string) =>
    request({ method: "GET", ...wire }, schema, endpoint)

  const send = <A, I>(
    request: ApiRequest,
    schema: Schema.Schema<A, I>,
    endpoint: string,
    call: RequestOptions,
    policy: Schedule.Schedule<unknown, AdminApiError> | undefined
  ) => {
    const timeout = call.timeout === undefined ? clientTimeout : Duration.decode(call.timeout)
    const method = request.method
    const callHeaders = withoutKey(call.headers)
    // one anthropic-beta header: the client's and the call's betas (option or header) and the endpoint's
    const betas = [
      ...new Set([
        ...(options.betas ?? []),
        ...betasIn(clientHeaders),
        ...betasIn(callHeaders),
        ...(request.betas ?? [])
      ])
    ]
    let httpRequest = HttpClientRequest.make(method)(request.path)
    for (const [key, value] of request.query ?? []) {
      httpRequest = HttpClientRequest.appendUrlParam(httpRequest, key, value)
    }
    if (request.body !== undefined) httpRequest = HttpClientRequest.bodyUnsafeJson(httpRequest, request.body)
    if (callHeaders !== undefined) httpRequest = HttpClientRequest.setHeaders(httpRequest, callHeaders)
    if (betas.length > 0) {
      httpRequest = HttpClientRequest.setHeader(httpRequest, "anthropic-beta", betas.join(","))
    }
    const attempt = (n: number) =>
      executeDecoded(httpClient, httpRequest, schema, endpoint, scrub).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new TimeoutError({ method, path: request.path, timeoutMillis: Duration.toMillis(timeout) })
        }),
        Effect.withSpan(`AdminApiClient.request ${method} ${request.path}`, {
          kind: "client",
          attributes: {
            "http.request.method": method,
            "url.path": request.path,
            "anthropic.endpoint": endpoint,
            "anthropic.attempt": n,
            "http.request.resend_count": n - 1
          }
        })
      )
    const onResponse = call.onResponse
    return Effect.suspend(() => {
      let attempts = 0
      const once = Effect.suspend(() => attempt(++attempts))
      return policy === undefined ? once : Effect.retry(once, policy)
    }).pipe(
      Effect.tap((decoded) =>
        onResponse === undefined
          ? Effect.void
          : onResponse({ status: decoded.status, headers: decoded.headers, requestId: decoded.requestId })
      ),
      Effect.withSpan(`AdminApiClient.${endpoint}`, {
        attributes: {
          "http.request.method": method,
          "url.path": request.path,
          "anthropic.endpoint": endpoint
        }
      })
    )
  }

  return AdminApiClient.of({ httpClient, get, request })
})

/**
 * A layer from explicit options; needs an `HttpClient` (use
 * {@link layerFetch} or `FetchHttpClient.layer` in production, the testing
 * kit's fake in tests).
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<AdminApiClient, never, HttpClient.HttpClient> =>
  Layer.effect(AdminApiClient, make(options))

/**
 * A layer from `Config`: the key from `ANTHROPIC_ADMIN_API_KEY` and the base
 * URL from `ANTHROPIC_BASE_URL` unless other configs are given.
 * @since 0.1.0
 */
export const layerConfig = (
  config: {
    readonly apiKey?: Config.Config<Redacted.Redacted<string>> | undefined
    readonly baseUrl?: Config.Config<string | undefined> | undefined
  } & Omit<Options, "apiKey" | "baseUrl"> = {}
): Layer.Layer<AdminApiClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    AdminApiClient,
    Effect.gen(function* () {
      const apiKey = yield* config.apiKey ?? Config.redacted("ANTHROPIC_ADMIN_API_KEY")
      const baseUrl = yield* (
        config.baseUrl ??
        Config.option(
          Config.string("ANTHROPIC_BASE_URL").pipe(
            Config.validate({
              message: `must be ${BASE_URL_RULE}`,
              validation: (value) => Either.isRight(checkBaseUrl(value, "ANTHROPIC_BASE_URL"))
            })
          )
        ).pipe(Config.map((o) => (o._tag === "Some" ? o.value : undefined)))
      )
      return yield* make({ ...config, apiKey, baseUrl })
    })
  )

/**
 * {@link layer} wired to the platform's `fetch` — the production default.
 * @since 0.1.0
 */
export const layerFetch = (options: Options): Layer.Layer<AdminApiClient> =>
  layer(options).pipe(Layer.provide(FetchHttpClient.layer))
