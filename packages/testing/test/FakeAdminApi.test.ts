import { describe, expect, it } from "@effect/vitest"
import { FakeAdminApi, FakeOrganization } from "../src/index.js"
import {
  ADMIN_KEY,
  type Bucket,
  call,
  CLAUDE_CODE,
  COST,
  type CostItem,
  DIMENSIONS,
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

interface ErrorBody {
  readonly type: string
  readonly error: { readonly type: string; readonly message: string }
  readonly request_id: string
}

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
}

describe("FakeAdminApi validation", () => {
  const cases: ReadonlyArray<readonly [string, string, Params, string, Record<string, string>?]> = [
    ["usage: starting_at missing", USAGE, [], "starting_at"],
    ["usage: starting_at not RFC 3339", USAGE, [["starting_at", "2026-03-08"]], "starting_at"],
    ["usage: starting_at impossible date", USAGE, [["starting_at", "2026-13-08T00:00:00Z"]], "starting_at"],
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

  it("requires anthropic-version", () => {
    expectError(
      call<ErrorBody>(api(), USAGE, START, { "x-api-key": ADMIN_KEY }),
      400,
      "invalid_request_error",
      "anthropic-version"
    )
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

  it("uses 1d and limit 7 by default, with has_more and an opaque next_page", () => {
    const r = call<Page<Bucket<UsageItem>>>(api(), USAGE, [["starting_at", "2026-03-06T00:00:00Z"]])
    expect(r.json.data).toHaveLength(7)
    expect(r.json.data[1]!.starting_at).toBe("2026-03-07T00:00:00Z")
    expect(r.json.has_more).toBe(true)
    expect(r.json.next_page).toMatch(/^page_/)
    const last = call<Page<Bucket<UsageItem>>>(api(), USAGE, [
      ["starting_at", "2026-03-06T00:00:00Z"],
      ["page", r.json.next_page!]
    ])
    expect(last.json.data.map((b) => b.starting_at)).toEqual([
      "2026-03-13T00:00:00Z",
      "2026-03-14T00:00:00Z",
      "2026-03-15T00:00:00Z"
    ])
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

  it("returns one record per actor for that UTC day, paged by records", () => {
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
    const actors = records.map((r) => JSON.stringify(r.actor))
    expect(new Set(actors).size).toBe(actors.length)
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
