/**
 * The rawdash connector class: what rawdash's engine constructs
 * (`new AnthropicConnector(settings, creds, ctx)`) and syncs. It fits
 * rawdash's `ConnectorClass` as declared (static `credentials`, zod
 * `schemas`, `resources`, `cost`), so it registers with no cast.
 *
 * How a sync works:
 * - **Window**: every sync ends at tomorrow 00:00 UTC. A `full` sync covers
 *   `lookbackDays` (or from the engine's `since`, capped at `lookbackDays`);
 *   a `latest` sync refetches the trailing `revisionDays` and reaches back to
 *   the previous sync when that is older.
 * - **Calls**: the usage report only if a usage metric is wanted, the cost
 *   report only if `anthropic_cost_usd` is (wanted: in the config's
 *   `resources`, if set, and in the engine's `options.resources`, if given),
 *   concurrently, each in windows of up to 31 whole days (`pageSize`)
 *   anchored at the sync window's start, up to `concurrency` windows of each
 *   report at once (default 6: every window of a 180-day sync).
 * - **Requests per window**: cost 1; usage as the client plans the configured
 *   `dimensions` under the live cap of five `group_by[]` per request (3 for
 *   the default six, see `UsageSamples.requestsPerWindow`, run together), exact.
 * - **Writes**: each window is written as soon as it arrives and replaces
 *   exactly its days (neighbouring windows that finish together are merged
 *   into one write), so history outside the window is never touched, days
 *   without data are cleared, and the order windows finish in does not
 *   matter. A window is written only when the API's answer covers every one
 *   of its days (one bucket per day, on UTC day edges, none outside); any
 *   other answer fails the sync with a typed error, so no day is ever
 *   half-replaced. A write is bounded by `writeTimeout`.
 * - **Resume**: on abort (at once, also during a write) or when the call's
 *   chunk budget is spent (or a retry wait would overrun it), `sync` returns
 *   `{ done: false, cursor }` holding per report the first window not
 *   written and the written ones after it (with `transientError` if it was
 *   waiting out a rate limit); the cursor is plain JSON, bound to the config
 *   and window, and never holds the key.
 * - **The key** is `Redacted` from construction on and sent only to
 *   `baseUrl` (https, or http to a loopback host); redirects are refused.
 * - **Logs** go to `ctx.logger`, else to the console in rawdash's format
 *   (`[anthropic] fetched page resource=… page=…`).
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { AdminApiClient } from "@rawdash/anthropic-admin-api"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Config from "./Config.js"
import { cost } from "./Doc.js"
import { makeLog, resolveLogger } from "./internal/log.js"
import { observe } from "./internal/observer.js"
import { notifyRetry } from "./internal/retry.js"
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, run } from "./internal/sync.js"
import type {
  ConnectorContext,
  ConnectorLogger,
  CredentialsSchema,
  SecretRef,
  StorageHandle,
  SyncOptions,
  SyncResult
} from "./Rawdash.js"
import { resources } from "./Resources.js"
import { schemas } from "./Schemas.js"
import { MissingKeyError, type SyncFailedError } from "./SyncError.js"

/**
 * The connector type id (`connectorId` in a rawdash config).
 * @since 0.1.0
 */
export const id = "anthropic"

export {
  /**
   * Windows of each report fetched at once unless `AnthropicContext.concurrency` says otherwise.
   * @since 0.4.0
   */
  DEFAULT_CONCURRENCY,
  /**
   * The most windows of each report `AnthropicContext.concurrency` allows.
   * @since 0.5.0
   */
  MAX_CONCURRENCY
} from "./internal/sync.js"

/** Default time one `sync` call may spend before it returns a cursor (a hard bound). @since 0.1.0 */
export const DEFAULT_CHUNK_BUDGET: Duration.Duration = Duration.seconds(30)

