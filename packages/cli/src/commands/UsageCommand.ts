/**
 * `anthropic-admin usage`: the Messages Usage Report.
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { AdminApiClient, UsageReport } from "@rawdash/anthropic-admin-api"
import { FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { Clock, Console, Effect, Redacted } from "effect"
import * as Table from "../Table.js"

const DAY = 86_400_000

const demo = Options.boolean("demo").pipe(
  Options.withDescription(
    "Run against an embedded fake Admin API with a seeded organisation (no key needed)."
  )
)
const last = Options.integer("days").pipe(
  Options.withDefault(7),
  Options.withDescription("How many UTC days to report, ending today.")
)

/** @since 0.1.0 */
export const command = Command.make("usage", { demo, days: last }, ({ days, demo }) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const end = Math.floor(now / DAY) * DAY + DAY
    const start = end - days * DAY
    const server = demo ? yield* FakeServer.scoped({ organization: { days: 90, now } }) : undefined
    const layer = AdminApiClient.layerFetch({
      apiKey: Redacted.make(demo ? "sk-ant-admin01-demo" : (process.env.ANTHROPIC_ADMIN_API_KEY ?? "")),
      baseUrl: server?.url
    })
    const totals = new Map<string, { input: number; output: number }>()
    yield* Effect.gen(function* () {
      let page: string | undefined
      do {
        const result = yield* UsageReport.page({
          startingAt: new Date(start),
          endingAt: new Date(end),
          limit: 31,
          page,
          groupBy: ["model"]
        })
        for (const bucket of result.data) {
          for (const row of bucket.results) {
            const key = row.model ?? "(all)"
            const acc = totals.get(key) ?? { input: 0, output: 0 }
            acc.input += row.uncached_input_tokens
            acc.output += row.output_tokens
            totals.set(key, acc)
          }
        }
        page = result.has_more && result.next_page ? result.next_page : undefined
      } while (page !== undefined)
    }).pipe(Effect.provide(layer))
    const rows = [...totals.entries()].sort(([a], [b]) => a.localeCompare(b))
    yield* Console.log(
      Table.render(
        [
          { header: "model", align: "left" },
          { header: "input tokens", align: "right" },
          { header: "output tokens", align: "right" }
        ],
        rows.map(([model, t]) => [model, Table.integer(t.input), Table.integer(t.output)]),
        [
          "total",
          Table.integer(rows.reduce((s, [, t]) => s + t.input, 0)),
          Table.integer(rows.reduce((s, [, t]) => s + t.output, 0))
        ]
      )
    )
  }).pipe(Effect.scoped)
).pipe(Command.withDescription("Token usage from the Messages Usage Report, by model."))
