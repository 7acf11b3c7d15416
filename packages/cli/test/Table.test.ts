import { describe, expect, it } from "@effect/vitest"
import stringWidth from "string-width"
import * as Color from "../src/Color.js"
import * as Table from "../src/Table.js"

describe("Table", () => {
  it("pads by display width: wide (CJK) and emoji cells keep the next column in line", () => {
    const text = Table.render(
      [
        { header: "workspace", align: "left" },
        { header: "output\ntokens", align: "right" }
      ],
      [
        ["wrkspc_01", "1"],
        ["研究チーム", "22"],
        ["🦀 rust", "333"],
        ["e\u0301quipe", "4"]
      ],
      ["total", "360"]
    )
    const lines = text.split("\n")
    expect(lines[0]).toBe(`${" ".repeat(12)}output`)
    expect(lines[1]).toBe("workspace   tokens")
    expect(lines[4]).toBe("研究チーム      22")
    expect(new Set(lines.map((l) => stringWidth(l)))).toEqual(new Set([18]))
  })

  it("escapes control characters and bidirectional overrides, so a row stays one line", () => {
    expect(Table.escape("a\nb\tc\r\u001b[31m\u202eevil\u0000")).toBe(
      "a\\nb\\tc\\r\\x1b[31m\\u{202e}evil\\x00"
    )
    const text = Table.render([{ header: "description", align: "left" }], [["line one\nline two"]])
    expect(text.split("\n")).toEqual(["description", "──────────────────", "line one\\nline two"])
  })
})

describe("Color.enabled", () => {
  const tty = { isTTY: true, hasColors: () => true }
  it("a terminal that can show colour, unless NO_COLOR or TERM=dumb; FORCE_COLOR for pipes", () => {
    expect(Color.enabled(tty, {})).toBe(true)
    expect(Color.enabled(tty, { NO_COLOR: "1" })).toBe(false)
    expect(Color.enabled(tty, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false)
    expect(Color.enabled(tty, { TERM: "dumb" })).toBe(false)
    expect(Color.enabled({ isTTY: true, hasColors: () => false }, {})).toBe(false)
    expect(Color.enabled({ isTTY: false }, {})).toBe(false)
    expect(Color.enabled({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true)
    expect(Color.enabled(tty, { FORCE_COLOR: "0" })).toBe(false)
  })
})
