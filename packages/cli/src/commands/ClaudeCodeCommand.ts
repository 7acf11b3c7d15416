/**
 * `anthropic-admin claude-code`: the Claude Code usage report — per actor
 * (user or API key), UTC day and local or remote use: sessions, lines of
 * code, commits, pull requests, tool accept/reject counts, tokens and
 * estimated cost (exact, summed as decimals).
 *
 * Remote and local use of one actor on one day are separate records
 * (reference §10.5): per record (`--rows bucket`, and csv/json/ndjson by
 * default) each carries `is_remote` (`true`, `false`, or empty when the API
 * did not say), so the two are told apart. The per-actor summary adds them
 * up, and its `remote_sessions` column says how many sessions were remote.
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { ClaudeCodeReport, CostReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, DateTime, Effect, Option, Stream } from "effect"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import { FlagError } from "../FlagError.js"
import * as Help from "../Help.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Runner from "../Runner.js"
import * as TimeRange from "../TimeRange.js"

/**
 * One output row: one record of the report (an actor's local or remote use on
 * a day), or one actor over the whole range.
 * @since 0.1.0
 */
export interface ClaudeCodeLine {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly actor_type: string
  readonly actor: string
  readonly customer_type: ReadonlyArray<string>
  readonly subscription_type: ReadonlyArray<string>
  readonly terminal_type: ReadonlyArray<string>
  /**
   * Remote (`true`) or local (`false`) use; `null` when the API did not say,
   * and in a per-actor summary, which adds both up.
   * @since 0.2.0
   */
  readonly is_remote: boolean | null
  readonly num_sessions: number
  /** Sessions of records with `is_remote: true`. @since 0.2.0 */
  readonly remote_sessions: number
  readonly lines_added: number
  readonly lines_removed: number
  readonly commits_by_claude_code: number
  readonly pull_requests_by_claude_code: number
  readonly tool_actions: Readonly<Record<string, { readonly accepted: number; readonly rejected: number }>>
  readonly input_tokens: number
  readonly output_tokens: number
  readonly cache_read_tokens: number
  readonly cache_creation_tokens: number
  /** Exact cents, summed over models (the API may send fractions of a cent). */
  readonly estimated_cost_cents: BigDecimal.BigDecimal
}

const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  date: Flag.optionalText("date", "YYYY-MM-DD").pipe(
    Options.withDescription("One UTC day (same as --start D --end D).")
  )
} as const

const DAY = 86_400_000

const union = (a: ReadonlyArray<string>, b: string | null | undefined) =>
  b === null || b === undefined || a.includes(b) ? a : [...a, b]

const accepted = (r: ClaudeCodeLine) => Object.values(r.tool_actions).reduce((s, t) => s + t.accepted, 0)
const rejected = (r: ClaudeCodeLine) => Object.values(r.tool_actions).reduce((s, t) => s + t.rejected, 0)

const joined = (values: ReadonlyArray<string>) => (values.length === 0 ? null : values.join(","))

