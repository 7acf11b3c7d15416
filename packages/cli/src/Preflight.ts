/**
 * The first look at the arguments, before anything heavy is loaded: help
 * and the version are answered from here (`bin.ts` prints them without
 * loading Effect, the client or the reports); a missing or unknown command,
 * a flag before the command and the `@effect/cli` built-ins this CLI does not
 * offer (`--wizard`, `--completions`, `--log-level`) are refused with exit
 * code 2; everything else runs the command.
 *
 * Values are skipped as the parser would: in `--api-key-file --help` the
 * `--help` is the file's name, not a request for help.
 *
 * @since 0.2.0
 */
import * as CommandSpec from "./CommandSpec.js"
import * as Commands from "./Commands.js"

/** What to do with the arguments. @since 0.2.0 */
export type Decision =
  | { readonly _tag: "Help"; readonly command: string | undefined }
  | { readonly _tag: "Version" }
  | { readonly _tag: "Fail"; readonly message: string }
  | { readonly _tag: "Run"; readonly command: string }

/** Options of `@effect/cli` that this CLI does not offer (its built-ins). @since 0.2.0 */
export const UNSUPPORTED = ["--wizard", "--completions", "--log-level"] as const

const HELP = ["--help", "-h"]
const VERSION = ["--version", "-v"]

const seeHelp = (command: string | undefined) =>
  command === undefined ? `see ${CommandSpec.NAME} --help` : `see ${CommandSpec.NAME} ${command} --help`

/**
 * The flag of command `command` that `token` names (`--group-by`, `-f`, `--start=…`), if any.
 * @since 0.5.0
 */
export const flagNamed = (command: string, token: string): CommandSpec.FlagSpec | undefined =>
  flagOf(Commands.find(command), token.split("=")[0] ?? token)

/** The flag of `spec` that `token` names (`--group-by`, `-f`), if any. */
const flagOf = (
  spec: CommandSpec.CommandSpec | undefined,
  token: string
): CommandSpec.FlagSpec | undefined => {
  if (spec === undefined) return undefined
  const name = token.replace(/^--?/, "")
  return Object.values(spec.flags).find((f) => f.name === name || (f.aliases ?? []).includes(name))
}

const EXPECTED = `expected a command: ${Commands.NAMES.join(", ")}`

/**
 * Decides what to do with `args` (the arguments after the program name).
 * @since 0.2.0
 */
export const decide = (args: ReadonlyArray<string>): Decision => {
  let command: string | undefined
  let help = false
  let version = false
  let helpTopic: string | undefined
  let unsupported: string | undefined
  let early: string | undefined
  let empty: { readonly name: string; readonly value: string } | undefined
  let missing: { readonly name: string; readonly value: string } | undefined
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? ""
    if (token === "--") break
    if (token.startsWith("-") && token !== "-") {
      const name = token.split("=")[0] ?? token
      if (HELP.includes(name)) help = true
      else if (VERSION.includes(name)) version = true
      else if ((UNSUPPORTED as ReadonlyArray<string>).includes(name)) unsupported ??= name
      else if (command === undefined) early ??= name
      else {
        const flag = flagOf(Commands.find(command), name)
        if (flag?.value !== undefined) {
          // An empty value is refused here, for every flag alike: `@effect/cli` drops one given
          // to a repeatable flag (`--group-by ""` would silently mean no grouping).
          const value = token.includes("=") ? token.slice(token.indexOf("=") + 1) : args[++i]
          if (value !== undefined && value.trim() === "") empty ??= { name, value: flag.value }
          // the last argument: `@effect/cli` would call the flag unknown
          if (value === undefined) missing ??= { name, value: flag.value }
        }
      }
    } else if (command === undefined) {
      command = token
    } else if (command === "help" && helpTopic === undefined) {
      helpTopic = token
    }
  }
  if (command === "help") {
    if (helpTopic !== undefined && Commands.find(helpTopic) === undefined) {
      return { _tag: "Fail", message: `unknown command "${helpTopic}": ${EXPECTED} (${seeHelp(undefined)})` }
    }
    return { _tag: "Help", command: helpTopic }
  }
  const known = command !== undefined && Commands.find(command) !== undefined
  if (unsupported !== undefined && !help) {
    return { _tag: "Fail", message: `${unsupported}: unknown flag (${seeHelp(known ? command : undefined)})` }
  }
  if (command !== undefined && !known) {
    return { _tag: "Fail", message: `unknown command "${command}": ${EXPECTED} (${seeHelp(undefined)})` }
  }
  if (help) return { _tag: "Help", command }
  if (version) return { _tag: "Version" }
  if (command === undefined) {
    return args.length === 0
      ? { _tag: "Help", command: undefined }
      : { _tag: "Fail", message: `${EXPECTED} (${seeHelp(undefined)})` }
  }
  if (early !== undefined) {
    return {
      _tag: "Fail",
      message: `${early}: flags go after the command, e.g. ${CommandSpec.NAME} ${command} ${early} (${seeHelp(command)})`
    }
  }
  if (missing !== undefined) {
    return {
      _tag: "Fail",
      message: `${missing.name}: missing value; expected ${missing.name} ${missing.value} (${seeHelp(command)})`
    }
  }
  if (empty !== undefined) {
    return {
      _tag: "Fail",
      message: `${empty.name}: empty value; expected ${empty.name} ${empty.value} (${seeHelp(command)})`
    }
  }
  return { _tag: "Run", command }
}

/**
 * The arguments as `@effect/cli` reads them: `--name=value` is split into
 * `--name value` for the flags of `command` that take a value, which its
 * repeatable options (`--group-by=model`) do not accept otherwise. Nothing
 * after `--` is touched.
 * @since 0.3.0
 */
export const normalize = (command: string, args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const spec = Commands.find(command)
  const out: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? ""
    if (token === "--") return [...out, ...args.slice(i)]
    const at = token.indexOf("=")
    if (token.startsWith("--") && at > 2 && flagOf(spec, token.slice(0, at))?.value !== undefined) {
      out.push(token.slice(0, at), token.slice(at + 1))
    } else out.push(token)
  }
  return out
}
