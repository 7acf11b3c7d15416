/** Applying a fault to a normal page body. */
import type { Fault } from "../FakeFault.js"
import { DAY, formatInstant, HOUR } from "./wire.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }
type JsonObject = Record<string, Json>

const isObject = (u: Json | undefined): u is JsonObject =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const UNKNOWN_ENUMS: Readonly<Record<string, string>> = {
  service_tier: "priority_plus",
  context_window: "1M-2M",
  inference_geo: "eu",
  speed: "turbo",
  cost_type: "managed_agents_usage",
  token_type: "cache_creation.ephemeral_24h_input_tokens",
  customer_type: "enterprise_api",
  subscription_type: "max",
  product: "claude_future",
  claude_tag_category: "weekly"
}

const LATER_OPTIONAL = ["inference_geo", "account_id", "service_account_id", "speed", "subscription_type"]

const driftItem = (item: JsonObject, fault: Extract<Fault, { kind: "drift" }>): JsonObject => {
  const out: JsonObject = { ...item }
  // Analytics rows: drift inside `group`, and extra fields in `usage` / `cost`.
  const group = out["group"]
  if (isObject(group)) out["group"] = driftItem(group, { ...fault, missingOptional: false })
  for (const inner of ["usage", "cost"]) {
    const value = out[inner]
    if (isObject(value) && fault.extraFields !== false) out[inner] = { ...value, fake_drift_metric: 1 }
  }
  if (fault.unknownEnums !== false) {
    for (const [field, value] of Object.entries(UNKNOWN_ENUMS)) {
      if (typeof out[field] === "string") out[field] = value
    }
    const tools = out["tool_actions"]
    if (isObject(tools)) out["tool_actions"] = { ...tools, bash_tool: { accepted: 3, rejected: 1 } }
  }
  if (fault.missingOptional !== false) {
    for (const field of LATER_OPTIONAL) delete out[field]
  }
  if (fault.extraFields !== false) {
    out["fake_drift_field"] = "added by a newer API"
    const metrics = out["core_metrics"]
    if (isObject(metrics)) out["core_metrics"] = { ...metrics, fake_drift_metric: 1 }
    const cache = out["cache_creation"]
    if (isObject(cache)) out["cache_creation"] = { ...cache, ephemeral_24h_input_tokens: 0 }
  }
  return out
}

/**
 * Applies a body fault to a report page; returns undefined when the body is
 * not a report page (the fault then does not apply).
 */
export const alterPage = (body: string, fault: Fault, ownCursor: string): string | undefined => {
  let page: Json
  try {
    page = JSON.parse(body) as Json
  } catch {
    return undefined
  }
  if (!isObject(page) || !Array.isArray(page["data"])) return undefined
  const data = page["data"] as ReadonlyArray<Json>
  const bucketed = data.every((entry) => isObject(entry) && Array.isArray(entry["results"]))
  const shift = (entry: Json, by: number): Json => {
    if (!isObject(entry)) return entry
    const at = (key: string) => formatInstant(Date.parse(String(entry[key])) + by)
    return { ...entry, starting_at: at("starting_at"), ending_at: at("ending_at") }
  }
  switch (fault.kind) {
    case "empty-page":
      return JSON.stringify({ ...page, data: [], has_more: false, next_page: null })
    case "missing-bucket":
      return bucketed && data.length > 0 ? JSON.stringify({ ...page, data: data.slice(0, -1) }) : undefined
    case "stray-bucket": {
      const first = data[0]
      if (!bucketed || first === undefined || !isObject(first)) return undefined
      const stray = { ...(shift(first, (fault.offsetDays ?? -40) * DAY) as JsonObject), results: [] }
      return JSON.stringify({ ...page, data: [stray, ...data] })
    }
    case "unaligned-buckets":
      return bucketed && data.length > 0
        ? JSON.stringify({ ...page, data: data.map((entry) => shift(entry, (fault.hours ?? 5) * HOUR)) })
        : undefined
    case "huge-amount": {
      let done = false
      const altered = data.map((entry) => {
        if (done || !isObject(entry) || !Array.isArray(entry["results"])) return entry
        const results = entry["results"] as ReadonlyArray<Json>
        const index = results.findIndex((row) => isObject(row) && typeof row["amount"] === "string")
        if (index < 0) return entry
        done = true
        return {
          ...entry,
          results: results.map((row, i) => (i === index && isObject(row) ? { ...row, amount: "1e400" } : row))
        }
      })
      return done ? JSON.stringify({ ...page, data: altered }) : undefined
    }
    case "has-more-without-next-page":
      return JSON.stringify({ ...page, has_more: true, next_page: null })
    case "repeated-cursor":
      return JSON.stringify({ ...page, has_more: true, next_page: ownCursor })
    case "drift": {
      const drifted = data.map((entry) => {
        if (!isObject(entry)) return entry
        const results = entry["results"]
        if (Array.isArray(results)) {
          const bucket: JsonObject = {
            ...entry,
            results: (results as ReadonlyArray<Json>).map((r) => (isObject(r) ? driftItem(r, fault) : r))
          }
          if (fault.extraFields !== false) bucket["fake_drift_bucket_field"] = true
          return bucket
        }
        return driftItem(entry, fault)
      })
      const envelope: JsonObject = {
        ...page,
        data: drifted,
        ...(fault.extraFields !== false ? { fake_drift_page_field: { note: "added by a newer API" } } : {})
      }
      // The analytics envelope's data_refreshed_at is read as null when absent (analytics reference §1.3).
      if (fault.missingOptional !== false) delete envelope["data_refreshed_at"]
      return JSON.stringify(envelope)
    }
    default:
      return undefined
  }
}
