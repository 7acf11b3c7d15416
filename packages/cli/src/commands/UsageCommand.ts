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
import {
  type Analytics,
  AnalyticsCost,
  AnalyticsUsage,
  CostReport,
  GroupByPlan,
  TimeWindow,
  UsageReport
} from "@rawdash/anthropic-admin-api"
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as CommandSpec from "../CommandSpec.js"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import { FlagError } from "../FlagError.js"
import * as Labels from "../Labels.js"
import * as Naming from "../Naming.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Ranking from "../Ranking.js"
import * as Rollup from "../Rollup.js"
import * as Runner from "../Runner.js"
import * as TimeRange from "../TimeRange.js"
import * as UsageSpec from "./UsageSpec.js"

/** A dimension of either API (`actor`, an object, is kept apart in {@link UsageLine.actor}). */
type Dimension = UsageSpec.Dimension | UsageSpec.AnalyticsDimension

/** The dimensions the legacy Cost Report can attribute token costs to. */
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
  service_account_id: "service account",
  actor: "actor",
  actor_type: "actor type",
  agent_id: "agent",
  claude_tag_category: "Claude Tag category",
  claude_tag_user_id: "Claude Tag user",
  deployment_id: "deployment",
  environment_id: "environment",
  organization_id: "organization",
  product: "product",
  rbac_group_id: "RBAC group",
  session_id: "session",
  slack_channel_id: "Slack channel",
  user_profile_id: "user profile"
}

/**
 * One output row: a bucket (or the whole range) and a group, with its token
 * counts and, when known, its cost in cents.
 * @since 0.1.0
 */
export interface UsageLine extends Counts {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  /** The grouped dimensions' values (`actor` apart). */
  readonly dimensions: Readonly<Partial<Record<Dimension, string | null>>>
  /** `--api analytics` grouped by `actor`: whom the usage is attributed to (`null`: nobody attributable). @since 0.3.0 */
  readonly actor?: Analytics.Actor | null | undefined
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
  serviceAccountIds: Flag.list(F.serviceAccountIds),
  products: Flag.list(F.products)
} as const

type Filter = keyof typeof filterFlags

/**
 * The command's `@effect/cli` options, one per entry of `UsageSpec.spec.flags`.
 * @since 0.2.0
 */
export const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  bucket: Flag.optionalChoice(F.bucket, UsageSpec.BUCKETS),
  groupBy: Flag.list(F.groupBy, UsageSpec.ANY_DIMENSION),
  api: Flag.choice(F.api, CommandSpec.APIS, "legacy"),
  noCost: Flag.boolean(F.noCost),
  names: Flag.boolean(F.names),
  ...CommonOptions.ordering(F),
  ...filterFlags
} as const

const keyOf = (
  groupBy: ReadonlyArray<Dimension>,
  line: Pick<UsageLine, "dimensions" | "actor">,
  bucket?: number
) =>
  JSON.stringify([
    bucket ?? null,
    ...groupBy.map((d) => (d === "actor" ? (line.actor ?? null) : (line.dimensions[d] ?? null)))
  ])

const zero = BigDecimal.fromBigInt(0n)

/**
 * Why the cost column cannot be shown for this query, or `undefined` if it
 * can. `range` is the range the usage buckets cover (`TimeRange.covered`):
 * the Cost Report has whole UTC days, so it must be whole days, and per
 * bucket the buckets must be days. (The analytics API's cost splits like its
 * usage: always available.)
 * @since 0.1.0
 */
