/**
 * The flags every command shares: where the data comes from (key, base URL,
 * demo), how it is printed (format, rows), progress and retries — and the
 * range flags of the report commands.
 *
 * @since 0.1.0
 */
import { Options } from "@effect/cli"
import { RetryPolicy } from "@rawdash/anthropic-admin-api"
import { Duration } from "effect"
import * as Flag from "./Flag.js"
import { FORMATS } from "./Output.js"
import * as TimeRange from "./TimeRange.js"

/** How the table groups rows. @since 0.1.0 */
export const ROWS = ["total", "bucket"] as const
/** @since 0.1.0 */
export type Rows = (typeof ROWS)[number]

/**
 * Connection and output flags, on every command.
 * @since 0.1.0
 */
export const common = {
  format: Flag.choice("format", FORMATS, "table").pipe(
    Options.withAlias("f"),
    Options.withDescription(
      "Output format: table (for people), csv, json (one array) or ndjson (one object per line)."
    )
  ),
  demo: Options.boolean("demo").pipe(
    Options.withDescription(
      "Run against an embedded fake Admin API serving a seeded organisation (a few workspaces, API keys and models, 90 days of history). No key needed; nothing leaves the machine."
    )
  ),
  apiKeyFile: Flag.optionalText("api-key-file", "path").pipe(
    Options.withDescription(
      "Read the Admin API key from this file instead of ANTHROPIC_ADMIN_API_KEY (surrounding whitespace is ignored)."
    )
  ),
  baseUrl: Flag.optionalText("base-url", "url").pipe(
    Options.withDescription(
      "API base URL, for gateways and proxies; default ANTHROPIC_BASE_URL, else https://api.anthropic.com."
    )
  ),
  quiet: Options.boolean("quiet").pipe(
    Options.withAlias("q"),
    Options.withDescription("No progress on stderr (progress is only shown when stderr is a terminal).")
  ),
  maxRetries: Flag.optionalInteger("max-retries", 0, 100).pipe(
    Options.withDescription(
      `Retries per request on 429, 529, 5xx and network errors. Default: the client's policy, which keeps retrying for up to ${Duration.toMinutes(RetryPolicy.defaults.maxElapsed)} minutes — a per-minute rate limit (a 429 without Retry-After) is waited out until its reset, with a countdown on the progress line. With --max-retries N a request is sent at most N + 1 times. A rate limit still in place after the last retry exits with code 4.`
    )
  )
} as const

/**
 * The range flags of the report commands.
 * @since 0.1.0
 */
export const range = {
  start: Flag.optionalText("start", "date|rfc3339").pipe(
    Options.withDescription(
      "First day (2026-03-01, UTC) or instant (2026-03-01T12:00:00Z) of the range. Impossible dates (2026-02-30) and times (24:00) are refused."
    )
  ),
  end: Flag.optionalText("end", "date|rfc3339").pipe(
    Options.withDescription(
      "Last day of the range, included (2026-03-31), or an exclusive instant (2026-04-01T00:00:00Z). Default: today."
    )
  ),
  last: Flag.optionalText("last", "30d|24h|90m|2w").pipe(
    Options.withDescription(
      `The range as a duration ending now: 30d = the 30 UTC days ending with today, 24h = the 24 hours ending with the current one, 90m, 2w. From 1 up to five years (${TimeRange.MAX_LAST_DAYS}d). Default 7d.`
    )
  )
} as const

/**
 * `--rows`: how the rows are laid out.
 * @since 0.1.0
 */
export const rows = Flag.optionalChoice("rows", ROWS).pipe(
  Options.withDescription(
    "total: one row per group over the whole range; bucket: one row per time bucket and group. Default: total for the table, bucket for csv/json/ndjson."
  )
)

/**
 * The effective row layout: `--rows`, else `total` for tables and `bucket`
 * for machine formats.
 * @since 0.1.0
 */
export const rowsFor = (
  format: (typeof FORMATS)[number],
  given: { _tag: "Some"; value: Rows } | { _tag: "None" }
): Rows => (given._tag === "Some" ? given.value : format === "table" ? "total" : "bucket")
