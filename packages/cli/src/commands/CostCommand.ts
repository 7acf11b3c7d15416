/**
 * `anthropic-admin cost`: the Cost Report — what the organisation was billed
 * per UTC day, optionally by workspace and by line item (description, which
 * also fills in model, token type, service tier and context window).
 *
 * @since 0.1.0
 */
import { Command } from "@effect/cli"
import { type Analytics, AnalyticsCost, CostReport } from "@rawdash/anthropic-admin-api"
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
import * as CostSpec from "./CostSpec.js"

/** The row fields that identify a cost line (everything but the amount). */
const FIELDS = [
  "workspace_id",
  "description",
  "cost_type",
  "model",
  "token_type",
  "service_tier",
  "context_window",
  "inference_geo",
  "speed",
  "currency"
] as const
type Field = (typeof FIELDS)[number]

/**
 * One output row: a day (or the whole range) and a cost line item, with its
 * exact amount in cents.
 * @since 0.1.0
 */
export interface CostLine {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly fields: Readonly<Record<Field, string | null>>
  readonly amount: BigDecimal.BigDecimal
  /** On the "other" row of `--top`: how many groups it adds up. @since 0.2.0 */
  readonly other?: number | undefined
}

const F = CostSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `CostSpec.spec.flags`.
 * @since 0.2.0
 */
export const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  bucket: Flag.optionalChoice(F.bucket, CostSpec.ANALYTICS_BUCKETS),
  groupBy: Flag.list(F.groupBy, CostSpec.ANY_GROUP_BY),
  api: Flag.choice(F.api, CommandSpec.APIS, "legacy"),
  names: Flag.boolean(F.names),
  ...CommonOptions.ordering(F)
} as const

/**
 * Checks `--group-by` and `--bucket` against the API asked for: the legacy
 * Cost Report groups by workspace and line item and has days only; the
 * analytics API has its own dimensions and `1h`/`1m` buckets too.
 * @since 0.3.0
 */
export const checkApi = (flags: {
  readonly api: CommandSpec.Api
  readonly groupBy: ReadonlyArray<string>
  readonly bucket: Option.Option<string>
}): Either.Either<void, FlagError> => {
  const wrong = CommonOptions.outsideApi(
    flags.api,
    flags.groupBy,
    CostSpec.GROUP_BY,
    CostSpec.ANALYTICS_GROUP_BY
  )
  if (wrong !== undefined) {
    return Either.left(
      new FlagError({
        flag: "--group-by",
        reason:
          flags.api === "legacy"
            ? `the Cost Report groups by workspace_id and description only; ${wrong} needs --api analytics`
            : `${wrong} is a line item of the legacy Cost Report; with --api analytics group by model, cost_type, token_type, service_tier, context_window…`
      })
    )
  }
  if (
    flags.api === "legacy" &&
    Option.isSome(flags.bucket) &&
    (flags.bucket.value === "1h" || flags.bucket.value === "1m")
  ) {
    return Either.left(
      new FlagError({
        flag: "--bucket",
        reason: `the Cost Report has daily buckets only; ${flags.bucket.value} needs --api analytics`
      })
    )
  }
  return Either.right(undefined)
}

/** The amount, exact in cents and dollars (csv/json) and in dollars to the cent (table, totalled). */
const amountColumns = <R extends { readonly amount: BigDecimal.BigDecimal }>(): ReadonlyArray<
  Output.Column<R>
> => [
  { name: "amount_cents", kind: "decimal", value: (r) => r.amount, table: false },
  {
    name: "amount_usd",
    header: "cost\nUSD",
    kind: "usd",
    value: (r) => CostReport.toDollars(r.amount),
    total: true
  }
]

