import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { FakeAdminApi, FakeFault, FakeHttpClient, FakeOrganization, FakeServer } from "../src/index.js"

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

// The same scripted scenario through both transports gives the same answers.
describe("transport parity", () => {
  const scenarioOrg = FakeOrganization.make({ seed: 21, days: 8, now: NOW })
  const CLOCK = () => NOW
  const options = {
    organization: scenarioOrg,
    clock: CLOCK,
    faults: {
      script: [
        { fault: FakeFault.rateLimited({ seconds: 3 }), request: 2 },
        { fault: FakeFault.rateLimited({ httpDate: 5 }), request: 3 },
        { fault: FakeFault.rateLimited({ milliseconds: 250 }), request: 4 },
        { fault: FakeFault.overloaded(), request: 5 },
        { fault: { kind: "drift" as const }, request: 6 },
        { fault: { kind: "malformed-json" as const }, request: 7 },
        { fault: { kind: "has-more-without-next-page" as const }, request: 8 },
        { fault: { kind: "repeated-cursor" as const }, request: 9 },
        { fault: { kind: "expired-cursor" as const }, request: 10 },
        { fault: { kind: "drop-connection" as const }, request: 11 },
        { fault: { kind: "truncated-body" as const }, request: 12 },
        { fault: FakeFault.latency(3), request: 13 },
        { fault: { kind: "internal-error" as const }, request: 14 },
        { fault: { kind: "request-timeout" as const }, request: 15 },
        { fault: FakeFault.unavailable({ seconds: 0 }), request: 16 }
      ]
    }
  }
  const H = { "x-api-key": "sk-ant-admin01-x", "anthropic-version": "2023-06-01" }
  const usage =
    "/v1/organizations/usage_report/messages?starting_at=2026-03-09T00:00:00Z&group_by%5B%5D=model&limit=3"
  const steps: ReadonlyArray<readonly [string, Record<string, string>]> = [
    [usage, H],
    ...Array.from({ length: 15 }, () => [usage, H] as const),
    [
      "/v1/organizations/cost_report?starting_at=2026-03-09T00:00:00Z&group_by[]=description&group_by[]=workspace_id",
      H
    ],
    ["/v1/organizations/usage_report/claude_code?starting_at=2026-03-11&limit=2", H],
    ["/v1/organizations/usage_report/messages?starting_at=2026-03-09T00:00:00Z&bucket_width=1h&limit=999", H],
    [
      "/v1/organizations/usage_report/messages?starting_at=2026-03-09T00:00:00Z",
      { "anthropic-version": "2023-06-01" }
    ],
    [
      "/v1/organizations/usage_report/messages?starting_at=2026-03-09T00:00:00Z",
      { ...H, "x-api-key": "sk-ant-api03-z" }
    ],
    ["/v1/organizations/nope", H],
    [
      "/v1/organizations/usage_report/messages?starting_at=2026-03-09T10:00:00Z&ending_at=2026-03-09T10:30:00Z&bucket_width=1m&group_by[]=speed",
      { ...H, "anthropic-beta": "fast-mode-2026-02-01" }
    ]
  ]
  const IGNORED = new Set(["date", "connection", "keep-alive", "transfer-encoding"])
  const comparable = (status: number, headers: Iterable<[string, string]>, body: string) => ({
    status,
    headers: Object.fromEntries(
      [...headers].filter(([k]) => !IGNORED.has(k)).sort(([a], [b]) => (a < b ? -1 : 1))
    ),
    body
  })

  it.live("answers identically through the layer and the server", () =>
    Effect.gen(function* () {
      const viaLayer = yield* Effect.forEach(steps, ([path, headers]) =>
        HttpClient.get(`https://api.anthropic.com${path}`, { headers }).pipe(
          Effect.flatMap((r) =>
            Effect.map(Effect.either(r.text), (text) =>
              Either.isLeft(text)
                ? "body failed"
                : comparable(r.status, Object.entries(r.headers), text.right)
            )
          ),
          Effect.catchAll(() => Effect.succeed("request failed"))
        )
      ).pipe(Effect.provide(FakeHttpClient.layer(FakeAdminApi.make(options))))
      const server = yield* FakeServer.scoped(options)
      const viaServer = yield* Effect.forEach(steps, ([path, headers]) =>
        Effect.promise(async () => {
          let response: Response
          try {
            response = await fetch(`${server.url}${path}`, { headers })
          } catch {
            return "request failed"
          }
          try {
            return comparable(response.status, response.headers.entries(), await response.text())
          } catch {
            return "body failed"
          }
        })
      )
      expect(viaServer).toEqual(viaLayer)
      expect(viaLayer.filter((x) => x === "request failed")).toHaveLength(1)
      expect(viaLayer.filter((x) => x === "body failed")).toHaveLength(1)
      const statuses = viaLayer.map((x) => (typeof x === "string" ? x : x.status))
      expect(statuses).toEqual([
        200,
        429,
        429,
        429,
        529,
        200,
        200,
        200,
        200,
        410,
        "request failed",
        "body failed",
        200,
        500,
        408,
        503,
        200,
        200,
        400,
        401,
        403,
        404,
        200
      ])
      expect(server.log.filter((e) => e.fault !== null)).toHaveLength(15)
    }).pipe(Effect.scoped)
  )

  it.live(
    "§10.3 §10.4 §10.6 the server applies the limiter, spec-minimal rows and the version rule exactly as the layer",
    () =>
      Effect.gen(function* () {
        const live = {
          organization: scenarioOrg,
          clock: CLOCK,
          rateLimit: { requestsPerMinute: 6 },
          specMinimal: true
        }
        const H2 = { ...H, "anthropic-version": "2026-10-21" }
        const liveSteps: ReadonlyArray<readonly [string, Record<string, string>]> = [
          [
            "/v1/organizations/usage_report/messages?starting_at=2026-03-09T00:00:00Z&ending_at=2026-03-12T00:00:00Z&group_by[]=model&group_by[]=workspace_id",
            H2
          ],
          ["/v1/organizations/cost_report?starting_at=2026-03-10T00:00:00Z&group_by[]=description", H],
          ["/v1/organizations/usage_report/claude_code?starting_at=2026-03-11", H2],
          [
            "/v1/organizations/usage_report/messages?starting_at=2026-03-09T00:00:00Z&group_by[]=model&group_by[]=workspace_id&group_by[]=api_key_id&group_by[]=service_tier&group_by[]=context_window&group_by[]=inference_geo",
            H
          ],
          [
            "/v1/organizations/cost_report?starting_at=2026-03-12T00:00:00Z&ending_at=2026-03-12T23:59:59Z",
            H
          ],
          [
            "/v1/organizations/usage_report/claude_code?starting_at=2026-03-11",
            { ...H, "anthropic-version": "2025-01-01" }
          ],
          ["/v1/organizations/usage_report/claude_code?starting_at=2026-03-12", H],
          ["/v1/organizations/usage_report/claude_code?starting_at=2026-03-13", H]
        ]
        const viaLayer = yield* Effect.forEach(liveSteps, ([path, headers]) =>
          HttpClient.get(`https://api.anthropic.com${path}`, { headers }).pipe(
            Effect.flatMap((r) =>
              Effect.map(r.text, (text) => comparable(r.status, Object.entries(r.headers), text))
            )
          )
        ).pipe(Effect.provide(FakeHttpClient.layer(FakeAdminApi.make(live))))
        const server = yield* FakeServer.scoped(live)
        const viaServer = yield* Effect.forEach(liveSteps, ([path, headers]) =>
          Effect.promise(async () => {
            const response = await fetch(`${server.url}${path}`, { headers })
            return comparable(response.status, response.headers.entries(), await response.text())
          })
        )
        expect(viaServer).toEqual(viaLayer)
        expect(viaLayer.map((x) => x.status)).toEqual([200, 200, 200, 400, 400, 400, 200, 429])
        expect(viaLayer[4]!.headers["x-should-retry"]).toBe("false")
        expect(viaLayer[7]!.headers).toHaveProperty("anthropic-ratelimit-requests-reset")
        expect(viaLayer[7]!.headers).not.toHaveProperty("retry-after")
        const codes = viaLayer.map(
          (x) =>
            (JSON.parse(x.body) as { error?: { details: { error_code: string } } }).error?.details.error_code
        )
        expect(codes).toEqual([
          undefined,
          undefined,
          undefined,
          "too_many_group_by_dimensions",
          "invalid_date_range",
          "unsupported_api_version",
          undefined,
          "rate_limit_exceeded"
        ])
        // Spec-minimal rows: some usage items lack a null dimension key.
        const usage = JSON.parse(viaLayer[0]!.body) as {
          data: Array<{ results: Array<Record<string, unknown>> }>
        }
        const items = usage.data.flatMap((b) => b.results)
        expect(items.some((i) => !("api_key_id" in i))).toBe(true)
        expect(items.some((i) => i["api_key_id"] === null)).toBe(true)
      }).pipe(Effect.scoped)
  )

  it.live(
    "analytics §1.1 admin §6: the new endpoints, POST bodies and mutations answer identically through the layer and the server",
    () =>
      Effect.gen(function* () {
        const opts = { organization: scenarioOrg, clock: CLOCK, rateLimit: false as const }
        const A = { ...H, "anthropic-beta": "analytics-usage-cost-2026-08-24" }
        const J = { ...H, "content-type": "application/json" }
        const flow: ReadonlyArray<readonly [string, string, Record<string, string>, unknown?]> = [
          [
            "GET",
            "/v1/organizations/analytics/usage?starting_at=2026-03-09T00:00:00Z&ending_at=2026-03-11T00:00:00Z&time_bucket_width=1d&group_by%5B%5D=actor&limit=2",
            A
          ],
          [
            "GET",
            "/v1/organizations/analytics/cost?starting_at=2026-03-09T00:00:00Z&ending_at=2026-03-10T00:00:00Z&group_by[]=api_key_id&group_by[]=cost_type",
            A
          ],
          ["GET", "/v1/organizations/analytics/usage?starting_at=2026-03-09T00:00:00Z", H],
          ["POST", "/v1/organizations/workspaces", J, { name: "Research" }],
          ["GET", "/v1/organizations/workspaces?include_default=true", H],
          ["POST", "/v1/organizations/users/user_02fake", J, { role: "billing" }],
          ["GET", "/v1/organizations/users?roles[]=billing", H],
          ["POST", "/v1/organizations/invites", J, { email: "sam@example.com", role: "user" }],
          ["DELETE", "/v1/organizations/users/user_03fake", H],
          ["GET", "/v1/organizations/users?before_id=user_05fake&limit=2", H],
          ["POST", "/v1/organizations/api_keys/apikey_02fake", J, { name: "renamed", status: "inactive" }],
          ["GET", "/v1/organizations/api_keys?status=inactive", H],
          ["GET", "/v1/organizations/workspaces/wrkspc_01afake/rate_limits?include_inherited=true", H],
          ["POST", "/v1/organizations/workspaces", J, "{not json"],
          ["PUT", "/v1/organizations/workspaces", J, { name: "x" }]
        ]
        const bodyOf = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body))
        const viaLayer = yield* Effect.forEach(flow, ([method, path, headers, body]) => {
          const base = HttpClientRequest.make(method as "GET")(`https://api.anthropic.com${path}`).pipe(
            HttpClientRequest.setHeaders(headers)
          )
          const request =
            body === undefined ? base : HttpClientRequest.bodyText(base, bodyOf(body), "application/json")
          return HttpClient.execute(request).pipe(
            Effect.flatMap((r) =>
              Effect.map(r.text, (text) => comparable(r.status, Object.entries(r.headers), text))
            )
          )
        }).pipe(Effect.provide(FakeHttpClient.layer(FakeAdminApi.make(opts))))
        const server = yield* FakeServer.scoped(opts)
        const viaServer = yield* Effect.forEach(flow, ([method, path, headers, body]) =>
          Effect.promise(async () => {
            const response = await fetch(`${server.url}${path}`, {
              method,
              headers,
              ...(body === undefined ? {} : { body: bodyOf(body) })
            })
            return comparable(response.status, response.headers.entries(), await response.text())
          })
        )
        expect(viaServer).toEqual(viaLayer)
        expect(viaLayer.map((x) => x.status)).toEqual([
          200, 200, 400, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400, 405
        ])
        const names = (JSON.parse(viaLayer[4]!.body) as { data: Array<{ name: string }> }).data.map(
          (w) => w.name
        )
        expect(names[0]).toBe("Default Workspace")
        expect(names[names.length - 1]).toBe("Research")
        expect(server.log.filter((e) => e.method === "POST").map((e) => e.body)).toEqual([
          '{"name":"Research"}',
          '{"role":"billing"}',
          '{"email":"sam@example.com","role":"user"}',
          '{"name":"renamed","status":"inactive"}',
          "{not json"
        ])
      }).pipe(Effect.scoped)
  )

  it.live("holds a response for the configured latency (closing meanwhile cuts it)", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() =>
        FakeServer.serve({ organization: scenarioOrg, latency: 60_000 })
      )
      const pending = fetch(`${server.url}${usage}`, { headers: H }).then(
        (r) => r.status,
        () => "failed"
      )
      // Wait until the request reached the fake (no fixed sleep).
      while (server.log.length === 0) yield* Effect.promise(() => new Promise((r) => setImmediate(r)))
      expect(server.log[0]!.respondedAt - server.log[0]!.receivedAt).toBe(60_000)
      yield* Effect.promise(() => server.close())
      expect(yield* Effect.promise(() => pending)).toBe("failed")
    })
  )
})
