/**
 * The range of UTC days a sync fetches and replaces.
 *
 * The window always ends at tomorrow 00:00 UTC, so today's partial bucket is
 * included. A `full` sync starts `lookbackDays` earlier, or at the day of
 * `since` when the engine asks for less history. A `latest` sync refetches
 * the trailing `revisionDays` (late revisions of usage and cost), and reaches
 * back to the day of `since` (the last successful sync) when that is older,
 * so downtime leaves no gap. No window is longer than `lookbackDays`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { SyncOptions } from "./Rawdash.js"

/** One day in milliseconds. @since 0.1.0 */
export const DAY_MILLIS = 86_400_000

/**
 * A window of whole UTC days: `[start, end)`.
 * @since 0.1.0
 */
export interface SyncWindow {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc
  /** Number of days in the window. */
  readonly days: number
}

/**
 * The settings the window depends on.
 * @since 0.1.0
 */
export interface WindowSettings {
  readonly lookbackDays: number
  readonly revisionDays: number
}

const startOfDay = (millis: number) => Math.floor(millis / DAY_MILLIS) * DAY_MILLIS

const parseSince = (since: string | undefined, now: number): number | undefined => {
  if (since === undefined) return undefined
  const millis = Date.parse(since)
  return Number.isFinite(millis) ? Math.min(millis, now) : undefined
}

/**
 * The window for `options` at `now` (ms since epoch).
 * @since 0.1.0
 */
export const compute = (
  options: Pick<SyncOptions, "mode" | "since">,
  settings: WindowSettings,
  now: number
): SyncWindow => {
  const end = startOfDay(now) + DAY_MILLIS
  const earliest = end - settings.lookbackDays * DAY_MILLIS
  const revision = end - Math.min(settings.revisionDays, settings.lookbackDays) * DAY_MILLIS
  const since = parseSince(options.since, now)
  const wanted =
    since === undefined
      ? options.mode === "full"
        ? earliest
        : revision
      : Math.min(startOfDay(since), revision)
  const start = Math.max(earliest, wanted)
  return {
    start: DateTime.unsafeMake(start),
    end: DateTime.unsafeMake(end),
    days: Math.round((end - start) / DAY_MILLIS)
  }
}

/**
 * The window for `options` now, reading the time from `Clock` (so tests can
 * pin it with `TestClock`).
 * @since 0.1.0
 */
export const current = (
  options: Pick<SyncOptions, "mode" | "since">,
  settings: WindowSettings
): Effect.Effect<SyncWindow> => Effect.map(Clock.currentTimeMillis, (now) => compute(options, settings, now))
