/**
 * End to end through the loopback fake server, with every live rule of
 * reference §10 on (5-dimension cap, day flooring, per-minute limiter) and
 * spec-minimal rows (keys whose value is null omitted), constructed the way
 * rawdash's engine constructs connectors: `full` then `latest` leave storage
 * equal to the fake's truth for all six usage dimensions inside the window and
 * untouched outside it, with 3 usage + 1 cost requests per 31-day window, only
 * whole-day ranges, and the key given as `{ $secret }` in `x-api-key`.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeServer, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { Effect } from "effect"
import AnthropicConnector from "../src/index.js"
import type { ConnectorContext, MetricSample } from "../src/Rawdash.js"
import { unalignedRanges } from "./support/harness.js"
import { violations } from "./support/invariants.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, USAGE_PATH } from "./support/ScriptedApi.js"
import { expectedCost, expectedUsage, snapshotOf } from "./support/truth.js"

/** Keeps the test output free of the connector's page logs. */
const quiet = { info: () => {}, warn: () => {} }

const DAY = 86_400_000
const KEY = "sk-ant-admin01-e2e-SECRETVALUE"
const SECRET_NAME = "ANTHROPIC_ADMIN_API_KEY"

/** rawdash's `instantiateConnector` (contract §1.2): split by the static credentials, then construct. */
const instantiate = (
  Cls: typeof AnthropicConnector,
  config: Record<string, unknown>,
  ctx: ConnectorContext
): AnthropicConnector => {
  const credSchema = Cls.credentials
  const settings: Record<string, unknown> = {}
  const creds: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) {
    if (Object.prototype.hasOwnProperty.call(credSchema, key)) creds[key] = value
    else settings[key] = value
  }
  return new Cls(settings as never, (credSchema ? creds : undefined) as never, ctx)
}

const resolver = { resolve: (name: string) => (name === SECRET_NAME ? KEY : undefined) }

/** The live rules are on by default; spec-minimal rows are switched on for every end-to-end test. */
const LIVE = { specMinimal: true } as const

/** Requests per 31-day window: usage 3 (six dimensions > the cap of 5, §10.1), cost 1. */
const USAGE_REQUESTS = 3
const COST_REQUESTS = 1

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

