/**
 * The `anthropic-admin` command tree, and running it to an exit code: every
 * failure ends as one line on stderr (`anthropic-admin: …`) and a code from
 * `ExitCode.ts`; flag errors found by `@effect/cli` exit 2 like ours.
 *
 * @since 0.1.0
 */
import { Command, HelpDoc, ValidationError } from "@effect/cli"
import type { CliApp } from "@effect/cli/CliApp"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as CommandSpec from "./CommandSpec.js"
import * as Commands from "./Commands.js"
import * as ApiKeysCommand from "./commands/ApiKeysCommand.js"
import * as ClaudeCodeCommand from "./commands/ClaudeCodeCommand.js"
import * as CostCommand from "./commands/CostCommand.js"
import * as InvitesCommand from "./commands/InvitesCommand.js"
import * as SyncCommand from "./commands/SyncCommand.js"
import * as UsageCommand from "./commands/UsageCommand.js"
import * as UsersCommand from "./commands/UsersCommand.js"
import * as WorkspacesCommand from "./commands/WorkspacesCommand.js"
import * as ExitCode from "./ExitCode.js"
import * as Preflight from "./Preflight.js"
import { VERSION } from "./internal/version.js"

/** The program name, as typed and as printed in errors. @since 0.1.0 */
export const NAME = CommandSpec.NAME

/**
 * The root command. Its help, and each command's, is printed by `bin.ts`
 * from `CommandSpec` before this module is loaded; `@effect/cli` parses.
 * @since 0.1.0
 */
export const command = Command.make(NAME).pipe(
  Command.withSubcommands([
    UsageCommand.command,
    CostCommand.command,
    ClaudeCodeCommand.command,
    SyncCommand.command,
    WorkspacesCommand.command,
    ApiKeysCommand.command,
    UsersCommand.command,
    InvitesCommand.command
  ])
)

const cli = Command.run(command, { name: NAME, version: VERSION })

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g

/**
 * The one line for a flag error found by `@effect/cli` (unknown flag,
 * missing value, a value our flags rejected). `@effect/cli` calls a flag of
 * `command` given twice an unknown argument: it is named as given twice.
 * @since 0.1.0
 */
export const validationMessage = (error: ValidationError.ValidationError, command?: string): string => {
  const text = ExitCode.oneLine(HelpDoc.toAnsiText(error.error).replace(ANSI, ""))
  const unknown = /^Received unknown argument: '(.*)'$/.exec(text)
  if (unknown === null) return text
  const arg = unknown[1] ?? ""
  if (!arg.startsWith("-")) return `unexpected argument "${arg}"`
  const name = arg.split("=")[0] ?? arg
  const flag = command === undefined ? undefined : Preflight.flagNamed(command, name)
  if (flag === undefined) return `${name}: unknown flag`
  return flag.value === undefined
    ? `${name}: given more than once`
    : `${name}: given more than once; give it one value (${name} ${flag.value})`
}

/** Writes `anthropic-admin: <message>` on stderr. @since 0.1.0 */
export const printError = (message: string): Effect.Effect<void> =>
  Effect.sync(() => {
    process.stderr.write(`${NAME}: ${ExitCode.oneLine(message)}\n`)
  })

/**
 * `@effect/cli` prints a flag error as a paragraph on stderr before failing;
 * we print our own single line instead, so its `Console.error` is muted. Its
 * help text is styled with ANSI codes; they are removed when stdout is not a
 * terminal, so `--help | less` and files stay plain.
 */
const libraryConsole = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.consoleWith((console) =>
    Effect.withConsole(self, {
      ...console,
      log: (...args: ReadonlyArray<unknown>) =>
        console.log(
          ...(process.stdout.isTTY
            ? args
            : args.map((a) => (typeof a === "string" ? a.replace(ANSI, "") : a)))
        ),
      error: () => Effect.void,
      unsafe: { ...console.unsafe, error: () => {} }
    })
  )

/**
 * Runs the CLI on `argv` (as `process.argv`) to an exit code; `name` is the
 * command `Preflight` found, for the hint in flag errors.
 * @since 0.1.0
 */
export const run = (
  argv: ReadonlyArray<string>,
  name: string
): Effect.Effect<number, never, CliApp.Environment> =>
  cli(argv).pipe(
    libraryConsole,
    Effect.as(ExitCode.OK),
    Effect.catchAll((error) => {
      if (ValidationError.isValidationError(error)) {
        const hint =
          ValidationError.isMissingSubcommand(error) || ValidationError.isCommandMismatch(error)
            ? ` (commands: ${Commands.NAMES.join(", ")}; see ${NAME} --help)`
            : ` (see ${NAME} ${name} --help)`
        return printError(`${validationMessage(error, name)}${hint}`).pipe(Effect.as(ExitCode.BAD_FLAGS))
      }
      return printError(error.message).pipe(Effect.as(error.code))
    }),
    Effect.catchAllDefect((defect) =>
      printError(
        `unexpected error: ${Cause.pretty(Cause.die(defect)).split("\n")[0] ?? String(defect)}`
      ).pipe(Effect.as(ExitCode.FAILURE))
    )
  )
