/**
 * Grouping by more than the live cap of 5 dimensions (reference §10.1):
 * the plan's shape and request count, the cap on single requests, and
 * exactness against the testing kit's fake (which refuses a sixth
 * `group_by[]` like the live API) for random organisations.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeAdminApi, FakeHttpClient, FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import {
  type Chunk,
  Effect,
  Either,
  FastCheck as fc,
  Fiber,
  Layer,
  Option,
  Redacted,
  Stream,
  TestClock
} from "effect"
import { AdminApiClient, GroupByPlan, UsageReport } from "../src/index.js"
import { KEY, layerFor, stub, usageResult } from "./support/stub.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 12)

/** The rawdash connector's six dimensions (the seed's). */
const SIX = [
  "model",
  "workspace_id",
  "api_key_id",
  "service_tier",
  "context_window",
  "inference_geo"
] as const satisfies ReadonlyArray<UsageReport.GroupBy>

const ALL = UsageReport.GroupBy.literals

const fakeFor = (org: FakeOrganization.FakeOrganization, options: Partial<FakeAdminApi.Options> = {}) => {
  const api = FakeAdminApi.make({ specMinimal: true, ...options, organization: org, clock: () => NOW })
  const layer = AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: { jitter: 0 } }).pipe(
    Layer.provide(FakeHttpClient.layer(api))
  )
  return { api, layer }
}

const COUNTS = [
  "uncached_input_tokens",
  "cache_read_input_tokens",
  "output_tokens",
  "ephemeral_5m_input_tokens",
  "ephemeral_1h_input_tokens",
  "web_search_requests"
] as const

/** The fake's truth, grouped by `dims` per day: key → six counts (zero rows left out). */
const truth = (
  org: FakeOrganization.FakeOrganization,
  dims: ReadonlyArray<UsageReport.GroupBy>,
  from: number,
  to: number
) => {
  const out = new Map<string, Array<number>>()
  for (const record of org.usage) {
    if (record.day < from || record.day >= to) continue
    const key = JSON.stringify([record.day, ...dims.map((d) => record[d])])
    const sum = out.get(key) ?? [0, 0, 0, 0, 0, 0]
    COUNTS.forEach((c, i) => (sum[i] = (sum[i] ?? 0) + record[c]))
    out.set(key, sum)
  }
  for (const [key, sum] of out) if (sum.every((x) => x === 0)) out.delete(key)
  return out
}

/** The client's rows in the same shape. */
const observed = (rows: Chunk.Chunk<UsageReport.UsageRow>, dims: ReadonlyArray<UsageReport.GroupBy>) => {
  const out = new Map<string, Array<number>>()
  for (const row of rows) {
    const key = JSON.stringify([row.starting_at.epochMillis, ...dims.map((d) => row[d])])
    expect(out.has(key), `one row per combination: ${key}`).toBe(false)
    out.set(key, [
      row.uncached_input_tokens,
      row.cache_read_input_tokens,
      row.output_tokens,
      row.cache_creation.ephemeral_5m_input_tokens,
      row.cache_creation.ephemeral_1h_input_tokens,
      row.server_tool_use.web_search_requests
    ])
  }
  return out
}

describe("GroupByPlan: the plan", () => {
  it("at most 5 dimensions: one request", () => {
    expect(GroupByPlan.requests(GroupByPlan.make(SIX.slice(0, 5)))).toBe(1)
    expect(GroupByPlan.make([])).toEqual({ _tag: "Single", query: { groupBy: [], filters: {} } })
  })

  it("the connector's six dimensions fan out over context_window: 2 filtered + 1 remainder = 3 requests", () => {
    const plan = GroupByPlan.make(SIX)
    expect(GroupByPlan.requests(plan)).toBe(3)
    expect(GroupByPlan.queries(plan)).toEqual([
      {
        groupBy: ["model", "workspace_id", "api_key_id", "service_tier", "inference_geo"],
        filters: { contextWindows: "0-200k" }
      },
      {
        groupBy: ["model", "workspace_id", "api_key_id", "service_tier", "inference_geo"],
        filters: { contextWindows: "200k-1M" }
      },
      { groupBy: ["model", "workspace_id", "api_key_id", "service_tier", "inference_geo"], filters: {} }
    ])
    for (const query of GroupByPlan.queries(plan)) expect(query.groupBy.length).toBeLessThanOrEqual(5)
  })

  it("a caller's filter on the fan-out dimension is fanned out as given, with no remainder", () => {
    expect(GroupByPlan.requests(GroupByPlan.make(SIX, { contextWindows: ["0-200k"] }))).toBe(1)
    expect(GroupByPlan.requests(GroupByPlan.make(SIX, { contextWindows: ["0-200k", "2M"] }))).toBe(2)
  })

  it("seven dimensions cost 3 × 3 requests; all nine 3 × 3 × 4 × 7, each within the cap", () => {
    expect(GroupByPlan.requests(GroupByPlan.make([...SIX, "speed"]))).toBe(9)
    const all = GroupByPlan.make(ALL)
    expect(GroupByPlan.requests(all)).toBe(3 * 3 * 4 * 7)
    for (const query of GroupByPlan.queries(all)) expect(query.groupBy.length).toBeLessThanOrEqual(5)
  })

  it("UsageReport.plan validates first, naming the field", () => {
    const bad = UsageReport.plan({ startingAt: "2026-02-30", groupBy: SIX })
    expect(Either.isLeft(bad) && bad.left.field).toBe("startingAt")
  })
})

