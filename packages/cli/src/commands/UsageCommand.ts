/**
 * `anthropic-admin usage`: the Messages Usage Report — tokens by time bucket
 * and any grouping the endpoint offers, with every filter as a flag. When
 * the grouping allows it (by model and/or workspace, daily), each row also
 * carries its token cost from the Cost Report, so one command answers "what
 * did we use and spend, by model, this month".
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { CostReport, GroupByPlan, TimeWindow, UsageReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, type DateTime, Effect, Either, Option, Stream } from "effect"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Runner from "../Runner.js"
import * as TimeRange from "../TimeRange.js"
import * as Help from "../Help.js"

type Dimension = UsageReport.GroupBy

/** The dimensions the cost report can attribute token costs to. */
const COSTABLE: ReadonlyArray<Dimension> = ["model", "workspace_id"]

const HEADERS: Record<Dimension, string> = {
  api_key_id: "API key",
  workspace_id: "workspace",
  model: "model",
  service_tier: "service tier",
  context_window: "context",
  inference_geo: "geo",
  speed: "speed",
  account_id: "account",
  service_account_id: "service account"
}

const NULL_LABELS: Partial<Record<Dimension, string>> = {
  workspace_id: "Default Workspace",
  api_key_id: "(Console)"
}

/**
 * One output row: a bucket (or the whole range) and a group, with its token
 * counts and, when known, its token cost in cents.
 * @since 0.1.0
 */
export interface UsageLine {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly dimensions: Readonly<Partial<Record<Dimension, string | null>>>
  readonly uncached_input_tokens: number
  readonly cache_creation_5m: number
  readonly cache_creation_1h: number
  readonly cache_read_input_tokens: number
  readonly output_tokens: number
  readonly web_search_requests: number
  readonly cost_cents: BigDecimal.BigDecimal | undefined
}

/** Requests per window for a grouping (the client's plan, see `GroupByPlan`). */
const requestsFor = (groupBy: ReadonlyArray<Dimension>) => GroupByPlan.requests(GroupByPlan.make(groupBy))

/**
 * The `--group-by` help: the dimensions, and what more than
 * `UsageReport.MAX_GROUP_BY` of them costs in requests, and why.
 */
const groupByHelp = (): string => {
  const max = UsageReport.MAX_GROUP_BY
  const six: ReadonlyArray<Dimension> = [
    "model",
    "workspace_id",
    "api_key_id",
    "service_tier",
    "context_window",
    "inference_geo"
  ]
  const fanOut = GroupByPlan.FAN_OUT.map((f) => f.dimension).join(", then ")
  return [
    `Group rows by these dimensions (comma-separated or repeated): ${UsageReport.GroupBy.literals.join(", ")}.`,
    `Up to ${max} dimensions take one request per window (a window is one page of buckets: up to ${UsageReport.LIMITS["1d"].max} days of 1d, ${UsageReport.LIMITS["1h"].max} hours of 1h or ${UsageReport.LIMITS["1m"].max} minutes of 1m).`,
    `The API refuses more than ${max} group_by values in one request, so more dimensions are read in several requests whose rows are joined exactly: one per known value of a dimension with few values (${fanOut}), plus one for the rest, which keeps the usage with other or no values (null in csv/json, — in the table).`,
    `${six.join(",")} costs ${requestsFor(six)} requests per window, adding speed ${requestsFor([...six, "speed"])}, all ${UsageReport.GroupBy.literals.length} dimensions ${requestsFor(UsageReport.GroupBy.literals)}; filtering a fanned-out dimension (e.g. --context-window 0-200k) needs fewer.`
  ].join(" ")
}

const filterFlags = {
  apiKeyIds: Flag.list("api-key-id").pipe(Options.withDescription("Only these API keys (apikey_…).")),
  workspaceIds: Flag.list("workspace-id").pipe(Options.withDescription("Only these workspaces (wrkspc_…).")),
  models: Flag.list("model").pipe(Options.withDescription("Only these models, e.g. claude-sonnet-4-5.")),
  serviceTiers: Flag.list("service-tier").pipe(
    Options.withDescription(
      "Only these service tiers: standard, batch, priority, priority_on_demand, flex, flex_discount."
    )
  ),
  contextWindows: Flag.list("context-window").pipe(
    Options.withDescription("Only these context windows: 0-200k, 200k-1M.")
  ),
  inferenceGeos: Flag.list("inference-geo").pipe(
    Options.withDescription("Only these inference geos: global, us, not_available.")
  ),
  speeds: Flag.list("speed").pipe(
    Options.withDescription("Only these speeds: standard, fast (sends the fast-mode beta header).")
  ),
  accountIds: Flag.list("account-id").pipe(
    Options.withDescription("Only these user accounts (OAuth requests).")
  ),
  serviceAccountIds: Flag.list("service-account-id").pipe(
    Options.withDescription("Only these service accounts (svac_…).")
  )
} as const