const columns = (
  groupBy: ReadonlyArray<CostReport.GroupBy>,
  perBucket: boolean,
  rollup: Rollup.Width | undefined,
  period: string,
  names: Naming.Found | undefined
): ReadonlyArray<Output.Column<CostLine>> => {
  const byWorkspace = groupBy.includes("workspace_id")
  const byDescription = groupBy.includes("description")
  return [
    ...Rollup.timeColumns<CostLine>(perBucket, rollup, "day"),
    ...(groupBy.length === 0 && !perBucket
      ? [{ name: "period", kind: "text", value: () => period, machine: false } as const]
      : []),
    ...(byWorkspace
      ? [
          {
            name: "workspace_label",
            header: "workspace",
            kind: "text",
            value: (r: CostLine) => Labels.cell("workspace_id", r.fields.workspace_id, names ?? Naming.none),
            machine: false,
            group: true
          } as const
        ]
      : []),
    ...FIELDS.map((f): Output.Column<CostLine> => ({
      name: f,
      header: f.replace(/_/g, " "),
      kind: "text",
      value: (r) => Labels.machine(f, f === "workspace_id" && byWorkspace, r.fields[f]),
      table: f === "description" && byDescription,
      group: f !== "currency"
    })),
    ...(names === undefined
      ? []
      : [
          {
            name: "workspace_name",
            kind: "text",
            value: (r: CostLine) => Naming.machine(names.workspaces, r.fields.workspace_id, byWorkspace),
            table: false,
            group: true
          } as const
        ]),
    ...amountColumns<CostLine>()
  ]
}

/** Within a bucket: the largest amount first, then the line item's fields. */
const compare = (a: CostLine, b: CostLine) =>
  BigDecimal.Order(b.amount, a.amount) ||
  Output.compareGroups(
    FIELDS.map((f) => a.fields[f]),
    FIELDS.map((f) => b.fields[f])
  )

/** The analytics dimensions of a row (`actor`, an object, is kept apart). */
type AnalyticsField = Exclude<AnalyticsCost.GroupBy, "actor">

/**
 * One output row of `--api analytics`: a bucket (or the whole range) and a
 * group, with its exact amount and list price in cents.
 * @since 0.3.0
 */
export interface AnalyticsCostLine {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly dimensions: Readonly<Partial<Record<AnalyticsField, string | null>>>
  readonly actor?: Analytics.Actor | null | undefined
  readonly amount: BigDecimal.BigDecimal
  readonly list_amount: BigDecimal.BigDecimal | null
  readonly requests: number | null
  readonly currency: string | null
  readonly other?: number | undefined
}

const ANALYTICS_HEADERS: Partial<Record<AnalyticsCost.GroupBy, string>> = {
  api_key_id: "API key",
  workspace_id: "workspace",
  cost_type: "cost type",
  token_type: "token type",
  service_tier: "service tier",
  context_window: "context",
  inference_geo: "geo",
  actor_type: "actor type",
  rbac_group_id: "RBAC group"
}

