/**
 * Names for ids, opt in: `apikey_01…` means nothing on a dashboard. The
 * {@link Names} service answers, from the management endpoints and a cache:
 *
 * - **API key id → name**, from one listing of `GET /v1/organizations/api_keys`;
 * - **workspace id → name**, from one listing of
 *   `GET /v1/organizations/workspaces?include_archived=true`. The Default
 *   Workspace is named {@link Workspaces.DEFAULT_WORKSPACE_NAME} under both of
 *   its ids: the legacy reports' `null` and the analytics API's tagged id
 *   (which lists may leave out: an id missing from the listing is read once
 *   with `GET /v1/organizations/workspaces/{id}`);
 * - **user id → email**, from one listing of `GET /v1/organizations/users`,
 *   and **actor → a label** (a user's email — for former members the
 *   analytics row's own `email_address` —, an API key's name, a service
 *   account's id, a federated subject).
 *
 * **At most one listing per kind per instance** (a "run"): each listing is
 * made on first use, all its pages at 1000 per page, and shared by every
 * later and concurrent lookup. Nothing is requested for a kind that is never
 * looked up.
 *
 * **Falls back to the id, never fails.** When a listing cannot be read (e.g.
 * 403: the key may not list API keys) or an id is not in it, the lookup
 * answers the id itself and logs **one warning per kind** (`Effect.logWarning`,
 * or the `onWarning` option) naming the kind, the error and what is shown
 * instead.
 *
 * @example
 * ```ts
 * AnalyticsCost.rows({ startingAt: "2026-03-01", endingAt: "2026-03-08", groupBy: ["api_key_id"] }).pipe(
 *   Stream.mapEffect((row) =>
 *     Effect.map(Names.apiKeyName(row.group.api_key_id), (name) => ({ name, cents: row.cost.amount }))
 *   ),
 *   Stream.provideSomeLayer(Names.layer())
 * )
 * ```
 *
 * @since 0.3.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { AdminApiClient } from "./AdminApiClient.js"
import type { AdminApiError } from "./AdminApiError.js"
import type * as Analytics from "./Analytics.js"
import * as ApiKeys from "./ApiKeys.js"
import * as Users from "./Users.js"
import * as Workspaces from "./Workspaces.js"

/**
 * The kinds of ids the service names; one listing each, at most.
 * @since 0.3.0
 */
export type Kind = "api_keys" | "workspaces" | "users"

/**
 * How to build the service.
 * @since 0.3.0
 */
export interface Options {
  /**
   * Called with the one warning per kind when names cannot be read; default
   * `Effect.logWarning` (annotated with `kind`).
   */
  readonly onWarning?: ((warning: Warning) => Effect.Effect<void>) | undefined
}

/**
 * A fallback warning: the kind, a sentence saying what failed and what is
 * shown instead, and the error when a listing failed.
 * @since 0.3.0
 */
export interface Warning {
  readonly kind: Kind
  readonly message: string
  readonly error: AdminApiError | undefined
}

/**
 * The names of one group: `api_key_name` (from `api_key_id`),
 * `workspace_name` (from `workspace_id`) and `actor_name` (from `actor`),
 * each `null` when its key is `null`.
 * @since 0.3.0
 */
export interface GroupNames {
  readonly api_key_name: string | null
  readonly workspace_name: string | null
  readonly actor_name: string | null
}

/**
 * @since 0.3.0
 */
export declare namespace Names {
  /**
   * @since 0.3.0
   */
  export interface Service {
    /** An API key's name; `null` (usage without a key) stays `null`. */
    readonly apiKey: (apiKeyId: string | null) => Effect.Effect<string | null>
    /**
     * A workspace's name; `null` (the legacy reports' Default Workspace) is
     * {@link Workspaces.DEFAULT_WORKSPACE_NAME}.
     */
    readonly workspace: (workspaceId: string | null) => Effect.Effect<string>
    /** A user's email. */
    readonly user: (userId: string) => Effect.Effect<string>
    /**
     * A label for an analytics `actor`: a user's email (the listing's, else
     * the row's `email_address`, else the id), an API key's name, a service
     * account's id, a federated identity's subject (else its provider type).
     */
    readonly actor: (actor: Analytics.Actor) => Effect.Effect<string>
    /**
     * The names of a row's `group` (analytics) or row (legacy): only the keys
     * present and not `null` are looked up.
     */
    readonly group: (group: {
      readonly api_key_id?: string | null | undefined
      readonly workspace_id?: string | null | undefined
      readonly actor?: Analytics.Actor | null | undefined
    }) => Effect.Effect<GroupNames>
  }
}

