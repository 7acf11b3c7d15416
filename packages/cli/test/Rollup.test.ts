import { describe, expect, it } from "@effect/vitest"
import { DateTime } from "effect"
import * as Rollup from "../src/Rollup.js"

const at = (s: string) => Date.parse(`${s}T00:00:00Z`)
const range = (a: string, b: string) => ({
  start: DateTime.unsafeMake(at(a)),
  end: DateTime.unsafeMake(at(b))
})

describe("Rollup", () => {
  it("ISO weeks start on Monday (UTC), across a year's end; months on the 1st", () => {
    expect(Rollup.startOf(at("2026-11-25") + 13 * 3_600_000, "week")).toBe(at("2026-11-23"))
    expect(Rollup.startOf(at("2026-11-23"), "week")).toBe(at("2026-11-23"))
    expect(Rollup.startOf(at("2026-11-29"), "week")).toBe(at("2026-11-23"))
    expect(Rollup.startOf(at("2027-01-01"), "week")).toBe(at("2026-12-28"))
    expect(Rollup.startOf(at("2024-02-29"), "month")).toBe(at("2024-02-01"))
    expect(Rollup.next(at("2024-02-01"), "month")).toBe(at("2024-03-01"))
    expect(Rollup.next(at("2026-12-28"), "week")).toBe(at("2027-01-04"))
  })

  it("a bucket is cut to the range, and its label names the days it holds", () => {
    const october = range("2026-10-01", "2026-11-01")
    const first = Rollup.bucket(at("2026-10-02"), "week", october)
    expect(first).toEqual({ start: at("2026-10-01"), end: at("2026-10-05") })
    expect(Rollup.isWhole(first, "week")).toBe(false)
    expect(Rollup.label(first, "week")).toBe("2026-10-01 → 2026-10-04")
    const whole = Rollup.bucket(at("2026-10-07"), "week", october)
    expect(Rollup.label(whole, "week")).toBe("2026-10-05 → 2026-10-11")
    expect(Rollup.label(Rollup.bucket(at("2026-10-07"), "month", october), "month")).toBe("2026-10")
    const partial = Rollup.bucket(at("2026-11-03"), "month", range("2026-10-20", "2026-11-04"))
    expect(Rollup.label(partial, "month")).toBe("2026-11-01 → 2026-11-03")
    expect(
      Rollup.label(Rollup.bucket(at("2026-11-01"), "week", range("2026-11-01", "2026-11-02")), "week")
    ).toBe("2026-11-01")
  })

  it("cutNote: only when the first or last bucket is cut", () => {
    expect(Rollup.cutNote(range("2026-11-02", "2026-11-16"), "week")).toBeUndefined()
    expect(Rollup.cutNote(range("2026-10-01", "2026-11-01"), "week")).toContain("cuts its first or last week")
    expect(Rollup.cutNote(range("2026-10-01", "2026-11-01"), "month")).toBeUndefined()
  })
})
