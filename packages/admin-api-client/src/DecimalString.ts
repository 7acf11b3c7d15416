/**
 * Exact arithmetic on money as decimal strings, for code that does not use
 * Effect: the Promise client ({@link AdminApi}) returns every amount as a
 * decimal string (`"1446.3000"`), and these helpers add, sum, shift and round
 * them without ever going through a float (Effect's `BigDecimal` inside).
 *
 * A decimal string, as produced here, is `-?\d+(\.\d+)?`: no exponent, no
 * `+`, digits after the point exactly as many as the scale. Inputs may be
 * anything `BigDecimal.fromString` reads (`"12"`, `"-0.5"`, `"1.5e3"`); an
 * empty or non-numeric string throws a `TypeError` naming it, because a typo in
 * a sum of money must not read as zero.
 *
 * @example
 * ```ts
 * DecimalString.sum(["1446.3000", "0.1", "0.2"]) // "1446.6000" (0.1 + 0.2 is 0.3 here)
 * DecimalString.centsToDollars("1446.3000")      // "14.463000"
 * DecimalString.round("14.463000", 2)            // "14.46"
 * ```
 *
 * @since 0.2.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Option from "effect/Option"
import { toDollars } from "./CostReport.js"
import { formatExact, parseExact } from "./internal/decimal.js"

/**
 * A decimal number written out in full, e.g. `"1446.3000"` or `"-0.05"`.
 * Plain `string` at runtime; the alias documents intent.
 * @since 0.2.0
 */
export type DecimalString = string

const PLAIN = /^-?\d+(\.\d+)?$/

/**
 * Whether a value is a decimal string in the plain form this module returns
 * (`-?\d+(\.\d+)?`).
 * @since 0.2.0
 */
export const isDecimalString = (u: unknown): u is DecimalString => typeof u === "string" && PLAIN.test(u)

/**
 * Writes a `BigDecimal` out in full, keeping its scale: `1446.3000` stays
 * `"1446.3000"` (trailing zeros kept, so an amount reads back exactly as the
 * API sent it), never in exponent form.
 * @since 0.2.0
 */
export const fromBigDecimal: (value: BigDecimal.BigDecimal) => DecimalString = formatExact

/**
 * Reads a decimal string into a `BigDecimal` (exact). Throws a `TypeError`
 * for an empty or non-numeric string.
 * @since 0.2.0
 */
export const toBigDecimal = (value: DecimalString): BigDecimal.BigDecimal => {
  const parsed = typeof value === "string" ? parseExact(value) : Option.none()
  if (Option.isNone(parsed)) {
    throw new TypeError(`DecimalString: not a decimal number: ${JSON.stringify(value)}`)
  }
  return parsed.value
}

/**
 * `a + b`, exact; the result has the larger of the two scales
 * (`add("1446.3000", "1.5")` is `"1447.8000"`).
 * @since 0.2.0
 */
export const add = (a: DecimalString, b: DecimalString): DecimalString => sum([a, b])

/**
 * The exact sum of decimal strings; `"0"` for none. The result has the
 * largest scale among the inputs (at least 0): `sum(["0.10", "0.2"])` is
 * `"0.30"`.
 * @since 0.2.0
 */
export const sum = (values: Iterable<DecimalString>): DecimalString => {
  const amounts = Array.from(values, toBigDecimal)
  const scale = amounts.reduce((max, amount) => Math.max(max, amount.scale), 0)
  // BigDecimal.sum keeps the larger scale except around zero; rescaling up is exact
  return fromBigDecimal(BigDecimal.scale(BigDecimal.sumAll(amounts), scale))
}

/**
 * An amount in cents (the unit of every report amount) as dollars: the
 * decimal point moved two places left, digits kept, nothing rounded
 * (`"1446.3000"` → `"14.463000"`, `"87.5"` → `"0.875"`).
 * @since 0.2.0
 */
export const centsToDollars = (cents: DecimalString): DecimalString =>
  fromBigDecimal(toDollars(toBigDecimal(cents)))

/**
 * Rounds to `decimals` digits after the point, for display
 * (`round("14.463000", 2)` is `"14.46"`). `mode` is one of
 * `BigDecimal.RoundingMode`; default `"half-from-zero"` (0.005 → 0.01).
 * Sum first, round last: rounding each row before summing loses cents.
 * @since 0.2.0
 */
export const round = (
  value: DecimalString,
  decimals: number,
  mode: BigDecimal.RoundingMode = "half-from-zero"
): DecimalString => {
  if (!Number.isSafeInteger(decimals) || decimals < 0) {
    throw new RangeError(`DecimalString.round: decimals must be a non-negative integer, got ${decimals}`)
  }
  return fromBigDecimal(
    BigDecimal.scale(BigDecimal.round(toBigDecimal(value), { scale: decimals, mode }), decimals)
  )
}

/**
 * `-1`, `0` or `1` as `a` is less than, equal to or greater than `b`
 * (numerically: `"1.50"` equals `"1.5"`), for sorting.
 * @since 0.2.0
 */
export const compare = (a: DecimalString, b: DecimalString): -1 | 0 | 1 =>
  BigDecimal.Order(toBigDecimal(a), toBigDecimal(b))
