/**
 * `anthropic-admin usage`: the Messages Usage Report — tokens by time bucket
 * and any grouping the endpoint offers, with every filter as a flag. When
 * the grouping allows it (by model and/or workspace, daily), each row also
 * carries its token cost from the Cost Report, so one command answers "what
 * did we use and spend, by model, this month".
 *
 * @since 0.1.0
 */
import { Command } from "@effect/cli"
import { CostReport, GroupByPlan, TimeWindow, UsageReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, DateTime, Effect, Either, Option, Stream } from "effect"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Ranking from "../Ranking.js"
import * as Rollup from "../Rollup.js"
import * as Runner from "../Runner.js"
import * as TimeRange from "../TimeRange.js"
import * as UsageSpec from "./UsageSpec.js"

type Dimension = UsageReport.GroupBy

/** The dimensions the cost report can attribute token costs to. */
const COSTABLE: ReadonlyArray<Dimension> = ["model", "workspace_id"]

const F = UsageSpec.spec.flags

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
  /** On the "other" row of `--top`: how many groups it adds up. @since 0.2.0 */
  readonly other?: number | undefined
}

const filterFlags = {
  apiKeyIds: Flag.list(F.apiKeyIds),
  workspaceIds: Flag.list(F.workspaceIds),
  models: Flag.list(F.models),
  serviceTiers: Flag.list(F.serviceTiers),
  contextWindows: Flag.list(F.contextWindows),
  inferenceGeos: Flag.list(F.inferenceGeos),
  speeds: Flag.list(F.speeds),
  accountIds: Flag.list(F.accountIds),
  serviceAccountIds: Flag.list(F.serviceAccountIds)
} as const

/**
 * The command's `@effect/cli` options, one per entry of `UsageSpec.spec.flags`.
 * @since 0.2.0
 */
