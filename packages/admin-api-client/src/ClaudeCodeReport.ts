/**
 * The Claude Code usage report: `GET /v1/organizations/usage_report/claude_code`.
 * One record per actor (user or API key) per UTC day, one day per request;
 * {@link records} loops over a range of days. Only data older than about an
 * hour is returned, and only for Claude Code on the first-party API.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as Effect from "effect/Effect"
import type { AdminApiClient, WireRequest } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import { DAY_MS, type DateInput, checkOrder, formatDay, toUtc, toUtcDay } from "./internal/dates.js"
import { pagedReport } from "./internal/report.js"
import { checkConcurrency, checkLimit, checkPage } from "./internal/params.js"
import { Count, nullIfAbsent, NumberAmount, openEnum } from "./internal/schema.js"
import { collectPages, restartOnExpiredCursor } from "./internal/windows.js"
import { DEFAULT_CONCURRENCY, type Page, type PagesOptions, ReportPage } from "./Pagination.js"

/** @since 0.1.0 */
export const PATH = "/v1/organizations/usage_report/claude_code"

/** The endpoint name used in errors and spans. @since 0.1.0 */
export const ENDPOINT = "usage_report/claude_code"

/** Records per page: default 20, maximum 1000. @since 0.1.0 */
export const LIMITS = { default: 20, max: 1000 } as const

/** A person signed in with OAuth. @since 0.1.0 */
export const UserActor = Schema.Struct({ type: Schema.Literal("user_actor"), email_address: Schema.String })
/** @since 0.1.0 */
export type UserActor = typeof UserActor.Type

/** An API key, by name. @since 0.1.0 */
export const ApiActor = Schema.Struct({ type: Schema.Literal("api_actor"), api_key_name: Schema.String })
/** @since 0.1.0 */
export type ApiActor = typeof ApiActor.Type

/**
 * An actor type this client does not know yet (kept so a new kind of actor
 * does not break decoding); only its `type` is read.
 * @since 0.1.0
 */
export const UnknownActor = Schema.Struct({
  type: Schema.String.pipe(Schema.filter((type) => type !== "user_actor" && type !== "api_actor"))
})
/** @since 0.1.0 */
export type UnknownActor = typeof UnknownActor.Type

/** Who used Claude Code. @since 0.1.0 */
export const Actor = Schema.Union(UserActor, ApiActor, UnknownActor)
/** @since 0.1.0 */
export type Actor = typeof Actor.Type

/** Narrows an actor to a user. @since 0.1.0 */
export const isUserActor = (actor: Actor): actor is UserActor => actor.type === "user_actor"
/** Narrows an actor to an API key. @since 0.1.0 */
export const isApiActor = (actor: Actor): actor is ApiActor => actor.type === "api_actor"

/**
 * A readable identity for an actor: the email address, the API key name, or
 * the unknown actor's type.
 * @since 0.1.0
 */
export const actorLabel = (actor: Actor): string =>
  isUserActor(actor) ? actor.email_address : isApiActor(actor) ? actor.api_key_name : actor.type

/** Accept/reject counts of one tool. @since 0.1.0 */
export const ToolAction = Schema.Struct({ accepted: Count, rejected: Count })
/** @since 0.1.0 */
export type ToolAction = typeof ToolAction.Type

/**
 * The estimated cost of one model's tokens. `amount` is in the lowest currency
 * unit (cents of USD), decoded exactly as a `BigDecimal` from the JSON number.
 * The reference documents an integer, but the live schema does not promise
 * one, so a fractional amount (`87.5`) decodes too (issue: live-API fidelity).
 * @since 0.2.0
 */
export const EstimatedCost = Schema.Struct({ amount: NumberAmount, currency: Schema.String })
/** @since 0.2.0 */
export type EstimatedCost = typeof EstimatedCost.Type

/** Tokens and estimated cost (cents, see {@link EstimatedCost}) of one model. @since 0.1.0 */
export const ModelBreakdown = Schema.Struct({
  model: Schema.String,
  tokens: Schema.Struct({ input: Count, output: Count, cache_read: Count, cache_creation: Count }),
  estimated_cost: EstimatedCost
})
/** @since 0.1.0 */
export type ModelBreakdown = typeof ModelBreakdown.Type

/**
 * One actor's local or remote Claude Code activity on one UTC day. `date` is
 * the day's start (the API sends RFC 3339 or `YYYY-MM-DD`). `is_remote` tells
 * remote from local use: they are separate records, so (actor, day) is not a
 * unique key — (actor, day, `is_remote`) is (reference §10.5). The spec
 * requires `is_remote`; older data without it reads as `null` (unknown), like
 * an absent `subscription_type` (reference §10.4). `tool_actions` is an open
 * map (documented keys: `edit_tool`, `multi_edit_tool`, `write_tool`,
 * `notebook_edit_tool`).
 * @since 0.1.0
 */
