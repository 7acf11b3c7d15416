/**
 * The `@effect/cli` options every command shares, built from their specs in
 * `CommandSpec.ts`: where the data comes from (key, base URL, demo), how it
 * is printed (format, rows), progress and retries — and the range and
 * ordering flags of the report commands.
 *
 * @since 0.1.0
 */
import type * as Option from "effect/Option"
import * as CommandSpec from "./CommandSpec.js"
import * as Flag from "./Flag.js"
import { FORMATS } from "./Output.js"

/** How the table groups rows. @since 0.1.0 */
export const ROWS = ["total", "bucket"] as const
/** @since 0.1.0 */
export type Rows = (typeof ROWS)[number]

const spec = CommandSpec.common

/**
 * Connection and output flags, on every command.
 * @since 0.1.0
 */
export const common = {
  format: Flag.choice(spec.format, FORMATS, "table"),
  quiet: Flag.boolean(spec.quiet),
  demo: Flag.boolean(spec.demo),
  apiKeyFile: Flag.optionalText(spec.apiKeyFile),
  baseUrl: Flag.optionalText(spec.baseUrl),
  maxRetries: Flag.optionalInteger(spec.maxRetries, 0, 100)
} as const

/**
 * The range flags of the report commands.
 * @since 0.1.0
 */
export const range = {
  period: Flag.optionalChoice(CommandSpec.range.period, CommandSpec.PERIODS),
  last: Flag.optionalText(CommandSpec.range.last),
  start: Flag.optionalText(CommandSpec.range.start),
  end: Flag.optionalText(CommandSpec.range.end)
} as const

/**
 * `--rows`: how the rows are laid out.
 * @since 0.1.0
 */
export const rows = Flag.optionalChoice(CommandSpec.rows, ROWS)

/**
 * `--sort` and `--top`, from a command's specs of them.
 * @since 0.2.0
 */
export const ordering = (flags: {
  readonly sort: CommandSpec.FlagSpec
  readonly top: CommandSpec.FlagSpec
}) =>
  ({
    sort: Flag.optionalText(flags.sort),
    top: Flag.optionalInteger(flags.top, 1, 10_000)
  }) as const

/**
 * The effective row layout: `--rows`, else `bucket` when a `--bucket` was
 * given or for machine formats, else `total`.
 * @since 0.1.0
 */
export const rowsFor = (
  format: (typeof FORMATS)[number],
  given: Option.Option<Rows>,
  bucketGiven = false
): Rows => (given._tag === "Some" ? given.value : format !== "table" || bucketGiven ? "bucket" : "total")

/**
 * The first of `values` that the API asked for (`--api`) does not take —
 * each API has its own dimensions — or `undefined`.
 * @since 0.3.0
 */
export const outsideApi = (
  api: CommandSpec.Api,
  values: ReadonlyArray<string>,
  legacy: ReadonlyArray<string>,
  analytics: ReadonlyArray<string>
): string | undefined => values.find((v) => !(api === "legacy" ? legacy : analytics).includes(v))
