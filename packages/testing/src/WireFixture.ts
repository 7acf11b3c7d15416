/**
 * Ready-made example responses (wire JSON, as `JSON.parse` gives them) for
 * your own tests, each produced by the fake from a pinned organisation
 * ({@link organization}: seed 1, 7 days ending 2026-03-08) with the request
 * named in its JSDoc. They are deterministic: the same package version always
 * gives the same pages.
 *
 * @since 0.1.0
 */
import * as FakeAdminApi from "./FakeAdminApi.js"
import * as FakeOrganization from "./FakeOrganization.js"
import type * as WireSchema from "./WireSchema.js"

/**
 * The pinned organisation the fixtures come from.
 *
 * @since 0.1.0
 */
export const organization = (): FakeOrganization.FakeOrganization =>
  FakeOrganization.make({ seed: 1, days: 7, now: Date.UTC(2026, 2, 8, 12), workspaces: 2 })

const HEADERS = { "x-api-key": "sk-ant-admin01-fixture", "anthropic-version": "2023-06-01" }

/** The fixtures' clock: 2026-03-08T12:00:30Z (for the rate-limit fixture's reset header). */
const CLOCK = Date.UTC(2026, 2, 8, 12, 0, 30)

/**
 * A fixture: the request that produced it, the status, the response headers
 * and the parsed body.
 *
 * @since 0.1.0
 */
export interface Fixture<A> {
  /** Path and query, as sent. */
  readonly url: string
  readonly status: number
  /**
   * Response headers, lower-case (`request-id`, `x-should-retry`, `anthropic-ratelimit-requests-*`, …).
   *
   * @since 0.2.0
   */
  readonly headers: Readonly<Record<string, string>>
  readonly body: A
}

const fixture = <A>(
  url: string,
  headers: Record<string, string> = HEADERS,
  options: Omit<FakeAdminApi.Options, "organization" | "clock"> = {},
  request: { readonly method?: string; readonly body?: unknown } = {}
): Fixture<A> => {
  const response = FakeAdminApi.make({ ...options, organization: organization(), clock: () => CLOCK }).handle(
    {
      method: request.method ?? "GET",
      url,
      headers: request.body === undefined ? headers : { ...headers, "content-type": "application/json" },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) })
    }
  )
  return { url, status: response.status, headers: response.headers, body: JSON.parse(response.body) as A }
}

/** Headers of an analytics request: the beta header is required (analytics reference §1.1). */
const ANALYTICS = { ...HEADERS, "anthropic-beta": "analytics-usage-cost-2026-08-24" }

/**
 * Two daily buckets without grouping (one aggregate item each):
 * `usage_report/messages?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-07T00:00:00Z&bucket_width=1d`.
 *
 * @since 0.1.0
 */
export const usageDaily = (): Fixture<WireSchema.UsageReport> =>
  fixture(
    "/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-07T00:00:00Z&bucket_width=1d"
  )

/**
 * The first of two pages of daily buckets grouped by model and workspace
 * (`has_more: true`, a `next_page` cursor):
 * `…&group_by[]=model&group_by[]=workspace_id&limit=2` over 2026-03-02 to 2026-03-06.
 *
 * @since 0.1.0
 */
export const usageGrouped = (): Fixture<WireSchema.UsageReport> =>
  fixture(
    "/v1/organizations/usage_report/messages?starting_at=2026-03-02T00:00:00Z&ending_at=2026-03-06T00:00:00Z&bucket_width=1d&group_by[]=model&group_by[]=workspace_id&limit=2"
  )

/**
 * Six hourly buckets grouped by service tier and context window.
 *
 * @since 0.1.0
 */
export const usageHourly = (): Fixture<WireSchema.UsageReport> =>
  fixture(
    "/v1/organizations/usage_report/messages?starting_at=2026-03-04T09:00:00Z&ending_at=2026-03-04T15:00:00Z&bucket_width=1h&group_by[]=service_tier&group_by[]=context_window"
  )

/**
 * Daily costs grouped by workspace and description (token, web-search and
 * code-execution lines, exact decimal amounts in cents).
 *
 * @since 0.1.0
 */
