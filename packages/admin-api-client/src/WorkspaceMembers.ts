/**
 * Members of a workspace: `GET|POST /v1/organizations/workspaces/{id}/members`
 * (list, add) and `GET|POST|DELETE …/members/{user_id}` (get, change role,
 * remove). Organisation admins are `workspace_admin` everywhere; billing
 * members `workspace_billing`. Reference §6.5 and §10.10.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError } from "./AdminApiError.js"
import { idList, required, segment, send } from "./internal/management.js"
import { openEnum } from "./internal/schema.js"
import type { IdListParams, IdPage } from "./Pagination.js"
import { PATH as WORKSPACES } from "./Workspaces.js"

const ENDPOINT = "organizations/workspaces/members"

/**
 * Workspace roles: `workspace_user`, `workspace_developer`,
 * `workspace_restricted_developer`, `workspace_admin`, `workspace_billing`
 * (not assignable when adding); others decode too.
 * @since 0.3.0
 */
export const WorkspaceRole = openEnum(
  "workspace_admin",
  "workspace_billing",
  "workspace_developer",
  "workspace_restricted_developer",
  "workspace_user"
)
/** @since 0.3.0 */
export type WorkspaceRole = typeof WorkspaceRole.Type

/** A member: `{ type: "workspace_member", user_id, workspace_id, workspace_role }`. @since 0.3.0 */
export const WorkspaceMember = Schema.Struct({
  type: Schema.Literal("workspace_member"),
  user_id: Schema.String,
  workspace_id: Schema.String,
  workspace_role: WorkspaceRole
})
/** @since 0.3.0 */
export type WorkspaceMember = typeof WorkspaceMember.Type

/** What a removal answers: `{ type: "workspace_member_deleted", user_id, workspace_id }`. @since 0.3.0 */
export const DeletedWorkspaceMember = Schema.Struct({
  type: Schema.Literal("workspace_member_deleted"),
  user_id: Schema.String,
  workspace_id: Schema.String
})
/** @since 0.3.0 */
export type DeletedWorkspaceMember = typeof DeletedWorkspaceMember.Type

const members = idList(ENDPOINT, WorkspaceMember)

const membersPath = (workspaceId: string) =>
  Either.map(segment("workspaceId", workspaceId), (id) => `${WORKSPACES}/${id}/members`)

const memberPath = (workspaceId: string, userId: string) =>
  Either.gen(function* () {
    const base = yield* membersPath(workspaceId)
    return `${base}/${yield* segment("userId", userId)}`
  })

const none = Either.right([] as ReadonlyArray<readonly [string, string]>)

/** One page of a workspace's members (page ids are user ids). @since 0.3.0 */
export const listPage = (workspaceId: string, params: IdListParams = {}) =>
  members.listPage(membersPath(workspaceId), params, none)

/** Every page, forward from `afterId` or backward from `beforeId`. @since 0.3.0 */
export const listPages = (
  workspaceId: string,
  params: IdListParams = {}
): Stream.Stream<IdPage<WorkspaceMember>, AdminApiError, AdminApiClient> =>
  members.listPages(membersPath(workspaceId), params, none)

/** Every member of a workspace. @since 0.3.0 */
export const list = (
  workspaceId: string,
  params: IdListParams = {}
): Stream.Stream<WorkspaceMember, AdminApiError, AdminApiClient> =>
  members.list(membersPath(workspaceId), params, none)

/** One member. @since 0.3.0 */
export const get = (
  workspaceId: string,
  userId: string
): Effect.Effect<WorkspaceMember, AdminApiError, AdminApiClient> =>
  send("GET", memberPath(workspaceId, userId), WorkspaceMember, ENDPOINT)

/**
 * Adds an organisation member to a workspace (`POST {user_id,
 * workspace_role}`; not `workspace_billing`).
 * @since 0.3.0
 */
export const add = (
  workspaceId: string,
  params: { readonly userId: string; readonly workspaceRole: WorkspaceRole }
): Effect.Effect<WorkspaceMember, AdminApiError, AdminApiClient> =>
  send("POST", membersPath(workspaceId), WorkspaceMember, ENDPOINT, {
    body: Either.gen(function* () {
      const userId = yield* required("userId", params.userId)
      const role = yield* required("workspaceRole", params.workspaceRole)
      return { user_id: userId, workspace_role: role }
    })
  })

/** Changes a member's workspace role (`POST {workspace_role}`). @since 0.3.0 */
export const update = (
  workspaceId: string,
  userId: string,
  params: { readonly workspaceRole: WorkspaceRole }
): Effect.Effect<WorkspaceMember, AdminApiError, AdminApiClient> =>
  send("POST", memberPath(workspaceId, userId), WorkspaceMember, ENDPOINT, {
    body: Either.map(required("workspaceRole", params.workspaceRole), (role) => ({ workspace_role: role }))
  })

/** Removes a member from a workspace (not organisation admins). @since 0.3.0 */
export const remove = (
  workspaceId: string,
  userId: string
): Effect.Effect<DeletedWorkspaceMember, AdminApiError, AdminApiClient> =>
  send("DELETE", memberPath(workspaceId, userId), DeletedWorkspaceMember, ENDPOINT)
