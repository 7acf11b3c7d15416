/**
 * The `anthropic-admin` command tree.
 *
 * @since 0.1.0
 */
import { Command } from "@effect/cli"
import { VERSION } from "./internal/version.js"
import * as UsageCommand from "./commands/UsageCommand.js"

/** The root command. @since 0.1.0 */
export const command = Command.make("anthropic-admin").pipe(
  Command.withDescription("Anthropic Admin API usage and cost reports from the command line."),
  Command.withSubcommands([UsageCommand.command])
)

/** Runs the CLI on `argv` (as `process.argv`). @since 0.1.0 */
export const run = Command.run(command, { name: "anthropic-admin", version: VERSION })
