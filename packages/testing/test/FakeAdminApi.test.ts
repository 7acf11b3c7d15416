import { describe, expect, it } from "@effect/vitest"
import { FakeAdminApi, FakeFault, FakeOrganization } from "../src/index.js"
import {
  ADMIN_KEY,
  type Bucket,
  call,
  CLAUDE_CODE,
  COST,
  type CostItem,
  DIMENSIONS,
  type ErrorBody,
  HEADERS,
  type Page,
  pages,
  type Params,
  picocents,
  TOKEN_FIELDS,
  USAGE,
  type UsageItem
} from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 5, days: 10, now: NOW, workspaces: 3, keysPerWorkspace: 2 })
const api = () => FakeAdminApi.make({ organization: org })
const FAST = { ...HEADERS, "anthropic-beta": "fast-mode-2026-02-01" }
const START: Params = [["starting_at", "2026-03-08T00:00:00Z"]]

const expectError = (
  response: ReturnType<typeof call<ErrorBody>>,
  status: number,
  type: string,
  mentions: string
) => {
  expect(response.status).toBe(status)
  expect(response.json.type).toBe("error")
  expect(response.json.error.type).toBe(type)
  expect(response.json.error.message).toContain(mentions)
  expect(response.json.request_id).toMatch(/^req_/)
  expect(response.headers["request-id"]).toBe(response.json.request_id)
  expect(response.headers["content-type"]).toBe("application/json")
  // §10.8: every error the fake sends names its kind in error.details.error_code.
  expect(FakeAdminApi.errorCodes).toContain(response.json.error.details?.error_code)
}

describe("FakeAdminApi validation", () => {
  const cases: ReadonlyArray<readonly [string, string, Params, string, Record<string, string>?]> = [
    ["usage: starting_at missing", USAGE, [], "starting_at"],
    ["usage: starting_at not RFC 3339", USAGE, [["starting_at", "2026-03-08"]], "starting_at"],
    ["usage: starting_at impossible date", USAGE, [["starting_at", "2026-13-08T00:00:00Z"]], "starting_at"],
    [
      "usage: starting_at 2026-02-30 (not rolled over)",
      USAGE,
      [["starting_at", "2026-02-30T00:00:00Z"]],
      "starting_at"
    ],
    [
      "cost: ending_at 2026-04-31 (not rolled over)",
      COST,
      [...START, ["ending_at", "2026-04-31T00:00:00Z"]],
      "ending_at"
    ],
    ["usage: starting_at twice", USAGE, [...START, ...START], "starting_at"],
    ["usage: ending_at malformed", USAGE, [...START, ["ending_at", "tomorrow"]], "ending_at"],
    [
      "usage: ending_at before starting_at",
      USAGE,
      [...START, ["ending_at", "2026-03-07T00:00:00Z"]],
      "ending_at"
    ],
    ["usage: bucket_width unknown", USAGE, [...START, ["bucket_width", "1w"]], "bucket_width"],
    ["usage: limit 0", USAGE, [...START, ["limit", "0"]], "limit"],
    ["usage: limit over 31 for 1d", USAGE, [...START, ["limit", "32"]], "1 to 31"],
    ["usage: limit over 168 for 1h", USAGE, [...START, ["bucket_width", "1h"], ["limit", "169"]], "1 to 168"],
    [
      "usage: limit over 1440 for 1m",
      USAGE,
      [...START, ["bucket_width", "1m"], ["limit", "1441"]],
      "1 to 1440"
    ],
    ["usage: limit not an integer", USAGE, [...START, ["limit", "7.5"]], "limit"],
    ["usage: group_by unknown", USAGE, [...START, ["group_by[]", "description"]], "group_by[]"],
    ["usage: group_by without brackets", USAGE, [...START, ["group_by", "model"]], "group_by[]="],
    ["usage: models without brackets", USAGE, [...START, ["models", "claude-opus-4-5"]], "models[]="],
    ["usage: service_tiers unknown", USAGE, [...START, ["service_tiers[]", "gold"]], "service_tiers[]"],
    ["usage: context_window unknown", USAGE, [...START, ["context_window[]", "1M-2M"]], "context_window[]"],
    ["usage: inference_geos unknown", USAGE, [...START, ["inference_geos[]", "mars"]], "inference_geos[]"],
    ["usage: speeds unknown", USAGE, [...START, ["speeds[]", "warp"]], "speeds[]", FAST],
    ["usage: empty filter value", USAGE, [...START, ["workspace_ids[]", ""]], "workspace_ids[]"],
    ["usage: group_by speed without beta", USAGE, [...START, ["group_by[]", "speed"]], "anthropic-beta"],
    ["usage: speeds filter without beta", USAGE, [...START, ["speeds[]", "fast"]], "anthropic-beta"],
    ["usage: foreign cursor", USAGE, [...START, ["page", "page_bm9wZQ"]], "page"],
    ["usage: not a cursor", USAGE, [...START, ["page", "2026-03-09T00:00:00Z"]], "page"],
    ["cost: starting_at missing", COST, [], "starting_at"],
    ["cost: bucket_width 1h", COST, [...START, ["bucket_width", "1h"]], "only 1d"],
    ["cost: limit over 31", COST, [...START, ["limit", "32"]], "1 to 31"],
    ["cost: group_by model", COST, [...START, ["group_by[]", "model"]], "group_by[]"],
    ["cost: group_by api_key_id", COST, [...START, ["group_by[]", "api_key_id"]], "group_by[]"],
    ["cost: group_by without brackets", COST, [...START, ["group_by", "description"]], "group_by[]="],
    ["claude code: starting_at missing", CLAUDE_CODE, [], "starting_at"],
    ["claude code: starting_at as a timestamp", CLAUDE_CODE, [...START], "YYYY-MM-DD"],
    ["claude code: impossible day", CLAUDE_CODE, [["starting_at", "2026-02-30"]], "starting_at"],
    [
      "claude code: limit over 1000",
      CLAUDE_CODE,
      [
        ["starting_at", "2026-03-08"],
        ["limit", "1001"]
      ],
      "1 to 1000"
    ],
    [
      "claude code: foreign cursor",
      CLAUDE_CODE,
      [
        ["starting_at", "2026-03-08"],
        ["page", "page_x"]
      ],
      "page"
    ]
  ]
  for (const [name, path, params, mentions, headers] of cases) {
    it(`answers 400 with the envelope naming the parameter: ${name}`, () => {
      expectError(
        call<ErrorBody>(api(), path, params, headers ?? HEADERS),
        400,
        "invalid_request_error",
        mentions
      )
    })
  }

  it("rejects a cursor replayed with a different query", () => {
    const a = api()
    const first = call<Page<unknown>>(a, USAGE, [...START, ["limit", "1"]])
    expect(first.json.next_page).not.toBeNull()
    const replay = call<ErrorBody>(a, USAGE, [
      ["starting_at", "2026-03-08T00:00:00Z"],
      ["group_by[]", "model"],
      ["page", first.json.next_page!]
    ])
    expectError(replay, 400, "invalid_request_error", "page")
  })

  it("§10.6 (stricter than live) still requires anthropic-version: 400 missing_api_version", () => {
    const r = call<ErrorBody>(api(), USAGE, START, { "x-api-key": ADMIN_KEY })
    expectError(r, 400, "invalid_request_error", "anthropic-version")
    expect(r.json.error.details?.error_code).toBe("missing_api_version")
  })

  it("answers 404 not_found_error for an unknown path and 405 for a non-GET method", () => {
    expectError(
      call<ErrorBody>(api(), "/v1/organizations/usage_report/nope", START),
      404,
      "not_found_error",
      "nope"
    )
    const a = api()
    const r = a.handle({ method: "POST", url: `${USAGE}?starting_at=2026-03-08T00:00:00Z`, headers: HEADERS })
    expect(r.status).toBe(405)
    expect(JSON.parse(r.body).error.type).toBe("invalid_request_error")
  })
})

