/**
 * The window grid, what the cursor keeps of it, and which finished windows
 * are merged into one write.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Grid from "../src/internal/grid.js"
import * as SyncCursor from "../src/SyncCursor.js"
import { FastCheck as fc, Schema } from "effect"

const DAY = 86_400_000
const START = Date.UTC(2026, 0, 1)

describe("grid", () => {
  it("cuts a window into windows of `limit` days anchored at its start, the last one shorter", () => {
    expect(Grid.grid({ start: START, end: START + 30 * DAY }, 7)).toEqual([
      { index: 1, start: START, end: START + 7 * DAY },
      { index: 2, start: START + 7 * DAY, end: START + 14 * DAY },
      { index: 3, start: START + 14 * DAY, end: START + 21 * DAY },
      { index: 4, start: START + 21 * DAY, end: START + 28 * DAY },
      { index: 5, start: START + 28 * DAY, end: START + 30 * DAY }
    ])
    expect(Grid.grid({ start: START, end: START }, 7)).toEqual([])
  })

  it("a state and the windows it says are written agree both ways, for any set of written windows", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 180 }),
        fc.integer({ min: 1, max: 31 }),
        fc.array(fc.boolean(), { maxLength: 180 }),
        (days, limit, flags) => {
          const slots = Grid.grid({ start: START, end: START + days * DAY }, limit)
          const written = new Set(slots.filter((_, i) => flags[i] === true).map((s) => s.start))
          const state = Grid.stateOf(slots, written)
          // the state is a valid cursor phase state
          expect(Schema.is(SyncCursor.PhaseState)(state)).toBe(true)
          if (state.status === "done") {
            expect(written.size).toBe(slots.length)
          } else {
            expect(Grid.writtenIn(slots, state)).toEqual(written)
            expect(state.finished === undefined || state.finished.length > 0).toBe(true)
          }
        }
      )
    )
  })

  it("a cursor from before `finished` (only `from`) means every window before `from` is written", () => {
    const slots = Grid.grid({ start: START, end: START + 30 * DAY }, 7)
    expect([...Grid.writtenIn(slots, { status: "pending", page: null, from: START + 14 * DAY })]).toEqual([
      START,
      START + 7 * DAY
    ])
    // a `from` inside a window: that window is fetched again whole
    expect([...Grid.writtenIn(slots, { status: "pending", page: null, from: START + 10 * DAY })]).toEqual([
      START
    ])
  })

  it("merges neighbours only, in order, up to the sample cap; a window over the cap goes alone", () => {
    const slots = Grid.grid({ start: START, end: START + 35 * DAY }, 7)
    const item = (i: number, n: number) => ({ slot: slots[i]!, samples: Array(n).fill(0) })
    const runs = (items: ReadonlyArray<ReturnType<typeof item>>, cap: number) =>
      Grid.mergeRuns(items, cap).map((run) => run.map((x) => x.slot.index))
    // 1, 2 and 4, 5 are neighbours; 3 is missing
    expect(runs([item(4, 1), item(0, 1), item(3, 1), item(1, 1)], 100)).toEqual([
      [1, 2],
      [4, 5]
    ])
    // the cap splits a run
    expect(runs([item(0, 60), item(1, 30), item(2, 20)], 100)).toEqual([[1, 2], [3]])
    expect(runs([item(0, 150), item(1, 1)], 100)).toEqual([[1], [2]])
    expect(Grid.MAX_MERGED_SAMPLES).toBe(50_000)
  })
})

describe("grid: cursor states", () => {
  const slots = Grid.grid({ start: START, end: START + 30 * DAY }, 7)
  it("what stateOf makes is always valid for its grid", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (flags) => {
        const written = new Set(slots.filter((_, i) => flags[i]).map((s) => s.start))
        expect(Grid.invalid(slots, Grid.stateOf(slots, written))).toBeUndefined()
      })
    )
  })

  it.each([
    ["from at the end", { from: START + 30 * DAY }],
    ["from past any date", { from: 1e300 }],
    ["from inside a window", { from: START + DAY }],
    ["finished holding from", { from: START, finished: [START] }],
    ["finished unsorted", { from: START, finished: [START + 21 * DAY, START + 14 * DAY] }],
    ["finished repeated", { from: START, finished: [START + 7 * DAY, START + 7 * DAY] }],
    ["finished off the grid", { from: START, finished: [START + 8 * DAY] }]
  ])("%s is invalid", (_, state) => {
    expect(Grid.invalid(slots, { status: "pending", page: null, ...state })).toBeTypeOf("string")
  })
})
