/**
 * Rate limits (read-only; limits are set in the Console):
 * `GET /v1/organizations/rate_limits` and
 * `GET /v1/organizations/workspaces/{id}/rate_limits` (reference §6.7,
 * §10.10). Pages follow `next_page` (style C, no `has_more`); without `limit`
 * everything comes in one page.
 *
 * A workspace lists only its overrides unless `includeInherited: true`,
 * which adds the organisation's values (`source: { type: "organization" }`);
 * a missing limiter means the organisation's value applies, never
 * "unlimited". The Default Workspace cannot have overrides.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import { flag, queryOf, segment, text } from "./internal/management.js"
import { paginate } from "./internal/paginate.js"
import { checkLimit, checkPage } from "./internal/params.js"
import { nullIfAbsent, openEnum } from "./internal/schema.js"
import type { Page, PagesOptions } from "./Pagination.js"
import { PATH as WORKSPACES } from "./Workspaces.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/rate_limits"

const ENDPOINT = "organizations/rate_limits"
const WORKSPACE_ENDPOINT = "organizations/workspaces/rate_limits"

/** Group types: `model_group`, `batch`, `token_count`, `files`, `skills`, `web_search`; others decode too. @since 0.3.0 */
export const GroupType = openEnum("model_group", "batch", "token_count", "files", "skills", "web_search")
/** @since 0.3.0 */
export type GroupType = typeof GroupType.Type

/**
 * The group an entry applies to: `id` (`rlg_…`, the same in every
 * organisation), `type` (a {@link GroupType}) and, for model groups,
 * `display_name` (for display only).
 * @since 0.3.0
 */
export const RateLimitGroup = Schema.Struct({
  id: Schema.String,
  type: GroupType,
  display_name: nullIfAbsent(Schema.String)
})
/** @since 0.3.0 */
export type RateLimitGroup = typeof RateLimitGroup.Type

/**
 * An organisation entry: its limiters (`limits: [{ type, value }]`, `type` a
 * free string such as `requests_per_minute`), `models` (every model id and
 * alias of a model group; `null` otherwise), the `group` (newest shape) or
 * `group_type` (older shape) — see {@link groupTypeOf} — and `id`.
 * @since 0.3.0
 */
export const OrganizationRateLimit = Schema.Struct({
  type: Schema.Literal("rate_limit"),
  id: nullIfAbsent(Schema.String),
  group: nullIfAbsent(RateLimitGroup),
  group_type: nullIfAbsent(GroupType),
  models: nullIfAbsent(Schema.Array(Schema.String)),
  limits: Schema.Array(Schema.Struct({ type: Schema.String, value: Schema.Number }))
})
/** @since 0.3.0 */
export type OrganizationRateLimit = typeof OrganizationRateLimit.Type

/**
 * A workspace entry: `workspace_id`, `rate_limit_id` (the organisation
 * entry it applies to), `group`/`group_type`, `models`, and `limits: [{
 * type, value, org_limit, source }]` where `org_limit` is the organisation's
 * value (`null`: none) and `source.type` is `workspace` (an override) or
 * `organization` (inherited; listed only with `includeInherited`).
 * @since 0.3.0
 */
export const WorkspaceRateLimit = Schema.Struct({
  type: Schema.Literal("workspace_rate_limit"),
  workspace_id: nullIfAbsent(Schema.String),
  rate_limit_id: nullIfAbsent(Schema.String),
  group: nullIfAbsent(RateLimitGroup),
  group_type: nullIfAbsent(GroupType),
  models: nullIfAbsent(Schema.Array(Schema.String)),
  limits: Schema.Array(
    Schema.Struct({
      type: Schema.String,
      value: Schema.Number,
      org_limit: nullIfAbsent(Schema.Number),
      source: nullIfAbsent(Schema.Struct({ type: openEnum("workspace", "organization") }))
    })
  )
})
/** @since 0.3.0 */
export type WorkspaceRateLimit = typeof WorkspaceRateLimit.Type

/**
 * An entry's group type, from `group.type` or the older `group_type`.
 * @since 0.3.0
 */
export const groupTypeOf = (entry: {
  readonly group: RateLimitGroup | null
  readonly group_type: GroupType | null
}): GroupType | null => entry.group?.type ?? entry.group_type

/** A page: `data` and `next_page` (`null` on the last page). @since 0.3.0 */
export const RateLimitPage = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ data: Schema.Array(item), next_page: nullIfAbsent(Schema.String) })

/** Organisation list parameters: `groupType`, `model` (a name or alias; 404 if no group has it), `limit`, `page`. @since 0.3.0 */
export interface ListParams {
  readonly groupType?: GroupType | undefined
  readonly model?: string | undefined
  readonly limit?: number | undefined
  readonly page?: string | undefined
}

