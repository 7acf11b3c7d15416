import { describe, expect, it } from "@effect/vitest"
import { BigDecimal } from "effect"
import * as Money from "../src/Money.js"

const d = BigDecimal.unsafeFromString

describe("Money", () => {
  it("exact: the decimal as written, no exponent, no trailing zeros", () => {
    expect(Money.exact(d("1446.3000"))).toBe("1446.3")
    expect(Money.exact(d("1500"))).toBe("1500")
    expect(Money.exact(d("0.000000000000000001"))).toBe("0.000000000000000001")
    expect(Money.exact(d("-0.25"))).toBe("-0.25")
    expect(Money.exact(d("0"))).toBe("0")
  })

  it("usd: dollars to the cent, half away from zero, with thousands separators", () => {
    expect(Money.usd(d("14.463"))).toBe("$14.46")
    expect(Money.usd(d("0.005"))).toBe("$0.01")
    expect(Money.usd(d("0.004999"))).toBe("$0.00")
    expect(Money.usd(d("1234567.891"))).toBe("$1,234,567.89")
    expect(Money.usd(d("-1234.5"))).toBe("-$1,234.50")
  })
})
