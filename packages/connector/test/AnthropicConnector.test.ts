import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { Effect } from "effect"
import AnthropicConnector from "../src/index.js"
import type { MetricSample, StorageHandle } from "../src/Rawdash.js"

const DAY = 86_400_000

/** rawdash InMemoryStorage semantics for `metrics` (inclusive replaceWindow). */
const memoryStorage = () => {
  let rows: Array<MetricSample> = []
  const storage: StorageHandle = {
    metrics: async (samples, scope) => {
      const names = new Set(scope?.names ?? samples.map((s) => s.name))
      const w = scope?.replaceWindow
      rows = rows.filter((r) => !names.has(r.name) || (w !== undefined && (r.ts < w.start || r.ts > w.end)))
      rows.push(...samples)
    }
  }
  return { storage, rows: () => rows }
}

describe("AnthropicConnector (engine-style construction, loopback fake)", () => {
  it.live(
    "resolves a { $secret } key through the resolver and writes daily input tokens equal to the fake's",
    () =>
      Effect.gen(function* () {
        const now = Date.now()
        const org = FakeOrganization.make({ seed: 11, days: 40, now })
        const server = yield* FakeServer.scoped({ organization: org })
        const connector = new AnthropicConnector(
          { lookbackDays: 7, baseUrl: server.url, resources: ["anthropic_input_tokens"] },
          { adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" } },
          {
            secretsResolver: {
              resolve: (name) => (name === "ANTHROPIC_ADMIN_API_KEY" ? "sk-ant-admin01-k" : undefined)
            }
          }
        )
        const { storage, rows } = memoryStorage()
        const result = yield* Effect.promise(() => connector.sync({ mode: "full" }, storage))
        expect(result.done).toBe(true)
        const input = rows().filter((r) => r.name === "anthropic_input_tokens")
        const end = Math.floor(now / DAY) * DAY + DAY
        const start = end - 7 * DAY
        const truth = org.usage
          .filter((r) => r.day >= start && r.day < end)
          .reduce((sum, r) => sum + r.uncached_input_tokens, 0)
        expect(truth).toBeGreaterThan(0)
        expect(input.reduce((sum, s) => sum + s.value, 0)).toBe(truth)
        for (const sample of input) {
          expect(Object.values(sample.attributes)).not.toContain(undefined)
          expect(sample.attributes).toHaveProperty("model")
        }
        expect(connector.serializeConfig()).toEqual(
          expect.objectContaining({ adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" } })
        )
      }).pipe(Effect.scoped)
  )
})
