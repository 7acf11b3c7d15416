/**
 * `anthropic-admin workspaces`: the organisation's workspaces.
 *
 * @since 0.3.0
 */
import { Command } from "@effect/cli"
import { Workspaces } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import * as CommonOptions from "../CommonOptions.js"
import * as Flag from "../Flag.js"
import * as ListCommand from "../ListCommand.js"
import type * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import * as WorkspacesSpec from "./WorkspacesSpec.js"

const F = WorkspacesSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `WorkspacesSpec.spec.flags`.
 * @since 0.3.0
 */
export const options = {
  ...CommonOptions.common,
  includeArchived: Flag.boolean(F.includeArchived)
} as const

type Workspace = Workspaces.Workspace

/**
 * The columns: the API's fields, `data_residency` flattened.
 * @since 0.3.0
 */
export const columns: ReadonlyArray<Output.Column<Workspace>> = [
  ListCommand.text("name", (w) => w.name),
  ListCommand.text("id", (w) => w.id),
  ListCommand.instant("created_at", "created", (w) => w.created_at),
  ListCommand.instant("archived_at", "archived", (w) => w.archived_at),
  ListCommand.text("workspace_geo", (w) => w.data_residency?.workspace_geo ?? null, { header: "data\ngeo" }),
  ListCommand.text("default_inference_geo", (w) => w.data_residency?.default_inference_geo ?? null, {
    header: "inference\ngeo"
  }),
  ListCommand.text(
    "allowed_inference_geos",
    (w) => {
      const allowed = w.data_residency?.allowed_inference_geos
      return allowed === undefined ? null : typeof allowed === "string" ? allowed : allowed.join(",")
    },
    { header: "allowed\ngeos" }
  ),
  ListCommand.text("display_color", (w) => w.display_color, { header: "colour" }),
  { name: "tags", kind: "json", value: (w) => w.tags },
  ListCommand.text("compartment_id", (w) => w.compartment_id, { table: false }),
  ListCommand.text("external_key_id", (w) => w.external_key_id, { table: false })
]

/**
 * The `workspaces` command.
 * @since 0.3.0
 */
export const command = Command.make("workspaces", options, (flags) =>
  Runner.run(flags, Effect.void, (_, { target }) =>
    Effect.map(
      ListCommand.collect(
        "workspaces",
        Workspaces.list({
          limit: ListCommand.PAGE_SIZE,
          ...(flags.includeArchived ? { includeArchived: true } : {})
        })
      ),
      (rows) =>
        ListCommand.output({
          title: flags.includeArchived ? "Workspaces, archived ones included" : "Workspaces",
          columns,
          rows,
          notes: flags.includeArchived
            ? []
            : ["Archived workspaces are not shown (--include-archived shows them)."],
          empty: "No workspaces.",
          demo: target.demo
        })
    )
  )
)
