/**
 * Money as text. Amounts stay `BigDecimal` end to end; this module only
 * turns them into strings: exact for programs, dollars to the cent with
 * thousands separators for people.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import { groupThousands } from "./Table.js"

/**
 * The exact decimal, never in exponent notation and without trailing zeros:
 * `1446.3`, `0.000123`, `1500`.
 * @since 0.1.0
 */
export const exact = (amount: BigDecimal.BigDecimal): string => {
  const n = BigDecimal.normalize(amount)
  const negative = n.value < 0n
  const digits = (negative ? -n.value : n.value).toString()
  let text: string
  if (n.scale <= 0) {
    text = digits + "0".repeat(-n.scale)
  } else if (n.scale >= digits.length) {
    text = `0.${"0".repeat(n.scale - digits.length)}${digits}`
  } else {
    text = `${digits.slice(0, digits.length - n.scale)}.${digits.slice(digits.length - n.scale)}`
  }
  return negative && text !== "0" ? `-${text}` : text
}

/**
 * The exact decimal with thousands separators in its whole part, for
 * people: `1,446.3`, `653.63839255`.
 * @since 0.2.0
 */
export const grouped = (amount: BigDecimal.BigDecimal): string => {
  const text = exact(amount)
  const [whole = "", fraction] = text.replace(/^-/, "").split(".")
  return `${text.startsWith("-") ? "-" : ""}${groupThousands(whole)}${fraction === undefined ? "" : `.${fraction}`}`
}

/**
 * Dollars for people: rounded half away from zero to the cent, with
 * thousands separators, `$1,234.57` (`-$0.25` when negative).
 * @since 0.1.0
 */
export const usd = (dollars: BigDecimal.BigDecimal): string => {
  const cents = BigDecimal.round(dollars, { scale: 2, mode: "half-from-zero" })
  const scaled = BigDecimal.scale(cents, 2)
  const negative = scaled.value < 0n
  const digits = (negative ? -scaled.value : scaled.value).toString().padStart(3, "0")
  const whole = groupThousands(digits.slice(0, -2))
  return `${negative ? "-" : ""}$${whole}.${digits.slice(-2)}`
}

/**
 * A sum that starts at zero.
 * @since 0.1.0
 */
export const sum = (amounts: Iterable<BigDecimal.BigDecimal>): BigDecimal.BigDecimal =>
  BigDecimal.sumAll(amounts)
