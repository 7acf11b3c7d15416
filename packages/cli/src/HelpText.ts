/**
 * The help texts, rendered from the command specs (`CommandSpec.ts`): the
 * root help lists the commands; a command's help says what it answers, how
 * to call it, a few examples, then its flags grouped (range, grouping,
 * ordering, output, connection), each with its own description and default.
 *
 * `@effect/cli` parses the arguments; its help renderer is not used, because
 * it cannot group flags, repeats a type line ("A user-defined piece of
 * text.") and "This setting is optional." under every flag, and lists global
 * options this CLI does not support. Text is wrapped with `wrap-ansi` (which
 * measures East Asian wide characters and emoji with `string-width`).
 *
 * @since 0.2.0
 */
import wrapAnsi from "wrap-ansi"
import * as CommandSpec from "./CommandSpec.js"
import * as Commands from "./Commands.js"
import type { Palette } from "./Color.js"
import { VERSION } from "./internal/version.js"

/** How help is laid out. @since 0.2.0 */
export interface Layout {
  /** Columns to wrap at. */
  readonly width: number
  readonly palette: Palette
}

/** The widest the flag column gets; longer labels put their description on the next line. */
const LABEL_MAX = 24

const INDENT = "  "

const wrap = (text: string, width: number, indent = ""): string =>
  wrapAnsi(text, Math.max(20, width - indent.length), { hard: false, trim: true })
    .split("\n")
    .map((line) => `${indent}${line}`)
    .join("\n")

/** `-f, --format <format>`, `--start, --since <day|instant>`. @since 0.2.0 */
export const label = (flag: CommandSpec.FlagSpec): string => {
  const short = (flag.aliases ?? []).filter((a) => a.length === 1).map((a) => `-${a}`)
  const long = [flag.name, ...(flag.aliases ?? []).filter((a) => a.length > 1)].map((a) => `--${a}`)
  return [...short, ...long].join(", ") + (flag.value === undefined ? "" : ` ${flag.value}`)
}

/** The width of the flag column for `flags`: the longest label, at most {@link LABEL_MAX}, and 2 spaces. */
const columnFor = (flags: ReadonlyArray<CommandSpec.FlagSpec>): number =>
  Math.min(LABEL_MAX, Math.max(...flags.map((f) => label(f).length))) + 2

const flagLines = (
  flags: ReadonlyArray<CommandSpec.FlagSpec>,
  layout: Layout,
  column = columnFor(flags)
): string => {
  const labels = flags.map(label)
  const indent = " ".repeat(INDENT.length + column)
  return flags
    .map((flag, i) => {
      const name = labels[i] ?? ""
      const text =
        flag.default === undefined ? flag.description : `${flag.description} Default: ${flag.default}.`
      const body = wrap(text, layout.width, indent)
      return name.length + 2 <= column
        ? `${INDENT}${name.padEnd(column)}${body.slice(indent.length)}`
        : `${INDENT}${name}\n${body}`
    })
    .join("\n")
}

const examples = (list: ReadonlyArray<readonly [string, string]>, layout: Layout): string =>
  list
    .map(
      ([what, command]) =>
        `${layout.palette.dim(wrap(`# ${what}`, layout.width, INDENT))}\n${INDENT}$ ${command}`
    )
    .join("\n\n")

const heading = (text: string, layout: Layout) => layout.palette.bold(`${text}:`)

/**
 * The help of one command.
 * @since 0.2.0
 */
export const command = (spec: CommandSpec.CommandSpec, layout: Layout): string => {
  const flags = Object.values(spec.flags)
  const column = columnFor(flags)
  const groups = (Object.keys(CommandSpec.GROUPS) as Array<CommandSpec.Group>).flatMap((group) => {
    const own = flags.filter((f) => f.group === group)
    return own.length === 0
      ? []
      : [`${heading(CommandSpec.GROUPS[group], layout)}\n${flagLines(own, layout, column)}`]
  })
  return [
    wrap(`${layout.palette.bold(`${CommandSpec.NAME} ${spec.name}`)} — ${spec.summary}`, layout.width),
    `${heading("Usage", layout)} ${CommandSpec.NAME} ${spec.name} [flags]`,
    ...spec.description.map((p) => wrap(p, layout.width)),
    `${heading("Examples", layout)}\n${examples(spec.examples, layout)}`,
    ...groups,
    wrap(
      `Run ${CommandSpec.NAME} --help for the other commands, the environment variables and the exit codes.`,
      layout.width
    )
  ].join("\n\n")
}

/**
 * The root help: what the tool is, its commands, examples, global flags,
 * environment and exit codes.
 * @since 0.2.0
 */
export const root = (layout: Layout): string => {
  const width = Math.max(...Commands.ALL.map((c) => c.name.length)) + 2
  const commandIndent = " ".repeat(INDENT.length + width)
  const table = (rows: ReadonlyArray<readonly [string, string]>) => {
    const width = Math.max(...rows.map(([name]) => name.length)) + 2
    const indent = " ".repeat(INDENT.length + width)
    return rows
      .map(
        ([name, what]) =>
          `${INDENT}${name.padEnd(width)}${wrap(what, layout.width, indent).slice(indent.length)}`
      )
      .join("\n")
  }
  return [
    wrap(`${layout.palette.bold(CommandSpec.NAME)} ${VERSION} — ${CommandSpec.root.summary}`, layout.width),
    `${heading("Usage", layout)} ${CommandSpec.NAME} <command> [flags]`,
    ...CommandSpec.root.description.map((p) => wrap(p, layout.width)),
    `${heading("Commands", layout)}\n${Commands.ALL.map(
      (c) =>
        `${INDENT}${c.name.padEnd(width)}${wrap(c.summary, layout.width, commandIndent).slice(commandIndent.length)}`
    ).join("\n")}`,
    `${heading("Examples", layout)}\n${examples(CommandSpec.root.examples, layout)}`,
    `${heading("Flags", layout)}\n${flagLines(Object.values(CommandSpec.global), layout)}`,
    `${heading("Environment", layout)}\n${table(CommandSpec.root.environment)}`,
    `${heading("Exit codes", layout)}\n${table(CommandSpec.root.exitCodes)}`,
    wrap(`Run ${CommandSpec.NAME} <command> --help for a command's flags.`, layout.width)
  ].join("\n\n")
}

/**
 * The help for `command` (the root help when `undefined`), ending with a newline.
 * @since 0.2.0
 */
export const render = (command: string | undefined, layout: Layout): string => {
  const spec = command === undefined ? undefined : Commands.find(command)
  return `${spec === undefined ? root(layout) : commandHelp(spec, layout)}\n`
}

const commandHelp = command
