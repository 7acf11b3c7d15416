/**
 * `anthropic-admin usage`, as data: its flags, help and examples (see
 * `CommandSpec.ts`). Imports nothing but `CommandSpec`.
 *
 * @since 0.2.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** The report's dimensions (`UsageReport.GroupBy`; a test keeps them equal). @since 0.2.0 */
export const DIMENSIONS = [
  "api_key_id",
  "workspace_id",
  "model",
  "service_tier",
  "context_window",
  "inference_geo",
  "speed",
  "account_id",
  "service_account_id"
] as const

/** @since 0.2.0 */
export type Dimension = (typeof DIMENSIONS)[number]

/**
 * The dimensions of the analytics API (`--api analytics`;
 * `Analytics.Dimension`, a test keeps them equal).
 * @since 0.3.0
 */
export const ANALYTICS_DIMENSIONS = [
  "actor",
  "actor_type",
  "agent_id",
  "api_key_id",
  "claude_tag_category",
  "claude_tag_user_id",
  "context_window",
  "deployment_id",
  "environment_id",
  "inference_geo",
  "model",
  "organization_id",
  "product",
  "rbac_group_id",
  "service_tier",
  "session_id",
  "slack_channel_id",
  "speed",
  "user_profile_id",
  "workspace_id"
] as const

/** @since 0.3.0 */
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number]

/** What `--group-by` takes with either API (each checked against its own). @since 0.3.0 */
export const ANY_DIMENSION = [...new Set([...DIMENSIONS, ...ANALYTICS_DIMENSIONS])]

/**
 * `--bucket`: the API's widths (`1m`, `1h`, `1d`, also spelled `day`), or
 * daily buckets added up per ISO week or calendar month.
 * @since 0.2.0
 */
export const BUCKETS = ["1m", "1h", "1d", "day", "week", "month"] as const

/** The token columns `--sort` takes, before the dimensions. @since 0.2.0 */
export const SORT_COLUMNS = [
  "uncached_input_tokens",
  "cache_creation_tokens",
  "cache_read_input_tokens",
  "output_tokens",
  "web_search_requests",
  "cost_usd",
  ...DIMENSIONS
] as const

/** What `--sort` takes with `--api analytics`. @since 0.3.0 */
export const ANALYTICS_SORT_COLUMNS = [
  "uncached_input_tokens",
  "cache_creation_tokens",
  "cache_read_input_tokens",
  "output_tokens",
  "web_search_requests",
  "requests",
  "total_tokens",
  "cost_usd",
  ...ANALYTICS_DIMENSIONS
] as const

/**
 * The request counts the `--group-by` help quotes (a test checks them against
 * `GroupByPlan`): six dimensions with `context_window`, seven with `speed`,
 * all nine.
 * @since 0.2.0
 */
export const PLAN_REQUESTS = { six: 3, seven: 9, all: 252 } as const