describe("FakeAdminApi authentication", () => {
  it("answers 401 authentication_error for a missing or unknown key", () => {
    expectError(
      call<ErrorBody>(api(), USAGE, START, { "anthropic-version": "2023-06-01" }),
      401,
      "authentication_error",
      "x-api-key"
    )
    expectError(
      call<ErrorBody>(api(), USAGE, START, { "x-api-key": "nope", "anthropic-version": "2023-06-01" }),
      401,
      "authentication_error",
      "x-api-key"
    )
  })

  it("answers 403 permission_error for a standard key", () => {
    expectError(
      call<ErrorBody>(api(), USAGE, START, {
        "x-api-key": "sk-ant-api03-abc",
        "anthropic-version": "2023-06-01"
      }),
      403,
      "permission_error",
      "Admin"
    )
  })

  it("accepts only the configured admin keys when given", () => {
    const strict = FakeAdminApi.make({ organization: org, adminKeys: ["sk-ant-admin01-good"] })
    const as = (key: string) =>
      call(strict, USAGE, START, { "x-api-key": key, "anthropic-version": "2023-06-01" }).status
    expect(as("sk-ant-admin01-good")).toBe(200)
    expect(as("sk-ant-admin01-revoked")).toBe(401)
    expect(as("sk-ant-api03-x")).toBe(403)
    const custom = FakeAdminApi.make({ organization: org, adminKeys: (k) => k === "token" })
    expect(
      call(custom, USAGE, START, { "x-api-key": "token", "anthropic-version": "2023-06-01" }).status
    ).toBe(200)
  })
})

describe("FakeAdminApi request ids", () => {
  it("counts per instance, so two instances give the same ids", () => {
    const a = api()
    const b = api()
    const ids = (x: FakeAdminApi.FakeAdminApi) =>
      [1, 2, 3].map(() => call(x, USAGE, START).headers["request-id"])
    const fromA = ids(a)
    expect(fromA).toEqual(ids(b))
    expect(new Set(fromA).size).toBe(3)
  })
})

