/**
 * One organisation, two APIs: for the fake's organisation, the analytics
 * endpoints and the legacy reports give the same totals per day and model,
 * read through this client. Documented differences: analytics has no empty
 * rows and adds code-execution usage rows (model `null`, zero tokens), which
 * carry nothing to compare.
 */
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, Effect, Stream } from "effect"
import { AnalyticsCost, AnalyticsUsage, CostReport, UsageReport } from "../src/index.js"
import { fake, withFake } from "./support/fake.js"

// closed days before the export watermark (2026-03-15T12:00Z), over a window split
const RANGE = { startingAt: "2026-02-01", endingAt: "2026-03-14" } as const

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe("analytics and legacy agree through the client", () => {
  it.effect("usage: the same token counts per day and model", () => {
    const { layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const legacy = new Map<string, Array<number>>()
        yield* Stream.runForEach(UsageReport.rows({ ...RANGE, groupBy: ["model"] }), (row) =>
          Effect.sync(() => {
            const v = [
              row.uncached_input_tokens,
              row.cache_read_input_tokens,
              row.output_tokens,
              row.cache_creation.ephemeral_5m_input_tokens,
              row.cache_creation.ephemeral_1h_input_tokens,
              row.server_tool_use.web_search_requests
            ]
            if (v.some((x) => x > 0)) legacy.set(`${dayOf(row.starting_at.epochMillis)} ${row.model}`, v)
          })
        )
        const analytics = new Map<string, Array<number>>()
        yield* Stream.runForEach(
          AnalyticsUsage.rows({ ...RANGE, timeBucketWidth: "1d", groupBy: ["model"] }),
          (row) =>
            Effect.sync(() => {
              const u = row.usage
              const v = [
                u.uncached_input_tokens,
                u.cache_read_input_tokens,
                u.output_tokens,
                u.cache_creation.ephemeral_5m_input_tokens,
                u.cache_creation.ephemeral_1h_input_tokens,
                u.server_tool_use.web_search_requests
              ]
              expect(u.total_tokens).toBe(v[0]! + v[1]! + v[2]! + v[3]! + v[4]!)
              if (v.some((x) => x > 0)) {
                analytics.set(`${dayOf(row.starting_at.epochMillis)} ${row.group.model}`, v)
              }
            })
        )
        expect(legacy.size).toBeGreaterThan(100)
        expect(analytics).toEqual(legacy)
      })
    )
  })

  it.effect("cost: the same cents per day and model, to the last digit", () => {
    const { layer } = fake()
    const add = (map: Map<string, BigDecimal.BigDecimal>, key: string, amount: BigDecimal.BigDecimal) =>
      map.set(key, BigDecimal.sum(map.get(key) ?? BigDecimal.fromBigInt(0n), amount))
    const normal = (map: Map<string, BigDecimal.BigDecimal>) =>
      new Map([...map].map(([k, v]) => [k, BigDecimal.format(BigDecimal.normalize(v))]))
    return withFake(
      layer,
      Effect.gen(function* () {
        const legacy = new Map<string, BigDecimal.BigDecimal>()
        yield* Stream.runForEach(CostReport.rows({ ...RANGE, groupBy: ["description"] }), (row) =>
          Effect.sync(() => {
            if (row.model !== null) {
              add(legacy, `${dayOf(row.starting_at.epochMillis)} ${row.model}`, row.amount)
            }
          })
        )
        const analytics = new Map<string, BigDecimal.BigDecimal>()
        const rows = yield* Stream.runCollect(
          AnalyticsCost.rows({ ...RANGE, timeBucketWidth: "1d", groupBy: ["model"] })
        )
        for (const row of Chunk.toReadonlyArray(rows)) {
          if (row.group.model !== null) {
            add(analytics, `${dayOf(row.starting_at.epochMillis)} ${row.group.model}`, row.cost.amount)
          }
        }
        expect(legacy.size).toBeGreaterThan(100)
        expect(normal(analytics)).toEqual(normal(legacy))
      })
    )
  })
})