const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  bucket: Flag.optionalChoice("bucket", UsageReport.BucketWidth.literals).pipe(
    Options.withDescription("Bucket width: 1d, 1h or 1m. Default: the unit of --last (1d for dates).")
  ),
  groupBy: Flag.list("group-by", UsageReport.GroupBy.literals).pipe(Options.withDescription(groupByHelp())),
  noCost: Options.boolean("no-cost").pipe(
    Options.withDescription("Do not read the Cost Report (no cost column; one report fewer to fetch).")
  ),
  ...filterFlags
} as const

const keyOf = (
  groupBy: ReadonlyArray<Dimension>,
  dims: Partial<Record<Dimension, string | null>>,
  bucket?: number
) => JSON.stringify([bucket ?? null, ...groupBy.map((d) => dims[d] ?? null)])

const zero = BigDecimal.fromBigInt(0n)

/**
 * Why the cost column cannot be shown for this query, or `undefined` if it
 * can. `range` is the range the usage buckets cover (`TimeRange.covered`):
 * the Cost Report has whole UTC days, so it must be whole days, and per
 * bucket the buckets must be days.
 * @since 0.1.0
 */
export const costUnavailable = (query: {
  readonly groupBy: ReadonlyArray<Dimension>
  readonly filters: ReadonlyArray<keyof typeof filterFlags>
  readonly perBucket: boolean
  readonly bucket: UsageReport.BucketWidth
  readonly range: TimeRange.TimeRange
}): string | undefined => {
  const other = query.groupBy.filter((d) => !COSTABLE.includes(d))
  if (other.length > 0) return `no cost column: the Cost Report cannot split costs by ${other.join(", ")}`
  const filters = query.filters.filter((f) => f !== "models" && f !== "workspaceIds")
  if (filters.length > 0) {
    return "no cost column: the Cost Report can only be narrowed by --model and --workspace-id"
  }
  if (query.perBucket && query.bucket !== "1d") {
    return "no cost column: the Cost Report has daily buckets only (use --bucket 1d)"
  }
  if (query.range.unit !== "d") {
    return "no cost column: the Cost Report has whole UTC days only (use dates, --last Nd or --bucket 1d)"
  }
  return undefined
}

const columns = (
  groupBy: ReadonlyArray<Dimension>,
  perBucket: boolean,
  bucket: UsageReport.BucketWidth,
  withCost: boolean,
  period: string
): ReadonlyArray<Output.Column<UsageLine>> => [
  {
    name: "starting_at",
    header: bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute",
    kind: "instant",
    value: (r) => r.starting_at,
    table: perBucket
  },
  { name: "ending_at", kind: "instant", value: (r) => r.ending_at, table: false },
  ...(groupBy.length === 0 && !perBucket
    ? [{ name: "period", kind: "text", value: () => period, machine: false } as const]
    : []),
  ...UsageReport.GroupBy.literals.map((d): Output.Column<UsageLine> => ({
    name: d,
    kind: "text",
    value: (r) => r.dimensions[d] ?? null,
    table: false
  })),
  ...groupBy.map((d): Output.Column<UsageLine> => ({
    name: `${d}_label`,
    header: HEADERS[d],
    kind: "text",
    value: (r) => r.dimensions[d] ?? NULL_LABELS[d] ?? "—",
    machine: false
  })),
  {
    name: "uncached_input_tokens",
    header: "input",
    kind: "integer",
    value: (r) => r.uncached_input_tokens,
    total: true
  },
  {
    name: "cache_creation_tokens",
    header: "cache write",
    kind: "integer",
    value: (r) => r.cache_creation_5m + r.cache_creation_1h,
    total: true,
    machine: false
  },
  {
    name: "cache_creation_ephemeral_5m_input_tokens",
    kind: "integer",
    value: (r) => r.cache_creation_5m,
    table: false
  },
  {
    name: "cache_creation_ephemeral_1h_input_tokens",
    kind: "integer",
    value: (r) => r.cache_creation_1h,
    table: false
  },
  {
    name: "cache_read_input_tokens",
    header: "cache read",
    kind: "integer",
    value: (r) => r.cache_read_input_tokens,
    total: true
  },
  { name: "output_tokens", header: "output", kind: "integer", value: (r) => r.output_tokens, total: true },
  {
    name: "web_search_requests",
    header: "web searches",
    kind: "integer",
    value: (r) => r.web_search_requests,
    total: true
  },
  { name: "cost_cents", kind: "decimal", value: (r) => r.cost_cents ?? null, table: false },
  {
    name: "cost_usd",
    header: "cost",
    kind: "usd",
    value: (r) => (r.cost_cents === undefined ? null : CostReport.toDollars(r.cost_cents)),
    total: true,
    table: withCost
  }
]

