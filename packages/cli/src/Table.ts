/**
 * Plain-text tables for people: aligned columns, numbers right-aligned,
 * headers of one or more lines, a rule under the header and above the
 * totals row.
 *
 * Widths are display columns as a terminal shows them, measured with
 * `string-width` (East Asian wide characters and emoji take two columns,
 * combining marks none), so wide or emoji ids keep their columns in line.
 * Control characters in a cell (a newline in a description, an escape
 * sequence, a bidirectional override) are shown escaped (`\n`, `\x1b`,
 * `\u{202e}`) so that a row stays one line and the terminal is not steered.
 *
 * @since 0.1.0
 */
import stringWidth from "string-width"

/** A column: header (lines separated by `\n`), alignment. @since 0.1.0 */
export interface Column {
  readonly header: string
  readonly align: "left" | "right"
}

/** How header and totals lines are styled (colour on a terminal); identity by default. @since 0.2.0 */
export interface Style {
  readonly header: (text: string) => string
  readonly total: (text: string) => string
}

const plain: Style = { header: (t) => t, total: (t) => t }

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" }

/**
 * `text` with control characters and bidirectional controls escaped:
 * `\n`, `\r`, `\t`, `\x1b`, `\u{202e}`.
 * @since 0.2.0
 */
export const escape = (text: string): string =>
  text.replace(UNSAFE, (c) => {
    const named = NAMED[c]
    if (named !== undefined) return named
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`
  })

/** Display width of `text` in terminal columns. @since 0.2.0 */
export const width = (text: string): number => stringWidth(text)

const pad = (text: string, size: number, align: "left" | "right") => {
  const fill = " ".repeat(Math.max(0, size - width(text)))
  return align === "right" ? `${fill}${text}` : `${text}${fill}`
}

/**
 * Renders rows under headers, with a rule under the header and, if given, a
 * rule above a final totals row. Cells are escaped ({@link escape}) and
 * padded to their display width; trailing spaces are trimmed.
 * @since 0.1.0
 */
export const render = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  totals?: ReadonlyArray<string>,
  style: Style = plain
): string => {
  const headers = columns.map((c) => c.header.split("\n").map(escape))
  const height = Math.max(1, ...headers.map((h) => h.length))
  const headerLines = Array.from({ length: height }, (_, line) =>
    headers.map((h) => h[line - (height - h.length)] ?? "")
  )
  const body = rows.map((row) => columns.map((_, i) => escape(row[i] ?? "")))
  const foot = totals === undefined ? undefined : columns.map((_, i) => escape(totals[i] ?? ""))
  const all = [...headerLines, ...body, ...(foot ? [foot] : [])]
  const widths = columns.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ""))))
  const line = (row: ReadonlyArray<string>) =>
    columns
      .map((c, i) => pad(row[i] ?? "", widths[i] ?? 0, c.align))
      .join("  ")
      .trimEnd()
  const rule = widths.map((w) => "─".repeat(w)).join("  ")
  return [
    ...headerLines.map((h) => style.header(line(h))),
    rule,
    ...body.map(line),
    ...(foot ? [rule, style.total(line(foot))] : [])
  ].join("\n")
}

/** Inserts thousands separators into a string of digits. @since 0.1.0 */
export const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/** Thousands separators for a whole number, e.g. `1,234,567`. @since 0.1.0 */
export const integer = (n: number): string =>
  n < 0 ? `-${groupThousands(String(Math.round(-n)))}` : groupThousands(String(Math.round(n)))
