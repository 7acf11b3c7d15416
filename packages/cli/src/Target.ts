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
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpClient from "@effect/platform/HttpClient"
import { AdminApiClient, type RetryPolicy } from "@rawdash/anthropic-admin-api"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { BadKeyError, FlagError, MissingKeyError } from "./FlagError.js"
import { Progress, rowsOf, type Service as ProgressService } from "./Progress.js"

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

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  NotFound: "there is no such file",
  PermissionDenied: "permission denied",
  BadResource: "it is not a readable file (a directory?)",
  InvalidData: "it is not text"
}

const readKeyFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(path).pipe(
      Effect.mapError((e) => {
        const code = (e as { readonly cause?: { readonly code?: unknown } }).cause?.code
        const why =
          code === "EISDIR"
            ? "it is a directory"
            : (("reason" in e ? FILE_PROBLEMS[e.reason] : undefined) ??
              ("description" in e && typeof e.description === "string" ? e.description : e.message))
        return new FlagError({ flag: "--api-key-file", reason: `cannot read the key file "${path}": ${why}` })
      })
    )
    const key = text.trim()
    if (key === "") {
      return yield* new FlagError({ flag: "--api-key-file", reason: `the key file "${path}" is empty` })
    }
    return yield* checkKey(key, `--api-key-file "${path}"`)
  })

const describeChar = (c: string): string => {
  const code = c.codePointAt(0) ?? 0
  if (c === "\n" || c === "\r") return "a line break"
  if (c === "\t") return "a tab"
  if (c === " ") return "a space"
  if (code < 0x20 || code === 0x7f) {
    return `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`
  }
  return `a non-ASCII character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`
}

/**
 * Checks that a key can be sent as the `x-api-key` header: visible ASCII
 * only (`!` to `~`). Anything else — a line break or space inside it, a
 * control or non-ASCII character, typically from copying — fails at once
 * as a key problem (exit 3) instead of as a network error after retries.
 * The key is never part of the message; the character's position is.
 * @since 0.2.0
 */
export const checkKey = (
  key: string,
  source: string
): Effect.Effect<Redacted.Redacted<string>, BadKeyError> => {
  const chars = [...key]
  const at = chars.findIndex((c) => !/^[\x21-\x7e]$/.test(c))
  if (at < 0) return Effect.succeed(Redacted.make(key))
  return Effect.fail(
    new BadKeyError({
      source,
      problem: `${describeChar(chars[at] ?? "")} at character ${at + 1} of ${chars.length}`
    })
  )
}

/**
 * The client's base-URL rule (`https:`, or `http:` to a loopback host), checked
 * before any request so the key never goes anywhere else; the error names the
 * flag or variable the URL came from.
 */
const checkUrl = (url: string, flag: string) =>
  Either.match(AdminApiClient.validateBaseUrl(url, flag), {
    onRight: (valid) => Effect.succeed(valid.replace(/\/+$/, "")),
    onLeft: (error) =>
      Effect.fail(
        new FlagError({
          flag,
          reason: `${error.allowed}; got ${error.received}${flag === "--base-url" ? "" : " (set it to such a URL, or unset it to use https://api.anthropic.com)"}`
        })
      )
  })

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
): Effect.Effect<Target, FlagError | MissingKeyError | BadKeyError, Scope.Scope | FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const maxAttempts = Option.getOrUndefined(Option.map(flags.maxRetries, (n) => n + 1))
    if (flags.demo) {
      if (Option.isSome(flags.baseUrl)) {
        return yield* new FlagError({ flag: "--base-url", reason: "cannot be combined with --demo" })
      }
      const now = yield* Clock.currentTimeMillis
      // Loaded only for --demo: the fake and its organisation are a separate chunk of the bundle.
      const { FakeServer } = yield* Effect.promise(() => import("@rawdash/anthropic-admin-api-testing"))
      const server = yield* FakeServer.scoped({ ...DEMO_FAKE, organization: { ...DEMO_ORGANIZATION, now } })
      return { apiKey: Redacted.make(DEMO_KEY), baseUrl: server.url, demo: true, maxAttempts }
    }
    const baseUrl = Option.isSome(flags.baseUrl)
      ? yield* checkUrl(flags.baseUrl.value, "--base-url")
      : yield* Effect.orDie(envBaseUrl).pipe(
          Effect.flatMap(
            Option.match({
              onNone: () => Effect.succeed(undefined),
              onSome: (url) => checkUrl(url, "ANTHROPIC_BASE_URL")
            })
          )
        )
    const apiKey = Option.isSome(flags.apiKeyFile)
      ? yield* readKeyFile(flags.apiKeyFile.value)
      : yield* Effect.orDie(envKey).pipe(
          Effect.flatMap(
            Option.match({
              onNone: (): Effect.Effect<Redacted.Redacted<string>, MissingKeyError | BadKeyError> =>
                Effect.fail(new MissingKeyError()),
              onSome: (key) => checkKey(Redacted.value(key), "ANTHROPIC_ADMIN_API_KEY")
            })
          )
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
 * response counted as a page of rows.
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
  // Each successful response is a page; its rows are counted as it arrives (the body is read once
  // and cached by the response, so the client's decoding reads the same text).
  transformClient: HttpClient.tap((response) =>
    response.status < 300
      ? response.json.pipe(
          Effect.map(rowsOf),
          Effect.orElseSucceed(() => 0),
          Effect.flatMap((rows) => progress.page(rows))
        )
      : Effect.void
  )
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
