/**
 * A Promise client for scripts and services that do not use Effect: the same
 * reports, analytics (`analyticsUsage…`, `analyticsCost…`), management
 * endpoints (`users`, `invites`, `workspaces`, `workspaceMembers`, `apiKeys`,
 * `rateLimits`, `organization()`) and cached names (`names()`), with the same
 * validation and retries as the Effect API, as `async` functions and
 * `AsyncIterable`s that yield **plain JSON values** ({@link Plain}): instants
 * as RFC 3339 strings, money as exact decimal strings, counts as numbers,
 * `null` for absent dimensions. Options follow the official SDK
 * (`@anthropic-ai/sdk`): `maxRetries`, `timeout`, `defaultHeaders`, `fetch`,
 * `logger`/`logLevel` on the client; `signal`, `timeout`, `maxRetries`,
 * `headers` per call; `withResponse()` for the request id and headers.
 *
 * Errors are the classes of {@link AdminApiError} (real `Error` subclasses
 * with `_tag`, `status`, `requestId`, …), plus {@link AbortError} when a call's
 * `signal` aborts it.
 *
 * The environment is read here and only here, and only for options not
 * given: `ANTHROPIC_ADMIN_API_KEY` (`apiKey`), `ANTHROPIC_BASE_URL`
 * (`baseUrl`, also when `apiKey` is given) and `ANTHROPIC_LOG` (`logLevel`).
 *
 * @example
 * ```ts
 * const client = AdminApi.createClient() // ANTHROPIC_ADMIN_API_KEY from the environment
 * for await (const row of client.costReportRows({ startingAt: "2026-03-01", endingAt: "2026-04-01" })) {
 *   console.log(row.starting_at, row.description, row.amount_usd)
 * }
 * await client.dispose()
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as EffectLogLevel from "effect/LogLevel"
import * as EffectLogger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as AdminApiClient from "./AdminApiClient.js"
import { type AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import type * as Analytics from "./Analytics.js"
import * as AnalyticsCost from "./AnalyticsCost.js"
import * as AnalyticsUsage from "./AnalyticsUsage.js"
import * as ApiKeys from "./ApiKeys.js"
import * as ClaudeCodeReport from "./ClaudeCodeReport.js"
import * as CostReport from "./CostReport.js"
import * as Invites from "./Invites.js"
import * as Names from "./Names.js"
import * as Organization from "./Organization.js"
import type { IdListParams, IdPage, Page, PagesOptions, StreamOptions } from "./Pagination.js"
import * as Plain from "./Plain.js"
import * as RateLimits from "./RateLimits.js"
import type * as RetryPolicy from "./RetryPolicy.js"
import * as UsageReport from "./UsageReport.js"
import * as Users from "./Users.js"
import * as WorkspaceMembers from "./WorkspaceMembers.js"
import * as Workspaces from "./Workspaces.js"

/**
 * Where the client writes its log lines: `console` by default, or any object
 * with these four methods (pino, winston and the official SDK's loggers fit).
 * @since 0.2.0
 */
export interface Logger {
  readonly debug: (message: string, ...rest: Array<unknown>) => void
  readonly info: (message: string, ...rest: Array<unknown>) => void
  readonly warn: (message: string, ...rest: Array<unknown>) => void
  readonly error: (message: string, ...rest: Array<unknown>) => void
}

/**
 * The least severe level written: `debug` logs every request and response
 * (method, URL, status, request id, time; never a header), `info` every retry
 * and its wait, `warn`/`error` nothing the client knows of today, `off`
 * nothing at all.
 * @since 0.2.0
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off"

const LEVELS: ReadonlyArray<LogLevel> = ["debug", "info", "warn", "error", "off"]

/**
 * How to build a Promise client. Every option is optional.
 * @since 0.1.0
 */
