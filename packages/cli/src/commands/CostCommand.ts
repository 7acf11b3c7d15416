/**
 * `anthropic-admin cost`: the Cost Report — what the organisation was billed
 * per UTC day, optionally by workspace and by line item (description, which
 * also fills in model, token type, service tier and context window).
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { CostReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, type DateTime, Effect, Stream } from "effect"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as Help from "../Help.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Runner from "../Runner.js"
import * as TimeRange from "../TimeRange.js"

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
}

const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  groupBy: Flag.list("group-by", CostReport.GroupBy.literals).pipe(
    Options.withDescription(
      "Group by workspace_id and/or description (a line item; fills in model, token type, service tier and context window)."
    )
  )
} as const

const columns = (
  groupBy: ReadonlyArray<CostReport.GroupBy>,
  perBucket: boolean,
  period: string
): ReadonlyArray<Output.Column<CostLine>> => {
  const byWorkspace = groupBy.includes("workspace_id")
  const byDescription = groupBy.includes("description")
  return [
    { name: "starting_at", header: "day", kind: "instant", value: (r) => r.starting_at, table: perBucket },
    { name: "ending_at", kind: "instant", value: (r) => r.ending_at, table: false },
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
            machine: false
          } as const
        ]
      : []),
    ...FIELDS.map((f): Output.Column<CostLine> => ({
      name: f,
      header: f.replace(/_/g, " "),
      kind: "text",
      value: (r) => r.fields[f],
      table: f === "description" && byDescription
    })),
    { name: "amount_cents", kind: "decimal", value: (r) => r.amount, table: false },
    {
      name: "amount_usd",
      header: "cost",
      kind: "usd",
      value: (r) => CostReport.toDollars(r.amount),
      total: true
    }
  ]
}

const compare = (perBucket: boolean) => (a: CostLine, b: CostLine) => {
  if (perBucket && a.starting_at.epochMillis !== b.starting_at.epochMillis) {
    return a.starting_at.epochMillis - b.starting_at.epochMillis
  }
  if (!perBucket) {
    const byAmount = BigDecimal.Order(b.amount, a.amount)
    if (byAmount !== 0) return byAmount
  }
  return Output.compareGroups(
    FIELDS.map((f) => a.fields[f]),
    FIELDS.map((f) => b.fields[f])
  )
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  [
    "Spend by workspace over the last 30 days (demo data)",
    "anthropic-admin cost --demo --last 30d --group-by workspace_id"
  ],
  [
    "March's line items, largest first",
    "anthropic-admin cost --start 2026-03-01 --end 2026-03-31 --group-by description"
  ],
  [
    "Daily cost per workspace and line item as CSV for finance",
    "anthropic-admin cost --last 30d --group-by workspace_id,description --format csv"
  ]
]

/**
 * The `cost` command.
 * @since 0.1.0
 */
export const command = Command.make("cost", options, (flags) =>
  Runner.run(flags, TimeRange.current(flags), (asked, { target }) =>
    Effect.gen(function* () {
      const progress = yield* Progress
      const perBucket = CommonOptions.rowsFor(flags.format, flags.rows) === "bucket"
      // Daily buckets only: the days the range touches, whole — asked for, summed and labelled alike.
      const range = TimeRange.covered(asked, "1d")
      const coveredNote = TimeRange.coveredNote(asked, "1d")
      yield* progress.start("cost report")
      const lines = new Map<string, CostLine>()
      yield* CostReport.rows({ startingAt: range.start, endingAt: range.end, groupBy: flags.groupBy }).pipe(
        Stream.runForEach((row) => {
          const fields = {} as Record<Field, string | null>
          for (const f of FIELDS) fields[f] = row[f] ?? null
          const key = JSON.stringify([
            perBucket ? row.starting_at.epochMillis : null,
            ...FIELDS.map((f) => fields[f])
          ])
          const line = lines.get(key) ?? {
            starting_at: perBucket ? row.starting_at : range.start,
            ending_at: perBucket ? row.ending_at : range.end,
            fields,
            amount: BigDecimal.fromBigInt(0n)
          }
          lines.set(key, { ...line, amount: BigDecimal.sum(line.amount, row.amount) })
          return progress.rows(1)
        })
      )
      const rows = [...lines.values()].sort(compare(perBucket))
      const scope = [
        ...(flags.groupBy.length > 0 ? [`by ${flags.groupBy.join(", ")}`] : []),
        ...(perBucket ? ["per day"] : [])
      ]
      return Output.renderer({
        title: `Cost ${TimeRange.label(range)}${scope.length > 0 ? `, ${scope.join(", ")}` : ""}`,
        columns: columns(flags.groupBy, perBucket, TimeRange.label(range)),
        rows,
        notes: [
          ...(coveredNote === undefined ? [] : [coveredNote]),
          "Priority Tier usage is billed separately and is not in the Cost Report.",
          ...(target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
        ],
        empty: "No costs in this range."
      } satisfies Output.Output<CostLine>)
    })
  )
).pipe(
  Command.withDescription(
    Help.describe(
      "Costs from the Cost Report, in USD per UTC day, exact to the fraction of a cent. The report has whole UTC days only: a range that starts or ends inside a day (--last 24h, an RFC 3339 --start/--end) includes the days it touches in full, and the title names those days. The table shows one row per group over the whole range, largest first (--rows bucket: per day); csv/json/ndjson one record per day and group, with amount_cents (exact, as the API sends it) and amount_usd (exact dollars).",
      EXAMPLES
    )
  )
)