const emptyLine = (
  start: DateTime.Utc,
  end: DateTime.Utc,
  dimensions: UsageLine["dimensions"]
): UsageLine => ({
  starting_at: start,
  ending_at: end,
  dimensions,
  uncached_input_tokens: 0,
  cache_creation_5m: 0,
  cache_creation_1h: 0,
  cache_read_input_tokens: 0,
  output_tokens: 0,
  web_search_requests: 0,
  cost_cents: undefined
})

const add = (line: UsageLine, row: UsageReport.UsageResult): UsageLine => ({
  ...line,
  uncached_input_tokens: line.uncached_input_tokens + row.uncached_input_tokens,
  cache_creation_5m: line.cache_creation_5m + row.cache_creation.ephemeral_5m_input_tokens,
  cache_creation_1h: line.cache_creation_1h + row.cache_creation.ephemeral_1h_input_tokens,
  cache_read_input_tokens: line.cache_read_input_tokens + row.cache_read_input_tokens,
  output_tokens: line.output_tokens + row.output_tokens,
  web_search_requests: line.web_search_requests + row.server_tool_use.web_search_requests
})

/** Bucket order, then (for a summary with costs) the largest cost first, then the group values. */
const compareLines = (groupBy: ReadonlyArray<Dimension>, byCost: boolean) => (a: UsageLine, b: UsageLine) => {
  if (a.starting_at.epochMillis !== b.starting_at.epochMillis) {
    return a.starting_at.epochMillis - b.starting_at.epochMillis
  }
  if (byCost) {
    const order = BigDecimal.Order(b.cost_cents ?? zero, a.cost_cents ?? zero)
    if (order !== 0) return order
  }
  return Output.compareGroups(
    groupBy.map((d) => a.dimensions[d] ?? null),
    groupBy.map((d) => b.dimensions[d] ?? null)
  )
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  [
    "A month of usage and spend by model, on the demo organisation",
    "anthropic-admin usage --demo --last 30d --group-by model"
  ],
  [
    "March by workspace and model, as CSV for a spreadsheet",
    "anthropic-admin usage --start 2026-03-01 --end 2026-03-31 --group-by workspace_id,model --format csv"
  ],
  ["The last 24 hours, hour by hour", "anthropic-admin usage --last 24h --bucket 1h --rows bucket"],
  [
    "One model's batch usage as NDJSON",
    "anthropic-admin usage --last 7d --model claude-sonnet-4-5 --service-tier batch --format ndjson"
  ]
]

/**
 * The `usage` command.
 * @since 0.1.0
 */
