/**
 * Invitations to the organisation: `GET|POST /v1/organizations/invites`
 * (list filtered by `email`, `roles`, `statuses`; create) and
 * `GET|DELETE /v1/organizations/invites/{invite_id}`. Invites expire after
 * 21 days. Reference §6.3 and §10.10.
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
import { nullIfAbsent, openEnum } from "./internal/schema.js"
import { type AssignableRole, OrganizationRole } from "./Organization.js"
import type { IdListParams, IdPage } from "./Pagination.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/invites"

const ENDPOINT = "organizations/invites"

/** Invite statuses: `pending`, `accepted`, `expired`, `deleted`; others decode too. @since 0.3.0 */
export const InviteStatus = openEnum("pending", "accepted", "expired", "deleted")
/** @since 0.3.0 */
export type InviteStatus = typeof InviteStatus.Type

/**
 * An invite: `id` (`invite_…`), `email`, `role` (open), `status`, and UTC
 * instants `invited_at`, `expires_at`, `accepted_at` (`null` until
 * accepted; absent reads as `null`); `rbac_group_ids` (Enterprise; absent
 * reads as `[]`).
 * @since 0.3.0
 */
export const Invite = Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("invite"),
  email: Schema.String,
  role: OrganizationRole,
  status: InviteStatus,
  invited_at: Schema.DateTimeUtc,
  expires_at: Schema.DateTimeUtc,
  accepted_at: nullIfAbsent(Schema.DateTimeUtc),
  rbac_group_ids: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
})
/** @since 0.3.0 */
export type Invite = typeof Invite.Type

/** What a deletion answers: `{ id, type: "invite_deleted" }`. @since 0.3.0 */
export const DeletedInvite = Schema.Struct({ id: Schema.String, type: Schema.Literal("invite_deleted") })
/** @since 0.3.0 */
export type DeletedInvite = typeof DeletedInvite.Type

/**
 * List parameters: the id cursor, `email`, `roles` (`roles[]`, OR'ed) and
 * `statuses` (`statuses[]`: `pending`, `accepted`, `expired`; omitted, all
 * three).
 * @since 0.3.0
 */
export interface ListParams extends IdListParams {
  readonly email?: string | undefined
  readonly roles?: ReadonlyArray<OrganizationRole> | undefined
  readonly statuses?: ReadonlyArray<InviteStatus> | undefined
}

/**
 * What to invite: `email`, `role` (not `admin`) and, for Claude Enterprise
 * organisations with RBAC groups, `rbacGroupIds`.
 * @since 0.3.0
 */
export interface CreateParams {
  readonly email: string
  readonly role: AssignableRole
  readonly rbacGroupIds?: ReadonlyArray<string> | undefined
}

const invites = idList(ENDPOINT, Invite)

const filters = (params: ListParams) =>
  Either.gen(function* () {
    const email = yield* text("email", params.email)
    const roles = yield* checkValues("roles", params.roles)
    const statuses = yield* checkValues("statuses", params.statuses)
    return queryOf([
      ["email", email],
      ["roles[]", roles.length > 0 ? roles : undefined],
      ["statuses[]", statuses.length > 0 ? statuses : undefined]
    ])
  })

const invitePath = (inviteId: string) => Either.map(segment("inviteId", inviteId), (id) => `${PATH}/${id}`)

/** One page of invites. @since 0.3.0 */
export const listPage = (params: ListParams = {}) =>
  invites.listPage(Either.right(PATH), params, filters(params))

/** Every page, forward from `afterId` or backward from `beforeId`. @since 0.3.0 */
export const listPages = (
  params: ListParams = {}
): Stream.Stream<IdPage<Invite>, AdminApiError, AdminApiClient> =>
  invites.listPages(Either.right(PATH), params, filters(params))

/** Every invite (deleted ones are not listed). @since 0.3.0 */
export const list = (params: ListParams = {}): Stream.Stream<Invite, AdminApiError, AdminApiClient> =>
  invites.list(Either.right(PATH), params, filters(params))

/** One invite by id (a deleted one reads `status: "deleted"`). @since 0.3.0 */
export const get = (inviteId: string): Effect.Effect<Invite, AdminApiError, AdminApiClient> =>
  send("GET", invitePath(inviteId), Invite, ENDPOINT)

/**
 * Invites someone (`POST {email, role, rbac_group_ids?}`). Not retried after
 * a timeout or a dropped connection (the invite may have been sent).
 * @since 0.3.0
 */
export const create = (params: CreateParams): Effect.Effect<Invite, AdminApiError, AdminApiClient> =>
  send("POST", PATH, Invite, ENDPOINT, {
    body: Either.gen(function* () {
      const email = yield* required("email", params.email)
      const role = yield* required("role", params.role)
      const groups =
        params.rbacGroupIds === undefined
          ? undefined
          : yield* checkValues("rbacGroupIds", params.rbacGroupIds)
      return { email, role, ...(groups === undefined ? {} : { rbac_group_ids: groups }) }
    })
  })

/** Deletes a pending invite. @since 0.3.0 */
export const remove = (inviteId: string): Effect.Effect<DeletedInvite, AdminApiError, AdminApiClient> =>
  send("DELETE", invitePath(inviteId), DeletedInvite, ENDPOINT)
