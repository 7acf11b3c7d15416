/**
 * What each command is and takes, as plain data: its name, the question it
 * answers, its flags (grouped, each with its own description and default)
 * and examples. The help text is rendered from it (`HelpText.ts`), the
 * arguments are scanned with it before anything else loads (`Preflight.ts`),
 * and the `@effect/cli` options of each command are built from the same
 * entries (`Flag.ts`), so the help cannot list a flag the parser does not
 * take, or miss one it does.
 *
 * This module imports nothing: `--help` and `--version` print from it without
 * loading the report machinery.
 *
 * @since 0.2.0
 */

/** The program name, as typed and as printed in errors. @since 0.2.0 */
export const NAME = "anthropic-admin"

/**
 * The help sections flags are grouped in, in the order they are shown.
 * @since 0.2.0
 */
export const GROUPS = {
  range: "Range",
  grouping: "Grouping and filters",
  ordering: "Ordering",
  sync: "Sync",
  output: "Output",
  connection: "Connection"
} as const

/** @since 0.2.0 */
export type Group = keyof typeof GROUPS

/**
 * One flag.
 * @since 0.2.0
 */
export interface FlagSpec {
  /** The long name, without dashes: `group-by`. */
  readonly name: string
  /** Other names: one letter (`f` for `-f`) or a word (`since` for `--since`). */
  readonly aliases?: ReadonlyArray<string>
  /** The value's placeholder (`<format>`); absent for a switch, which takes no value. */
  readonly value?: string
  readonly group: Group
  /** What it does, in a sentence or two. */
  readonly description: string
  /** What applies when the flag is absent, if anything. */
  readonly default?: string
}

/**
 * One command.
 * @since 0.2.0
 */
export interface CommandSpec {
  readonly name: string
  /** The question it answers, one line (the root help lists it). */
  readonly summary: string
  /** Paragraphs under the usage line. */
  readonly description: ReadonlyArray<string>
  /** The flags, keyed by the name the command's handler reads them under. */
  readonly flags: Readonly<Record<string, FlagSpec>>
  /** 3–5 examples: what it shows, and the command. */
  readonly examples: ReadonlyArray<readonly [string, string]>
}

/** The output formats. @since 0.2.0 */
export const FORMATS = ["table", "csv", "json", "ndjson"] as const

/**
 * `--bucket` of the daily reports (`cost`, `claude-code`): days (`1d` or
 * `day`), or days added up per ISO week or calendar month.
 * @since 0.2.0
 */
export const DAILY_BUCKETS = ["1d", "day", "week", "month"] as const

/**
 * The `--bucket` flag of a daily report; `days` says what a day's row is.
 * @since 0.2.0
 */
export const dailyBucket = (days: string) =>
  ({
    name: "bucket",
    value: "<width>",
    group: "range",
    description: `day (or 1d): ${days}; week or month: one row per ISO week (Monday to Sunday, UTC) or calendar month, added up from the days and cut at the edges of the range.`,
    default: "day"
  }) as const satisfies FlagSpec

/**
 * The calendar periods of `--period`, in UTC. A `this-…` period runs to the
 * end of today (so far, today included); `…-to-date` names the same range.
 * @since 0.2.0
 */
export const PERIODS = [
  "today",
  "yesterday",
  "this-week",
  "last-week",
  "week-to-date",
  "this-month",
  "last-month",
  "month-to-date",
  "this-quarter",
  "last-quarter",
  "quarter-to-date",
  "this-year",
  "last-year",
  "year-to-date"
] as const

/** @since 0.2.0 */
export type Period = (typeof PERIODS)[number]

/**
 * The longest `--last`: 1826 days, five years (one of them a leap year).
 * @since 0.2.0
 */
export const MAX_LAST_DAYS = 1826

/** The client's default retry budget, in minutes (`RetryPolicy.defaults.maxElapsed`; a test keeps them equal). */
export const RETRY_BUDGET_MINUTES = 3

/**
 * The flags of every command: where the data comes from and how it is
 * printed.
 * @since 0.2.0
 */
