/**
 * The connector's documentation, in rawdash's `defineConnectorDoc` shape:
 * what rawdash's catalogue shows and what the README is generated from.
 *
 * @since 0.1.0
 */
import type { ConnectorDoc } from "./Rawdash.js"

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
  rateLimit:
    "The report endpoints are rate limited per organization and per minute, and a 429 may carry no Retry-After (reference §10.3). The client honours Retry-After, else waits until anthropic-ratelimit-requests-reset when that is in the future, else backs off with jitter, for up to about 3 minutes. One sync call still never runs longer than its chunk budget (30 seconds): a fetch still waiting then is cut off, the call returns a cursor at the last chunk boundary with the rate-limit error as transientError, and the next call resumes there instead of starting over. A daily sync needs 4 requests per 31 days (3 usage, 1 cost), well below the per-organization budget; Anthropic supports polling these reports about once per minute.",
  limitations: [
    "Only the organization Messages Usage Report and Cost Report endpoints are synced. Per-request logs and individual message bodies are not exposed by the Admin API.",
    "All samples are bucketed daily (1d bucket_width). The Usage Report also supports hourly and per-minute granularity but those are not exposed here in v1.",
    "The Cost Report only supports 1d bucket_width and reports cost in USD; non-USD billing currencies are not converted.",
    "Admin API keys are required - regular sk-ant-api- keys do not have access to the organization Usage and Cost reports.",
    "The Cost Report has no workspace filter, so workspaceIds is applied to cost rows after they are fetched; the Default Workspace (workspace_id null) cannot be selected by id.",
    "Priority Tier spend is not in the Cost Report; track Priority usage through the service_tier dimension of the token metrics.",
    "Usage with no context window, or one the client does not know (neither 0-200k nor 200k-1M), is stored with context_window null: its counts are exact, its band is not named.",
    "The 3 usage requests of a chunk are made within one sync call; an organization allowed fewer than 3 report requests per minute needs a chunk budget longer than a minute (AnthropicContext.chunkBudget)."
  ]
} as const satisfies ConnectorDoc
