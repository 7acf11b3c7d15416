/**
 * What a command prints: a list of rows and the columns to show them in,
 * rendered in one of four formats.
 *
 * - `table` (people): a title, aligned columns, thousands separators,
 *   dollars to the cent, a totals row.
 * - `csv`, `json`, `ndjson` (programs): one record per row, stable
 *   snake_case column names, exact numbers (money as exact decimal
 *   strings), ISO 8601 UTC timestamps. `json` is one array; `ndjson` is one
 *   object per line; `csv` has a header line, RFC 4180 quoting and `\n` line ends.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import type { Palette } from "./Color.js"
import { FORMATS } from "./CommandSpec.js"
import * as Money from "./Money.js"
import * as Table from "./Table.js"

export {
  /** The output formats. @since 0.1.0 */
  FORMATS
}
/** @since 0.1.0 */
export type Format = (typeof FORMATS)[number]

/**
 * How csv, json and ndjson spell the Default Workspace in `workspace_id`
 * when rows are grouped by workspace. The API sends `null` for it, which is
 * also what an ungrouped `workspace_id` holds; `"default"` cannot be mistaken
 * for a workspace id (`wrkspc_…`) and keeps the two apart. The table says
 * “Default Workspace”.
 * @since 0.2.0
 */
export const DEFAULT_WORKSPACE = "default"

/**
 * How csv, json and ndjson spell "no API key" in `api_key_id` when rows are
 * grouped by API key. The API sends `null` for usage that no key
 * authenticated — the Console's Workbench, and service-account (workload
 * identity) usage, in any workspace — which is also what an ungrouped
 * `api_key_id` holds; `"none"` cannot be mistaken for a key id (`apikey_…`)
 * and keeps the two apart. The table says “(no key)”.
 * @since 0.3.0
 */
export const NO_API_KEY = "none"

/**
 * The machine column that marks the row `--top` adds up the rest in: how
 * many groups it holds (`null` on every other row).
 * @since 0.2.0
 */
export const OTHER_GROUPS = "other_groups"

/**
 * How a column's values are typed and shown.
 * - `text`: a string or `null`;
 * - `integer`: a whole number (thousands separators in the table);
 * - `number`: any finite number, printed as is (thousands separators in the table);
 * - `usd`: a dollar `BigDecimal` (`$1,234.57` in the table, exact string otherwise);
 * - `decimal`: an exact `BigDecimal` (exact string everywhere);
 * - `boolean`: `true`/`false` or `null` (JSON booleans, `true`/`false`/empty in CSV, `yes`/`no`/blank in the table);
 * - `instant`: a `DateTime.Utc` (ISO 8601 for programs; a date, or date and minute, in the table);
 * - `json`: a JSON object (nested in json/ndjson, JSON text in csv, `k=v` pairs in the table).
 * @since 0.1.0
 */
export type Kind = "text" | "integer" | "number" | "usd" | "decimal" | "boolean" | "instant" | "json"

/** A cell value. @since 0.1.0 */
export type Cell =
  string | number | boolean | BigDecimal.BigDecimal | DateTime.Utc | Readonly<Record<string, unknown>> | null

/**
 * A column.
 * @since 0.1.0
 */
export interface Column<R> {
  /** The stable machine name (csv header, json key). */
  readonly name: string
  /** The table header; defaults to `name`. */
  readonly header?: string
  readonly kind: Kind
  readonly value: (row: R) => Cell
  /** Shown in the table; default true. */
  readonly table?: boolean
  /** Shown in csv/json/ndjson; default true. */
  readonly machine?: boolean
  /** Summed in the table's totals row (integer, decimal and usd columns). */
  readonly total?: boolean
  /**
   * Names the group (a dimension, an actor): empty on the "other" row of
   * `--top`, whose first group column in the table says how many groups it holds.
   */
  readonly group?: boolean
}

/**
 * A count column: a whole number, summed in the table's totals row.
 * @since 0.2.0
 */
export const count = <R>(name: string, header: string, value: (row: R) => number): Column<R> => ({
  name,
  header,
  kind: "integer",
  value,
  total: true
})

/**
 * Rows and how to show them.
 * @since 0.1.0
 */
export interface Output<R> {
  /** First line of the table, e.g. `Usage 2026-03-01 → 2026-03-30 (30 days), by model`. */
  readonly title: string
  readonly columns: ReadonlyArray<Column<R>>
  readonly rows: ReadonlyArray<R>
  /** Lines printed under the table (never in machine formats). */
  readonly notes?: ReadonlyArray<string>
  /** Printed instead of an empty table. */
  readonly empty: string
  /**
   * With `--top`: how many groups a row adds up when it is the "other" row,
   * `undefined` for the others. Adds the {@link OTHER_GROUPS} column to
   * csv/json/ndjson.
   */
  readonly otherCount?: (row: R) => number | undefined
}

const DAY = 86_400_000

const iso = (d: DateTime.Utc) => DateTime.formatIso(d).replace(/\.000Z$/, "Z")

const isDecimal = (cell: Cell): cell is BigDecimal.BigDecimal => BigDecimal.isBigDecimal(cell)
const isInstant = (cell: Cell): cell is DateTime.Utc => DateTime.isDateTime(cell)

