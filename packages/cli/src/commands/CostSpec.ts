/**
 * `anthropic-admin cost`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.2.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** What the Cost Report groups by (`CostReport.GroupBy`; a test keeps them equal). @since 0.2.0 */
export const GROUP_BY = ["workspace_id", "description"] as const

/** `--bucket`: days, or days added up per ISO week or calendar month. @since 0.2.0 */
export const BUCKETS = CommandSpec.DAILY_BUCKETS

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

/** @since 0.2.0 */
export const spec = {
  name: "cost",
  summary: "what the organisation was billed, by workspace and line item",
  description: [
    "Reads the Cost Report: USD per UTC day, exact to the fraction of a cent, optionally by workspace and by line item (description, which also fills in model, token type, service tier and context window). Priority Tier usage is billed separately and is not in it.",
    "The report has whole UTC days only: a range that starts or ends inside a day includes that day in full, and the title names the days summed."
  ],
  flags: {
    ...CommandSpec.range,
    bucket: CommandSpec.dailyBucket("the report's days"),
    groupBy: {
      name: "group-by",
      value: "<dimension,…>",
      group: "grouping",
      description:
        "workspace_id and/or description: one row per workspace, line item (“Claude Sonnet 4.5 Usage - Input Tokens”), or both."
    },
    ...CommandSpec.ordering(SORT_COLUMNS, "amount, largest first"),
    ...CommandSpec.common,
    rows: CommandSpec.rows
  },
  examples: [
    [
      "Spend last month by workspace (demo data)",
      "anthropic-admin cost --demo --period last-month --group-by workspace_id"
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
