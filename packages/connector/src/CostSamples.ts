/**
 * Maps Cost Report buckets to `anthropic_cost_usd` samples: the exact dollar
 * amount (cents ÷ 100 in decimal arithmetic, converted to a number once) with
 * the line item's dimensions and its currency.
 *
 * @since 0.1.0
 */
import { AdminApiError, CostReport } from "@rawdash/anthropic-admin-api"
import * as BigDecimal from "effect/BigDecimal"
import { stringAttributes } from "./internal/attributes.js"
import type { JSONValue, MetricSample, ResourceField } from "./Rawdash.js"
import { ANALYTICS_COST_DIMENSIONS, COST_DIMENSIONS, COST_METRIC, NAME_DIMENSIONS } from "./Resources.js"

/**
 * The dimensions the cost report is grouped by (`group_by[]`). Grouping by
 * `description` is what fills `model`, `token_type`, `service_tier` and
 * `context_window`.
 * @since 0.1.0
 */
export const GROUP_BY = ["workspace_id", "description"] as const

/**
 * A cost amount in the lowest currency unit (cents) as dollars: exact decimal
 * division, then one conversion to a JS number.
 * @since 0.1.0
 */
export const dollars = (amount: BigDecimal.BigDecimal): number =>
  BigDecimal.unsafeToNumber(CostReport.toDollars(amount))

/**
 * The declared attributes of a cost sample, in order; listed on first use
 * (Resources and this module import each other, through Schemas).
 */
let attributeFields: ReadonlyArray<ResourceField> | undefined
const ATTRIBUTE_FIELDS = (): ReadonlyArray<ResourceField> =>
  (attributeFields ??= [...COST_DIMENSIONS, ...ANALYTICS_COST_DIMENSIONS, ...NAME_DIMENSIONS])

/**
 * The declared attributes of a cost row; absent ones are `null`, never `undefined`.
 * @since 0.1.0
 */
export const attributes = (row: CostReport.CostResult): Record<string, JSONValue> =>
  // api_key_id (analytics source only) and the names (enrichNames only) are null here
  stringAttributes(row, ATTRIBUTE_FIELDS())

/** An amount for a message: its decimal form, cut when long. */
const formatAmount = (amount: BigDecimal.BigDecimal): string => {
  const text = BigDecimal.format(amount)
  return text.length > 40 ? `${text.slice(0, 20)}…(${text.length} digits)` : text
}

/**
 * Options of {@link fromBuckets}.
 * @since 0.1.0
 */
export interface Options {
  /**
   * Keep only rows of these workspaces (the Cost Report has no workspace
   * filter, so it is applied here). Omit to keep every row.
   */
  readonly workspaceIds?: ReadonlyArray<string> | undefined
}

/**
 * The samples of cost buckets, one per row, `ts` = the bucket's start.
 *
 * Throws an `AdminApiError.DecodeError` naming the row's path
 * (`data[<bucket>].results[<row>].amount`, counted in `buckets`) when a row's
 * dollar amount is not a finite number (an exact decimal such as `1e400`
 * that no double can hold): such a row can be neither stored nor dropped
 * without losing money, so its day is not written at all.
 * @since 0.1.0
 */
export const fromBuckets = (
  buckets: Iterable<CostReport.CostBucket>,
  options: Options = {}
): Array<MetricSample> => {
  const keep = options.workspaceIds === undefined ? undefined : new Set(options.workspaceIds)
  const out: Array<MetricSample> = []
  let index = 0
  for (const bucket of buckets) {
    const ts = bucket.starting_at.epochMillis
    bucket.results.forEach((row, at) => {
      const value = dollars(row.amount)
      if (!Number.isFinite(value)) {
        throw new AdminApiError.DecodeError({
          endpoint: CostReport.ENDPOINT,
          path: `data[${index}].results[${at}].amount`,
          detail: `the amount of ${formatAmount(row.amount)} cents (bucket ${new Date(ts).toISOString()}) is not a finite number of dollars; the day is not written`
        })
      }
      if (keep !== undefined && (row.workspace_id === null || !keep.has(row.workspace_id))) return
      out.push({ name: COST_METRIC, ts, value, attributes: attributes(row) })
    })
    index += 1
  }
  return out
}
