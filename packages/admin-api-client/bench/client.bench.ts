/**
 * Throughput of the parts that run per byte of report: decoding pages,
 * summing exact money, splitting ranges and streaming a year of buckets
 * through the client against the in-memory fake.
 */
import { FakeAdminApi, FakeHttpClient, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { BigDecimal, DateTime, Effect, Layer, Redacted, Schema, Stream } from "effect"
import { bench, describe } from "vitest"
import { AdminApiClient, CostReport, TimeWindow, UsageReport } from "../src/index.js"

const DAY = 86_400_000
const START = Date.UTC(2026, 0, 1)

const usageRow = (i: number) => ({
  uncached_input_tokens: i * 3,
  cache_read_input_tokens: i * 5,
  output_tokens: i * 7,
  cache_creation: { ephemeral_5m_input_tokens: i, ephemeral_1h_input_tokens: 0 },
  server_tool_use: { web_search_requests: i % 4 },
  api_key_id: `apikey_${i % 10}`,
  workspace_id: `wrkspc_${i % 4}`,
  model: `claude-model-${i % 5}`,
  service_tier: "standard",
  context_window: "0-200k",
  inference_geo: "global"
})
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")
const usageJson = JSON.stringify({
  data: Array.from({ length: 31 }, (_, d) => ({
    starting_at: iso(START + d * DAY),
    ending_at: iso(START + (d + 1) * DAY),
    results: Array.from({ length: 40 }, (_, i) => usageRow(i))
  })),
  has_more: false,
  next_page: null
})
const costJson = JSON.stringify({
  data: [
    {
      starting_at: iso(START),
      ending_at: iso(START + DAY),
      results: Array.from({ length: 1_000 }, (_, i) => ({
        currency: "USD",
        amount: `${i * 13}.${String(i * 7919).padStart(5, "0")}`,
        workspace_id: `wrkspc_${i % 4}`,
        description: "Claude Sonnet 4.5 Usage - Input Tokens",
        cost_type: "tokens",
        model: "claude-sonnet-4-5",
        token_type: "uncached_input_tokens",
        service_tier: "standard",
        context_window: "0-200k"
      }))
    }
  ],
  has_more: false,
  next_page: null
})
const decodeUsage = Schema.decodeUnknownSync(UsageReport.UsagePage, { onExcessProperty: "ignore" })
const decodeCost = Schema.decodeUnknownSync(CostReport.CostPage, { onExcessProperty: "ignore" })

describe("decode", () => {
  bench("usage page: 31 buckets × 40 rows (1,240 rows)", () => {
    decodeUsage(JSON.parse(usageJson))
  })
  bench("cost page: 1,000 rows, decoded and summed exactly", () => {
    const page = decodeCost(JSON.parse(costJson))
    BigDecimal.format(CostReport.toDollars(CostReport.total(page.data[0]!.results)))
  })
})

describe("TimeWindow.split", () => {
  bench("a year of minute buckets into 1,440-bucket windows (365 windows)", () => {
    TimeWindow.split({
      start: DateTime.unsafeMake(START),
      end: DateTime.unsafeMake(START + 365 * DAY),
      bucketWidth: "1m",
      maxBuckets: 1_440
    })
  })
})

const org = FakeOrganization.make({ seed: 3, days: 365, now: START + 364 * DAY })
const layer = AdminApiClient.layer({ apiKey: Redacted.make("sk-ant-admin01-bench") }).pipe(
  Layer.provide(FakeHttpClient.layer(FakeAdminApi.make({ organization: org })))
)
const year = {
  startingAt: new Date(org.start),
  endingAt: new Date(org.end),
  groupBy: ["model", "workspace_id"]
} as const
// warm the fake's per-day cache so the bench measures the client
await Effect.runPromise(Stream.runDrain(UsageReport.buckets(year)).pipe(Effect.provide(layer)))

describe("end to end against the in-memory fake", () => {
  for (const concurrency of [1, 4]) {
    bench(
      `a year of daily buckets grouped by model and workspace (12 windows), concurrency ${concurrency}`,
      async () => {
        await Effect.runPromise(
          Stream.runDrain(UsageReport.buckets(year, { concurrency })).pipe(Effect.provide(layer))
        )
      }
    )
  }
})
