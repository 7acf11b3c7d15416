/**
 * The commands, as data (`CommandSpec`), in the order the root help lists
 * them. Imports nothing heavy.
 *
 * @since 0.2.0
 */
import type { CommandSpec } from "./CommandSpec.js"
import * as ApiKeysSpec from "./commands/ApiKeysSpec.js"
import * as ClaudeCodeSpec from "./commands/ClaudeCodeSpec.js"
import * as CostSpec from "./commands/CostSpec.js"
import * as InvitesSpec from "./commands/InvitesSpec.js"
import * as SyncSpec from "./commands/SyncSpec.js"
import * as UsageSpec from "./commands/UsageSpec.js"
import * as UsersSpec from "./commands/UsersSpec.js"
import * as WorkspacesSpec from "./commands/WorkspacesSpec.js"

/** @since 0.2.0 */
export const ALL: ReadonlyArray<CommandSpec> = [
  UsageSpec.spec,
  CostSpec.spec,
  ClaudeCodeSpec.spec,
  SyncSpec.spec,
  WorkspacesSpec.spec,
  ApiKeysSpec.spec,
  UsersSpec.spec,
  InvitesSpec.spec
]

/** The command named `name`, if any. @since 0.2.0 */
export const find = (name: string): CommandSpec | undefined => ALL.find((c) => c.name === name)

/** `usage, cost, claude-code, sync, workspaces, api-keys, users, invites`. @since 0.2.0 */
export const NAMES = ALL.map((c) => c.name)