export const costByDescription = (): Fixture<WireSchema.CostReport> =>
  fixture(
    "/v1/organizations/cost_report?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-06T00:00:00Z&group_by[]=workspace_id&group_by[]=description"
  )

/**
 * Daily total costs without grouping.
 *
 * @since 0.1.0
 */
export const costDaily = (): Fixture<WireSchema.CostReport> =>
  fixture(
    "/v1/organizations/cost_report?starting_at=2026-03-02T00:00:00Z&ending_at=2026-03-08T00:00:00Z&limit=7"
  )

/**
 * One day of Claude Code records, among them an actor with two records, one
 * local and one remote (`is_remote`, §10.5).
 *
 * @since 0.1.0
 */
export const claudeCode = (): Fixture<WireSchema.ClaudeCodeReport> =>
  fixture("/v1/organizations/usage_report/claude_code?starting_at=2026-03-05")

/**
 * Spec-minimal usage rows (§10.4): two daily buckets grouped by model, in
 * which each item omits some of its `null` dimension keys (seeded per row)
 * and keeps others as explicit `null`; token fields and non-null values are
 * always there.
 *
 * @since 0.2.0
 */
export const usageSpecMinimal = (): Fixture<WireSchema.UsageReport> =>
  fixture(
    "/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-07T00:00:00Z&bucket_width=1d&group_by[]=model",
    HEADERS,
    { specMinimal: true }
  )

/**
 * Spec-minimal cost rows (§10.4) grouped by workspace and description: the
 * web-search rows each omit some of their `null` keys (`model`,
 * `token_type`, `service_tier`, `context_window`, `inference_geo`) and keep
 * the others as explicit `null`, and this last page omits `next_page`.
 *
 * @since 0.2.0
 */
export const costSpecMinimal = (): Fixture<WireSchema.CostReport> =>
  fixture(
    "/v1/organizations/cost_report?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-06T00:00:00Z&group_by[]=workspace_id&group_by[]=description",
    HEADERS,
    { specMinimal: { seed: 3 } }
  )

/**
 * Error answers, each with `error.details.error_code` (§10.8): 400 (missing
 * `starting_at`), 401 (no key), 403 (a standard key), 404 (unknown path),
 * 400 `too_many_group_by_dimensions` (six `group_by[]`, §10.1), 400
 * `invalid_date_range` with `x-should-retry: false` (a daily range inside one
 * day, §10.2), 400 `unsupported_api_version` (§10.6) and 429
 * `rate_limit_exceeded` from the per-minute limiter, without `retry-after`
 * and with `anthropic-ratelimit-requests-reset` (§10.3).
 *
 * @since 0.1.0
 */
export const errors = (): ReadonlyArray<Fixture<WireSchema.ErrorResponse>> => [
  fixture("/v1/organizations/usage_report/messages"),
  fixture("/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z", {
    "anthropic-version": "2023-06-01"
  }),
  fixture("/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z", {
    ...HEADERS,
    "x-api-key": "sk-ant-api03-fixture"
  }),
  fixture("/v1/organizations/usage_report/nope"),
  fixture(
    "/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z&group_by[]=model&group_by[]=workspace_id&group_by[]=api_key_id&group_by[]=service_tier&group_by[]=context_window&group_by[]=inference_geo"
  ),
  fixture("/v1/organizations/cost_report?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-05T23:59:59Z"),
  fixture("/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z", {
    ...HEADERS,
    "anthropic-version": "2024-01-01"
  }),
  fixture("/v1/organizations/usage_report/messages?starting_at=2026-03-05T00:00:00Z", HEADERS, {
    rateLimit: { requestsPerMinute: 0, reset: "window-end" }
  })
]

/**
 * The first of several pages of the analytics usage endpoint, as in the
 * reference's example (analytics §2.4): daily buckets grouped by model and
 * actor, `order_by=time&order=asc&limit=3`, with `next_page` and
 * `data_refreshed_at` (`2026-03-08T12:00:00Z`).
 *
 * @since 0.3.0
 */
