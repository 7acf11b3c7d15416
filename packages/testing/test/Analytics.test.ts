/**
 * The Usage and Cost Analytics API endpoints of the fake (analytics reference
 * §1–§3): every parameter, the span rules, the beta header, paging, 410, and
 * one truth with the legacy reports.
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeAdminApi, FakeFault, FakeOrganization } from "../src/index.js"
import {
  ANALYTICS_BETA,
  ANALYTICS_COST,
  ANALYTICS_HEADERS,
  ANALYTICS_USAGE,
  analyticsRows,
  type Bucket,
  call,
  codeOf,
  COST,
  type CostItem,
  type ErrorBody,
  HEADERS,
  type Page,
  pages,
  type Params,
  picocents,
  send,
  USAGE,
  type UsageItem
} from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const HOUR = 3_600_000
const org = FakeOrganization.make({ seed: 5, days: 10, now: NOW, workspaces: 3, keysPerWorkspace: 2 })
const api = (options: Omit<FakeAdminApi.Options, "organization"> = {}) =>
  FakeAdminApi.make({ rateLimit: false, ...options, organization: org })
const FAST = { ...ANALYTICS_HEADERS, "anthropic-beta": `${ANALYTICS_BETA},fast-mode-2026-02-01` }
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")
const day = (d: number) => Date.UTC(2026, 2, d)
const range = (from: number, to: number): Params => [
  ["starting_at", iso(from)],
  ["ending_at", iso(to)]
]
const groupBy = (...dims: ReadonlyArray<string>): Params => dims.map((d) => ["group_by[]", d] as const)

interface Actor {
  readonly type: string
  readonly user_id?: string
  readonly api_key_id?: string
  readonly service_account_id?: string
  readonly email_address?: string | null
  readonly name?: string | null
  readonly deleted?: boolean
}
interface Group {
  readonly actor: Actor | null
  readonly [key: string]: unknown
}
interface UsageRow {
  readonly starting_at: string
  readonly ending_at: string
  readonly group: Group
  readonly usage: {
    readonly uncached_input_tokens: number
    readonly output_tokens: number
    readonly cache_read_input_tokens: number
    readonly cache_creation: {
      readonly ephemeral_5m_input_tokens: number
      readonly ephemeral_1h_input_tokens: number
    }
    readonly server_tool_use: { readonly web_search_requests: number }
    readonly requests: number | null
    readonly total_tokens: number
  }
}
interface CostRow {
  readonly starting_at: string
  readonly ending_at: string
  readonly group: Group
  readonly cost: {
    readonly amount: string
    readonly list_amount: string
    readonly currency: string
    readonly requests: number | null
  }
}
interface AnalyticsPage<A> extends Page<A> {
  readonly data_refreshed_at: string | null
}

const tokens = (r: UsageRow) => [
  r.usage.uncached_input_tokens,
  r.usage.cache_read_input_tokens,
  r.usage.output_tokens,
  r.usage.cache_creation.ephemeral_5m_input_tokens,
  r.usage.cache_creation.ephemeral_1h_input_tokens,
  r.usage.server_tool_use.web_search_requests
]
const legacyTokens = (i: UsageItem) => [
  i.uncached_input_tokens,
  i.cache_read_input_tokens,
  i.output_tokens,
  i.cache_creation.ephemeral_5m_input_tokens,
  i.cache_creation.ephemeral_1h_input_tokens,
  i.server_tool_use.web_search_requests
]
const add = (a: ReadonlyArray<number> | undefined, b: ReadonlyArray<number>) =>
  b.map((v, i) => v + (a?.[i] ?? 0))

const usageRows = (a: FakeAdminApi.FakeAdminApi, params: Params, headers = ANALYTICS_HEADERS) =>
  analyticsRows<UsageRow>(a, ANALYTICS_USAGE, [...params, ["limit", "1000"]], headers)
const costRows = (a: FakeAdminApi.FakeAdminApi, params: Params) =>
  analyticsRows<CostRow>(a, ANALYTICS_COST, [...params, ["limit", "1000"]])

const expectRejected = (
  r: { readonly status: number; readonly json: unknown; readonly headers: Readonly<Record<string, string>> },
  code: string,
  mentions: string,
  status = 400
) => {
  expect(r.status).toBe(status)
  const body = r.json as ErrorBody
  expect(body.type).toBe("error")
  expect(body.error.type).toBe(status === 410 ? "invalid_request_error" : "invalid_request_error")
  expect(body.error.details?.error_code).toBe(code)
  expect(body.error.message).toContain(mentions)
  expect(r.headers["request-id"]).toBe(body.request_id)
}

describe("analytics §1.1 beta header", () => {
  it("§1.1 refuses usage and cost without anthropic-beta: analytics-usage-cost-2026-08-24 (400 beta_header_required)", () => {
    for (const path of [ANALYTICS_USAGE, ANALYTICS_COST]) {
      const r = call(api(), path, range(day(10), day(11)), HEADERS)
      expectRejected(r, "beta_header_required", ANALYTICS_BETA)
      const other = call(api(), path, range(day(10), day(11)), {
        ...HEADERS,
        "anthropic-beta": "fast-mode-2026-02-01"
      })
      expect(other.status).toBe(400)
    }
  })

  it("§1.1 accepts the beta comma-joined with the caller's betas, and answers GET only", () => {
    const r = call(api(), ANALYTICS_USAGE, range(day(10), day(11)), {
      ...HEADERS,
      "anthropic-beta": `some-other-beta, ${ANALYTICS_BETA}`
    })
    expect(r.status).toBe(200)
    const post = api().handle({
      method: "POST",
      url: `${ANALYTICS_USAGE}?starting_at=2026-03-10T00:00:00Z`,
      headers: ANALYTICS_HEADERS
    })
    expect(post.status).toBe(405)
  })
})

describe("analytics §2.1 parameters are validated, naming the parameter and its error code", () => {
  const start: Params = [["starting_at", "2026-03-10T00:00:00Z"]]
  const cases: ReadonlyArray<readonly [string, string, Params, string, string]> = [
    ["starting_at missing", ANALYTICS_USAGE, [], "missing_required_parameter", "starting_at"],
    [
      "starting_at not RFC 3339",
      ANALYTICS_USAGE,
      [["starting_at", "2026-03-10"]],
      "invalid_parameter_value",
      "starting_at"
    ],
    [
      "starting_at before 2026-01-01",
      ANALYTICS_USAGE,
      [
        ["starting_at", "2025-12-31T23:00:00Z"],
        ["ending_at", "2026-01-01T01:00:00Z"]
      ],
      "starting_at_out_of_range",
      "2026-01-01"
    ],
    ["starting_at twice", ANALYTICS_USAGE, [...start, ...start], "repeated_scalar_parameter", "starting_at"],
    [
      "ending_at malformed",
      ANALYTICS_USAGE,
      [...start, ["ending_at", "soon"]],
      "invalid_parameter_value",
      "ending_at"
    ],
    [
      "a span over 31 days",
      ANALYTICS_USAGE,
      range(Date.UTC(2026, 1, 10), Date.UTC(2026, 2, 13, 0, 0, 1)),
      "date_range_too_long",
      "31 days"
    ],
    [
      "1m over 24 hours",
      ANALYTICS_USAGE,
      [...range(day(10), day(11) + 60_000), ["time_bucket_width", "1m"]],
      "date_range_too_long",
      "24 hours"
    ],
    [
      "time_bucket_width without ending_at",
      ANALYTICS_USAGE,
      [...start, ["time_bucket_width", "1h"]],
      "missing_required_parameter",
      "ending_at"
    ],
    [
      "time_bucket_width unknown",
      ANALYTICS_USAGE,
      [...range(day(10), day(11)), ["time_bucket_width", "1w"]],
      "invalid_parameter_value",
      "time_bucket_width"
    ],
    [
      "the legacy name bucket_width",
      ANALYTICS_USAGE,
      [...start, ["bucket_width", "1d"]],
      "unknown_parameter",
      "time_bucket_width"
    ],
    [
      "the legacy name context_window[]",
      ANALYTICS_USAGE,
      [...start, ["context_window[]", "0-200k"]],
      "unknown_parameter",
      "context_windows[]"
    ],
    [
      "the legacy filter account_ids[]",
      ANALYTICS_USAGE,
      [...start, ["account_ids[]", "user_01fake"]],
      "unknown_parameter",
      "actor_ids[]"
    ],
    ["limit 0", ANALYTICS_USAGE, [...start, ["limit", "0"]], "invalid_parameter_value", "limit"],
    ["limit 1001", ANALYTICS_USAGE, [...start, ["limit", "1001"]], "invalid_parameter_value", "1 to 1000"],
    [
      "group_by unknown",
      ANALYTICS_USAGE,
      [...start, ...groupBy("description")],
      "invalid_parameter_value",
      "group_by[]"
    ],
    [
      "group_by cost_type on usage",
      ANALYTICS_USAGE,
      [...start, ...groupBy("cost_type")],
      "invalid_parameter_value",
      "group_by[]"
    ],
    [
      "six group_by",
      ANALYTICS_USAGE,
      [...start, ...groupBy("model", "actor", "api_key_id", "workspace_id", "product", "service_tier")],
      "too_many_group_by_dimensions",
      "at most 5"
    ],
    [
      "a repeated group_by counts again",
      ANALYTICS_USAGE,
      [...start, ...groupBy("model", "model", "model", "model", "model", "model")],
      "too_many_group_by_dimensions",
      "at most 5"
    ],
    [
      "group_by without brackets",
      ANALYTICS_USAGE,
      [...start, ["group_by", "model"]],
      "bracket_form_required",
      "group_by[]="
    ],
    [
      "order_by unknown",
      ANALYTICS_USAGE,
      [...start, ["order_by", "amount"]],
      "invalid_parameter_value",
      "order_by"
    ],
    ["order unknown", ANALYTICS_USAGE, [...start, ["order", "up"]], "invalid_parameter_value", "order"],
    [
      "exclude_deleted_users not a boolean",
      ANALYTICS_USAGE,
      [...start, ["exclude_deleted_users", "yes"]],
      "invalid_parameter_value",
      "exclude_deleted_users"
    ],
    [
      "exclude_deleted_users without group_by[]=actor",
      ANALYTICS_USAGE,
      [...start, ["exclude_deleted_users", "true"]],
      "incompatible_parameters",
      "group_by[]=actor"
    ],
    [
      "actor_types unknown",
      ANALYTICS_USAGE,
      [...start, ["actor_types[]", "robot"]],
      "invalid_parameter_value",
      "actor_types[]"
    ],
    [
      "service_tiers unknown",
      ANALYTICS_USAGE,
      [...start, ["service_tiers[]", "gold"]],
      "invalid_parameter_value",
      "service_tiers[]"
    ],
    [
      "context_windows unknown",
      ANALYTICS_USAGE,
      [...start, ["context_windows[]", "1M-2M"]],
      "invalid_parameter_value",
      "context_windows[]"
    ],
    [
      "inference_geos unknown",
      ANALYTICS_USAGE,
      [...start, ["inference_geos[]", "eu"]],
      "invalid_parameter_value",
      "inference_geos[]"
    ],
    [
      "products: the legacy claude-tag",
      ANALYTICS_USAGE,
      [...start, ["products[]", "claude-tag"]],
      "invalid_parameter_value",
      "products[]"
    ],
    [
      "claude_tag_categories unknown",
      ANALYTICS_USAGE,
      [...start, ["claude_tag_categories[]", "chatty"]],
      "invalid_parameter_value",
      "claude_tag_categories[]"
    ],
    [
      "an empty workspace_ids[] entry",
      ANALYTICS_USAGE,
      [...start, ["workspace_ids[]", ""]],
      "invalid_parameter_value",
      "workspace_ids[]"
    ],
    [
      "101 models[]",
      ANALYTICS_USAGE,
      [...start, ...Array.from({ length: 101 }, (_, i) => ["models[]", `claude-x-${i}`] as const)],
      "too_many_filter_values",
      "at most 100"
    ],
    [
      "organization_ids[] in a non-parent organization",
      ANALYTICS_USAGE,
      [...start, ["organization_ids[]", org.organizationId]],
      "parent_organization_required",
      "organization_ids[]"
    ],
    [
      "claude_tag_user_id with rbac_group_ids[]",
      ANALYTICS_USAGE,
      [...start, ...groupBy("claude_tag_user_id"), ["rbac_group_ids[]", "rbac_group_1"]],
      "incompatible_parameters",
      "claude_tag_user_id"
    ],
    [
      "group_by speed without the fast-mode beta",
      ANALYTICS_USAGE,
      [...start, ...groupBy("speed")],
      "beta_header_required",
      "fast-mode-2026-02-01"
    ],
    ["not a cursor", ANALYTICS_USAGE, [...start, ["page", "page_x"]], "invalid_page_cursor", "page"],
    [
      "cost: order_by total_tokens",
      ANALYTICS_COST,
      [...start, ["order_by", "total_tokens"]],
      "invalid_parameter_value",
      "order_by"
    ],
    [
      "cost: group_by description (legacy)",
      ANALYTICS_COST,
      [...start, ...groupBy("description")],
      "invalid_parameter_value",
      "group_by[]"
    ],
    [
      "cost: six dimensions besides cost_type and token_type",
      ANALYTICS_COST,
      [
        ...start,
        ...groupBy("model", "actor", "api_key_id", "workspace_id", "product", "service_tier", "cost_type")
      ],
      "too_many_group_by_dimensions",
      "at most 5"
    ]
  ]
  for (const [name, path, params, code, mentions] of cases) {
    it(`§2.1 400 ${code}: ${name}`, () => {
      expectRejected(call(api(), path, params, ANALYTICS_HEADERS), code, mentions)
    })
  }

  it("§2.1 starting_at must be within the last 365 days of the organisation's now", () => {
    const late = FakeOrganization.make({ seed: 5, days: 3, now: Date.UTC(2027, 1, 10, 12) })
    const a = FakeAdminApi.make({ organization: late, rateLimit: false })
    expectRejected(
      call(a, ANALYTICS_USAGE, range(Date.UTC(2026, 1, 10), Date.UTC(2026, 1, 11)), ANALYTICS_HEADERS),
      "starting_at_out_of_range",
      "365 days"
    )
    expect(
      call(a, ANALYTICS_USAGE, range(Date.UTC(2026, 1, 11), Date.UTC(2026, 1, 12)), ANALYTICS_HEADERS).status
    ).toBe(200)
  })

  it("§2.1 an end not after the start once rounded down is 400 invalid_date_range with x-should-retry: false", () => {
    const r = call(
      api(),
      ANALYTICS_USAGE,
      range(day(10) + 10 * 60_000, day(10) + 50 * 60_000),
      ANALYTICS_HEADERS
    )
    expectRejected(r, "invalid_date_range", "rounded down to the hour")
    expect(r.headers["x-should-retry"]).toBe("false")
    const daily = call(
      api(),
      ANALYTICS_USAGE,
      [...range(day(10), day(10) + 23 * HOUR), ["time_bucket_width", "1d"]],
      ANALYTICS_HEADERS
    )
    expectRejected(daily, "invalid_date_range", "1d")
  })

  it("§2.1 31 days exactly and 24 hours of 1m buckets are accepted", () => {
    const a = api()
    expect(
      call(a, ANALYTICS_USAGE, range(Date.UTC(2026, 1, 10), Date.UTC(2026, 2, 13)), ANALYTICS_HEADERS).status
    ).toBe(200)
    const minutes = call<AnalyticsPage<UsageRow>>(
      a,
      ANALYTICS_USAGE,
      [...range(day(10), day(11)), ["time_bucket_width", "1m"]],
      ANALYTICS_HEADERS
    )
    expect(minutes.status).toBe(200)
  })

  it("§2.1 a cursor is bound to its query: replayed with another filter it is refused; a new limit is fine", () => {
    const a = api()
    const params: Params = [
      ...range(day(8), day(12)),
      ["time_bucket_width", "1d"],
      ...groupBy("model"),
      ["limit", "2"]
    ]
    const first = call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS)
    expect(first.json.next_page).toMatch(/^page_/)
    const replay = call(
      a,
      ANALYTICS_USAGE,
      [...params, ["models[]", "claude-opus-4-5"], ["page", first.json.next_page!]],
      ANALYTICS_HEADERS
    )
    expectRejected(replay, "invalid_page_cursor", "page")
    const other = call(
      a,
      ANALYTICS_USAGE,
      [...params.filter(([k]) => k !== "limit"), ["limit", "3"], ["page", first.json.next_page!]],
      ANALYTICS_HEADERS
    )
    expect(other.status).toBe(200)
  })
})

describe("analytics §1.3 paging, §2.1 order_by and order", () => {
  const params: Params = [
    ...range(day(7), day(14)),
    ["time_bucket_width", "1d"],
    ...groupBy("model", "workspace_id")
  ]

  it("§1.3 limit counts rows; following next_page returns every row once, has_more false and next_page null at the end", () => {
    const a = api()
    const all = usageRows(a, params)
    for (const limit of [1, 3, 7, 20]) {
      const ps = pages<UsageRow>(a, ANALYTICS_USAGE, [...params, ["limit", String(limit)]], ANALYTICS_HEADERS)
      for (const p of ps.slice(0, -1)) {
        expect(p.data).toHaveLength(limit)
        expect(p.has_more).toBe(true)
      }
      expect(ps[ps.length - 1]).toMatchObject({ has_more: false, next_page: null })
      expect(ps.flatMap((p) => p.data)).toEqual(all)
    }
    // 20 rows by default.
    expect(
      call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS).json.data
    ).toHaveLength(20)
  })

  it("§2.1 order_by total_tokens (default) sorts all rows descending; order=asc ascending", () => {
    const desc = usageRows(api(), params).map((r) => r.usage.total_tokens)
    expect(desc).toEqual([...desc].sort((x, y) => y - x))
    const asc = usageRows(api(), [...params, ["order", "asc"]]).map((r) => r.usage.total_tokens)
    expect(asc).toEqual([...asc].sort((x, y) => x - y))
  })

  it("§2.1 order_by uncached_input_tokens, output_tokens and requests sort by that field", () => {
    const cases = [
      ["uncached_input_tokens", (r: UsageRow) => r.usage.uncached_input_tokens],
      ["output_tokens", (r: UsageRow) => r.usage.output_tokens],
      ["requests", (r: UsageRow) => r.usage.requests ?? 0]
    ] as const
    for (const [orderBy, field] of cases) {
      const values = usageRows(api(), [...params, ["order_by", orderBy]]).map(field)
      expect(values).toEqual([...values].sort((x, y) => y - x))
    }
  })

  it("§2.1 order_by=time sorts buckets newest first (oldest with order=asc), total_tokens descending within a bucket", () => {
    for (const [order, dir] of [
      ["desc", -1],
      ["asc", 1]
    ] as const) {
      const rows = usageRows(api(), [...params, ["order_by", "time"], ["order", order]])
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1]!
        const b = rows[i]!
        const byTime = Date.parse(b.starting_at) - Date.parse(a.starting_at)
        if (byTime === 0) expect(b.usage.total_tokens).toBeLessThanOrEqual(a.usage.total_tokens)
        else expect(Math.sign(byTime)).toBe(dir)
      }
    }
  })

  it("§2.1 cost order_by amount (default), list_amount and time", () => {
    const cparams: Params = [
      ...range(day(7), day(14)),
      ["time_bucket_width", "1d"],
      ...groupBy("workspace_id")
    ]
    const amounts = costRows(api(), cparams).map((r) => picocents(r.cost.amount))
    expect(amounts).toEqual([...amounts].sort((x, y) => (x === y ? 0 : x > y ? -1 : 1)))
    const lists = costRows(api(), [...cparams, ["order_by", "list_amount"], ["order", "asc"]]).map((r) =>
      picocents(r.cost.list_amount)
    )
    expect(lists).toEqual([...lists].sort((x, y) => (x === y ? 0 : x < y ? -1 : 1)))
    const byTime = costRows(api(), [...cparams, ["order_by", "time"]]).map((r) => r.starting_at)
    expect(byTime).toEqual([...byTime].sort().reverse())
  })

  it("is deterministic: the same query gives the same bytes on another instance", () => {
    const p: Params = [...params, ["limit", "5"]]
    expect(call(api(), ANALYTICS_USAGE, p, ANALYTICS_HEADERS).body).toBe(
      call(api(), ANALYTICS_USAGE, p, ANALYTICS_HEADERS).body
    )
  })
})

describe("analytics §2.2–§2.3 rows", () => {
  it("§2.2 group always carries all 20 keys (cost: 22), null unless grouped", () => {
    const [row] = usageRows(api(), [...range(day(10), day(11)), ...groupBy("model")])
    expect(Object.keys(row!.group)).toHaveLength(20)
    for (const [k, v] of Object.entries(row!.group)) if (k !== "model") expect(v).toBeNull()
    const [crow] = costRows(api(), [...range(day(10), day(11)), ...groupBy("model")])
    expect(Object.keys(crow!.group).sort()).toEqual(
      [...Object.keys(row!.group), "cost_type", "token_type"].sort()
    )
  })

  it("§2 without group_by and bucket width: a single row for the whole range, both ends rounded down to the hour", () => {
    const r = call<AnalyticsPage<UsageRow>>(
      api(),
      ANALYTICS_USAGE,
      [
        ["starting_at", "2026-03-10T06:30:00Z"],
        ["ending_at", "2026-03-12T18:45:10Z"]
      ],
      ANALYTICS_HEADERS
    )
    expect(r.json.data).toHaveLength(1)
    expect(r.json.data[0]).toMatchObject({
      starting_at: "2026-03-10T06:00:00Z",
      ending_at: "2026-03-12T18:00:00Z"
    })
    const hourly = usageRows(api(), [
      ...range(Date.UTC(2026, 2, 10, 6), Date.UTC(2026, 2, 12, 18)),
      ["time_bucket_width", "1h"]
    ])
    expect(tokens(r.json.data[0]!)).toEqual(
      hourly.reduce<ReadonlyArray<number>>((s, x) => add(s, tokens(x)), [0, 0, 0, 0, 0, 0])
    )
  })

  it("§2 without ending_at the range ends at min(now, start + 31 days)", () => {
    const r = call<AnalyticsPage<UsageRow>>(
      api(),
      ANALYTICS_USAGE,
      [["starting_at", "2026-03-14T00:00:00Z"]],
      ANALYTICS_HEADERS
    )
    expect(r.json.data[0]).toMatchObject({
      starting_at: "2026-03-14T00:00:00Z",
      ending_at: "2026-03-15T12:00:00Z"
    })
  })

  it("§2.3 total_tokens is uncached + cache read + both cache writes + output; requests count the requests", () => {
    for (const r of usageRows(api(), [
      ...range(day(8), day(12)),
      ["time_bucket_width", "1d"],
      ...groupBy("api_key_id")
    ])) {
      const u = r.usage
      expect(u.total_tokens).toBe(
        u.uncached_input_tokens +
          u.cache_read_input_tokens +
          u.output_tokens +
          u.cache_creation.ephemeral_5m_input_tokens +
          u.cache_creation.ephemeral_1h_input_tokens
      )
      expect(Number.isInteger(u.requests) && u.requests! > 0).toBe(true)
    }
  })

  it("§2 only rows with usage: no all-zero row, and a range before the history has data: [] with data_refreshed_at set", () => {
    for (const r of usageRows(api(), [
      ...range(day(6), day(9)),
      ["time_bucket_width", "1h"],
      ...groupBy("model", "service_tier")
    ])) {
      expect([...tokens(r), r.usage.requests].some((v) => (v ?? 0) > 0)).toBe(true)
    }
    const before = call<AnalyticsPage<UsageRow>>(
      api(),
      ANALYTICS_USAGE,
      range(Date.UTC(2026, 1, 1), Date.UTC(2026, 1, 3)),
      ANALYTICS_HEADERS
    )
    expect(before.json).toEqual({
      data: [],
      has_more: false,
      next_page: null,
      data_refreshed_at: "2026-03-15T12:00:00Z"
    })
  })

  it("§2.3 code-execution rows: product, model and the token dimensions null, zero tokens, requests = execution spans", () => {
    const rows = usageRows(api(), [
      ...range(day(6), day(15)),
      ["time_bucket_width", "1d"],
      ...groupBy("product", "model", "workspace_id")
    ])
    const codeRows = rows.filter((r) => r.group["product"] === null)
    expect(codeRows.length).toBeGreaterThan(0)
    for (const r of codeRows) {
      expect(r.group["model"]).toBeNull()
      expect(tokens(r)).toEqual([0, 0, 0, 0, 0, 0])
      const wi = org.workspaces.findIndex((w) => w.taggedId === r.group["workspace_id"])
      expect(r.usage.requests).toBe(FakeOrganization.codeExecution(org, wi, Date.parse(r.starting_at))?.spans)
    }
  })
})

describe("analytics §2.2 Default Workspace and filters", () => {
  const span = range(day(8), day(12))

  it("§2.2 the Console Default Workspace has its tagged id (the legacy reports show null)", () => {
    const ws = usageRows(api(), [...span, ...groupBy("workspace_id")]).map((r) => r.group["workspace_id"])
    expect(ws).toContain(FakeOrganization.DEFAULT_WORKSPACE_ID)
    expect(ws).not.toContain(null)
    const legacy = call<Page<Bucket<UsageItem>>>(api(), USAGE, [...span, ["group_by[]", "workspace_id"]])
    expect(legacy.json.data[0]!.results.some((i) => i.workspace_id === null)).toBe(true)
    // Filtering by the tagged id selects the Default Workspace's usage.
    const filtered = usageRows(api(), [...span, ["workspace_ids[]", FakeOrganization.DEFAULT_WORKSPACE_ID]])
    const legacyDefault = legacy.json.data.flatMap((b) => b.results).filter((i) => i.workspace_id === null)
    expect(filtered[0]!.usage.output_tokens).toBe(legacyDefault.reduce((s, i) => s + i.output_tokens, 0))
  })

  it("§2.1 api_key_ids[] with the empty entry also matches usage with no key (Console and workload identity)", () => {
    const byKey = usageRows(api(), [...span, ...groupBy("api_key_id")])
    const noKey = byKey.find((r) => r.group["api_key_id"] === null)!
    const onlyEmpty = usageRows(api(), [...span, ["api_key_ids[]", ""]])
    expect(tokens(onlyEmpty[0]!)).toEqual(tokens(noKey))
    const withKey = usageRows(api(), [...span, ["api_key_ids[]", ""], ["api_key_ids[]", "apikey_01fake"]])
    const key1 = byKey.find((r) => r.group["api_key_id"] === "apikey_01fake")!
    expect(tokens(withKey[0]!)).toEqual(add(tokens(noKey), tokens(key1)))
  })

  it("§2.1 an apikey_ entry of actor_ids[] matches only usage attributed to the key; api_key_ids[] every request it authenticated", () => {
    // apikey_02fake is a personal key: its usage is attributed to its user (user_actor), not to the key.
    const personal = org.apiKeys.find((k) => k.principal !== null && k.status === "active")!
    expect(usageRows(api(), [...span, ["actor_ids[]", personal.id]])).toEqual([])
    const byKey = usageRows(api(), [...span, ["api_key_ids[]", personal.id], ...groupBy("actor")])
    expect(byKey.map((r) => r.group.actor)).toEqual([
      expect.objectContaining({
        type: "user_actor",
        user_id: personal.principal!.type === "user_actor" ? personal.principal!.user_id : ""
      })
    ])
    const workspaceKey = org.apiKeys.find((k) => k.principal === null)!
    const asActor = usageRows(api(), [...span, ["actor_ids[]", workspaceKey.id]])
    const asKey = usageRows(api(), [...span, ["api_key_ids[]", workspaceKey.id]])
    expect(asActor.length).toBe(1)
    expect(tokens(asActor[0]!)).toEqual(tokens(asKey[0]!))
  })

  it("§1.5 inference_geos[]=not_available matches rows whose geo is unset (null in responses)", () => {
    const byGeo = usageRows(api(), [...span, ...groupBy("inference_geo")])
    const unset = byGeo.find((r) => r.group["inference_geo"] === null)!
    expect(byGeo.map((r) => r.group["inference_geo"])).not.toContain("not_available")
    const filtered = usageRows(api(), [...span, ["inference_geos[]", "not_available"]])
    expect(tokens(filtered[0]!)).toEqual(tokens(unset))
  })

  it("§2.1 filters match the organisation without grouping: models[], service_tiers[], context_windows[], products[], actor_types[], speeds[]", () => {
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      ["models[]", "claude-sonnet-4-5", "model"],
      ["service_tiers[]", "batch", "service_tier"],
      ["context_windows[]", "0-200k", "context_window"],
      ["products[]", "claude_console", "product"],
      ["actor_types[]", "service_account_actor", "actor_type"],
      ["speeds[]", "fast", "speed"]
    ]
    for (const [param, value, dim] of cases) {
      const grouped = usageRows(api(), [...span, ...groupBy(dim)], FAST).find((r) => r.group[dim] === value)
      const filtered = usageRows(api(), [...span, [param, value]], FAST)
      expect(grouped, param).toBeDefined()
      expect(tokens(filtered[0]!)).toEqual(tokens(grouped!))
      expect(filtered[0]!.group[dim]).toBeNull()
    }
  })

  it("§2.1 filters on dimensions the organisation has no activity for match nothing (rbac_group_ids[], agent_ids[], …)", () => {
    for (const [param, value] of [
      ["rbac_group_ids[]", "rbac_group_01"],
      ["agent_ids[]", "agent_1"],
      ["session_ids[]", "sesn_1"],
      ["slack_channel_ids[]", "C123"],
      ["user_profile_ids[]", "uprof_1"]
    ] as const) {
      expect(usageRows(api(), [...span, [param, value]])).toEqual([])
    }
  })
})

describe("analytics §1.6 actor", () => {
  const span = range(day(8), day(12))

  it("§1.6 attributes Console usage and personal keys to users, workload identity to service accounts, the rest to keys", () => {
    const rows = usageRows(api(), [...span, ...groupBy("actor", "actor_type")])
    const types = new Set(rows.map((r) => r.group.actor?.type))
    expect(types).toEqual(new Set(["user_actor", "service_account_actor", "api_actor"]))
    for (const r of rows) expect(r.group["actor_type"]).toBe(r.group.actor?.type)
    const ada = rows.find((r) => r.group.actor?.user_id === "user_01fake")!.group.actor
    expect(ada).toEqual({
      type: "user_actor",
      user_id: "user_01fake",
      email_address: "ada@example.com",
      name: "Ada Lovelace",
      deleted: false
    })
  })

  it("§1.6 a former member is deleted: true with the email kept; exclude_deleted_users drops those rows after paging", () => {
    const rows = usageRows(api(), [...span, ...groupBy("actor")])
    const former = org.users.find((u) => !u.member)!
    const gone = rows.filter((r) => r.group.actor?.deleted === true)
    expect(gone.map((r) => r.group.actor)).toEqual([
      {
        type: "user_actor",
        user_id: former.id,
        email_address: former.email,
        name: former.name,
        deleted: true
      }
    ])
    const kept = usageRows(api(), [...span, ...groupBy("actor"), ["exclude_deleted_users", "true"]])
    expect(kept).toEqual(rows.filter((r) => r.group.actor?.deleted !== true))
    // The rows are dropped from the page they fall on: that page holds fewer rows than limit.
    const position = rows.findIndex((r) => r.group.actor?.deleted === true)
    const ps = pages<UsageRow>(
      api(),
      ANALYTICS_USAGE,
      [...span, ...groupBy("actor"), ["exclude_deleted_users", "true"], ["limit", "1"]],
      ANALYTICS_HEADERS
    )
    expect(ps[position]!.data).toEqual([])
    expect(ps[position]!.has_more).toBe(position < rows.length - 1)
  })

  it("§1.6 removing a member through the users endpoint makes their later analytics rows deleted: true", () => {
    const a = api()
    const user = org.users.find(
      (u) =>
        u.member &&
        u.role !== "admin" &&
        org.apiKeys.some((k) => k.principal?.type === "user_actor" && k.principal.user_id === u.id)
    )!
    const before = usageRows(a, [...span, ["actor_ids[]", user.id], ...groupBy("actor")])
    expect(before[0]!.group.actor?.deleted).toBe(false)
    expect(send(a, "DELETE", `/v1/organizations/users/${user.id}`).status).toBe(200)
    const after = usageRows(a, [...span, ["actor_ids[]", user.id], ...groupBy("actor")])
    expect(after[0]!.group.actor).toMatchObject({
      user_id: user.id,
      email_address: user.email,
      deleted: true
    })
    expect(tokens(after[0]!)).toEqual(tokens(before[0]!))
  })
})

describe("analytics §3 cost", () => {
  const span = range(day(9), day(11))

  it("§3 amount and list_amount are exact decimal strings of cents with at least six decimals; list_amount ≥ amount", () => {
    const rows = costRows(api(), [...span, ["time_bucket_width", "1d"], ...groupBy("api_key_id", "model")])
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      expect(r.cost.amount).toMatch(/^\d+\.\d{6,12}$/)
      expect(r.cost.list_amount).toMatch(/^\d+\.\d{6,12}$/)
      expect(r.cost.currency).toBe("USD")
      expect(picocents(r.cost.list_amount) >= picocents(r.cost.amount)).toBe(true)
      expect(Number.isInteger(r.cost.requests)).toBe(true)
    }
  })

  it("§3 cost_type fans out one row per component, adjacent, not counted toward limit; requests null", () => {
    const a = api()
    const plain = costRows(a, [...span, ...groupBy("api_key_id")])
    const page = call<AnalyticsPage<CostRow>>(
      a,
      ANALYTICS_COST,
      [...span, ...groupBy("api_key_id", "cost_type"), ["limit", "2"]],
      ANALYTICS_HEADERS
    ).json
    const keys = [...new Set(page.data.map((r) => r.group["api_key_id"]))]
    expect(keys).toHaveLength(2)
    expect(page.data.length).toBeGreaterThan(2)
    expect(keys).toEqual(plain.slice(0, 2).map((r) => r.group["api_key_id"]))
    // adjacent: the key changes once
    expect(
      page.data.filter((r, i) => i > 0 && r.group["api_key_id"] !== page.data[i - 1]!.group["api_key_id"])
    ).toHaveLength(1)
    for (const r of page.data) {
      expect(["tokens", "web_search", "code_execution"]).toContain(r.group["cost_type"])
      expect(r.group["token_type"]).toBeNull()
      expect(r.cost.requests).toBeNull()
    }
    const all = costRows(a, [...span, ...groupBy("api_key_id", "cost_type")])
    for (const p of plain) {
      const parts = all.filter((r) => r.group["api_key_id"] === p.group["api_key_id"])
      expect(parts.reduce((s, r) => s + picocents(r.cost.amount), 0n)).toBe(picocents(p.cost.amount))
      expect(parts.reduce((s, r) => s + picocents(r.cost.list_amount), 0n)).toBe(
        picocents(p.cost.list_amount)
      )
    }
  })

  it("§3 token_type gives one tokens row per token type; with cost_type the web-search and code-execution rows too; alone it drops non-token cost [unconfirmed, stricter]", () => {
    const total = costRows(api(), span)[0]!
    const both = costRows(api(), [...span, ...groupBy("cost_type", "token_type")])
    expect(both.reduce((s, r) => s + picocents(r.cost.amount), 0n)).toBe(picocents(total.cost.amount))
    for (const r of both) {
      if (r.group["cost_type"] === "tokens") expect(typeof r.group["token_type"]).toBe("string")
      else expect(r.group["token_type"]).toBeNull()
    }
    expect(new Set(both.map((r) => r.group["cost_type"]))).toEqual(
      new Set(["tokens", "web_search", "code_execution"])
    )
    const alone = costRows(api(), [...span, ...groupBy("token_type")])
    expect(alone.every((r) => r.group["cost_type"] === "tokens")).toBe(true)
    const tokenTotal = both
      .filter((r) => r.group["cost_type"] === "tokens")
      .reduce((s, r) => s + picocents(r.cost.amount), 0n)
    expect(alone.reduce((s, r) => s + picocents(r.cost.amount), 0n)).toBe(tokenTotal)
    expect(tokenTotal < picocents(total.cost.amount)).toBe(true)
  })

  it("§3 api_key_id on cost: per-key amounts add up to the total exactly", () => {
    const total = costRows(api(), span)[0]!
    const byKey = costRows(api(), [...span, ...groupBy("api_key_id")])
    expect(byKey.some((r) => r.group["api_key_id"] === null)).toBe(true)
    expect(byKey.reduce((s, r) => s + picocents(r.cost.amount), 0n)).toBe(picocents(total.cost.amount))
    expect(byKey.reduce((s, r) => s + (r.cost.requests ?? 0), 0)).toBe(total.cost.requests)
  })
})

describe("one truth: analytics and legacy agree (issue 13 item 6)", () => {
  const days = [day(6), day(7), day(8), day(9), day(10), day(11), day(12), day(13), day(14)]
  const span = range(day(6), day(15))

  it("usage per day and model: the analytics 1d buckets equal the legacy usage report's, field by field", () => {
    const a = api()
    const legacy = new Map<string, ReadonlyArray<number>>()
    for (const b of pages<Bucket<UsageItem>>(a, USAGE, [
      ...span,
      ["group_by[]", "model"],
      ["limit", "31"]
    ]).flatMap((p) => p.data)) {
      for (const i of b.results) legacy.set(`${b.starting_at}|${i.model}`, legacyTokens(i))
    }
    const analytics = new Map<string, ReadonlyArray<number>>()
    for (const r of usageRows(a, [...span, ["time_bucket_width", "1d"], ...groupBy("model")])) {
      // Code-execution rows have no model and no tokens.
      if (r.group["model"] === null) {
        expect(tokens(r)).toEqual([0, 0, 0, 0, 0, 0])
        continue
      }
      analytics.set(`${r.starting_at}|${r.group["model"]}`, tokens(r))
    }
    expect(analytics.size).toBeGreaterThan(days.length)
    expect(analytics).toEqual(legacy)
  })

  it("cost per day and model: the analytics 1d buckets equal the legacy cost report's description lines summed per model, exactly", () => {
    const a = api()
    const legacy = new Map<string, bigint>()
    for (const b of pages<Bucket<CostItem>>(a, COST, [
      ...span,
      ["group_by[]", "description"],
      ["limit", "31"]
    ]).flatMap((p) => p.data)) {
      for (const i of b.results) {
        const key = `${b.starting_at}|${String(i["model"])}`
        legacy.set(key, (legacy.get(key) ?? 0n) + picocents(i.amount))
      }
    }
    const analytics = new Map<string, bigint>()
    for (const r of costRows(a, [...span, ["time_bucket_width", "1d"], ...groupBy("model")])) {
      analytics.set(`${r.starting_at}|${String(r.group["model"])}`, picocents(r.cost.amount))
    }
    expect(analytics.size).toBeGreaterThan(days.length)
    expect(analytics).toEqual(legacy)
    // and it is the organisation's own truth
    for (const d of days) {
      const truth = FakeOrganization.costLines(org, d).reduce((s, l) => s + l.picocents, 0n)
      const sum = [...analytics].filter(([k]) => k.startsWith(iso(d))).reduce((s, [, v]) => s + v, 0n)
      expect(sum).toBe(truth)
    }
  })

  it("usage and cost per day and workspace agree, apart from the Default Workspace's tagged id (null in the legacy reports)", () => {
    const a = api()
    const name = (id: unknown) => (id === FakeOrganization.DEFAULT_WORKSPACE_ID ? null : id)
    const legacy = new Map<string, bigint>()
    for (const b of pages<Bucket<CostItem>>(a, COST, [
      ...span,
      ["group_by[]", "workspace_id"],
      ["limit", "31"]
    ]).flatMap((p) => p.data)) {
      for (const i of b.results) {
        legacy.set(`${b.starting_at}|${String(i["workspace_id"])}`, picocents(i.amount))
      }
    }
    const analytics = new Map<string, bigint>()
    for (const r of costRows(a, [...span, ["time_bucket_width", "1d"], ...groupBy("workspace_id")])) {
      analytics.set(`${r.starting_at}|${String(name(r.group["workspace_id"]))}`, picocents(r.cost.amount))
    }
    expect(analytics).toEqual(legacy)
  })

  it("hour and minute buckets agree with day buckets (usage, requests and cost)", () => {
    const a = api()
    const groups = ["model", "api_key_id"] as const
    const sumBy = <R extends { readonly group: Group }>(
      rows: ReadonlyArray<R>,
      value: (r: R) => ReadonlyArray<number>
    ) => {
      const out = new Map<string, ReadonlyArray<number>>()
      for (const r of rows) {
        const key = JSON.stringify(groups.map((g) => r.group[g]))
        out.set(key, add(out.get(key), value(r)))
      }
      return out
    }
    const withRequests = (r: UsageRow) => [...tokens(r), r.usage.requests ?? 0]
    const dayParams = [...range(day(10), day(11)), ...groupBy(...groups)]
    const daily = usageRows(a, [...dayParams, ["time_bucket_width", "1d"]])
    const hourly = usageRows(a, [...dayParams, ["time_bucket_width", "1h"]])
    const minutely = usageRows(a, [...dayParams, ["time_bucket_width", "1m"]])
    expect(sumBy(hourly, withRequests)).toEqual(sumBy(daily, withRequests))
    expect(sumBy(minutely, withRequests)).toEqual(sumBy(daily, withRequests))
    const amount = (r: CostRow) => [Number(picocents(r.cost.amount) % 1_000_000_007n), r.cost.requests ?? 0]
    const cDaily = costRows(a, [...dayParams, ["time_bucket_width", "1d"]])
    const cHourly = costRows(a, [...dayParams, ["time_bucket_width", "1h"]])
    const exact = (rows: ReadonlyArray<CostRow>) => {
      const out = new Map<string, bigint>()
      for (const r of rows) {
        const key = JSON.stringify(groups.map((g) => r.group[g]))
        out.set(key, (out.get(key) ?? 0n) + picocents(r.cost.amount))
      }
      return out
    }
    expect(exact(cHourly)).toEqual(exact(cDaily))
    expect(sumBy(cHourly, amount).size).toBe(sumBy(cDaily, amount).size)
  })
})

describe("analytics §1.4 data_refreshed_at, §1.3 410", () => {
  it("§1.4 defaults to the organisation's now rounded down to the hour; later minutes are not counted yet", () => {
    const a = api()
    const r = call<AnalyticsPage<UsageRow>>(
      a,
      ANALYTICS_USAGE,
      [...range(day(15), day(16)), ["time_bucket_width", "1h"]],
      ANALYTICS_HEADERS
    )
    expect(r.json.data_refreshed_at).toBe("2026-03-15T12:00:00Z")
    expect(r.json.data.every((x) => Date.parse(x.starting_at) < NOW)).toBe(true)
    const legacy = call<Page<Bucket<UsageItem>>>(a, USAGE, [
      ...range(day(15), day(16)),
      ["bucket_width", "1h"],
      ["limit", "24"]
    ])
    expect(legacy.json.data.slice(12).some((b) => b.results.length > 0)).toBe(true)
  })

  it("§1.4 a range no export covers answers data: [] with data_refreshed_at: null", () => {
    const r = call<AnalyticsPage<UsageRow>>(
      api(),
      ANALYTICS_USAGE,
      [...range(NOW + HOUR, NOW + 3 * HOUR), ["time_bucket_width", "1h"]],
      ANALYTICS_HEADERS
    )
    expect(r.json).toEqual({ data: [], has_more: false, next_page: null, data_refreshed_at: null })
  })

  it("§1.4 dataRefreshedAt sets the watermark: a bucket it cuts counts only the minutes before it", () => {
    const mark = Date.UTC(2026, 2, 10, 9, 30)
    const a = api({ dataRefreshedAt: mark })
    const rows = usageRows(a, [...range(day(10), day(11)), ["time_bucket_width", "1h"]])
    expect(rows.map((r) => r.starting_at).every((s) => Date.parse(s) < mark)).toBe(true)
    const nine = rows.find((r) => r.starting_at === "2026-03-10T09:00:00Z")
    const truth = FakeOrganization.usageBetween(org, Date.UTC(2026, 2, 10, 9), mark)
    expect(nine?.usage.output_tokens ?? 0).toBe(truth.output_tokens)
  })

  it("§1.3 a cursor issued before a data refresh answers 410 cursor_expired; restarting works", () => {
    let now = NOW
    const a = FakeAdminApi.make({
      organization: org,
      rateLimit: false,
      clock: () => now,
      dataRefreshedAt: (t) => Math.floor(Math.min(t, NOW) / (4 * HOUR)) * 4 * HOUR
    })
    const params: Params = [...range(day(8), day(10)), ...groupBy("model"), ["limit", "1"]]
    now = Date.UTC(2026, 2, 15, 7)
    const first = call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS)
    expect(first.json.data_refreshed_at).toBe("2026-03-15T04:00:00Z")
    now = Date.UTC(2026, 2, 15, 9)
    const second = call(a, ANALYTICS_USAGE, [...params, ["page", first.json.next_page!]], ANALYTICS_HEADERS)
    expectRejected(second, "cursor_expired", "data refresh", 410)
    const restart = call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS)
    expect(restart.json.data_refreshed_at).toBe("2026-03-15T08:00:00Z")
  })

  it("§1.3 the expired-cursor fault answers 410 on the scripted request", () => {
    const a = api({
      faults: { script: [{ fault: { kind: "expired-cursor" }, path: ANALYTICS_COST, request: 2 }] }
    })
    const params: Params = [...range(day(8), day(10)), ...groupBy("model"), ["limit", "1"]]
    const first = call<AnalyticsPage<CostRow>>(a, ANALYTICS_COST, params, ANALYTICS_HEADERS)
    const r = call(a, ANALYTICS_COST, [...params, ["page", first.json.next_page!]], ANALYTICS_HEADERS)
    expect(r.status).toBe(410)
    expect(codeOf(r)).toBe("cursor_expired")
  })

  it("the repeated-cursor and has-more-without-next-page faults apply to analytics pages", () => {
    const a = api({
      faults: {
        script: [
          { fault: { kind: "repeated-cursor" }, path: ANALYTICS_USAGE, request: 1 },
          { fault: { kind: "has-more-without-next-page" }, path: ANALYTICS_USAGE, request: 3 }
        ]
      }
    })
    const params: Params = [...range(day(8), day(10)), ...groupBy("model"), ["limit", "1"]]
    const first = call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS)
    expect(first.json.has_more).toBe(true)
    // The cursor of the page itself: following it returns the same first page.
    const again = call<AnalyticsPage<UsageRow>>(
      a,
      ANALYTICS_USAGE,
      [...params, ["page", first.json.next_page!]],
      ANALYTICS_HEADERS
    )
    expect(again.json.data).toEqual(first.json.data)
    const third = call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS)
    expect(third.json).toMatchObject({ has_more: true, next_page: null })
  })
})

describe("analytics drift", () => {
  it("§10 the drift fault reaches into group, usage and the envelope of an analytics page", () => {
    const a = api({ faults: { script: [{ fault: { kind: "drift" }, path: ANALYTICS_USAGE }] } })
    const params: Params = [...range(day(9), day(10)), ...groupBy("product", "service_tier")]
    const drifted = call<AnalyticsPage<UsageRow> & Record<string, unknown>>(
      a,
      ANALYTICS_USAGE,
      params,
      ANALYTICS_HEADERS
    ).json
    const plain = call<AnalyticsPage<UsageRow>>(a, ANALYTICS_USAGE, params, ANALYTICS_HEADERS).json
    expect(drifted).not.toHaveProperty("data_refreshed_at")
    expect(drifted).toHaveProperty("fake_drift_page_field")
    expect(drifted.data).toHaveLength(plain.data.length)
    drifted.data.forEach((row, i) => {
      // Unknown values replace the known ones; nulls (code execution) stay null.
      const known = plain.data[i]!.group
      expect(row.group["product"]).toBe(known["product"] === null ? null : "claude_future")
      expect(row.group["service_tier"]).toBe(known["service_tier"] === null ? null : "priority_plus")
      expect(row.group).toHaveProperty("fake_drift_field")
      expect(row.usage).toHaveProperty("fake_drift_metric", 1)
    })
    expect(drifted.data.some((r) => r.group["product"] === "claude_future")).toBe(true)
    expect(drifted.data.map((r) => r.usage.output_tokens)).toEqual(
      plain.data.map((r) => r.usage.output_tokens)
    )
  })
})

describe("analytics §10.3 rate limit", () => {
  it("§10.3 the per-minute limiter covers the analytics endpoints, in the same window as the legacy reports", () => {
    const a = FakeAdminApi.make({ organization: org, clock: () => NOW, rateLimit: { requestsPerMinute: 3 } })
    expect(call(a, ANALYTICS_USAGE, range(day(10), day(11)), ANALYTICS_HEADERS).status).toBe(200)
    expect(call(a, USAGE, range(day(10), day(11))).status).toBe(200)
    expect(call(a, ANALYTICS_COST, range(day(10), day(11)), ANALYTICS_HEADERS).status).toBe(200)
    const limited = call(a, ANALYTICS_COST, range(day(10), day(11)), ANALYTICS_HEADERS)
    expect(limited.status).toBe(429)
    expect(codeOf(limited)).toBe("rate_limit_exceeded")
  })

  it("rate-limited faults apply to analytics paths like any other", () => {
    const a = api({
      faults: { script: [{ fault: FakeFault.rateLimited({ seconds: 1 }), path: ANALYTICS_USAGE }] }
    })
    expect(call(a, ANALYTICS_USAGE, range(day(10), day(11)), ANALYTICS_HEADERS).status).toBe(429)
    expect(call(a, ANALYTICS_USAGE, range(day(10), day(11)), ANALYTICS_HEADERS).status).toBe(200)
  })
})
