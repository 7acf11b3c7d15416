import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Progress from "../src/Progress.js"

const ERASE = "\r\x1b[2K"

const sink = (isTTY: boolean) => {
  const written: Array<string> = []
  return { written, isTTY, write: (text: string) => written.push(text) }
}

const exercise = Effect.gen(function* () {
  const progress = yield* Progress.Progress
  yield* progress.start("usage report")
  yield* progress.page(1234)
  yield* progress.retrying("rate limited", "7 seconds", 1)
  yield* TestClock.adjust("1 second")
  yield* progress.clear
})

describe("Progress", () => {
  it.effect("on a terminal: counts, a countdown that follows the clock, then an erased line", () =>
    Effect.gen(function* () {
      const tty = sink(true)
      yield* Effect.gen(function* () {
        const progress = yield* Progress.Progress
        yield* progress.start("usage report")
        expect(tty.written.at(-1)).toBe(`${ERASE}usage report: 0 pages, 0 rows`)
        yield* progress.page(1234)
        // Counts are drawn at most every 200 ms: the next tick shows them.
        expect(tty.written).toHaveLength(1)
        yield* TestClock.adjust("200 millis")
        expect(tty.written.at(-1)).toBe(`${ERASE}usage report: 1 page, 1,234 rows`)
        yield* progress.retrying("rate limited", "7 seconds", 1)
        expect(tty.written.at(-1)).toBe(
          `${ERASE}usage report: 1 page, 1,234 rows — rate limited — retrying in 7 s (retry 1)`
        )
        yield* TestClock.adjust("1 second")
        expect(tty.written.at(-1)).toBe(
          `${ERASE}usage report: 1 page, 1,234 rows — rate limited — retrying in 6 s (retry 1)`
        )
        yield* TestClock.adjust("6 seconds")
        expect(tty.written.at(-1)).toBe(`${ERASE}usage report: 1 page, 1,234 rows`)
        yield* TestClock.adjust("1 second")
        yield* progress.page(0)
        expect(tty.written.at(-1)).toBe(`${ERASE}usage report: 2 pages, 1,234 rows`)
        yield* progress.clear
        expect(tty.written.at(-1)).toBe(ERASE)
      }).pipe(Effect.provide(Progress.layer(false, tty)))
    })
  )

  it.effect("in a pipe: nothing at all", () =>
    Effect.gen(function* () {
      const pipe = sink(false)
      yield* exercise.pipe(Effect.provide(Progress.layer(false, pipe)))
      expect(pipe.written).toEqual([])
    })
  )

  it.effect("with --quiet on a terminal: nothing at all", () =>
    Effect.gen(function* () {
      const tty = sink(true)
      yield* exercise.pipe(Effect.provide(Progress.layer(true, tty)))
      expect(tty.written).toEqual([])
    })
  )

  it("line: the countdown rounds up and disappears once the wait is over", () => {
    const state = {
      label: "cost report",
      pages: 3,
      rows: 1,
      waiting: [{ reason: "API overloaded", until: 2_500, attempt: 2 }]
    }
    expect(Progress.line(state, 0)).toBe(
      "cost report: 3 pages, 1 row — API overloaded — retrying in 3 s (retry 2)"
    )
    expect(Progress.line(state, 2_500)).toBe("cost report: 3 pages, 1 row")
  })

  it("line: two requests waiting at once each keep their own countdown", () => {
    const state = {
      label: "usage report",
      pages: 4,
      rows: 1_204,
      waiting: [
        { reason: "rate limited", until: 7_000, attempt: 1 },
        { reason: "rate limited", until: 3_000, attempt: 2 },
        { reason: "API overloaded", until: 5_000, attempt: 1 }
      ]
    }
    expect(Progress.line(state, 0)).toBe(
      "usage report: 4 pages, 1,204 rows — rate limited — retrying in 7 s (retry 1), 3 s (retry 2); API overloaded — retrying in 5 s (retry 1)"
    )
    expect(Progress.line(state, 4_000)).toBe(
      "usage report: 4 pages, 1,204 rows — rate limited — retrying in 3 s (retry 1); API overloaded — retrying in 1 s (retry 1)"
    )
  })

  it.effect("a page arriving for one window does not erase another window's countdown", () =>
    Effect.gen(function* () {
      const tty = sink(true)
      yield* Effect.gen(function* () {
        const progress = yield* Progress.Progress
        yield* progress.start("usage report")
        yield* progress.retrying("rate limited", "7 seconds", 1)
        yield* progress.page(31)
        yield* TestClock.adjust("1 second")
        expect(tty.written.at(-1)).toBe(
          `${ERASE}usage report: 1 page, 31 rows — rate limited — retrying in 6 s (retry 1)`
        )
        yield* progress.retrying("API overloaded", "2 seconds", 3)
        yield* progress.page(10)
        yield* TestClock.adjust("1 second")
        expect(tty.written.at(-1)).toBe(
          `${ERASE}usage report: 2 pages, 41 rows — rate limited — retrying in 5 s (retry 1); API overloaded — retrying in 1 s (retry 3)`
        )
        yield* TestClock.adjust("5 seconds")
        expect(tty.written.at(-1)).toBe(`${ERASE}usage report: 2 pages, 41 rows`)
      }).pipe(Effect.provide(Progress.layer(false, tty)))
    })
  )

  it("rowsOf: the results of each bucket, or the records of a page", () => {
    expect(Progress.rowsOf({ data: [{ results: [1, 2] }, { results: [] }, { results: [3] }] })).toBe(3)
    expect(Progress.rowsOf({ data: [{ actor: {} }, { actor: {} }] })).toBe(2)
    expect(Progress.rowsOf({ type: "error" })).toBe(0)
    expect(Progress.rowsOf(null)).toBe(0)
  })
})
