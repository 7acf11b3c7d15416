/**
 * `anthropic-admin cost`: the Cost Report — what the organisation was billed
 * per UTC day, optionally by workspace and by line item (description, which
 * also fills in model, token type, service tier and context window).
 *
 * @since 0.1.0
 */
import { Command } from "@effect/cli"
import { CostReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, DateTime, Effect, Option, Stream } from "effect"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
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
  bucket: Flag.optionalChoice(F.bucket, CostSpec.BUCKETS),
  groupBy: Flag.list(F.groupBy, CostReport.GroupBy.literals),
  ...CommonOptions.ordering(F)
} as const

const columns = (
  groupBy: ReadonlyArray<CostReport.GroupBy>,
  perBucket: boolean,
  rollup: Rollup.Width | undefined,
  period: string
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
            value: (r: CostLine) => r.fields.workspace_id ?? "Default Workspace",
            machine: false,
            group: true
          } as const
        ]
      : []),
    ...FIELDS.map((f): Output.Column<CostLine> => ({
      name: f,
      header: f.replace(/_/g, " "),
      kind: "text",
      value: (r) =>
        f === "workspace_id" && byWorkspace && r.fields[f] === null ? Output.DEFAULT_WORKSPACE : r.fields[f],
      table: f === "description" && byDescription,
      group: f !== "currency"
    })),
    { name: "amount_cents", kind: "decimal", value: (r) => r.amount, table: false },
    {
      name: "amount_usd",
      header: "cost\nUSD",
      kind: "usd",
      value: (r) => CostReport.toDollars(r.amount),
      total: true
    }
  ]
}

/** Within a bucket: the largest amount first, then the line item's fields. */
const compare = (a: CostLine, b: CostLine) =>
  BigDecimal.Order(b.amount, a.amount) ||
  Output.compareGroups(
    FIELDS.map((f) => a.fields[f]),
    FIELDS.map((f) => b.fields[f])
  )

/**
 * The `cost` command.
 * @since 0.1.0
 */
export const command = Command.make("cost", options, (flags) =>
  Runner.run(
    flags,
    Effect.all({
      asked: TimeRange.current(flags),
      ranking: Ranking.parse(flags.sort, flags.top, CostSpec.SORT_COLUMNS)
    }),
    ({ asked, ranking }, { target }) =>
      Effect.gen(function* () {
        const progress = yield* Progress
        const perBucket =
          CommonOptions.rowsFor(flags.format, flags.rows, Option.isSome(flags.bucket)) === "bucket"
        const rollup = Rollup.ofChoice(flags.bucket)
        // Daily buckets only: the days the range touches, whole — asked for, summed and labelled alike.
        const range = TimeRange.covered(asked, "1d")
        const coveredNote = TimeRange.coveredNote(asked, "1d")
        yield* progress.start("cost report")
        const lines = new Map<string, CostLine>()
        yield* CostReport.rows({ startingAt: range.start, endingAt: range.end, groupBy: flags.groupBy }).pipe(
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
        const shown = columns(flags.groupBy, perBucket, rollup, TimeRange.label(range))
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
          ...(flags.groupBy.length > 0 ? [`by ${flags.groupBy.join(", ")}`] : []),
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
            ...(target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
          ],
          empty: "No costs in this range.",
          ...(ranking.top === undefined ? {} : { otherCount: (r: CostLine) => r.other })
        } satisfies Output.Output<CostLine>)
      })
  )
)