export const command = Command.make("usage", options, (flags) =>
  Runner.run(flags, TimeRange.current(flags), (asked, { target }) =>
    Effect.gen(function* () {
      const progress = yield* Progress
      const bucket: UsageReport.BucketWidth = Option.getOrElse(flags.bucket, () =>
        asked.unit === "d" ? "1d" : asked.unit === "h" ? "1h" : "1m"
      )
      // Every bucket the range touches, whole: asked for, summed and labelled alike.
      const range = TimeRange.covered(asked, bucket)
      const coveredNote = TimeRange.coveredNote(asked, bucket)
      const perBucket = CommonOptions.rowsFor(flags.format, flags.rows) === "bucket"
      const groupBy = flags.groupBy
      const filters = (Object.keys(filterFlags) as Array<keyof typeof filterFlags>).filter(
        (k) => flags[k].length > 0
      )
      const costNote = flags.noCost ? "" : costUnavailable({ groupBy, filters, perBucket, bucket, range })
      const withCost = !flags.noCost && costNote === undefined

      const params: UsageReport.Params = {
        startingAt: range.start,
        endingAt: range.end,
        bucketWidth: bucket,
        groupBy,
        apiKeyIds: flags.apiKeyIds,
        workspaceIds: flags.workspaceIds,
        models: flags.models,
        serviceTiers: flags.serviceTiers,
        contextWindows: flags.contextWindows,
        inferenceGeos: flags.inferenceGeos,
        speeds: flags.speeds,
        accountIds: flags.accountIds,
        serviceAccountIds: flags.serviceAccountIds
      }
      const planNote = Either.match(UsageReport.plan(params), {
        onLeft: () => undefined,
        onRight: (plan) => {
          if (plan._tag === "Single") return undefined
          const windows = TimeWindow.split({
            start: range.start,
            end: range.end,
            bucketWidth: bucket,
            maxBuckets: UsageReport.LIMITS[bucket].max
          }).length
          const perWindow = GroupByPlan.requests(plan)
          return `Grouped by ${groupBy.length} dimensions: the API takes at most ${UsageReport.MAX_GROUP_BY} per request, so each window of up to ${UsageReport.LIMITS[bucket].max} buckets took ${perWindow} requests, joined exactly (${windows} window${windows === 1 ? "" : "s"}, ${perWindow * windows} requests).`
        }
      })

      yield* progress.start("usage report")
      const lines = new Map<string, UsageLine>()
      yield* UsageReport.rows(params).pipe(
        Stream.runForEach((row) => {
          const dimensions: Partial<Record<Dimension, string | null>> = {}
          for (const d of groupBy) dimensions[d] = row[d] ?? null
          const key = keyOf(groupBy, dimensions, perBucket ? row.starting_at.epochMillis : undefined)
          const line =
            lines.get(key) ??
            (perBucket
              ? emptyLine(row.starting_at, row.ending_at, dimensions)
              : emptyLine(range.start, range.end, dimensions))
          lines.set(key, add(line, row))
          return progress.rows(1)
        })
      )

      if (withCost) {
        yield* progress.start("cost report")
        const costs = new Map<string, BigDecimal.BigDecimal>()
        yield* CostReport.rows({
          startingAt: range.start,
          endingAt: range.end,
          groupBy: ["workspace_id", "description"]
        }).pipe(
          Stream.runForEach((row) => {
            const wanted =
              row.model !== null &&
              (flags.models.length === 0 || flags.models.includes(row.model)) &&
              (flags.workspaceIds.length === 0 ||
                (row.workspace_id !== null && flags.workspaceIds.includes(row.workspace_id)))
            if (!wanted) return progress.rows(1)
            const dimensions: Partial<Record<Dimension, string | null>> = {
              model: row.model,
              workspace_id: row.workspace_id
            }
            const key = keyOf(groupBy, dimensions, perBucket ? row.starting_at.epochMillis : undefined)
            costs.set(key, BigDecimal.sum(costs.get(key) ?? zero, row.amount))
            return progress.rows(1)
          })
        )
        for (const [key, line] of lines) lines.set(key, { ...line, cost_cents: costs.get(key) ?? zero })
      }

      const rows = [...lines.values()].sort(compareLines(groupBy, withCost && !perBucket))
      const notes = [
        ...(withCost
          ? [
              "cost: token costs from the Cost Report. Web search, code execution and session costs have no model: see `anthropic-admin cost`.",
              "Priority Tier tokens are billed outside the Cost Report and show no cost."
            ]
          : costNote
            ? [`${costNote}.`]
            : []),
        ...(planNote === undefined ? [] : [planNote]),
        ...(coveredNote === undefined ? [] : [coveredNote]),
        ...(target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
      ]
      const scope = [
        ...(groupBy.length > 0 ? [`by ${groupBy.join(", ")}`] : []),
        ...(perBucket ? [`per ${bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute"}`] : [])
      ]
      return Output.renderer({
        title: `Usage ${TimeRange.label(range)}${scope.length > 0 ? `, ${scope.join(", ")}` : ""}`,
        columns: columns(groupBy, perBucket, bucket, withCost, TimeRange.label(range)),
        rows,
        notes,
        empty: "No usage in this range."
      } satisfies Output.Output<UsageLine>)
    })
  )
).pipe(
  Command.withDescription(
    Help.describe(
      "Token usage from the Messages Usage Report, grouped and filtered like the endpoint (any number of --group-by dimensions; beyond 5 the client joins several requests, see --group-by); with a cost column from the Cost Report when grouped by model and/or workspace. Buckets are whole: a range that starts or ends inside a bucket (--last 24h with --bucket 1d) includes that bucket in full, and the title names the range really covered. The table shows one row per group over the whole range (--rows bucket: per bucket); csv/json/ndjson one record per bucket and group.",
      EXAMPLES
    )
  )
)
