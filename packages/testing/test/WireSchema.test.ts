import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Schema } from "effect"
import { FakeAdminApi, FakeOrganization, WireArbitrary, WireFixture, WireSchema } from "../src/index.js"
import { call, CLAUDE_CODE, COST, HEADERS, pages, USAGE } from "./helpers.js"

const strict = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.decodeUnknownSync(schema, { onExcessProperty: "error" })
const NOW = Date.UTC(2026, 2, 15, 12)

describe("WireSchema", () => {
  it("describes what the fake sends: every page of every endpoint decodes strictly", () => {
    const api = FakeAdminApi.make({ organization: FakeOrganization.make({ seed: 12, days: 6, now: NOW }) })
    const fast = { ...HEADERS, "anthropic-beta": "fast-mode-2026-02-01" }
    const groupings = [
      [],
      ["model"],
      ["api_key_id", "workspace_id", "service_tier"],
      ["context_window", "inference_geo", "speed", "account_id", "service_account_id"]
    ]
    for (const groupBy of groupings) {
      for (const width of ["1d", "1h"]) {
        for (const page of pages(
          api,
          USAGE,
          [
            ["starting_at", "2026-03-12T00:00:00Z"],
            ["bucket_width", width],
            ...groupBy.map((g) => ["group_by[]", g] as const)
          ],
          fast
        )) {
          strict(WireSchema.UsageReport)(page)
        }
      }
    }
    for (const groupBy of [[], ["workspace_id"], ["description"], ["workspace_id", "description"]]) {
      for (const page of pages(api, COST, [
        ["starting_at", "2026-03-10T00:00:00Z"],
        ...groupBy.map((g) => ["group_by[]", g] as const)
      ])) {
        strict(WireSchema.CostReport)(page)
      }
    }
    for (const page of pages(api, CLAUDE_CODE, [
      ["starting_at", "2026-03-12"],
      ["limit", "1"]
    ])) {
      strict(WireSchema.ClaudeCodeReport)(page)
    }
    strict(WireSchema.ErrorResponse)(call(api, USAGE, []).json)
  })

  it("§10.4 describes spec-minimal pages too: absent keys and a missing last next_page decode strictly", () => {
    const api = FakeAdminApi.make({
      organization: FakeOrganization.make({ seed: 12, days: 6, now: NOW }),
      specMinimal: true
    })
    let absent = 0
    for (const groupBy of [[], ["model", "workspace_id"]]) {
      for (const page of pages(api, USAGE, [
        ["starting_at", "2026-03-10T00:00:00Z"],
        ...groupBy.map((g) => ["group_by[]", g] as const)
      ])) {
        const decoded = strict(WireSchema.UsageReport)(page)
        absent += decoded.data.flatMap((b) => b.results).filter((i) => !("api_key_id" in i)).length
      }
    }
    expect(absent).toBeGreaterThan(0)
    for (const groupBy of [[], ["workspace_id", "description"]]) {
      for (const page of pages(api, COST, [
        ["starting_at", "2026-03-10T00:00:00Z"],
        ...groupBy.map((g) => ["group_by[]", g] as const)
      ])) {
        strict(WireSchema.CostReport)(page)
      }
    }
    for (const day of ["2026-03-11", "2026-03-12", "2026-03-13"]) {
      for (const page of pages(api, CLAUDE_CODE, [["starting_at", day]])) {
        strict(WireSchema.ClaudeCodeReport)(page)
      }
    }
  })

  it("rejects what the reference rules out (a float token count, a dollar amount with a sign)", () => {
    const page = call<{ data: Array<{ results: Array<Record<string, unknown>> }> }>(
      FakeAdminApi.make({ organization: FakeOrganization.make({ seed: 12, days: 3, now: NOW }) }),
      USAGE,
      [["starting_at", "2026-03-14T00:00:00Z"]]
    ).json
    page.data[0]!.results[0]!["output_tokens"] = 1.5
    expect(() => strict(WireSchema.UsageReport)(page)).toThrow()
    expect(() => Schema.decodeUnknownSync(WireSchema.Amount)("-$1.00")).toThrow()
  })
})

describe("WireArbitrary", () => {
  const roundTrip = <A, I>(arb: fc.Arbitrary<A>, schema: Schema.Schema<A, I>) =>
    fc.assert(
      fc.property(arb, (value) => {
        const wire = JSON.parse(JSON.stringify(value)) as unknown
        // what JSON can carry: no key set to an explicit undefined
        expect(wire).toStrictEqual(value)
        expect(strict(schema)(wire)).toEqual(value)
      }),
      { numRuns: 40 }
    )

  it("generates valid usage, cost and Claude Code pages and error envelopes", () => {
    roundTrip(WireArbitrary.usageReport, WireSchema.UsageReport)
    roundTrip(WireArbitrary.costReport, WireSchema.CostReport)
    roundTrip(WireArbitrary.claudeCodeReport, WireSchema.ClaudeCodeReport)
    roundTrip(WireArbitrary.errorResponse, WireSchema.ErrorResponse)
  })

  it("keeps the page invariants: has_more iff next_page, consecutive aligned buckets", () => {
    fc.assert(
      fc.property(WireArbitrary.usageReport, (page) => {
        expect(page.has_more).toBe(page.next_page !== null)
        const edges = page.data.map((b) => [Date.parse(b.starting_at), Date.parse(b.ending_at)] as const)
        const widths = new Set(edges.map(([s, e]) => e - s))
        expect(widths.size).toBeLessThanOrEqual(1)
        edges.forEach(([s, e], i) => {
          expect(s % (e - s)).toBe(0)
          if (i > 0) expect(s).toBe(edges[i - 1]![1])
        })
      }),
      { numRuns: 60 }
    )
  })

  it("keeps cost null rules: no description, no model/token_type/service_tier/context_window", () => {
    fc.assert(
      fc.property(WireArbitrary.costItem, (item) => {
        // An absent key reads as null (§10.4).
        const read = (v: unknown) => v ?? null
        if (read(item.description) === null) {
          expect(
            [item.cost_type, item.model, item.token_type, item.service_tier, item.context_window].map(read)
          ).toEqual([null, null, null, null, null])
        } else if (item.cost_type !== "tokens") {
          expect(read(item.model)).toBeNull()
        }
        expect(item.amount).toMatch(/^\d+(\.\d+)?$/)
      }),
      { numRuns: 100 }
    )
  })
})

