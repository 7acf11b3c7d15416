/**
 * Plain-text tables for people: aligned columns, numbers right-aligned, a
 * rule under the header and above the totals row.
 *
 * @since 0.1.0
 */

/** A column: header, alignment. @since 0.1.0 */
export interface Column {
  readonly header: string
  readonly align: "left" | "right"
}

/**
 * Renders rows under headers, with a rule under the header and, if given, a
 * rule above a final totals row. Trailing spaces are trimmed.
 * @since 0.1.0
 */
export const render = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  totals?: ReadonlyArray<string>
): string => {
  const all = [columns.map((c) => c.header), ...rows, ...(totals ? [totals] : [])]
  const widths = columns.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)))
  const line = (row: ReadonlyArray<string>) =>
    columns
      .map((c, i) => {
        const cell = row[i] ?? ""
        const width = widths[i] ?? 0
        return c.align === "right" ? cell.padStart(width) : cell.padEnd(width)
      })
      .join("  ")
      .trimEnd()
  const rule = widths.map((w) => "─".repeat(w)).join("  ")
  return [
    line(columns.map((c) => c.header)),
    rule,
    ...rows.map(line),
    ...(totals ? [rule, line(totals)] : [])
  ].join("\n")
}

/** Inserts thousands separators into a string of digits. @since 0.1.0 */
export const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/** Thousands separators for a whole number, e.g. `1,234,567`. @since 0.1.0 */
export const integer = (n: number): string =>
  n < 0 ? `-${groupThousands(String(Math.round(-n)))}` : groupThousands(String(Math.round(n)))