export const analyticsUsage = (): Fixture<WireSchema.AnalyticsUsagePage> =>
  fixture(
    "/v1/organizations/analytics/usage?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-07T00:00:00Z&time_bucket_width=1d&group_by[]=model&group_by[]=actor&order_by=time&order=asc&limit=3",
    ANALYTICS
  )

/**
 * Analytics usage for a whole range (no `time_bucket_width`: one row per
 * group covering the range) grouped by workspace: the Default Workspace
 * appears with its tagged id (`wrkspc_00defaultfake`), not `null`.
 *
 * @since 0.3.0
 */
export const analyticsUsageByWorkspace = (): Fixture<WireSchema.AnalyticsUsagePage> =>
  fixture(
    "/v1/organizations/analytics/usage?starting_at=2026-03-02T00:00:00Z&ending_at=2026-03-08T00:00:00Z&group_by[]=workspace_id",
    ANALYTICS
  )

/**
 * Analytics cost per API key fanned out by `cost_type` (analytics §3):
 * `limit=2` counts groups, and each group's `tokens`, `web_search` and
 * `code_execution` rows follow it, so `data` is longer than the limit;
 * `requests` is `null` on fan-out rows.
 *
 * @since 0.3.0
 */
export const analyticsCost = (): Fixture<WireSchema.AnalyticsCostPage> =>
  fixture(
    "/v1/organizations/analytics/cost?starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-06T00:00:00Z&group_by[]=api_key_id&group_by[]=cost_type&limit=2",
    ANALYTICS
  )

/**
 * A range no export covers yet (it starts after `data_refreshed_at`):
 * `data: []` and `data_refreshed_at: null` (analytics §1.4).
 *
 * @since 0.3.0
 */
export const analyticsNotExported = (): Fixture<WireSchema.AnalyticsUsagePage> =>
  fixture(
    "/v1/organizations/analytics/usage?starting_at=2026-03-08T13:00:00Z&ending_at=2026-03-08T15:00:00Z&time_bucket_width=1h",
    ANALYTICS
  )

/**
 * Analytics rejections, each a 400 `invalid_request_error` with its
 * `error_code` unless noted: no beta header (`beta_header_required`), six
 * `group_by[]` (`too_many_group_by_dimensions`), 32 days
 * (`date_range_too_long`), `1m` over 25 hours (`date_range_too_long`), a start
 * before 2026 (`starting_at_out_of_range`), the legacy name `bucket_width`
 * (`unknown_parameter`), `time_bucket_width` without `ending_at`
 * (`missing_required_parameter`), `exclude_deleted_users` without grouping by
 * actor (`incompatible_parameters`), and a 410 `cursor_expired` (the
 * `expired-cursor` fault).
 *
 * @since 0.3.0
 */
export const analyticsErrors = (): ReadonlyArray<Fixture<WireSchema.ErrorResponse>> => {
  const usage = "/v1/organizations/analytics/usage?"
  return [
    fixture(`${usage}starting_at=2026-03-05T00:00:00Z`),
    fixture(
      `${usage}starting_at=2026-03-05T00:00:00Z&group_by[]=model&group_by[]=actor&group_by[]=api_key_id&group_by[]=workspace_id&group_by[]=product&group_by[]=service_tier`,
      ANALYTICS
    ),
    fixture(`${usage}starting_at=2026-02-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z`, ANALYTICS),
    fixture(
      `${usage}starting_at=2026-03-05T00:00:00Z&ending_at=2026-03-06T01:00:00Z&time_bucket_width=1m`,
      ANALYTICS
    ),
    fixture(`${usage}starting_at=2025-12-31T00:00:00Z&ending_at=2026-01-02T00:00:00Z`, ANALYTICS),
    fixture(`${usage}starting_at=2026-03-05T00:00:00Z&bucket_width=1d`, ANALYTICS),
    fixture(`${usage}starting_at=2026-03-05T00:00:00Z&time_bucket_width=1d`, ANALYTICS),
    fixture(`${usage}starting_at=2026-03-05T00:00:00Z&exclude_deleted_users=true`, ANALYTICS),
    fixture(`${usage}starting_at=2026-03-05T00:00:00Z&page=page_x`, ANALYTICS, {
      faults: { script: [{ fault: { kind: "expired-cursor" } }] }
    })
  ]
}

