import { describe, expect, it } from "@effect/vitest"
import { DateTime, Either, Option } from "effect"
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
})
