/**
 * `anthropic-admin cost`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.2.0
 */
import * as CommandSpec from "../CommandSpec.js"
import * as UsageSpec from "./UsageSpec.js"

/** What the Cost Report groups by (`CostReport.GroupBy`; a test keeps them equal). @since 0.2.0 */
export const GROUP_BY = ["workspace_id", "description"] as const

/**
 * What the analytics cost endpoint groups by (`AnalyticsCost.GroupBy`; a test
 * keeps them equal): the analytics dimensions, `cost_type` and `token_type`.
 * @since 0.3.0
 */
export const ANALYTICS_GROUP_BY = [...UsageSpec.ANALYTICS_DIMENSIONS, "cost_type", "token_type"] as const

/** What `--group-by` takes with either API (each checked against its own). @since 0.3.0 */
export const ANY_GROUP_BY = [...GROUP_BY, ...ANALYTICS_GROUP_BY] as const

/** `--bucket`: days, or days added up per ISO week or calendar month. @since 0.2.0 */
export const BUCKETS = CommandSpec.DAILY_BUCKETS

/** `--bucket` with `--api analytics`: the API's `1h` and `1m` too. @since 0.3.0 */
export const ANALYTICS_BUCKETS = ["1m", "1h", ...CommandSpec.DAILY_BUCKETS] as const

/** What `--sort` takes. @since 0.2.0 */
export const SORT_COLUMNS = [
  "amount_usd",
  "workspace_id",
  "description",
  "cost_type",
  "model",
  "token_type",
  "service_tier",
  "context_window"
] as const

/** What `--sort` takes with `--api analytics`. @since 0.3.0 */
export const ANALYTICS_SORT_COLUMNS = [
  "amount_usd",
  "list_amount_usd",
  "requests",
  ...ANALYTICS_GROUP_BY
] as const

/** @since 0.2.0 */
export const spec = {
  name: "cost",
  summary: "what the organisation was billed, by workspace and line item, or by API key, user and product",
  description: [
    "Reads the Cost Report: USD per UTC day, exact to the fraction of a cent, optionally by workspace and by line item (description, which also fills in model, token type, service tier and context window). Priority Tier usage is billed separately and is not in it.",
    "The report has whole UTC days only: a range that starts or ends inside a day includes that day in full, and the title names the days summed."
  ],
  flags: {
    ...CommandSpec.range,
    bucket: {
      ...CommandSpec.dailyBucket("the report's days"),
      description: `${CommandSpec.dailyBucket("the report's days").description} With --api analytics also 1h and 1m, and the default is the finest width the range's edges need, as for usage.`
    },
    api: CommandSpec.api(
      "the Cost Report, by workspace and line item",
      "splits cost by API key, user (actor), product, model and more, with the list price beside the amount billed"
    ),
    groupBy: {
      name: "group-by",
      value: "<dimension,…>",
      group: "grouping",
      description: `workspace_id and/or description: one row per workspace, line item (“Claude Sonnet 4.5 Usage - Input Tokens”), or both. With --api analytics: ${UsageSpec.ANALYTICS_DIMENSIONS.join(", ")}, and cost_type (tokens, web_search, code_execution, session_usage) and token_type, which do not count toward the API's 5 per request (beyond 5, as for usage).`
    },
    ...CommandSpec.ordering(SORT_COLUMNS, "amount, largest first", ["list_amount_usd", "requests"]),
    ...CommandSpec.common,
    rows: CommandSpec.rows,
    names: CommandSpec.names
  },
  examples: [
    [
      "Spend last month by workspace (demo data)",
      "anthropic-admin cost --demo --period last-month --group-by workspace_id"
    ],
    [
      "The 5 API keys that spent the most this week, with their names (analytics API)",
      "anthropic-admin cost --api analytics --period this-week --group-by api_key_id --names --top 5"
    ],
    [
      "This month's 10 largest line items",
      "anthropic-admin cost --period this-month --group-by description --top 10"
    ],
    [
      "Spend per workspace and month this year",
      "anthropic-admin cost --period this-year --bucket month --group-by workspace_id"
    ],
    [
      "Daily cost per workspace and line item, as CSV for finance",
      "anthropic-admin cost --period last-month --group-by workspace_id,description --format csv"
    ]
  ]
} as const satisfies CommandSpec.CommandSpec
