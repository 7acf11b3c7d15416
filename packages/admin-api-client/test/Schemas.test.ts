import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, BigDecimal, FastCheck as fc, Schema } from "effect"
import { ClaudeCodeReport, CostReport, UsageReport } from "../src/index.js"

/**
 * decode ∘ encode round trips through JSON, exactly as a page travels over
 * the wire, for every report model; plus tolerance of unknown fields.
 */
const hasProtoKey = (node: unknown): boolean =>
  node !== null &&
  typeof node === "object" &&
  !BigDecimal.isBigDecimal(node) &&
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

describe("UsageResult: partial nested counts (unconfirmed upstream; rawdash saw them in practice)", () => {
  const decode = Schema.decodeUnknownSync(UsageReport.UsageResult)
  const base = {
    uncached_input_tokens: 10,
    cache_read_input_tokens: 20,
    output_tokens: 30,
    api_key_id: null,
    workspace_id: null,
    model: null,
    service_tier: null,
    context_window: null
  }

  it("a missing or null inner count, or a missing or null object, decodes to 0", () => {
    const partial = decode({
      ...base,
      cache_creation: { ephemeral_1h_input_tokens: 100, ephemeral_5m_input_tokens: null },
      server_tool_use: {}
    })
    expect(partial.cache_creation).toEqual({ ephemeral_1h_input_tokens: 100, ephemeral_5m_input_tokens: 0 })
    expect(partial.server_tool_use).toEqual({ web_search_requests: 0 })
    const absent = decode({ ...base, server_tool_use: null })
    expect(absent.cache_creation).toEqual({ ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 })
    expect(absent.server_tool_use).toEqual({ web_search_requests: 0 })
  })

  it("a present count of the wrong type still fails (tolerance is for absence, not for garbage)", () => {
    expect(() => decode({ ...base, cache_creation: { ephemeral_1h_input_tokens: "100" } })).toThrow(
      /ephemeral_1h_input_tokens/
    )
  })
})
