/**
 * Structured logging through rawdash's `ctx.logger` when given, else to the
 * console in rawdash's default connector log format, scoped to the connector
 * id: `[anthropic] fetched page resource=usage_messages page=1 items=31`.
 * A logger that throws never breaks a sync. Callers never pass the API key.
 */
import * as Effect from "effect/Effect"
import type { ConnectorLogger } from "../Rawdash.js"

type Fields = Record<string, unknown>

/** Info and warn events with fields. */
export interface Log {
  readonly info: (event: string, fields: Fields) => Effect.Effect<void>
  readonly warn: (event: string, fields: Fields) => Effect.Effect<void>
}

/** Longest value printed before it is cut with `…`. */
const MAX_VALUE_LENGTH = 120

const cut = (text: string): string =>
  text.length <= MAX_VALUE_LENGTH ? text : `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`

const formatValue = (value: unknown): string => {
  if (value === null) return "null"
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value)
  }
  if (typeof value === "string") {
    const text = cut(value)
    // quoted when a reader could not tell where it ends
    return /[\s"=]/.test(text) ? JSON.stringify(text) : text
  }
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    json = undefined
  }
  return cut(json ?? String(value))
}

/** One line: `[scope] event k=v k=v`; `undefined` fields are left out. */
export const formatLine = (scope: string, event: string, fields?: Fields): string => {
  const parts = Object.entries(fields ?? {}).flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}=${formatValue(value)}`]
  )
  return parts.length === 0 ? `[${scope}] ${event}` : `[${scope}] ${event} ${parts.join(" ")}`
}

/** The logger used when rawdash passes none: `console.info` / `console.warn`, one line per event. */
export const consoleLogger = (scope: string): ConnectorLogger => ({
  // eslint-disable-next-line no-console -- rawdash's default connector logger writes to the console
  info: (event, fields) => console.info(formatLine(scope, event, fields)),
  // eslint-disable-next-line no-console -- as above
  warn: (event, fields) => console.warn(formatLine(scope, event, fields))
})

/** The connector's logger: rawdash's `ctx.logger`, else {@link consoleLogger} scoped to `scope`. */
export const resolveLogger = (logger: ConnectorLogger | undefined, scope: string): ConnectorLogger =>
  logger ?? consoleLogger(scope)

/** Effects logging through `target`. */
export const makeLog = (target: ConnectorLogger): Log => {
  const emit =
    (level: "info" | "warn") =>
    (event: string, fields: Fields): Effect.Effect<void> =>
      Effect.sync(() => {
        try {
          target[level](event, fields)
        } catch {
          // a broken logger must not break the sync
        }
      })
  return { info: emit("info"), warn: emit("warn") }
}
