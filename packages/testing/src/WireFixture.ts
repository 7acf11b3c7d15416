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
  options: Omit<FakeAdminApi.Options, "organization" | "clock"> = {}
): Fixture<A> => {
  const response = FakeAdminApi.make({ ...options, organization: organization(), clock: () => CLOCK }).handle(
    {
      method: "GET",
      url,
      headers
    }
  )
  return { url, status: response.status, headers: response.headers, body: JSON.parse(response.body) as A }
}

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