export const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  bucket: Flag.optionalChoice(F.bucket, UsageSpec.BUCKETS),
  groupBy: Flag.list(F.groupBy, UsageReport.GroupBy.literals),
  noCost: Flag.boolean(F.noCost),
  ...CommonOptions.ordering(F),
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
  rollup: Rollup.Width | undefined,
  withCost: boolean,
  period: string
): ReadonlyArray<Output.Column<UsageLine>> => [
  ...Rollup.timeColumns<UsageLine>(
    perBucket,
    rollup,
    bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute"
  ),
  ...(groupBy.length === 0 && !perBucket
    ? [{ name: "period", kind: "text", value: () => period, machine: false } as const]
    : []),
  ...UsageReport.GroupBy.literals.map((d): Output.Column<UsageLine> => ({
    name: d,
    kind: "text",
    value: (r) => {
      const value = r.dimensions[d] ?? null
      return d === "workspace_id" && value === null && groupBy.includes(d) ? Output.DEFAULT_WORKSPACE : value
    },
    table: false,
    group: true
  })),
  ...groupBy.map((d): Output.Column<UsageLine> => ({
    name: `${d}_label`,
    header: HEADERS[d],
    kind: "text",
    value: (r) => r.dimensions[d] ?? NULL_LABELS[d] ?? "—",
    machine: false,
    group: true
  })),
  Output.count<UsageLine>("uncached_input_tokens", "uncached\ninput tokens", (r) => r.uncached_input_tokens),
  {
    name: "cache_creation_tokens",
    header: "cache write\ntokens",
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
  Output.count<UsageLine>("cache_read_input_tokens", "cache read\ntokens", (r) => r.cache_read_input_tokens),
  Output.count<UsageLine>("output_tokens", "output\ntokens", (r) => r.output_tokens),
  Output.count<UsageLine>("web_search_requests", "web\nsearches", (r) => r.web_search_requests),
  { name: "cost_cents", kind: "decimal", value: (r) => r.cost_cents ?? null, table: false },
  {
    name: "cost_usd",
    header: "cost\nUSD",
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

/** Two lines of one bucket added up (the "other" row of `--top`); costs exactly. */
const addLines = (a: UsageLine, b: UsageLine): UsageLine => ({
  ...a,
  uncached_input_tokens: a.uncached_input_tokens + b.uncached_input_tokens,
  cache_creation_5m: a.cache_creation_5m + b.cache_creation_5m,
  cache_creation_1h: a.cache_creation_1h + b.cache_creation_1h,
  cache_read_input_tokens: a.cache_read_input_tokens + b.cache_read_input_tokens,
  output_tokens: a.output_tokens + b.output_tokens,
  web_search_requests: a.web_search_requests + b.web_search_requests,
  cost_cents:
    a.cost_cents === undefined && b.cost_cents === undefined
      ? undefined
      : BigDecimal.sum(a.cost_cents ?? zero, b.cost_cents ?? zero)
})

/** Within a bucket: (with a cost column) the largest cost first, then the group values. */
const compareLines = (groupBy: ReadonlyArray<Dimension>, byCost: boolean) => (a: UsageLine, b: UsageLine) => {
  if (byCost) {
    const order = BigDecimal.Order(b.cost_cents ?? zero, a.cost_cents ?? zero)
    if (order !== 0) return order
  }
  return Output.compareGroups(
    groupBy.map((d) => a.dimensions[d] ?? null),
    groupBy.map((d) => b.dimensions[d] ?? null)
  )
}

/** The API's bucket width and the roll-up, from `--bucket` and the range's unit. */
const widths = (
  choice: Option.Option<(typeof UsageSpec.BUCKETS)[number]>,
  unit: TimeRange.Unit
): { readonly bucket: UsageReport.BucketWidth; readonly rollup: Rollup.Width | undefined } => {
  if (Option.isNone(choice)) {
    return { bucket: unit === "d" ? "1d" : unit === "h" ? "1h" : "1m", rollup: undefined }
  }
  switch (choice.value) {
    case "week":
    case "month":
      return { bucket: "1d", rollup: choice.value }
    case "day":
      return { bucket: "1d", rollup: undefined }
    default:
      return { bucket: choice.value, rollup: undefined }
  }
}

/**
 * The `usage` command.
 * @since 0.1.0
 */
export const command = Command.make("usage", options, (flags) =>
  Runner.run(
    flags,
    Effect.all({
      asked: TimeRange.current(flags),
      ranking: Ranking.parse(flags.sort, flags.top, UsageSpec.SORT_COLUMNS)
    }),
    ({ asked, ranking }, { target }) =>
      Effect.gen(function* () {
        const progress = yield* Progress
        const { bucket, rollup } = widths(flags.bucket, asked.unit)
        // Every bucket the range touches, whole: asked for, summed and labelled alike.
        const range = TimeRange.covered(asked, bucket)
        const coveredNote = TimeRange.coveredNote(asked, bucket)
        const perBucket =
          CommonOptions.rowsFor(flags.format, flags.rows, Option.isSome(flags.bucket)) === "bucket"
        const groupBy = flags.groupBy
        const filters = (Object.keys(filterFlags) as Array<keyof typeof filterFlags>).filter(
          (k) => flags[k].length > 0
        )
        const costNote = flags.noCost ? "" : costUnavailable({ groupBy, filters, perBucket, bucket, range })
        const withCost = !flags.noCost && costNote === undefined
        /** The bucket a daily (or finer) API bucket is counted in: itself, or its week or month cut to the range. */
        const bucketOf = (start: DateTime.Utc, end: DateTime.Utc): Rollup.Bucket =>
          rollup === undefined
            ? { start: start.epochMillis, end: end.epochMillis }
            : Rollup.bucket(start.epochMillis, rollup, range)

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
          Stream.runForEach((row) =>
            Effect.sync(() => {
              const dimensions: Partial<Record<Dimension, string | null>> = {}
              for (const d of groupBy) dimensions[d] = row[d] ?? null
              const own = bucketOf(row.starting_at, row.ending_at)
              const key = keyOf(groupBy, dimensions, perBucket ? own.start : undefined)
              const line =
                lines.get(key) ??
                (perBucket
                  ? emptyLine(DateTime.unsafeMake(own.start), DateTime.unsafeMake(own.end), dimensions)
                  : emptyLine(range.start, range.end, dimensions))
              lines.set(key, add(line, row))
            })
          )
        )

        if (withCost) {
          yield* progress.start("cost report")
          const costs = new Map<string, BigDecimal.BigDecimal>()
          yield* CostReport.rows({
            startingAt: range.start,
            endingAt: range.end,
            groupBy: ["workspace_id", "description"]
          }).pipe(
            Stream.runForEach((row) =>
              Effect.sync(() => {
                const wanted =
                  row.model !== null &&
                  (flags.models.length === 0 || flags.models.includes(row.model)) &&
                  (flags.workspaceIds.length === 0 ||
                    (row.workspace_id !== null && flags.workspaceIds.includes(row.workspace_id)))
                if (!wanted) return
                const dimensions: Partial<Record<Dimension, string | null>> = {
                  model: row.model,
                  workspace_id: row.workspace_id
                }
                const own = bucketOf(row.starting_at, row.ending_at)
                const key = keyOf(groupBy, dimensions, perBucket ? own.start : undefined)
                costs.set(key, BigDecimal.sum(costs.get(key) ?? zero, row.amount))
              })
            )
          )
          for (const [key, line] of lines) lines.set(key, { ...line, cost_cents: costs.get(key) ?? zero })
        }

        const shown = columns(groupBy, perBucket, bucket, rollup, withCost, TimeRange.label(range))
        const rows = Ranking.apply([...lines.values()], {
          ranking,
          columns: shown,
          bucketOf: (r) => r.starting_at.epochMillis,
          compare: compareLines(groupBy, withCost),
          other: (rest) => ({ ...rest.reduce(addLines), other: rest.length })
        })
        const cutNote = perBucket && rollup !== undefined ? Rollup.cutNote(range, rollup) : undefined
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
          ...(cutNote === undefined ? [] : [cutNote]),
          ...(target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
        ]
        const per =
          rollup !== undefined
            ? Rollup.per(rollup)
            : `per ${bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute"}`
        const scope = [
          ...(groupBy.length > 0 ? [`by ${groupBy.join(", ")}`] : []),
          ...(perBucket ? [per] : [])
        ]
        return Output.renderer({
          title: `Usage ${TimeRange.label(range)}${scope.length > 0 ? `, ${scope.join(", ")}` : ""}`,
          columns: shown,
          rows,
          notes,
          empty: "No usage in this range.",
          ...(ranking.top === undefined ? {} : { otherCount: (r: UsageLine) => r.other })
        } satisfies Output.Output<UsageLine>)
      })
  )
)
