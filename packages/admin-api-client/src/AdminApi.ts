/**
 * A Promise facade for scripts that do not use Effect: the same reports,
 * validation and retries as the Effect API, as `async` functions and
 * `AsyncIterable`s. Errors are the same classes as in {@link AdminApiError}
 * (real `Error` subclasses with `_tag`, `status`, `requestId`, …).
 *
 * @example
 * ```ts
 * const client = AdminApi.createClient({ apiKey: process.env.ANTHROPIC_ADMIN_API_KEY! })
 * for await (const bucket of client.messagesUsage({ startingAt: "2026-03-01", endingAt: "2026-04-01" })) {
 *   console.log(bucket.starting_at, bucket.results.length)
 * }
 * await client.dispose()
 * ```
 *
 * @since 0.1.0
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import {
  Cause,
  Config,
  Duration,
  Effect,
  Exit,
  Layer,
  ManagedRuntime,
  Redacted,
  type Runtime,
  Stream
} from "effect"
import * as AdminApiClient from "./AdminApiClient.js"
import { type AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import * as ClaudeCodeReport from "./ClaudeCodeReport.js"
import * as CostReport from "./CostReport.js"
import type { Page, PagesOptions, StreamOptions } from "./Pagination.js"
import type * as RetryPolicy from "./RetryPolicy.js"
import * as UsageReport from "./UsageReport.js"

/**
 * How to build a Promise client.
 * @since 0.1.0
 */
export interface ClientOptions {
  /**
   * The Admin API key. When omitted, `ANTHROPIC_ADMIN_API_KEY` is read
   * through Effect's `Config` (and `ANTHROPIC_BASE_URL` for the base URL).
   */
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
  /** Defaults to `https://api.anthropic.com`. */
  readonly baseUrl?: string | undefined
  /** Sent as `anthropic-version`; defaults to `2023-06-01`. */
  readonly anthropicVersion?: string | undefined
  /** Extra `anthropic-beta` flags sent on every request. */
  readonly betas?: ReadonlyArray<string> | undefined
  /** Prepended to the default `User-Agent`. */
  readonly userAgent?: string | undefined
  /** Per-request timeout in milliseconds (each attempt); default 30 000. */
  readonly timeoutMillis?: number | undefined
  /** Retry policy options (see `RetryPolicy`), or `false` for no retries. */
  readonly retry?: RetryPolicy.Options | false | undefined
  /** Called before each wait; errors it throws are ignored. */
  readonly onRetry?: ((event: RetryEvent) => void | Promise<void>) | undefined
  /** A `fetch` implementation to use instead of `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch | undefined
  /** An Effect `HttpClient` to send requests with instead of `fetch` (tests, custom transports). */
  readonly httpClient?: HttpClient.HttpClient | undefined
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
 * The Promise client. Streams are lazy: nothing is sent until iteration
 * starts, and breaking out of a `for await` cancels the requests in flight.
 * @since 0.1.0
 */
export interface Client {
  /** Every bucket of the Messages Usage Report for the range, in time order. */
  readonly messagesUsage: (
    params: UsageReport.Params,
    options?: StreamOptions
  ) => AsyncIterable<UsageReport.UsageBucket>
  /** Every row of the Messages Usage Report, with its bucket's edges. */
  readonly messagesUsageRows: (
    params: UsageReport.Params,
    options?: StreamOptions
  ) => AsyncIterable<UsageReport.UsageRow>
  /** The pages of one range, following `next_page`. */
  readonly messagesUsagePages: (
    params: UsageReport.Params,
    options?: PagesOptions
  ) => AsyncIterable<Page<UsageReport.UsageBucket>>
  /** One page of the Messages Usage Report. */
  readonly messagesUsagePage: (params: UsageReport.Params) => Promise<UsageReport.UsagePage>
  /** Every daily bucket of the Cost Report for the range, in time order. */
  readonly costReport: (
    params: CostReport.Params,
    options?: StreamOptions
  ) => AsyncIterable<CostReport.CostBucket>
  /** Every row of the Cost Report, with its bucket's edges. */
  readonly costReportRows: (
    params: CostReport.Params,
    options?: StreamOptions
  ) => AsyncIterable<CostReport.CostRow>
  /** The pages of one range, following `next_page`. */
  readonly costReportPages: (
    params: CostReport.Params,
    options?: PagesOptions
  ) => AsyncIterable<Page<CostReport.CostBucket>>
  /** One page of the Cost Report. */
  readonly costReportPage: (params: CostReport.Params) => Promise<CostReport.CostPage>
  /** Every Claude Code record of the days in `[from, to)`, day by day. */
  readonly claudeCodeUsage: (
    params: ClaudeCodeReport.RangeParams
  ) => AsyncIterable<ClaudeCodeReport.ClaudeCodeRecord>
  /** The pages of one day, following `next_page`. */
  readonly claudeCodeUsagePages: (
    params: ClaudeCodeReport.Params,
    options?: PagesOptions
  ) => AsyncIterable<Page<ClaudeCodeReport.ClaudeCodeRecord>>
  /** One page of one day of the Claude Code report. */
  readonly claudeCodeUsagePage: (params: ClaudeCodeReport.Params) => Promise<ClaudeCodeReport.ClaudeCodePage>
  /** Releases the client's resources. */
  readonly dispose: () => Promise<void>
}

const rejectWith = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  throw Cause.squash(exit.cause)
}

