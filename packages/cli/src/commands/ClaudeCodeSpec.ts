/**
 * `anthropic-admin claude-code`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.2.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** `--bucket`: the report's days, or days added up per ISO week or calendar month. @since 0.2.0 */
export const BUCKETS = CommandSpec.DAILY_BUCKETS

/** What `--sort` takes. @since 0.2.0 */
export const SORT_COLUMNS = [
  "actor",
  "num_sessions",
  "remote_sessions",
  "lines_added",
  "lines_removed",
  "commits_by_claude_code",
  "pull_requests_by_claude_code",
  "tool_accepted",
  "tool_rejected",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_creation_tokens",
  "estimated_cost_usd"
] as const

/** @since 0.2.0 */
export const spec = {
  name: "claude-code",
  summary: "Claude Code use per user or API key: sessions, lines, commits, pull requests, tokens, cost",
  description: [
    "Reads the Claude Code usage report: per actor (a user's e-mail or an API key's name), UTC day and remote or local use, the sessions, lines of code added and removed, commits, pull requests, tool accept/reject counts, tokens and Anthropic's estimated cost (exact, summed as decimals). Only Claude Code on the first-party API; data appears after about an hour.",
    "The table shows one row per actor over the range, remote and local use added up (remote sessions: how many were remote); --rows bucket shows each record (actor, day, remote or local), --bucket week or month one row per actor and week or month."
  ],
  flags: {
    date: {
      name: "date",
      value: "<day>",
      group: "range",
      description: "One UTC day: 2026-03-02, today or yesterday (the same as --start D --end D)."
    },
    ...CommandSpec.range,
    bucket: CommandSpec.dailyBucket("the report's records"),
    ...CommandSpec.ordering(SORT_COLUMNS, "estimated cost, largest first"),
    ...CommandSpec.common,
    rows: CommandSpec.rows
  },
  examples: [
    ["Claude Code per user yesterday (demo data)", "anthropic-admin claude-code --demo --date yesterday"],
    [
      "The 3 most active users this month, by sessions",
      "anthropic-admin claude-code --period this-month --sort num_sessions --top 3"
    ],
    ["One row per user and week, last 4 weeks", "anthropic-admin claude-code --last 4w --bucket week"],
    [
      "Last month as NDJSON, one record per actor, day and remote/local",
      "anthropic-admin claude-code --period last-month --format ndjson"
    ]
  ]
} as const satisfies CommandSpec.CommandSpec