const columns = (perBucket: boolean): ReadonlyArray<Output.Column<ClaudeCodeLine>> => [
  { name: "starting_at", header: "day", kind: "instant", value: (r) => r.starting_at, table: perBucket },
  { name: "ending_at", kind: "instant", value: (r) => r.ending_at, table: false },
  { name: "actor_type", kind: "text", value: (r) => r.actor_type, table: false },
  { name: "actor", kind: "text", value: (r) => r.actor },
  { name: "customer_type", kind: "text", value: (r) => joined(r.customer_type), table: false },
  { name: "subscription_type", kind: "text", value: (r) => joined(r.subscription_type), table: false },
  {
    name: "terminal_type",
    header: "terminal",
    kind: "text",
    value: (r) => joined(r.terminal_type),
    table: perBucket
  },
  ...(perBucket
    ? [
        {
          name: "is_remote",
          header: "remote",
          kind: "boolean",
          value: (r: ClaudeCodeLine) => r.is_remote
        } as const
      ]
    : []),
  { name: "num_sessions", header: "sessions", kind: "integer", value: (r) => r.num_sessions, total: true },
  ...(perBucket
    ? []
    : [
        {
          name: "remote_sessions",
          header: "remote sessions",
          kind: "integer",
          value: (r: ClaudeCodeLine) => r.remote_sessions,
          total: true
        } as const
      ]),
  { name: "lines_added", header: "lines +", kind: "integer", value: (r) => r.lines_added, total: true },
  { name: "lines_removed", header: "lines −", kind: "integer", value: (r) => r.lines_removed, total: true },
  {
    name: "commits_by_claude_code",
    header: "commits",
    kind: "integer",
    value: (r) => r.commits_by_claude_code,
    total: true
  },
  {
    name: "pull_requests_by_claude_code",
    header: "PRs",
    kind: "integer",
    value: (r) => r.pull_requests_by_claude_code,
    total: true
  },
  { name: "tool_accepted", header: "accepted", kind: "integer", value: accepted, total: true },
  { name: "tool_rejected", header: "rejected", kind: "integer", value: rejected, total: true },
  { name: "tool_actions", kind: "json", value: (r) => r.tool_actions, table: false },
  { name: "input_tokens", header: "input", kind: "integer", value: (r) => r.input_tokens, total: true },
  { name: "output_tokens", header: "output", kind: "integer", value: (r) => r.output_tokens, total: true },
  {
    name: "cache_read_tokens",
    header: "cache read",
    kind: "integer",
    value: (r) => r.cache_read_tokens,
    total: true
  },
  {
    name: "cache_creation_tokens",
    header: "cache write",
    kind: "integer",
    value: (r) => r.cache_creation_tokens,
    total: true
  },
  { name: "estimated_cost_cents", kind: "decimal", value: (r) => r.estimated_cost_cents, table: false },
  {
    name: "estimated_cost_usd",
    header: "est. cost",
    kind: "usd",
    value: (r) => CostReport.toDollars(r.estimated_cost_cents),
    total: true
  }
]

const fromRecord = (record: ClaudeCodeReport.ClaudeCodeRecord): ClaudeCodeLine => {
  const tokens = (f: (m: ClaudeCodeReport.ModelBreakdown) => number) =>
    record.model_breakdown.reduce((s, m) => s + f(m), 0)
  return {
    starting_at: record.date,
    ending_at: DateTime.unsafeMake(record.date.epochMillis + DAY),
    actor_type: record.actor.type,
    actor: ClaudeCodeReport.actorLabel(record.actor),
    customer_type: [record.customer_type],
    subscription_type: union([], record.subscription_type),
    terminal_type: [record.terminal_type],
    is_remote: record.is_remote,
    num_sessions: record.core_metrics.num_sessions,
    remote_sessions: record.is_remote === true ? record.core_metrics.num_sessions : 0,
    lines_added: record.core_metrics.lines_of_code.added,
    lines_removed: record.core_metrics.lines_of_code.removed,
    commits_by_claude_code: record.core_metrics.commits_by_claude_code,
    pull_requests_by_claude_code: record.core_metrics.pull_requests_by_claude_code,
    tool_actions: record.tool_actions,
    input_tokens: tokens((m) => m.tokens.input),
    output_tokens: tokens((m) => m.tokens.output),
    cache_read_tokens: tokens((m) => m.tokens.cache_read),
    cache_creation_tokens: tokens((m) => m.tokens.cache_creation),
    estimated_cost_cents: BigDecimal.sumAll(record.model_breakdown.map((m) => m.estimated_cost.amount))
  }
}

const merge = (a: ClaudeCodeLine, b: ClaudeCodeLine): ClaudeCodeLine => {
  const tools: Record<string, { accepted: number; rejected: number }> = {}
  for (const [name, t] of [...Object.entries(a.tool_actions), ...Object.entries(b.tool_actions)]) {
    const acc = tools[name] ?? { accepted: 0, rejected: 0 }
    tools[name] = { accepted: acc.accepted + t.accepted, rejected: acc.rejected + t.rejected }
  }
  return {
    ...a,
    customer_type: b.customer_type.reduce(union, a.customer_type),
    subscription_type: b.subscription_type.reduce(union, a.subscription_type),
    terminal_type: b.terminal_type.reduce(union, a.terminal_type),
    is_remote: null,
    num_sessions: a.num_sessions + b.num_sessions,
    remote_sessions: a.remote_sessions + b.remote_sessions,
    lines_added: a.lines_added + b.lines_added,
    lines_removed: a.lines_removed + b.lines_removed,
    commits_by_claude_code: a.commits_by_claude_code + b.commits_by_claude_code,
    pull_requests_by_claude_code: a.pull_requests_by_claude_code + b.pull_requests_by_claude_code,
    tool_actions: tools,
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_read_tokens: a.cache_read_tokens + b.cache_read_tokens,
    cache_creation_tokens: a.cache_creation_tokens + b.cache_creation_tokens,
    estimated_cost_cents: BigDecimal.sum(a.estimated_cost_cents, b.estimated_cost_cents)
  }
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  [
    "Who used Claude Code in the last 7 days, and what it cost (demo data)",
    "anthropic-admin claude-code --demo"
  ],
  [
    "One day, one row per actor and local or remote use",
    "anthropic-admin claude-code --date 2026-03-02 --rows bucket"
  ],
  [
    "A month as NDJSON, one record per actor, day and is_remote",
    "anthropic-admin claude-code --start 2026-03-01 --end 2026-03-31 --format ndjson"
  ]
]