describe("usage report", () => {
  it("snaps buckets to UTC and returns RFC 3339 bucket edges", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ["starting_at", "2026-03-08T05:30:00+02:00"],
      ["ending_at", "2026-03-08T07:00:00Z"],
      ["bucket_width", "1h"]
    ])
    expect(r.json.data.map((b) => b.starting_at)).toEqual([
      "2026-03-08T03:00:00Z",
      "2026-03-08T04:00:00Z",
      "2026-03-08T05:00:00Z",
      "2026-03-08T06:00:00Z"
    ])
    expect(r.json.data[0]!.ending_at).toBe("2026-03-08T04:00:00Z")
  })

  it("uses 1d and limit 7 by default, with has_more and an opaque next_page (§10.2: no ending_at ends at today 00:00 UTC)", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [["starting_at", "2026-03-06T00:00:00Z"]])
    expect(r.json.data).toHaveLength(7)
    expect(r.json.data[1]!.starting_at).toBe("2026-03-07T00:00:00Z")
    expect(r.json.has_more).toBe(true)
    expect(r.json.next_page).toMatch(/^page_/)
    const last = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ["starting_at", "2026-03-06T00:00:00Z"],
      ["page", r.json.next_page!]
    ])
    // The organisation's now is 2026-03-15T12:00Z: today (the 15th) is not returned by default.
    expect(last.json.data.map((b) => b.starting_at)).toEqual(["2026-03-13T00:00:00Z", "2026-03-14T00:00:00Z"])
    expect(last.json).toMatchObject({ has_more: false, next_page: null })
  })

  it("applies the default limit per bucket width: 24 for 1h, 60 for 1m", () => {
    const hours = call<Page<unknown>>(api(), USAGE, [...START, ["bucket_width", "1h"]])
    expect(hours.json.data).toHaveLength(24)
    const minutes = call<Page<unknown>>(api(), USAGE, [...START, ["bucket_width", "1m"]])
    expect(minutes.json.data).toHaveLength(60)
  })

  it("keeps every dimension null unless grouped, and one aggregate item without group_by", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [...START, ["ending_at", "2026-03-09T00:00:00Z"]])
    const results = r.json.data[0]!.results
    expect(results).toHaveLength(1)
    const item = results[0]!
    for (const d of DIMENSIONS.filter((x) => x !== "speed")) {
      expect(item[d]).toBeNull()
    }
    expect(item).not.toHaveProperty("speed")
    const truth = org.usage.filter((u) => u.day === Date.UTC(2026, 2, 8))
    expect(item.output_tokens).toBe(truth.reduce((s, u) => s + u.output_tokens, 0))
    expect(item.cache_creation.ephemeral_1h_input_tokens).toBe(
      truth.reduce((s, u) => s + u.ephemeral_1h_input_tokens, 0)
    )
  })

  it("fills exactly the grouped dimensions; api_key_id stays null for Console usage and workspace_id for the Default Workspace", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ...START,
      ["ending_at", "2026-03-09T00:00:00Z"],
      ["group_by[]", "api_key_id"],
      ["group_by[]", "workspace_id"]
    ])
    const results = r.json.data[0]!.results
    expect(results.length).toBeGreaterThan(1)
    for (const item of results) {
      expect(item.model).toBeNull()
      expect(item.service_tier).toBeNull()
    }
    // Console usage: no key, Default Workspace.
    expect(results.some((i) => i.api_key_id === null && i.workspace_id === null)).toBe(true)
    expect(results.some((i) => typeof i.workspace_id === "string" && typeof i.api_key_id === "string")).toBe(
      true
    )
  })

  it("accepts percent-encoded brackets (group_by%5B%5D) like bracket keys", () => {
    const a = api()
    const encoded = a.handle({
      method: "GET",
      url: `${USAGE}?starting_at=2026-03-08T00:00:00Z&group_by%5B%5D=model&models%5B%5D=claude-opus-4-5`,
      headers: HEADERS
    })
    const raw = a.handle({
      method: "GET",
      url: `${USAGE}?starting_at=2026-03-08T00:00:00Z&group_by[]=model&models[]=claude-opus-4-5`,
      headers: HEADERS
    })
    expect(encoded.status).toBe(200)
    expect(encoded.body).toBe(raw.body)
    const body = JSON.parse(encoded.body) as Page<Bucket<UsageItem>>
    expect(new Set(body.data.flatMap((b) => b.results.map((r) => r.model)))).toEqual(
      new Set(["claude-opus-4-5"])
    )
  })

  const filterCases: ReadonlyArray<readonly [string, keyof FakeOrganization.UsageDimensions, string]> = [
    ["api_key_ids[]", "api_key_id", "apikey_02fake"],
    ["workspace_ids[]", "workspace_id", "wrkspc_01afake"],
    ["models[]", "model", "claude-sonnet-4-5"],
    ["service_tiers[]", "service_tier", "batch"],
    ["context_window[]", "context_window", "0-200k"],
    ["inference_geos[]", "inference_geo", "not_available"],
    ["speeds[]", "speed", "standard"],
    ["account_ids[]", "account_id", "user_01fake"],
    [
      "service_account_ids[]",
      "service_account_id",
      org.streams.find((s) => s.service_account_id !== null)?.service_account_id ?? "svac_none"
    ]
  ]
  for (const [param, dimension, value] of filterCases) {
    it(`filters by ${param} without grouping by it, matching the organisation`, () => {
      const r = call<Page<Bucket<UsageItem>>>(
        api(),
        USAGE,
        [...START, ["ending_at", "2026-03-12T00:00:00Z"], [param, value]],
        FAST
      )
      expect(r.status).toBe(200)
      const total = r.json.data.flatMap((b) => b.results).reduce((s, i) => s + i.output_tokens, 0)
      const truth = org.usage
        .filter(
          (u) => u.day >= Date.UTC(2026, 2, 8) && u.day < Date.UTC(2026, 2, 12) && u[dimension] === value
        )
        .reduce((s, u) => s + u.output_tokens, 0)
      expect(truth).toBeGreaterThan(0)
      expect(total).toBe(truth)
      for (const item of r.json.data.flatMap((b) => b.results)) expect(item[dimension]).toBeNull()
    })
  }

  it("groups by speed with the fast-mode beta header, including repeated/comma-joined beta lists", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [...START, ["group_by[]", "speed"]], {
      ...HEADERS,
      "anthropic-beta": "some-other-beta, fast-mode-2026-02-01"
    })
    expect(r.status).toBe(200)
    const speeds = new Set(r.json.data.flatMap((b) => b.results.map((i) => i.speed)))
    expect(speeds).toEqual(new Set(["standard", "fast"]))
  })

  it("returns empty buckets as results: [] (before the organisation's history)", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ["starting_at", "2026-01-01T00:00:00Z"],
      ["ending_at", "2026-01-03T00:00:00Z"]
    ])
    expect(r.json.data).toEqual([
      { starting_at: "2026-01-01T00:00:00Z", ending_at: "2026-01-02T00:00:00Z", results: [] },
      { starting_at: "2026-01-02T00:00:00Z", ending_at: "2026-01-03T00:00:00Z", results: [] }
    ])
  })

  it("reports token fields as integers", () => {
    const items = pages<Bucket<UsageItem>>(api(), USAGE, [
      ["starting_at", "2026-03-06T00:00:00Z"],
      ["group_by[]", "model"]
    ])
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      for (const v of TOKEN_FIELDS(item)) expect(Number.isInteger(v) && v >= 0).toBe(true)
    }
  })
})

