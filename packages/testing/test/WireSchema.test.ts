import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Schema } from "effect"
import { FakeAdminApi, FakeOrganization, WireArbitrary, WireFixture, WireSchema } from "../src/index.js"
import { call, CLAUDE_CODE, COST, HEADERS, pages, USAGE } from "./helpers.js"

const strict = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.decodeUnknownSync(schema, { onExcessProperty: "error" })
const NOW = Date.UTC(2026, 2, 15, 12)

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

describe("WireSchema: analytics and management (analytics §1–§3, admin §6, §10.10)", () => {
  const A = { ...HEADERS, "anthropic-beta": "analytics-usage-cost-2026-08-24,fast-mode-2026-02-01" }
  const org = FakeOrganization.make({ seed: 12, days: 6, now: NOW, keysPerWorkspace: 2 })
  const api = () => FakeAdminApi.make({ organization: org, rateLimit: false })

  it("describes every analytics page the fake sends: all groupings, widths, fan-outs, an unexported range", () => {
    const a = api()
    const range = [
      ["starting_at", "2026-03-11T00:00:00Z"],
      ["ending_at", "2026-03-13T00:00:00Z"]
    ] as const
    const groupings = [
      [],
      ["actor", "actor_type", "api_key_id", "workspace_id", "product"],
      ["model", "service_tier", "context_window", "inference_geo", "speed"],
      ["organization_id", "rbac_group_id", "agent_id", "session_id", "claude_tag_category"]
    ]
    for (const groupBy of groupings) {
      for (const width of [[], [["time_bucket_width", "1d"]], [["time_bucket_width", "1h"]]] as const) {
        const params = [
          ...range,
          ...width,
          ["limit", "100"] as const,
          ...groupBy.map((g) => ["group_by[]", g] as const)
        ]
        for (const page of pages(a, "/v1/organizations/analytics/usage", params, A)) {
          strict(WireSchema.AnalyticsUsagePage)(page)
        }
        for (const fan of [[], ["cost_type"], ["token_type"], ["cost_type", "token_type"]]) {
          for (const page of pages(
            a,
            "/v1/organizations/analytics/cost",
            [...params, ...fan.map((g) => ["group_by[]", g] as const)],
            A
          )) {
            strict(WireSchema.AnalyticsCostPage)(page)
          }
        }
      }
    }
    strict(WireSchema.AnalyticsUsagePage)(
      call(
        a,
        "/v1/organizations/analytics/usage",
        [
          ["starting_at", "2026-03-15T13:00:00Z"],
          ["ending_at", "2026-03-15T16:00:00Z"]
        ],
        A
      ).json
    )
  })

  it("describes every management answer the fake sends", () => {
    const a = api()
    const P = "/v1/organizations"
    strict(WireSchema.OrganizationInfo)(call(a, `${P}/me`).json)
    strict(WireSchema.UserPage)(call(a, `${P}/users`).json)
    strict(WireSchema.User)(call(a, `${P}/users/user_01fake`).json)
    strict(WireSchema.InvitePage)(call(a, `${P}/invites`).json)
    strict(WireSchema.Invite)(call(a, `${P}/invites/invite_01fake`).json)
    strict(WireSchema.WorkspacePage)(
      call(a, `${P}/workspaces`, [
        ["include_default", "true"],
        ["include_archived", "true"]
      ]).json
    )
    for (const w of ["wrkspc_00defaultfake", "wrkspc_01afake"]) {
      strict(WireSchema.Workspace)(call(a, `${P}/workspaces/${w}`).json)
      strict(WireSchema.WorkspaceMemberPage)(call(a, `${P}/workspaces/${w}/members`).json)
      strict(WireSchema.WorkspaceRateLimitPage)(
        call(a, `${P}/workspaces/${w}/rate_limits`, [["include_inherited", "true"]]).json
      )
    }
    strict(WireSchema.WorkspaceMember)(call(a, `${P}/workspaces/wrkspc_01afake/members/user_01fake`).json)
    strict(WireSchema.ApiKeyPage)(call(a, `${P}/api_keys`).json)
    strict(WireSchema.ApiKey)(call(a, `${P}/api_keys/apikey_02fake`).json)
    strict(WireSchema.RateLimitPage)(call(a, `${P}/rate_limits`).json)
    strict(WireSchema.RateLimitPage)(call(a, `${P}/rate_limits`, [["limit", "2"]]).json)
    const write = (method: string, path: string, body?: unknown) =>
      JSON.parse(
        a.handle({
          method,
          url: path,
          headers: { ...HEADERS, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) })
        }).body
      ) as unknown
    strict(WireSchema.Workspace)(write("POST", `${P}/workspaces`, { name: "New" }))
    strict(WireSchema.Workspace)(write("POST", `${P}/workspaces/wrkspc_01afake/archive`))
    strict(WireSchema.Invite)(write("POST", `${P}/invites`, { email: "z@example.com", role: "user" }))
    strict(WireSchema.InviteDeleted)(write("DELETE", `${P}/invites/invite_01fake`))
    strict(WireSchema.UserDeleted)(write("DELETE", `${P}/users/user_02fake`))
    strict(WireSchema.WorkspaceMemberDeleted)(
      write("DELETE", `${P}/workspaces/wrkspc_00defaultfake/members/user_03fake`)
    )
    strict(WireSchema.ApiKey)(write("POST", `${P}/api_keys/apikey_01fake`, { name: "n" }))
  })

  it("generates valid analytics pages (every actor variant) and management pages", () => {
    roundTrip(WireArbitrary.analyticsUsagePage, WireSchema.AnalyticsUsagePage)
    roundTrip(WireArbitrary.analyticsCostPage, WireSchema.AnalyticsCostPage)
    roundTrip(WireArbitrary.analyticsActor, WireSchema.AnalyticsActor)
    roundTrip(WireArbitrary.userPage, WireSchema.UserPage)
    roundTrip(WireArbitrary.invitePage, WireSchema.InvitePage)
    roundTrip(WireArbitrary.workspacePage, WireSchema.WorkspacePage)
    roundTrip(WireArbitrary.workspaceMemberPage, WireSchema.WorkspaceMemberPage)
    roundTrip(WireArbitrary.apiKeyPage, WireSchema.ApiKeyPage)
    roundTrip(WireArbitrary.rateLimitPage, WireSchema.RateLimitPage)
    roundTrip(WireArbitrary.workspaceRateLimitPage, WireSchema.WorkspaceRateLimitPage)
    const kinds = new Set(fc.sample(WireArbitrary.analyticsActor, 200).map((a) => a.type))
    expect(kinds).toEqual(new Set(["user_actor", "service_account_actor", "federated_actor", "api_actor"]))
  })

  it("keeps the invariants: has_more iff next_page, no export means no rows, token_type only on tokens rows, first/last ids", () => {
    fc.assert(
      fc.property(WireArbitrary.analyticsCostPage, WireArbitrary.apiKeyPage, (page, keys) => {
        expect(page.has_more).toBe(page.next_page !== null)
        if (page.data_refreshed_at === null) expect(page.data).toEqual([])
        for (const row of page.data) {
          if (row.group.cost_type !== "tokens") expect(row.group.token_type).toBeNull()
        }
        expect(keys.first_id).toBe(keys.data[0]?.id ?? null)
        expect(keys.last_id).toBe(keys.data[keys.data.length - 1]?.id ?? null)
      }),
      { numRuns: 60 }
    )
  })

  it("offers fixtures of the new endpoints that decode, and their error answers", () => {
    const usage = WireFixture.analyticsUsage()
    strict(WireSchema.AnalyticsUsagePage)(usage.body)
    expect(usage.body).toMatchObject({
      has_more: true,
      next_page: expect.stringMatching(/^page_/),
      data_refreshed_at: "2026-03-08T12:00:00Z"
    })
    expect(usage.body.data).toHaveLength(3)
    const byWorkspace = WireFixture.analyticsUsageByWorkspace()
    expect(byWorkspace.body.data.map((r) => r.group.workspace_id)).toContain("wrkspc_00defaultfake")
    const cost = WireFixture.analyticsCost()
    strict(WireSchema.AnalyticsCostPage)(cost.body)
    expect(cost.body.data.length).toBeGreaterThan(2)
    expect(cost.body.data.every((r) => r.cost.requests === null)).toBe(true)
    expect(WireFixture.analyticsNotExported().body).toEqual({
      data: [],
      has_more: false,
      next_page: null,
      data_refreshed_at: null
    })
    strict(WireSchema.OrganizationInfo)(WireFixture.organizationInfo().body)
    strict(WireSchema.UserPage)(WireFixture.users().body)
    expect(WireFixture.users().body).toMatchObject({
      has_more: true,
      first_id: "user_01fake",
      last_id: "user_02fake"
    })
    strict(WireSchema.InvitePage)(WireFixture.invites().body)
    strict(WireSchema.WorkspacePage)(WireFixture.workspaces().body)
    strict(WireSchema.WorkspaceMemberPage)(WireFixture.workspaceMembers().body)
    strict(WireSchema.ApiKeyPage)(WireFixture.apiKeys().body)
    strict(WireSchema.RateLimitPage)(WireFixture.rateLimits().body)
    strict(WireSchema.WorkspaceRateLimitPage)(WireFixture.workspaceRateLimits().body)
    expect(strict(WireSchema.Workspace)(WireFixture.workspaceCreated().body).name).toBe("Research")
    const errors = [...WireFixture.analyticsErrors(), ...WireFixture.managementErrors()]
    for (const e of errors) strict(WireSchema.ErrorResponse)(e.body)
    expect(errors.map((e) => [e.status, e.body.error.details?.error_code])).toEqual([
      [400, "beta_header_required"],
      [400, "too_many_group_by_dimensions"],
      [400, "date_range_too_long"],
      [400, "date_range_too_long"],
      [400, "starting_at_out_of_range"],
      [400, "unknown_parameter"],
      [400, "missing_required_parameter"],
      [400, "incompatible_parameters"],
      [410, "cursor_expired"],
      [404, "not_found"],
      [400, "invalid_parameter_value"],
      [409, "already_exists"],
      [403, "permission_denied"],
      [400, "invalid_page_cursor"],
      [405, "method_not_allowed"]
    ])
  })
})
