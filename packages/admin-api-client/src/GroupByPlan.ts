/**
 * How the usage report is grouped by more dimensions than one request may
 * carry. The live API refuses more than {@link MAX_DIMENSIONS} `group_by[]`
 * values per request (reference §10.1), so a grouping by six or more is
 * served by several requests whose rows are joined, exactly.
 *
 * **The plan.** Pick a *fan-out* dimension among the requested ones whose
 * values are known and few (`context_window`, then `speed`, `inference_geo`,
 * `service_tier`: {@link FAN_OUT}). For each known value `v`, one query
 * groups by the other dimensions and filters the fan-out dimension to `v`;
 * its rows get that dimension `= v`. One more query, the *remainder*, groups
 * by the other dimensions without that filter; what it counts beyond the
 * filtered queries (per row of the other dimensions, per bucket) is usage
 * whose value is `null` or not known to this client, and is emitted with the
 * fan-out dimension `null`. Nothing is lost or counted twice: per bucket and
 * per combination of the other dimensions, the rows add up to the remainder's
 * row, which is what a single query would return. When more than one
 * dimension must go, the same step applies again inside each query.
 *
 * When the caller already filters the fan-out dimension (e.g.
 * `contextWindows: ["0-200k"]`), the plan fans out over exactly those values
 * and needs no remainder (a filtered row cannot be `null`).
 *
 * **Requests.** Each query costs one request per window (a window is at most
 * one page of buckets: 31 days for `1d`). {@link requests} counts them: the
 * rawdash connector's six dimensions (model, workspace, key, tier, context
 * window, geo) fan out over `context_window`, so 2 filtered + 1 remainder =
 * **3 requests per window**. Seven dimensions with `speed` cost 3 × 3 = 9.
 *
 * **Consistency.** The filtered queries are issued first and the remainder
 * last, together (one round of latency): data that arrives between them (the
 * API is fresh within ~5 minutes, reference §8) either lands in the remainder
 * (counted, with the fan-out dimension `null`) or makes a filtered query count
 * more than the remainder, and then the window is fetched again; if that keeps
 * happening the stream fails with a `PaginationContractError` rather than
 * emit wrong numbers. Nothing is lost either way.
 *
 * @since 0.2.0
 */

/**
 * The most `group_by[]` values the live usage report accepts in one request
 * (reference §10.1).
 * @since 0.2.0
 */
export const MAX_DIMENSIONS = 5

/**
 * A dimension the plan can fan out over: its name, the `UsageReport.Params`
 * filter that selects one of its values, and the values this client knows.
 * @since 0.2.0
 */
export interface FanOutDimension {
  readonly dimension: string
  readonly filter: string
  readonly values: ReadonlyArray<string>
}

/**
 * The dimensions the plan may fan out over, in the order it prefers them
 * (fewest known values first).
 * @since 0.2.0
 */
export const FAN_OUT: ReadonlyArray<FanOutDimension> = [
  { dimension: "context_window", filter: "contextWindows", values: ["0-200k", "200k-1M"] },
  { dimension: "speed", filter: "speeds", values: ["standard", "fast"] },
  { dimension: "inference_geo", filter: "inferenceGeos", values: ["global", "us", "not_available"] },
  {
    dimension: "service_tier",
    filter: "serviceTiers",
    values: ["standard", "batch", "priority", "priority_on_demand", "flex", "flex_discount"]
  }
]

/**
 * One request of a plan: what it groups by, and the fan-out filters it adds
 * (filter name → the one value it selects).
 * @since 0.2.0
 */
export interface Query {
  readonly groupBy: ReadonlyArray<string>
  readonly filters: Readonly<Record<string, string>>
}

/**
 * A plan: one request (`Single`), or a fan-out over a dimension into one
 * sub-plan per value plus, unless the caller filtered that dimension, a
 * `remainder` whose excess is labelled `null`.
 * @since 0.2.0
 */
export type Plan =
  | { readonly _tag: "Single"; readonly query: Query }
  | {
      readonly _tag: "FanOut"
      readonly dimension: string
      readonly filter: string
      readonly branches: ReadonlyArray<{ readonly value: string; readonly plan: Plan }>
      readonly remainder: Plan | undefined
    }

/**
 * Plans a grouping. `filtered` gives, for each `UsageReport.Params` filter the
 * caller set, its values (only the fan-out filters matter). Dimensions are
 * kept in the order given. With at most {@link MAX_DIMENSIONS} dimensions the
 * plan is a single request. `fanOut` lists the dimensions that may fan out,
 * in order of preference: {@link FAN_OUT} (the legacy usage report) by
 * default; the analytics API passes its own (`Analytics.FAN_OUT`, since
 * 0.3.0).
 *
 * Throws a `RangeError` if more than five dimensions are asked for and not
 * enough of them can fan out (cannot happen with the report's nine
 * dimensions: at most five are open-valued).
 * @since 0.2.0
 */
export const make = (
  groupBy: ReadonlyArray<string>,
  filtered: Readonly<Record<string, ReadonlyArray<string> | undefined>> = {},
  fanOut: ReadonlyArray<FanOutDimension> = FAN_OUT
): Plan => {
  const go = (dims: ReadonlyArray<string>, filters: Readonly<Record<string, string>>): Plan => {
    if (dims.length <= MAX_DIMENSIONS) return { _tag: "Single", query: { groupBy: dims, filters } }
    const fan = fanOut.find((f) => dims.includes(f.dimension))
    if (fan === undefined) {
      throw new RangeError(`GroupByPlan: no dimension to fan out over in ${dims.join(", ")}`)
    }
    const rest = dims.filter((d) => d !== fan.dimension)
    const given = filtered[fan.filter]
    const values = given !== undefined && given.length > 0 ? given : fan.values
    return {
      _tag: "FanOut",
      dimension: fan.dimension,
      filter: fan.filter,
      branches: values.map((value) => ({ value, plan: go(rest, { ...filters, [fan.filter]: value }) })),
      remainder: given !== undefined && given.length > 0 ? undefined : go(rest, filters)
    }
  }
  return go(groupBy, {})
}

/**
 * Every request of a plan, filtered queries before their remainder (the
 * order the plan sends them in).
 * @since 0.2.0
 */
export const queries = (plan: Plan): ReadonlyArray<Query> =>
  plan._tag === "Single"
    ? [plan.query]
    : [
        ...plan.branches.flatMap((branch) => queries(branch.plan)),
        ...(plan.remainder === undefined ? [] : queries(plan.remainder))
      ]

/**
 * How many requests the plan sends per window (one page of buckets).
 * @since 0.2.0
 */
export const requests = (plan: Plan): number => queries(plan).length