export interface ClientOptions {
  /** The Admin API key (`sk-ant-admin…`); default `ANTHROPIC_ADMIN_API_KEY`. */
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
  /**
   * Default `ANTHROPIC_BASE_URL` when set (also when `apiKey` is given), else
   * `https://api.anthropic.com`.
   */
  readonly baseUrl?: string | undefined
  /** Sent as `anthropic-version`; defaults to `2023-06-01` (see `AdminApiClient.ANTHROPIC_VERSION`). */
  readonly anthropicVersion?: AdminApiClient.AnthropicVersion | undefined
  /** Extra `anthropic-beta` flags sent on every request. */
  readonly betas?: ReadonlyArray<string> | undefined
  /** Prepended to the default `User-Agent`. */
  readonly userAgent?: string | undefined
  /** Timeout of each attempt in milliseconds; default 30 000. */
  readonly timeout?: number | undefined
  /** @deprecated Use `timeout` (also milliseconds). */
  readonly timeoutMillis?: number | undefined
  /**
   * Retries after the first attempt, at most (`0`: one request per page).
   * Default: unlimited within the retry policy's time budget (3 minutes), so
   * a per-minute rate limit is waited out. Sets `retry.maxAttempts` to
   * `maxRetries + 1`.
   */
  readonly maxRetries?: number | undefined
  /** The full retry policy (see `RetryPolicy`), or `false` for no retries. */
  readonly retry?: RetryPolicy.Options | false | undefined
  /** Called before each wait; errors it throws are ignored. */
  readonly onRetry?: ((event: RetryEvent) => void | Promise<void>) | undefined
  /**
   * Headers sent with every request, after the client's own (so they may
   * replace `anthropic-version` or `user-agent`); `x-api-key` always comes
   * from `apiKey`.
   */
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined
  /** A `fetch` implementation to use instead of `globalThis.fetch` (proxies, tests). */
  readonly fetch?: typeof globalThis.fetch | undefined
  /** An Effect `HttpClient` to send requests with instead of `fetch` (e.g. the testing kit's fake). */
  readonly httpClient?: HttpClient.HttpClient | undefined
  /** Where log lines go; default `console`. */
  readonly logger?: Logger | undefined
  /** Default `ANTHROPIC_LOG` when it names a level, else `"warn"`. */
  readonly logLevel?: LogLevel | undefined
  /**
   * Send W3C `traceparent` and `b3` headers with each request. Default
   * `false`: no trace context leaves your process. (The Promise client's
   * spans go to Effect's built-in tracer; forward your own trace context with
   * `headers` instead.)
   */
  readonly tracerPropagation?: boolean | undefined
}

/**
 * Options of one call, as in the official SDK. They apply to every request
 * the call sends (pages, windows, retries).
 * @since 0.2.0
 */
export interface RequestOptions {
  /**
   * Aborts the call: its promise (or the pending `next()` of its iterable)
   * rejects at once with {@link AbortError}, the request in flight is
   * cancelled and no further request is sent.
   */
  readonly signal?: AbortSignal | undefined
  /** Timeout of each attempt of this call, in milliseconds. */
  readonly timeout?: number | undefined
  /** Retries after the first attempt for this call (`0`: exactly one request per page). */
  readonly maxRetries?: number | undefined
  /** Headers added to this call's requests (after `defaultHeaders`). */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * Options of the `buckets`/`rows` iterables: {@link RequestOptions} plus
 * `concurrency`.
 * @since 0.2.0
 */
export interface StreamRequestOptions extends RequestOptions, StreamOptions {}

/**
 * Options of the `…Pages` iterables: {@link RequestOptions} plus `startPage`.
 * @since 0.2.0
 */
export interface PagesRequestOptions extends RequestOptions, PagesOptions {}

/**
 * What `withResponse()` resolves with: the plain page, the `request-id`
 * (`null` when the API sent none) and the response's status and headers.
 * @since 0.2.0
 */
export interface WithResponse<T> {
  readonly data: T
  readonly request_id: string | null
  readonly response: { readonly status: number; readonly headers: Headers }
}

/**
 * The promise a page call returns: it resolves with the plain page, and
 * `withResponse()` gives the same result with its request id and headers,
 * like the official SDK's `APIPromise`.
 * @since 0.2.0
 */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<WithResponse<T>>
  constructor(result: Promise<WithResponse<T>>) {
    super((resolve) => resolve(null as never))
    this.#result = result
  }
  static override get [Symbol.species]() {
    return Promise
  }
  /** The page with its `request_id` and `response` (`status`, `headers`). */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result
  }
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null
  ): Promise<R1 | R2> {
    return this.#result.then((result) => result.data).then(onfulfilled, onrejected)
  }
  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected)
  }
  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally)
  }
}

/**
 * A call was aborted through its `signal`. `reason` describes the signal's
 * reason (e.g. `TimeoutError: signal timed out` for `AbortSignal.timeout`).
 * `name` is `"AbortError"`, as for an aborted `fetch`.
 * @since 0.2.0
 */
export class AbortError extends Schema.TaggedError<AbortError>()("AbortError", { reason: Schema.String }) {
  override get message() {
    return `The call was aborted by its signal (${this.reason}); no further request is sent.`
  }
}

/**
 * A call on a client after its `dispose()`: nothing is sent. Create a new
 * client to read more.
 * @since 0.3.0
 */
export class ClientDisposedError extends Schema.TaggedError<ClientDisposedError>()(
  "ClientDisposedError",
  {}
) {
  override get message() {
    return "This AdminApi client was disposed (client.dispose()); nothing was sent. Create a new client with AdminApi.createClient() to send more requests."
  }
}

/**
 * What `onRetry` receives: the Effect API's event plus the wait in
 * milliseconds.
 * @since 0.1.0
 */
export interface RetryEvent extends AdminApiClient.RetryEvent {
  readonly delayMillis: number
}

/**
 * The Promise client. Iterables are lazy: nothing is sent until iteration
 * starts, and breaking out of a `for await` (or aborting its `signal`)
 * cancels the requests in flight. Every value is plain JSON ({@link Plain}).
 * @since 0.1.0
 */