describe("cost report", () => {
  const range: Params = [
    ["starting_at", "2026-03-08T00:00:00Z"],
    ["ending_at", "2026-03-11T00:00:00Z"]
  ]

  it("fills model/token_type/service_tier/context_window only when grouped by description", () => {
    const plain = call<Page<Bucket<CostItem>>>(api(), COST, [...range, ["group_by[]", "workspace_id"]])
    for (const item of plain.json.data.flatMap((b) => b.results)) {
      for (const f of ["description", "cost_type", "model", "token_type", "service_tier", "context_window"]) {
        expect(item[f]).toBeNull()
      }
      expect(item.currency).toBe("USD")
    }
    const described = call<Page<Bucket<CostItem>>>(api(), COST, [...range, ["group_by[]", "description"]])
    const items = described.json.data.flatMap((b) => b.results)
    const tokens = items.filter((i) => i.cost_type === "tokens")
    expect(tokens.length).toBeGreaterThan(0)
    for (const item of tokens) {
      expect(typeof item.model).toBe("string")
      expect(typeof item.token_type).toBe("string")
      expect(["standard", "batch"]).toContain(item.service_tier)
      expect(["0-200k", "200k-1M"]).toContain(item.context_window)
      expect(item.workspace_id).toBeNull()
    }
    expect(
      items.some(
        (i) => i.description === "Web Search Usage" && i.cost_type === "web_search" && i.model === null
      )
    ).toBe(true)
    expect(
      items.some((i) => i.description === "Code Execution Usage" && i.cost_type === "code_execution")
    ).toBe(true)
    expect(tokens.some((i) => i.description === "Claude Sonnet 4.5 Usage - Input Tokens")).toBe(true)
  })

  it("amounts are exact decimal strings in cents whose groupings add up exactly", () => {
    const total = call<Page<Bucket<CostItem>>>(api(), COST, range).json.data
    const fine = call<Page<Bucket<CostItem>>>(api(), COST, [
      ...range,
      ["group_by[]", "workspace_id"],
      ["group_by[]", "description"]
    ]).json.data
    total.forEach((bucket, i) => {
      expect(bucket.results).toHaveLength(1)
      const sum = fine[i]!.results.reduce((s, item) => s + picocents(item.amount), 0n)
      expect(picocents(bucket.results[0]!.amount)).toBe(sum)
      for (const item of fine[i]!.results) expect(item.amount).toMatch(/^\d+(\.\d*[1-9])?$/)
    })
    expect(fine.flatMap((b) => b.results).some((i) => i.amount.includes("."))).toBe(true)
  })

  it("prices tokens at the fixed per-million rate (Sonnet 4.5 input: 300 cents per million), matching the usage report", () => {
    const workspace = "wrkspc_01afake"
    const usage = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ...range,
      ["workspace_ids[]", workspace],
      ["models[]", "claude-sonnet-4-5"],
      ["service_tiers[]", "standard"],
      ["context_window[]", "0-200k"],
      ["inference_geos[]", "not_available"]
    ]).json.data
    const costs = call<Page<Bucket<CostItem>>>(api(), COST, [
      ...range,
      ["group_by[]", "workspace_id"],
      ["group_by[]", "description"]
    ]).json.data
    let checked = 0
    usage.forEach((bucket, i) => {
      const tokens = bucket.results[0]?.uncached_input_tokens ?? 0
      const line = costs[i]!.results.find(
        (c) => c.workspace_id === workspace && c.description === "Claude Sonnet 4.5 Usage - Input Tokens"
      )
      if (tokens === 0) return expect(line).toBeUndefined()
      // tokens × 300 cents / 1,000,000, exactly
      expect(picocents(line!.amount)).toBe(BigInt(tokens) * 300n * 1_000_000n)
      checked++
    })
    expect(checked).toBeGreaterThan(0)
  })

  it("leaves Priority-tier usage out of the cost report", () => {
    const items = pages<Bucket<CostItem>>(api(), COST, [
      ["starting_at", "2026-03-06T00:00:00Z"],
      ["group_by[]", "description"]
    ])
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    expect(
      items.every(
        (i) => i.service_tier === null || i.service_tier === "standard" || i.service_tier === "batch"
      )
    ).toBe(true)
  })
})

describe("Claude Code report", () => {
  interface Record {
    readonly date: string
    readonly actor: { readonly type: string; readonly email_address?: string; readonly api_key_name?: string }
    readonly model_breakdown: ReadonlyArray<{
      readonly estimated_cost: { readonly amount: number; readonly currency: string }
    }>
    readonly [k: string]: unknown
  }

  it("§10.5 returns one record per actor, UTC day and is_remote, paged by records", () => {
    const big = FakeAdminApi.make({
      organization: FakeOrganization.make({
        seed: 2,
        days: 5,
        now: NOW,
        claudeCodeUsers: 30,
        claudeCodeApiKeys: 3
      })
    })
    const all = pages<Record>(big, CLAUDE_CODE, [
      ["starting_at", "2026-03-12"],
      ["limit", "7"]
    ])
    const records = all.flatMap((p) => p.data)
    expect(all.slice(0, -1).every((p) => p.data.length === 7)).toBe(true)
    expect(records.length).toBe(
      FakeOrganization.claudeCodeRecords(big.organization, Date.UTC(2026, 2, 12)).length
    )
    expect(records.length).toBeGreaterThan(7)
    const keys = records.map((r) => JSON.stringify([r.actor, r["is_remote"]]))
    expect(new Set(keys).size).toBe(keys.length)
    // Remote and local use are separate rows: (actor, day) is not unique (§10.5).
    const actors = records.map((r) => JSON.stringify(r.actor))
    expect(new Set(actors).size).toBeLessThan(actors.length)
    for (const r of records) expect(typeof r["is_remote"]).toBe("boolean")
    for (const r of records) {
      expect(r.date).toBe("2026-03-12T00:00:00Z")
      expect(r.actor.type === "user_actor" ? r.actor.email_address : r.actor.api_key_name).toEqual(
        expect.any(String)
      )
      for (const m of r.model_breakdown) {
        expect(Number.isInteger(m.estimated_cost.amount)).toBe(true)
        expect(m.estimated_cost.currency).toBe("USD")
      }
    }
    expect(records.some((r) => r.actor.type === "api_actor")).toBe(true)
  })

  it("defaults to 20 records per page", () => {
    const big = FakeAdminApi.make({
      organization: FakeOrganization.make({ seed: 2, days: 5, now: NOW, claudeCodeUsers: 60 })
    })
    const r = call<Page<Record>>(big, CLAUDE_CODE, [["starting_at", "2026-03-12"]])
    expect(r.json.data).toHaveLength(20)
    expect(r.json.has_more).toBe(true)
  })
})

describe("FakeAdminApi.handle (per-organisation default instance)", () => {
  it("answers like an instance, counting request ids per organisation, not globally", () => {
    const a = FakeOrganization.make({ seed: 5, days: 3, now: NOW })
    const b = FakeOrganization.make({ seed: 5, days: 3, now: NOW })
    const request = { method: "GET", url: `${USAGE}?starting_at=2026-03-14T00:00:00Z`, headers: HEADERS }
    const first = FakeAdminApi.handle(a, request)
    expect(first.status).toBe(200)
    expect(FakeAdminApi.handle(a, request).headers["request-id"]).not.toBe(first.headers["request-id"])
    expect(FakeAdminApi.handle(b, request).headers["request-id"]).toBe(first.headers["request-id"])
    expect(FakeAdminApi.handle(b, request).body).toBe(first.body)
  })
})