const machineValue = (cell: Cell): unknown => {
  if (cell === null) return null
  if (isInstant(cell)) return iso(cell)
  if (isDecimal(cell)) return Money.exact(cell)
  return cell
}

const tableValue = (kind: Kind, cell: Cell): string => {
  if (cell === null) return ""
  if (typeof cell === "boolean") return cell ? "yes" : "no"
  if (isInstant(cell)) {
    const text = iso(cell)
    return cell.epochMillis % DAY === 0 ? text.slice(0, 10) : text.slice(0, 16).replace("T", " ")
  }
  if (isDecimal(cell)) return kind === "usd" ? Money.usd(cell) : Money.grouped(cell)
  if (typeof cell === "number") {
    return kind === "number"
      ? cell.toLocaleString("en-US", { maximumFractionDigits: 6 })
      : Table.integer(cell)
  }
  if (typeof cell === "string") return cell
  return Object.entries(cell)
    .map(([k, v]) => `${k}=${v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ")
}

const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return ""
  const text = typeof value === "object" ? JSON.stringify(value) : String(value)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * One row as a record with the machine column names, in column order. On an
 * "other" row (`otherCount` set) group columns are `null`.
 * @since 0.1.0
 */
export const toRecord = <R>(
  columns: ReadonlyArray<Column<R>>,
  row: R,
  otherCount?: (row: R) => number | undefined
): Record<string, unknown> => {
  const other = otherCount?.(row)
  const record: Record<string, unknown> = {}
  for (const c of columns) {
    if (c.machine !== false) {
      record[c.name] = other !== undefined && c.group ? null : machineValue(c.value(row))
    }
  }
  if (otherCount !== undefined) record[OTHER_GROUPS] = other ?? null
  return record
}

const isNumeric = (kind: Kind) =>
  kind === "integer" || kind === "number" || kind === "usd" || kind === "decimal"

const renderTable = <R>(output: Output<R>, palette: Palette | undefined): string => {
  const columns = output.columns.filter((c) => c.table !== false)
  const title = palette ? palette.bold(output.title) : output.title
  if (output.rows.length === 0) return `${title}\n\n${output.empty}\n`
  const firstGroup = columns.findIndex((c) => c.group)
  const rows = output.rows.map((row) => {
    const other = output.otherCount?.(row)
    return columns.map((c, i) =>
      other !== undefined && c.group
        ? i === firstGroup
          ? `other (${other} group${other === 1 ? "" : "s"})`
          : ""
        : tableValue(c.kind, c.value(row))
    )
  })
  const hasTotals = output.rows.length > 1 && columns.some((c) => c.total)
  const totals = hasTotals
    ? columns.map((c, i) => {
        if (!c.total) return i === 0 ? "total" : ""
        const cells = output.rows.map((row) => c.value(row))
        if (c.kind === "usd" || c.kind === "decimal") {
          return tableValue(c.kind, Money.sum(cells.filter(isDecimal)))
        }
        return tableValue(
          c.kind,
          cells.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0)
        )
      })
    : undefined
  const table = Table.render(
    columns.map((c) => ({ header: c.header ?? c.name, align: isNumeric(c.kind) ? "right" : "left" })),
    rows,
    totals,
    palette ? { header: palette.bold, total: palette.bold } : undefined
  )
  const notes = output.notes && output.notes.length > 0 ? `\n\n${output.notes.join("\n")}` : ""
  return `${title}\n\n${table}${notes}\n`
}

/**
 * Renders rows in a format; the result ends with a newline. `palette`
 * styles the table (bold title, header and totals) when colour is on.
 * @since 0.1.0
 */
export const render = <R>(format: Format, output: Output<R>, palette?: Palette): string => {
  const record = (row: R) => toRecord(output.columns, row, output.otherCount)
  switch (format) {
    case "table":
      return renderTable(output, palette)
    case "json":
      return `${JSON.stringify(output.rows.map(record), null, 2)}\n`
    case "ndjson":
      return output.rows.map((row) => `${JSON.stringify(record(row))}\n`).join("")
    case "csv": {
      const names = [
        ...output.columns.filter((c) => c.machine !== false).map((c) => c.name),
        ...(output.otherCount === undefined ? [] : [OTHER_GROUPS])
      ]
      const lines = [
        names.map(csvField).join(","),
        ...output.rows.map((row) => {
          const r = record(row)
          return names.map((name) => csvField(r[name])).join(",")
        })
      ]
      return `${lines.join("\n")}\n`
    }
  }
}

/**
 * Orders rows by their group values, in order: text ascending, `null` (the
 * Default Workspace, an ungrouped dimension) last.
 * @since 0.1.0
 */
export const compareGroups = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    return x < y ? -1 : 1
  }
  return 0
}

/**
 * An output ready to print in whichever format the user chose.
 * @since 0.1.0
 */
export type Renderer = (format: Format, palette?: Palette) => string

/**
 * Binds rows to their columns, leaving the format open.
 * @since 0.1.0
 */
export const renderer =
  <R>(output: Output<R>): Renderer =>
  (format, palette) =>
    render(format, output, palette)
