import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as SyncWindow from "../src/SyncWindow.js"

const DAY = 86_400_000
// rawdash's getUsageWindow tests pin now = 2026-01-31T12:00Z
const NOW = Date.UTC(2026, 0, 31, 12)
const END = Date.UTC(2026, 1, 1)
const settings = { lookbackDays: 30, revisionDays: 2 }
const days = (w: SyncWindow.SyncWindow) => [w.start.epochMillis, w.end.epochMillis, w.days]
const iso = (ms: number) => new Date(ms).toISOString()

describe("SyncWindow", () => {
  it("ends at tomorrow 00:00 UTC", () => {
    expect(SyncWindow.compute({ mode: "full" }, settings, NOW).end.epochMillis).toBe(END)
    expect(SyncWindow.compute({ mode: "full" }, settings, END - 1).end.epochMillis).toBe(END)
    expect(SyncWindow.compute({ mode: "full" }, settings, END).end.epochMillis).toBe(END + DAY)
  })

  it("14. full covers lookbackDays", () => {
    expect(days(SyncWindow.compute({ mode: "full" }, settings, NOW))).toEqual([END - 30 * DAY, END, 30])
  })

  it("15. latest covers the trailing revisionDays", () => {
    expect(days(SyncWindow.compute({ mode: "latest" }, settings, NOW))).toEqual([END - 2 * DAY, END, 2])
    expect(SyncWindow.compute({ mode: "latest", since: iso(NOW - 60_000) }, settings, NOW).days).toBe(2)
    expect(SyncWindow.compute({ mode: "latest" }, { lookbackDays: 30, revisionDays: 5 }, NOW).days).toBe(5)
  })

  it("16. full with since = now - 1000d is capped at lookbackDays", () => {
    expect(SyncWindow.compute({ mode: "full", since: iso(NOW - 1000 * DAY) }, settings, NOW).days).toBe(30)
  })

  it("full from since: starts at since's UTC day, with no drift day (rawdash gives 5 days for a 1d widget)", () => {
    // the engine's since for a 1d widget: now - 1d - 1d
    const w = SyncWindow.compute({ mode: "full", since: iso(NOW - 2 * DAY) }, settings, NOW)
    expect(days(w)).toEqual([END - 3 * DAY, END, 3])
  })

  it("full is never narrower than latest", () => {
    expect(SyncWindow.compute({ mode: "full", since: iso(NOW - 1000) }, settings, NOW).days).toBe(2)
  })

  it("latest reaches back to since after downtime (no gap), capped at lookbackDays", () => {
    expect(SyncWindow.compute({ mode: "latest", since: iso(NOW - 6 * DAY) }, settings, NOW).days).toBe(7)
    expect(SyncWindow.compute({ mode: "latest", since: iso(NOW - 400 * DAY) }, settings, NOW).days).toBe(30)
  })

  it("an unparseable or future since is ignored / clamped to now", () => {
    expect(SyncWindow.compute({ mode: "full", since: "yesterday" }, settings, NOW).days).toBe(30)
    expect(SyncWindow.compute({ mode: "latest", since: "nope" }, settings, NOW).days).toBe(2)
    expect(SyncWindow.compute({ mode: "latest", since: iso(NOW + 9 * DAY) }, settings, NOW).days).toBe(2)
  })

  it("revisionDays above lookbackDays is capped", () => {
    expect(SyncWindow.compute({ mode: "latest" }, { lookbackDays: 3, revisionDays: 10 }, NOW).days).toBe(3)
  })

  it.effect("17. current reads Clock; edges are whole UTC days", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const w = yield* SyncWindow.current({ mode: "full" }, settings)
      expect(iso(w.start.epochMillis)).toBe("2026-01-02T00:00:00.000Z")
      expect(iso(w.end.epochMillis)).toBe("2026-02-01T00:00:00.000Z")
    })
  )
})