describe("models the fake does not know by name", () => {
  it("derives the display name, prices and capabilities from the id", () => {
    const custom = FakeAdminApi.make({
      organization: FakeOrganization.make({
        seed: 3,
        days: 3,
        now: NOW,
        models: ["claude-3-5-haiku-20241022"]
      })
    })
    const items = pages<Bucket<CostItem>>(custom, COST, [
      ["starting_at", "2026-03-13T00:00:00Z"],
      ["group_by[]", "description"]
    ])
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    const input = items.find((i) => i.description === "Claude 3.5 Haiku Usage - Input Tokens")
    expect(input).toMatchObject({ model: "claude-3-5-haiku-20241022", inference_geo: "not_available" })
    const usage = call<Page<Bucket<UsageItem>>>(custom, USAGE, [
      ["starting_at", "2026-03-13T00:00:00Z"],
      ["ending_at", "2026-03-14T00:00:00Z"],
      ["models[]", "claude-3-5-haiku-20241022"],
      ["service_tiers[]", "standard"],
      ["context_window[]", "0-200k"]
    ]).json.data[0]!.results[0]!
    const day = items.filter((i) => i.description === "Claude 3.5 Haiku Usage - Input Tokens")
    // Older Haiku: $0.80 per million input tokens = 80 cents per million.
    const firstDay = pages<Bucket<CostItem>>(custom, COST, [
      ["starting_at", "2026-03-13T00:00:00Z"],
      ["ending_at", "2026-03-14T00:00:00Z"],
      ["group_by[]", "description"]
    ])[0]!.data[0]!.results.find((i) => i.description === "Claude 3.5 Haiku Usage - Input Tokens")
    expect(day.length).toBeGreaterThan(0)
    expect(picocents(firstDay!.amount)).toBe(BigInt(usage.uncached_input_tokens) * 80n * 1_000_000n)
  })
})

// ---------------------------------------------------------------------------------------------
// The live rules of reference §10, each on by default.
// ---------------------------------------------------------------------------------------------

// api_key_id, workspace_id, model, service_tier, context_window, inference_geo
const SIX_DIMENSIONS = DIMENSIONS.slice(0, 6)
const groupBy = (dimensions: ReadonlyArray<string>): Params =>
  dimensions.map((d) => ["group_by[]", d] as const)
const codeOf = (r: { json: ErrorBody }) => r.json.error.details?.error_code

describe("§10.1 at most 5 group_by[] values per usage request", () => {
  it("§10.1 rejects a sixth group_by[] with 400 invalid_request_error (too_many_group_by_dimensions)", () => {
    const r = call<ErrorBody>(api(), USAGE, [...START, ...groupBy(SIX_DIMENSIONS)])
    expectError(r, 400, "invalid_request_error", "at most 5 dimensions may be given")
    expect(r.json.error.message).toContain("got 6")
    expect(codeOf(r)).toBe("too_many_group_by_dimensions")
  })

  it("§10.1 rejects six whatever the page size, and counts values as sent (a repeated value counts too)", () => {
    const small = call<ErrorBody>(api(), USAGE, [...START, ["limit", "1"], ...groupBy(SIX_DIMENSIONS)])
    expect(codeOf(small)).toBe("too_many_group_by_dimensions")
    const repeated = call<ErrorBody>(api(), USAGE, [
      ...START,
      ...groupBy(["model", "model", "model", "model", "model", "model"])
    ])
    expectError(repeated, 400, "invalid_request_error", "repeats included")
    expect(codeOf(repeated)).toBe("too_many_group_by_dimensions")
  })

  it("§10.1 accepts five group_by[] values, with exact totals", () => {
    const five = SIX_DIMENSIONS.slice(0, 5)
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ...START,
      ["ending_at", "2026-03-09T00:00:00Z"],
      ...groupBy(five)
    ])
    expect(r.status).toBe(200)
    const items = r.json.data[0]!.results
    const truth = org.usage.filter((u) => u.day === Date.UTC(2026, 2, 8))
    expect(items.reduce((s, i) => s + i.output_tokens, 0)).toBe(
      truth.reduce((s, u) => s + u.output_tokens, 0)
    )
    const keys = new Set(items.map((i) => JSON.stringify(five.map((d) => i[d]))))
    expect(keys.size).toBe(items.length)
  })
})

