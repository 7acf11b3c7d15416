import { describe, expect, it } from "@effect/vitest"
import { DateTime, Either, FastCheck as fc, Option } from "effect"
import * as TimeRange from "../src/TimeRange.js"

const NOW = Date.parse("2026-03-15T10:37:12Z")
const none = Option.none<string>()
const some = Option.some

const resolve = (input: Partial<TimeRange.Input>) =>
  TimeRange.resolve({ start: none, end: none, last: none, ...input }, NOW)

const edges = (input: Partial<TimeRange.Input>) => {
  const range = Either.getOrThrow(resolve(input))
  return [DateTime.formatIso(range.start), DateTime.formatIso(range.end), range.unit]
}

const flagOf = (input: Partial<TimeRange.Input>) =>
  Either.match(resolve(input), { onLeft: (e) => e.flag, onRight: () => "ok" })

describe("TimeRange.resolve", () => {
  it("a --start in the future without --end blames --start (the --end was never typed); with one, --end", () => {
    const future = resolve({ start: some("2026-03-20") })
    expect(Either.isLeft(future) && future.left.flag).toBe("--start")
    expect(Either.isLeft(future) && future.left.message).toBe(
      "--start: 2026-03-20 is in the future: without --end the range runs to the end of today (2026-03-15), so it would be empty; give a --start up to today, or an --end after it"
    )
    expect(flagOf({ start: some("2026-03-20"), end: some("2026-03-19") })).toBe("--end")
    expect(flagOf({ start: some("2026-03-20"), end: some("2026-03-21") })).toBe("ok")
  })

  it("defaults to the 7 UTC days ending with today", () => {
    expect(edges({})).toEqual(["2026-03-09T00:00:00.000Z", "2026-03-16T00:00:00.000Z", "d"])
  })

  it("--last counts whole days, hours or minutes ending with the current one; weeks are 7 days", () => {
    expect(edges({ last: some("30d") })).toEqual([
      "2026-02-14T00:00:00.000Z",
      "2026-03-16T00:00:00.000Z",
      "d"
    ])
    expect(edges({ last: some("24h") })).toEqual([
      "2026-03-14T11:00:00.000Z",
      "2026-03-15T11:00:00.000Z",
      "h"
    ])
    expect(edges({ last: some("90m") })).toEqual([
      "2026-03-15T09:08:00.000Z",
      "2026-03-15T10:38:00.000Z",
      "m"
    ])
    expect(edges({ last: some("2w") })).toEqual(["2026-03-02T00:00:00.000Z", "2026-03-16T00:00:00.000Z", "d"])
  })

  it("a date --end is included; an RFC 3339 --end is exclusive", () => {
    expect(edges({ start: some("2026-03-01"), end: some("2026-03-31") })).toEqual([
      "2026-03-01T00:00:00.000Z",
      "2026-04-01T00:00:00.000Z",
      "d"
    ])
    expect(edges({ start: some("2026-03-01T06:00:00+02:00"), end: some("2026-03-02T00:00:00Z") })).toEqual([
      "2026-03-01T04:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
      "h"
    ])
  })

  it("--start alone runs to the end of today", () => {
    expect(edges({ start: some("2026-03-10") })).toEqual([
      "2026-03-10T00:00:00.000Z",
      "2026-03-16T00:00:00.000Z",
      "d"
    ])
  })

  it("names the flag at fault", () => {
    expect(flagOf({ last: some("3x") })).toBe("--last")
    expect(flagOf({ last: some("0d") })).toBe("--last")
    expect(flagOf({ last: some("7d"), start: some("2026-03-01") })).toBe("--last")
    expect(flagOf({ end: some("2026-03-01") })).toBe("--start")
    expect(flagOf({ start: some("2026-02-30") })).toBe("--start")
    expect(flagOf({ start: some("2026-03-01T10:00:00") })).toBe("--start")
    expect(flagOf({ start: some("2026-03-01"), end: some("March") })).toBe("--end")
    expect(flagOf({ start: some("2026-03-05"), end: some("2026-03-04") })).toBe("--end")
    expect(flagOf({ start: some("2026-03-05"), end: some("2026-03-05") })).toBe("ok")
  })

  it("labels day ranges with the last day included", () => {
    const range = Either.getOrThrow(resolve({ start: some("2026-03-01"), end: some("2026-03-31") }))
    expect(TimeRange.label(range)).toBe("2026-03-01 → 2026-03-31 (31 days)")
    expect(TimeRange.label(Either.getOrThrow(resolve({ last: some("24h") })))).toBe(
      "2026-03-14 11:00 → 2026-03-15 11:00 UTC"
    )
  })

  it("covered: a daily report covers the whole UTC days the range touches, and says so", () => {
    const last24h = Either.getOrThrow(resolve({ last: some("24h") }))
    const days = TimeRange.covered(last24h, "1d")
    expect([DateTime.formatIso(days.start), DateTime.formatIso(days.end), days.unit]).toEqual([
      "2026-03-14T00:00:00.000Z",
      "2026-03-16T00:00:00.000Z",
      "d"
    ])
    expect(TimeRange.label(days)).toBe("2026-03-14 → 2026-03-15 (2 days)")
    expect(TimeRange.coveredNote(last24h, "1d")).toBe(
      "The report has daily buckets: the range asked for, 2026-03-14 11:00 → 2026-03-15 11:00 UTC, touches 2 UTC days, and they are counted whole."
    )
    // Hourly buckets cover --last 24h exactly: nothing to say.
    expect(TimeRange.covered(last24h, "1h")).toEqual(last24h)
    expect(TimeRange.coveredNote(last24h, "1h")).toBeUndefined()
    // Whole days stay as they are.
    const march = Either.getOrThrow(resolve({ start: some("2026-03-01"), end: some("2026-03-31") }))
    expect(TimeRange.covered(march, "1d")).toEqual(march)
    expect(TimeRange.coveredNote(march, "1d")).toBeUndefined()
    // One day touched: the note is in the singular.
    const lastHour = Either.getOrThrow(resolve({ last: some("1h") }))
    expect(TimeRange.coveredNote(lastHour, "1d")).toBe(
      "The report has daily buckets: the range asked for, 2026-03-15 10:00 → 2026-03-15 11:00 UTC, touches 1 UTC day, and it is counted whole."
    )
    // An instant range inside one day is that day.
    const inside = Either.getOrThrow(
      resolve({ start: some("2026-03-02T00:00:00Z"), end: some("2026-03-02T23:59:59Z") })
    )
    expect(TimeRange.label(TimeRange.covered(inside, "1d"))).toBe("2026-03-02 (1 day)")
  })
})

