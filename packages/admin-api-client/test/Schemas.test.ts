import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"
import { ClaudeCodeReport, CostReport, UsageReport } from "../src/index.js"

/**
 * decode ∘ encode round trips through JSON, exactly as a page travels over
 * the wire, for every report model; plus tolerance of unknown fields.
 */
const hasProtoKey = (node: unknown): boolean =>
  node !== null &&
  typeof node === "object" &&
  Object.getOwnPropertyNames(node).some(
    (key) => key === "__proto__" || hasProtoKey((node as Record<string, unknown>)[key])
  )

const roundTrip = <A, I>(name: string, schema: Schema.Schema<A, I>) => {
  // Effect's Schema.Record assigns keys with `=`, so a map key named "__proto__"
  // (never a real tool name) would set the prototype instead; keep it out.
  const arbitrary = Arbitrary.make(schema).filter((value) => !hasProtoKey(value))
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema, { onExcessProperty: "ignore" })
  const equivalent = Schema.equivalence(schema)

  it.prop(
    `${name}: decode(JSON(encode(x))) equals x`,
    [arbitrary],
    ([value]) => {
      const wire = JSON.parse(JSON.stringify(encode(value)))
      expect(equivalent(decode(wire), value)).toBe(true)
    },
    { fastCheck: { numRuns: 150 } }
  )

  it.prop(
    `${name}: unknown fields added anywhere are ignored`,
    [arbitrary, fc.string({ minLength: 1, maxLength: 8 }).map((k) => `zz_${k}`), fc.jsonValue()],
    ([value, key, extra]) => {
      const wire = JSON.parse(JSON.stringify(encode(value)))
      const sprinkle = (node: unknown, parentKey?: string): unknown => {
        if (Array.isArray(node)) return node.map((item) => sprinkle(item))
        if (node !== null && typeof node === "object") {
          const copy: Record<string, unknown> = {}
          for (const [k, v] of Object.entries(node)) {
            // defineProperty, so a key named "__proto__" stays an own property
            Object.defineProperty(copy, k, {
              value: sprinkle(v, k),
              enumerable: true,
              writable: true,
              configurable: true
            })
          }
          // tool_actions is an open map: a key added there is data, not drift
          if (parentKey !== "tool_actions") copy[key] = extra
          return copy
        }
        return node
      }
      expect(equivalent(decode(sprinkle(wire)), value)).toBe(true)
    },
    { fastCheck: { numRuns: 100 } }
  )
}

describe("report models round trip", () => {
  roundTrip("UsageReport.UsagePage", UsageReport.UsagePage)
  roundTrip("CostReport.CostPage", CostReport.CostPage)
  roundTrip("ClaudeCodeReport.ClaudeCodePage", ClaudeCodeReport.ClaudeCodePage)
})
