/**
 * `anthropic-admin workspaces`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.3.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** @since 0.3.0 */
export const spec = {
  name: "workspaces",
  summary: "the organisation's workspaces: ids, names, data residency, tags",
  description: [
    "Lists the workspaces of the organisation (GET /v1/organizations/workspaces), in the API's order: id, name, when it was created and archived, where its data lives and where it runs inference by default, its colour and tags.",
    "The Default Workspace may be missing: older API documentation says lists leave it out. The legacy reports call it workspace_id null, the analytics API by its own id."
  ],
  flags: {
    includeArchived: {
      name: "include-archived",
      group: "grouping",
      description: "Archived workspaces too (archived_at set); the API leaves them out otherwise."
    },
    ...CommandSpec.common
  },
  examples: [
    ["The workspaces of the demo organisation", "anthropic-admin workspaces --demo"],
    [
      "Every workspace, archived ones too, as CSV",
      "anthropic-admin workspaces --include-archived --format csv"
    ],
    ["Their ids and names, for a script", "anthropic-admin workspaces --format ndjson"]
  ]
} as const satisfies CommandSpec.CommandSpec
