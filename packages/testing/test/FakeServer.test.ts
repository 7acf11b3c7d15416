import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { FakeOrganization, FakeServer } from "../src/index.js"

const NOW = Date.UTC(2026, 2, 15, 12)

describe("FakeServer", () => {
  it.live("serves daily usage grouped by model over loopback, matching the organisation", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 3, days: 10, now: NOW })
      const server = yield* FakeServer.scoped({ organization: org })
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const response = yield* Effect.promise(() =>
        fetch(
          `${server.url}/v1/organizations/usage_report/messages?starting_at=2026-03-10T00:00:00Z&ending_at=2026-03-12T00:00:00Z&group_by[]=model`,
          { headers: { "x-api-key": "sk-ant-admin01-x", "anthropic-version": "2023-06-01" } }
        )
      )
      expect(response.status).toBe(200)
      expect(response.headers.get("request-id")).toMatch(/^req_/)
      const body = (yield* Effect.promise(() => response.json())) as {
        data: Array<{ starting_at: string; results: Array<{ model: string; output_tokens: number }> }>
        has_more: boolean
      }
      expect(body.data.map((b) => b.starting_at)).toEqual(["2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"])
      const opus = body.data[0]!.results.find((r) => r.model === "claude-opus-4-5")
      const expected = org.usage
        .filter((r) => r.day === Date.UTC(2026, 2, 10) && r.model === "claude-opus-4-5")
        .reduce((s, r) => s + r.output_tokens, 0)
      expect(opus?.output_tokens ?? 0).toBe(expected)
    }).pipe(Effect.scoped)
  )

  it.live("answers 401 without a key and 403 for a standard key, with the error envelope", () =>
    Effect.gen(function* () {
      const server = yield* FakeServer.scoped({ organization: { days: 2, now: NOW } })
      const call = (key?: string) =>
        Effect.promise(() =>
          fetch(`${server.url}/v1/organizations/usage_report/messages?starting_at=2026-03-14T00:00:00Z`, {
            headers: { "anthropic-version": "2023-06-01", ...(key ? { "x-api-key": key } : {}) }
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: { type: string } } }))
        )
      const missing = yield* call()
      expect(missing.status).toBe(401)
      expect(missing.body.error.type).toBe("authentication_error")
      const standard = yield* call("sk-ant-api03-abc")
      expect(standard.status).toBe(403)
      expect(standard.body.error.type).toBe("permission_error")
    }).pipe(Effect.scoped)
  )
})
