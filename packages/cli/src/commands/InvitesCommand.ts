/**
 * `anthropic-admin invites`: invitations to the organisation.
 *
 * @since 0.3.0
 */
import { Command } from "@effect/cli"
import { Invites } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as ListCommand from "../ListCommand.js"
import type * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import * as InvitesSpec from "./InvitesSpec.js"
import * as UsersSpec from "./UsersSpec.js"

const F = InvitesSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `InvitesSpec.spec.flags`.
 * @since 0.3.0
 */
export const options = {
  ...CommonOptions.common,
  statuses: Flag.list(F.statuses, InvitesSpec.STATUSES),
  email: Flag.optionalText(F.email),
  roles: Flag.list(F.roles, UsersSpec.ROLES)
} as const

/**
 * The columns: the API's fields.
 * @since 0.3.0
 */
export const columns: ReadonlyArray<Output.Column<Invites.Invite>> = [
  ListCommand.text("email", (i) => i.email),
  ListCommand.text("role", (i) => i.role),
  ListCommand.text("status", (i) => i.status),
  ListCommand.instant("invited_at", "invited", (i) => i.invited_at),
  ListCommand.instant("expires_at", "expires", (i) => i.expires_at),
  ListCommand.instant("accepted_at", "accepted", (i) => i.accepted_at),
  ListCommand.text("id", (i) => i.id)
]

/**
 * The `invites` command.
 * @since 0.3.0
 */
export const command = Command.make("invites", options, (flags) =>
  Runner.run(flags, Effect.void, (_, { target }) =>
    Effect.map(
      ListCommand.collect(
        "invites",
        Invites.list({
          limit: ListCommand.PAGE_SIZE,
          ...(Option.isSome(flags.email) ? { email: flags.email.value } : {}),
          ...(flags.roles.length > 0 ? { roles: flags.roles } : {}),
          ...(flags.statuses.length > 0 ? { statuses: flags.statuses } : {})
        })
      ),
      (rows) =>
        ListCommand.output({
          title: "Invites",
          columns,
          rows,
          notes: ["Invites expire 21 days after they are sent; deleted invites are not listed."],
          empty: "No invites match.",
          demo: target.demo
        })
    )
  )
)
