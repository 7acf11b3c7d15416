/**
 * Exit codes and the one line printed on stderr when a command fails.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | success |
 * | 1 | anything else: network, timeout, unexpected response, server error |
 * | 2 | bad flags or parameters (the line names the flag) |
 * | 3 | authentication or permission: no key, a bad key, a key that is not an Admin key |
 * | 4 | rate limited or overloaded, and still so when the retry budget ran out |
 *
 * @since 0.1.0
 */
import { type AdminApiError, RetryPolicy } from "@rawdash/anthropic-admin-api"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import type { BadKeyError, FlagError, MissingKeyError, SyncError } from "./FlagError.js"

/** @since 0.1.0 */
export const OK = 0
/** @since 0.1.0 */
export const FAILURE = 1
/** @since 0.1.0 */
export const BAD_FLAGS = 2
/** @since 0.1.0 */
export const AUTH = 3
/** @since 0.1.0 */
export const RATE_LIMITED = 4
/** Interrupted by SIGINT/SIGTERM (128 + 2, as shells report it). @since 0.1.0 */
export const INTERRUPTED = 130

/** Every failure a command can end with. @since 0.1.0 */
export type CommandError = AdminApiError.AdminApiError | FlagError | MissingKeyError | BadKeyError | SyncError

/** The flag that sets each client parameter. @since 0.1.0 */
export const FLAG_OF_PARAMETER: Readonly<Record<string, string>> = {
  startingAt: "--start",
  endingAt: "--end",
  from: "--start",
  to: "--end",
  bucketWidth: "--bucket",
  limit: "--page-size",
  groupBy: "--group-by",
  apiKeyIds: "--api-key-id",
  workspaceIds: "--workspace-id",
  models: "--model",
  serviceTiers: "--service-tier",
  contextWindows: "--context-window",
  inferenceGeos: "--inference-geo",
  speeds: "--speed",
  accountIds: "--account-id",
  serviceAccountIds: "--service-account-id",
  concurrency: "--concurrency",
  timeBucketWidth: "--bucket",
  products: "--product",
  actorIds: "--account-id/--service-account-id",
  status: "--status",
  statuses: "--status",
  roles: "--role",
  email: "--email",
  workspaceId: "--workspace-id",
  createdByUserId: "--created-by",
  includeArchived: "--include-archived"
}

/** A failure as the user sees it. @since 0.1.0 */
export interface Report {
  readonly code: number
  readonly message: string
}

/** A wait for people: `45 s`, `3 min`, `2 h 5 min`. */
const wait = (millis: number): string => {
  const seconds = Math.ceil(millis / 1000)
  if (seconds < 120) return `${seconds} s`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
}

const retryHint = (retries: number) => {
  if (Number.isFinite(retries)) {
    return `still failing after ${retries} ${retries === 1 ? "retry" : "retries"}; wait a minute and run again, or allow more with --max-retries`
  }
  const minutes = Duration.toMinutes(RetryPolicy.defaults.maxElapsed)
  return `still failing after retrying for ${minutes} minute${minutes === 1 ? "" : "s"} (the default budget); wait a few minutes and run again, or set the retries with --max-retries`
}

/**
 * Classifies a failure: its exit code and a message that says what failed
 * and what to do. `retries` is the retry budget the command ran with:
 * `--max-retries`, or `Infinity` for the client's default, which is bounded
 * by time (`RetryPolicy.defaults.maxElapsed`) rather than by a count.
 * @since 0.1.0
 */
export const classify = (error: CommandError, retries: number): Report => {
  switch (error._tag) {
    case "FlagError":
      return { code: BAD_FLAGS, message: error.message }
    case "MissingKeyError":
    case "BadKeyError":
      return { code: AUTH, message: error.message }
    case "SyncError":
      return { code: FAILURE, message: error.message }
    case "InvalidParameterError": {
      const flag = FLAG_OF_PARAMETER[error.field] ?? error.field
      return {
        code: BAD_FLAGS,
        message: `${flag}: invalid value ${error.received}; allowed: ${error.allowed}`
      }
    }
    case "InvalidRequestError":
      if (error.errorType === "redirect_refused") {
        return {
          code: FAILURE,
          message: `${error.message} The key is never sent after a redirect: point --base-url (or ANTHROPIC_BASE_URL) at the API's own origin.`
        }
      }
      return {
        code: error.status === 400 ? BAD_FLAGS : FAILURE,
        message: `the API rejected the request: ${error.message}`
      }
    case "AuthenticationError":
    case "PermissionError":
      return { code: AUTH, message: error.message }
    case "RateLimitError":
    case "OverloadedError": {
      const asked = RetryPolicy.requestedDelay(error)
      const cap = Duration.toMillis(RetryPolicy.defaults.maxDelay)
      if (asked !== undefined && asked > cap) {
        return {
          code: RATE_LIMITED,
          message: `${error.message} — not retried: the API asked to wait ${wait(asked)}, longer than the longest wait the client accepts (${wait(cap)}); run the command again in ${wait(asked)}`
        }
      }
      return { code: RATE_LIMITED, message: `${error.message} — ${retryHint(retries)}` }
    }
    default:
      return { code: FAILURE, message: error.message }
  }
}

const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{16,}/g

/**
 * Removes anything that looks like an Anthropic key (`sk-ant-` and 16 or more
 * key characters; prefixes such as `sk-ant-admin…` in help texts stay) and the given
 * secrets from text, and folds it onto one line.
 * @since 0.1.0
 */
export const oneLine = (text: string, secrets: ReadonlyArray<string> = []): string => {
  let out = text
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join("[redacted]")
  return out
    .replace(KEY_PATTERN, "sk-ant-[redacted]")
    .replace(/\s*\n\s*/g, " ")
    .trim()
}

/**
 * A command that failed, classified: print `message`, exit with `code`.
 * @since 0.1.0
 */
export class CommandFailed extends Data.TaggedError("CommandFailed")<Report> {}
