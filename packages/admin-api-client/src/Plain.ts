/**
 * Report data as plain JSON values: what the Promise client
 * ({@link AdminApi}) returns, and what Effect code can map its decoded values
 * to for JSON output (`Stream.map(Plain.costRow)`).
 *
 * The rules, the same for every report:
 * - **Instants are RFC 3339 strings in UTC**, in the API's own form:
 *   `"2026-03-01T00:00:00Z"` (milliseconds only when not zero). Strings,
 *   not `Date`, because they are what JSON carries: `JSON.stringify` and
 *   `JSON.parse` give back an equal value (a `Date` comes back as a string),
 *   they compare with `===` and sort as text, and they print the same in every
 *   time zone. `new Date(row.starting_at)` when you need a `Date`.
 * - **Money is exact decimal strings**, never a float. `amount` is the API's
 *   own field, in cents (the lowest currency unit), with the digits the API
 *   sent: `"1446.3000"`. `amount_usd` is the same amount in dollars, the
 *   decimal point moved two places and nothing rounded: `"14.463000"`; it is
 *   `null` if `currency` is ever anything but `USD` (the reports only use USD
 *   today). Claude Code's `estimated_cost.amount`, a JSON number on the wire,
 *   becomes a decimal string of the same value (`87.5` → `"87.5"`). Add them
 *   with {@link DecimalString}.
 * - **Counts are numbers** (tokens, requests, sessions, lines).
 * - **Absent is `null`**: a dimension not grouped by, or a key the API left
 *   out (reference §10.4), is `null`, never `undefined`, so every key is in
 *   the JSON.
 * - **Keys keep the wire's snake_case names**, in a fixed order; nothing else
 *   is added, so `JSON.stringify` of a row is documented, stable JSON.
 *
 * @since 0.2.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import type * as DateTime from "effect/DateTime"
import type * as Analytics from "./Analytics.js"
import type * as AnalyticsCost from "./AnalyticsCost.js"
import type * as AnalyticsUsage from "./AnalyticsUsage.js"
import type * as ApiKeys from "./ApiKeys.js"
import type * as ClaudeCodeReport from "./ClaudeCodeReport.js"
import type * as CostReport from "./CostReport.js"
import { centsToDollars, type DecimalString, fromBigDecimal } from "./DecimalString.js"
import { formatInstant } from "./internal/dates.js"
import type * as Invites from "./Invites.js"
import type * as Pagination from "./Pagination.js"
import type * as UsageReport from "./UsageReport.js"
import type * as Users from "./Users.js"
import type * as Workspaces from "./Workspaces.js"

/**
 * An instant as RFC 3339 text in UTC, e.g. `"2026-03-01T00:00:00Z"`.
 * @since 0.2.0
 */
export type Instant = string

/**
 * A `DateTime` as an {@link Instant}: `"2026-03-01T00:00:00Z"`, with
 * milliseconds only when they are not zero.
 * @since 0.2.0
 */
export const instant = (dateTime: DateTime.Utc): Instant => formatInstant(dateTime)

/**
 * An amount in cents with its currency, as exact strings: `amount` as the API
 * gave it, `amount_usd` in dollars (`null` when `currency` is not `USD`).
 * @since 0.2.0
 */
export interface Money {
  /** Cents (lowest currency unit), exact: `"1446.3000"`. */
  readonly amount: DecimalString
  /** Dollars, exact, unrounded: `"14.463000"`; `null` unless `currency` is `USD`. */
  readonly amount_usd: DecimalString | null
  readonly currency: string
}

const USD = "USD"

/**
 * Cents and currency as {@link Money}.
 * @since 0.2.0
 */
export const money = (amount: DecimalString, currency: string): Money => ({
  amount,
  amount_usd: currency.toUpperCase() === USD ? centsToDollars(amount) : null,
  currency
})

/** One row of a usage bucket: token counts and dimensions (already plain). @since 0.2.0 */
export type UsageResult = UsageReport.UsageResult

/**
 * One usage bucket: `[starting_at, ending_at)` and its rows.
 * @since 0.2.0
 */
export interface UsageBucket {
  readonly starting_at: Instant
  readonly ending_at: Instant
  readonly results: ReadonlyArray<UsageResult>
}

/**
 * A usage row with its bucket's edges first:
 * `{"starting_at":"2026-03-01T00:00:00Z","ending_at":"2026-03-02T00:00:00Z","uncached_input_tokens":…}`.
 * @since 0.2.0
 */
export type UsageRow = { readonly starting_at: Instant; readonly ending_at: Instant } & UsageResult

