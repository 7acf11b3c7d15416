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
import { Command } from "@effect/cli"
import { ClaudeCodeReport, CostReport } from "@rawdash/anthropic-admin-api"
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import { FlagError } from "../FlagError.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Ranking from "../Ranking.js"
import * as Rollup from "../Rollup.js"
import * as Runner from "../Runner.js"
import * as TimeRange from "../TimeRange.js"
import * as ClaudeCodeSpec from "./ClaudeCodeSpec.js"

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
  /** On the "other" row of `--top`: how many rows it adds up. @since 0.2.0 */
  readonly other?: number | undefined
}

const F = ClaudeCodeSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `ClaudeCodeSpec.spec.flags`.
 * @since 0.2.0
 */
export const options = {
  ...CommonOptions.common,
  ...CommonOptions.range,
  rows: CommonOptions.rows,
  date: Flag.optionalText(F.date),
  bucket: Flag.optionalChoice(F.bucket, ClaudeCodeSpec.BUCKETS),
  ...CommonOptions.ordering(F)
} as const

const DAY = 86_400_000

const union = (a: ReadonlyArray<string>, b: string | null | undefined) =>
  b === null || b === undefined || a.includes(b) ? a : [...a, b]

const accepted = (r: ClaudeCodeLine) => Object.values(r.tool_actions).reduce((s, t) => s + t.accepted, 0)
const rejected = (r: ClaudeCodeLine) => Object.values(r.tool_actions).reduce((s, t) => s + t.rejected, 0)

const joined = (values: ReadonlyArray<string>) => (values.length === 0 ? null : values.join(","))

/**
 * The columns: per record (actor, day, remote or local: `is_remote`), or per
 * actor over a bucket or the whole range (remote and local added up:
 * `remote_sessions`).
 */