describe("§10.1: at most 5 group_by[] per request", () => {
  it.effect("page and pages refuse a sixth dimension, naming groupBy, and send nothing", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 3, days: 20, now: NOW })
      const { api, layer } = fakeFor(org)
      const error = yield* Effect.flip(
        UsageReport.page({ startingAt: new Date(org.start), groupBy: SIX })
      ).pipe(Effect.provide(layer))
      expect(error).toMatchObject({ _tag: "InvalidParameterError", field: "groupBy" })
      expect(error.message).toContain("at most 5")
      const fromPages = yield* Effect.flip(
        Stream.runDrain(UsageReport.pages({ startingAt: new Date(org.start), groupBy: SIX }))
      ).pipe(Effect.provide(layer))
      expect(fromPages).toMatchObject({ _tag: "InvalidParameterError", field: "groupBy" })
      expect(Either.isLeft(UsageReport.encode({ startingAt: new Date(org.start), groupBy: SIX }))).toBe(true)
      expect(api.log).toHaveLength(0)
    })
  )

  it("the fake refuses what the client would have sent without the plan (so the plan is needed)", () => {
    const org = FakeOrganization.make({ seed: 3, days: 20, now: NOW })
    const { api } = fakeFor(org)
    const query = SIX.map((d) => `group_by[]=${d}`).join("&")
    const response = api.handle({
      method: "GET",
      url: `${UsageReport.PATH}?starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-03T00:00:00Z&${query}`,
      headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" }
    })
    expect(response.status).toBe(400)
  })

  it.effect("six dimensions over 40 days: exact rows vs the fake's truth, 3 requests per 31-day window", () =>
    Effect.gen(function* () {
      const org = FakeOrganization.make({ seed: 11, days: 60, now: NOW, workspaces: 3, keysPerWorkspace: 2 })
      const { api, layer } = fakeFor(org)
      const from = org.end - 40 * DAY
      const rows = yield* Stream.runCollect(
        UsageReport.rows({ startingAt: new Date(from), endingAt: new Date(org.end), groupBy: SIX })
      ).pipe(Effect.provide(layer))
      expect(observed(rows, SIX)).toEqual(truth(org, SIX, from, org.end))
      expect(api.log.every((entry) => entry.status === 200)).toBe(true)
      expect(api.log).toHaveLength(2 * 3)
      // long-context usage exists in this organisation, so the fan-out value is really exercised
      expect([...rows].some((r) => r.context_window === "200k-1M")).toBe(true)
    })
  )

  it.effect(
    "a window's queries go out together, the remainder issued last: one round of latency, not two",
    () =>
      Effect.gen(function* () {
        const org = FakeOrganization.make({ seed: 11, days: 20, now: NOW, workspaces: 2 })
        const { api, layer } = fakeFor(org, { latency: 1000 })
        const from = org.end - 10 * DAY
        const fiber = yield* Effect.fork(
          Stream.runCollect(
            UsageReport.rows({ startingAt: new Date(from), endingAt: new Date(org.end), groupBy: SIX })
          ).pipe(Effect.provide(layer))
        )
        yield* TestClock.adjust(999)
        expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
        yield* TestClock.adjust(1)
        const rows = yield* Fiber.join(fiber)
        expect(observed(rows, SIX)).toEqual(truth(org, SIX, from, org.end))
        expect(api.log.map((entry) => String(entry.query["context_window[]"] ?? ""))).toEqual([
          "0-200k",
          "200k-1M",
          ""
        ])
      })
  )

  it.effect.prop(
    "for random organisations and any 6 or 7 dimensions, joined rows equal the fake's truth and totals equal one ungrouped query",
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.shuffledSubarray([...ALL], { minLength: 6, maxLength: 7 }),
      fc.integer({ min: 1, max: 40 })
    ],
    ([seed, dims, days]) =>
      Effect.gen(function* () {
        const org = FakeOrganization.make({
          seed,
          days: 50,
          now: NOW,
          workspaces: 2,
          keysPerWorkspace: 1 + (seed % 2)
        })
        const { api, layer } = fakeFor(org, { rateLimit: false })
        const from = org.end - days * DAY
        const params = { startingAt: new Date(from), endingAt: new Date(org.end), groupBy: dims }
        const rows = yield* Stream.runCollect(UsageReport.rows(params, { concurrency: 3 })).pipe(
          Effect.provide(layer)
        )
        expect(observed(rows, dims)).toEqual(truth(org, dims, from, org.end))
        const plan = Either.getOrThrow(UsageReport.plan(params))
        const windows = Math.ceil(days / 31)
        expect(api.log).toHaveLength(GroupByPlan.requests(plan) * windows)
        expect(api.log.every((entry) => (entry.query["group_by[]"] ?? []).length <= 5)).toBe(true)
        const single = yield* Stream.runCollect(
          UsageReport.rows({ startingAt: new Date(from), endingAt: new Date(org.end) })
        ).pipe(Effect.provide(layer))
        const total = (rs: Chunk.Chunk<UsageReport.UsageRow>) =>
          [...rs].reduce(
            (s, r) => s + r.output_tokens + r.uncached_input_tokens + r.cache_read_input_tokens,
            0
          )
        expect(total(rows)).toBe(total(single))
      }),
    { fastCheck: { numRuns: 10 }, timeout: 120_000 }
  )

  it.effect(
    "all nine dimensions: 252 requests per window, none over the cap, rows equal the fake's truth",
    () =>
      Effect.gen(function* () {
        const org = FakeOrganization.make({ seed: 21, days: 5, now: NOW, workspaces: 2 })
        const { api, layer } = fakeFor(org, { rateLimit: false })
        const from = org.end - 2 * DAY
        const rows = yield* Stream.runCollect(
          UsageReport.rows({ startingAt: new Date(from), endingAt: new Date(org.end), groupBy: ALL })
        ).pipe(Effect.provide(layer))
        expect(observed(rows, ALL)).toEqual(truth(org, ALL, from, org.end))
        expect(api.log).toHaveLength(252)
        expect(api.log.every((entry) => entry.status === 200)).toBe(true)
      }),
    { timeout: 60_000 }
  )

  it.effect(
    "usage under a context_window value the client does not know (or null) survives in the remainder, labelled null",
    () =>
      Effect.gen(function* () {
        const at = Date.UTC(2026, 2, 1)
        const dims = {
          model: "m",
          workspace_id: "w",
          api_key_id: null,
          service_tier: "standard",
          inference_geo: "us"
        }
        const { client, seen } = stub((request) => {
          const window = request.url.searchParams.getAll("context_window[]")
          const n = window[0] === "0-200k" ? 10 : window[0] === "200k-1M" ? 5 : 10 + 5 + 7
          const results = [usageResult(n, dims)]
          // a row only the unfiltered query sees: a whole other workspace, all of it of an unknown window
          if (window.length === 0) results.push(usageResult(3, { ...dims, workspace_id: "w2" }))
          return {
            status: 200,
            body: {
              data: [{ starting_at: "2026-03-01T00:00:00Z", ending_at: "2026-03-02T00:00:00Z", results }],
              has_more: false,
              next_page: null
            }
          }
        })
        const rows = yield* Stream.runCollect(
          UsageReport.rows({ startingAt: new Date(at), endingAt: new Date(at + DAY), groupBy: SIX })
        ).pipe(Effect.provide(layerFor(client)))
        expect([...rows].map((r) => [r.workspace_id, r.context_window, r.output_tokens])).toEqual([
          ["w", "0-200k", 10],
          ["w", "200k-1M", 5],
          ["w", null, 7],
          ["w2", null, 3]
        ])
        // the remainder is sent last, after both filtered queries
        expect(seen.map((r) => r.url.searchParams.getAll("context_window[]").join())).toEqual([
          "0-200k",
          "200k-1M",
          ""
        ])
      })
  )

  it.effect(
    "filtered queries that count more than the unfiltered one fail the stream, never emit wrong numbers",
    () =>
      Effect.gen(function* () {
        const at = Date.UTC(2026, 2, 1)
        const { client, seen } = stub((request) => {
          const window = request.url.searchParams.getAll("context_window[]")
          return {
            status: 200,
            body: {
              data: [
                {
                  starting_at: "2026-03-01T00:00:00Z",
                  ending_at: "2026-03-02T00:00:00Z",
                  results: [usageResult(window.length === 0 ? 4 : 3, { model: "m" })]
                }
              ],
              has_more: false,
              next_page: null
            }
          }
        })
        const error = yield* Effect.flip(
          Stream.runCollect(
            UsageReport.rows({ startingAt: new Date(at), endingAt: new Date(at + DAY), groupBy: SIX })
          )
        ).pipe(Effect.provide(layerFor(client)))
        expect(error).toMatchObject({ _tag: "PaginationContractError" })
        expect(error.message).toContain("group-by plan")
        // fetched again twice before giving up
        expect(seen).toHaveLength(3 * 3)
      })
  )
})