/**
 * The service tag.
 * @since 0.3.0
 */
export class Names extends Context.Tag("@rawdash/anthropic-admin-api/Names")<Names, Names.Service>() {}

const KIND_TEXT: Readonly<Record<Kind, { readonly what: string; readonly shown: string }>> = {
  api_keys: { what: "API keys", shown: "API key ids instead of names" },
  workspaces: { what: "workspaces", shown: "workspace ids instead of names" },
  users: { what: "users", shown: "user ids instead of emails" }
}

const describe = (error: AdminApiError) => `${error._tag}: ${error.message}`

/**
 * Builds the service over the `AdminApiClient` in context; its caches live
 * as long as the service.
 * @since 0.3.0
 */
export const make = (options: Options = {}): Effect.Effect<Names.Service, never, AdminApiClient> =>
  Effect.gen(function* () {
    const client = yield* AdminApiClient
    const warned = new Set<Kind>()
    const warn = (kind: Kind, message: string, error?: AdminApiError) =>
      Effect.suspend(() => {
        if (warned.has(kind)) return Effect.void
        warned.add(kind)
        const warning: Warning = { kind, message, error }
        return options.onWarning === undefined
          ? Effect.logWarning(message).pipe(Effect.annotateLogs({ kind }))
          : options.onWarning(warning)
      })

    /** One listing into a map, cached; a failure is warned once and reads as "no listing". */
    const listing = <A>(
      kind: Kind,
      stream: Stream.Stream<A, AdminApiError, AdminApiClient>,
      entry: (a: A) => readonly [string, string]
    ) =>
      Effect.cached(
        Stream.runFold(stream, new Map<string, string>(), (map, item) => {
          const [id, name] = entry(item)
          return map.set(id, name)
        }).pipe(
          Effect.map((map): ReadonlyMap<string, string> | undefined => map),
          Effect.provideService(AdminApiClient, client),
          Effect.catchAll((error) =>
            Effect.as(
              warn(
                kind,
                `Names: could not list ${KIND_TEXT[kind].what} (${describe(error)}); showing ${KIND_TEXT[kind].shown}.`,
                error
              ),
              undefined
            )
          )
        )
      )

    const apiKeys = yield* listing("api_keys", ApiKeys.list({ limit: 1000 }), (k) => [k.id, k.name] as const)
    const workspaces = yield* listing(
      "workspaces",
      Workspaces.list({ limit: 1000, includeArchived: true }),
      (w) => [w.id, w.name] as const
    )
    const users = yield* listing("users", Users.list({ limit: 1000 }), (u) => [u.id, u.email] as const)

    /** Workspaces missing from the listing (e.g. the Default Workspace's tagged id), read one by one, once each. */
    const workspaceById = yield* Effect.cachedFunction((id: string) =>
      Workspaces.get(id).pipe(
        Effect.map((w): string | undefined => w.name),
        Effect.provideService(AdminApiClient, client),
        Effect.catchAll((error) =>
          Effect.as(
            warn(
              "workspaces",
              `Names: no name for workspace ${id} (${describe(error)}); showing ${KIND_TEXT.workspaces.shown} where none is known.`,
              error
            ),
            undefined
          )
        )
      )
    )

    const missing = (kind: Kind, id: string) =>
      warn(
        kind,
        `Names: ${id} is not among the listed ${KIND_TEXT[kind].what} (deleted, or not visible to this key); showing ${KIND_TEXT[kind].shown} where none is known.`
      )

    const apiKey = (id: string | null): Effect.Effect<string | null> =>
      id === null
        ? Effect.succeed(null)
        : Effect.flatMap(apiKeys, (map) => {
            if (map === undefined) return Effect.succeed(id)
            const name = map.get(id)
            return name === undefined ? Effect.as(missing("api_keys", id), id) : Effect.succeed(name)
          })

    const workspace = (id: string | null): Effect.Effect<string> =>
      id === null
        ? Effect.succeed(Workspaces.DEFAULT_WORKSPACE_NAME)
        : Effect.flatMap(workspaces, (map) => {
            if (map === undefined) return Effect.succeed(id)
            const name = map.get(id)
            return name !== undefined ? Effect.succeed(name) : Effect.map(workspaceById(id), (n) => n ?? id)
          })

    const userEmail = (id: string, fallback: string | null): Effect.Effect<string> =>
      Effect.flatMap(users, (map) => {
        const email = map?.get(id)
        if (email !== undefined) return Effect.succeed(email)
        if (fallback !== null) return Effect.succeed(fallback)
        return map === undefined ? Effect.succeed(id) : Effect.as(missing("users", id), id)
      })

    const actor = (a: Analytics.Actor): Effect.Effect<string> => {
      switch (a.type) {
        case "user_actor": {
          const user = a as Analytics.UserActor
          return userEmail(user.user_id, user.email_address)
        }
        case "api_actor":
          return Effect.map(apiKey((a as Analytics.ApiActor).api_key_id), (name) => name ?? "")
        case "service_account_actor":
          return Effect.succeed((a as Analytics.ServiceAccountActor).service_account_id)
        case "federated_actor": {
          const federated = a as Analytics.FederatedActor
          return Effect.succeed(federated.subject ?? federated.provider.type)
        }
        default:
          return Effect.succeed(a.type)
      }
    }

    const group: Names.Service["group"] = (g) =>
      Effect.all(
        {
          api_key_name: g.api_key_id == null ? Effect.succeed(null) : apiKey(g.api_key_id),
          workspace_name: g.workspace_id == null ? Effect.succeed(null) : workspace(g.workspace_id),
          actor_name: g.actor == null ? Effect.succeed(null) : actor(g.actor)
        },
        { concurrency: "unbounded" }
      )

    return Names.of({ apiKey, workspace, user: (id) => userEmail(id, null), actor, group })
  })

