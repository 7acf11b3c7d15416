/**
 * `anthropic-admin users`: the organisation's members.
 *
 * @since 0.3.0
 */
import { Command } from "@effect/cli"
import { Users } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as ListCommand from "../ListCommand.js"
import type * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import * as UsersSpec from "./UsersSpec.js"

const F = UsersSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `UsersSpec.spec.flags`.
 * @since 0.3.0
 */
export const options = {
  ...CommonOptions.common,
  email: Flag.optionalText(F.email),
  roles: Flag.list(F.roles, UsersSpec.ROLES)
} as const

/**
 * The columns: the API's fields.
 * @since 0.3.0
 */
export const columns: ReadonlyArray<Output.Column<Users.User>> = [
  ListCommand.text("email", (u) => u.email),
  ListCommand.text("name", (u) => u.name),
  ListCommand.text("role", (u) => u.role),
  ListCommand.text("id", (u) => u.id),
  ListCommand.instant("added_at", "joined", (u) => u.added_at)
]

/**
 * The `users` command.
 * @since 0.3.0
 */
export const command = Command.make("users", options, (flags) =>
  Runner.run(flags, Effect.void, (_, { target }) =>
    Effect.map(
      ListCommand.collect(
        "users",
        Users.list({
          limit: ListCommand.PAGE_SIZE,
          ...(Option.isSome(flags.email) ? { email: flags.email.value } : {}),
          ...(flags.roles.length > 0 ? { roles: flags.roles } : {})
        })
      ),
      (rows) =>
        ListCommand.output({
          title: "Members",
          columns,
          rows,
          empty: "No members match.",
          demo: target.demo
        })
    )
  )
)