describe("end to end (loopback fake, engine-style construction)", () => {
  it.live(
    "full then latest leave storage equal to the fake's truth (all six usage dimensions exact) in the window and untouched outside",
    () =>
      Effect.gen(function* () {
        const now = Date.now()
        const org = FakeOrganization.make({ seed: 21, days: 60, now, workspaces: 2 })
        const server = yield* FakeServer.scoped({ organization: org, adminKeys: [KEY], ...LIVE })
        const logs: Array<string> = []
        const usageRows: Array<Record<string, unknown>> = []
        const connector = instantiate(
          AnthropicConnector,
          { adminApiKey: { $secret: SECRET_NAME }, lookbackDays: 20, baseUrl: server.url },
          {
            secretsResolver: resolver,
            logger: {
              info: (event, fields) => logs.push(`${event} ${JSON.stringify(fields)}`),
              warn: (event, fields) => logs.push(`${event} ${JSON.stringify(fields)}`)
            },
            observer: (event) => {
              if (event.resource !== "usage_messages") return
              const body = event.body as { data: Array<{ results: Array<Record<string, unknown>> }> }
              for (const bucket of body.data) usageRows.push(...bucket.results)
            }
          }
        )
        const end = Math.floor(now / DAY) * DAY + DAY
        const start = end - 20 * DAY
        const storage = new MemoryStorage()
        const outside: Array<MetricSample> = [
          { name: "anthropic_input_tokens", ts: start - 1, value: 11, attributes: {} },
          { name: "anthropic_cost_usd", ts: start - 5 * DAY, value: 12, attributes: {} },
          { name: "anthropic_web_search_requests", ts: end, value: 13, attributes: {} }
        ]
        const stale: MetricSample = {
          name: "anthropic_output_tokens",
          ts: start + DAY,
          value: 99,
          attributes: {}
        }
        storage.rows = [...outside, stale]

        const full = yield* Effect.promise(() => connector.sync({ mode: "full" }, storage))
        expect(full).toEqual({ done: true })

        const truth = snapshotOf([...expectedUsage(org, start, end), ...expectedCost(org, start, end)])
        expect(truth.length).toBeGreaterThan(100)
        const inWindow = () => storage.rows.filter((r) => r.ts >= start && r.ts < end)
        expect(snapshotOf(inWindow())).toEqual(truth)
        expect(snapshotOf(storage.rows.filter((r) => r.ts < start || r.ts >= end))).toEqual(
          snapshotOf(outside)
        )
        expect(violations(inWindow())).toEqual([])

        // every request carried the resolved key: the fake only accepts exactly KEY
        expect(server.log.every((e) => e.credential === "admin" && e.status === 200)).toBe(true)
        // one 20-day window: 3 usage requests (at most 5 group_by[] each) and 1 cost request
        expect(server.log.filter((e) => e.path === USAGE_PATH)).toHaveLength(USAGE_REQUESTS)
        expect(server.log.filter((e) => e.path === COST_PATH)).toHaveLength(COST_REQUESTS)
        for (const e of server.log) expect((e.query["group_by[]"] ?? []).length).toBeLessThanOrEqual(5)
        // only whole-day ranges: the window's edges
        expect(unalignedRanges(server.log)).toEqual([])
        expect(new Set(server.log.map((e) => `${e.query.starting_at} ${e.query.ending_at}`))).toEqual(
          new Set([`${iso(start)} ${iso(end)}`])
        )
        // §10.4: the fake omitted null dimension keys; they were stored as null (the truth has nulls)
        expect(usageRows.some((row) => !("workspace_id" in row) || !("api_key_id" in row))).toBe(true)
        expect(usageRows.some((row) => !("context_window" in row))).toBe(true)
        expect(truth.some((row) => row.includes('"workspace_id":null'))).toBe(true)
        // both context windows are in the truth: both fan-out branches are exercised
        for (const band of ["0-200k", "200k-1M"]) {
          expect(truth.some((row) => row.includes(`"context_window":"${band}"`))).toBe(true)
        }

        // corrupt two days inside the latest window and one older day inside the full window
        const yesterday = end - 2 * DAY
        const older = start + 3 * DAY
        storage.rows = storage.rows.filter((r) => !(r.ts === yesterday && r.name === "anthropic_cost_usd"))
        storage.rows.push({ name: "anthropic_input_tokens", ts: end - DAY, value: -1, attributes: {} })
        const olderRows = snapshotOf(storage.rows.filter((r) => r.ts === older))
        const beforeLatest = server.log.length

        const latest = yield* Effect.promise(() =>
          connector.sync({ mode: "latest", since: new Date(now - 60_000).toISOString() }, storage)
        )
        expect(latest).toEqual({ done: true })
        expect(snapshotOf(inWindow())).toEqual(truth)
        expect(snapshotOf(storage.rows.filter((r) => r.ts === older))).toEqual(olderRows)
        // latest asked for the trailing two days only, with the same 3 + 1 requests
        const latestRequests = server.log.slice(beforeLatest)
        expect(latestRequests).toHaveLength(USAGE_REQUESTS + COST_REQUESTS)
        expect(latestRequests.map((e) => `${e.query.starting_at} ${e.query.ending_at}`)).toEqual(
          latestRequests.map(() => `${iso(end - 2 * DAY)} ${iso(end)}`)
        )
        expect(logs.some((l) => l.startsWith("fetched page"))).toBe(true)
        expect(logs.join("\n")).not.toContain("SECRETVALUE")
        expect(JSON.stringify(connector.serializeConfig())).not.toContain("SECRETVALUE")
        expect(connector.serializeConfig()).toEqual({
          lookbackDays: 20,
          baseUrl: server.url,
          adminApiKey: { $secret: SECRET_NAME }
        })
      }).pipe(Effect.scoped)
  )

  it.live("workspaceIds: usage filtered by the API, cost by workspace_id, both equal to the truth", () =>
    Effect.gen(function* () {
      const now = Date.now()
      const org = FakeOrganization.make({ seed: 5, days: 20, now, workspaces: 3 })
      const chosen = [org.workspaces[1]?.id ?? "", org.workspaces[3]?.id ?? ""]
      const server = yield* FakeServer.scoped({ organization: org, adminKeys: [KEY], ...LIVE })
      const connector = instantiate(
        AnthropicConnector,
        {
          adminApiKey: { $secret: SECRET_NAME },
          lookbackDays: 10,
          baseUrl: server.url,
          workspaceIds: chosen
        },
        { secretsResolver: resolver, logger: quiet }
      )
      const storage = new MemoryStorage()
      expect(yield* Effect.promise(() => connector.sync({ mode: "full" }, storage))).toEqual({ done: true })
      const end = Math.floor(now / DAY) * DAY + DAY
      const start = end - 10 * DAY
      const truth = snapshotOf([
        ...expectedUsage(org, start, end, chosen),
        ...expectedCost(org, start, end, chosen)
      ])
      expect(truth.length).toBeGreaterThan(20)
      expect(storage.snapshot()).toEqual(truth)
      const usage = server.log.filter((e) => e.path === USAGE_PATH)
      expect(usage).toHaveLength(USAGE_REQUESTS)
      for (const e of usage) expect(e.query["workspace_ids[]"]).toEqual(chosen)
      expect(unalignedRanges(server.log)).toEqual([])
    }).pipe(Effect.scoped)
  )

  it.live("without static credentials handling, a key in settings still reaches the header", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 3, days: 5 })
      const server = yield* FakeServer.scoped({ organization: org, adminKeys: [KEY], ...LIVE })
      // an engine that puts every key into settings (rawdash before static credentials)
      const connector = new AnthropicConnector(
        { adminApiKey: { $secret: SECRET_NAME }, lookbackDays: 2, baseUrl: server.url } as never,
        undefined,
        { secretsResolver: resolver, logger: quiet }
      )
      expect(yield* Effect.promise(() => connector.sync({ mode: "full" }, new MemoryStorage()))).toEqual({
        done: true
      })
      expect(server.log.every((e) => e.credential === "admin")).toBe(true)
    }).pipe(Effect.scoped)
  )

  it.live("the environment is the fallback resolver", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 3, days: 5 })
      const server = yield* FakeServer.scoped({ organization: org, adminKeys: [KEY], ...LIVE })
      const name = "RAWDASH_TEST_ANTHROPIC_KEY"
      process.env[name] = KEY
      try {
        const connector = AnthropicConnector.create(
          {
            adminApiKey: { $secret: name },
            lookbackDays: 1,
            baseUrl: server.url,
            resources: ["anthropic_cost_usd"]
          },
          { logger: quiet }
        )
        expect(yield* Effect.promise(() => connector.sync({ mode: "full" }, new MemoryStorage()))).toEqual({
          done: true
        })
        expect(server.log.map((e) => e.credential)).toEqual(["admin"])
      } finally {
        delete process.env[name]
      }
    }).pipe(Effect.scoped)
  )

  it.live(
    "a missing secret, a non-admin key and an invalid config reject with actionable messages, never the key",
    () =>
      Effect.gen(function* () {
        const org = FakeOrganization.make({ seed: 3, days: 5 })
        const server = yield* FakeServer.scoped({ organization: org, ...LIVE })
        const reject = (config: Record<string, unknown>, ctx: ConnectorContext = {}) =>
          Effect.promise(() =>
            instantiate(AnthropicConnector, { baseUrl: server.url, ...config }, ctx)
              .sync({ mode: "full" }, new MemoryStorage())
              .then(
                () => "resolved",
                (error: unknown) => (error instanceof Error ? error.message : String(error))
              )
          )
        const missing = yield* reject(
          { adminApiKey: { $secret: "NOT_SET_ANYWHERE_XYZ" } },
          { secretsResolver: resolver }
        )
        expect(missing).toBe(
          'Missing secret "NOT_SET_ANYWHERE_XYZ" for adminApiKey. Set it via process.env.NOT_SET_ANYWHERE_XYZ or the CLI: rawdash secrets set NOT_SET_ANYWHERE_XYZ ...'
        )
        const standard = yield* reject({ adminApiKey: "sk-ant-api03-STANDARDKEYVALUE" })
        expect(standard).toContain("403")
        expect(standard).toContain("Admin key")
        expect(standard).toContain("console.anthropic.com")
        expect(standard).not.toContain("STANDARDKEYVALUE")
        const bad = yield* reject({
          adminApiKey: "sk-ant-admin01-BADCONFIGKEY",
          lookbackDays: 0,
          resources: ["x"]
        })
        expect(bad).toContain("lookbackDays")
        expect(bad).toContain("resources")
        expect(bad).not.toContain("BADCONFIGKEY")
        const none = yield* reject({})
        expect(none).toContain("adminApiKey: missing (required)")
        expect(() => AnthropicConnector.create({ lookbackDays: 999 })).toThrow(
          /adminApiKey[\s\S]*lookbackDays/
        )
      }).pipe(Effect.scoped)
  )
})