/**
 * A layer with one cache: every lookup made through it shares one listing
 * per kind.
 * @since 0.3.0
 */
export const layer = (options: Options = {}): Layer.Layer<Names, never, AdminApiClient> =>
  Layer.effect(Names, make(options))

/**
 * An API key's name through the {@link Names} in context (`null` stays `null`).
 * @since 0.3.0
 */
export const apiKeyName = (apiKeyId: string | null): Effect.Effect<string | null, never, Names> =>
  Effect.flatMap(Names, (names) => names.apiKey(apiKeyId))

/**
 * A workspace's name through the {@link Names} in context (`null`: the
 * Default Workspace).
 * @since 0.3.0
 */
export const workspaceName = (workspaceId: string | null): Effect.Effect<string, never, Names> =>
  Effect.flatMap(Names, (names) => names.workspace(workspaceId))

/**
 * A user's email through the {@link Names} in context.
 * @since 0.3.0
 */
export const userEmail = (userId: string): Effect.Effect<string, never, Names> =>
  Effect.flatMap(Names, (names) => names.user(userId))

/**
 * An actor's label through the {@link Names} in context.
 * @since 0.3.0
 */
export const actorName = (actor: Analytics.Actor): Effect.Effect<string, never, Names> =>
  Effect.flatMap(Names, (names) => names.actor(actor))

/**
 * A group's names through the {@link Names} in context.
 * @since 0.3.0
 */
export const groupNames = (
  group: Parameters<Names.Service["group"]>[0]
): Effect.Effect<GroupNames, never, Names> => Effect.flatMap(Names, (names) => names.group(group))