export const costUnavailable = (query: {
  readonly groupBy: ReadonlyArray<Dimension>
  readonly filters: ReadonlyArray<Filter>
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

/**
 * The table's label of a grouped dimension's value (see `Labels`): usage
 * without an API key names the service account when the row says which.
 */
const label = (d: Dimension, line: UsageLine, names: Naming.Found): string =>
  d === "actor"
    ? Labels.actorCell(line.actor, names)
    : Labels.cell(
        d,
        line.dimensions[d] ?? null,
        names,
        line.dimensions.service_account_id ?? Labels.serviceAccountOf(line.actor)
      )

/** The csv/json name columns of `--names`, for the dimensions each API names. */
const nameColumns = (
  api: CommandSpec.Api,
  groupBy: ReadonlyArray<Dimension>,
  names: Naming.Found
): ReadonlyArray<Output.Column<UsageLine>> => {
  const column = (name: string, value: (r: UsageLine) => string | null): Output.Column<UsageLine> => ({
    name,
    kind: "text",
    value,
    table: false,
    group: true
  })
  return [
    column("api_key_name", (r) =>
      Naming.machine(names.apiKeys, r.dimensions.api_key_id ?? null, groupBy.includes("api_key_id"))
    ),
    column("workspace_name", (r) =>
      Naming.machine(names.workspaces, r.dimensions.workspace_id ?? null, groupBy.includes("workspace_id"))
    ),
    api === "legacy"
      ? column("account_email", (r) =>
          Naming.machine(names.users, r.dimensions.account_id ?? null, groupBy.includes("account_id"))
        )
      : column("actor_name", (r) =>
          r.actor === undefined || r.actor === null
            ? null
            : Naming.machine(names.actors, Naming.actorKey(r.actor), true)
        )
  ]
}

const columns = (options: {
  readonly api: CommandSpec.Api
  readonly groupBy: ReadonlyArray<Dimension>
  readonly perBucket: boolean
  readonly bucket: UsageReport.BucketWidth
  readonly rollup: Rollup.Width | undefined
  readonly withCost: boolean
  readonly period: string
  readonly names: Naming.Found | undefined
}): ReadonlyArray<Output.Column<UsageLine>> => {
  const { api, bucket, groupBy, perBucket, rollup } = options
  const names = options.names ?? Naming.none
  const all: ReadonlyArray<Dimension> =
    api === "legacy" ? UsageSpec.DIMENSIONS : UsageSpec.ANALYTICS_DIMENSIONS
  return [
    ...Rollup.timeColumns<UsageLine>(
      perBucket,
      rollup,
      bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute"
    ),
    ...(groupBy.length === 0 && !perBucket
      ? [{ name: "period", kind: "text", value: () => options.period, machine: false } as const]
      : []),
    ...all.map((d): Output.Column<UsageLine> =>
      d === "actor"
        ? { name: d, kind: "json", value: (r) => r.actor ?? null, table: false, group: true }
        : {
            name: d,
            kind: "text",
            value: (r) => Labels.machine(d, groupBy.includes(d), r.dimensions[d] ?? null),
            table: false,
            group: true
          }
    ),
    ...(options.names === undefined ? [] : nameColumns(api, groupBy, names)),
    ...groupBy.map((d): Output.Column<UsageLine> => ({
      name: `${d}_label`,
      header: HEADERS[d],
      kind: "text",
      value: (r) => label(d, r, names),
      machine: false,
      group: true
    })),
    Output.count<UsageLine>(
      "uncached_input_tokens",
      "uncached\ninput tokens",
      (r) => r.uncached_input_tokens
    ),
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
    Output.count<UsageLine>(
      "cache_read_input_tokens",
      "cache read\ntokens",
      (r) => r.cache_read_input_tokens
    ),
    Output.count<UsageLine>("output_tokens", "output\ntokens", (r) => r.output_tokens),
    Output.count<UsageLine>("web_search_requests", "web\nsearches", (r) => r.web_search_requests),
    ...(api === "analytics"
      ? ([
          { name: "requests", header: "requests", kind: "integer", value: (r) => r.requests, total: true },
          { name: "total_tokens", kind: "integer", value: (r) => r.total_tokens, table: false }
        ] satisfies ReadonlyArray<Output.Column<UsageLine>>)
      : []),
    { name: "cost_cents", kind: "decimal", value: (r) => r.cost_cents ?? null, table: false },
    {
      name: "cost_usd",
      header: "cost\nUSD",
      kind: "usd",
      value: (r) => (r.cost_cents === undefined ? null : CostReport.toDollars(r.cost_cents)),
      total: true,
      table: options.withCost
    }
  ]
}

const emptyLine = (
  start: DateTime.Utc,
  end: DateTime.Utc,
  group: Pick<UsageLine, "dimensions" | "actor">,
  api: CommandSpec.Api
): UsageLine => ({
  starting_at: start,
  ending_at: end,
  ...group,
  uncached_input_tokens: 0,
  cache_creation_5m: 0,
  cache_creation_1h: 0,
  cache_read_input_tokens: 0,
  output_tokens: 0,
  web_search_requests: 0,
  requests: api === "analytics" ? 0 : null,
  total_tokens: api === "analytics" ? 0 : null,
  cost_cents: undefined
})

/**
 * Token counts: of one API row, or added up in a line.
 * @since 0.3.0
 */
export interface Counts {
  readonly uncached_input_tokens: number
  readonly cache_creation_5m: number
  readonly cache_creation_1h: number
  readonly cache_read_input_tokens: number
  readonly output_tokens: number
  readonly web_search_requests: number
  /** `--api analytics`: messages requests (`null` with the legacy report). */
  readonly requests: number | null
  /** `--api analytics`: every token type (`null` with the legacy report). */
  readonly total_tokens: number | null
}

const sumOrNull = (a: number | null, b: number | null) =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0)

const add = (line: UsageLine, row: Counts): UsageLine => ({
  ...line,
  uncached_input_tokens: line.uncached_input_tokens + row.uncached_input_tokens,
  cache_creation_5m: line.cache_creation_5m + row.cache_creation_5m,
  cache_creation_1h: line.cache_creation_1h + row.cache_creation_1h,
  cache_read_input_tokens: line.cache_read_input_tokens + row.cache_read_input_tokens,
  output_tokens: line.output_tokens + row.output_tokens,
  web_search_requests: line.web_search_requests + row.web_search_requests,
  requests: sumOrNull(line.requests, row.requests),
  total_tokens: sumOrNull(line.total_tokens, row.total_tokens)
})

const legacyCounts = (row: UsageReport.UsageResult): Counts => ({
  uncached_input_tokens: row.uncached_input_tokens,
  cache_creation_5m: row.cache_creation.ephemeral_5m_input_tokens,
  cache_creation_1h: row.cache_creation.ephemeral_1h_input_tokens,
  cache_read_input_tokens: row.cache_read_input_tokens,
  output_tokens: row.output_tokens,
  web_search_requests: row.server_tool_use.web_search_requests,
  requests: null,
  total_tokens: null
})

const analyticsCounts = (usage: AnalyticsUsage.Usage): Counts => ({
  uncached_input_tokens: usage.uncached_input_tokens,
  cache_creation_5m: usage.cache_creation.ephemeral_5m_input_tokens,
  cache_creation_1h: usage.cache_creation.ephemeral_1h_input_tokens,
  cache_read_input_tokens: usage.cache_read_input_tokens,
  output_tokens: usage.output_tokens,
  web_search_requests: usage.server_tool_use.web_search_requests,
  requests: usage.requests ?? 0,
  total_tokens: usage.total_tokens
})

/** Two lines of one bucket added up (the "other" row of `--top`); costs exactly. */
const addLines = (a: UsageLine, b: UsageLine): UsageLine => ({
  ...add(a, b),
  cost_cents:
    a.cost_cents === undefined && b.cost_cents === undefined
      ? undefined
      : BigDecimal.sum(a.cost_cents ?? zero, b.cost_cents ?? zero)
})

/** Within a bucket: (with a cost column) the largest cost first, then the group values. */
const compareLines =
  (groupBy: ReadonlyArray<Dimension>, byCost: boolean, names: Naming.Found) =>
  (a: UsageLine, b: UsageLine) => {
    if (byCost) {
      const order = BigDecimal.Order(b.cost_cents ?? zero, a.cost_cents ?? zero)
      if (order !== 0) return order
    }
    const values = (r: UsageLine) =>
      groupBy.map((d) =>
        d === "actor"
          ? r.actor === null || r.actor === undefined
            ? null
            : label(d, r, names)
          : (r.dimensions[d] ?? null)
      )
    return Output.compareGroups(values(a), values(b))
  }

/** The flags of one API only, and what to use instead. */
const LEGACY_ONLY: ReadonlyArray<Dimension> = ["account_id", "service_account_id"]

/**
 * Checks `--group-by` and the filters against the API asked for: each API
 * has its own dimensions (`--api analytics` groups by `actor` where the
 * legacy report has `account_id` and `service_account_id`), and `--product`
 * is an analytics filter.
 * @since 0.3.0
 */
export const checkApi = (flags: {
  readonly api: CommandSpec.Api
  readonly groupBy: ReadonlyArray<Dimension>
  readonly products: ReadonlyArray<string>
}): Either.Either<void, FlagError> => {
  const wrong = CommonOptions.outsideApi(
    flags.api,
    flags.groupBy,
    UsageSpec.DIMENSIONS,
    UsageSpec.ANALYTICS_DIMENSIONS
  )
  if (wrong !== undefined) {
    return Either.left(
      new FlagError({
        flag: "--group-by",
        reason:
          flags.api === "legacy"
            ? `${wrong} is a dimension of the analytics API: add --api analytics (the legacy report groups by ${UsageSpec.DIMENSIONS.join(", ")})`
            : (LEGACY_ONLY as ReadonlyArray<string>).includes(wrong)
              ? `${wrong} is a dimension of the legacy report; with --api analytics group by actor (the user or service account the usage is attributed to)`
              : `${wrong} is not a dimension of the analytics API (it groups by ${UsageSpec.ANALYTICS_DIMENSIONS.join(", ")})`
      })
    )
  }
  if (flags.api === "legacy" && flags.products.length > 0) {
    return Either.left(
      new FlagError({ flag: "--product", reason: "filters the analytics API only: add --api analytics" })
    )
  }
  return Either.right(undefined)
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
      api: checkApi(flags),
      ranking: Ranking.parse(
        flags.sort,
        flags.top,
        flags.api === "legacy" ? UsageSpec.SORT_COLUMNS : UsageSpec.ANALYTICS_SORT_COLUMNS
      )
    }),
    ({ asked, ranking }, { target }) =>
      Effect.gen(function* () {
        const progress = yield* Progress
        const api = flags.api
        const { bucket, rollup } = Rollup.widths(flags.bucket, asked.unit)
        // Every bucket the range touches, whole: asked for, summed and labelled alike.
        const range = TimeRange.covered(asked, bucket)
        const coveredNote = TimeRange.coveredNote(asked, bucket)
        const perBucket =
          CommonOptions.rowsFor(flags.format, flags.rows, Option.isSome(flags.bucket)) === "bucket"
        const groupBy: ReadonlyArray<Dimension> = flags.groupBy
        const filters = (Object.keys(filterFlags) as Array<Filter>).filter((k) => flags[k].length > 0)
        // The analytics API's cost splits like its usage; the legacy Cost Report only by model and workspace.
        const costNote =
          flags.noCost || api === "analytics"
            ? undefined
            : costUnavailable({ groupBy, filters, perBucket, bucket, range })
        const withCost = !flags.noCost && costNote === undefined
        /** The bucket a daily (or finer) API bucket is counted in: itself, or its week or month cut to the range. */
        const bucketOf = (start: DateTime.Utc, end: DateTime.Utc): Rollup.Bucket =>
          rollup === undefined
            ? { start: start.epochMillis, end: end.epochMillis }
            : Rollup.bucket(start.epochMillis, rollup, range)
        const lines = new Map<string, UsageLine>()
        /** Adds an API row's counts (or only its cost) to the line of its bucket and group. */
        const addTo = (
          start: DateTime.Utc,
          end: DateTime.Utc,
          group: Pick<UsageLine, "dimensions" | "actor">,
          counts: Counts | undefined,
          cost?: BigDecimal.BigDecimal
        ) => {
          const own = bucketOf(start, end)
          const key = keyOf(groupBy, group, perBucket ? own.start : undefined)
          const line =
            lines.get(key) ??
            (perBucket
              ? emptyLine(DateTime.unsafeMake(own.start), DateTime.unsafeMake(own.end), group, api)
              : emptyLine(range.start, range.end, group, api))
          const counted = counts === undefined ? line : add(line, counts)
          lines.set(
            key,
            cost === undefined
              ? counted
              : { ...counted, cost_cents: BigDecimal.sum(counted.cost_cents ?? zero, cost) }
          )
        }

        // The filters both APIs take as they are.
        const filtersOfBoth = {
          apiKeyIds: flags.apiKeyIds,
          workspaceIds: flags.workspaceIds,
          models: flags.models,
          serviceTiers: flags.serviceTiers,
          contextWindows: flags.contextWindows,
          inferenceGeos: flags.inferenceGeos,
          speeds: flags.speeds
        }
        let planNote: string | undefined
        let watermark: DateTime.Utc | null | undefined
        if (api === "legacy") {
          const legacyGroupBy = groupBy as ReadonlyArray<UsageReport.GroupBy>
          const params: UsageReport.Params = {
            startingAt: range.start,
            endingAt: range.end,
            bucketWidth: bucket,
            groupBy: legacyGroupBy,
            ...filtersOfBoth,
            accountIds: flags.accountIds,
            serviceAccountIds: flags.serviceAccountIds
          }
          planNote = planNoteOf(
            UsageReport.plan(params),
            groupBy.length,
            range,
            bucket,
            UsageReport.LIMITS[bucket].max
          )
          yield* progress.start("usage report")
          yield* UsageReport.rows(params).pipe(
            Stream.runForEach((row) =>
              Effect.sync(() => {
                const dimensions: Partial<Record<Dimension, string | null>> = {}
                for (const d of legacyGroupBy) dimensions[d] = row[d] ?? null
                addTo(row.starting_at, row.ending_at, { dimensions }, legacyCounts(row))
              })
            )
          )
          if (withCost) {
            yield* progress.start("cost report")
            for (const [key, line] of lines) lines.set(key, { ...line, cost_cents: zero })
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
                  const dimensions: Partial<Record<Dimension, string | null>> = {}
                  if (groupBy.includes("model")) dimensions.model = row.model
                  if (groupBy.includes("workspace_id")) dimensions.workspace_id = row.workspace_id
                  const own = bucketOf(row.starting_at, row.ending_at)
                  const key = keyOf(groupBy, { dimensions }, perBucket ? own.start : undefined)
                  const line = lines.get(key)
                  // Token costs of groups without usage in the range have no row to go to.
                  if (line !== undefined) {
                    lines.set(key, {
                      ...line,
                      cost_cents: BigDecimal.sum(line.cost_cents ?? zero, row.amount)
                    })
                  }
                })
              )
            )
          }
        } else {
          const analyticsGroupBy = groupBy as ReadonlyArray<AnalyticsUsage.GroupBy>
          const params: AnalyticsUsage.Params = {
            startingAt: range.start,
            endingAt: range.end,
            timeBucketWidth: bucket,
            groupBy: analyticsGroupBy,
            ...filtersOfBoth,
            products: flags.products,
            actorIds: [...flags.accountIds, ...flags.serviceAccountIds]
          }
          planNote = planNoteOf(
            AnalyticsUsage.plan(params),
            groupBy.length,
            range,
            bucket,
            ANALYTICS_WINDOW[bucket]
          )
          const groupOf = (group: AnalyticsUsage.UsageGroup): Pick<UsageLine, "dimensions" | "actor"> => {
            const dimensions: Partial<Record<Dimension, string | null>> = {}
            for (const d of analyticsGroupBy) if (d !== "actor") dimensions[d] = group[d] ?? null
            return analyticsGroupBy.includes("actor")
              ? { dimensions, actor: group.actor ?? null }
              : { dimensions }
          }
          yield* progress.start("analytics usage")
          yield* AnalyticsUsage.buckets(params).pipe(
            Stream.runForEach((b) =>
              Effect.sync(() => {
                // The earliest export watermark of the windows (`null` while none was exported).
                const at = b.data_refreshed_at
                watermark = at === null ? (watermark ?? null) : watermark ? DateTime.min(watermark, at) : at
                for (const row of b.rows) {
                  addTo(row.starting_at, row.ending_at, groupOf(row.group), analyticsCounts(row.usage))
                }
              })
            )
          )
          if (withCost) {
            yield* progress.start("analytics cost")
            for (const [key, line] of lines) lines.set(key, { ...line, cost_cents: zero })
            // The same grouping and filters: every cost row has its group (a group with cost but no
            // usage, e.g. code execution, gets a row of its own, so the cost total is the organisation's).
            const { orderBy: _, ...costParams } = params
            yield* AnalyticsCost.rows({ ...costParams, groupBy: analyticsGroupBy }).pipe(
              Stream.runForEach((row) =>
                Effect.sync(() =>
                  addTo(row.starting_at, row.ending_at, groupOf(row.group), undefined, row.cost.amount)
                )
              )
            )
          }
        }

        const names = flags.names
          ? yield* Naming.lookup({
              apiKeys: groupBy.includes("api_key_id")
                ? [...lines.values()].map((l) => l.dimensions.api_key_id ?? null)
                : [],
              workspaces: groupBy.includes("workspace_id")
                ? [...lines.values()].map((l) => l.dimensions.workspace_id ?? null)
                : [],
              users: groupBy.includes("account_id")
                ? [...lines.values()].map((l) => l.dimensions.account_id ?? null)
                : [],
              actors: [...lines.values()].map((l) => l.actor ?? null)
            })
          : undefined

        const shown = columns({
          api,
          groupBy,
          perBucket,
          bucket,
          rollup,
          withCost,
          period: TimeRange.label(range),
          names
        })
        const rows = Ranking.apply([...lines.values()], {
          ranking,
          columns: shown,
          bucketOf: (r) => r.starting_at.epochMillis,
          compare: compareLines(groupBy, withCost, names ?? Naming.none),
          other: (rest) => ({ ...rest.reduce(addLines), other: rest.length })
        })
        const cutNote = perBucket && rollup !== undefined ? Rollup.cutNote(range, rollup) : undefined
        const noKey =
          groupBy.includes("api_key_id") &&
          rows.some((r) => r.other === undefined && (r.dimensions.api_key_id ?? null) === null)
        const refreshed = Labels.watermarkNote(watermark, range)
        const notes = [
          ...(withCost
            ? api === "legacy"
              ? [
                  "cost: token costs from the Cost Report. Web search, code execution and session costs have no model: see `anthropic-admin cost`.",
                  "Priority Tier tokens are billed outside the Cost Report and show no cost."
                ]
              : [
                  "cost: what the analytics API bills each group (tokens, web search, code execution, session time), after discounts and before credits."
                ]
            : costNote
              ? [`${costNote}.`]
              : []),
          ...(noKey
            ? [Labels.noKeyNote(api, groupBy.includes(api === "legacy" ? "service_account_id" : "actor"))]
            : []),
          ...(planNote === undefined ? [] : [planNote]),
          ...(coveredNote === undefined ? [] : [coveredNote]),
          ...(cutNote === undefined ? [] : [cutNote]),
          ...(api === "analytics" ? ["Read from the Usage and Cost Analytics API (beta)."] : []),
          ...(refreshed === undefined ? [] : [refreshed]),
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

/** The buckets one analytics request may span: 31 days of `1d` or `1h`, 24 hours of `1m`. */
const ANALYTICS_WINDOW: Readonly<Record<UsageReport.BucketWidth, number>> = {
  "1d": 31,
  "1h": 31 * 24,
  "1m": 24 * 60
}

/** The note on a grouping of more than 5 dimensions: how many requests the plan sent. */
const planNoteOf = (
  plan: Either.Either<GroupByPlan.Plan, unknown>,
  dimensions: number,
  range: TimeRange.TimeRange,
  bucket: UsageReport.BucketWidth,
  maxBuckets: number
): string | undefined =>
  Either.match(plan, {
    onLeft: () => undefined,
    onRight: (plan) => {
      if (plan._tag === "Single") return undefined
      const windows = TimeWindow.split({
        start: range.start,
        end: range.end,
        bucketWidth: bucket,
        maxBuckets
      }).length
      const perWindow = GroupByPlan.requests(plan)
      return `Grouped by ${dimensions} dimensions: the API takes at most ${UsageReport.MAX_GROUP_BY} per request, so each window of up to ${maxBuckets} buckets took ${perWindow} requests, joined exactly (${windows} window${windows === 1 ? "" : "s"}, ${perWindow * windows} requests).`
    }
  })
