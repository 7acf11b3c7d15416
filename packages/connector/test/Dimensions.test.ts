/**
 * The declared dimensions `account_id` and `service_account_id` (rawdash
 * declares them; a widget filtering on them must pass `validateConfigMetrics`)
 * and the `dimensions` setting that opts into grouping by them. Against the
 * fake with every live rule on (5-dimension cap, day flooring, per-minute
 * limiter) and spec-minimal rows: for each choice, storage equals the fake's
 * truth for that grouping (dimensions not chosen are `null`) and the usage
 * requests per window are exactly what the client's plan says
 * (`UsageReport.plan` + `GroupByPlan.requests`), each with at most five
 * `group_by[]`.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { GroupByPlan, UsageReport } from "@rawdash/anthropic-admin-api"
import { DateTime, Effect, Either } from "effect"
import AnthropicConnector, { resources } from "../src/index.js"
import { usageParams } from "../src/internal/sync.js"
import * as UsageSamples from "../src/UsageSamples.js"
import { violations } from "./support/invariants.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { USAGE_PATH } from "./support/ScriptedApi.js"
import { expectedUsage, snapshotOf } from "./support/truth.js"

const DAY = 86_400_000
const KEY = "sk-ant-admin01-dimensions"
const LOOKBACK = 5
const quiet = { info: () => {}, warn: () => {} }

const requestsFor = (dimensions: ReadonlyArray<UsageSamples.Dimension>) =>
  UsageReport.plan(
    usageParams(
      { workspaceIds: undefined, dimensions },
      DateTime.unsafeMake("2026-03-01"),
      DateTime.unsafeMake("2026-04-01"),
      31
    )
  ).pipe(Either.map(GroupByPlan.requests), Either.getOrThrow)

const CHOICES: ReadonlyArray<readonly [string, ReadonlyArray<UsageSamples.Dimension> | undefined, number]> = [
  ["the default (six; account_id and service_account_id null)", undefined, 3],
  ["six plus account_id", [...UsageSamples.DEFAULT_DIMENSIONS, "account_id"], 12],
  ["all eight", UsageSamples.DIMENSION_NAMES, 84],
  [
    "five, including both opt-ins",
    ["model", "workspace_id", "api_key_id", "account_id", "service_account_id"],
    1
  ]
]

describe("dimensions: account_id and service_account_id", () => {
  it("are declared on every usage metric, as rawdash declares them", () => {
    expect(UsageSamples.DIMENSION_NAMES).toEqual([
      ...UsageSamples.DEFAULT_DIMENSIONS,
      "account_id",
      "service_account_id"
    ])
    for (const metric of [
      "anthropic_input_tokens",
      "anthropic_output_tokens",
      "anthropic_cache_read_tokens",
      "anthropic_cache_creation_tokens",
      "anthropic_web_search_requests"
    ] as const) {
      const names = resources[metric].dimensions?.map((d) => d.name)
      expect(names).toContain("account_id")
      expect(names).toContain("service_account_id")
    }
  })

  for (const [label, dimensions, requests] of CHOICES) {
    it.live(`${label}: storage equals the truth; ${requests} usage request(s) per window, as planned`, () =>
      Effect.gen(function* () {
        expect(requestsFor(dimensions ?? UsageSamples.DEFAULT_DIMENSIONS)).toBe(requests)
        const now = Date.now()
        const org = FakeOrganization.make({ seed: 8, days: 10, now, workspaces: 2 })
        const server = yield* FakeServer.scoped({ organization: org, adminKeys: [KEY], specMinimal: true })
        const connector = new AnthropicConnector(
          {
            lookbackDays: LOOKBACK,
            baseUrl: server.url,
            resources: ["anthropic_input_tokens"],
            ...(dimensions === undefined ? {} : { dimensions })
          },
          { adminApiKey: KEY },
          { logger: quiet, chunkBudget: "5 minutes" }
        )
        const storage = new MemoryStorage()
        expect(yield* Effect.promise(() => connector.sync({ mode: "full" }, storage))).toEqual({ done: true })
        const end = Math.floor(now / DAY) * DAY + DAY
        const start = end - LOOKBACK * DAY
        const truth = expectedUsage(org, start, end, undefined, dimensions ?? UsageSamples.DEFAULT_DIMENSIONS)
        expect(truth.length).toBeGreaterThan(10)
        expect(storage.snapshot()).toEqual(snapshotOf(truth))
        expect(violations(storage.rows)).toEqual([])
        const chosen = new Set<string>(dimensions ?? UsageSamples.DEFAULT_DIMENSIONS)
        for (const name of ["account_id", "service_account_id"]) {
          const values = storage.rows.map((row) => row.attributes[name])
          if (chosen.has(name)) expect(values.some((value) => typeof value === "string")).toBe(true)
          else expect(values.every((value) => value === null)).toBe(true)
        }
        const usage = server.log.filter((e) => e.path === USAGE_PATH)
        expect(usage).toHaveLength(requests)
        for (const e of usage) expect((e.query["group_by[]"] ?? []).length).toBeLessThanOrEqual(5)
      }).pipe(Effect.scoped)
    )
  }
})