/**
 * `GET /v1/organizations/me`.
 *
 * @since 0.3.0
 */
export const organizationInfo = (): Fixture<typeof WireSchema.OrganizationInfo.Type> =>
  fixture("/v1/organizations/me")

/**
 * The first page of members (`limit=2`, `has_more: true`, `first_id`/`last_id`).
 *
 * @since 0.3.0
 */
export const users = (): Fixture<typeof WireSchema.UserPage.Type> =>
  fixture("/v1/organizations/users?limit=2")

/**
 * Every invitation: pending, accepted and expired.
 *
 * @since 0.3.0
 */
export const invites = (): Fixture<typeof WireSchema.InvitePage.Type> => fixture("/v1/organizations/invites")

/**
 * Every workspace with the Default Workspace (`include_default=true`).
 *
 * @since 0.3.0
 */
export const workspaces = (): Fixture<typeof WireSchema.WorkspacePage.Type> =>
  fixture("/v1/organizations/workspaces?include_default=true&include_archived=true")

/**
 * The members of the first named workspace.
 *
 * @since 0.3.0
 */
export const workspaceMembers = (): Fixture<typeof WireSchema.WorkspaceMemberPage.Type> =>
  fixture("/v1/organizations/workspaces/wrkspc_01afake/members")

/**
 * Every API key (`scope`, `principal`; the last one a former member's
 * inactive personal key).
 *
 * @since 0.3.0
 */
export const apiKeys = (): Fixture<typeof WireSchema.ApiKeyPage.Type> => fixture("/v1/organizations/api_keys")

/**
 * The organisation's rate limits (one page, `next_page: null`).
 *
 * @since 0.3.0
 */
export const rateLimits = (): Fixture<typeof WireSchema.RateLimitPage.Type> =>
  fixture("/v1/organizations/rate_limits")

/**
 * The first named workspace's rate limits with inherited values
 * (`include_inherited=true`: `source` `workspace` or `organization`).
 *
 * @since 0.3.0
 */
export const workspaceRateLimits = (): Fixture<typeof WireSchema.WorkspaceRateLimitPage.Type> =>
  fixture("/v1/organizations/workspaces/wrkspc_01afake/rate_limits?include_inherited=true")

/**
 * A workspace created by `POST /v1/organizations/workspaces` with
 * `{"name": "Research", "tags": {"team": "research"}}`.
 *
 * @since 0.3.0
 */
export const workspaceCreated = (): Fixture<WireSchema.Workspace> =>
  fixture(
    "/v1/organizations/workspaces",
    HEADERS,
    {},
    {
      method: "POST",
      body: { name: "Research", tags: { team: "research" } }
    }
  )

/**
 * Management rejections: 404 `not_found` (an unknown user), 400
 * `invalid_parameter_value` (assigning `admin`), 409 `already_exists` (an
 * invite for a member's email), 403 `permission_denied` (listing API keys
 * with `deny: ["api_keys"]`), 400 `invalid_page_cursor` (an `after_id` that
 * is no user's id), 405 `method_not_allowed` (`DELETE` on a workspace).
 *
 * @since 0.3.0
 */
export const managementErrors = (): ReadonlyArray<Fixture<WireSchema.ErrorResponse>> => [
  fixture("/v1/organizations/users/user_99nobody"),
  fixture("/v1/organizations/users/user_02fake", HEADERS, {}, { method: "POST", body: { role: "admin" } }),
  fixture(
    "/v1/organizations/invites",
    HEADERS,
    {},
    {
      method: "POST",
      body: { email: "ada@example.com", role: "developer" }
    }
  ),
  fixture("/v1/organizations/api_keys", HEADERS, { deny: ["api_keys"] }),
  fixture("/v1/organizations/users?after_id=wrkspc_01afake"),
  fixture("/v1/organizations/workspaces/wrkspc_01afake", HEADERS, {}, { method: "DELETE" })
]