const analyticsColumns = (
  groupBy: ReadonlyArray<AnalyticsCost.GroupBy>,
  perBucket: boolean,
  bucket: "1d" | "1h" | "1m",
  rollup: Rollup.Width | undefined,
  period: string,
  names: Naming.Found | undefined
): ReadonlyArray<Output.Column<AnalyticsCostLine>> => {
  const found = names ?? Naming.none
  const dimension = (r: AnalyticsCostLine, d: AnalyticsField) => r.dimensions[d] ?? null
  // Requests are not counted per cost component (the API sends null with cost_type or token_type).
  const fannedOut = groupBy.includes("cost_type") || groupBy.includes("token_type")
  return [
    ...Rollup.timeColumns<AnalyticsCostLine>(
      perBucket,
      rollup,
      bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute"
    ),
    ...(groupBy.length === 0 && !perBucket
      ? [{ name: "period", kind: "text", value: () => period, machine: false } as const]
      : []),
    ...CostSpec.ANALYTICS_GROUP_BY.map((d): Output.Column<AnalyticsCostLine> =>
      d === "actor"
        ? { name: d, kind: "json", value: (r) => r.actor ?? null, table: false, group: true }
        : {
            name: d,
            kind: "text",
            value: (r) => Labels.machine(d, groupBy.includes(d), dimension(r, d)),
            table: false,
            group: true
          }
    ),
    ...(names === undefined
      ? []
      : ([
          {
            name: "api_key_name",
            kind: "text",
            value: (r) =>
              Naming.machine(found.apiKeys, dimension(r, "api_key_id"), groupBy.includes("api_key_id")),
            table: false,
            group: true
          },
          {
            name: "workspace_name",
            kind: "text",
            value: (r) =>
              Naming.machine(
                found.workspaces,
                dimension(r, "workspace_id"),
                groupBy.includes("workspace_id")
              ),
            table: false,
            group: true
          },
          {
            name: "actor_name",
            kind: "text",
            value: (r) =>
              r.actor === undefined || r.actor === null
                ? null
                : Naming.machine(found.actors, Naming.actorKey(r.actor), true),
            table: false,
            group: true
          }
        ] satisfies ReadonlyArray<Output.Column<AnalyticsCostLine>>)),
    ...groupBy.map((d): Output.Column<AnalyticsCostLine> => ({
      name: `${d}_label`,
      header: ANALYTICS_HEADERS[d] ?? d.replace(/_/g, " "),
      kind: "text",
      value: (r) =>
        d === "actor"
          ? Labels.actorCell(r.actor, found)
          : Labels.cell(d, dimension(r, d), found, Labels.serviceAccountOf(r.actor)),
      machine: false,
      group: true
    })),
    { name: "currency", kind: "text", value: (r) => r.currency, table: false },
    {
      name: "requests",
      header: "requests",
      kind: "integer",
      value: (r) => r.requests,
      table: !fannedOut,
      total: true
    },
    ...amountColumns<AnalyticsCostLine>(),
    { name: "list_amount_cents", kind: "decimal", value: (r) => r.list_amount, table: false },
    {
      name: "list_amount_usd",
      header: "list price\nUSD",
      kind: "usd",
      value: (r) => (r.list_amount === null ? null : CostReport.toDollars(r.list_amount)),
      total: true
    }
  ]
}

const sumOrNull = <A>(a: A | null, b: A | null, add: (x: A, y: A) => A): A | null =>
  a === null ? b : b === null ? a : add(a, b)

const addCost = (
  a: AnalyticsCostLine,
  b: Pick<AnalyticsCostLine, "amount" | "list_amount" | "requests">
) => ({
  ...a,
  amount: BigDecimal.sum(a.amount, b.amount),
  list_amount: sumOrNull(a.list_amount, b.list_amount, BigDecimal.sum),
  requests: sumOrNull(a.requests, b.requests, (x, y) => x + y)
})

/** Within a bucket: the largest amount first, then the group. */
const compareAnalytics =
  (groupBy: ReadonlyArray<AnalyticsCost.GroupBy>) => (a: AnalyticsCostLine, b: AnalyticsCostLine) =>
    BigDecimal.Order(b.amount, a.amount) ||
    Output.compareGroups(
      groupBy.map((d) =>
        d === "actor" ? (a.actor ? Labels.actor(a.actor) : null) : (a.dimensions[d] ?? null)
      ),
      groupBy.map((d) =>
        d === "actor" ? (b.actor ? Labels.actor(b.actor) : null) : (b.dimensions[d] ?? null)
      )
    )

type Flags = Parameters<Parameters<typeof Command.make<"cost", typeof options, never, never>>[2]>[0]

