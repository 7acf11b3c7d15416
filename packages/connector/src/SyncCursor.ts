/**
 * The resume cursor `sync` returns with `done: false`: for each phase, the
 * first window not yet written and the windows after it already written
 * (windows are fetched concurrently, so they finish out of order), bound (by a hash) to the
 * config, window and page size it was made for. It is plain JSON and never contains
 * the API key; a cursor made for another config or window is ignored and the
 * sync starts over cleanly.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { hashString, stableStringify } from "./internal/hash.js"
import { MAX_LOOKBACK_DAYS, type ResolvedSettings } from "./Config.js"
import type { SyncWindow } from "./SyncWindow.js"

/** The two report calls a sync makes. @since 0.1.0 */
export const Phase = Schema.Literal("usage_messages", "cost_report")
/** @since 0.1.0 */
export type Phase = typeof Phase.Type

/**
 * Where a phase stands: finished, or pending with
 * - `from`: the start (ms, a UTC day edge) of the first window not yet
 *   replaced: every day before it is written;
 * - `finished` (since 0.4.0, omitted when empty): the starts of the windows
 *   after `from` that are written too, ascending. A window is `pageSize`
 *   days of the phase's grid, anchored at the sync window's start, and one
 *   API page per query (`limit` = the window's days), so a page-level resume
 *   and a window-level one are the same: no API `next_page` is kept (report
 *   page cursors expire, 410; day boundaries do not). A start that is not on
 *   the grid is ignored, so its window is fetched again (a rewrite of the same
 *   days, never a gap).
 *
 * `page` is always `null` since 0.2.0; a cursor from 0.1.0 with a page resumes
 * from its `from`, the first day it had not written.
 * @since 0.1.0
 */
export const PhaseState = Schema.Union(
  Schema.Struct({ status: Schema.Literal("done") }),
  Schema.Struct({
    status: Schema.Literal("pending"),
    page: Schema.NullOr(Schema.String),
    from: Schema.Int,
    finished: Schema.optional(Schema.Array(Schema.Int))
  })
)
/** @since 0.1.0 */
export type PhaseState = typeof PhaseState.Type

/**
 * The cursor.
 * @since 0.1.0
 */
export const SyncCursor = Schema.Struct({
  connector: Schema.Literal("anthropic"),
  version: Schema.Literal(1),
  /** Hash of the config (without the key) and the window. */
  binding: Schema.String,
  window: Schema.Struct({ start: Schema.Int, end: Schema.Int }),
  phases: Schema.Struct({
    usage_messages: Schema.optional(PhaseState),
    cost_report: Schema.optional(PhaseState)
  })
})
/** @since 0.1.0 */
export type SyncCursor = typeof SyncCursor.Type

/**
 * The binding of a config and window: a hash of every setting (defaults
 * applied, key excluded), the window's bounds and the page size (a report
 * cursor is only valid for the query that issued it).
 * @since 0.1.0
 */
export const binding = (settings: ResolvedSettings, window: SyncWindow, pageSize: number): string =>
  hashString(
    stableStringify({
      settings,
      window: { start: window.start.epochMillis, end: window.end.epochMillis },
      pageSize
    })
  )

/**
 * The outcome of reading a cursor: resume from it, or start fresh (with why).
 * @since 0.1.0
 */
export type Reading =
  | { readonly _tag: "Fresh"; readonly reason: string | undefined }
  | { readonly _tag: "Resume"; readonly cursor: SyncCursor }

const decode = Schema.decodeUnknownEither(SyncCursor)

/**
 * Whether a phase lists more finished windows than a sync can have (one per
 * day of the longest lookback): checked before decoding, which would walk them all.
 */
const tooLong = (input: unknown): boolean => {
  const phases = (input as { phases?: unknown }).phases
  if (typeof phases !== "object" || phases === null) return false
  return Object.values(phases).some((state) => {
    const finished = (state as { finished?: unknown } | null)?.finished
    return Array.isArray(finished) && finished.length > MAX_LOOKBACK_DAYS
  })
}

/**
 * Reads the cursor the engine passed back. `undefined` or `null` start
 * fresh silently; a malformed cursor, or one bound to another config or
 * window, starts fresh with a reason to log.
 * @since 0.1.0
 */
export const read = (input: unknown, expected: string): Reading => {
  if (input === undefined || input === null) return { _tag: "Fresh", reason: undefined }
  if (tooLong(input)) return { _tag: "Fresh", reason: "malformed cursor" }
  const decoded = decode(input)
  if (Either.isLeft(decoded)) {
    return { _tag: "Fresh", reason: "malformed cursor" }
  }
  if (decoded.right.binding !== expected) {
    return { _tag: "Fresh", reason: "cursor was made for another config or window" }
  }
  return { _tag: "Resume", cursor: decoded.right }
}

/**
 * Builds a cursor.
 * @since 0.1.0
 */
export const make = (
  bindingHash: string,
  window: SyncWindow,
  phases: Partial<Record<Phase, PhaseState>>
): SyncCursor => ({
  connector: "anthropic",
  version: 1,
  binding: bindingHash,
  window: { start: window.start.epochMillis, end: window.end.epochMillis },
  phases
})