export const common = {
  format: {
    name: "format",
    aliases: ["f"],
    value: "<format>",
    group: "output",
    description:
      "table (for people), or for programs csv, json (one array) or ndjson (one object per line), with stable snake_case names and money as exact decimal strings.",
    default: "table"
  },
  quiet: {
    name: "quiet",
    aliases: ["q"],
    group: "output",
    description: "No progress line on stderr (it is only ever shown on a terminal)."
  },
  demo: {
    name: "demo",
    group: "connection",
    description:
      "Run on an embedded fake Admin API with a synthetic organisation (the Default Workspace and three more, an API key each, four models, Claude Code users, 90 days ending today). No key needed; nothing leaves the machine."
  },
  apiKeyFile: {
    name: "api-key-file",
    value: "<path>",
    group: "connection",
    description: "Read the Admin API key (sk-ant-admin…) from this file.",
    default: "the ANTHROPIC_ADMIN_API_KEY variable"
  },
  baseUrl: {
    name: "base-url",
    value: "<url>",
    group: "connection",
    description: "Send the requests to a gateway or proxy.",
    default: "ANTHROPIC_BASE_URL, else https://api.anthropic.com"
  },
  maxRetries: {
    name: "max-retries",
    value: "<n>",
    group: "connection",
    description:
      "Retry each request at most n times (0–100) on 429, 529, 5xx and network errors; a rate limit that outlasts them exits with code 4.",
    default: `retry for up to ${RETRY_BUDGET_MINUTES} minutes, waiting out per-minute rate limits with a countdown`
  }
} as const satisfies Record<string, FlagSpec>

/**
 * The range flags of the report commands.
 * @since 0.2.0
 */
export const range = {
  period: {
    name: "period",
    value: "<name>",
    group: "range",
    description: `A calendar period, in whole UTC days: ${PERIODS.join(", ")}. Weeks are ISO weeks, Monday to Sunday; a this-… period runs to the end of today (…-to-date is the same range).`
  },
  last: {
    name: "last",
    value: "<n>d|w|h|m",
    group: "range",
    description: `The n days (30d), weeks (2w), hours (24h) or minutes (90m) ending now, today or the current hour included; at most five years (${MAX_LAST_DAYS}d).`,
    default: "7d"
  },
  start: {
    name: "start",
    aliases: ["since"],
    value: "<day|instant>",
    group: "range",
    description:
      "First day of the range (2026-03-01, today, yesterday; UTC), or an RFC 3339 instant (2026-03-01T12:00:00Z). Impossible dates such as 2026-02-30 are refused."
  },
  end: {
    name: "end",
    aliases: ["until"],
    value: "<day|instant>",
    group: "range",
    description:
      "Last day of the range, included (2026-03-31, yesterday), or an instant, excluded (2026-04-01T00:00:00Z).",
    default: "today"
  }
} as const satisfies Record<string, FlagSpec>

/**
 * `--rows`, for the report commands.
 * @since 0.2.0
 */
export const rows = {
  name: "rows",
  value: "total|bucket",
  group: "output",
  description:
    "total: one row per group over the whole range; bucket: one row per bucket (hour, day, week, month) and group.",
  default: "bucket for csv/json/ndjson or with --bucket, else total"
} as const satisfies FlagSpec

/**
 * `--sort` and `--top`, for the report commands; `columns` lists what
 * `--sort` takes.
 * @since 0.2.0
 */
export const ordering = (
  columns: ReadonlyArray<string>,
  fallback: string,
  analytics?: ReadonlyArray<string>
) =>
  ({
    sort: {
      name: "sort",
      value: "<column>[:asc|:desc]",
      group: "ordering",
      description: `Order the rows by a column: ${columns.join(", ")}${
        analytics === undefined
          ? ""
          : `; with --api analytics also ${analytics.filter((c) => !columns.includes(c)).join(", ")} (and its dimensions)`
      }. Numbers largest first, text A to Z, unless :asc or :desc follows. Rows with buckets stay in time order, sorted within each bucket.`,
      default: fallback
    },
    top: {
      name: "top",
      value: "<n>",
      group: "ordering",
      description:
        'Keep the first n rows (of each bucket) and add up the rest in one "other" row (other_groups in csv/json: how many groups it holds); the totals do not change.'
    }
  }) as const satisfies Record<string, FlagSpec>

