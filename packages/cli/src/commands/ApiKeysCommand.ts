/**
 * `anthropic-admin api-keys`: the organisation's API keys, with `--names`
 * their workspaces' names and their creators' emails.
 *
 * @since 0.3.0
 */
import { Command } from "@effect/cli"
import { ApiKeys } from "@rawdash/anthropic-admin-api"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as Labels from "../Labels.js"
import * as ListCommand from "../ListCommand.js"
import * as Naming from "../Naming.js"
import type * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import * as ApiKeysSpec from "./ApiKeysSpec.js"

const F = ApiKeysSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `ApiKeysSpec.spec.flags`.
 * @since 0.3.0
 */
export const options = {
  ...CommonOptions.common,
  status: Flag.optionalChoice(F.status, ApiKeysSpec.STATUSES),
  workspaceId: Flag.optionalText(F.workspaceId),
  createdBy: Flag.optionalText(F.createdBy),
  names: Flag.boolean(F.names)
} as const

type ApiKey = ApiKeys.ApiKey

const principalId = (key: ApiKey): string | null => {
  const p = key.principal
  if (p === null) return null
  if ("user_id" in p && typeof p.user_id === "string") return p.user_id
  if ("service_account_id" in p && typeof p.service_account_id === "string") return p.service_account_id
  return null
}

/**
 * The columns: the API's fields (`workspace_id` read from `scope` where the
 * key has one; `created_by`, `principal` and `scope` flattened); with
 * `--names`, `workspace_name` and `created_by_email`.
 * @since 0.3.0
 */
export const columns = (names: Naming.Found | undefined): ReadonlyArray<Output.Column<ApiKey>> => {
  const found = names ?? Naming.none
  const creator = (k: ApiKey) => k.created_by?.id ?? null
  return [
    ListCommand.text("name", (k) => k.name),
    ListCommand.text("id", (k) => k.id),
    ListCommand.text("status", (k) => k.status),
    ListCommand.text("workspace_id", (k) => ApiKeys.workspaceOf(k), { table: false }),
    {
      name: "workspace_label",
      header: "workspace",
      kind: "text",
      value: (k) => {
        const id = ApiKeys.workspaceOf(k)
        return id === null && k.scope?.type === "organization"
          ? "(organisation)"
          : Labels.cell("workspace_id", id, found)
      },
      machine: false
    },
    ...(names === undefined
      ? []
      : [
          ListCommand.text<ApiKey>(
            "workspace_name",
            (k) => Naming.machine(found.workspaces, ApiKeys.workspaceOf(k), true),
            { table: false }
          )
        ]),
    ListCommand.text("scope_type", (k) => k.scope?.type ?? null, { table: false }),
    ListCommand.instant("created_at", "created", (k) => k.created_at),
    ListCommand.instant("expires_at", "expires", (k) => k.expires_at, false),
    {
      name: "expires_label",
      header: "expires",
      kind: "text",
      value: (k) => (k.expires_at === null ? "never" : DateTime.formatIso(k.expires_at).slice(0, 10)),
      machine: false
    },
    ListCommand.text("created_by_id", creator, { table: false }),
    ListCommand.text("created_by_type", (k) => k.created_by?.type ?? null, { table: false }),
    {
      name: "created_by_label",
      header: "created by",
      kind: "text",
      value: (k) => {
        const id = creator(k)
        return id === null ? "—" : Naming.label(id, found.users.get(id))
      },
      machine: false
    },
    ...(names === undefined
      ? []
      : [
          ListCommand.text<ApiKey>(
            "created_by_email",
            (k) => Naming.machine(found.users, creator(k), creator(k) !== null),
            { table: false }
          )
        ]),
    ListCommand.text("principal_type", (k) => k.principal?.type ?? null, { table: false }),
    ListCommand.text("principal_id", principalId, { table: false }),
    ListCommand.text("partial_key_hint", (k) => k.partial_key_hint, { table: false })
  ]
}

/**
 * The `api-keys` command.
 * @since 0.3.0
 */
export const command = Command.make("api-keys", options, (flags) =>
  Runner.run(flags, Effect.void, (_, { target }) =>
    Effect.gen(function* () {
      const keys = yield* ListCommand.collect(
        "API keys",
        ApiKeys.list({
          limit: ListCommand.PAGE_SIZE,
          ...(Option.isSome(flags.status) ? { status: flags.status.value } : {}),
          ...(Option.isSome(flags.workspaceId) ? { workspaceId: flags.workspaceId.value } : {}),
          ...(Option.isSome(flags.createdBy) ? { createdByUserId: flags.createdBy.value } : {})
        })
      )
      const names = flags.names
        ? yield* Naming.lookup({
            workspaces: keys.filter((k) => k.scope?.type !== "organization").map(ApiKeys.workspaceOf),
            users: keys.map((k) => (k.created_by?.type === "user" ? k.created_by.id : null))
          })
        : undefined
      const counts = new Map<string, number>()
      for (const k of keys) counts.set(k.status, (counts.get(k.status) ?? 0) + 1)
      return ListCommand.output({
        title: "API keys",
        columns: columns(names),
        rows: keys,
        notes: [
          ...(keys.length > 0 ? [`Status: ${[...counts].map(([s, n]) => `${n} ${s}`).join(", ")}.`] : []),
          "Keys are created in the Console; the key itself is never shown (csv/json carry the API's partial hint)."
        ],
        empty: "No API keys match.",
        demo: target.demo
      })
    })
  )
)
