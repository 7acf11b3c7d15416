import { describe, expect, it } from "@effect/vitest"
import { DateTime } from "effect"
import * as Config from "../src/Config.js"
import * as SyncCursor from "../src/SyncCursor.js"

const settings = Config.resolveSettings({ lookbackDays: 7 })
const window = { start: DateTime.unsafeMake(0), end: DateTime.unsafeMake(7 * 86_400_000), days: 7 }
const binding = SyncCursor.binding(settings, window, 31)
const cursor = SyncCursor.make(binding, window, {
  usage_messages: { status: "pending", page: "page_abc", from: 86_400_000 },
  cost_report: { status: "done" }
})

describe("SyncCursor", () => {
  it("round-trips as plain JSON and resumes when bound to the same config and window", () => {
    const reading = SyncCursor.read(JSON.parse(JSON.stringify(cursor)), binding)
    expect(reading).toEqual({ _tag: "Resume", cursor })
  })

  it("no cursor starts fresh silently", () => {
    expect(SyncCursor.read(undefined, binding)).toEqual({ _tag: "Fresh", reason: undefined })
    expect(SyncCursor.read(null, binding)).toEqual({ _tag: "Fresh", reason: undefined })
  })

  it.each([
    ["a string", "page_abc"],
    ["rawdash's chunked cursor", { phase: "usage_messages", page: null }],
    ["a wrong version", { ...cursor, version: 2 }],
    ["a bad phase state", { ...cursor, phases: { usage_messages: { status: "pending", page: 3, from: 0 } } }]
  ])("a malformed cursor (%s) starts fresh with a reason", (_label, input) => {
    expect(SyncCursor.read(input, binding)).toEqual({ _tag: "Fresh", reason: "malformed cursor" })
  })

  it("a cursor of another config, window or page size starts fresh", () => {
    const other = [
      SyncCursor.binding({ ...settings, workspaceIds: ["wrkspc_A"] }, window, 31),
      SyncCursor.binding({ ...settings, baseUrl: "http://gateway" }, window, 31),
      SyncCursor.binding(settings, { ...window, end: DateTime.unsafeMake(8 * 86_400_000) }, 31),
      SyncCursor.binding(settings, window, 7)
    ]
    for (const expected of other) {
      expect(expected).not.toBe(binding)
      expect(SyncCursor.read(cursor, expected)).toEqual({
        _tag: "Fresh",
        reason: "cursor was made for another config or window"
      })
    }
  })

  it("the binding does not depend on the key (settings never hold it)", () => {
    expect(Object.keys(settings)).not.toContain("adminApiKey")
    expect(SyncCursor.binding(Config.resolveSettings({ lookbackDays: 7 }), window, 31)).toBe(binding)
  })
})
