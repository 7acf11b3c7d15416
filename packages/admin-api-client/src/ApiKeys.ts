/**
 * API keys (read, rename, change status; creating keys is Console-only):
 * `GET /v1/organizations/api_keys` (list filtered by `status`,
 * `workspace_id`, `created_by_user_id`), `GET|POST …/api_keys/{api_key_id}`.
 * Reference §6.6 and §10.10: keys now carry `scope` and `principal`; the
 * top-level `workspace_id` is deprecated ({@link workspaceOf} reads both).
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError } from "./AdminApiError.js"
import { idList, queryOf, segment, send, text } from "./internal/management.js"
import { nullIfAbsent, openEnum } from "./internal/schema.js"
import type { IdListParams, IdPage } from "./Pagination.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/api_keys"

const ENDPOINT = "organizations/api_keys"

/** Key statuses: `active`, `inactive`, `archived`, `expired`; others decode too. @since 0.3.0 */
export const ApiKeyStatus = openEnum("active", "inactive", "archived", "expired")
/** @since 0.3.0 */
export type ApiKeyStatus = typeof ApiKeyStatus.Type

const known = (types: ReadonlyArray<string>) =>
  Schema.Struct({ type: Schema.String.pipe(Schema.filter((t) => !types.includes(t))) })

/**
 * Who the key acts as: a user (`{ type: "user_actor", user_id }`), a service
 * account (`{ type: "service_account_actor", service_account_id }`), or a
 * type this client does not know (only `type`). `null` for workspace keys.
 * @since 0.3.0
 */
export const Principal = Schema.Union(
  Schema.Struct({ type: Schema.Literal("user_actor"), user_id: Schema.String }),
  Schema.Struct({ type: Schema.Literal("service_account_actor"), service_account_id: Schema.String }),
  known(["user_actor", "service_account_actor"])
)
/** @since 0.3.0 */
export type Principal = typeof Principal.Type

/**
 * Where the key belongs: its workspace (`{ type: "workspace", workspace_id }`,
 * the real id even for the Default Workspace), the organisation
 * (`{ type: "organization" }`, principal-bound keys), or an unknown type.
 * @since 0.3.0
 */
export const Scope = Schema.Union(
  Schema.Struct({ type: Schema.Literal("workspace"), workspace_id: Schema.String }),
  Schema.Struct({ type: Schema.Literal("organization") }),
  known(["workspace", "organization"])
)
/** @since 0.3.0 */
export type Scope = typeof Scope.Type

/**
 * An API key: `id` (`apikey_…`), `name`, `status`, UTC instants
 * `created_at` and `expires_at` (`null`: never), `partial_key_hint`,
 * `created_by` (`{ id, type }`, `null` for legacy, federated or system
 * keys), `principal`, `scope`, and the deprecated `workspace_id` (`null`
 * meant the Default Workspace). Everything after the 2025 shape reads
 * absent as `null`.
 * @since 0.3.0
 */
export const ApiKey = Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("api_key"),
  name: Schema.String,
  status: ApiKeyStatus,
  created_at: Schema.DateTimeUtc,
  expires_at: nullIfAbsent(Schema.DateTimeUtc),
  partial_key_hint: nullIfAbsent(Schema.String),
  created_by: nullIfAbsent(Schema.Struct({ id: Schema.String, type: openEnum("user", "service_account") })),
  principal: nullIfAbsent(Principal),
  scope: nullIfAbsent(Scope),
  workspace_id: nullIfAbsent(Schema.String)
})
/** @since 0.3.0 */
export type ApiKey = typeof ApiKey.Type

/**
 * The workspace a key belongs to: `scope.workspace_id` when the key has a
 * workspace scope, else the deprecated `workspace_id` (`null`: the Default
 * Workspace on the 2025 shape, or an organisation-scoped key).
 * @since 0.3.0
 */
export const workspaceOf = (key: ApiKey): string | null =>
  key.scope !== null && key.scope.type === "workspace" && "workspace_id" in key.scope
    ? (key.scope.workspace_id as string)
    : key.workspace_id

/**
 * List parameters: the id cursor, `status`, `workspaceId` (`workspace_id`)
 * and `createdByUserId` (`created_by_user_id`).
 * @since 0.3.0
 */
export interface ListParams extends IdListParams {
  readonly status?: ApiKeyStatus | undefined
  readonly workspaceId?: string | undefined
  readonly createdByUserId?: string | undefined
}

/** What to change: `name` and/or `status` (`active`, `inactive`, `archived`; archiving is final). @since 0.3.0 */
export interface UpdateParams {
  readonly name?: string | undefined
  readonly status?: "active" | "inactive" | "archived" | (string & {}) | undefined
}

const keys = idList(ENDPOINT, ApiKey)

const filters = (params: ListParams) =>
  Either.gen(function* () {
    const status = yield* text("status", params.status)
    const workspaceId = yield* text("workspaceId", params.workspaceId)
    const createdBy = yield* text("createdByUserId", params.createdByUserId)
    return queryOf([
      ["status", status],
      ["workspace_id", workspaceId],
      ["created_by_user_id", createdBy]
    ])
  })

const keyPath = (apiKeyId: string) => Either.map(segment("apiKeyId", apiKeyId), (id) => `${PATH}/${id}`)

/** One page of keys. @since 0.3.0 */
export const listPage = (params: ListParams = {}) =>
  keys.listPage(Either.right(PATH), params, filters(params))

/** Every page, forward from `afterId` or backward from `beforeId`. @since 0.3.0 */
export const listPages = (
  params: ListParams = {}
): Stream.Stream<IdPage<ApiKey>, AdminApiError, AdminApiClient> =>
  keys.listPages(Either.right(PATH), params, filters(params))

/** Every key. @since 0.3.0 */
export const list = (params: ListParams = {}): Stream.Stream<ApiKey, AdminApiError, AdminApiClient> =>
  keys.list(Either.right(PATH), params, filters(params))

/** One key by id. @since 0.3.0 */
export const get = (apiKeyId: string): Effect.Effect<ApiKey, AdminApiError, AdminApiClient> =>
  send("GET", keyPath(apiKeyId), ApiKey, ENDPOINT)

/** Renames a key or changes its status (`POST {name?, status?}`). @since 0.3.0 */
export const update = (
  apiKeyId: string,
  params: UpdateParams
): Effect.Effect<ApiKey, AdminApiError, AdminApiClient> =>
  send("POST", keyPath(apiKeyId), ApiKey, ENDPOINT, {
    body: Either.gen(function* () {
      const name = yield* text("name", params.name)
      const status = yield* text("status", params.status)
      return { ...(name === undefined ? {} : { name }), ...(status === undefined ? {} : { status }) }
    })
  })
