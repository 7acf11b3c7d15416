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
import { BigDecimal, DateTime } from "effect"
import * as Money from "./Money.js"
import * as Table from "./Table.js"

/** The output formats. @since 0.1.0 */
export const FORMATS = ["table", "csv", "json", "ndjson"] as const
/** @since 0.1.0 */
export type Format = (typeof FORMATS)[number]

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
  /** Summed in the table's totals row (integer and usd columns). */
  readonly total?: boolean
}

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
  if (isDecimal(cell)) return kind === "usd" ? Money.usd(cell) : Money.exact(cell)
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
 * One row as a record with the machine column names, in column order.
 * @since 0.1.0
 */
export const toRecord = <R>(columns: ReadonlyArray<Column<R>>, row: R): Record<string, unknown> => {
  const record: Record<string, unknown> = {}
  for (const c of columns) {
    if (c.machine !== false) record[c.name] = machineValue(c.value(row))
  }
  return record
}

const renderTable = <R>(output: Output<R>): string => {
  const columns = output.columns.filter((c) => c.table !== false)
  if (output.rows.length === 0) return `${output.title}\n\n${output.empty}\n`
  const rows = output.rows.map((row) => columns.map((c) => tableValue(c.kind, c.value(row))))
  const hasTotals = output.rows.length > 1 && columns.some((c) => c.total)
  const totals = hasTotals
    ? columns.map((c, i) => {
        if (!c.total) return i === 0 ? "total" : ""
        const cells = output.rows.map((row) => c.value(row))
        if (c.kind === "usd") {
          return tableValue("usd", Money.sum(cells.filter(isDecimal)))
        }
        return tableValue(
          c.kind,
          cells.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0)
        )
      })
    : undefined
  const table = Table.render(
    columns.map((c) => ({
      header: c.header ?? c.name,
      align:
        c.kind === "integer" || c.kind === "number" || c.kind === "usd" || c.kind === "decimal"
          ? "right"
          : "left"
    })),
    rows,
    totals
  )
  const notes = output.notes && output.notes.length > 0 ? `\n\n${output.notes.join("\n")}` : ""
  return `${output.title}\n\n${table}${notes}\n`
}

/**
 * Renders rows in a format; the result ends with a newline.
 * @since 0.1.0
 */
export const render = <R>(format: Format, output: Output<R>): string => {
  switch (format) {
    case "table":
      return renderTable(output)
    case "json":
      return `${JSON.stringify(
        output.rows.map((row) => toRecord(output.columns, row)),
        null,
        2
      )}\n`
    case "ndjson":
      return output.rows.map((row) => `${JSON.stringify(toRecord(output.columns, row))}\n`).join("")
    case "csv": {
      const columns = output.columns.filter((c) => c.machine !== false)
      const lines = [
        columns.map((c) => csvField(c.name)).join(","),
        ...output.rows.map((row) => {
          const record = toRecord(columns, row)
          return columns.map((c) => csvField(record[c.name])).join(",")
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
export type Renderer = (format: Format) => string

/**
 * Binds rows to their columns, leaving the format open.
 * @since 0.1.0
 */
export const renderer =
  <R>(output: Output<R>): Renderer =>
  (format) =>
    render(format, output)