/** Workspace list parameters: `groupType`, `includeInherited`, `limit`, `page`. @since 0.3.0 */
export interface WorkspaceListParams {
  readonly groupType?: GroupType | undefined
  readonly includeInherited?: boolean | undefined
  readonly limit?: number | undefined
  readonly page?: string | undefined
}

const MAX_LIMIT = 1000

const common = (params: {
  readonly groupType?: string | undefined
  readonly limit?: number | undefined
  readonly page?: string | undefined
}) =>
  Either.gen(function* () {
    const groupType = yield* text("groupType", params.groupType)
    const limit = yield* checkLimit(params.limit, MAX_LIMIT, " (entries per page)")
    const page = yield* checkPage("page", params.page)
    return { groupType, limit, page }
  })

const orgQuery = (params: ListParams) =>
  Either.gen(function* () {
    const { groupType, limit, page } = yield* common(params)
    const model = yield* text("model", params.model)
    return {
      page,
      pairs: queryOf([
        ["group_type", groupType],
        ["model", model],
        ["limit", limit === undefined ? undefined : String(limit)]
      ])
    }
  })

const workspaceQuery = (params: WorkspaceListParams) =>
  Either.gen(function* () {
    const { groupType, limit, page } = yield* common(params)
    const inherited = yield* flag("includeInherited", params.includeInherited)
    return {
      page,
      pairs: queryOf([
        ["group_type", groupType],
        ["include_inherited", inherited],
        ["limit", limit === undefined ? undefined : String(limit)]
      ])
    }
  })

const pagesOf = <A, I>(
  endpoint: string,
  schema: Schema.Schema<A, I>,
  path: Either.Either<string, InvalidParameterError>,
  query: Either.Either<
    { page: string | undefined; pairs: ReadonlyArray<readonly [string, string]> },
    InvalidParameterError
  >,
  startPage: string | undefined
): Stream.Stream<Page<A>, AdminApiError, AdminApiClient> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const resolved = yield* path
      const { page, pairs } = yield* query
      const pageSchema = RateLimitPage(schema)
      return paginate(endpoint, startPage ?? page, (cursor) =>
        Effect.flatMap(AdminApiClient, (client) =>
          Effect.map(
            client.get(
              {
                path: resolved,
                query: cursor === undefined ? pairs : [...pairs, ["page", cursor]],
                betas: []
              },
              pageSchema,
              endpoint
            ),
            // style C has no has_more: a next_page is the only sign of more (reference §2 C)
            (decoded) => ({
              ...decoded,
              value: { ...decoded.value, has_more: decoded.value.next_page !== null }
            })
          )
        )
      )
    })
  )

const workspacePath = (workspaceId: string) =>
  Either.map(segment("workspaceId", workspaceId), (id) => `${WORKSPACES}/${id}/rate_limits`)

/**
 * Every page of the organisation's rate limits, following `next_page`.
 * @since 0.3.0
 */
export const listPages = (
  params: ListParams = {},
  options: PagesOptions = {}
): Stream.Stream<Page<OrganizationRateLimit>, AdminApiError, AdminApiClient> =>
  pagesOf(ENDPOINT, OrganizationRateLimit, Either.right(PATH), orgQuery(params), options.startPage)

/**
 * Every organisation rate-limit entry.
 * @since 0.3.0
 */
export const list = (
  params: ListParams = {}
): Stream.Stream<OrganizationRateLimit, AdminApiError, AdminApiClient> =>
  Stream.mapConcat(listPages(params), (page) => page.data)

/**
 * Every page of a workspace's rate limits, following `next_page`.
 * @since 0.3.0
 */
export const workspaceListPages = (
  workspaceId: string,
  params: WorkspaceListParams = {},
  options: PagesOptions = {}
): Stream.Stream<Page<WorkspaceRateLimit>, AdminApiError, AdminApiClient> =>
  pagesOf(
    WORKSPACE_ENDPOINT,
    WorkspaceRateLimit,
    workspacePath(workspaceId),
    workspaceQuery(params),
    options.startPage
  )

/**
 * Every rate-limit entry of a workspace: its overrides, plus the inherited
 * organisation values with `includeInherited: true`.
 * @since 0.3.0
 */
export const workspaceList = (
  workspaceId: string,
  params: WorkspaceListParams = {}
): Stream.Stream<WorkspaceRateLimit, AdminApiError, AdminApiClient> =>
  Stream.mapConcat(workspaceListPages(workspaceId, params), (page) => page.data)
