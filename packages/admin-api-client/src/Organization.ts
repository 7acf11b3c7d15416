/**
 * The organisation that owns the credential: `GET /v1/organizations/me`
 * (reference §6.1), and the organisation roles the management modules share.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError } from "./AdminApiError.js"
import { send } from "./internal/management.js"
import { openEnum } from "./internal/schema.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/me"

/**
 * Organisation roles (reference §6.2, §10.10): Console roles `user`,
 * `developer`, `billing`, `admin`, `claude_code_user`; Claude Enterprise
 * roles `owner`, `primary_owner`, `membership_admin`, `managed`; any other
 * string decodes too.
 * @since 0.3.0
 */
export const OrganizationRole = openEnum(
  "admin",
  "billing",
  "claude_code_user",
  "developer",
  "managed",
  "membership_admin",
  "owner",
  "primary_owner",
  "user"
)
/** @since 0.3.0 */
export type OrganizationRole = typeof OrganizationRole.Type

/**
 * The roles an update or an invite may assign: `user`, `developer`,
 * `billing`, `claude_code_user` (Console) or `user`, `managed` (Enterprise);
 * `admin` cannot be assigned through the API. Any other string is sent as
 * given (the API decides).
 * @since 0.3.0
 */
export type AssignableRole = "billing" | "claude_code_user" | "developer" | "managed" | "user" | (string & {})

/**
 * `{ id, name, type: "organization" }`; `id` is a UUID.
 * @since 0.3.0
 */
export const OrganizationInfo = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  type: Schema.Literal("organization")
})
/** @since 0.3.0 */
export type OrganizationInfo = typeof OrganizationInfo.Type

/**
 * The organisation of the key in use.
 * @since 0.3.0
 */
export const me: Effect.Effect<OrganizationInfo, AdminApiError, AdminApiClient> = send(
  "GET",
  PATH,
  OrganizationInfo,
  "organizations/me"
)