describe("WireFixture", () => {
  it("offers ready-made pages that decode and look like the reference's examples", () => {
    const daily = WireFixture.usageDaily()
    expect(daily.status).toBe(200)
    strict(WireSchema.UsageReport)(daily.body)
    expect(daily.body.data.map((b) => b.starting_at)).toEqual([
      "2026-03-05T00:00:00Z",
      "2026-03-06T00:00:00Z"
    ])
    expect(daily.body.data[0]!.results).toHaveLength(1)

    const grouped = WireFixture.usageGrouped()
    expect(grouped.body).toMatchObject({ has_more: true, next_page: expect.stringMatching(/^page_/) })
    expect(grouped.body.data[0]!.results.some((r) => r.workspace_id === null && r.model !== null)).toBe(true)

    const hourly = WireFixture.usageHourly()
    expect(hourly.body.data).toHaveLength(6)

    const cost = WireFixture.costByDescription()
    strict(WireSchema.CostReport)(cost.body)
    const descriptions = cost.body.data[0]!.results.map((r) => r.description)
    expect(descriptions).toContain("Web Search Usage")
    expect(descriptions.some((d) => d?.endsWith("Usage - Input Tokens"))).toBe(true)
    strict(WireSchema.CostReport)(WireFixture.costDaily().body)

    const cc = WireFixture.claudeCode()
    strict(WireSchema.ClaudeCodeReport)(cc.body)
    expect(cc.body.data.length).toBeGreaterThan(0)

    const errors = WireFixture.errors()
    expect(errors.map((e) => [e.status, e.body.error.type, e.body.error.details?.error_code])).toEqual([
      [400, "invalid_request_error", "missing_required_parameter"],
      [401, "authentication_error", "missing_api_key"],
      [403, "permission_error", "admin_key_required"],
      [404, "not_found_error", "not_found"],
      [400, "invalid_request_error", "too_many_group_by_dimensions"],
      [400, "invalid_request_error", "invalid_date_range"],
      [400, "invalid_request_error", "unsupported_api_version"],
      [429, "rate_limit_error", "rate_limit_exceeded"]
    ])
    for (const e of errors) strict(WireSchema.ErrorResponse)(e.body)
    expect(errors[5]!.headers["x-should-retry"]).toBe("false")
    expect(errors[7]!.headers).toMatchObject({
      "anthropic-ratelimit-requests-reset": "2026-03-08T12:01:00Z",
      "anthropic-ratelimit-requests-limit": "0",
      "anthropic-ratelimit-requests-remaining": "0"
    })
    expect(errors[7]!.headers).not.toHaveProperty("retry-after")

    // §10.4: spec-minimal fixtures omit some null keys and keep others as explicit null.
    const minimal = WireFixture.usageSpecMinimal()
    strict(WireSchema.UsageReport)(minimal.body)
    const items = minimal.body.data.flatMap((b) => b.results)
    expect(items.some((i) => !("workspace_id" in i))).toBe(true)
    expect(items.some((i) => i.workspace_id === null)).toBe(true)
    expect(items.every((i) => typeof i.model === "string")).toBe(true)
    const minimalCost = WireFixture.costSpecMinimal()
    strict(WireSchema.CostReport)(minimalCost.body)
    expect(minimalCost.body).not.toHaveProperty("next_page")
    const nonToken = minimalCost.body.data[0]!.results.filter((r) => r.cost_type !== "tokens")
    expect(nonToken.length).toBeGreaterThan(0)
    for (const row of nonToken) {
      const absent = ["model", "token_type", "service_tier", "context_window", "inference_geo"].filter(
        (k) => !(k in row)
      )
      expect(absent.length).toBeGreaterThan(0)
      expect(absent.length).toBeLessThan(5)
    }

    // §10.5: the Claude Code fixture shows one actor's local and remote use as two records.
    const byActor = new Map<string, Array<boolean>>()
    for (const r of cc.body.data) {
      const key = JSON.stringify(r.actor)
      byActor.set(key, [...(byActor.get(key) ?? []), r.is_remote])
    }
    expect(
      [...byActor.values()].some((flags) => flags.length === 2 && flags[0] === false && flags[1] === true)
    ).toBe(true)
  })

  it("is deterministic", () => {
    expect(WireFixture.costByDescription()).toEqual(WireFixture.costByDescription())
    expect(WireFixture.organization().usage).toEqual(WireFixture.organization().usage)
  })
})
