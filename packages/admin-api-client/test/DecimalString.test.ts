import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, FastCheck as fc } from "effect"
import { DecimalString } from "../src/index.js"

/** A decimal string in plain form with up to 12 decimals. */
const decimalString = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
  .map(([value, scale]) => DecimalString.fromBigDecimal(BigDecimal.make(value, scale)))

/** The exact value of a plain decimal string as integer units of 10^-scale. */
const units = (text: string, scale: number): bigint => {
  const negative = text.startsWith("-")
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".")
  const n = BigInt(whole + fraction.padEnd(scale, "0"))
  return negative ? -n : n
}

describe("DecimalString", () => {
  it("writes BigDecimals out in full, keeping the scale, never in exponent form", () => {
    const cases: Array<[bigint, number, string]> = [
      [14463000n, 4, "1446.3000"],
      [-5n, 2, "-0.05"],
      [0n, 3, "0.000"],
      [0n, -2, "0"],
      [12n, -3, "12000"],
      [1n, 20, "0.00000000000000000001"],
      [123456789012345678901234567890n, 0, "123456789012345678901234567890"]
    ]
    for (const [value, scale, text] of cases) {
      expect(DecimalString.fromBigDecimal(BigDecimal.make(value, scale))).toBe(text)
    }
  })

  it("round trips: a plain decimal string reads and writes back unchanged", () => {
    fc.assert(
      fc.property(decimalString, (text) => {
        expect(DecimalString.isDecimalString(text)).toBe(true)
        expect(DecimalString.fromBigDecimal(DecimalString.toBigDecimal(text))).toBe(text)
      })
    )
  })

  it("sum is exact where floats drift: 0.1 + 0.2, and a thousand cent amounts", () => {
    expect(DecimalString.sum(["0.1", "0.2"])).toBe("0.3")
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(DecimalString.sum(["1446.3000", "0.1", "0.2"])).toBe("1446.6000")
    expect(DecimalString.sum([])).toBe("0")
    expect(DecimalString.sum(["0.10", "0.2"])).toBe("0.30")
    expect(DecimalString.sum(["0.00", "5"])).toBe("5.00")
    expect(DecimalString.add("1446.3000", "1.5")).toBe("1447.8000")
    expect(DecimalString.add("-0.05", "0.05")).toBe("0.00")
    const amounts = Array.from({ length: 1000 }, (_, i) => `${i}.${String((i * 37) % 100).padStart(2, "0")}`)
    const exact = amounts.reduce((total, a) => total + units(a, 2), 0n)
    expect(DecimalString.sum(amounts)).toBe(`${exact / 100n}.${String(exact % 100n).padStart(2, "0")}`)
  })

  it("sum equals the integer sum at the largest scale, for any inputs", () => {
    fc.assert(
      fc.property(fc.array(decimalString, { maxLength: 20 }), (values) => {
        const scale = values.reduce((max, v) => Math.max(max, v.split(".")[1]?.length ?? 0), 0)
        const total = DecimalString.sum(values)
        expect((total.split(".")[1] ?? "").length).toBe(scale)
        expect(units(total, scale)).toBe(values.reduce((sum, v) => sum + units(v, scale), 0n))
      })
    )
  })

  it("centsToDollars moves the point two places, digits kept, nothing rounded", () => {
    expect(DecimalString.centsToDollars("1446.3000")).toBe("14.463000")
    expect(DecimalString.centsToDollars("87.5")).toBe("0.875")
    expect(DecimalString.centsToDollars("5")).toBe("0.05")
    expect(DecimalString.centsToDollars("-1200")).toBe("-12.00")
    fc.assert(
      fc.property(decimalString, (cents) => {
        const dollars = DecimalString.centsToDollars(cents)
        const scale = (cents.split(".")[1]?.length ?? 0) + 2
        expect(units(dollars, scale)).toBe(units(cents, scale - 2))
      })
    )
  })

  it("round is for display, to a fixed number of decimals", () => {
    expect(DecimalString.round("14.463000", 2)).toBe("14.46")
    expect(DecimalString.round("0.005", 2)).toBe("0.01")
    expect(DecimalString.round("-0.005", 2)).toBe("-0.01")
    expect(DecimalString.round("0.005", 2, "half-even")).toBe("0.00")
    expect(DecimalString.round("14", 2)).toBe("14.00")
    expect(() => DecimalString.round("1", -1)).toThrow(RangeError)
  })

  it("compare orders numerically, whatever the scale", () => {
    expect(DecimalString.compare("1.50", "1.5")).toBe(0)
    expect(["10", "9.99", "-1", "0.001"].sort(DecimalString.compare)).toEqual(["-1", "0.001", "9.99", "10"])
  })

  it("a typo is an error, never zero", () => {
    for (const bad of ["", " ", "12,5", "abc", "1.2.3"]) {
      expect(() => DecimalString.sum(["1", bad])).toThrow(TypeError)
    }
    expect(DecimalString.isDecimalString("1e3")).toBe(false)
    expect(DecimalString.toBigDecimal("1e3")).toEqual(BigDecimal.make(1n, -3))
  })
})
