/**
 * The commands, as data (`CommandSpec`), in the order the root help lists
 * them. Imports nothing heavy.
 *
 * @since 0.2.0
 */
import type { CommandSpec } from "./CommandSpec.js"
import * as ClaudeCodeSpec from "./commands/ClaudeCodeSpec.js"
import * as CostSpec from "./commands/CostSpec.js"
import * as SyncSpec from "./commands/SyncSpec.js"
import * as UsageSpec from "./commands/UsageSpec.js"

/** @since 0.2.0 */
export const ALL: ReadonlyArray<CommandSpec> = [
  UsageSpec.spec,
  CostSpec.spec,
  ClaudeCodeSpec.spec,
  SyncSpec.spec
]

/** The command named `name`, if any. @since 0.2.0 */
export const find = (name: string): CommandSpec | undefined => ALL.find((c) => c.name === name)

/** `usage, cost, claude-code, sync`. @since 0.2.0 */
export const NAMES = ALL.map((c) => c.name)
