/**
 * `--names`: API key and workspace names (and users' emails) next to their
 * ids, through the client's `Names` lookup — at most one listing of each kind
 * per run, made only for the kinds a report has ids of, and shared by every
 * lookup of the run. When a listing cannot be read (a key that may not list
 * API keys), the ids are shown and one warning per kind goes to stderr.
 *
 * @since 0.3.0
 */
import { type AdminApiClient, type Analytics, Names } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { NAME } from "./CommandSpec.js"
import { oneLine } from "./ExitCode.js"
import { Progress } from "./Progress.js"

/**
 * The `Names` service of a run: one per command, so one listing per kind. Its
 * warnings are printed as `anthropic-admin: warning: --names: …` on stderr
 * (the progress line erased first). Nothing is requested until a name is
 * looked up.
 * @since 0.3.0
 */
export const layer: Layer.Layer<Names.Names, never, AdminApiClient.AdminApiClient | Progress> =
  Layer.unwrapEffect(
    Effect.map(Progress, (progress) =>
      Names.layer({
        onWarning: (warning) =>
          progress.clear.pipe(
            Effect.zipRight(
              Effect.sync(() => {
                process.stderr.write(
                  `${NAME}: warning: ${oneLine(warning.message.replace(/^Names: /, "--names: "))}\n`
                )
              })
            )
          )
      })
    )
  )

/**
 * The names found for a report's ids. A lookup that fell back answers the id
 * itself; {@link label} then shows the id alone.
 * @since 0.3.0
 */
export interface Found {
  readonly apiKeys: ReadonlyMap<string, string>
  /** By workspace id; the key `null` is the legacy reports' Default Workspace. */
  readonly workspaces: ReadonlyMap<string | null, string>
  /** User id → email. */
  readonly users: ReadonlyMap<string, string>
  /** By {@link actorKey}. */
  readonly actors: ReadonlyMap<string, string>
}

/** No names (without `--names`). @since 0.3.0 */
export const none: Found = { apiKeys: new Map(), workspaces: new Map(), users: new Map(), actors: new Map() }

/** The key of an analytics actor in {@link Found.actors}. @since 0.3.0 */
export const actorKey = (actor: Analytics.Actor): string => JSON.stringify(actor)

/** The ids a report wants named. @since 0.3.0 */
export interface Wanted {
  readonly apiKeys?: Iterable<string | null>
  readonly workspaces?: Iterable<string | null>
  readonly users?: Iterable<string | null>
  readonly actors?: Iterable<Analytics.Actor | null>
}

const distinct = <A>(values: Iterable<A | null> | undefined): ReadonlyArray<A> =>
  [...new Set(values ?? [])].filter((v): v is A => v !== null)

/**
 * Looks up the names of the distinct ids given, concurrently (the first
 * lookup of a kind makes its one listing; the others wait for it).
 * @since 0.3.0
 */
export const lookup = (wanted: Wanted): Effect.Effect<Found, never, Names.Names> =>
  Effect.gen(function* () {
    const names = yield* Names.Names
    const pairs = <K, V>(keys: ReadonlyArray<K>, f: (k: K) => Effect.Effect<V>) =>
      Effect.forEach(keys, (k) => Effect.map(f(k), (v) => [k, v] as const), { concurrency: "unbounded" })
    const workspaceIds = [...new Set(wanted.workspaces ?? [])]
    const actors = distinct(wanted.actors)
    const [apiKeys, workspaces, users, actorNames] = yield* Effect.all(
      [
        pairs(distinct(wanted.apiKeys), (id) => Effect.map(names.apiKey(id), (n) => n ?? id)),
        pairs(workspaceIds, (id) => names.workspace(id)),
        pairs(distinct(wanted.users), (id) => names.user(id)),
        pairs(actors, (actor) => names.actor(actor))
      ],
      { concurrency: "unbounded" }
    )
    return {
      apiKeys: new Map(apiKeys),
      workspaces: new Map(workspaces),
      users: new Map(users),
      actors: new Map(actorNames.map(([actor, name]) => [actorKey(actor), name]))
    }
  })

/**
 * A table cell for an id and its name: `name (id)`, or the id alone when the
 * name is unknown or the id itself (the lookup fell back).
 * @since 0.3.0
 */
export const label = (id: string, name: string | undefined): string =>
  name === undefined || name === id ? id : `${name} (${id})`

/**
 * The name of an id for csv/json: the name found, or `null` when none is
 * known (the lookup fell back to the id, or the id is `null`).
 * @since 0.3.0
 */
export const machine = (
  map: ReadonlyMap<string | null, string>,
  id: string | null,
  known: boolean
): string | null => {
  if (!known) return null
  const name = map.get(id)
  return name === undefined || name === id ? null : name
}