/**
 * One cost row: {@link Money} first (`amount`, `amount_usd`, `currency`),
 * then the dimensions, `null` unless grouped by.
 * @since 0.2.0
 */
export type CostResult = Money & Omit<CostReport.CostResult, "amount" | "currency">

/**
 * One daily cost bucket.
 * @since 0.2.0
 */
export interface CostBucket {
  readonly starting_at: Instant
  readonly ending_at: Instant
  readonly results: ReadonlyArray<CostResult>
}

/**
 * A cost row with its bucket's edges first.
 * @since 0.2.0
 */
export type CostRow = { readonly starting_at: Instant; readonly ending_at: Instant } & CostResult

/**
 * One model's tokens and estimated cost ({@link Money}; the amount is cents).
 * @since 0.2.0
 */
export type ModelBreakdown = Omit<ClaudeCodeReport.ModelBreakdown, "estimated_cost"> & {
  readonly estimated_cost: Money
}

/**
 * One Claude Code record: `date` the UTC day's start as an {@link Instant},
 * estimated costs as {@link Money}.
 * @since 0.2.0
 */
export type ClaudeCodeRecord = Omit<ClaudeCodeReport.ClaudeCodeRecord, "date" | "model_breakdown"> & {
  readonly date: Instant
  readonly model_breakdown: ReadonlyArray<ModelBreakdown>
}

/**
 * One page as the API sends it: `data`, `has_more`, `next_page`.
 * @since 0.2.0
 */
export interface ReportPage<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more: boolean
  readonly next_page: string | null
}

/** @since 0.2.0 */
export type UsagePage = ReportPage<UsageBucket>
/** @since 0.2.0 */
export type CostPage = ReportPage<CostBucket>
/** @since 0.2.0 */
export type ClaudeCodePage = ReportPage<ClaudeCodeRecord>

/**
 * One page of a range, as the `…Pages` iterables yield it: the items, the
 * cursor that fetched it and the next one (`null` on the first/last page),
 * and the response's `request-id` and headers (names lower-case).
 * @since 0.2.0
 */
export interface Page<A> {
  readonly data: ReadonlyArray<A>
  readonly page: string | null
  readonly next_page: string | null
  readonly request_id: string | null
  readonly headers: Readonly<Record<string, string>>
}

/** @since 0.2.0 */
export const usageBucket = (bucket: UsageReport.UsageBucket): UsageBucket => ({
  starting_at: instant(bucket.starting_at),
  ending_at: instant(bucket.ending_at),
  results: bucket.results
})

/** @since 0.2.0 */
export const usageRow = (row: UsageReport.UsageRow): UsageRow => {
  const { ending_at, starting_at, ...result } = row
  return { starting_at: instant(starting_at), ending_at: instant(ending_at), ...result }
}

/** @since 0.2.0 */
export const costResult = (result: CostReport.CostResult): CostResult => {
  const { amount, currency, ...dimensions } = result
  return { ...money(fromBigDecimal(amount), currency), ...dimensions }
}

/** @since 0.2.0 */
export const costBucket = (bucket: CostReport.CostBucket): CostBucket => ({
  starting_at: instant(bucket.starting_at),
  ending_at: instant(bucket.ending_at),
  results: bucket.results.map(costResult)
})

/** @since 0.2.0 */
export const costRow = (row: CostReport.CostRow): CostRow => {
  const { ending_at, starting_at, ...result } = row
  return { starting_at: instant(starting_at), ending_at: instant(ending_at), ...costResult(result) }
}

/** @since 0.2.0 */
export const claudeCodeRecord = (record: ClaudeCodeReport.ClaudeCodeRecord): ClaudeCodeRecord => ({
  ...record,
  date: instant(record.date),
  model_breakdown: record.model_breakdown.map((model) => ({
    ...model,
    estimated_cost: money(fromBigDecimal(model.estimated_cost.amount), model.estimated_cost.currency)
  }))
})

const reportPage =
  <A, B>(item: (a: A) => B) =>
  (page: {
    readonly data: ReadonlyArray<A>
    readonly has_more: boolean
    readonly next_page: string | null
  }): ReportPage<B> => ({ data: page.data.map(item), has_more: page.has_more, next_page: page.next_page })

/** @since 0.2.0 */
export const usagePage: (page: UsageReport.UsagePage) => UsagePage = reportPage(usageBucket)
/** @since 0.2.0 */
export const costPage: (page: CostReport.CostPage) => CostPage = reportPage(costBucket)
/** @since 0.2.0 */
export const claudeCodePage: (page: ClaudeCodeReport.ClaudeCodePage) => ClaudeCodePage =
  reportPage(claudeCodeRecord)