/**
 * The `claude-code` command.
 * @since 0.1.0
 */
export const command = Command.make("claude-code", options, (flags) =>
  Runner.run(
    flags,
    Effect.gen(function* () {
      if (
        Option.isSome(flags.date) &&
        (Option.isSome(flags.start) || Option.isSome(flags.end) || Option.isSome(flags.last))
      ) {
        return yield* new FlagError({
          flag: "--date",
          reason: "use either --date or --start/--end/--last, not both"
        })
      }
      if (Option.isNone(flags.date)) return yield* TimeRange.current(flags)
      return yield* TimeRange.current({ start: flags.date, end: flags.date, last: Option.none() }).pipe(
        Effect.mapError((e) => new FlagError({ flag: "--date", reason: e.reason }))
      )
    }),
    (asked, { target }) =>
      Effect.gen(function* () {
        const progress = yield* Progress
        const perBucket = CommonOptions.rowsFor(flags.format, flags.rows) === "bucket"
        // One record per actor and UTC day: the days the range touches, whole.
        const range = TimeRange.covered(asked, "1d")
        yield* progress.start("Claude Code report")
        const lines = new Map<string, ClaudeCodeLine>()
        let index = 0
        yield* ClaudeCodeReport.records({ from: range.start, to: range.end }).pipe(
          Stream.runForEach((record) => {
            const line = fromRecord(record)
            const key = perBucket ? String(index++) : JSON.stringify([line.actor_type, line.actor])
            const previous = lines.get(key)
            lines.set(
              key,
              previous === undefined
                ? perBucket
                  ? line
                  : { ...line, is_remote: null, starting_at: range.start, ending_at: range.end }
                : merge(previous, line)
            )
            return progress.rows(1)
          })
        )
        const rows = [...lines.values()]
        if (!perBucket) {
          rows.sort(
            (a, b) =>
              BigDecimal.Order(b.estimated_cost_cents, a.estimated_cost_cents) ||
              (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0)
          )
        }
        const coveredNote = TimeRange.coveredNote(asked, "1d")
        return Output.renderer({
          title: `Claude Code ${TimeRange.label(range)}${perBucket ? ", per actor, day and remote/local" : ", by actor"}`,
          columns: columns(perBucket),
          rows,
          notes: [
            ...(coveredNote === undefined ? [] : [coveredNote]),
            perBucket
              ? "remote: yes for remote Claude Code use, no for local (separate records); blank when the API did not say."
              : "Each actor's remote and local use are added up; remote sessions: how many of the sessions were remote (--rows bucket shows them apart).",
            "Only Claude Code on the first-party API; data older than about an hour. Costs are Anthropic's estimates.",
            ...(target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
          ],
          empty: "No Claude Code activity in this range."
        } satisfies Output.Output<ClaudeCodeLine>)
      })
  )
).pipe(
  Command.withDescription(
    Help.describe(
      "Claude Code activity from the Claude Code usage report: sessions, lines of code, commits, pull requests, tool accept/reject counts, tokens and estimated cost (exact, in cents and dollars). The report has whole UTC days: a range that starts or ends inside a day includes that day in full, and the title says which days. Remote and local use are separate records: with --rows bucket (the default for csv/json/ndjson) there is one row per actor, day and is_remote (true, false, or empty when unknown); the table's default shows one row per actor over the range, remote and local added up, with a remote sessions column, most expensive first. Default range: --last 7d.",
      EXAMPLES
    )
  )
)