/**
 * Default time one storage write may take. A write that has not settled by
 * then ends the call with `{ done: false, cursor, transientError }` (the
 * window stays pending); so one call lasts at most the chunk budget plus
 * this — plus this once more when an earlier call's abandoned write of the
 * same report is still pending (the call waits that long for it to land
 * first, then writes anyway).
 * @since 0.3.0
 */
export const DEFAULT_WRITE_TIMEOUT: Duration.Duration = Duration.seconds(30)

/**
 * rawdash's connector context, plus optional hooks for embedding the
 * connector outside rawdash (the CLI, tests). rawdash passes only the
 * standard fields.
 * @since 0.1.0
 */
export interface AnthropicContext extends ConnectorContext {
  /** The `HttpClient` requests are sent with; defaults to the global `fetch`, called with a string URL. */
  readonly httpClient?: HttpClient.HttpClient | undefined
  /**
   * How long one `sync` call may run; default 30 seconds. No chunk starts
   * after it, a fetch in flight at that point is cut off, and a retry wait
   * that would end after it (a long `Retry-After`) ends the call at once: the
   * call returns a cursor at the last chunk boundary.
   */
  readonly chunkBudget?: Duration.DurationInput | undefined
  /**
   * How long one storage write may take; default 30 seconds
   * ({@link DEFAULT_WRITE_TIMEOUT}). A write that has not settled by then
   * (or when the call is aborted) is given up on: the call returns a cursor
   * before that chunk, with a `StorageWriteError` as `transientError` on timeout.
   */
  readonly writeTimeout?: Duration.DurationInput | undefined
  /**
   * How many windows of each report (usage, cost) are fetched at once: an
   * integer from 1 to 16, default 6 ({@link DEFAULT_CONCURRENCY}: every
   * window of a 180-day sync). With the default dimensions a usage window is
   * 3 requests made together, so up to `3 × concurrency` usage and
   * `concurrency` cost requests are in flight; lower it for an organisation
   * whose per-minute report limit (reference §10.3) is smaller than that.
   * It changes no data, so a cursor stays valid when it changes.
   */
  readonly concurrency?: number | undefined
  /** Client options besides the key and base URL (timeout, user agent, retry, transformClient). */
  readonly client?: Omit<AdminApiClient.Options, "apiKey" | "baseUrl"> | undefined
}

/**
 * The credentials this connector declares. Declared statically so rawdash's
 * engine routes `adminApiKey` into `creds` (rawdash's own Anthropic connector
 * does not, and its key never reaches the request).
 * @since 0.1.0
 */
export const credentials = {
  adminApiKey: {
    description:
      "Anthropic organization Admin API key (sk-ant-admin-), as a secret reference. Create one in console.anthropic.com -> Settings -> Admin keys.",
    auth: "required"
  }
} satisfies CredentialsSchema

/**
 * `fetch`, called with the request URL as a string (rawdash's own connectors
 * and test stubs call and expect `fetch(url: string, init)`; the platform's
 * client passes a `URL`). Looks `globalThis.fetch` up on every call, so a
 * stub installed later is used.
 */
const fetchWithStringUrl: typeof globalThis.fetch = (input, init) =>
  globalThis.fetch(input instanceof URL ? input.href : input, init)

/** The platform's fetch client, calling {@link fetchWithStringUrl}. */
const fetchLayer: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer.pipe(
  Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetchWithStringUrl))
)

const isSecretRef = (value: unknown): value is SecretRef =>
  typeof value === "object" && value !== null && typeof (value as { $secret?: unknown }).$secret === "string"

const missingSecret = (name: string) =>
  new MissingKeyError({
    reason: `Missing secret "${name}" for adminApiKey. Set it via process.env.${name} or the CLI: rawdash secrets set ${name} ...`
  })

const readEnv = (name: string): unknown =>
  typeof process === "undefined" ? undefined : (process.env as Record<string, string | undefined>)[name]

/**
 * The Anthropic connector: daily token usage (five metrics) and spend from
 * the Admin API usage and cost reports, written chunk by chunk (up to 31
 * days) with windowed replaces, resumable at any chunk boundary.
 * @since 0.1.0
 */