describe("§10.2 ending_at floored to the bucket", () => {
  const day = (s: string) =>
    [
      ["starting_at", `${s}T00:00:00Z`],
      ["ending_at", `${s}T23:59:59Z`]
    ] as const

  for (const [name, path] of [
    ["usage 1d", USAGE],
    ["cost", COST]
  ] as const) {
    it(`§10.2 ${name}: 00:00:00Z → 23:59:59Z of one day is a 400 invalid_date_range with x-should-retry: false`, () => {
      const r = call<ErrorBody>(api(), path, day("2026-03-10"))
      expectError(r, 400, "invalid_request_error", "invalid date range: ending_at must be after starting_at")
      expect(codeOf(r)).toBe("invalid_date_range")
      expect(r.headers["x-should-retry"]).toBe("false")
    })
  }

  it("§10.2 a daily range ending mid-day does not return that day (usage and cost)", () => {
    const range: Params = [
      ["starting_at", "2026-03-08T00:00:00Z"],
      ["ending_at", "2026-03-10T12:00:00Z"]
    ]
    for (const path of [USAGE, COST]) {
      const r = call<Page<Bucket<unknown>>>(api(), path, range)
      expect(r.status).toBe(200)
      expect(r.json.data.map((b) => b.starting_at)).toEqual(["2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"])
    }
  })

  it("§10.2 a cost request starting today with no ending_at gets the same 400 (default end: today 00:00 UTC)", () => {
    // The organisation's now is 2026-03-15T12:00Z.
    const today = call<ErrorBody>(api(), COST, [["starting_at", "2026-03-15T00:00:00Z"]])
    expectError(today, 400, "invalid_request_error", "invalid date range")
    expect(today.json.error.message).toContain("2026-03-15T00:00:00Z")
    expect(today.headers["x-should-retry"]).toBe("false")
    const yesterday = call<Page<Bucket<CostItem>>>(api(), COST, [["starting_at", "2026-03-14T00:00:00Z"]])
    expect(yesterday.json.data.map((b) => b.starting_at)).toEqual(["2026-03-14T00:00:00Z"])
  })

  it("§10.2 a 1d usage request starting today with no ending_at gets the same 400", () => {
    const r = call<ErrorBody>(api(), USAGE, [["starting_at", "2026-03-15T06:00:00Z"]])
    expect(codeOf(r)).toBe("invalid_date_range")
    expect(r.headers["x-should-retry"]).toBe("false")
  })

  it("§10.2 [unconfirmed] floors ending_at to the hour for 1h and to the minute for 1m buckets", () => {
    const hour = call<ErrorBody>(api(), USAGE, [
      ["starting_at", "2026-03-10T10:00:00Z"],
      ["ending_at", "2026-03-10T10:59:59Z"],
      ["bucket_width", "1h"]
    ])
    expect(codeOf(hour)).toBe("invalid_date_range")
    expect(hour.headers["x-should-retry"]).toBe("false")
    const minute = call<ErrorBody>(api(), USAGE, [
      ["starting_at", "2026-03-10T10:00:10Z"],
      ["ending_at", "2026-03-10T10:00:50Z"],
      ["bucket_width", "1m"]
    ])
    expect(codeOf(minute)).toBe("invalid_date_range")
    const partial = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ["starting_at", "2026-03-10T10:00:00Z"],
      ["ending_at", "2026-03-10T11:30:00Z"],
      ["bucket_width", "1h"]
    ])
    expect(partial.json.data.map((b) => b.starting_at)).toEqual(["2026-03-10T10:00:00Z"])
  })

  it("§10.2 [unconfirmed] 1h buckets without ending_at still run to the end of the organisation's day", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ["starting_at", "2026-03-15T20:00:00Z"],
      ["bucket_width", "1h"]
    ])
    expect(r.json.data.map((b) => b.starting_at)).toEqual([
      "2026-03-15T20:00:00Z",
      "2026-03-15T21:00:00Z",
      "2026-03-15T22:00:00Z",
      "2026-03-15T23:00:00Z"
    ])
  })

  it("§10.9 only the invalid-date-range 400 carries x-should-retry (false); other 400s carry none", () => {
    const other = call<ErrorBody>(api(), USAGE, [...START, ["limit", "0"]])
    expect(other.status).toBe(400)
    expect(other.headers).not.toHaveProperty("x-should-retry")
  })
})

describe("§10.3 per-organisation, per-minute rate limit", () => {
  const T0 = Date.UTC(2026, 2, 15, 12, 0, 30)
  const limited = (rateLimit?: FakeAdminApi.Options["rateLimit"]) => {
    let now = T0
    const instance = FakeAdminApi.make({
      organization: org,
      clock: () => now,
      ...(rateLimit === undefined ? {} : { rateLimit })
    })
    return {
      api: instance,
      at: (ms: number) => {
        now = ms
      },
      get: (path: string = USAGE, params: Params = START, headers: Record<string, string> = HEADERS) =>
        call<ErrorBody>(instance, path, params, headers)
    }
  }

  it("§10.3 by default the 121st report request in a UTC minute gets 429 rate_limit_error without retry-after", () => {
    const l = limited()
    for (let i = 0; i < 120; i++) expect(l.get().status).toBe(200)
    const r = l.get()
    expectError(r, 429, "rate_limit_error", "120 report requests per minute")
    expect(codeOf(r)).toBe("rate_limit_exceeded")
    expect(r.headers).not.toHaveProperty("retry-after")
    expect(r.headers).not.toHaveProperty("retry-after-ms")
    expect(r.headers["anthropic-ratelimit-requests-limit"]).toBe("120")
    expect(r.headers["anthropic-ratelimit-requests-remaining"]).toBe("0")
    expect(["2026-03-15T12:01:00Z", "2026-03-15T12:00:29Z"]).toContain(
      r.headers["anthropic-ratelimit-requests-reset"]
    )
  })

  it("§10.3 windows are fixed UTC minutes of the fake's clock: the count resets at the next minute", () => {
    const l = limited({ requestsPerMinute: 2, reset: "window-end" })
    l.at(Date.UTC(2026, 2, 15, 12, 0, 50))
    expect([l.get().status, l.get().status]).toEqual([200, 200])
    l.at(Date.UTC(2026, 2, 15, 12, 0, 59, 999))
    const r = l.get()
    expect(r.status).toBe(429)
    expect(r.headers["anthropic-ratelimit-requests-reset"]).toBe("2026-03-15T12:01:00Z")
    l.at(Date.UTC(2026, 2, 15, 12, 1, 0))
    expect([l.get().status, l.get().status, l.get().status]).toEqual([200, 200, 429])
  })

  it("§10.3 reset: past is one second before the fake's clock; omit sends no reset header", () => {
    const past = limited({ requestsPerMinute: 0, reset: "past" }).get()
    expect(past.status).toBe(429)
    expect(past.headers["anthropic-ratelimit-requests-reset"]).toBe("2026-03-15T12:00:29Z")
    const omit = limited({ requestsPerMinute: 0, reset: "omit" }).get()
    expect(omit.status).toBe(429)
    expect(omit.headers).not.toHaveProperty("anthropic-ratelimit-requests-reset")
    expect(omit.headers["anthropic-ratelimit-requests-limit"]).toBe("0")
  })

  it("§10.3 reset: mixed (the default) makes about one limited 429 in four carry a reset already past, deterministically", () => {
    const resets = (l: ReturnType<typeof limited>) =>
      Array.from({ length: 200 }, () => l.get().headers["anthropic-ratelimit-requests-reset"])
    const a = resets(limited({ requestsPerMinute: 0 }))
    expect(resets(limited({ requestsPerMinute: 0 }))).toEqual(a)
    const past = a.filter((r) => r === "2026-03-15T12:00:29Z").length
    const windowEnd = a.filter((r) => r === "2026-03-15T12:01:00Z").length
    expect(past + windowEnd).toBe(200)
    expect(past).toBeGreaterThan(30)
    expect(past).toBeLessThan(70)
  })

  it("§10.3 retryAfter: true adds retry-after, whole seconds to the window's end", () => {
    const r = limited({ requestsPerMinute: 0, retryAfter: true, reset: "window-end" }).get()
    expect(r.headers["retry-after"]).toBe("30")
  })

  it("§10.3 counts requests that reach a report endpoint (a 400 counts); 401/403, version errors, 404 and status faults do not", () => {
    let now = T0
    const instance = FakeAdminApi.make({
      organization: org,
      clock: () => now,
      rateLimit: { requestsPerMinute: 2 },
      faults: { script: [{ fault: FakeFault.overloaded(), request: 6 }] }
    })
    const get = (path: string, params: Params, headers: Record<string, string> = HEADERS) =>
      call<ErrorBody>(instance, path, params, headers).status
    expect(get(USAGE, START, { "anthropic-version": "2023-06-01" })).toBe(401)
    expect(get(USAGE, START, { ...HEADERS, "x-api-key": "sk-ant-api03-x" })).toBe(403)
    expect(get(USAGE, START, { ...HEADERS, "anthropic-version": "2024-01-01" })).toBe(400)
    expect(get("/v1/organizations/nope", START)).toBe(404)
    expect(get(USAGE, [...START, ["limit", "0"]])).toBe(400)
    expect(get(USAGE, START)).toBe(529) // a status fault answers before any check
    expect(get(USAGE, START)).toBe(200)
    expect(get(USAGE, START)).toBe(429)
    now += 60_000
    expect(get(USAGE, START)).toBe(200)
  })

  it("§10.3 covers the three report endpoints together, per fake instance", () => {
    const a = limited({ requestsPerMinute: 3 })
    expect(a.get(USAGE).status).toBe(200)
    expect(a.get(COST).status).toBe(200)
    expect(a.get(CLAUDE_CODE, [["starting_at", "2026-03-12"]]).status).toBe(200)
    expect(a.get(CLAUDE_CODE, [["starting_at", "2026-03-12"]]).status).toBe(429)
    // Another instance over the same organisation has its own limiter.
    expect(limited({ requestsPerMinute: 3 }).get(USAGE).status).toBe(200)
  })

  it("§10.3 rateLimit: false turns the limiter off", () => {
    const l = limited(false)
    expect(new Set(Array.from({ length: 300 }, () => l.get().status))).toEqual(new Set([200]))
  })
})

