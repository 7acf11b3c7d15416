// The README's "Analytics and management" example, run as a test.
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { FakeAdminApi, FakeHttpClient, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"

const org = FakeOrganization.make({ seed: 7, days: 30, now: Date.UTC(2026, 2, 15) })
const headers = { "x-api-key": "sk-ant-admin01-test", "anthropic-version": "2023-06-01" }

describe("cost per API key from the analytics API, named from the API keys list", () => {
  it.effect("names every key and falls back to the id when listing keys is denied", () => {
    const run = (api: FakeAdminApi.FakeAdminApi) =>
      Effect.gen(function* () {
        const client = yield* HttpClient.HttpClient
        const cost = (yield* Effect.flatMap(
          client.execute(
            HttpClientRequest.get("https://api.anthropic.com/v1/organizations/analytics/cost").pipe(
              HttpClientRequest.setUrlParams({
                starting_at: "2026-03-08T00:00:00Z",
                ending_at: "2026-03-09T00:00:00Z",
                "group_by[]": "api_key_id"
              }),
              HttpClientRequest.setHeaders({
                ...headers,
                "anthropic-beta": "analytics-usage-cost-2026-08-24"
              })
            )
          ),
          (r) => r.json
        )) as { data: ReadonlyArray<{ group: { api_key_id: string | null }; cost: { amount: string } }> }
        const keys = yield* client.execute(
          HttpClientRequest.get("https://api.anthropic.com/v1/organizations/api_keys?limit=1000").pipe(
            HttpClientRequest.setHeaders(headers)
          )
        )
        const names = new Map<string, string>()
        if (keys.status === 200) {
          const page = (yield* keys.json) as { data: ReadonlyArray<{ id: string; name: string }> }
          for (const k of page.data) names.set(k.id, k.name)
        }
        return cost.data.map((row) => {
          const id = row.group.api_key_id
          return [id === null ? "(no key)" : (names.get(id) ?? id), row.cost.amount] as const
        })
      }).pipe(Effect.provide(FakeHttpClient.layer(api)))

    return Effect.gen(function* () {
      const named = yield* run(FakeAdminApi.make({ organization: org }))
      expect(named.map(([name]) => name)).toContain("default-workspace-key-1")
      const denied = FakeAdminApi.make({ organization: org, deny: ["api_keys"] })
      const fallback = yield* run(denied)
      expect(fallback.map(([name]) => name)).toContain("apikey_01fake")
      expect(denied.log.map((e) => [e.path, e.status])).toEqual([
        ["/v1/organizations/analytics/cost", 200],
        ["/v1/organizations/api_keys", 403]
      ])
    })
  })
})
