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

/**
 * A fixture: the request that produced it, the status, and the parsed body.
 *
 * @since 0.1.0
 */
export interface Fixture<A> {
  /** Path and query, as sent. */
  readonly url: string
  readonly status: number
  readonly body: A
}

const fixture = <A>(url: string, headers: Record<string, string> = HEADERS): Fixture<A> => {
  const response = FakeAdminApi.make({ organization: organization() }).handle({ method: "GET", url, headers })
  return { url, status: response.status, body: JSON.parse(response.body) as A }
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
 * One day of Claude Code records.
 *
 * @since 0.1.0
 */
export const claudeCode = (): Fixture<WireSchema.ClaudeCodeReport> =>
  fixture("/v1/organizations/usage_report/claude_code?starting_at=2026-03-05")

/**
 * Error answers: 400 (missing `starting_at`), 401 (no key), 403 (a standard
 * key) and 404 (unknown path).
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
  fixture("/v1/organizations/usage_report/nope")
]