/** `cost --api analytics`: the analytics cost endpoint, by any of its dimensions. */
const analytics = (flags: Flags, asked: TimeRange.TimeRange, ranking: Ranking.Ranking, demo: boolean) =>
  Effect.gen(function* () {
    const progress = yield* Progress
    const { bucket, rollup } = Rollup.widths(flags.bucket, asked.unit)
    const range = TimeRange.covered(asked, bucket)
    const coveredNote = TimeRange.coveredNote(asked, bucket)
    const perBucket =
      CommonOptions.rowsFor(flags.format, flags.rows, Option.isSome(flags.bucket)) === "bucket"
    const groupBy = flags.groupBy as ReadonlyArray<AnalyticsCost.GroupBy>
    const lines = new Map<string, AnalyticsCostLine>()
    let watermark: DateTime.Utc | null | undefined
    yield* progress.start("analytics cost")
    yield* AnalyticsCost.buckets({
      startingAt: range.start,
      endingAt: range.end,
      timeBucketWidth: bucket,
      groupBy
    }).pipe(
      Stream.runForEach((b) =>
        Effect.sync(() => {
          const at = b.data_refreshed_at
          watermark = at === null ? (watermark ?? null) : watermark ? DateTime.min(watermark, at) : at
          for (const row of b.rows) {
            const dimensions: Partial<Record<AnalyticsField, string | null>> = {}
            for (const d of groupBy) if (d !== "actor") dimensions[d] = row.group[d] ?? null
            const actor = groupBy.includes("actor") ? { actor: row.group.actor ?? null } : {}
            const own =
              rollup === undefined
                ? { start: row.starting_at.epochMillis, end: row.ending_at.epochMillis }
                : Rollup.bucket(row.starting_at.epochMillis, rollup, range)
            const key = JSON.stringify([
              perBucket ? own.start : null,
              ...groupBy.map((d) => (d === "actor" ? (row.group.actor ?? null) : (dimensions[d] ?? null)))
            ])
            const line: AnalyticsCostLine = lines.get(key) ?? {
              starting_at: perBucket ? DateTime.unsafeMake(own.start) : range.start,
              ending_at: perBucket ? DateTime.unsafeMake(own.end) : range.end,
              dimensions,
              ...actor,
              amount: BigDecimal.fromBigInt(0n),
              list_amount: null,
              requests: null,
              currency: row.cost.currency
            }
            lines.set(key, addCost(line, row.cost))
          }
        })
      )
    )
    const all = [...lines.values()]
    const names = flags.names
      ? yield* Naming.lookup({
          apiKeys: groupBy.includes("api_key_id") ? all.map((l) => l.dimensions.api_key_id ?? null) : [],
          workspaces: groupBy.includes("workspace_id")
            ? all.map((l) => l.dimensions.workspace_id ?? null)
            : [],
          actors: all.map((l) => l.actor ?? null)
        })
      : undefined
    const shown = analyticsColumns(groupBy, perBucket, bucket, rollup, TimeRange.label(range), names)
    const rows = Ranking.apply(all, {
      ranking,
      columns: shown,
      bucketOf: (r) => r.starting_at.epochMillis,
      compare: compareAnalytics(groupBy),
      other: (rest) => ({ ...rest.reduce((a, b) => addCost(a, b)), other: rest.length })
    })
    const cutNote = perBucket && rollup !== undefined ? Rollup.cutNote(range, rollup) : undefined
    const noKey =
      groupBy.includes("api_key_id") &&
      rows.some((r) => r.other === undefined && (r.dimensions.api_key_id ?? null) === null)
    const refreshed = Labels.watermarkNote(watermark, range)
    const per =
      rollup !== undefined
        ? Rollup.per(rollup)
        : `per ${bucket === "1d" ? "day" : bucket === "1h" ? "hour" : "minute"}`
    const scope = [...(groupBy.length > 0 ? [`by ${groupBy.join(", ")}`] : []), ...(perBucket ? [per] : [])]
    return Output.renderer({
      title: `Cost ${TimeRange.label(range)}${scope.length > 0 ? `, ${scope.join(", ")}` : ""}`,
      columns: shown,
      rows,
      notes: [
        "cost: billed after discounts and before credits; list price: before discounts.",
        ...(noKey ? [Labels.noKeyNote("analytics", groupBy.includes("actor"))] : []),
        ...(coveredNote === undefined ? [] : [coveredNote]),
        ...(cutNote === undefined ? [] : [cutNote]),
        "Read from the Usage and Cost Analytics API (beta).",
        ...(refreshed === undefined ? [] : [refreshed]),
        ...(demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
      ],
      empty: "No costs in this range.",
      ...(ranking.top === undefined ? {} : { otherCount: (r: AnalyticsCostLine) => r.other })
    } satisfies Output.Output<AnalyticsCostLine>)
  })

/** `cost` on the legacy Cost Report: by workspace and line item, per UTC day. */
const legacy = (flags: Flags, asked: TimeRange.TimeRange, ranking: Ranking.Ranking, demo: boolean) =>
  Effect.gen(function* () {
    const progress = yield* Progress
    const perBucket =
      CommonOptions.rowsFor(flags.format, flags.rows, Option.isSome(flags.bucket)) === "bucket"
    const { rollup } = Rollup.widths(flags.bucket, "d")
    const groupBy = flags.groupBy as ReadonlyArray<CostReport.GroupBy>
    // Daily buckets only: the days the range touches, whole — asked for, summed and labelled alike.
    const range = TimeRange.covered(asked, "1d")
    const coveredNote = TimeRange.coveredNote(asked, "1d")
    yield* progress.start("cost report")
    const lines = new Map<string, CostLine>()
    yield* CostReport.rows({ startingAt: range.start, endingAt: range.end, groupBy }).pipe(
      Stream.runForEach((row) =>
        Effect.sync(() => {
          const fields = {} as Record<Field, string | null>
          for (const f of FIELDS) fields[f] = row[f] ?? null
          const own =
            rollup === undefined
              ? { start: row.starting_at.epochMillis, end: row.ending_at.epochMillis }
              : Rollup.bucket(row.starting_at.epochMillis, rollup, range)
          const key = JSON.stringify([perBucket ? own.start : null, ...FIELDS.map((f) => fields[f])])
          const line = lines.get(key) ?? {
            starting_at: perBucket ? DateTime.unsafeMake(own.start) : range.start,
            ending_at: perBucket ? DateTime.unsafeMake(own.end) : range.end,
            fields,
            amount: BigDecimal.fromBigInt(0n)
          }
          lines.set(key, { ...line, amount: BigDecimal.sum(line.amount, row.amount) })
        })
      )
    )
    const names =
      flags.names && groupBy.includes("workspace_id")
        ? yield* Naming.lookup({ workspaces: [...lines.values()].map((l) => l.fields.workspace_id) })
        : flags.names
          ? Naming.none
          : undefined
    const shown = columns(groupBy, perBucket, rollup, TimeRange.label(range), names)
    const rows = Ranking.apply([...lines.values()], {
      ranking,
      columns: shown,
      bucketOf: (r) => r.starting_at.epochMillis,
      compare,
      other: (rest) => ({
        ...(rest[0] as CostLine),
        amount: BigDecimal.sumAll(rest.map((r) => r.amount)),
        other: rest.length
      })
    })
    const cutNote = perBucket && rollup !== undefined ? Rollup.cutNote(range, rollup) : undefined
    const scope = [
      ...(groupBy.length > 0 ? [`by ${groupBy.join(", ")}`] : []),
      ...(perBucket ? [rollup === undefined ? "per day" : Rollup.per(rollup)] : [])
    ]
    return Output.renderer({
      title: `Cost ${TimeRange.label(range)}${scope.length > 0 ? `, ${scope.join(", ")}` : ""}`,
      columns: shown,
      rows,
      notes: [
        ...(coveredNote === undefined ? [] : [coveredNote]),
        ...(cutNote === undefined ? [] : [cutNote]),
        "Priority Tier usage is billed separately and is not in the Cost Report.",
        ...(demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
      ],
      empty: "No costs in this range.",
      ...(ranking.top === undefined ? {} : { otherCount: (r: CostLine) => r.other })
    } satisfies Output.Output<CostLine>)
  })

/**
 * The `cost` command.
 * @since 0.1.0
 */
export const command = Command.make("cost", options, (flags) =>
  Runner.run(
    flags,
    Effect.all({
      asked: TimeRange.current(flags),
      api: checkApi(flags),
      ranking: Ranking.parse(
        flags.sort,
        flags.top,
        flags.api === "legacy" ? CostSpec.SORT_COLUMNS : CostSpec.ANALYTICS_SORT_COLUMNS
      )
    }),
    ({ asked, ranking }, { target }) =>
      flags.api === "legacy"
        ? legacy(flags, asked, ranking, target.demo)
        : analytics(flags, asked, ranking, target.demo)
  )
)
