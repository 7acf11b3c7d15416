/**
 * Pagination of the report endpoints (the API's "report cursor" style):
 * resend the same query with `page=<next_page>` while `has_more` is true.
 *
 * The client guards the contract: `has_more: true` with an empty or null
 * `next_page`, or a cursor the range has already used, fails with a
 * `PaginationContractError` instead of stopping silently or looping forever.
 * A 410 (expired cursor) fails the page with a `CursorExpiredError`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { nullIfAbsent } from "./internal/schema.js"

/**
 * One decoded page of a report.
 * @since 0.1.0
 */
export interface Page<A> {
  /** The buckets (or records) on this page, in the API's order. */
  readonly data: ReadonlyArray<A>
  /** The cursor that fetched this page (`undefined` for the first page). */
  readonly page: string | undefined
  /** The cursor of the next page, `undefined` on the last page. */
  readonly nextPage: string | undefined
  /** The `request-id` the API sent with this page, if any. */
  readonly requestId: string | undefined
  /**
   * The page response's headers, names lower-case (e.g. the
   * `anthropic-ratelimit-*` headers).
   * @since 0.2.0
   */
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Options of the `pages` functions.
 * @since 0.1.0
 */
export interface PagesOptions {
  /** Start from this cursor instead of the first page (e.g. to resume). */
  readonly startPage?: string | undefined
}

/**
 * Options of the `buckets`/`rows`/`records` streams.
 * @since 0.1.0
 */
export interface StreamOptions {
  /**
   * How many windows (pages) are fetched at the same time; default
   * {@link DEFAULT_CONCURRENCY}. Output order never depends on it.
   */
  readonly concurrency?: number | undefined
}

/**
 * Default number of windows fetched concurrently by the streams.
 * @since 0.1.0
 */
export const DEFAULT_CONCURRENCY = 4

/**
 * How many times `buckets`/`rows`/`records` restart a window whose cursor
 * expired (410) before failing with `CursorExpiredError`. A window's items are
 * only emitted once all its pages are in, so a restart never duplicates data.
 * @since 0.1.0
 */
export const CURSOR_EXPIRED_RESTARTS = 2

/**
 * The envelope every report page shares: `data`, `has_more`, `next_page`.
 * `next_page` is not required by the cost and Claude Code specs (reference
 * §10.4): absent, it reads as `null`, so a last page without it ends the
 * stream; `has_more: true` without a cursor is still a
 * `PaginationContractError`. Unknown top-level fields are ignored.
 * @since 0.1.0
 */
export const ReportPage = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    data: Schema.Array(item),
    has_more: Schema.Boolean,
    next_page: nullIfAbsent(Schema.String)
  })

/**
 * Parameters of the management list endpoints (the API's "ID cursor" style,
 * reference §2 B): `limit` (1–1000, API default 20) and at most one of
 * `afterId` (the page right after that object: pages forward) and
 * `beforeId` (the page right before it: pages backward).
 * @since 0.3.0
 */
export interface IdListParams {
  /** `limit`: items per page, 1–1000 (the API's default is 20). */
  readonly limit?: number | undefined
  /** `after_id`: start after this object and page forward (`after_id=last_id`). */
  readonly afterId?: string | undefined
  /** `before_id`: start before this object and page backward (`before_id=first_id`). */
  readonly beforeId?: string | undefined
}

/**
 * One page of a management list, as the `listPages` streams emit it: the
 * items in the API's order, the cursor that fetched it (`afterId` or
 * `beforeId`, `undefined` for the first page), the page's `firstId`/`lastId`
 * (`undefined` when empty), `hasMore` (more in the direction of paging),
 * and the response's `request-id` and headers.
 * @since 0.3.0
 */
export interface IdPage<A> {
  readonly data: ReadonlyArray<A>
  readonly afterId: string | undefined
  readonly beforeId: string | undefined
  readonly firstId: string | undefined
  readonly lastId: string | undefined
  readonly hasMore: boolean
  readonly requestId: string | undefined
  readonly headers: Readonly<Record<string, string>>
}

/**
 * The envelope of a management list page (reference §2 B): `data`,
 * `has_more` (in the direction of paging), `first_id` and `last_id` (`null`
 * or absent on an empty page).
 * @since 0.3.0
 */
export const IdListPage = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    data: Schema.Array(item),
    has_more: Schema.Boolean,
    first_id: nullIfAbsent(Schema.String),
    last_id: nullIfAbsent(Schema.String)
  })
