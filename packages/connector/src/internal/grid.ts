/**
 * The window grid of a phase: the sync window cut into windows of `limit`
 * whole UTC days anchored at its start (the last one shorter), which are
 * fetched concurrently and written as they finish. What the cursor keeps of
 * it (`from` and `finished`, see `SyncCursor.PhaseState`), and which finished
 * windows are written together.
 */
import type { PhaseState } from "../SyncCursor.js"
import { DAY_MILLIS } from "../SyncWindow.js"

/** One window of the grid: `[start, end)` in ms (UTC day edges); `index` counts from 1. */
export interface Slot {
  readonly index: number
  readonly start: number
  readonly end: number
}

/** The grid of `[start, end)` in windows of `limit` days. */
export const grid = (
  bounds: { readonly start: number; readonly end: number },
  limit: number
): ReadonlyArray<Slot> => {
  const slots: Array<Slot> = []
  for (let start = bounds.start; start < bounds.end; start += limit * DAY_MILLIS) {
    slots.push({ index: slots.length + 1, start, end: Math.min(bounds.end, start + limit * DAY_MILLIS) })
  }
  return slots
}

/**
 * Why a phase state could not have been made for this grid, or `undefined`
 * when it could: a pending `from` must be a window's start (so before the
 * end), and `finished` the starts of windows after it, ascending, each once.
 */
export const invalid = (slots: ReadonlyArray<Slot>, state: PhaseState): string | undefined => {
  if (state.status === "done") return undefined
  const starts = new Set(slots.map((slot) => slot.start))
  if (!starts.has(state.from)) {
    const at = Math.abs(state.from) <= 8.64e15 ? new Date(state.from).toISOString() : String(state.from)
    return `from (${at}) is not the start of a window of this sync's window`
  }
  let previous = state.from
  for (const start of state.finished ?? []) {
    if (!starts.has(start) || start <= previous) {
      return "finished must list starts of windows after from, ascending, each once"
    }
    previous = start
  }
  return undefined
}

/**
 * The starts of the windows a pending state says are written: every window
 * that ends by `from`, and those of `finished` that are on the grid.
 */
export const writtenIn = (
  slots: ReadonlyArray<Slot>,
  state: Extract<PhaseState, { status: "pending" }>
): Set<number> => {
  const finished = new Set(state.finished ?? [])
  return new Set(
    slots.filter((slot) => slot.end <= state.from || finished.has(slot.start)).map((s) => s.start)
  )
}

/**
 * The state of a phase whose written windows are `written`: done when all
 * are, else `from` = the first window not written and `finished` = the
 * written ones after it (omitted when none).
 */
export const stateOf = (slots: ReadonlyArray<Slot>, written: ReadonlySet<number>): PhaseState => {
  const open = slots.find((slot) => !written.has(slot.start))
  if (open === undefined) return { status: "done" }
  const finished = slots
    .filter((slot) => slot.start > open.start && written.has(slot.start))
    .map((s) => s.start)
  return finished.length === 0
    ? { status: "pending", page: null, from: open.start }
    : { status: "pending", page: null, from: open.start, finished }
}

/**
 * Most samples one merged write carries. A storage may spread a batch into
 * one call's arguments (`rows.push(...samples)`), which overflows Node's
 * default stack somewhere past 100,000 of them; a window bigger than this is
 * still written, alone.
 */
export const MAX_MERGED_SAMPLES = 50_000

/**
 * Groups finished windows (any order) into runs of neighbours (each ending
 * where the next starts) of at most {@link MAX_MERGED_SAMPLES} samples in
 * all, so each run is one write replacing exactly its days.
 */
export const mergeRuns = <A extends { readonly slot: Slot; readonly samples: ReadonlyArray<unknown> }>(
  finished: Iterable<A>,
  maxSamples: number = MAX_MERGED_SAMPLES
): Array<Array<A>> => {
  const runs: Array<Array<A>> = []
  let run: Array<A> = []
  let size = 0
  for (const item of [...finished].sort((a, b) => a.slot.start - b.slot.start)) {
    const last = run[run.length - 1]
    if (
      last !== undefined &&
      (last.slot.end !== item.slot.start || size + item.samples.length > maxSamples)
    ) {
      runs.push(run)
      run = []
      size = 0
    }
    run.push(item)
    size += item.samples.length
  }
  if (run.length > 0) runs.push(run)
  return runs
}
