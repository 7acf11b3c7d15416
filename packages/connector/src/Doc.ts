/**
 * The connector's documentation, in rawdash's `defineConnectorDoc` shape, and
 * its sync cost (`ConnectorCost`): what rawdash's catalogue shows and what the
 * README is generated from.
 *
 * @since 0.1.0
 */
import type { ConnectorCost, ConnectorDoc } from "./Rawdash.js"
import { DEFAULT_CONCURRENCY } from "./internal/concurrency.js"
import * as UsageSamples from "./UsageSamples.js"

/** Report requests per window of up to 31 days with the default dimensions: usage plus 1 cost. */
const REQUESTS = UsageSamples.REQUESTS_PER_WINDOW + 1

/**
 * Display name, category, brand colour, tagline, vendor, authentication
 * steps, rate-limit note and limitations.
 * @since 0.1.0
 */
export const doc = {
  displayName: "Anthropic",
  category: "engineering",
  brandColor: "#D97757",
  tagline:
    "Track Anthropic spend, daily token usage across Claude models, cache hit volumes, and web-search tool requests from the Anthropic Admin API.",
  vendor: {
    name: "Anthropic",
    domain: "anthropic.com",
    apiDocs: "https://docs.anthropic.com/en/api/usage-cost-api",
    website: "https://www.anthropic.com"
  },
  auth: {
    summary:
      "Authenticates with an Anthropic organization admin API key (sk-ant-admin-). Admin keys are the only key class that can read the Usage and Cost reports; regular API keys return 403.",
    setup: [
      "Open console.anthropic.com -> Settings -> Admin Keys and create a new admin key. Admin keys are organization-scoped, so create the key from the organization whose usage you want to read.",
      "Store the key as a secret (e.g. ANTHROPIC_ADMIN_API_KEY).",
      'Reference it from config as adminApiKey: secret("ANTHROPIC_ADMIN_API_KEY").',
      "Optionally set workspaceIds to restrict the query to a subset of workspaces."
    ]
  },
  rateLimit: `The report endpoints are rate limited per organization and per minute, and a 429 may carry no Retry-After (reference §10.3). The client honours Retry-After, else waits until anthropic-ratelimit-requests-reset when that is in the future, else backs off with jitter, for up to about 3 minutes. One sync call still never waits past its chunk budget (30 seconds): a fetch still waiting then is cut off, and a retry wait that would end after the budget (a long Retry-After) ends the call at once; the call returns a cursor of the windows written with the rate-limit error as transientError, and the next call fetches only the others instead of starting over. A daily sync needs ${REQUESTS} requests per 31 days (${UsageSamples.REQUESTS_PER_WINDOW} usage, 1 cost) with the default dimensions, well below the per-organization budget; Anthropic supports polling these reports about once per minute and calls short bursts such as downloading all pages fine. The windows of a sync are fetched up to ${DEFAULT_CONCURRENCY} at a time per report (at most ${DEFAULT_CONCURRENCY * UsageSamples.REQUESTS_PER_WINDOW} usage and ${DEFAULT_CONCURRENCY} cost requests in flight, the ${DEFAULT_CONCURRENCY * REQUESTS} requests of a 180-day sync); AnthropicContext.concurrency lowers that.`,
  limitations: [
    "Only the organization Messages Usage Report and Cost Report endpoints are synced. Per-request logs and individual message bodies are not exposed by the Admin API.",
    "All samples are bucketed daily (1d bucket_width). The Usage Report also supports hourly and per-minute granularity but those are not exposed here in v1.",
    "The Cost Report only supports 1d bucket_width and reports cost in USD; non-USD billing currencies are not converted.",
    "Admin API keys are required - regular sk-ant-api- keys do not have access to the organization Usage and Cost reports.",
    "The Cost Report has no workspace filter, so workspaceIds is applied to cost rows after they are fetched; the Default Workspace (workspace_id null) cannot be selected by id.",
    "Priority Tier spend is not in the Cost Report; track Priority usage through the service_tier dimension of the token metrics.",
    "Usage with no context window, or one the client does not know (neither 0-200k nor 200k-1M), is stored with context_window null: its counts are exact, its band is not named.",
    `The ${UsageSamples.REQUESTS_PER_WINDOW} usage requests of a window are made within one sync call; an organization allowed fewer than ${UsageSamples.REQUESTS_PER_WINDOW} report requests per minute needs a chunk budget longer than a minute (AnthropicContext.chunkBudget), and so does a dimensions setting that costs more requests per window.`,
    "account_id and service_account_id are declared but null unless the config's dimensions include them: the live API groups by at most five dimensions per request, so each one opted into multiplies the usage requests per window.",
    "Each window (up to 31 days) is written as soon as it arrives and replaces exactly its days, so an answer that cannot prove every day is refused rather than written: a report window with no bucket, a missing or extra bucket, a bucket off the UTC day edges, a page that goes back, or a cost amount too large for a number fails the sync with a typed error, and no day is ever half-replaced.",
    "The key is sent only to baseUrl, which must be https (plain http only to a loopback host such as localhost); redirects are never followed."
  ]
} satisfies ConnectorDoc

const costOf = (label: string, dimensions: ReadonlyArray<UsageSamples.Dimension>) =>
  `${label}: ${UsageSamples.requestsPerWindow(dimensions)}`

/**
 * Sync cost and frequency, in rawdash's `ConnectorCost` shape: requests per
 * sync with the default dimensions, and what opting into more costs.
 * @since 0.2.0
 */
export const cost = {
  recommendedInterval: "1h",
  minInterval: "5m",
  perSync: `${REQUESTS} Admin API requests per 31 days of window (${UsageSamples.REQUESTS_PER_WINDOW} usage report, 1 cost report) with the default dimensions; a latest sync refetches the trailing days for the same ${REQUESTS}`,
  warning: `Usage requests per window depend on the dimensions setting (${UsageSamples.COST_EXAMPLES.map((example) => costOf(example.label, example.dimensions)).join("; ")}), because the live API groups by at most five dimensions per request.`
} satisfies ConnectorCost