export class AnthropicConnector {
  /** @since 0.1.0 */
  static readonly id = id
  /** @since 0.1.0 */
  static readonly credentials = credentials
  /** @since 0.1.0 */
  static readonly resources = resources
  /** Response schemas (zod 4) by request resource tag. @since 0.1.0 */
  static readonly schemas = schemas
  /** Sync cost and frequency. @since 0.2.0 */
  static readonly cost = cost

  /**
   * Validates the whole config (reporting every bad field at once) and
   * builds the connector from it, split as rawdash's engine splits it.
   * Throws {@link Config.ConfigError}.
   * @since 0.1.0
   */
  static create(input: unknown, ctx?: AnthropicContext): AnthropicConnector {
    Config.parse(input)
    const { settings, creds } = Config.split(input as Record<string, unknown>)
    return new AnthropicConnector(settings, creds, ctx)
  }

  /** @since 0.1.0 */
  readonly id = id
  /** @since 0.1.0 */
  readonly credentials = credentials

  /** The settings given, without any key. */
  private readonly settings: Readonly<Record<string, unknown>>
  /**
   * The key as given: `Redacted` from construction on (so no inspection or
   * serialisation of the connector shows it), or a secret reference.
   */
  private readonly key: Redacted.Redacted<string> | SecretRef | undefined
  private readonly ctx: AnthropicContext
  private readonly logger: ConnectorLogger
  private readonly config: Either.Either<Omit<Config.Config, "adminApiKey">, Config.ConfigError>

  /**
   * Never throws: an invalid config makes `sync` reject with a
   * {@link Config.ConfigError} listing every bad field. A key given in
   * `settings` (by an engine that ignores static `credentials`) is used too.
   * @since 0.1.0
   */
  constructor(
    settings?: Config.AnthropicSettings | Readonly<Record<string, unknown>>,
    creds?: Config.AnthropicCredentials | Readonly<Record<string, unknown>>,
    ctx?: AnthropicContext
  ) {
    const { adminApiKey: settingsKey, ...rest } = { ...(settings ?? {}) } as Record<string, unknown>
    const { adminApiKey: credsKey, ...otherCreds } = { ...(creds ?? {}) } as Record<string, unknown>
    const given = credsKey ?? settingsKey
    // validated with the key in place (its value is never shown; a Redacted key stands in as valid), then kept without it
    const shown = Redacted.isRedacted(given) ? "redacted" : given
    this.config = Either.map(
      Config.validate({ ...rest, ...otherCreds, ...(shown === undefined ? {} : { adminApiKey: shown }) }),
      ({ adminApiKey: _key, ...config }) => config
    )
    this.settings = rest
    this.key =
      typeof given === "string"
        ? Redacted.make(given)
        : Redacted.isRedacted(given)
          ? (given as Redacted.Redacted<string>)
          : isSecretRef(given)
            ? { $secret: given.$secret }
            : undefined
    this.ctx = ctx ?? {}
    this.logger = resolveLogger(this.ctx.logger, id)
  }

  /**
   * The config as given, for persisting: a secret reference stays a
   * reference. A key given as a plain string is left out, so a serialized
   * config never contains a key.
   * @since 0.1.0
   */
  serializeConfig(): Record<string, unknown> {
    const key = this.key
    return key !== undefined && !Redacted.isRedacted(key)
      ? { ...this.settings, adminApiKey: { $secret: key.$secret } }
      : { ...this.settings }
  }

  private resolveKey(): Effect.Effect<Redacted.Redacted<string>, MissingKeyError> {
    const given = this.key
    if (given !== undefined && Redacted.isRedacted(given)) return Effect.succeed(given)
    if (!isSecretRef(given)) {
      return Effect.fail(
        new MissingKeyError({
          reason: `adminApiKey is required: ${Config.ALLOWED.adminApiKey}.`
        })
      )
    }
    const name = given.$secret
    const resolver = this.ctx.secretsResolver
    return Effect.tryPromise({
      try: async () => (resolver === undefined ? readEnv(name) : await resolver.resolve(name)),
      catch: () => missingSecret(name)
    }).pipe(
      Effect.flatMap((value) =>
        typeof value === "string" && value.trim() !== ""
          ? Effect.succeed(Redacted.make(value.trim()))
          : Effect.fail(missingSecret(name))
      )
    )
  }

