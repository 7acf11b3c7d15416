/**
 * The plan join's arithmetic and keys, on a synthetic row shape: counts join
 * as plain numbers while they are safe integers and exactly past 2^53; cent
 * amounts stay exact decimals; the join key cannot be faked by values that
 * contain its separators.
 */
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect } from "effect"
import type * as GroupByPlan from "../src/GroupByPlan.js"
import {
  type Bucketed,
  countMeasure,
  type JoinSpec,
  measureCount,
  measureDecimal,
  planJoin
} from "../src/internal/planJoin.js"

interface Row {
  readonly band: string | null
  readonly a: string | null
  readonly b: string | null
  readonly n: number
  readonly cents: BigDecimal.BigDecimal
}

const spec: JoinSpec<Row> = {
  dimensions: ["band", "a", "b"],
  dimension: (row, d) => row[d as "band" | "a" | "b"],
  label: (row, d, value) => ({ ...row, [d]: value }),
  measures: (row) => [countMeasure(row.n), row.cents],
  withMeasures: (row, m) => ({ ...row, n: measureCount(m[0] ?? null), cents: measureDecimal(m[1]!) })
}

const query = (filters: Record<string, string>): GroupByPlan.Query => ({ groupBy: ["a", "b"], filters })
const plan: GroupByPlan.Plan = {
  _tag: "FanOut",
  dimension: "band",
  filter: "band",
  branches: [
    { value: "x", plan: { _tag: "Single", query: query({ band: "x" }) } },
    { value: "y", plan: { _tag: "Single", query: query({ band: "y" }) } }
  ],
  remainder: { _tag: "Single", query: query({}) }
}

const at = DateTime.unsafeMake(Date.UTC(2026, 0, 1))
const to = DateTime.unsafeMake(Date.UTC(2026, 0, 2))
const row = (a: string | null, b: string | null, n: number, cents = "0"): Row => ({
  band: null,
  a,
  b,
  n,
  cents: BigDecimal.unsafeFromString(cents)
})

/** Runs the plan with the rows each query answers. */
const join = (answers: { x: ReadonlyArray<Row>; y: ReadonlyArray<Row>; all: ReadonlyArray<Row> }) =>
  planJoin(
    plan,
    (q) => {
      const rows = q.filters.band === "x" ? answers.x : q.filters.band === "y" ? answers.y : answers.all
      return Effect.succeed<ReadonlyArray<Bucketed<Row>>>([{ starting_at: at, ending_at: to, results: rows }])
    },
    spec,
    { endpoint: "test", concurrency: 1 }
  ).pipe(Effect.map((buckets) => buckets.flatMap((bucket) => bucket.results)))

describe("plan join", () => {
  it.effect("the remainder's excess is labelled null; counts and cents stay exact", () =>
    Effect.gen(function* () {
      const rows = yield* join({
        x: [row("k", "m", 3, "1.25")],
        y: [row("k", "m", 4, "0.5")],
        all: [row("k", "m", 10, "2.5")]
      })
      expect(rows.map((r) => [r.band, r.n, BigDecimal.format(r.cents)])).toEqual([
        ["x", 3, "1.25"],
        ["y", 4, "0.5"],
        [null, 3, "0.75"]
      ])
    })
  )

  it.effect("counts whose sum passes 2^53 are joined exactly, not rounded", () =>
    Effect.gen(function* () {
      const big = Number.MAX_SAFE_INTEGER - 1
      // x + y = 2^54 - 4, not a safe integer: summed as exact decimals. The remainder counts 2^54 + 1,
      // which a double holds as 2^54: exactly 4 more than x + y (as doubles, x + y would round to 2^54
      // and the 4 would be lost)
      const total = BigDecimal.unsafeFromString((2n * BigInt(big) + 5n).toString())
      const rows = yield* join({
        x: [row("k", "m", big)],
        y: [row("k", "m", big)],
        all: [{ ...row("k", "m", 0), n: BigDecimal.unsafeToNumber(total) }]
      })
      expect(rows.filter((r) => r.band === null).map((r) => r.n)).toEqual([4])
    })
  )

  it.effect("values that contain the key's separators do not collide", () =>
    Effect.gen(function* () {
      // ("1:a|", "b") and ("1", "a|1:b") would collide under a naive join of the values
      const rows = yield* join({
        x: [row("1:a|", "b", 1), row("1", "a|1:b", 2)],
        y: [],
        all: [row("1:a|", "b", 1), row("1", "a|1:b", 2), row(null, "null", 7), row("null", null, 9)]
      })
      expect(rows.map((r) => [r.band, r.a, r.b, r.n])).toEqual([
        ["x", "1:a|", "b", 1],
        ["x", "1", "a|1:b", 2],
        [null, null, "null", 7],
        [null, "null", null, 9]
      ])
    })
  )

  it.effect("a filtered query counting more than the remainder fails as a contract error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(join({ x: [row("k", "m", 5)], y: [], all: [row("k", "m", 4)] }))
      expect(error).toMatchObject({ _tag: "PaginationContractError" })
      expect(error.message).toContain('["k","m"]')
    })
  )
})
