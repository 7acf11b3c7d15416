import { describe, expect, it } from "@effect/vitest"
import { FakeHttpClient, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { Effect, Layer, Redacted } from "effect"
import { AdminApiClient, UsageReport } from "../src/index.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 7, days: 30, now: NOW })
const KEY = "sk-ant-admin01-secret-test-key"

const clientLayer = (apiKey = KEY) =>
  AdminApiClient.layer({ apiKey: Redacted.make(apiKey) }).pipe(Layer.provide(FakeHttpClient.layer(org)))

describe("UsageReport.page", () => {
  it.effect("decodes one page grouped by model, with totals equal to the organisation's", () =>
    Effect.gen(function* () {
      const page = yield* UsageReport.page({
        startingAt: new Date(Date.UTC(2026, 2, 8)),
        endingAt: "2026-03-15T00:00:00Z",
        groupBy: ["model"]
      })
      expect(page.data).toHaveLength(7)
      expect(page.has_more).toBe(false)
      const first = page.data[0]!
      expect(first.starting_at.epochMillis).toBe(Date.UTC(2026, 2, 8))
      const expected = org.usage
        .filter((r) => r.day === Date.UTC(2026, 2, 8) && r.model === "claude-sonnet-4-5")
        .reduce((sum, r) => sum + r.output_tokens, 0)
      const row = first.results.find((r) => r.model === "claude-sonnet-4-5")!
      expect(row.output_tokens).toBe(expected)
      expect(row.workspace_id).toBeNull()
    }).pipe(Effect.provide(clientLayer()))
  )

  it.effect("rejects a limit over the maximum for the bucket width before sending", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(UsageReport.page({ startingAt: "2026-03-01T00:00:00Z", limit: 32 }))
      expect(error._tag).toBe("InvalidParameterError")
      expect(error.message).toContain("limit")
      expect(error.message).toContain("1 to 31")
    }).pipe(Effect.provide(clientLayer()))
  )

  it.effect("maps a 403 for a standard key to PermissionError without the key", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(UsageReport.page({ startingAt: "2026-03-01T00:00:00Z" }))
      expect(error._tag).toBe("PermissionError")
      expect(error.message).toContain("Admin")
      expect(JSON.stringify(error)).not.toContain("sk-ant-api03-standard")
      expect(error.message).not.toContain("sk-ant-api03-standard")
    }).pipe(Effect.provide(clientLayer("sk-ant-api03-standard")))
  )
})
