/**
 * How the reports show the values of their dimensions: the meaning of a
 * grouped `null` (the Default Workspace, usage without an API key) in the
 * table and as a stable marker in csv/json, analytics actors, and ids with
 * their names (`--names`).
 *
 * @since 0.3.0
 */
import type { Analytics } from "@rawdash/anthropic-admin-api"
import * as DateTime from "effect/DateTime"
import type { Api } from "./CommandSpec.js"
import * as Naming from "./Naming.js"
import * as Output from "./Output.js"
import type * as TimeRange from "./TimeRange.js"

/**
 * The csv/json value of a dimension: the API's, or for a `null` in a grouped
 * `workspace_id` or `api_key_id` its marker (`default`, `none`), so it
 * cannot be mistaken for the `null` of an ungrouped dimension.
 * @since 0.3.0
 */
export const machine = (dimension: string, grouped: boolean, value: string | null): string | null =>
  value !== null || !grouped
    ? value
    : dimension === "workspace_id"
      ? Output.DEFAULT_WORKSPACE
      : dimension === "api_key_id"
        ? Output.NO_API_KEY
        : null

/**
 * The table's label of usage without an API key: `(no key)`, or
 * `(no key: svac_…)` when the row says which service account it was.
 * @since 0.3.0
 */
export const noKey = (serviceAccount: string | null): string =>
  serviceAccount === null ? "(no key)" : `(no key: ${serviceAccount})`

/**
 * The table's label of an id-valued dimension (`api_key_id`,
 * `workspace_id`, `account_id`, …): with `--names`, `name (id)`; a `null`
 * workspace is the Default Workspace, a `null` key {@link noKey}, any other
 * `null` a dash.
 * @since 0.3.0
 */
export const cell = (
  dimension: string,
  value: string | null,
  names: Naming.Found,
  serviceAccount: string | null = null
): string => {
  if (value === null) {
    if (dimension === "workspace_id") return names.workspaces.get(null) ?? "Default Workspace"
    if (dimension === "api_key_id") return noKey(serviceAccount)
    return "—"
  }
  switch (dimension) {
    case "api_key_id":
      return Naming.label(value, names.apiKeys.get(value))
    case "workspace_id":
      return Naming.label(value, names.workspaces.get(value))
    case "account_id":
      return Naming.label(value, names.users.get(value))
    default:
      return value
  }
}

/** The service account of an analytics actor, if it is one. @since 0.3.0 */
export const serviceAccountOf = (actor: Analytics.Actor | null | undefined): string | null =>
  actor?.type === "service_account_actor" ? (actor as Analytics.ServiceAccountActor).service_account_id : null

/**
 * An analytics actor as a report shows it without `--names`: a user's email
 * (else id), a service account's or an API key's id, a federated identity's
 * subject (else its provider).
 * @since 0.3.0
 */
export const actor = (actor: Analytics.Actor): string => {
  switch (actor.type) {
    case "user_actor": {
      const user = actor as Analytics.UserActor
      return user.email_address ?? user.user_id
    }
    case "service_account_actor":
      return (actor as Analytics.ServiceAccountActor).service_account_id
    case "api_actor":
      return (actor as Analytics.ApiActor).api_key_id
    case "federated_actor": {
      const federated = actor as Analytics.FederatedActor
      return federated.subject ?? `${federated.provider.type} identity`
    }
    default:
      return actor.type
  }
}

/**
 * An analytics actor's table cell: {@link actor}, or with `--names`
 * `name (id)` (a user's email next to their id, a key's name next to its
 * id); `null` (nothing attributable) is a dash.
 * @since 0.3.0
 */
export const actorCell = (value: Analytics.Actor | null | undefined, names: Naming.Found): string => {
  if (value === null || value === undefined) return "—"
  const name = names.actors.get(Naming.actorKey(value))
  if (name === undefined) return actor(value)
  const id = value.type === "user_actor" ? (value as Analytics.UserActor).user_id : actor(value)
  return Naming.label(id, name)
}

/**
 * The note under a table with a `(no key)` row: what it holds, and how to
 * tell its parts apart (`named`: the grouping already does — by
 * `service_account_id` on the legacy report, by `actor` on the analytics API).
 * @since 0.3.0
 */
export const noKeyNote = (api: Api, named: boolean): string =>
  api === "legacy"
    ? `(no key): usage that no API key authenticated — the Console's Workbench, or a service account (workload identity)${
        named ? ", named when it was one." : "; add service_account_id to --group-by to tell them apart."
      }`
    : `(no key): usage that no API key authenticated — the Console, Claude apps, a service account or a federated identity${
        named ? "; the actor column says whose it is." : "; add actor to --group-by to see whose it is."
      }`

/**
 * The note on the analytics export watermark (`data_refreshed_at`, the
 * earliest of the windows read): `undefined` when it covers the whole range
 * or nothing was read.
 * @since 0.3.0
 */
export const watermarkNote = (
  watermark: DateTime.Utc | null | undefined,
  range: TimeRange.TimeRange
): string | undefined => {
  if (watermark === undefined) return undefined
  if (watermark === null) return "The analytics API has exported no data for this range yet."
  if (watermark.epochMillis >= range.end.epochMillis) return undefined
  const at = DateTime.formatIso(watermark).slice(0, 16).replace("T", " ")
  return `Analytics data is exported every few hours: it runs to ${at} UTC (data_refreshed_at); later usage is not counted yet.`
}
