/**
 * Spec-minimal rows (§10.4): the spec requires only a few keys of a report
 * row. In spec-minimal mode the fake omits, row by row (seeded), every key
 * whose value is `null` and that the spec does not require; non-null values
 * are never omitted, so totals and dimensions stay exact.
 */
import { hashString, unit } from "./hash.js"
import { CLAUDE_CODE_PATH, COST_PATH, USAGE_PATH } from "./reports.js"

type JsonObject = Record<string, unknown>

const isObject = (u: unknown): u is JsonObject => typeof u === "object" && u !== null && !Array.isArray(u)

/** Keys of a usage item the spec requires: the token fields. Every dimension key may be absent. */
const USAGE_REQUIRED = new Set([
  "uncached_input_tokens",
  "cache_creation",
  "cache_read_input_tokens",
  "output_tokens",
  "server_tool_use"
])
/** Keys of a cost item the spec requires. */
const COST_REQUIRED = new Set(["amount", "currency"])
/** The only optional key of a Claude Code record. */
const CLAUDE_CODE_OPTIONAL = new Set(["subscription_type"])

/** Where the decision for one row comes from: (seed, request, row coordinates). */
interface Coordinates {
  readonly seed: number
  readonly request: number
}

/** Whether (seed, request, row, key) omits: about half of the time. */
const omits = (at: Coordinates, row: ReadonlyArray<number>, key: string): boolean =>
  unit(at.seed, at.request, ...row, hashString(key)) < 0.5

const thin = (
  item: unknown,
  at: Coordinates,
  row: ReadonlyArray<number>,
  optional: (key: string) => boolean
): unknown => {
  if (!isObject(item)) return item
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(item)) {
    if (value === null && optional(key) && omits(at, row, key)) continue
    out[key] = value
  }
  return out
}

/** The request coordinate: a hash of path and query, so the same request always gets the same shape. */
export const requestHash = (pathAndQuery: string): number => hashString(pathAndQuery)

/**
 * Applies spec-minimal mode to a report page of `path`. Usage envelopes and
 * buckets stay complete; cost and Claude Code envelopes may omit `next_page`
 * on their last page (`has_more: false`).
 */
export const minimise = (path: string, body: unknown, seed: number, request: number): unknown => {
  if (!isObject(body) || !Array.isArray(body["data"])) return body
  const at: Coordinates = { seed, request }
  const data = body["data"] as ReadonlyArray<unknown>
  const envelope = (thinned: ReadonlyArray<unknown>): JsonObject => {
    const out: JsonObject = { ...body, data: thinned }
    if (
      path !== USAGE_PATH &&
      out["has_more"] === false &&
      out["next_page"] === null &&
      unit(seed, request, 0x4e50) < 0.5
    ) {
      delete out["next_page"]
    }
    return out
  }
  if (path === USAGE_PATH || path === COST_PATH) {
    const optional =
      path === USAGE_PATH ? (k: string) => !USAGE_REQUIRED.has(k) : (k: string) => !COST_REQUIRED.has(k)
    return envelope(
      data.map((bucket, b) => {
        if (!isObject(bucket) || !Array.isArray(bucket["results"])) return bucket
        const results = bucket["results"] as ReadonlyArray<unknown>
        return { ...bucket, results: results.map((item, i) => thin(item, at, [b, i], optional)) }
      })
    )
  }
  if (path === CLAUDE_CODE_PATH) {
    return envelope(data.map((record, r) => thin(record, at, [r], (k) => CLAUDE_CODE_OPTIONAL.has(k))))
  }
  return body
}