describe("impossible dates and times are refused, naming the flag", () => {
  const reasonOf = (input: Partial<TimeRange.Input>) =>
    Either.match(resolve(input), { onLeft: (e) => e.message, onRight: () => "ok" })

  it.each([
    {
      flag: "--start",
      start: "2026-02-30",
      end: "",
      reason: "there is no February 30 in 2026 (February has 28 days)"
    },
    { flag: "--start", start: "2026-02-29", end: "", reason: "February has 28 days" },
    { flag: "--start", start: "2026-04-31", end: "", reason: "April has 30 days" },
    { flag: "--start", start: "2026-13-01", end: "", reason: "there is no month 13" },
    { flag: "--start", start: "2026-00-10", end: "", reason: "there is no month 00" },
    { flag: "--start", start: "2026-03-00", end: "", reason: "there is no March 0" },
    { flag: "--end", start: "2026-02-01", end: "2026-02-30", reason: "no February 30" },
    { flag: "--start", start: "2026-02-30T10:00:00Z", end: "", reason: "no February 30" },
    { flag: "--start", start: "2026-03-01T24:00:00Z", end: "", reason: "24:00 is not accepted" },
    { flag: "--end", start: "2026-03-01", end: "2026-03-01T24:00Z", reason: "24:00 is not accepted" },
    { flag: "--start", start: "2026-03-01T23:60:00Z", end: "", reason: "there is no minute 60" },
    { flag: "--start", start: "2026-03-01T23:59:60Z", end: "", reason: "there is no second 60" },
    { flag: "--start", start: "2026-03-01T25:00:00Z", end: "", reason: "there is no hour 25" },
    { flag: "--start", start: "2026-03-01T10:00:00+24:00", end: "", reason: "there is no UTC offset +24:00" }
  ])("--start $start --end $end: $flag, $reason", ({ end, flag, reason, start }) => {
    const message = reasonOf({ start: some(start), end: end === "" ? none : some(end) })
    expect(message.startsWith(`${flag}: `)).toBe(true)
    expect(message).toContain(reason)
  })

  it("real dates, leap days and offsets pass", () => {
    expect(flagOf({ start: some("2028-02-29"), end: some("2028-02-29") })).toBe("ok")
    expect(flagOf({ start: some("2024-02-29"), end: some("2024-03-01") })).toBe("ok")
    expect(flagOf({ start: some("2026-03-01T23:59:59.999Z") })).toBe("ok")
    expect(edges({ start: some("2026-03-01T00:00:00-05:30"), end: some("2026-03-02") })).toEqual([
      "2026-03-01T05:30:00.000Z",
      "2026-03-03T00:00:00.000Z",
      "m"
    ])
  })
})

