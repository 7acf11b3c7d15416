// Cost per API key and day (Usage and Cost Analytics API), named instead of ids, then the workspaces.
// Run with ANTHROPIC_ADMIN_API_KEY set: `npx tsx examples/analytics.ts` (plain JavaScript too: no type syntax).
import { FetchHttpClient } from "@effect/platform"
import { AdminApiClient, AnalyticsCost, Names, Workspaces } from "@rawdash/anthropic-admin-api"
import { BigDecimal, Console, DateTime, Effect, Layer, Stream } from "effect"

const program = Effect.gen(function* () {
  // the beta header is added, ranges over 31 days are split, amounts are exact BigDecimal cents
  yield* AnalyticsCost.rows({
    startingAt: "2026-03-01",
    endingAt: "2026-03-08",
    timeBucketWidth: "1d",
    groupBy: ["api_key_id"]
  }).pipe(
    Stream.mapEffect((row) =>
      Effect.map(
        Names.apiKeyName(row.group.api_key_id), // one listing of API keys, whatever the number of rows
        (name) =>
          `${DateTime.formatIso(row.starting_at).slice(0, 10)} ${name ?? "(no key)"}: $${BigDecimal.format(AnalyticsCost.toDollars(row.cost.amount))}`
      )
    ),
    Stream.runForEach(Console.log)
  )
  // management endpoints page by id cursor; archived workspaces on request
  yield* Workspaces.list({ includeArchived: true }).pipe(
    Stream.runForEach((w) => Console.log(`${w.id} ${w.name}${w.archived_at === null ? "" : " (archived)"}`))
  )
})

program.pipe(
  Effect.provide(Names.layer()),
  Effect.provide(AdminApiClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
  Effect.runPromise
)
