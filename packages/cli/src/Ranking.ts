/**
 * `--sort` and `--top`: the order of a report's rows, and the "other" row.
 *
 * Rows are kept in time order, bucket by bucket; within a bucket (or over
 * the whole range, with `--rows total`) they are ordered by the `--sort`
 * column — numbers largest first and text A to Z unless `:asc` or `:desc`
 * follows, `null` always last, ties in the report's own order. `--top N`
 * keeps the first N rows of each bucket and adds up the rest into one
 * "other" row, with the report's own exact addition, so every total is
 * unchanged.
 *
 * @since 0.2.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { FlagError } from "./FlagError.js"
import type * as Output from "./Output.js"

/** A parsed `--sort`. @since 0.2.0 */
export interface Sort {
  readonly column: string
  /** `undefined`: the column's natural direction (numbers descending, text ascending). */
  readonly direction: "asc" | "desc" | undefined
}

/** What `--sort` and `--top` asked for. @since 0.2.0 */
export interface Ranking {
  readonly sort: Sort | undefined
  readonly top: number | undefined
}

/**
 * Reads `--sort` (`column`, `column:asc`, `column:desc`) against the columns
 * it may name, and `--top`.
 * @since 0.2.0
 */
export const parse = (
  sort: Option.Option<string>,
  top: Option.Option<number>,
  columns: ReadonlyArray<string>
): Either.Either<Ranking, FlagError> => {
  const topValue = Option.getOrUndefined(top)
  if (Option.isNone(sort)) return Either.right({ sort: undefined, top: topValue })
  const [column = "", direction, ...rest] = sort.value.trim().split(":")
  if (!columns.includes(column)) {
    return Either.left(
      new FlagError({ flag: "--sort", reason: `unknown column "${column}"; one of: ${columns.join(", ")}` })
    )
  }
  if (rest.length > 0 || (direction !== undefined && direction !== "asc" && direction !== "desc")) {
    return Either.left(
      new FlagError({
        flag: "--sort",
        reason: `expected <column>, <column>:asc or <column>:desc; got "${sort.value}"`
      })
    )
  }
  return Either.right({ sort: { column, direction }, top: topValue })
}

const isNumeric = (kind: Output.Kind) =>
  kind === "integer" || kind === "number" || kind === "usd" || kind === "decimal"

const compareCells = (a: Output.Cell, b: Output.Cell): number => {
  if (typeof a === "number" && typeof b === "number") return a - b
  if (BigDecimal.isBigDecimal(a) && BigDecimal.isBigDecimal(b)) return BigDecimal.Order(a, b)
  if (DateTime.isDateTime(a) && DateTime.isDateTime(b)) return a.epochMillis - b.epochMillis
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b)
  const x = typeof a === "object" ? JSON.stringify(a) : String(a)
  const y = typeof b === "object" ? JSON.stringify(b) : String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * A comparator for `sort` over `columns` (by machine or table name), with
 * `null` last in either direction; `undefined` when no such column.
 * @since 0.2.0
 */
export const comparator = <R>(
  sort: Sort,
  columns: ReadonlyArray<Output.Column<R>>
): ((a: R, b: R) => number) | undefined => {
  const column = columns.find((c) => c.name === sort.column)
  if (column === undefined) return undefined
  const descending = (sort.direction ?? (isNumeric(column.kind) ? "desc" : "asc")) === "desc"
  return (a, b) => {
    const x = column.value(a)
    const y = column.value(b)
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    const order = compareCells(x, y)
    return descending ? -order : order
  }
}

/** How a report's rows are ranked. @since 0.2.0 */
export interface Options<R> {
  readonly ranking: Ranking
  readonly columns: ReadonlyArray<Output.Column<R>>
  /** The bucket a row belongs to (its start, ms); every row the same for totals. */
  readonly bucketOf: (row: R) => number
  /** The report's own order within a bucket, used without `--sort` and for ties. */
  readonly compare: (a: R, b: R) => number
  /** The "other" row: the given rows (one or more, of one bucket) added up. */
  readonly other: (rows: ReadonlyArray<R>) => R
}

/**
 * The rows in order, buckets ascending, and with `--top N` each bucket cut
 * to N rows plus one "other" row for the rest, if any.
 * @since 0.2.0
 */
export const apply = <R>(rows: ReadonlyArray<R>, options: Options<R>): ReadonlyArray<R> => {
  const bySort =
    options.ranking.sort === undefined ? undefined : comparator(options.ranking.sort, options.columns)
  const compare = (a: R, b: R) => bySort?.(a, b) || options.compare(a, b)
  const buckets = new Map<number, Array<R>>()
  for (const row of rows) {
    const key = options.bucketOf(row)
    const list = buckets.get(key)
    if (list === undefined) buckets.set(key, [row])
    else list.push(row)
  }
  const top = options.ranking.top
  return [...buckets.keys()]
    .sort((a, b) => a - b)
    .flatMap((key) => {
      const sorted = [...(buckets.get(key) ?? [])].sort(compare)
      if (top === undefined || sorted.length <= top) return sorted
      return [...sorted.slice(0, top), options.other(sorted.slice(top))]
    })
}
