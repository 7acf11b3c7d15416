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
    "The Admin API returns 429 with a Retry-After header on burst. The client honours Retry-After (and backs off with jitter otherwise); if the retries run out, the sync stops at a page boundary and the next run resumes from that page instead of starting over. Daily syncs against the Usage and Cost reports are well below the per-organization Admin API budget; Anthropic supports polling these reports about once per minute.",
  limitations: [
    "Only the organization Messages Usage Report and Cost Report endpoints are synced. Per-request logs and individual message bodies are not exposed by the Admin API.",
    "All samples are bucketed daily (1d bucket_width). The Usage Report also supports hourly and per-minute granularity but those are not exposed here in v1.",
    "The Cost Report only supports 1d bucket_width and reports cost in USD; non-USD billing currencies are not converted.",
    "Admin API keys are required - regular sk-ant-api- keys do not have access to the organization Usage and Cost reports.",
    "The Cost Report has no workspace filter, so workspaceIds is applied to cost rows after they are fetched; the Default Workspace (workspace_id null) cannot be selected by id.",
    "Priority Tier spend is not in the Cost Report; track Priority usage through the service_tier dimension of the token metrics."
  ]
} as const satisfies ConnectorDoc
