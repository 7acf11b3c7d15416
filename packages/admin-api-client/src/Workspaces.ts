/**
 * Workspaces: `GET|POST /v1/organizations/workspaces` (list, archived ones
 * with `includeArchived`; create), `GET|POST /v1/organizations/workspaces/{id}`
 * (get, update) and `POST …/{id}/archive`. At most 100 active workspaces;
 * the Default Workspace cannot be edited. Reference §6.4 and §10.10.
 *
 * The Default Workspace: the legacy reports name it `workspace_id: null`;
 * the analytics API, API key `scope`s and these endpoints give it a real id
 * (`wrkspc_…`) on Console organisations. Whether lists include it is not
 * documented (older docs: they do not); {@link DEFAULT_WORKSPACE_NAME} is
 * the name the Console shows.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError, InvalidParameterError } from "./AdminApiError.js"
import { flag, idList, queryOf, required, segment, send, text } from "./internal/management.js"
import { invalid } from "./internal/params.js"
import { nullIfAbsent } from "./internal/schema.js"
import type { IdListParams, IdPage } from "./Pagination.js"

/** @since 0.3.0 */
export const PATH = "/v1/organizations/workspaces"

const ENDPOINT = "organizations/workspaces"

/** The Console's name for the Default Workspace. @since 0.3.0 */
export const DEFAULT_WORKSPACE_NAME = "Default Workspace"

/**
 * Where a workspace keeps data and runs inference: `workspace_geo` (fixed at
 * creation), `default_inference_geo`, `allowed_inference_geos` (a list, or
 * `"unrestricted"`). Geos are open strings (`us`, `global`, …).
 * @since 0.3.0
 */
export const DataResidency = Schema.Struct({
  workspace_geo: Schema.String,
  default_inference_geo: Schema.String,
  allowed_inference_geos: Schema.Union(Schema.Literal("unrestricted"), Schema.Array(Schema.String))
})
/** @since 0.3.0 */
export type DataResidency = typeof DataResidency.Type

/**
 * A workspace: `id` (`wrkspc_…`), `name`, `created_at` and `archived_at`
 * (UTC instants; `null` while active), `display_color` (hex). Fields added
 * in 2026 are read leniently (absent reads as `null`, tags as `{}`):
 * `data_residency`, `tags`, `compartment_id` (CMEK), `external_key_id`.
 * @since 0.3.0
 */
export const Workspace = Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("workspace"),
  name: Schema.String,
  created_at: Schema.DateTimeUtc,
  archived_at: nullIfAbsent(Schema.DateTimeUtc),
  display_color: nullIfAbsent(Schema.String),
  data_residency: nullIfAbsent(DataResidency),
  tags: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), {
    default: () => ({})
  }),
  compartment_id: nullIfAbsent(Schema.String),
  external_key_id: nullIfAbsent(Schema.String)
})
/** @since 0.3.0 */
export type Workspace = typeof Workspace.Type

/** List parameters: the id cursor and `includeArchived` (`include_archived`). @since 0.3.0 */
export interface ListParams extends IdListParams {
  readonly includeArchived?: boolean | undefined
}

/**
 * Data residency to set: `workspaceGeo` (creation only; default `us`),
 * `defaultInferenceGeo` (default `global`), `allowedInferenceGeos` (default
 * `"unrestricted"`; the default geo must be in it unless unrestricted).
 * @since 0.3.0
 */
export interface DataResidencyParams {
  readonly workspaceGeo?: string | undefined
  readonly defaultInferenceGeo?: string | undefined
  readonly allowedInferenceGeos?: ReadonlyArray<string> | "unrestricted" | undefined
}

/**
 * What to create: `name` (required), `dataResidency`, `displayColor`
 * (hex), `tags` (keys may not start with `anthropic`), `externalKeyId`
 * (CMEK, write-once).
 * @since 0.3.0
 */
export interface CreateParams {
  readonly name: string
  readonly dataResidency?: DataResidencyParams | undefined
  readonly displayColor?: string | undefined
  readonly tags?: Readonly<Record<string, string>> | undefined
  readonly externalKeyId?: string | undefined
}

/**
 * What to change: any of `name`, `dataResidency` (not `workspaceGeo`),
 * `displayColor`, `tags` (a `null` value deletes that tag), `externalKeyId`.
 * @since 0.3.0
 */
