/**
 * The request log of a fake: what each request asked for and what the fake
 * did, for assertions. API keys are never stored.
 *
 * @since 0.1.0
 */
import type { Fault } from "./FakeFault.js"

/**
 * Which transport carried a request: the `HttpClient` layer, the loopback
 * server, or a direct call of `handle`.
 *
 * @since 0.1.0
 */
export type Transport = "layer" | "server" | "direct"

/**
 * The kind of credential sent, so tests can assert on it without the key.
 *
 * @since 0.1.0
 */
export type Credential = "admin" | "standard" | "other" | "missing"

/**
 * One logged request.
 *
 * @since 0.1.0
 */
export interface Entry {
  /** 1-based position in the fake's log. */
  readonly sequence: number
  /** The `request-id` answered (also for faults). */
  readonly requestId: string
  readonly method: string
  readonly path: string
  /**
   * The decoded query: bracket names (`group_by[]`) and repeated names as
   * arrays, every other name as a string, e.g.
   * `{ starting_at: "2026-03-01T00:00:00Z", "group_by[]": ["model", "workspace_id"] }`.
   */
  readonly query: Readonly<Record<string, string | ReadonlyArray<string>>>
  /**
   * The request body as sent (the JSON text of a management `POST`); absent
   * when the request had none.
   *
   * @since 0.3.0
   */
  readonly body?: string
  /** Lower-cased header names; `x-api-key` and `authorization` replaced by `"[redacted]"`. */
  readonly headers: Readonly<Record<string, string>>
  readonly credential: Credential
  /** The fault applied, or `null`. */
  readonly fault: Fault | null
  /** The status answered, or `null` when the connection was dropped. */
  readonly status: number | null
  readonly transport: Transport
  /** The fake's clock when the request arrived, ms since epoch. */
  readonly receivedAt: number
  /** When the answer was due: `receivedAt` plus the latency applied. */
  readonly respondedAt: number
}

/**
 * Decodes a query string into the log's shape.
 *
 * @since 0.1.0
 */
export const parseQuery = (
  params: URLSearchParams
): Readonly<Record<string, string | ReadonlyArray<string>>> => {
  const out: Record<string, string | ReadonlyArray<string>> = {}
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name)
    out[name] = name.endsWith("[]") || values.length > 1 ? values : (values[0] ?? "")
  }
  return out
}

/**
 * Lower-cases header names and redacts credentials.
 *
 * @since 0.1.0
 */
export const redactHeaders = (
  headers: Readonly<Record<string, string | undefined>>
): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const lower = name.toLowerCase()
    out[lower] = lower === "x-api-key" || lower === "authorization" ? "[redacted]" : value
  }
  return out
}
