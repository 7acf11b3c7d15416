/**
 * Where a command reads from: the Admin key and base URL given on the command
 * line or in the environment, or — with `--demo` — the testing kit's fake
 * Admin API, started in-process on a loopback port for the life of the
 * command. Also builds the client layer over that target, with the retry
 * budget and progress hooks.
 *
 * The key is `Redacted` from the moment it is read; only the client ever
 * unwraps it (into the `x-api-key` header).
 *
 * @since 0.1.0
 */
import { FetchHttpClient, FileSystem, HttpClient } from "@effect/platform"
import { AdminApiClient, type RetryPolicy } from "@rawdash/anthropic-admin-api"
import { FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { Clock, Config, Effect, Layer, Option, Redacted, type Scope } from "effect"
import { FlagError, MissingKeyError } from "./FlagError.js"
import { Progress, type Service as ProgressService } from "./Progress.js"

/**
 * The demo organisation: 90 days of history ending today, the Default
 * Workspace and three more, one key per workspace, three models, seed 2026.
 * @since 0.1.0
 */
export const DEMO_ORGANIZATION = { seed: 2026, days: 90, workspaces: 3 } as const

/**
 * How the demo's fake behaves beyond its organisation: every live rule the
 * fake enforces stays on, with spec-minimal rows (keys the spec does not
 * require are left out, as the live API may), so `--demo` shows what a real
 * organisation's partial rows look like. Its per-minute rate limit is raised
 * far beyond what any demo run sends (the widest grouping over the longest
 * `--last` is some fifteen thousand requests), so a demo never waits on it.
 * @since 0.2.0
 */
export const DEMO_FAKE = {
  specMinimal: true,
  rateLimit: { requestsPerMinute: 1_000_000 }
} as const

/** The placeholder key sent to the demo server (it accepts any `sk-ant-admin…`). */
const DEMO_KEY = "sk-ant-admin01-demo-0000000000000000"

/** The flags a target is resolved from. @since 0.1.0 */
export interface Flags {
  readonly demo: boolean
  readonly apiKeyFile: Option.Option<string>
  readonly baseUrl: Option.Option<string>
  readonly maxRetries: Option.Option<number>
}

/**
 * A resolved target.
 * @since 0.1.0
 */
export interface Target {
  readonly apiKey: Redacted.Redacted<string>
  /** `undefined`: the production API. */
  readonly baseUrl: string | undefined
  readonly demo: boolean
  /** Attempts per request, the first included. */
  readonly maxAttempts: number | undefined
}

const readKeyFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs
      .readFileString(path)
      .pipe(
        Effect.mapError(
          (e) => new FlagError({ flag: "--api-key-file", reason: `cannot read ${path}: ${e.message}` })
        )
      )
    const key = text.trim()
    if (key === "") return yield* new FlagError({ flag: "--api-key-file", reason: `${path} is empty` })
    return Redacted.make(key)
  })

const checkUrl = (url: string) => {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return Effect.succeed(url.replace(/\/+$/, ""))
    }
  } catch {
    // reported below
  }
  return Effect.fail(
    new FlagError({
      flag: "--base-url",
      reason: `expected an http(s) URL such as https://api.anthropic.com; got "${url}"`
    })
  )
}

const envKey = Config.option(Config.redacted("ANTHROPIC_ADMIN_API_KEY")).pipe(
  Config.map(Option.filter((key) => Redacted.value(key).trim() !== "")),
  Config.map(Option.map((key) => Redacted.make(Redacted.value(key).trim())))
)

const envBaseUrl = Config.option(Config.nonEmptyString("ANTHROPIC_BASE_URL"))

/**
 * Resolves the target. With `--demo`, starts the fake server (closed with the
 * scope). Fails with {@link MissingKeyError} when there is neither a key nor
 * `--demo`.
 * @since 0.1.0
 */
export const resolve = (
  flags: Flags
): Effect.Effect<Target, FlagError | MissingKeyError, Scope.Scope | FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const maxAttempts = Option.getOrUndefined(Option.map(flags.maxRetries, (n) => n + 1))
    if (flags.demo) {
      if (Option.isSome(flags.baseUrl)) {
        return yield* new FlagError({ flag: "--base-url", reason: "cannot be combined with --demo" })
      }
      const now = yield* Clock.currentTimeMillis
      const server = yield* FakeServer.scoped({ ...DEMO_FAKE, organization: { ...DEMO_ORGANIZATION, now } })
      return { apiKey: Redacted.make(DEMO_KEY), baseUrl: server.url, demo: true, maxAttempts }
    }
    const baseUrl = Option.isSome(flags.baseUrl)
      ? yield* checkUrl(flags.baseUrl.value)
      : yield* Effect.orDie(envBaseUrl).pipe(
          Effect.flatMap(Option.match({ onNone: () => Effect.succeed(undefined), onSome: checkUrl }))
        )
    const apiKey = Option.isSome(flags.apiKeyFile)
      ? yield* readKeyFile(flags.apiKeyFile.value)
      : yield* Effect.orDie(envKey).pipe(
          Effect.flatMap(Option.match({ onNone: () => new MissingKeyError(), onSome: Effect.succeed }))
        )
    return { apiKey, baseUrl, demo: false, maxAttempts }
  })

const REASONS: Record<string, string> = {
  RateLimitError: "rate limited",
  OverloadedError: "API overloaded",
  ServerError: "server error",
  TransportError: "network error",
  TimeoutError: "timed out"
}

/**
 * The client options a target implies besides key and base URL: the retry
 * budget, retry countdowns on the progress line, and each successful
 * response counted as a page.
 * @since 0.1.0
 */
export const clientOptions = (
  target: Target,
  progress: ProgressService
): Pick<AdminApiClient.Options, "retry" | "onRetry" | "transformClient"> => ({
  retry:
    target.maxAttempts === undefined
      ? undefined
      : ({ maxAttempts: target.maxAttempts } satisfies RetryPolicy.Options),
  onRetry: ({ error, attempt, delay }) =>
    progress.retrying(REASONS[error._tag] ?? "request failed", delay, attempt),
  transformClient: HttpClient.tap((response) => (response.status < 300 ? progress.page : Effect.void))
})

/**
 * The client over a target, with {@link clientOptions}, on `fetch` — or on
 * another `HttpClient` layer (tests use the fake's, with `TestClock`).
 * @since 0.1.0
 */
export const clientLayer = (
  target: Target,
  http: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer
): Layer.Layer<AdminApiClient.AdminApiClient, never, Progress> =>
  Layer.unwrapEffect(
    Effect.map(Progress, (progress) =>
      AdminApiClient.layer({
        apiKey: target.apiKey,
        baseUrl: target.baseUrl,
        ...clientOptions(target, progress)
      }).pipe(Layer.provide(http))
    )
  )