export interface Client {
  /** Every bucket of the Messages Usage Report for the range, in time order. */
  readonly messagesUsage: (
    params: UsageReport.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.UsageBucket>
  /** Every row of the Messages Usage Report, with its bucket's edges. */
  readonly messagesUsageRows: (
    params: UsageReport.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.UsageRow>
  /** The pages of one range, following `next_page`. */
  readonly messagesUsagePages: (
    params: UsageReport.Params,
    options?: PagesRequestOptions
  ) => AsyncIterable<Plain.Page<Plain.UsageBucket>>
  /** One page of the Messages Usage Report. */
  readonly messagesUsagePage: (
    params: UsageReport.Params,
    options?: RequestOptions
  ) => APIPromise<Plain.UsagePage>
  /** Every daily bucket of the Cost Report for the range, in time order. */
  readonly costReport: (
    params: CostReport.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.CostBucket>
  /** Every row of the Cost Report, with its bucket's edges. */
  readonly costReportRows: (
    params: CostReport.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.CostRow>
  /** The pages of one range, following `next_page`. */
  readonly costReportPages: (
    params: CostReport.Params,
    options?: PagesRequestOptions
  ) => AsyncIterable<Plain.Page<Plain.CostBucket>>
  /** One page of the Cost Report. */
  readonly costReportPage: (params: CostReport.Params, options?: RequestOptions) => APIPromise<Plain.CostPage>
  /** Every Claude Code record of the days in `[from, to)`, day by day. */
  readonly claudeCodeUsage: (
    params: ClaudeCodeReport.RangeParams,
    options?: RequestOptions
  ) => AsyncIterable<Plain.ClaudeCodeRecord>
  /** The pages of one day, following `next_page`. */
  readonly claudeCodeUsagePages: (
    params: ClaudeCodeReport.Params,
    options?: PagesRequestOptions
  ) => AsyncIterable<Plain.Page<Plain.ClaudeCodeRecord>>
  /** One page of one day of the Claude Code report. */
  readonly claudeCodeUsagePage: (
    params: ClaudeCodeReport.Params,
    options?: RequestOptions
  ) => APIPromise<Plain.ClaudeCodePage>
  /**
   * Every bucket of the analytics usage endpoint for the range, in time
   * order (windows of at most 31 days, a 410 restarting the window).
   * @since 0.3.0
   */
  readonly analyticsUsage: (
    params: AnalyticsUsage.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.AnalyticsBucket<Plain.AnalyticsUsageRow>>
  /** Every analytics usage row, in time order. @since 0.3.0 */
  readonly analyticsUsageRows: (
    params: AnalyticsUsage.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.AnalyticsUsageRow>
  /** The pages of one request's range, each with `data_refreshed_at`. @since 0.3.0 */
  readonly analyticsUsagePages: (
    params: AnalyticsUsage.Params,
    options?: PagesRequestOptions
  ) => AsyncIterable<Plain.AnalyticsPage<Plain.AnalyticsUsageRow>>
  /** One page of analytics usage. @since 0.3.0 */
  readonly analyticsUsagePage: (
    params: AnalyticsUsage.Params,
    options?: RequestOptions
  ) => APIPromise<Plain.AnalyticsReportPage<Plain.AnalyticsUsageRow>>
  /** Every bucket of the analytics cost endpoint for the range, in time order. @since 0.3.0 */
  readonly analyticsCost: (
    params: AnalyticsCost.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.AnalyticsBucket<Plain.AnalyticsCostRow>>
  /** Every analytics cost row, in time order. @since 0.3.0 */
  readonly analyticsCostRows: (
    params: AnalyticsCost.Params,
    options?: StreamRequestOptions
  ) => AsyncIterable<Plain.AnalyticsCostRow>
  /** The pages of one request's range, each with `data_refreshed_at`. @since 0.3.0 */
  readonly analyticsCostPages: (
    params: AnalyticsCost.Params,
    options?: PagesRequestOptions
  ) => AsyncIterable<Plain.AnalyticsPage<Plain.AnalyticsCostRow>>
  /** One page of analytics cost. @since 0.3.0 */
  readonly analyticsCostPage: (
    params: AnalyticsCost.Params,
    options?: RequestOptions
  ) => APIPromise<Plain.AnalyticsReportPage<Plain.AnalyticsCostRow>>
  /** The organisation of the key (`GET /v1/organizations/me`). @since 0.3.0 */
  readonly organization: (options?: RequestOptions) => APIPromise<Organization.OrganizationInfo>
  /** Organisation members. @since 0.3.0 */
  readonly users: ListResource<Users.ListParams, Plain.User> & {
    readonly get: (userId: string, options?: RequestOptions) => APIPromise<Plain.User>
    readonly update: (
      userId: string,
      params: { readonly role: Organization.AssignableRole },
      options?: RequestOptions
    ) => APIPromise<Plain.User>
    readonly remove: (userId: string, options?: RequestOptions) => APIPromise<Users.DeletedUser>
  }
  /** Invites. @since 0.3.0 */
  readonly invites: ListResource<Invites.ListParams, Plain.Invite> & {
    readonly get: (inviteId: string, options?: RequestOptions) => APIPromise<Plain.Invite>
    readonly create: (params: Invites.CreateParams, options?: RequestOptions) => APIPromise<Plain.Invite>
    readonly remove: (inviteId: string, options?: RequestOptions) => APIPromise<Invites.DeletedInvite>
  }
  /** Workspaces. @since 0.3.0 */
  readonly workspaces: ListResource<Workspaces.ListParams, Plain.Workspace> & {
    readonly get: (workspaceId: string, options?: RequestOptions) => APIPromise<Plain.Workspace>
    readonly create: (
      params: Workspaces.CreateParams,
      options?: RequestOptions
    ) => APIPromise<Plain.Workspace>
    readonly update: (
      workspaceId: string,
      params: Workspaces.UpdateParams,
      options?: RequestOptions
    ) => APIPromise<Plain.Workspace>
    readonly archive: (workspaceId: string, options?: RequestOptions) => APIPromise<Plain.Workspace>
  }
  /** Members of a workspace. @since 0.3.0 */
  readonly workspaceMembers: {
    readonly list: (
      workspaceId: string,
      params?: IdListParams,
      options?: RequestOptions
    ) => AsyncIterable<WorkspaceMembers.WorkspaceMember>
    readonly listPages: (
      workspaceId: string,
      params?: IdListParams,
      options?: RequestOptions
    ) => AsyncIterable<Plain.IdPage<WorkspaceMembers.WorkspaceMember>>
    readonly listPage: (
      workspaceId: string,
      params?: IdListParams,
      options?: RequestOptions
    ) => APIPromise<Plain.IdListPage<WorkspaceMembers.WorkspaceMember>>
    readonly get: (
      workspaceId: string,
      userId: string,
      options?: RequestOptions
    ) => APIPromise<WorkspaceMembers.WorkspaceMember>
    readonly add: (
      workspaceId: string,
      params: { readonly userId: string; readonly workspaceRole: WorkspaceMembers.WorkspaceRole },
      options?: RequestOptions
    ) => APIPromise<WorkspaceMembers.WorkspaceMember>
    readonly update: (
      workspaceId: string,
      userId: string,
      params: { readonly workspaceRole: WorkspaceMembers.WorkspaceRole },
      options?: RequestOptions
    ) => APIPromise<WorkspaceMembers.WorkspaceMember>
    readonly remove: (
      workspaceId: string,
      userId: string,
      options?: RequestOptions
    ) => APIPromise<WorkspaceMembers.DeletedWorkspaceMember>
  }
  /** API keys. @since 0.3.0 */
  readonly apiKeys: ListResource<ApiKeys.ListParams, Plain.ApiKey> & {
    readonly get: (apiKeyId: string, options?: RequestOptions) => APIPromise<Plain.ApiKey>
    readonly update: (
      apiKeyId: string,
      params: ApiKeys.UpdateParams,
      options?: RequestOptions
    ) => APIPromise<Plain.ApiKey>
  }
  /** Rate limits of the organisation and of a workspace. @since 0.3.0 */
  readonly rateLimits: {
    readonly list: (
      params?: RateLimits.ListParams,
      options?: RequestOptions
    ) => AsyncIterable<RateLimits.OrganizationRateLimit>
    readonly workspaceList: (
      workspaceId: string,
      params?: RateLimits.WorkspaceListParams,
      options?: RequestOptions
    ) => AsyncIterable<RateLimits.WorkspaceRateLimit>
  }
  /**
   * A fresh, cached name lookup (see `Names`): at most one listing per kind
   * for the object returned; falls back to the id with one warning per kind
   * (written to `logger.warn`).
   * @since 0.3.0
   */
  readonly names: () => NameLookup
  /** Releases the client's resources (cancels whatever is still running). */
  readonly dispose: () => Promise<void>
}

/**
 * A management list as iterables and a page call: `list` (every item),
 * `listPages` (every page, forward from `afterId` or backward from
 * `beforeId`) and `listPage` (one page as the API sends it).
 * @since 0.3.0
 */
export interface ListResource<P, A> {
  readonly list: (params?: P, options?: RequestOptions) => AsyncIterable<A>
  readonly listPages: (params?: P, options?: RequestOptions) => AsyncIterable<Plain.IdPage<A>>
  readonly listPage: (params?: P, options?: RequestOptions) => APIPromise<Plain.IdListPage<A>>
}

/**
 * What `client.names()` returns: the `Names` lookups as promises. They never
 * reject for a missing name: the id is the fallback.
 * @since 0.3.0
 */
export interface NameLookup {
  readonly apiKey: (apiKeyId: string | null) => Promise<string | null>
  readonly workspace: (workspaceId: string | null) => Promise<string>
  readonly user: (userId: string) => Promise<string>
  readonly actor: (actor: Analytics.Actor) => Promise<string>
  readonly group: (group: Parameters<Names.Names.Service["group"]>[0]) => Promise<Names.GroupNames>
}

const describeReason = (reason: unknown): string =>
  reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason ?? "aborted")

const aborted = (signal: AbortSignal) => new AbortError({ reason: describeReason(signal.reason) })

const invalid = (field: string, allowed: string, received: unknown) =>
  Either.left(new InvalidParameterError({ field, allowed, received: String(received) }))

const checkRetries = (
  field: string,
  n: number | undefined
): Either.Either<number | undefined, InvalidParameterError> =>
  n === undefined || (Number.isInteger(n) && n >= 0) || n === Number.POSITIVE_INFINITY
    ? Either.right(n)
    : invalid(field, "a non-negative integer (0: no retries) or Infinity", n)

const checkMillis = (
  field: string,
  n: number | undefined
): Either.Either<number | undefined, InvalidParameterError> =>
  n === undefined || (Number.isFinite(n) && n > 0) ? Either.right(n) : invalid(field, "milliseconds > 0", n)

/** A call's options in the Effect API's terms, validated. */
const requestOptions = (
  options: RequestOptions
): Either.Either<AdminApiClient.RequestOptions, InvalidParameterError> =>
  Either.gen(function* () {
    const timeout = yield* checkMillis("timeout", options.timeout)
    const maxRetries = yield* checkRetries("maxRetries", options.maxRetries)
    return {
      ...(timeout === undefined ? {} : { timeout: Duration.millis(timeout) }),
      ...(maxRetries === undefined ? {} : { retry: { maxAttempts: maxRetries + 1 } }),
      ...(options.headers === undefined ? {} : { headers: options.headers })
    }
  })

const nonBlank = (value: Option.Option<string>): string | undefined =>
  Option.getOrUndefined(
    Option.filter(
      Option.map(value, (s) => s.trim()),
      (s) => s !== ""
    )
  )

const missingKey = new InvalidParameterError({
  field: "apiKey",
  allowed: "an Admin API key, passed as apiKey or set in ANTHROPIC_ADMIN_API_KEY",
  received: "no apiKey and no ANTHROPIC_ADMIN_API_KEY"
})

/**
 * The client layer: options given win; the environment (through Effect's
 * `Config`) fills in the rest.
 */
const clientLayer = (options: ClientOptions) =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const envKey = nonBlank(yield* Config.option(Config.string("ANTHROPIC_ADMIN_API_KEY")))
      const apiKey =
        options.apiKey === undefined
          ? envKey === undefined
            ? yield* Effect.fail(missingKey)
            : Redacted.make(envKey)
          : Redacted.isRedacted(options.apiKey)
            ? options.apiKey
            : Redacted.make(options.apiKey)
      const envBaseUrl =
        options.baseUrl === undefined
          ? nonBlank(yield* Config.option(Config.string("ANTHROPIC_BASE_URL")))
          : undefined
      // named after where it came from; `baseUrl` itself is checked by the client before any request
      if (envBaseUrl !== undefined) yield* AdminApiClient.validateBaseUrl(envBaseUrl, "ANTHROPIC_BASE_URL")
      const baseUrl = options.baseUrl ?? envBaseUrl
      const envLevel = nonBlank(yield* Config.option(Config.string("ANTHROPIC_LOG")))
      const level = options.logLevel ?? LEVELS.find((l) => l === envLevel?.toLowerCase()) ?? ("warn" as const)
      const timeout = yield* checkMillis("timeout", options.timeout ?? options.timeoutMillis)
      const maxRetries = yield* checkRetries("maxRetries", options.maxRetries)
      const logger: Logger = options.logger ?? globalThis.console
      const log = (at: Exclude<LogLevel, "off">, message: string) =>
        LEVELS.indexOf(at) >= LEVELS.indexOf(level) ? Effect.sync(() => logger[at](message)) : Effect.void
      const onRetry = options.onRetry
      const retry =
        maxRetries === undefined ? options.retry : { ...(options.retry || {}), maxAttempts: maxRetries + 1 }
      // Effect log lines (the `Names` fallback warning) go to the same logger, at its level
      const effectLogger = EffectLogger.replace(
        EffectLogger.defaultLogger,
        EffectLogger.make(({ logLevel, message }) => {
          const text = Array.isArray(message) ? message.map(String).join(" ") : String(message)
          const at = EffectLogLevel.greaterThanEqual(logLevel, EffectLogLevel.Error)
            ? "error"
            : EffectLogLevel.greaterThanEqual(logLevel, EffectLogLevel.Warning)
              ? "warn"
              : EffectLogLevel.greaterThanEqual(logLevel, EffectLogLevel.Info)
                ? "info"
                : "debug"
          if (LEVELS.indexOf(at) >= LEVELS.indexOf(level)) logger[at](text)
        })
      )
      return Layer.merge(
        effectLogger,
        AdminApiClient.layer({
          apiKey,
          ...(baseUrl === undefined ? {} : { baseUrl }),
          ...(options.anthropicVersion === undefined ? {} : { anthropicVersion: options.anthropicVersion }),
          ...(options.betas === undefined ? {} : { betas: options.betas }),
          ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
          ...(timeout === undefined ? {} : { timeout: Duration.millis(timeout) }),
          ...(retry === undefined ? {} : { retry }),
          ...(options.defaultHeaders === undefined ? {} : { headers: options.defaultHeaders }),
          ...(options.tracerPropagation === undefined
            ? {}
            : { tracerPropagation: options.tracerPropagation }),
          onRetry: (event) =>
            Effect.zipRight(
              log("info", retryLine(event)),
              onRetry === undefined
                ? Effect.void
                : Effect.tryPromise(async () =>
                    onRetry({ ...event, delayMillis: Duration.toMillis(event.delay) })
                  ).pipe(Effect.ignore)
            ),
          transformClient: (client) =>
            client.pipe(
              HttpClient.tapRequest((request) => {
                // a `page` cursor echoes the server: no `sk-ant-` token is logged from it
                const query = UrlParams.toString(request.urlParams).replace(
                  /sk-ant-[A-Za-z0-9_-]*/g,
                  "[redacted]"
                )
                return log(
                  "debug",
                  `request ${request.method} ${request.url}${query === "" ? "" : `?${query}`}`
                )
              }),
              HttpClient.tap((response) => {
                const id = response.headers["request-id"]?.replace(/sk-ant-[A-Za-z0-9_-]*/g, "[redacted]")
                return log(
                  "debug",
                  `response ${response.status} ${response.request.method} ${new URL(response.request.url).pathname}${id === undefined ? "" : ` request-id ${id}`}`
                )
              })
            )
        })
      )
    })
  )

const retryLine = (event: AdminApiClient.RetryEvent): string => {
  const { error } = event
  const status = "status" in error ? ` ${error.status}` : ""
  const id = "requestId" in error && error.requestId !== undefined ? ` (request-id ${error.requestId})` : ""
  return `${error._tag}${status}${id} on attempt ${event.attempt}; retrying in ${Duration.format(event.delay)}`
}

const squash = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}

/**
 * Builds a Promise client. No request is sent (and the environment is not
 * read) until a report is read; a missing key rejects the first call with
 * `InvalidParameterError` on `apiKey`.
 * @since 0.1.0
 */
export const createClient = (options: ClientOptions = {}): Client => {
  const httpLayer =
    options.httpClient === undefined
      ? FetchHttpClient.layer
      : Layer.succeed(HttpClient.HttpClient, options.httpClient)
  const fetchLayer =
    options.fetch === undefined ? Layer.empty : Layer.succeed(FetchHttpClient.Fetch, options.fetch)
  const runtime = ManagedRuntime.make(
    Layer.merge(clientLayer(options).pipe(Layer.provide(httpLayer)), fetchLayer)
  )

  type R = AdminApiClient.AdminApiClient
  /** Set by `dispose()`: every later call fails with {@link ClientDisposedError}. */
  let disposed = false
  /** Calls in flight, interrupted by `dispose()`. */
  const inFlight = new Set<{ readonly interrupt: () => void }>()

  /** Runs one call; an abort rejects at once and interrupts it (cancelling its request). */
  const run = <A>(
    effect: Effect.Effect<A, AdminApiError, R>,
    signal: AbortSignal | undefined
  ): Promise<A> => {
    if (disposed) return Promise.reject(new ClientDisposedError())
    if (signal?.aborted) return Promise.reject(aborted(signal))
    return new Promise<A>((resolve, reject) => {
      const fiber = runtime.runFork(effect)
      const handle = { interrupt: () => fiber.unsafeInterruptAsFork(fiber.id()) }
      inFlight.add(handle)
      const onAbort = () => {
        reject(aborted(signal!))
        fiber.unsafeInterruptAsFork(fiber.id())
      }
      signal?.addEventListener("abort", onAbort, { once: true })
      fiber.addObserver((exit) => {
        signal?.removeEventListener("abort", onAbort)
        inFlight.delete(handle)
        if (disposed && Exit.isInterrupted(exit)) return reject(new ClientDisposedError())
        try {
          resolve(squash(exit))
        } catch (error) {
          reject(error)
        }
      })
    })
  }

  const withOptions = <A>(
    stream: Stream.Stream<A, AdminApiError, R>,
    options: RequestOptions
  ): Stream.Stream<A, AdminApiError, R> =>
    Either.match(requestOptions(options), {
      onLeft: (error) => Stream.fail(error),
      onRight: (call) => Stream.provideService(stream, AdminApiClient.CurrentRequestOptions, call)
    })

  const iterate = <A>(
    stream: Stream.Stream<A, AdminApiError, R>,
    options: RequestOptions = {}
  ): AsyncIterable<A> => ({
    [Symbol.asyncIterator]() {
      const signal = options.signal
      let inner: Promise<AsyncIterator<A>> | undefined
      let stopped = false
      const open = () =>
        (inner ??= Effect.runPromiseExit(runtime.runtimeEffect)
          .then(squash)
          .then((rt) =>
            Stream.toAsyncIterableRuntime(withOptions(stream, options), rt)[Symbol.asyncIterator]()
          ))
      const stop = (): Promise<IteratorResult<A>> => {
        stopped = true
        const done: IteratorResult<A> = { done: true, value: undefined }
        return inner === undefined
          ? Promise.resolve(done)
          : inner
              .then((iterator) => iterator.return?.() ?? done)
              .then(
                () => done,
                () => done
              )
      }
      return {
        next: (): Promise<IteratorResult<A>> => {
          if (disposed) return Promise.reject(new ClientDisposedError())
          if (stopped) return Promise.resolve({ done: true, value: undefined })
          if (signal?.aborted) {
            void stop()
            return Promise.reject(aborted(signal))
          }
          const next = open().then((iterator) => iterator.next())
          if (signal === undefined) return next
          return new Promise((resolve, reject) => {
            const onAbort = () => {
              void stop()
              reject(aborted(signal))
            }
            signal.addEventListener("abort", onAbort, { once: true })
            next.then(
              (result) => {
                signal.removeEventListener("abort", onAbort)
                resolve(result)
              },
              (error: unknown) => {
                signal.removeEventListener("abort", onAbort)
                reject(error)
              }
            )
          })
        },
        return: stop
      }
    }
  })

  /** One call of the Effect API, with the response it came from. */
  const once = <A, B>(
    effect: Effect.Effect<A, AdminApiError, R>,
    plain: (a: A) => B,
    options: RequestOptions
  ) =>
    new APIPromise(
      run(
        Effect.gen(function* () {
          const call = yield* requestOptions(options)
          let response: AdminApiClient.ResponseInfo | undefined
          const value = yield* effect.pipe(
            Effect.provideService(AdminApiClient.CurrentRequestOptions, {
              ...call,
              onResponse: (info) => Effect.sync(() => void (response = info))
            })
          )
          return {
            data: plain(value),
            request_id: response?.requestId ?? null,
            response: { status: response?.status ?? 200, headers: new Headers(response?.headers) }
          }
        }),
        options.signal
      )
    )

  /** One page through the Effect API's `page`, with the response it came from. */
  const single =
    <P, Pg, B>(page: (params: P) => Effect.Effect<Pg, AdminApiError, R>, plain: (page: Pg) => B) =>
    (params: P, options: RequestOptions = {}): APIPromise<B> =>
      once(page(params), plain, options)

  const same = <A>(a: A): A => a

  /** A management list as iterables and a page call. */
  const listResource = <P extends IdListParams, A, B>(
    resource: {
      readonly list: (params: P) => Stream.Stream<A, AdminApiError, R>
      readonly listPages: (params: P) => Stream.Stream<IdPage<A>, AdminApiError, R>
      readonly listPage: (params: P) => Effect.Effect<
        {
          readonly data: ReadonlyArray<A>
          readonly has_more: boolean
          readonly first_id: string | null
          readonly last_id: string | null
        },
        AdminApiError,
        R
      >
    },
    plain: (a: A) => B
  ): ListResource<P, B> => ({
    list: (params = {} as P, options = {}) => iterate(Stream.map(resource.list(params), plain), options),
    listPages: (params = {} as P, options = {}) =>
      iterate(Stream.map(resource.listPages(params), Plain.idPage(plain)), options),
    listPage: (params = {} as P, options = {}) =>
      once(resource.listPage(params), Plain.idListPage(plain), options)
  })

  const names = (): NameLookup => {
    let service: Promise<Names.Names.Service> | undefined
    const get = () => (service ??= run(Names.make(), undefined))
    const ask = <A>(f: (s: Names.Names.Service) => Effect.Effect<A>) =>
      get().then((s) => run(f(s), undefined))
    return {
      apiKey: (id) => ask((s) => s.apiKey(id)),
      workspace: (id) => ask((s) => s.workspace(id)),
      user: (id) => ask((s) => s.user(id)),
      actor: (actor) => ask((s) => s.actor(actor)),
      group: (group) => ask((s) => s.group(group))
    }
  }

  /** A `buckets`/`rows` stream as an iterable of plain values. */
  const each =
    <P, A, B>(
      stream: (params: P, options: StreamOptions) => Stream.Stream<A, AdminApiError, R>,
      plain: (a: A) => B
    ) =>
    (params: P, options: StreamRequestOptions = {}): AsyncIterable<B> =>
      iterate(
        Stream.map(
          stream(params, options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          plain
        ),
        options
      )

  /** A `pages` stream as an iterable of plain pages. */
  const pages =
    <P, A, B>(
      stream: (params: P, options: PagesOptions) => Stream.Stream<Page<A>, AdminApiError, R>,
      plain: (a: A) => B
    ) =>
    (params: P, options: PagesRequestOptions = {}): AsyncIterable<Plain.Page<B>> =>
      iterate(
        Stream.map(
          stream(params, options.startPage === undefined ? {} : { startPage: options.startPage }),
          Plain.page(plain)
        ),
        options
      )

  return {
    messagesUsage: each(UsageReport.buckets, Plain.usageBucket),
    messagesUsageRows: each(UsageReport.rows, Plain.usageRow),
    messagesUsagePages: pages(UsageReport.pages, Plain.usageBucket),
    messagesUsagePage: single(UsageReport.page, Plain.usagePage),
    costReport: each(CostReport.buckets, Plain.costBucket),
    costReportRows: each(CostReport.rows, Plain.costRow),
    costReportPages: pages(CostReport.pages, Plain.costBucket),
    costReportPage: single(CostReport.page, Plain.costPage),
    claudeCodeUsage: (params, options = {}) =>
      iterate(Stream.map(ClaudeCodeReport.records(params), Plain.claudeCodeRecord), options),
    claudeCodeUsagePages: pages(ClaudeCodeReport.pages, Plain.claudeCodeRecord),
    claudeCodeUsagePage: single(ClaudeCodeReport.page, Plain.claudeCodePage),
    analyticsUsage: each(AnalyticsUsage.buckets, Plain.analyticsBucket(Plain.analyticsUsageRow)),
    analyticsUsageRows: each(AnalyticsUsage.rows, Plain.analyticsUsageRow),
    analyticsUsagePages: (params, options = {}) =>
      iterate(
        Stream.map(
          AnalyticsUsage.pages(
            params,
            options.startPage === undefined ? {} : { startPage: options.startPage }
          ),
          Plain.analyticsPage(Plain.analyticsUsageRow)
        ),
        options
      ),
    analyticsUsagePage: single(AnalyticsUsage.page, Plain.analyticsReportPage(Plain.analyticsUsageRow)),
    analyticsCost: each(AnalyticsCost.buckets, Plain.analyticsBucket(Plain.analyticsCostRow)),
    analyticsCostRows: each(AnalyticsCost.rows, Plain.analyticsCostRow),
    analyticsCostPages: (params, options = {}) =>
      iterate(
        Stream.map(
          AnalyticsCost.pages(
            params,
            options.startPage === undefined ? {} : { startPage: options.startPage }
          ),
          Plain.analyticsPage(Plain.analyticsCostRow)
        ),
        options
      ),
    analyticsCostPage: single(AnalyticsCost.page, Plain.analyticsReportPage(Plain.analyticsCostRow)),
    organization: (options = {}) => once(Organization.me, same, options),
    users: {
      ...listResource(Users, Plain.user),
      get: (userId, options = {}) => once(Users.get(userId), Plain.user, options),
      update: (userId, params, options = {}) => once(Users.update(userId, params), Plain.user, options),
      remove: (userId, options = {}) => once(Users.remove(userId), same, options)
    },
    invites: {
      ...listResource(Invites, Plain.invite),
      get: (inviteId, options = {}) => once(Invites.get(inviteId), Plain.invite, options),
      create: (params, options = {}) => once(Invites.create(params), Plain.invite, options),
      remove: (inviteId, options = {}) => once(Invites.remove(inviteId), same, options)
    },
    workspaces: {
      ...listResource(Workspaces, Plain.workspace),
      get: (workspaceId, options = {}) => once(Workspaces.get(workspaceId), Plain.workspace, options),
      create: (params, options = {}) => once(Workspaces.create(params), Plain.workspace, options),
      update: (workspaceId, params, options = {}) =>
        once(Workspaces.update(workspaceId, params), Plain.workspace, options),
      archive: (workspaceId, options = {}) => once(Workspaces.archive(workspaceId), Plain.workspace, options)
    },
    workspaceMembers: {
      list: (workspaceId, params = {}, options = {}) =>
        iterate(WorkspaceMembers.list(workspaceId, params), options),
      listPages: (workspaceId, params = {}, options = {}) =>
        iterate(Stream.map(WorkspaceMembers.listPages(workspaceId, params), Plain.idPage(same)), options),
      listPage: (workspaceId, params = {}, options = {}) =>
        once(WorkspaceMembers.listPage(workspaceId, params), Plain.idListPage(same), options),
      get: (workspaceId, userId, options = {}) =>
        once(WorkspaceMembers.get(workspaceId, userId), same, options),
      add: (workspaceId, params, options = {}) =>
        once(WorkspaceMembers.add(workspaceId, params), same, options),
      update: (workspaceId, userId, params, options = {}) =>
        once(WorkspaceMembers.update(workspaceId, userId, params), same, options),
      remove: (workspaceId, userId, options = {}) =>
        once(WorkspaceMembers.remove(workspaceId, userId), same, options)
    },
    apiKeys: {
      ...listResource(ApiKeys, Plain.apiKey),
      get: (apiKeyId, options = {}) => once(ApiKeys.get(apiKeyId), Plain.apiKey, options),
      update: (apiKeyId, params, options = {}) =>
        once(ApiKeys.update(apiKeyId, params), Plain.apiKey, options)
    },
    rateLimits: {
      list: (params = {}, options = {}) => iterate(RateLimits.list(params), options),
      workspaceList: (workspaceId, params = {}, options = {}) =>
        iterate(RateLimits.workspaceList(workspaceId, params), options)
    },
    names,
    dispose: () => {
      disposed = true
      for (const call of inFlight) call.interrupt()
      return runtime.dispose()
    }
  }
}
