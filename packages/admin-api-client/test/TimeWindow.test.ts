import { describe, expect, it } from "@effect/vitest"
import { DateTime, FastCheck as fc } from "effect"
import { TimeWindow } from "../src/index.js"

const MAR1 = Date.UTC(2026, 2, 1)
const DAY = 86_400_000
const width = fc.constantFrom<TimeWindow.BucketWidth>("1m", "1h", "1d")

describe("TimeWindow.split", () => {
  it("70 days by 31: 31 + 31 + 8 days", () => {
    const windows = TimeWindow.split({
      start: DateTime.unsafeMake(MAR1),
      end: DateTime.unsafeMake(MAR1 + 70 * DAY),
      bucketWidth: "1d",
      maxBuckets: 31
    })
    expect(
      windows.map((w) => [(w.start.epochMillis - MAR1) / DAY, (w.end.epochMillis - MAR1) / DAY])
    ).toEqual([
      [0, 31],
      [31, 62],
      [62, 70]
    ])
  })

  it("an unaligned start: the first window is shortened so later edges fall on bucket edges", () => {
    const start = MAR1 + 10.5 * 3_600_000
    const windows = TimeWindow.split({
      start: DateTime.unsafeMake(start),
      end: DateTime.unsafeMake(MAR1 + 3 * DAY),
      bucketWidth: "1d",
      maxBuckets: 1
    })
    expect(windows.map((w) => [w.start.epochMillis, w.end.epochMillis])).toEqual([
      [start, MAR1 + DAY],
      [MAR1 + DAY, MAR1 + 2 * DAY],
      [MAR1 + 2 * DAY, MAR1 + 3 * DAY]
    ])
  })

  it("an empty or reversed range has no windows; maxBuckets must be a positive integer", () => {
    const at = DateTime.unsafeMake(MAR1)
    expect(TimeWindow.split({ start: at, end: at, bucketWidth: "1h", maxBuckets: 5 })).toEqual([])
    expect(
      TimeWindow.split({ start: DateTime.unsafeMake(MAR1 + DAY), end: at, bucketWidth: "1h", maxBuckets: 5 })
    ).toEqual([])
    expect(() => TimeWindow.split({ start: at, end: at, bucketWidth: "1h", maxBuckets: 0 })).toThrow(
      RangeError
    )
  })

  it.prop(
    "covers any range exactly: no gap, no overlap, each window within its limit, inner edges aligned",
    {
      start: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      // up to 3,000 buckets long, ending anywhere inside a bucket
      buckets: fc.integer({ min: 0, max: 3_000 }),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      width,
      maxBuckets: fc.integer({ min: 1, max: 1_500 })
    },
    ({ buckets, fraction, maxBuckets, start, width }) => {
      const end = start + Math.max(1, Math.round((buckets + fraction) * TimeWindow.BUCKET_MILLIS[width]))
      const windows = TimeWindow.split({
        start: DateTime.unsafeMake(start),
        end: DateTime.unsafeMake(end),
        bucketWidth: width,
        maxBuckets
      })
      const bucket = TimeWindow.BUCKET_MILLIS[width]
      expect(windows[0]!.start.epochMillis).toBe(start)
      expect(windows.at(-1)!.end.epochMillis).toBe(end)
      windows.forEach((w, i) => {
        expect(w.end.epochMillis).toBeGreaterThan(w.start.epochMillis)
        expect(TimeWindow.bucketCount(w, width)).toBeLessThanOrEqual(maxBuckets)
        if (i > 0) {
          expect(w.start.epochMillis).toBe(windows[i - 1]!.end.epochMillis)
          expect(w.start.epochMillis % bucket).toBe(0)
        }
      })
      // as few windows as the limit allows
      const totalBuckets = Math.ceil(end / bucket) - Math.floor(start / bucket)
      expect(windows.length).toBe(Math.ceil(totalBuckets / maxBuckets))
    },
    { fastCheck: { numRuns: 500 } }
  )
})

describe("TimeWindow.align (the rule for unaligned ranges, reference §10.2)", () => {
  it.prop(
    "covers the range with the fewest whole buckets: edges aligned, start floored, end rounded up",
    {
      start: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      length: fc.integer({ min: 1, max: 90 * 86_400_000 }),
      width: fc.constantFrom("1m" as const, "1h" as const, "1d" as const)
    },
    ({ length, start, width }) => {
      const bucket = TimeWindow.BUCKET_MILLIS[width]
      const aligned = TimeWindow.align(
        { start: DateTime.unsafeMake(start), end: DateTime.unsafeMake(start + length) },
        width
      )
      expect(aligned.start.epochMillis % bucket).toBe(0)
      expect(aligned.end.epochMillis % bucket).toBe(0)
      expect(aligned.start.epochMillis).toBeLessThanOrEqual(start)
      expect(start - aligned.start.epochMillis).toBeLessThan(bucket)
      expect(aligned.end.epochMillis).toBeGreaterThanOrEqual(start + length)
      expect(aligned.end.epochMillis - (start + length)).toBeLessThan(bucket)
    },
    { fastCheck: { numRuns: 300 } }
  )

  it("a range inside one day is that whole day; an end at midnight stays", () => {
    const day = Date.UTC(2026, 10, 29)
    const inside = TimeWindow.align(
      { start: DateTime.unsafeMake(day), end: DateTime.unsafeMake(day + 86_399_000) },
      "1d"
    )
    expect([inside.start.epochMillis, inside.end.epochMillis]).toEqual([day, day + 86_400_000])
    const whole = TimeWindow.align(
      { start: DateTime.unsafeMake(day), end: DateTime.unsafeMake(day + 86_400_000) },
      "1d"
    )
    expect(whole.end.epochMillis).toBe(day + 86_400_000)
  })
})