/**
 * A page of the Effect `pages` streams as a plain {@link Page}, its items
 * converted with `item`.
 * @since 0.2.0
 */
export const page =
  <A, B>(item: (a: A) => B) =>
  (page: Pagination.Page<A>): Page<B> => ({
    data: page.data.map(item),
    page: page.page ?? null,
    next_page: page.nextPage ?? null,
    request_id: page.requestId ?? null,
    headers: { ...page.headers }
  })

// ---------------------------------------------------------------------------
// The analytics API (0.3.0)

/**
 * Cents and currency as {@link Money}, with the list price beside it:
 * `list_amount` (cents, exact; `null` when absent) and `list_amount_usd`.
 * @since 0.3.0
 */
export interface ListMoney extends Money {
  /** List price in cents, exact: `"51600.000000"`; `null` when the API sent none. */
  readonly list_amount: DecimalString | null
  /** List price in dollars, exact; `null` unless `currency` is `USD` and `list_amount` is set. */
  readonly list_amount_usd: DecimalString | null
}

/**
 * An analytics usage row: instants as strings; `group` and `usage` as the
 * API sent them (counts are numbers, absent dimensions `null`).
 * @since 0.3.0
 */
export type AnalyticsUsageRow = Omit<AnalyticsUsage.UsageRow, "starting_at" | "ending_at"> & {
  readonly starting_at: Instant
  readonly ending_at: Instant
}

/**
 * An analytics cost row: instants as strings, `cost` as {@link ListMoney}
 * plus `requests`.
 * @since 0.3.0
 */
export type AnalyticsCostRow = Omit<AnalyticsCost.CostRow, "starting_at" | "ending_at" | "cost"> & {
  readonly starting_at: Instant
  readonly ending_at: Instant
  readonly cost: ListMoney & { readonly requests: number | null }
}

/**
 * One bucket of an analytics stream: its edges, the window's
 * `data_refreshed_at` (`null`: not exported) and its rows.
 * @since 0.3.0
 */
export interface AnalyticsBucket<R> {
  readonly starting_at: Instant
  readonly ending_at: Instant
  readonly data_refreshed_at: Instant | null
  readonly rows: ReadonlyArray<R>
}

/**
 * One analytics page as the API sends it: `data`, `has_more`, `next_page`,
 * `data_refreshed_at`, `organization_id`.
 * @since 0.3.0
 */
export interface AnalyticsReportPage<R> extends ReportPage<R> {
  readonly data_refreshed_at: Instant | null
  readonly organization_id: string | null
}

/**
 * A page of an analytics `…Pages` iterable: a {@link Page} with the page's
 * `data_refreshed_at`.
 * @since 0.3.0
 */
export interface AnalyticsPage<R> extends Page<R> {
  readonly data_refreshed_at: Instant | null
}

const nullableInstant = (dateTime: DateTime.Utc | null): Instant | null =>
  dateTime === null ? null : instant(dateTime)

/** @since 0.3.0 */
export const analyticsUsageRow = (row: AnalyticsUsage.UsageRow): AnalyticsUsageRow => ({
  starting_at: instant(row.starting_at),
  ending_at: instant(row.ending_at),
  group: row.group,
  usage: row.usage
})

/** @since 0.3.0 */
export const listMoney = (
  amount: BigDecimal.BigDecimal,
  listAmount: BigDecimal.BigDecimal | null,
  currency: string
): ListMoney => {
  const list = listAmount === null ? null : fromBigDecimal(listAmount)
  const usd = currency.toUpperCase() === USD
  return {
    ...money(fromBigDecimal(amount), currency),
    list_amount: list,
    list_amount_usd: usd && list !== null ? centsToDollars(list) : null
  }
}

/** @since 0.3.0 */
export const analyticsCostRow = (row: AnalyticsCost.CostRow): AnalyticsCostRow => ({
  starting_at: instant(row.starting_at),
  ending_at: instant(row.ending_at),
  group: row.group,
  cost: {
    ...listMoney(row.cost.amount, row.cost.list_amount, row.cost.currency),
    requests: row.cost.requests
  }
})

/**
 * An analytics bucket as a plain {@link AnalyticsBucket}, its rows converted
 * with `row`.
 * @since 0.3.0
 */
export const analyticsBucket =
  <R, B>(row: (r: R) => B) =>
  (bucket: Analytics.Bucket<R>): AnalyticsBucket<B> => ({
    starting_at: instant(bucket.starting_at),
    ending_at: instant(bucket.ending_at),
    data_refreshed_at: nullableInstant(bucket.data_refreshed_at),
    rows: bucket.rows.map(row)
  })

