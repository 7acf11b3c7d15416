/**
 * How a sync ends when it cannot finish: errors that need a person
 * ({@link SyncFailedError}, thrown from `sync`) and errors another attempt may
 * cure ({@link StorageWriteError}, or the client's rate-limit and overload
 * errors, returned as `transientError` with a resume cursor).
 *
 * None of these messages ever contains the API key.
 *
 * @since 0.1.0
 */
import type { AdminApiError } from "@rawdash/anthropic-admin-api"
import * as Data from "effect/Data"

/**
 * A report call failed in a way retrying will not fix: a key that is not an
 * Admin key (401/403), a rejected request, a wrong base URL, or a response
 * that broke the documented shape. The message says what to do.
 * @since 0.1.0
 */
export class SyncFailedError extends Data.TaggedError("SyncFailedError")<{
  /** `usage_messages` or `cost_report`. */
  readonly phase: string
  readonly cause: AdminApiError.AdminApiError
}> {
  override get message(): string {
    return `Anthropic ${this.phase} sync failed: ${this.cause.message}`
  }
}

/**
 * Writing a chunk to rawdash storage failed, or did not settle within the
 * write timeout (`AnthropicContext.writeTimeout`); the chunk is fetched and
 * written again on the next call.
 * @since 0.1.0
 */
export class StorageWriteError extends Data.TaggedError("StorageWriteError")<{
  readonly phase: string
  readonly cause: unknown
}> {
  override get message(): string {
    const reason = this.cause instanceof Error ? this.cause.message : String(this.cause)
    return `Writing ${this.phase} samples to storage failed: ${reason}`
  }
}

/**
 * The Admin key could not be resolved (a missing secret, or none configured).
 * @since 0.1.0
 */
export class MissingKeyError extends Data.TaggedError("MissingKeyError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}