describe("§10.4 spec-minimal mode", () => {
  const DAY_RANGE: Params = [
    ["starting_at", "2026-03-06T00:00:00Z"],
    ["ending_at", "2026-03-13T00:00:00Z"]
  ]
  const both = (specMinimal: FakeAdminApi.Options["specMinimal"] = true) => ({
    full: FakeAdminApi.make({ organization: org, rateLimit: false }),
    minimal: FakeAdminApi.make({ organization: org, rateLimit: false, specMinimal })
  })
  /** For each key, whether it appeared omitted and as explicit null. */
  const shapes = (rows: ReadonlyArray<Record<string, unknown>>, keys: ReadonlyArray<string>) =>
    Object.fromEntries(
      keys.map((k) => [
        k,
        { omitted: rows.some((r) => !(k in r)), explicitNull: rows.some((r) => r[k] === null) }
      ])
    )

  it("§10.4 is off by default: every key is present", () => {
    const items = pages<Bucket<UsageItem>>(api(), USAGE, [...DAY_RANGE, ["group_by[]", "model"]])
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    for (const item of items) {
      for (const d of DIMENSIONS.filter((x) => x !== "speed")) expect(item).toHaveProperty(d)
    }
  })

  it("§10.4 usage items omit null dimension keys per row (seeded): both shapes appear, token fields and non-null values stay exact", () => {
    const { full, minimal } = both()
    for (const params of [
      [...DAY_RANGE],
      [...DAY_RANGE, ...groupBy(["model", "workspace_id"])],
      [...DAY_RANGE, ...groupBy(["api_key_id", "service_tier", "inference_geo"])]
    ] as ReadonlyArray<Params>) {
      const a = pages<Bucket<UsageItem>>(full, USAGE, params).flatMap((p) => p.data)
      const b = pages<Bucket<UsageItem>>(minimal, USAGE, params).flatMap((p) => p.data)
      expect(b.map((x) => [x.starting_at, x.ending_at])).toEqual(a.map((x) => [x.starting_at, x.ending_at]))
      a.forEach((bucket, i) => {
        const thin = b[i]!.results
        expect(thin).toHaveLength(bucket.results.length)
        bucket.results.forEach((item, j) => {
          const m = thin[j]!
          expect(TOKEN_FIELDS(m)).toEqual(TOKEN_FIELDS(item))
          for (const [k, v] of Object.entries(item)) {
            if (v !== null) expect(m[k]).toEqual(v)
            else if (k in m) expect(m[k]).toBeNull()
          }
          for (const k of Object.keys(m)) expect(item).toHaveProperty(k)
        })
      })
    }
    const rows = pages<Bucket<UsageItem>>(minimal, USAGE, DAY_RANGE)
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    for (const shape of Object.values(
      shapes(
        rows,
        DIMENSIONS.filter((d) => d !== "speed")
      )
    )) {
      expect(shape).toEqual({ omitted: true, explicitNull: true })
    }
  })

  it("§10.4 cost items require only amount and currency; Claude Code records may omit subscription_type", () => {
    const { full, minimal } = both()
    const params: Params = [...DAY_RANGE, ["group_by[]", "workspace_id"], ["group_by[]", "description"]]
    const a = pages<Bucket<CostItem>>(full, COST, params)
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    const b = pages<Bucket<CostItem>>(minimal, COST, params)
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    expect(b.map((i) => [i.amount, i.currency])).toEqual(a.map((i) => [i.amount, i.currency]))
    b.forEach((item, i) => {
      for (const [k, v] of Object.entries(a[i]!)) if (v !== null) expect(item[k]).toEqual(v)
    })
    const nonToken = b.filter((i) => i.cost_type !== "tokens")
    for (const shape of Object.values(
      shapes(nonToken, ["model", "token_type", "service_tier", "context_window"])
    )) {
      expect(shape).toEqual({ omitted: true, explicitNull: true })
    }
    const plain = pages<Bucket<CostItem>>(minimal, COST, DAY_RANGE)
      .flatMap((p) => p.data)
      .flatMap((b) => b.results)
    expect(shapes(plain, ["workspace_id", "description"])).toEqual({
      workspace_id: { omitted: true, explicitNull: true },
      description: { omitted: true, explicitNull: true }
    })

    const records = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"].flatMap(
      (d) => call<Page<Record<string, unknown>>>(minimal, CLAUDE_CODE, [["starting_at", d]]).json.data
    )
    expect(shapes(records, ["subscription_type"])).toEqual({
      subscription_type: { omitted: true, explicitNull: true }
    })
    for (const r of records) {
      expect(
        Object.keys(r)
          .filter((k) => k !== "subscription_type")
          .sort()
      ).toEqual(
        [
          "actor",
          "core_metrics",
          "customer_type",
          "date",
          "is_remote",
          "model_breakdown",
          "organization_id",
          "terminal_type",
          "tool_actions"
        ].sort()
      )
    }
  })

  it("§10.4 last pages of cost and Claude Code reports may omit next_page; usage envelopes stay complete", () => {
    const { minimal } = both()
    const lastPages = (path: string, starts: ReadonlyArray<string>, extra: Params = []) =>
      starts.map((s) => call<Page<unknown>>(minimal, path, [["starting_at", s], ...extra]).json)
    const days = Array.from({ length: 9 }, (_, i) => `2026-03-${String(6 + i).padStart(2, "0")}`)
    for (const path of [COST, CLAUDE_CODE]) {
      const last = lastPages(path, path === COST ? days.map((d) => `${d}T00:00:00Z`) : days, [
        ["limit", path === COST ? "31" : "1000"]
      ])
      expect(last.every((p) => !p.has_more)).toBe(true)
      expect(last.some((p) => !("next_page" in p))).toBe(true)
      expect(last.some((p) => p.next_page === null)).toBe(true)
    }
    const usage = lastPages(
      USAGE,
      days.map((d) => `${d}T00:00:00Z`),
      [
        ["ending_at", "2026-03-15T00:00:00Z"],
        ["limit", "31"]
      ]
    )
    for (const p of usage) expect(p).toMatchObject({ has_more: false, next_page: null })
    // A page with more to come always carries its cursor.
    const first = call<Page<unknown>>(minimal, COST, [
      ["starting_at", "2026-03-06T00:00:00Z"],
      ["limit", "2"]
    ]).json
    expect(first).toMatchObject({ has_more: true, next_page: expect.stringMatching(/^page_/) })
  })

  it("§10.4 is deterministic: the same request and seed give the same shape; another seed gives other shapes", () => {
    const params: Params = [...DAY_RANGE, ["group_by[]", "model"]]
    const body = (specMinimal: FakeAdminApi.Options["specMinimal"]) =>
      call(both(specMinimal).minimal, USAGE, params).body
    expect(body(true)).toBe(body(true))
    expect(body(true)).toBe(body({ seed: org.seed }))
    expect(body({ seed: 99 })).not.toBe(body(true))
    const { minimal } = both()
    expect(call(minimal, USAGE, params).body).toBe(call(minimal, USAGE, params).body)
  })
})

