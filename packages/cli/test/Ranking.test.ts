import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Either, Option } from "effect"
import type * as Output from "../src/Output.js"
import * as Ranking from "../src/Ranking.js"

interface Row {
  readonly bucket: number
  readonly name: string | null
  readonly tokens: number
  readonly cost: BigDecimal.BigDecimal
  readonly other?: number
}

const columns: ReadonlyArray<Output.Column<Row>> = [
  { name: "name", kind: "text", value: (r) => r.name, group: true },
  { name: "tokens", kind: "integer", value: (r) => r.tokens },
  { name: "cost_usd", kind: "usd", value: (r) => r.cost }
]

const d = BigDecimal.unsafeFromString
const rows: ReadonlyArray<Row> = [
  { bucket: 2, name: "b", tokens: 5, cost: d("0.1") },
  { bucket: 1, name: "a", tokens: 10, cost: d("0.3") },
  { bucket: 1, name: "b", tokens: 30, cost: d("0.1") },
  { bucket: 1, name: null, tokens: 20, cost: d("0.2") },
  { bucket: 1, name: "c", tokens: 20, cost: d("0.000001") }
]

const apply = (sort: string | undefined, top: number | undefined) =>
  Ranking.apply(rows, {
    ranking: Either.getOrThrow(
      Ranking.parse(Option.fromNullable(sort), Option.fromNullable(top), ["name", "tokens", "cost_usd"])
    ),
    columns,
    bucketOf: (r) => r.bucket,
    compare: (a, b) => (String(a.name) < String(b.name) ? -1 : 1),
    other: (rest) => ({
      ...rest[0]!,
      tokens: rest.reduce((s, r) => s + r.tokens, 0),
      cost: BigDecimal.sumAll(rest.map((r) => r.cost)),
      other: rest.length
    })
  })

describe("Ranking", () => {
  it("buckets stay in time order; numbers sort largest first, text A to Z, null last either way", () => {
    expect(apply("tokens", undefined).map((r) => [r.bucket, r.name])).toEqual([
      [1, "b"],
      [1, "c"],
      [1, null],
      [1, "a"],
      [2, "b"]
    ])
    expect(apply("tokens:asc", undefined).map((r) => r.tokens)).toEqual([10, 20, 20, 30, 5])
    expect(apply("name", undefined).map((r) => r.name)).toEqual(["a", "b", "c", null, "b"])
    expect(apply("name:desc", undefined).map((r) => r.name)).toEqual(["c", "b", "a", null, "b"])
    expect(apply("cost_usd", undefined).map((r) => r.name)).toEqual(["a", null, "b", "c", "b"])
  })

  it("--top keeps n rows per bucket and adds up the rest exactly into one other row", () => {
    const ranked = apply("cost_usd", 2)
    expect(ranked.map((r) => [r.bucket, r.name, r.other])).toEqual([
      [1, "a", undefined],
      [1, null, undefined],
      [1, "b", 2],
      [2, "b", undefined]
    ])
    const other = ranked[2]!
    expect(other.tokens).toBe(50)
    expect(BigDecimal.equals(other.cost, d("0.100001"))).toBe(true)
  })

  it("parse: unknown columns and directions are refused, naming --sort", () => {
    const bad = (sort: string) =>
      Either.match(Ranking.parse(Option.some(sort), Option.none(), ["tokens"]), {
        onLeft: (e) => e.message,
        onRight: () => "accepted"
      })
    expect(bad("cost")).toBe('--sort: unknown column "cost"; one of: tokens')
    expect(bad("tokens:up")).toContain("--sort: expected <column>, <column>:asc or <column>:desc")
    expect(bad("tokens:desc")).toBe("accepted")
  })
})
