/**
 * How fast the fake answers pages for a large organisation (100 workspaces,
 * 300 keys, 365 days, about 2,000 usage streams). Targets, on a developer
 * laptop: organisation set-up under 10 ms (nothing is computed until asked);
 * a 31-day daily page grouped by workspace and model under 100 ms; 168 hourly
 * buckets under 300 ms; 1,440 minute buckets of one workspace under 50 ms; a
 * 31-day cost page by workspace under 500 ms. The 31-day cost page grouped by
 * workspace *and* description is a stress case: its body is about 39 MB.
 * The analytics endpoints aggregate every row of a query before paging, so a
 * page costs about as much as the whole query.
 */
import { bench, describe } from "vitest"
import { FakeAdminApi, FakeOrganization } from "../src/index.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const HEADERS = { "x-api-key": "sk-ant-admin01-bench", "anthropic-version": "2023-06-01" }
const large = FakeOrganization.make({ seed: 1, days: 365, now: NOW, workspaces: 100, keysPerWorkspace: 3 })
// A benchmark sends thousands of requests a minute: the per-minute limiter (§10.3) is off.
const api = FakeAdminApi.make({ organization: large, rateLimit: false })
const ANALYTICS = { ...HEADERS, "anthropic-beta": "analytics-usage-cost-2026-08-24" }
const get = (url: string, headers: Record<string, string> = HEADERS) => {
  const response = api.handle({ method: "GET", url, headers })
  if (response.status !== 200) throw new Error(response.body)
  api.clearLog()
  return response
}

console.log(`large organisation: ${large.streams.length} usage streams, ${large.days} days`)

describe("FakeOrganization", () => {
  bench("make a 100-workspace, 300-key, 365-day organisation", () => {
    FakeOrganization.make({ seed: 2, days: 365, now: NOW, workspaces: 100, keysPerWorkspace: 3 })
  })
})

describe("usage report, large organisation", () => {
  bench("31 daily buckets grouped by workspace and model", () => {
    get(
      "/v1/organizations/usage_report/messages?starting_at=2026-02-01T00:00:00Z&ending_at=2026-03-04T00:00:00Z&bucket_width=1d&limit=31&group_by[]=workspace_id&group_by[]=model"
    )
  })
  bench("31 daily buckets, five dimensions grouped (the §10.1 maximum)", () => {
    get(
      "/v1/organizations/usage_report/messages?starting_at=2026-02-01T00:00:00Z&ending_at=2026-03-04T00:00:00Z&bucket_width=1d&limit=31&group_by[]=workspace_id&group_by[]=model&group_by[]=api_key_id&group_by[]=service_tier&group_by[]=context_window"
    )
  })
  bench("168 hourly buckets grouped by model", () => {
    get(
      "/v1/organizations/usage_report/messages?starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-08T00:00:00Z&bucket_width=1h&limit=168&group_by[]=model"
    )
  })
  bench("1440 minute buckets, one workspace", () => {
    get(
      "/v1/organizations/usage_report/messages?starting_at=2026-03-03T00:00:00Z&ending_at=2026-03-04T00:00:00Z&bucket_width=1m&limit=1440&workspace_ids[]=wrkspc_01afake"
    )
  })
})

describe("cost report, large organisation", () => {
  bench("31 days grouped by workspace", () => {
    get(
      "/v1/organizations/cost_report?starting_at=2026-02-01T00:00:00Z&ending_at=2026-03-04T00:00:00Z&limit=31&group_by[]=workspace_id"
    )
  })
  bench("31 days grouped by workspace and description", () => {
    get(
      "/v1/organizations/cost_report?starting_at=2026-02-01T00:00:00Z&ending_at=2026-03-04T00:00:00Z&limit=31&group_by[]=workspace_id&group_by[]=description"
    )
  })
})

describe("analytics, large organisation", () => {
  bench("usage: 31 days by api_key_id and model, first 1000 rows", () => {
    get(
      "/v1/organizations/analytics/usage?starting_at=2026-02-01T00:00:00Z&ending_at=2026-03-04T00:00:00Z&group_by[]=api_key_id&group_by[]=model&limit=1000",
      ANALYTICS
    )
  })
  bench("cost: 24 hourly buckets by workspace, fanned out by cost_type", () => {
    get(
      "/v1/organizations/analytics/cost?starting_at=2026-03-03T00:00:00Z&ending_at=2026-03-04T00:00:00Z&time_bucket_width=1h&group_by[]=workspace_id&group_by[]=cost_type&limit=1000",
      ANALYTICS
    )
  })
})

describe("management, large organisation", () => {
  bench("list 300 API keys, 100 per page", () => {
    get("/v1/organizations/api_keys?limit=100")
  })
})