/**
 * Builds a Promise client. No request is sent until a report is read.
 * @since 0.1.0
 */
export const createClient = (options: ClientOptions = {}): Client => {
  const onRetry = options.onRetry
  const shared = {
    ...(options.anthropicVersion === undefined ? {} : { anthropicVersion: options.anthropicVersion }),
    ...(options.betas === undefined ? {} : { betas: options.betas }),
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    ...(options.timeoutMillis === undefined ? {} : { timeout: options.timeoutMillis }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(onRetry === undefined
      ? {}
      : {
          onRetry: (event: AdminApiClient.RetryEvent) =>
            Effect.tryPromise(async () =>
              onRetry({ ...event, delayMillis: Duration.toMillis(event.delay) })
            ).pipe(Effect.ignore)
        })
  }
  const apiKey = options.apiKey
  const clientLayer =
    apiKey === undefined
      ? AdminApiClient.layerConfig({
          ...shared,
          ...(options.baseUrl === undefined
            ? {}
            : { baseUrl: Config.succeed<string | undefined>(options.baseUrl) })
        }).pipe(
          Layer.mapError(
            () =>
              new InvalidParameterError({
                field: "apiKey",
                allowed: "an Admin API key, passed as apiKey or set in ANTHROPIC_ADMIN_API_KEY",
                received: "no apiKey and no ANTHROPIC_ADMIN_API_KEY"
              })
          )
        )
      : AdminApiClient.layer({
          ...shared,
          apiKey: Redacted.isRedacted(apiKey) ? apiKey : Redacted.make(apiKey),
          ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl })
        })
  const httpLayer =
    options.httpClient === undefined
      ? FetchHttpClient.layer
      : Layer.succeed(HttpClient.HttpClient, options.httpClient)
  const fetchLayer =
    options.fetch === undefined ? Layer.empty : Layer.succeed(FetchHttpClient.Fetch, options.fetch)
  const runtime = ManagedRuntime.make(Layer.merge(clientLayer.pipe(Layer.provide(httpLayer)), fetchLayer))
  const currentRuntime = (): Promise<Runtime.Runtime<AdminApiClient.AdminApiClient>> =>
    Effect.runPromiseExit(runtime.runtimeEffect).then(rejectWith)

  const run = <A>(effect: Effect.Effect<A, AdminApiError, AdminApiClient.AdminApiClient>): Promise<A> =>
    runtime.runPromiseExit(effect).then(rejectWith)

  const iterate = <A>(
    stream: Stream.Stream<A, AdminApiError, AdminApiClient.AdminApiClient>
  ): AsyncIterable<A> => ({
    [Symbol.asyncIterator]() {
      let inner: Promise<AsyncIterator<A>> | undefined
      const get = () =>
        (inner ??= currentRuntime().then((rt) =>
          Stream.toAsyncIterableRuntime(stream, rt)[Symbol.asyncIterator]()
        ))
      return {
        next: () => get().then((iterator) => iterator.next()),
        return: (): Promise<IteratorResult<A>> =>
          inner === undefined
            ? Promise.resolve({ done: true, value: undefined })
            : inner.then((iterator) => iterator.return?.() ?? { done: true as const, value: undefined })
      }
    }
  })

  return {
    messagesUsage: (params, streamOptions) => iterate(UsageReport.buckets(params, streamOptions)),
    messagesUsageRows: (params, streamOptions) => iterate(UsageReport.rows(params, streamOptions)),
    messagesUsagePages: (params, pagesOptions) => iterate(UsageReport.pages(params, pagesOptions)),
    messagesUsagePage: (params) => run(UsageReport.page(params)),
    costReport: (params, streamOptions) => iterate(CostReport.buckets(params, streamOptions)),
    costReportRows: (params, streamOptions) => iterate(CostReport.rows(params, streamOptions)),
    costReportPages: (params, pagesOptions) => iterate(CostReport.pages(params, pagesOptions)),
    costReportPage: (params) => run(CostReport.page(params)),
    claudeCodeUsage: (params) => iterate(ClaudeCodeReport.records(params)),
    claudeCodeUsagePages: (params, pagesOptions) => iterate(ClaudeCodeReport.pages(params, pagesOptions)),
    claudeCodeUsagePage: (params) => run(ClaudeCodeReport.page(params)),
    dispose: () => runtime.dispose()
  }
}
