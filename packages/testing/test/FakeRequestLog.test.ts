import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { FakeAdminApi, FakeFault, FakeHttpClient, FakeOrganization, FakeServer } from "../src/index.js"
import { ADMIN_KEY, HEADERS, USAGE } from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 2, days: 5, now: NOW })

describe("FakeRequestLog", () => {
  it.effect(
    "records method, path, parsed query with arrays, redacted headers, fault, status and timestamps",
    () => {
      let t = NOW
      const api = FakeAdminApi.make({
        organization: org,
        clock: () => (t += 10),
        faults: { script: [{ fault: FakeFault.rateLimited({ seconds: 1 }), request: 2 }] }
      })
      const target =
        "https://api.anthropic.com/v1/organizations/usage_report/messages?starting_at=2026-03-12T00:00:00Z&group_by%5B%5D=model&group_by[]=workspace_id&limit=2"
      return Effect.gen(function* () {
        const client = yield* HttpClient.HttpClient
        const first = yield* client.get(target, {
          headers: { ...HEADERS, "anthropic-beta": "fast-mode-2026-02-01" }
        })
        const second = yield* client.get(target, { headers: HEADERS })
        expect([first.status, second.status]).toEqual([200, 429])
        const [a, b] = api.log
        expect(a).toMatchObject({
          sequence: 1,
          method: "GET",
          path: USAGE,
          query: { starting_at: "2026-03-12T00:00:00Z", "group_by[]": ["model", "workspace_id"], limit: "2" },
          credential: "admin",
          fault: null,
          status: 200,
          transport: "layer",
          receivedAt: NOW + 10,
          respondedAt: NOW + 10
        })
        expect(a!.headers["x-api-key"]).toBe("[redacted]")
        expect(a!.headers["anthropic-beta"]).toBe("fast-mode-2026-02-01")
        expect(a!.requestId).toBe(first.headers["request-id"])
        expect(b).toMatchObject({
          sequence: 2,
          status: 429,
          fault: { kind: "rate-limited", retryAfter: { seconds: 1 } }
        })
        expect(JSON.stringify(api.log)).not.toContain(ADMIN_KEY)
        api.clearLog()
        expect(api.log).toHaveLength(0)
      }).pipe(Effect.provide(FakeHttpClient.layer(api)))
    }
  )

  it("classifies the credential without storing it", () => {
    const api = FakeAdminApi.make({ organization: org })
    for (const key of [undefined, "sk-ant-api03-secret", "bogus-secret", ADMIN_KEY]) {
      api.handle({
        method: "GET",
        url: `${USAGE}?starting_at=2026-03-12T00:00:00Z`,
        headers: { "anthropic-version": "2023-06-01", ...(key === undefined ? {} : { "x-api-key": key }) }
      })
    }
    expect(api.log.map((e) => [e.credential, e.status])).toEqual([
      ["missing", 401],
      ["standard", 403],
      ["other", 401],
      ["admin", 200]
    ])
    expect(JSON.stringify(api.log)).not.toMatch(/secret|sk-ant-admin01-test/)
  })

  it.live("logs server requests with a null status for a dropped connection", () =>
    Effect.gen(function* () {
      const server = yield* FakeServer.scoped({
        organization: org,
        faults: { script: [{ fault: { kind: "drop-connection" } }] }
      })
      const target = `${server.url}${USAGE}?starting_at=2026-03-12T00:00:00Z&models[]=claude-opus-4-5`
      const dropped = yield* Effect.promise(() =>
        fetch(target, { headers: HEADERS }).then(
          () => "answered",
          () => "failed"
        )
      )
      expect(dropped).toBe("failed")
      const ok = yield* Effect.promise(() => fetch(target, { headers: HEADERS }))
      expect(ok.status).toBe(200)
      expect(server.log.map((e) => [e.transport, e.status, e.fault?.kind ?? null])).toEqual([
        ["server", null, "drop-connection"],
        ["server", 200, null]
      ])
      expect(server.log[1]!.query).toEqual({
        starting_at: "2026-03-12T00:00:00Z",
        "models[]": ["claude-opus-4-5"]
      })
    }).pipe(Effect.scoped)
  )
})
