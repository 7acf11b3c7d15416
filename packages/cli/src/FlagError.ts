/**
 * Errors of the command line itself (as opposed to the API): a flag value
 * that cannot be used, a missing key, a key file that cannot be read. Each
 * maps to an exit code in `ExitCode.ts`.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * A flag value the command cannot use; `flag` is the flag as typed
 * (`--end`), `message` says what is wrong and what is accepted.
 * Exit code 2.
 * @since 0.1.0
 */
export class FlagError extends Data.TaggedError("FlagError")<{
  readonly flag: string
  readonly reason: string
}> {
  override get message() {
    return `${this.flag}: ${this.reason}`
  }
}

/**
 * No Admin key was given and `--demo` was not set. Exit code 3.
 * @since 0.1.0
 */
export class MissingKeyError extends Data.TaggedError("MissingKeyError")<{}> {
  override get message() {
    return (
      "No Admin API key. The usage, cost and Claude Code reports are read with an Admin API key " +
      "(sk-ant-admin…), which only an organization admin can create, in Console → Settings → Admin keys " +
      "(https://console.anthropic.com/settings/admin-keys); an ordinary sk-ant-api… key is refused. " +
      "Set it in ANTHROPIC_ADMIN_API_KEY or pass --api-key-file <path>. " +
      "To try the command without a key, add --demo: it runs against an embedded fake organisation."
    )
  }
}

/**
 * The key given cannot be an API key: it holds a character an HTTP header
 * cannot carry (a line break, a space, a control or non-ASCII character —
 * usually a copy-paste accident). Found before any request is built, so it
 * fails at once instead of being retried as a network error. The key itself
 * is never shown. Exit code 3.
 * @since 0.2.0
 */
export class BadKeyError extends Data.TaggedError("BadKeyError")<{
  /** Where the key came from: `ANTHROPIC_ADMIN_API_KEY` or `--api-key-file <path>`. */
  readonly source: string
  /** What is wrong, e.g. `a line break at character 24 of 108`. */
  readonly problem: string
}> {
  override get message() {
    return (
      `the Admin API key from ${this.source} is malformed: it contains ${this.problem}. ` +
      "An API key is one line of letters, digits, - and _ (sk-ant-admin…); copy it again from " +
      "Console → Settings → Admin keys."
    )
  }
}

/**
 * The connector reported a failure that is not an Admin API error.
 * Exit code 1.
 * @since 0.1.0
 */
export class SyncError extends Data.TaggedError("SyncError")<{ readonly reason: string }> {
  override get message() {
    return `sync failed: ${this.reason}`
  }
}
