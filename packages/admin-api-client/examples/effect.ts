// Daily token usage by model for March 2026, then the month's cost in dollars.
// Run with ANTHROPIC_ADMIN_API_KEY set: `npx tsx examples/effect.ts` (plain JavaScript too: no type syntax).
import { FetchHttpClient } from "@effect/platform"
import { AdminApiClient, CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, Console, DateTime, Duration, Effect, Layer, Stream } from "effect"

const march = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-04-01T00:00:00Z" }

const program = Effect.gen(function* () {
  // every row of every daily bucket, in time order, pages and windows handled
  yield* UsageReport.rows({ ...march, groupBy: ["model"] }).pipe(
    Stream.runForEach((row) =>
      Console.log(
        `${DateTime.formatIso(row.starting_at).slice(0, 10)} ${row.model}: ${row.output_tokens} output tokens`
      )
    )
  )
  // exact money: amounts are BigDecimal cents, summed without float error
  const costs = yield* Stream.runCollect(CostReport.rows(march))
  yield* Console.log(`March cost: $${BigDecimal.format(CostReport.toDollars(CostReport.total(costs)))}`)
})

program.pipe(
  Effect.catchTag("PermissionError", (error) => Console.error(error.message)),
  Effect.provide(
    AdminApiClient.layerConfig({
      onRetry: ({ delay, error }) =>
        Console.warn(`${error._tag}: retrying in ${Math.round(delay.pipe(Duration.toSeconds))} s`)
    }).pipe(Layer.provide(FetchHttpClient.layer))
  ),
  Effect.runPromise
)
