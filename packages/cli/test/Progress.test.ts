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
  yield* progress.page
  yield* progress.rows(1234)
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
        yield* progress.page
        expect(tty.written.at(-1)).toBe(`${ERASE}usage report: 0 pages, 0 rows`)
        yield* progress.rows(1234)
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
        yield* progress.page
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
      retry: { reason: "API overloaded", until: 2_500, attempt: 2 }
    }
    expect(Progress.line(state, 0)).toBe(
      "cost report: 3 pages, 1 row — API overloaded — retrying in 3 s (retry 2)"
    )
    expect(Progress.line(state, 2_500)).toBe("cost report: 3 pages, 1 row")
  })
})