/**
 * An analytics page as the API sent it, plain.
 * @since 0.3.0
 */
export const analyticsReportPage =
  <R, B>(row: (r: R) => B) =>
  (page: {
    readonly data: ReadonlyArray<R>
    readonly has_more: boolean
    readonly next_page: string | null
    readonly data_refreshed_at: DateTime.Utc | null
    readonly organization_id: string | null
  }): AnalyticsReportPage<B> => ({
    data: page.data.map(row),
    has_more: page.has_more,
    next_page: page.next_page,
    data_refreshed_at: nullableInstant(page.data_refreshed_at),
    organization_id: page.organization_id
  })

/**
 * A page of the analytics `pages` streams, plain.
 * @since 0.3.0
 */
export const analyticsPage =
  <R, B>(row: (r: R) => B) =>
  (p: Analytics.AnalyticsPage<R>): AnalyticsPage<B> => ({
    ...page(row)(p),
    data_refreshed_at: nullableInstant(p.dataRefreshedAt)
  })

// ---------------------------------------------------------------------------
// The management endpoints (0.3.0)

/** A member, `added_at` as an {@link Instant}. @since 0.3.0 */
export type User = Omit<Users.User, "added_at"> & { readonly added_at: Instant }
/** An invite, its instants as strings. @since 0.3.0 */
export type Invite = Omit<Invites.Invite, "invited_at" | "expires_at" | "accepted_at"> & {
  readonly invited_at: Instant
  readonly expires_at: Instant
  readonly accepted_at: Instant | null
}
/** A workspace, its instants as strings. @since 0.3.0 */
export type Workspace = Omit<Workspaces.Workspace, "created_at" | "archived_at"> & {
  readonly created_at: Instant
  readonly archived_at: Instant | null
}
/** An API key, its instants as strings. @since 0.3.0 */
export type ApiKey = Omit<ApiKeys.ApiKey, "created_at" | "expires_at"> & {
  readonly created_at: Instant
  readonly expires_at: Instant | null
}

/** @since 0.3.0 */
export const user = (u: Users.User): User => ({ ...u, added_at: instant(u.added_at) })
/** @since 0.3.0 */
export const invite = (i: Invites.Invite): Invite => ({
  ...i,
  invited_at: instant(i.invited_at),
  expires_at: instant(i.expires_at),
  accepted_at: nullableInstant(i.accepted_at)
})
/** @since 0.3.0 */
export const workspace = (w: Workspaces.Workspace): Workspace => ({
  ...w,
  created_at: instant(w.created_at),
  archived_at: nullableInstant(w.archived_at)
})
/** @since 0.3.0 */
export const apiKey = (k: ApiKeys.ApiKey): ApiKey => ({
  ...k,
  created_at: instant(k.created_at),
  expires_at: nullableInstant(k.expires_at)
})

/**
 * One management list page as the API sends it: `data`, `has_more`,
 * `first_id`, `last_id`.
 * @since 0.3.0
 */
export interface IdListPage<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more: boolean
  readonly first_id: string | null
  readonly last_id: string | null
}

/**
 * One page of a management `…ListPages` iterable: the items, the cursor
 * that fetched it (`after_id` or `before_id`, else `null`), `first_id`,
 * `last_id`, `has_more`, and the response's `request_id` and headers.
 * @since 0.3.0
 */
export interface IdPage<A> {
  readonly data: ReadonlyArray<A>
  readonly after_id: string | null
  readonly before_id: string | null
  readonly first_id: string | null
  readonly last_id: string | null
  readonly has_more: boolean
  readonly request_id: string | null
  readonly headers: Readonly<Record<string, string>>
}

/** @since 0.3.0 */
export const idListPage =
  <A, B>(item: (a: A) => B) =>
  (p: {
    readonly data: ReadonlyArray<A>
    readonly has_more: boolean
    readonly first_id: string | null
    readonly last_id: string | null
  }): IdListPage<B> => ({
    data: p.data.map(item),
    has_more: p.has_more,
    first_id: p.first_id,
    last_id: p.last_id
  })

/** @since 0.3.0 */
export const idPage =
  <A, B>(item: (a: A) => B) =>
  (p: Pagination.IdPage<A>): IdPage<B> => ({
    data: p.data.map(item),
    after_id: p.afterId ?? null,
    before_id: p.beforeId ?? null,
    first_id: p.firstId ?? null,
    last_id: p.lastId ?? null,
    has_more: p.hasMore,
    request_id: p.requestId ?? null,
    headers: { ...p.headers }
  })