describe("§10.6 anthropic-version", () => {
  it("§10.6 accepts 2023-06-01 and 2026-10-21, with the same answer", () => {
    const old = call(api(), USAGE, START, { ...HEADERS, "anthropic-version": "2023-06-01" })
    const current = call(api(), USAGE, START, { ...HEADERS, "anthropic-version": "2026-10-21" })
    expect([old.status, current.status]).toEqual([200, 200])
    expect(current.body).toBe(old.body)
    expect(FakeAdminApi.API_VERSIONS).toEqual(["2023-06-01", "2026-10-21"])
  })

  it("§10.6 rejects any other value with 400 naming the header and the accepted values", () => {
    for (const version of ["2024-01-01", "2023-06-01, 2026-10-21", "latest", ""]) {
      const r = call<ErrorBody>(api(), USAGE, START, { ...HEADERS, "anthropic-version": version })
      expectError(r, 400, "invalid_request_error", "anthropic-version")
      expect(r.json.error.message).toContain("2023-06-01, 2026-10-21")
      expect(codeOf(r)).toBe("unsupported_api_version")
    }
  })
})

describe("§10.8 error.details.error_code", () => {
  it("§10.8 names each kind of rejection with its own code", () => {
    const cases: ReadonlyArray<readonly [string, Params, Record<string, string>, string, string?]> = [
      [USAGE, [], HEADERS, "missing_required_parameter"],
      [USAGE, [["starting_at", "nope"]], HEADERS, "invalid_parameter_value"],
      [USAGE, [...START, ...START], HEADERS, "repeated_scalar_parameter"],
      [USAGE, [...START, ["group_by", "model"]], HEADERS, "bracket_form_required"],
      [USAGE, [...START, ...groupBy(SIX_DIMENSIONS)], HEADERS, "too_many_group_by_dimensions"],
      [COST, [["starting_at", "2026-03-15T00:00:00Z"]], HEADERS, "invalid_date_range"],
      [USAGE, [...START, ["group_by[]", "speed"]], HEADERS, "beta_header_required"],
      [USAGE, [...START, ["page", "page_x"]], HEADERS, "invalid_page_cursor"],
      [USAGE, START, { "x-api-key": ADMIN_KEY }, "missing_api_version"],
      [USAGE, START, { ...HEADERS, "anthropic-version": "1" }, "unsupported_api_version"],
      [USAGE, START, { "anthropic-version": "2023-06-01" }, "missing_api_key"],
      [USAGE, START, { ...HEADERS, "x-api-key": "nope" }, "invalid_api_key"],
      [USAGE, START, { ...HEADERS, "x-api-key": "sk-ant-api03-x" }, "admin_key_required"],
      ["/v1/organizations/nope", START, HEADERS, "not_found"]
    ]
    for (const [path, params, headers, code] of cases) {
      expect(codeOf(call<ErrorBody>(api(), path, params, headers))).toBe(code)
    }
    const post = api().handle({
      method: "POST",
      url: `${USAGE}?starting_at=2026-03-08T00:00:00Z`,
      headers: HEADERS
    })
    expect(JSON.parse(post.body).error.details.error_code).toBe("method_not_allowed")
  })
})
