/**
 * Whether to colour, and the colours: `picocolors` formatters, switched on
 * only for a terminal. `NO_COLOR` (any non-empty value, https://no-color.org)
 * always wins; `FORCE_COLOR` (non-empty, not `0`) colours even a pipe;
 * `TERM=dumb` never colours; otherwise colour goes to a TTY that
 * says it can show it (`tty.WriteStream.hasColors`). Pipes and files stay plain.
 *
 * @since 0.2.0
 */
import picocolors from "picocolors"

/** What colour is decided from: the stream written to, and the environment. @since 0.2.0 */
export interface Stream {
  readonly isTTY?: boolean | undefined
  readonly hasColors?: (() => boolean) | undefined
}

/**
 * Whether output to `stream` is coloured under `env`.
 * @since 0.2.0
 */
export const enabled = (
  stream: Stream,
  env: Readonly<Record<string, string | undefined>> = process.env
): boolean => {
  if ((env.NO_COLOR ?? "") !== "") return false
  const force = env.FORCE_COLOR ?? ""
  if (force !== "") return force !== "0" && force !== "false"
  if (env.TERM === "dumb") return false
  return stream.isTTY === true && (stream.hasColors?.() ?? true)
}

/** The formatters this CLI uses. @since 0.2.0 */
export interface Palette {
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
}

/**
 * The palette for `stream`: identity functions when colour is off.
 * @since 0.2.0
 */
export const palette = (stream: Stream, env?: Readonly<Record<string, string | undefined>>): Palette => {
  const colors = picocolors.createColors(enabled(stream, env))
  return { bold: colors.bold, dim: colors.dim }
}
