/**
 * `source: "analytics"` and `enrichNames`, against the fake (one organisation
 * truth behind both the legacy reports and the analytics API): an analytics
 * sync stores the same samples as a legacy sync apart from the documented
 * differences (cost has no `description` and is split per `api_key_id`;
 * the Default Workspace's tagged id is written as `null` when
 * `defaultWorkspaceId` is set); request counts are asserted on the fake's log;
 * `enrichNames` lists each kind at most once per sync and falls back to ids
 * with one warning when a listing is denied.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { AnalyticsCost, AnalyticsUsage } from "@rawdash/anthropic-admin-api"
import { Effect } from "effect"
import AnthropicConnector from "../src/index.js"
import type { MetricSample } from "../src/Rawdash.js"
import { COST_METRIC } from "../src/Resources.js"
import { violations } from "./support/invariants.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, USAGE_PATH } from "./support/ScriptedApi.js"

const KEY = "sk-ant-admin01-analytics"
const LOOKBACK = 5

const canonical = (sample: MetricSample) =>
  JSON.stringify([sample.name, sample.ts, sample.attributes, sample.value])

/** Cost per day and attributes without `description` and `api_key_id`, summed. */
const costTotals = (rows: ReadonlyArray<MetricSample>) => {
  const totals = new Map<string, number>()
  for (const row of rows) {
    if (row.name !== COST_METRIC) continue
    const { api_key_id: _key, description: _description, ...rest } = row.attributes
    const key = JSON.stringify([row.ts, rest])
    totals.set(key, (totals.get(key) ?? 0) + row.value)
  }
  return totals
}

/** Equal keys, values within a micro-dollar (each analytics row is rounded per API key). */
const expectSameCost = (actual: Map<string, number>, expected: Map<string, number>) => {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
  for (const [key, value] of expected) {
    expect(Math.abs((actual.get(key) ?? Number.NaN) - value)).toBeLessThan(1e-5)
  }
}

const syncWith = (
  org: FakeOrganization.FakeOrganization,
  settings: Record<string, unknown>,
  serverOptions: Record<string, unknown> = {}
) =>
  Effect.gen(function* () {
    const server = yield* FakeServer.scoped({ organization: org, adminKeys: [KEY], ...serverOptions })
    const warnings: Array<{ event: string; fields: unknown }> = []
    const connector = new AnthropicConnector(
      { lookbackDays: LOOKBACK, baseUrl: server.url, ...settings },
      { adminApiKey: KEY },
      {
        logger: { info: () => {}, warn: (event, fields) => void warnings.push({ event, fields }) },
        chunkBudget: "5 minutes"
      }
    )
    const storage = new MemoryStorage()
    const result = yield* Effect.promise(() => connector.sync({ mode: "full" }, storage))
    return { result, storage, log: server.log, warnings }
  })