describe("--last has a range: 1 up to five years", () => {
  it.each(["100000d", "99999999999h", "0d", "0m", "1e3d", "1827d", "261w", "43825h", "2629441m", "-1d", "7"])(
    "%s exits with --last and the allowed range",
    (value) => {
      const result = resolve({ last: some(value) })
      expect(Either.isLeft(result)).toBe(true)
      const message = Either.match(result, { onLeft: (e) => e.message, onRight: () => "" })
      expect(message.startsWith("--last: ")).toBe(true)
      expect(message).toContain("from 1 to 1826d (5 years), 260w, 43824h or 2629440m")
    }
  )

  it("the maximum in each unit is accepted and gives valid dates", () => {
    for (const value of ["1826d", "260w", "43824h", "2629440m"]) {
      const range = Either.getOrThrow(resolve({ last: some(value) }))
      expect(Number.isFinite(range.start.epochMillis)).toBe(true)
      expect(range.end.epochMillis - range.start.epochMillis).toBeLessThanOrEqual(
        TimeRange.MAX_LAST_DAYS * 86_400_000
      )
    }
  })
})

describe("TimeRange periods", () => {
  // Wednesday 2026-11-25, 15:00 UTC.
  const now = Date.parse("2026-11-25T15:00:00Z")
  const resolved = (period: TimeRange.Period) =>
    Either.map(
      TimeRange.resolve(
        { start: Option.none(), end: Option.none(), last: Option.none(), period: Option.some(period) },
        now
      ),
      (r) => `${TimeRange.label(r)}`
    )
  it("are whole UTC days: ISO weeks from Monday, this-… to the end of today", () => {
    expect(resolved("today")).toEqual(Either.right("2026-11-25 (1 day, today)"))
    expect(resolved("yesterday")).toEqual(Either.right("2026-11-24 (1 day, yesterday)"))
    expect(resolved("this-week")).toEqual(Either.right("2026-11-23 → 2026-11-25 (3 days, this week)"))
    expect(resolved("week-to-date")).toEqual(Either.right("2026-11-23 → 2026-11-25 (3 days, week to date)"))
    expect(resolved("last-week")).toEqual(Either.right("2026-11-16 → 2026-11-22 (7 days, last week)"))
    expect(resolved("this-month")).toEqual(Either.right("2026-11-01 → 2026-11-25 (25 days, this month)"))
    expect(resolved("month-to-date")).toEqual(
      Either.right("2026-11-01 → 2026-11-25 (25 days, month to date)")
    )
    expect(resolved("last-month")).toEqual(Either.right("2026-10-01 → 2026-10-31 (31 days, last month)"))
    expect(resolved("this-quarter")).toEqual(Either.right("2026-10-01 → 2026-11-25 (56 days, this quarter)"))
    expect(resolved("last-quarter")).toEqual(Either.right("2026-07-01 → 2026-09-30 (92 days, last quarter)"))
    expect(resolved("this-year")).toEqual(Either.right("2026-01-01 → 2026-11-25 (329 days, this year)"))
    expect(resolved("last-year")).toEqual(Either.right("2025-01-01 → 2025-12-31 (365 days, last year)"))
  })

  it("across a year's start: last month of January is December, last week of 2027-01-01 ends in 2026", () => {
    const jan = Date.parse("2027-01-01T08:00:00Z")
    const at = (period: TimeRange.Period) =>
      Either.map(
        TimeRange.resolve(
          { start: Option.none(), end: Option.none(), last: Option.none(), period: Option.some(period) },
          jan
        ),
        TimeRange.label
      )
    expect(at("last-month")).toEqual(Either.right("2026-12-01 → 2026-12-31 (31 days, last month)"))
    expect(at("this-week")).toEqual(Either.right("2026-12-28 → 2027-01-01 (5 days, this week)"))
    expect(at("last-quarter")).toEqual(Either.right("2026-10-01 → 2026-12-31 (92 days, last quarter)"))
  })

  it("--start/--end take today and yesterday; --period excludes the other range flags", () => {
    const r = TimeRange.resolve(
      { start: Option.some("yesterday"), end: Option.some("today"), last: Option.none() },
      now
    )
    expect(Either.map(r, TimeRange.label)).toEqual(Either.right("2026-11-24 → 2026-11-25 (2 days)"))
    const both = TimeRange.resolve(
      {
        start: Option.some("2026-11-01"),
        end: Option.none(),
        last: Option.none(),
        period: Option.some("today")
      },
      now
    )
    expect(Either.isLeft(both) && both.left.message).toBe(
      "--period: use either --period or --start, not both"
    )
  })
})

