import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, DateTime } from "effect"
import * as Output from "../src/Output.js"

interface Row {
  readonly day: number
  readonly name: string | null
  readonly tokens: number
  readonly cost: string
}

const output: Output.Output<Row> = {
  title: "Title",
  columns: [
    { name: "starting_at", header: "day", kind: "instant", value: (r) => DateTime.unsafeMake(r.day) },
    { name: "name", kind: "text", value: (r) => r.name },
    { name: "tokens", kind: "integer", value: (r) => r.tokens, total: true },
    { name: "cost_cents", kind: "decimal", value: (r) => BigDecimal.unsafeFromString(r.cost), table: false },
    {
      name: "cost_usd",
      header: "cost",
      kind: "usd",
      value: (r) => BigDecimal.unsafeDivide(BigDecimal.unsafeFromString(r.cost), BigDecimal.fromNumber(100)),
      total: true
    },
    { name: "attributes", kind: "json", value: (r) => ({ model: r.name }), table: false }
  ],
  rows: [
    { day: Date.parse("2026-03-01T00:00:00Z"), name: 'a, "quoted"', tokens: 1234567, cost: "1446.3000" },
    { day: Date.parse("2026-03-01T13:00:00Z"), name: null, tokens: 5, cost: "0.5" }
  ],
  notes: ["a note"],
  empty: "nothing"
}

describe("Output.render", () => {
  it("json: one object per row, stable names, exact money strings, ISO instants", () => {
    expect(JSON.parse(Output.render("json", output))).toEqual([
      {
        starting_at: "2026-03-01T00:00:00Z",
        name: 'a, "quoted"',
        tokens: 1234567,
        cost_cents: "1446.3",
        cost_usd: "14.463",
        attributes: { model: 'a, "quoted"' }
      },
      {
        starting_at: "2026-03-01T13:00:00Z",
        name: null,
        tokens: 5,
        cost_cents: "0.5",
        cost_usd: "0.005",
        attributes: { model: null }
      }
    ])
  })

  it("ndjson: the same objects, one per line", () => {
    const lines = Output.render("ndjson", output).split("\n")
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe("")
    expect(lines.slice(0, 2).map((l) => JSON.parse(l))).toEqual(JSON.parse(Output.render("json", output)))
  })

  it("csv: a header, RFC 4180 quoting, empty for null, JSON for objects", () => {
    expect(Output.render("csv", output)).toBe(
      [
        "starting_at,name,tokens,cost_cents,cost_usd,attributes",
        '2026-03-01T00:00:00Z,"a, ""quoted""",1234567,1446.3,14.463,"{""model"":""a, \\""quoted\\""""}"',
        '2026-03-01T13:00:00Z,,5,0.5,0.005,"{""model"":null}"',
        ""
      ].join("\n")
    )
  })

  it("table: title, aligned columns, separators, dollars to the cent, totals, notes", () => {
    expect(Output.render("table", output)).toBe(
      [
        "Title",
        "",
        "day               name            tokens    cost",
        "────────────────  ───────────  ─────────  ──────",
        '2026-03-01        a, "quoted"  1,234,567  $14.46',
        "2026-03-01 13:00                       5   $0.01",
        "────────────────  ───────────  ─────────  ──────",
        "total                          1,234,572  $14.47",
        "",
        "a note",
        ""
      ].join("\n")
    )
  })

  it("table: the empty message instead of an empty table", () => {
    expect(Output.render("table", { ...output, rows: [] })).toBe("Title\n\nnothing\n")
    expect(Output.render("json", { ...output, rows: [] })).toBe("[]\n")
    expect(Output.render("csv", { ...output, rows: [] })).toBe(
      "starting_at,name,tokens,cost_cents,cost_usd,attributes\n"
    )
  })

  it("boolean: JSON booleans, true/false/empty in CSV, yes/no/blank in the table", () => {
    const flags: Output.Output<{ readonly actor: string; readonly remote: boolean | null }> = {
      title: "Flags",
      columns: [
        { name: "actor", kind: "text", value: (r) => r.actor },
        { name: "is_remote", header: "remote", kind: "boolean", value: (r) => r.remote }
      ],
      rows: [
        { actor: "a", remote: true },
        { actor: "a", remote: false },
        { actor: "b", remote: null }
      ],
      empty: "nothing"
    }
    expect(JSON.parse(Output.render("json", flags))).toEqual([
      { actor: "a", is_remote: true },
      { actor: "a", is_remote: false },
      { actor: "b", is_remote: null }
    ])
    expect(Output.render("csv", flags)).toBe("actor,is_remote\na,true\na,false\nb,\n")
    const table = Output.render("table", flags).split("\n")
    expect(table.slice(2, 7).map((l) => l.trimEnd())).toEqual([
      "actor  remote",
      "─────  ──────",
      "a      yes",
      "a      no",
      "b"
    ])
  })
})