describe("source: analytics", () => {
  it.live(
    "gives the legacy samples: usage identical, cost equal per day apart from description and api_key_id",
    () =>
      Effect.gen(function* () {
        const now = Date.now()
        const org = FakeOrganization.make({ seed: 13, days: 10, now, workspaces: 2 })
        const legacy = yield* syncWith(org, {})
        const analytics = yield* syncWith(org, {
          source: "analytics",
          defaultWorkspaceId: FakeOrganization.DEFAULT_WORKSPACE_ID
        })
        expect(legacy.result).toEqual({ done: true })
        expect(analytics.result).toEqual({ done: true })
        // the analytics API serves what is exported (data_refreshed_at): the fake's current day is not yet
        const today = Math.floor(now / 86_400_000) * 86_400_000
        const settled = (rows: ReadonlyArray<MetricSample>) => rows.filter((row) => row.ts < today)
        const usage = (rows: ReadonlyArray<MetricSample>) =>
          settled(rows)
            .filter((row) => row.name !== COST_METRIC && row.value !== 0)
            .map(canonical)
            .sort()
        // missing rows mean zero: the legacy source writes zero rows, the analytics source none
        expect(usage(legacy.storage.rows).length).toBeGreaterThan(10)
        expect(usage(analytics.storage.rows)).toEqual(usage(legacy.storage.rows))
        expectSameCost(costTotals(settled(analytics.storage.rows)), costTotals(settled(legacy.storage.rows)))
        expect(costTotals(settled(legacy.storage.rows)).size).toBeGreaterThan(3)
        const cost = analytics.storage.rows.filter((row) => row.name === COST_METRIC)
        expect(cost.every((row) => row.attributes["description"] === null)).toBe(true)
        expect(cost.some((row) => typeof row.attributes["api_key_id"] === "string")).toBe(true)
        // the Default Workspace is written as the legacy null, never as its tagged id
        expect(analytics.storage.rows.some((row) => row.attributes["workspace_id"] === null)).toBe(true)
        expect(
          analytics.storage.rows.some(
            (row) => row.attributes["workspace_id"] === FakeOrganization.DEFAULT_WORKSPACE_ID
          )
        ).toBe(false)
        expect(violations(analytics.storage.rows)).toEqual([])
        // requests: analytics endpoints only, one window each (5 days fit one), usage through the client's plan
        expect(analytics.log.filter((e) => e.path === USAGE_PATH || e.path === COST_PATH)).toEqual([])
        expect(analytics.log.filter((e) => e.path === AnalyticsCost.PATH)).toHaveLength(1)
        const usageRequests = analytics.log.filter((e) => e.path === AnalyticsUsage.PATH)
        expect(usageRequests.length).toBeGreaterThanOrEqual(1)
        for (const e of usageRequests) expect((e.query["group_by[]"] ?? []).length).toBeLessThanOrEqual(5)
        expect(analytics.log.every((e) => e.path.startsWith("/v1/organizations/analytics/"))).toBe(true)
      }).pipe(Effect.scoped)
  )

  it.live("without defaultWorkspaceId the Default Workspace keeps its tagged id", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 13, days: 10, now: Date.now(), workspaces: 2 })
      const { storage } = yield* syncWith(org, { source: "analytics", resources: ["anthropic_cost_usd"] })
      expect(
        storage.rows.some((row) => row.attributes["workspace_id"] === FakeOrganization.DEFAULT_WORKSPACE_ID)
      ).toBe(true)
    }).pipe(Effect.scoped)
  )
})

describe("enrichNames", () => {
  for (const source of ["legacy", "analytics"] as const) {
    it.live(`${source}: api_key_name and workspace_name, at most one listing per kind per sync`, () =>
      Effect.gen(function* () {
        const org = FakeOrganization.make({ seed: 13, days: 10, now: Date.now(), workspaces: 2 })
        const { log, result, storage, warnings } = yield* syncWith(org, {
          source,
          enrichNames: true,
          defaultWorkspaceId: FakeOrganization.DEFAULT_WORKSPACE_ID
        })
        expect(result).toEqual({ done: true })
        expect(log.filter((e) => e.path === "/v1/organizations/api_keys")).toHaveLength(1)
        expect(log.filter((e) => e.path === "/v1/organizations/workspaces")).toHaveLength(1)
        expect(warnings).toEqual([])
        const usage = storage.rows.filter((row) => row.name === "anthropic_input_tokens")
        const named = usage.filter((row) => typeof row.attributes["api_key_id"] === "string")
        expect(named.length).toBeGreaterThan(0)
        for (const row of named) {
          expect(row.attributes["api_key_name"]).not.toEqual(row.attributes["api_key_id"])
        }
        for (const row of usage.filter((r) => r.attributes["workspace_id"] === null)) {
          expect(row.attributes["workspace_name"]).toBe("Default Workspace")
        }
        expect(storage.rows.every((row) => typeof row.attributes["workspace_name"] === "string")).toBe(true)
        expect(violations(storage.rows)).toEqual([])
      }).pipe(Effect.scoped)
    )
  }

  it.live("a denied API key listing: ids instead of names, one warning", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 13, days: 10, now: Date.now(), workspaces: 2 })
      const { log, result, storage, warnings } = yield* syncWith(
        org,
        { enrichNames: true, source: "analytics" },
        { deny: ["api_keys"] }
      )
      expect(result).toEqual({ done: true })
      expect(log.filter((e) => e.path === "/v1/organizations/api_keys")).toHaveLength(1)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.event).toBe("names unavailable")
      expect(warnings[0]?.fields).toMatchObject({ kind: "api_keys" })
      const keyed = storage.rows.filter((row) => typeof row.attributes["api_key_id"] === "string")
      expect(keyed.length).toBeGreaterThan(0)
      for (const row of keyed) expect(row.attributes["api_key_name"]).toBe(row.attributes["api_key_id"])
    }).pipe(Effect.scoped)
  )
})
