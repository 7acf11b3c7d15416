/**
 * Organisation members: `GET /v1/organizations/users` (list, filtered by
 * `email` and `roles`), `GET|POST|DELETE /v1/organizations/users/{user_id}`
 * (get, change role, remove). Reference §6.2 and §10.10.
 *
 * Lists page by id cursor (reference §2 B): {@link list} streams every user
 * forward from `afterId` (or the start), or backward from `beforeId`.
 * Mutations are retried only on 429/529 (`AdminApiClient.isRetryableMutation`).
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError } from "./AdminApiError.js"
import { idList, queryOf, required, segment, send, text } from "./internal/management.js"
import { checkValues } from "./internal/params.js"
import { type AssignableRole, OrganizationRole } from "./Organization.js"
import type { IdListParams, IdPage } from "./Pagination.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/users"

const ENDPOINT = "organizations/users"

/**
 * A member: `id` (`user_…`), `email`, `name`, `role` (open), `added_at` (UTC
 * instant they joined), `type: "user"`.
 * @since 0.3.0
 */
export const User = Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("user"),
  email: Schema.String,
  name: Schema.String,
  role: OrganizationRole,
  added_at: Schema.DateTimeUtc
})
/** @since 0.3.0 */
export type User = typeof User.Type

/** What a removal answers: `{ id, type: "user_deleted" }`. @since 0.3.0 */
export const DeletedUser = Schema.Struct({ id: Schema.String, type: Schema.Literal("user_deleted") })
/** @since 0.3.0 */
export type DeletedUser = typeof DeletedUser.Type

/**
 * List parameters: the id cursor ({@link IdListParams}), `email` (exact,
 * case-insensitive) and `roles` (`roles[]`, OR'ed).
 * @since 0.3.0
 */
export interface ListParams extends IdListParams {
  readonly email?: string | undefined
  readonly roles?: ReadonlyArray<OrganizationRole> | undefined
}

const users = idList(ENDPOINT, User)

const filters = (params: ListParams) =>
  Either.gen(function* () {
    const email = yield* text("email", params.email)
    const roles = yield* checkValues("roles", params.roles)
    return queryOf([
      ["email", email],
      ["roles[]", roles.length > 0 ? roles : undefined]
    ])
  })

const userPath = (userId: string) => Either.map(segment("userId", userId), (id) => `${PATH}/${id}`)

/**
 * One page of members (`{ data, has_more, first_id, last_id }`).
 * @since 0.3.0
 */
export const listPage = (params: ListParams = {}) =>
  users.listPage(Either.right(PATH), params, filters(params))

/**
 * Every page, forward from `afterId` (or the first page), or backward from
 * `beforeId`; `has_more` without the next id, or a repeated id, fails with
 * `PaginationContractError`.
 * @since 0.3.0
 */
export const listPages = (
  params: ListParams = {}
): Stream.Stream<IdPage<User>, AdminApiError, AdminApiClient> =>
  users.listPages(Either.right(PATH), params, filters(params))

/**
 * Every member, page by page (items in the API's order within a page).
 * @since 0.3.0
 */
export const list = (params: ListParams = {}): Stream.Stream<User, AdminApiError, AdminApiClient> =>
  users.list(Either.right(PATH), params, filters(params))

/**
 * One member by id (`NotFoundError` when unknown).
 * @since 0.3.0
 */
export const get = (userId: string): Effect.Effect<User, AdminApiError, AdminApiClient> =>
  send("GET", userPath(userId), User, ENDPOINT)

/**
 * Changes a member's organisation role (`POST {role}`; `admin` cannot be
 * assigned through the API).
 * @since 0.3.0
 */
export const update = (
  userId: string,
  params: { readonly role: AssignableRole }
): Effect.Effect<User, AdminApiError, AdminApiClient> =>
  send("POST", userPath(userId), User, ENDPOINT, {
    body: Either.map(required("role", params.role), (role) => ({ role }))
  })

/**
 * Removes a member from the organisation (admins cannot be removed through
 * the API).
 * @since 0.3.0
 */
export const remove = (userId: string): Effect.Effect<DeletedUser, AdminApiError, AdminApiClient> =>
  send("DELETE", userPath(userId), DeletedUser, ENDPOINT)
