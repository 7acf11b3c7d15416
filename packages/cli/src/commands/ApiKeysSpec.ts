/**
 * `anthropic-admin api-keys`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.3.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** Key statuses `--status` takes (`ApiKeys.ApiKeyStatus`). @since 0.3.0 */
export const STATUSES = ["active", "inactive", "archived", "expired"] as const

/** @since 0.3.0 */
export const spec = {
  name: "api-keys",
  summary: "the organisation's API keys: names, status, workspace, who created them",
  description: [
    "Lists the API keys of the organisation (GET /v1/organizations/api_keys), in the API's order: id, name, status, workspace, when it was created and expires, who created it and whom it acts as. Never the key itself: only the API's partial hint (sk-ant-api03-R2D…igAA), in csv/json.",
    "Keys are created in the Console only. With --names, each workspace is shown with its name and each creator with their email."
  ],
  flags: {
    status: {
      name: "status",
      value: "<status>",
      group: "grouping",
      description: `Only keys with this status: ${STATUSES.join(", ")}.`,
      default: "all"
    },
    workspaceId: {
      name: "workspace-id",
      value: "<id>",
      group: "grouping",
      description: "Only the keys of this workspace (wrkspc_…)."
    },
    createdBy: {
      name: "created-by",
      value: "<user id>",
      group: "grouping",
      description: "Only the keys this user created (user_…)."
    },
    ...CommandSpec.common,
    names: {
      ...CommandSpec.names,
      description:
        "Show workspace names next to their ids and creators' emails next to theirs: one listing of each kind per run. If the key may not list them, the ids are shown, with one warning per kind on stderr."
    }
  },
  examples: [
    ["The demo organisation's keys, with their workspaces' names", "anthropic-admin api-keys --demo --names"],
    ["The active keys, as CSV", "anthropic-admin api-keys --status active --format csv"],
    ["The keys of one workspace", "anthropic-admin api-keys --workspace-id wrkspc_01AbCdEf"]
  ]
} as const satisfies CommandSpec.CommandSpec