  private clientLayer(
    apiKey: Redacted.Redacted<string>,
    baseUrl: string
  ): Layer.Layer<AdminApiClient.AdminApiClient> {
    const http =
      this.ctx.httpClient === undefined
        ? fetchLayer
        : Layer.succeed(HttpClient.HttpClient, this.ctx.httpClient)
    const log = makeLog(this.logger)
    const given = this.ctx.client?.onRetry
    const report =
      given ??
      ((event: AdminApiClient.RetryEvent) =>
        log.warn("request retry", {
          error: event.error._tag,
          message: event.error.message,
          attempt: event.attempt,
          delay_ms: Duration.toMillis(event.delay)
        }))
    // the sync also learns which error a fetch cut off by the chunk budget was waiting out
    const onRetry = (event: AdminApiClient.RetryEvent) => Effect.zipRight(notifyRetry(event), report(event))
    const observer = this.ctx.observer
    const transform = this.ctx.client?.transformClient
    const transformClient =
      observer === undefined
        ? transform
        : (client: HttpClient.HttpClient) =>
            observe(observer)(transform === undefined ? client : transform(client))
    return AdminApiClient.layer({ ...this.ctx.client, apiKey, baseUrl, onRetry, transformClient }).pipe(
      Layer.provide(http)
    )
  }

  /**
   * {@link sync} as an Effect, reading time from `Clock`.
   * @since 0.1.0
   */
  syncEffect(
    options: SyncOptions,
    storage: StorageHandle,
    signal?: AbortSignal
  ): Effect.Effect<SyncResult, Config.ConfigError | MissingKeyError | SyncFailedError> {
    return Effect.gen(this, function* () {
      const config = yield* this.config
      const settings = Config.resolveSettings(config)
      const apiKey = yield* this.resolveKey()
      const chunkBudgetMillis = Duration.toMillis(
        Duration.decode(this.ctx.chunkBudget ?? DEFAULT_CHUNK_BUDGET)
      )
      const writeTimeoutMillis = Duration.toMillis(
        Duration.decode(this.ctx.writeTimeout ?? DEFAULT_WRITE_TIMEOUT)
      )
      const concurrency = this.ctx.concurrency ?? DEFAULT_CONCURRENCY
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        return yield* new Config.ConfigError({
          issues: [
            {
              field: "concurrency",
              message: `got ${typeof concurrency === "string" ? JSON.stringify(concurrency) : String(concurrency)}; allowed: an integer from 1 to ${MAX_CONCURRENCY} (windows of each report fetched at once, a context option)`
            }
          ]
        })
      }
      return yield* run(options, {
        settings,
        storage,
        logger: this.logger,
        signal,
        chunkBudgetMillis,
        writeTimeoutMillis,
        concurrency
      }).pipe(Effect.provide(this.clientLayer(apiKey, settings.baseUrl)))
    })
  }

  /**
   * Fetches the window for `options` and writes it chunk by chunk (up to
   * `pageSize` days, default 31). Resolves `{ done: true }`, or
   * `{ done: false, cursor }` at a chunk boundary (abort, or the chunk budget:
   * a fetch still in flight, retry waits included, is cut off at it) to be
   * called again with, plus `transientError` when rate limits or overload
   * outlasted the retries or the budget. Rejects with an actionable
   * message on an invalid config, a missing key, or an error retrying cannot
   * fix (e.g. 401/403: an Admin key is needed).
   * @since 0.1.0
   */
  async sync(options: SyncOptions, storage: StorageHandle, signal?: AbortSignal): Promise<SyncResult> {
    const exit = await Effect.runPromiseExit(this.syncEffect(options, storage, signal))
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
}