/**
 * Which report `usage` and `cost` read: the legacy Admin reports (the
 * Messages Usage Report, the Cost Report) or the Usage and Cost Analytics
 * API (beta).
 * @since 0.3.0
 */
export const APIS = ["legacy", "analytics"] as const

/** @since 0.3.0 */
export type Api = (typeof APIS)[number]

/**
 * `--api`, for `usage` and `cost`; `what` says what the analytics API adds.
 * @since 0.3.0
 */
export const api = (legacy: string, what: string) =>
  ({
    name: "api",
    value: "legacy|analytics",
    group: "grouping",
    description: `legacy: ${legacy}. analytics: the Usage and Cost Analytics API (beta) — ${what}; it has its own dimensions (see --group-by), buckets of 1d, 1h or 1m, data from 2026-01-01 within the last 365 days, exported every few hours.`,
    default: "legacy"
  }) as const satisfies FlagSpec

/**
 * `--names`, for every report with key or workspace ids.
 * @since 0.3.0
 */
export const names = {
  name: "names",
  group: "output",
  description:
    "Show API key and workspace names (and users' emails) next to their ids: one listing of each kind per run, from the management endpoints. If the key may not list them, the ids are shown, with one warning per kind on stderr."
} as const satisfies FlagSpec

/**
 * The flags every invocation takes, handled before any command runs.
 * @since 0.2.0
 */
export const global = {
  help: {
    name: "help",
    aliases: ["h"],
    group: "output",
    description: "Show help (for a command: anthropic-admin <command> --help)."
  },
  version: { name: "version", aliases: ["v"], group: "output", description: "Print the version." }
} as const satisfies Record<string, FlagSpec>

/**
 * The root command's help, besides its list of commands.
 * @since 0.2.0
 */
export const root = {
  summary: "Anthropic usage and cost for a whole organisation, from the Admin API",
  description: [
    "Reads the Messages Usage Report, the Cost Report, the Claude Code report and the Usage and Cost Analytics API (--api analytics), and lists the organisation's workspaces, API keys, users and invites, with an Admin API key (sk-ant-admin…, created by an organization admin in Console → Settings → Admin keys) from ANTHROPIC_ADMIN_API_KEY or --api-key-file, and prints a table for people or csv, json or ndjson for programs. Money is exact: summed as decimals, never as floating point.",
    "Add --demo to any command to try it on an embedded fake organisation, without a key."
  ],
  examples: [
    [
      "Spend last month by workspace (demo data)",
      "anthropic-admin cost --demo --period last-month --group-by workspace_id"
    ],
    [
      "The 5 API keys that spent the most this week, with their names",
      "anthropic-admin cost --api analytics --period this-week --group-by api_key_id --names --top 5"
    ],
    [
      "Daily tokens per model last month, as CSV for finance",
      "anthropic-admin usage --period last-month --bucket 1d --group-by model --format csv"
    ],
    ["Claude Code per user yesterday", "anthropic-admin claude-code --date yesterday"],
    ["The organisation's API keys, with their workspaces' names", "anthropic-admin api-keys --names"]
  ] as ReadonlyArray<readonly [string, string]>,
  environment: [
    ["ANTHROPIC_ADMIN_API_KEY", "the Admin API key (unless --api-key-file)"],
    ["ANTHROPIC_BASE_URL", "the API base URL (unless --base-url)"],
    ["NO_COLOR", "no colour, even on a terminal (colour is only ever used on one)"],
    ["ANTHROPIC_ADMIN_NOW", "an ISO 8601 instant to take as now: reproducible periods and demo data"]
  ] as ReadonlyArray<readonly [string, string]>,
  exitCodes: [
    ["0", "success"],
    ["1", "any other failure: network, server error, unexpected response"],
    ["2", "bad flags or parameters (the message names the flag or variable)"],
    ["3", "a key or permission problem: no key, a malformed, revoked or non-Admin key"],
    ["4", "rate limited or overloaded, still, after the retries"],
    ["130", "interrupted"]
  ] as ReadonlyArray<readonly [string, string]>
} as const
