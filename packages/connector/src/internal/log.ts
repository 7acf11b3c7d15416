/**
 * Structured logging through rawdash's `ctx.logger` when given, else through
 * Effect's logger. A logger that throws never breaks a sync. Callers never
 * pass the API key.
 */
import { Effect } from "effect"
import type { ConnectorLogger } from "../Rawdash.js"

type Fields = Record<string, unknown>

/** Info and warn events with fields. */
export interface Log {
  readonly info: (event: string, fields: Fields) => Effect.Effect<void>
  readonly warn: (event: string, fields: Fields) => Effect.Effect<void>
}

/** A logger for the sync. */
export const makeLog = (logger: ConnectorLogger | undefined): Log => {
  const emit =
    (level: "info" | "warn") =>
    (event: string, fields: Fields): Effect.Effect<void> =>
      logger === undefined
        ? (level === "info" ? Effect.logInfo(event) : Effect.logWarning(event)).pipe(
            Effect.annotateLogs(fields)
          )
        : Effect.sync(() => {
            try {
              logger[level](event, fields)
            } catch {
              // a broken logger must not break the sync
            }
          })
  return { info: emit("info"), warn: emit("warn") }
}