const columns = (
  perRecord: boolean,
  perBucket: boolean,
  rollup: Rollup.Width | undefined
): ReadonlyArray<Output.Column<ClaudeCodeLine>> => [
  ...Rollup.timeColumns<ClaudeCodeLine>(perBucket, rollup, "day"),
  { name: "actor_type", kind: "text", value: (r) => r.actor_type, table: false, group: true },
  { name: "actor", kind: "text", value: (r) => r.actor, group: true },
  { name: "customer_type", kind: "text", value: (r) => joined(r.customer_type), table: false },
  { name: "subscription_type", kind: "text", value: (r) => joined(r.subscription_type), table: false },
  {
    name: "terminal_type",
    header: "terminal",
    kind: "text",
    value: (r) => joined(r.terminal_type),
    table: perRecord
  },
  ...(perRecord
    ? [
        {
          name: "is_remote",
          header: "remote",
          kind: "boolean",
          value: (r: ClaudeCodeLine) => r.is_remote
        } as const
      ]
    : []),
  Output.count<ClaudeCodeLine>("num_sessions", "sessions", (r) => r.num_sessions),
  ...(perRecord
    ? []
    : [Output.count<ClaudeCodeLine>("remote_sessions", "remote\nsessions", (r) => r.remote_sessions)]),
  Output.count<ClaudeCodeLine>("lines_added", "lines\nadded", (r) => r.lines_added),
  Output.count<ClaudeCodeLine>("lines_removed", "lines\nremoved", (r) => r.lines_removed),
  Output.count<ClaudeCodeLine>("commits_by_claude_code", "commits", (r) => r.commits_by_claude_code),
  Output.count<ClaudeCodeLine>(
    "pull_requests_by_claude_code",
    "pull\nrequests",
    (r) => r.pull_requests_by_claude_code
  ),
  Output.count<ClaudeCodeLine>("tool_accepted", "tool uses\naccepted", accepted),
  Output.count<ClaudeCodeLine>("tool_rejected", "tool uses\nrejected", rejected),
  { name: "tool_actions", kind: "json", value: (r) => r.tool_actions, table: false },
  Output.count<ClaudeCodeLine>("input_tokens", "input\ntokens", (r) => r.input_tokens),
  Output.count<ClaudeCodeLine>("output_tokens", "output\ntokens", (r) => r.output_tokens),
  Output.count<ClaudeCodeLine>("cache_read_tokens", "cache read\ntokens", (r) => r.cache_read_tokens),
  Output.count<ClaudeCodeLine>(
    "cache_creation_tokens",
    "cache write\ntokens",
    (r) => r.cache_creation_tokens
  ),
  { name: "estimated_cost_cents", kind: "decimal", value: (r) => r.estimated_cost_cents, table: false },
  {
    name: "estimated_cost_usd",
    header: "est. cost\nUSD",
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

/** Summaries: the highest estimated cost first, then the actor; records keep the report's order. */
const compareSummaries = (a: ClaudeCodeLine, b: ClaudeCodeLine) =>
  BigDecimal.Order(b.estimated_cost_cents, a.estimated_cost_cents) ||
  (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0)

/**
 * The `claude-code` command.
 * @since 0.1.0
 */
export const command = Command.make("claude-code", options, (flags) =>
  Runner.run(
    flags,
    Effect.all({
      asked: Effect.gen(function* () {
        if (
          Option.isSome(flags.date) &&
          (Option.isSome(flags.start) ||
            Option.isSome(flags.end) ||
            Option.isSome(flags.last) ||
            Option.isSome(flags.period))
        ) {
          return yield* new FlagError({
            flag: "--date",
            reason: "use either --date or --period/--start/--end/--last, not both"
          })
        }
        if (Option.isNone(flags.date)) return yield* TimeRange.current(flags)
        return yield* TimeRange.current({ start: flags.date, end: flags.date, last: Option.none() }).pipe(
          Effect.mapError((e) => new FlagError({ flag: "--date", reason: e.reason }))
        )
      }),
      ranking: Ranking.parse(flags.sort, flags.top, ClaudeCodeSpec.SORT_COLUMNS)
    }),
    ({ asked, ranking }, { target }) =>
      Effect.gen(function* () {
        const progress = yield* Progress
        const perBucket =
          CommonOptions.rowsFor(flags.format, flags.rows, Option.isSome(flags.bucket)) === "bucket"
        const rollup = Rollup.ofChoice(flags.bucket)
        // Per record: the report's own rows (actor, day, remote or local). Else per actor and bucket.
        const perRecord = perBucket && rollup === undefined
        // One record per actor and UTC day: the days the range touches, whole.
        const range = TimeRange.covered(asked, "1d")
        yield* progress.start("Claude Code report")
        const lines = new Map<string, ClaudeCodeLine>()
        let index = 0
        yield* ClaudeCodeReport.records({ from: range.start, to: range.end }).pipe(
          Stream.runForEach((record) =>
            Effect.sync(() => {
              const line = fromRecord(record)
              if (perRecord) {
                lines.set(String(index++), line)
                return
              }
              const own =
                perBucket && rollup !== undefined
                  ? Rollup.bucket(line.starting_at.epochMillis, rollup, range)
                  : { start: range.start.epochMillis, end: range.end.epochMillis }
              const key = JSON.stringify([own.start, line.actor_type, line.actor])
              const previous = lines.get(key)
              lines.set(
                key,
                previous === undefined
                  ? {
                      ...line,
                      is_remote: null,
                      starting_at: DateTime.unsafeMake(own.start),
                      ending_at: DateTime.unsafeMake(own.end)
                    }
                  : merge(previous, line)
              )
            })
          )
        )
        const shown = columns(perRecord, perBucket, rollup)
        const rows = Ranking.apply([...lines.values()], {
          ranking,
          columns: shown,
          bucketOf: (r) => r.starting_at.epochMillis,
          compare: perRecord ? () => 0 : compareSummaries,
          other: (rest) => ({
            ...rest.reduce(merge),
            is_remote: null,
            other: rest.length
          })
        })
        const coveredNote = TimeRange.coveredNote(asked, "1d")
        const cutNote = perBucket && rollup !== undefined ? Rollup.cutNote(range, rollup) : undefined
        const layout = perRecord
          ? ", per actor, day and remote/local"
          : perBucket && rollup !== undefined
            ? `, by actor, ${Rollup.per(rollup)}`
            : ", by actor"
        return Output.renderer({
          title: `Claude Code ${TimeRange.label(range)}${layout}`,
          columns: shown,
          rows,
          notes: [
            ...(coveredNote === undefined ? [] : [coveredNote]),
            ...(cutNote === undefined ? [] : [cutNote]),
            perRecord
              ? "remote: yes for remote Claude Code use, no for local (separate records); blank when the API did not say."
              : "Each actor's remote and local use are added up; remote sessions: how many of the sessions were remote (--rows bucket shows them apart).",
            "Only Claude Code on the first-party API; data older than about an hour. Costs are Anthropic's estimates.",
            ...(target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
          ],
          empty: "No Claude Code activity in this range.",
          ...(ranking.top === undefined ? {} : { otherCount: (r: ClaudeCodeLine) => r.other })
        } satisfies Output.Output<ClaudeCodeLine>)
      })
  )
)