export interface UpdateParams {
  readonly name?: string | undefined
  readonly dataResidency?: Omit<DataResidencyParams, "workspaceGeo"> | undefined
  readonly displayColor?: string | undefined
  readonly tags?: Readonly<Record<string, string | null>> | undefined
  readonly externalKeyId?: string | undefined
}

const workspaces = idList(ENDPOINT, Workspace)

const filters = (params: ListParams) =>
  Either.map(flag("includeArchived", params.includeArchived), (includeArchived) =>
    queryOf([["include_archived", includeArchived]])
  )

const workspacePath = (workspaceId: string, suffix = "") =>
  Either.map(segment("workspaceId", workspaceId), (id) => `${PATH}/${id}${suffix}`)

const residency = (
  params: DataResidencyParams | undefined
): Either.Either<Record<string, unknown> | undefined, InvalidParameterError> =>
  Either.gen(function* () {
    if (params === undefined) return undefined
    const workspaceGeo = yield* text("dataResidency.workspaceGeo", params.workspaceGeo)
    const defaultGeo = yield* text("dataResidency.defaultInferenceGeo", params.defaultInferenceGeo)
    const allowed = params.allowedInferenceGeos
    if (allowed !== undefined && allowed !== "unrestricted" && !Array.isArray(allowed)) {
      return yield* invalid(
        "dataResidency.allowedInferenceGeos",
        'a list of geos or "unrestricted"',
        String(allowed)
      )
    }
    return {
      ...(workspaceGeo === undefined ? {} : { workspace_geo: workspaceGeo }),
      ...(defaultGeo === undefined ? {} : { default_inference_geo: defaultGeo }),
      ...(allowed === undefined ? {} : { allowed_inference_geos: allowed })
    }
  })

const body = (params: UpdateParams, name: Either.Either<string | undefined, InvalidParameterError>) =>
  Either.gen(function* () {
    const checkedName = yield* name
    const dataResidency = yield* residency(params.dataResidency)
    const displayColor = yield* text("displayColor", params.displayColor)
    const externalKeyId = yield* text("externalKeyId", params.externalKeyId)
    return {
      ...(checkedName === undefined ? {} : { name: checkedName }),
      ...(dataResidency === undefined ? {} : { data_residency: dataResidency }),
      ...(displayColor === undefined ? {} : { display_color: displayColor }),
      ...(params.tags === undefined ? {} : { tags: params.tags }),
      ...(externalKeyId === undefined ? {} : { external_key_id: externalKeyId })
    }
  })

/** One page of workspaces. @since 0.3.0 */
export const listPage = (params: ListParams = {}) =>
  workspaces.listPage(Either.right(PATH), params, filters(params))

/** Every page, forward from `afterId` or backward from `beforeId`. @since 0.3.0 */
export const listPages = (
  params: ListParams = {}
): Stream.Stream<IdPage<Workspace>, AdminApiError, AdminApiClient> =>
  workspaces.listPages(Either.right(PATH), params, filters(params))

/** Every workspace (archived ones only with `includeArchived: true`). @since 0.3.0 */
export const list = (params: ListParams = {}): Stream.Stream<Workspace, AdminApiError, AdminApiClient> =>
  workspaces.list(Either.right(PATH), params, filters(params))

/** One workspace by id. @since 0.3.0 */
export const get = (workspaceId: string): Effect.Effect<Workspace, AdminApiError, AdminApiClient> =>
  send("GET", workspacePath(workspaceId), Workspace, ENDPOINT)

/**
 * Creates a workspace. Not retried after a timeout or a dropped connection
 * (it may have been created).
 * @since 0.3.0
 */
export const create = (params: CreateParams): Effect.Effect<Workspace, AdminApiError, AdminApiClient> =>
  send("POST", PATH, Workspace, ENDPOINT, { body: body(params, required("name", params.name)) })

/** Changes a workspace's name, residency, colour, tags or key. @since 0.3.0 */
export const update = (
  workspaceId: string,
  params: UpdateParams
): Effect.Effect<Workspace, AdminApiError, AdminApiClient> =>
  send("POST", workspacePath(workspaceId), Workspace, ENDPOINT, {
    body: body(params, text("name", params.name))
  })

/** Archives a workspace (answers it with `archived_at` set). @since 0.3.0 */
export const archive = (workspaceId: string): Effect.Effect<Workspace, AdminApiError, AdminApiClient> =>
  send("POST", workspacePath(workspaceId, "/archive"), Workspace, ENDPOINT)