/** @since 0.2.0 */
export const spec = {
  name: "usage",
  summary: "tokens used, by model, workspace, API key or any other dimension, with their cost",
  description: [
    "Reads the Messages Usage Report: tokens per bucket, grouped and filtered like the endpoint. Grouped by model and/or workspace (or not at all) over whole UTC days, each row also gets its token cost from the Cost Report.",
    "Buckets are counted whole: a range that starts or ends inside one includes it in full, and the title names the whole days (or hours) really summed."
  ],
  flags: {
    ...CommandSpec.range,
    bucket: {
      name: "bucket",
      value: "<width>",
      group: "range",
      description:
        "1d (or day), 1h or 1m: the API's buckets; week or month: daily buckets added up per ISO week (Monday to Sunday, UTC) or calendar month, cut at the edges of the range.",
      default:
        "the finest width the range's edges need: 1d for dates, periods and --last in days or weeks; 1h for --last 24h; 1m for --last 90m; with RFC 3339 instants, 1d if both are midnights (UTC), else 1h if both are whole hours, else 1m"
    },
    api: CommandSpec.api(
      "the Messages Usage Report, with the token cost from the Cost Report",
      "groups by actor and product too, counts requests and total tokens, and its cost column (the Usage and Cost Analytics cost) splits by any of its dimensions, API keys included"
    ),
    groupBy: {
      name: "group-by",
      value: "<dimension,…>",
      group: "grouping",
      description: `One row per value of these dimensions (comma-separated or repeated): ${DIMENSIONS.join(", ")}. The API takes at most 5 per request; beyond that the client sends several requests per window (up to 31 days of 1d, 168 hours of 1h, 1440 minutes of 1m) and joins them exactly: six including context_window take ${PLAN_REQUESTS.six}, seven with speed ${PLAN_REQUESTS.seven}, all nine ${PLAN_REQUESTS.all}. A note under the table says how many were sent. With --api analytics: ${ANALYTICS_DIMENSIONS.join(", ")} (actor: the user, service account, federated identity or key the usage is attributed to, in place of account_id and service_account_id). Beyond 5 the client fans out over context_window, speed, inference_geo, actor_type or service_tier where that is exact, and refuses it otherwise.`
    },
    products: {
      name: "product",
      value: "<product,…>",
      group: "grouping",
      description:
        "Only these products (--api analytics): messages_api, message_batches_api, claude_code, claude_console, managed_agents_api, chat, cowork, …"
    },
    apiKeyIds: {
      name: "api-key-id",
      value: "<id,…>",
      group: "grouping",
      description: "Only these API keys (apikey_…)."
    },
    workspaceIds: {
      name: "workspace-id",
      value: "<id,…>",
      group: "grouping",
      description: "Only these workspaces (wrkspc_…)."
    },
    models: {
      name: "model",
      value: "<model,…>",
      group: "grouping",
      description: "Only these models (claude-sonnet-4-5, …)."
    },
    serviceTiers: {
      name: "service-tier",
      value: "<tier,…>",
      group: "grouping",
      description:
        "Only these service tiers: standard, batch, priority, priority_on_demand, flex, flex_discount."
    },
    contextWindows: {
      name: "context-window",
      value: "<window,…>",
      group: "grouping",
      description: "Only these context windows: 0-200k, 200k-1M."
    },
    inferenceGeos: {
      name: "inference-geo",
      value: "<geo,…>",
      group: "grouping",
      description: "Only these inference geos: global, us, not_available."
    },
    speeds: {
      name: "speed",
      value: "<speed,…>",
      group: "grouping",
      description: "Only these speeds: standard, fast (sends the fast-mode beta header)."
    },
    accountIds: {
      name: "account-id",
      value: "<id,…>",
      group: "grouping",
      description:
        "Only these user accounts (requests made with OAuth; with --api analytics, usage attributed to these users)."
    },
    serviceAccountIds: {
      name: "service-account-id",
      value: "<id,…>",
      group: "grouping",
      description: "Only these service accounts (svac_…)."
    },
    ...CommandSpec.ordering(SORT_COLUMNS, "cost, largest first (without a cost column: by group)", [
      "requests",
      "total_tokens"
    ]),
    ...CommandSpec.common,
    rows: CommandSpec.rows,
    noCost: {
      name: "no-cost",
      group: "output",
      description: "Do not read the Cost Report: no cost column, one report fewer to fetch."
    },
    names: CommandSpec.names
  },
  examples: [
    [
      "Tokens and spend last month by model (demo data)",
      "anthropic-admin usage --demo --period last-month --group-by model"
    ],
    [
      "The 5 API keys with the most output tokens this week",
      "anthropic-admin usage --period this-week --group-by api_key_id --sort output_tokens --top 5"
    ],
    [
      "Daily tokens per model last month, as CSV for finance",
      "anthropic-admin usage --period last-month --bucket 1d --group-by model --format csv"
    ],
    [
      "Weekly tokens and cost per workspace, 12 weeks",
      "anthropic-admin usage --last 12w --bucket week --group-by workspace_id"
    ],
    [
      "Tokens and cost per user and product this month (analytics API)",
      "anthropic-admin usage --api analytics --period this-month --group-by actor,product --names"
    ]
  ]
} as const satisfies CommandSpec.CommandSpec