export const ClaudeCodeRecord = Schema.Struct({
  date: Schema.DateTimeUtc,
  actor: Actor,
  organization_id: Schema.String,
  customer_type: openEnum("api", "subscription"),
  subscription_type: nullIfAbsent(openEnum("enterprise", "team")),
  terminal_type: Schema.String,
  is_remote: nullIfAbsent(Schema.Boolean),
  core_metrics: Schema.Struct({
    num_sessions: Count,
    lines_of_code: Schema.Struct({ added: Count, removed: Count }),
    commits_by_claude_code: Count,
    pull_requests_by_claude_code: Count
  }),
  tool_actions: Schema.Record({ key: Schema.String, value: ToolAction }),
  model_breakdown: Schema.Array(ModelBreakdown)
})
/** @since 0.1.0 */
export type ClaudeCodeRecord = typeof ClaudeCodeRecord.Type

/** One page of the report, as the API sends it. @since 0.1.0 */
export const ClaudeCodePage = ReportPage(ClaudeCodeRecord)
/** @since 0.1.0 */
export type ClaudeCodePage = typeof ClaudeCodePage.Type

/**
 * Parameters of one day's report.
 * @since 0.1.0
 */
export interface Params {
  /** `starting_at`: one UTC day, `YYYY-MM-DD` or an instant at 00:00 UTC. */
  readonly day: DateInput
  /** `limit`: records per page, 1–1000 (default 20). */
  readonly limit?: number | undefined
  /** `page`: a cursor from a previous page's `next_page`. */
  readonly page?: string | undefined
}

/**
 * A range of days for {@link records}: every UTC day that overlaps
 * `[from, to)`; `to` is exclusive (`from: "2026-03-01", to: "2026-03-08"` is
 * seven days).
 * @since 0.1.0
 */
export interface RangeParams {
  readonly from: DateInput
  readonly to: DateInput
  /** Records per page, 1–1000; default 1000 (fewest requests). */
  readonly limit?: number | undefined
  /** Days fetched at the same time; output stays in day order. */
  readonly concurrency?: number | undefined
}

interface Query {
  readonly day: DateTime.Utc
  readonly limit: number | undefined
  readonly page: string | undefined
}

const validate = (params: Params): Either.Either<Query, InvalidParameterError> =>
  Either.gen(function* () {
    const day = yield* toUtcDay("day", params.day)
    const limit = yield* checkLimit(params.limit, LIMITS.max, " (records per page)")
    const page = yield* checkPage("page", params.page)
    return { day, limit, page }
  })

const toWire = (query: Query): WireRequest => {
  const pairs: Array<readonly [string, string]> = [["starting_at", formatDay(query.day)]]
  if (query.limit !== undefined) pairs.push(["limit", String(query.limit)])
  if (query.page !== undefined) pairs.push(["page", query.page])
  return { path: PATH, query: pairs, betas: [] }
}

const report = pagedReport({ endpoint: ENDPOINT, schema: ClaudeCodePage, validate, toWire })

/**
 * Validates parameters and encodes them for the wire (`starting_at` as
 * `YYYY-MM-DD`). Fails with {@link InvalidParameterError} naming the field.
 * @since 0.1.0
 */
export const encode: (params: Params) => Either.Either<WireRequest, InvalidParameterError> = report.encode

/**
 * Fetches one page of one day.
 * @since 0.1.0
 */
export const page: (params: Params) => Effect.Effect<ClaudeCodePage, AdminApiError, AdminApiClient> =
  report.page

/**
 * Every page of one day, following `next_page`; the first request uses
 * `startPage` (or `params.page`).
 * @since 0.1.0
 */
export const pages: (
  params: Params,
  options?: PagesOptions
) => Stream.Stream<Page<ClaudeCodeRecord>, AdminApiError, AdminApiClient> = report.pages

/**
 * The UTC days overlapping `[from, to)`, as midnights, in order.
 * @since 0.1.0
 */
export const days = (from: DateTime.Utc, to: DateTime.Utc): ReadonlyArray<DateTime.Utc> => {
  const result: Array<DateTime.Utc> = []
  for (let day = Math.floor(from.epochMillis / DAY_MS) * DAY_MS; day < to.epochMillis; day += DAY_MS) {
    result.push(DateTime.unsafeMake(day))
  }
  return result
}

/**
 * Every record of every day in `[from, to)`, day by day in order (records of
 * a day in the API's order). Days are fetched `concurrency` at a time; a day
 * whose cursor expires (410) is fetched again from its first page.
 * @since 0.1.0
 */
export const records = (
  params: RangeParams
): Stream.Stream<ClaudeCodeRecord, AdminApiError, AdminApiClient> =>
  Stream.unwrap(
    Either.gen(function* () {
      const from = yield* toUtc("from", params.from)
      const to = yield* toUtc("to", params.to)
      yield* checkOrder("from", from, "to", to)
      const limit = (yield* checkLimit(params.limit, LIMITS.max, " (records per page)")) ?? LIMITS.max
      const concurrency = yield* checkConcurrency(params.concurrency, DEFAULT_CONCURRENCY)
      return Stream.fromIterable(days(from, to)).pipe(
        Stream.mapEffect(
          (day) =>
            restartOnExpiredCursor(collectPages(report.pagesOf({ day, limit, page: undefined }, undefined))),
          { concurrency }
        ),
        Stream.flattenIterables
      )
    })
  )