describe("bad input, as properties (no request is ever built from it)", () => {
  it.prop(
    "any --last that is not a count within five years and a unit d/w/h/m is refused naming --last",
    [fc.string({ maxLength: 12 })],
    ([value]) => {
      const valid = /^\s*(\d+)\s*([dwhm])\s*$/.exec(value)
      const outcome = TimeRange.parseLast(value)
      if (valid === null) expect(Either.isLeft(outcome) && outcome.left.flag).toBe("--last")
    },
    { fastCheck: { numRuns: 500 } }
  )

  it.prop(
    "a count beyond five years in any unit is refused naming --last, a count within is accepted",
    [fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom("d", "w", "h", "m")],
    ([count, unit]) => {
      const perDay = { d: 1, w: 1 / 7, h: 24, m: 1440 }[unit]!
      const within = count <= Math.floor(TimeRange.MAX_LAST_DAYS * perDay)
      const outcome = TimeRange.parseLast(`${count}${unit}`)
      expect(Either.isRight(outcome)).toBe(within)
      if (!within) expect(Either.isLeft(outcome) && outcome.left.flag).toBe("--last")
    },
    { fastCheck: { numRuns: 500 } }
  )

  it.prop(
    "an impossible calendar date in --start is refused naming --start, never moved to another day",
    [fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 35 })],
    ([year, month, day]) => {
      const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
      const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day
      const outcome = resolve({ start: some(text), end: some(text) })
      if (!real) expect(Either.isLeft(outcome) && outcome.left.flag).toBe("--start")
      else expect(Either.isRight(outcome)).toBe(true)
    },
    { fastCheck: { numRuns: 300 } }
  )
})
