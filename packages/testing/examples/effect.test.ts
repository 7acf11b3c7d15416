// The README's "With Effect" example, run as a test.
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  FakeAdminApi,
  FakeFault,
  FakeHttpClient,
  FakeOrganization
} from "@rawdash/anthropic-admin-api-testing"

const org = FakeOrganization.make({ seed: 7, days: 30, now: Date.UTC(2026, 2, 15) })

describe("reading the usage report through the fake", () => {
  it.effect("gets a 429 first, then the day's output tokens", () => {
    const api = FakeAdminApi.make({
      organization: org,
      faults: { script: [{ fault: FakeFault.rateLimited({ seconds: 2 }) }] }
    })
    return Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const request = HttpClientRequest.get(
        "https://api.anthropic.com/v1/organizations/usage_report/messages"
      ).pipe(
        HttpClientRequest.setUrlParams({
          starting_at: "2026-03-08T00:00:00Z",
          ending_at: "2026-03-09T00:00:00Z"
        }),
        HttpClientRequest.setHeaders({
          "x-api-key": "sk-ant-admin01-test",
          "anthropic-version": "2023-06-01"
        })
      )
      const limited = yield* client.execute(request)
      expect(limited.status).toBe(429)
      expect(limited.headers["retry-after"]).toBe("2")
      const page = (yield* Effect.flatMap(client.execute(request), (r) => r.json)) as {
        data: ReadonlyArray<{ results: ReadonlyArray<{ output_tokens: number }> }>
      }
      const truth = org.usage
        .filter((r) => r.day === Date.UTC(2026, 2, 8))
        .reduce((s, r) => s + r.output_tokens, 0)
      expect(page.data[0]?.results[0]?.output_tokens).toBe(truth)
      expect(api.log.map((e) => e.status)).toEqual([429, 200])
    }).pipe(Effect.provide(FakeHttpClient.layer(api)))
  })
})
