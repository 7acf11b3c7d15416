/**
 * The README's example config (examples/rawdash.config.ts, type-checked by
 * tsc) is valid for the connector and references declared metrics only.
 */
import { describe, expect, it } from "@effect/vitest"
import { anthropic, connectorRegistry, widgets } from "../examples/rawdash.config.js"
import AnthropicConnector from "../src/index.js"
import * as Config from "../src/Config.js"

describe("examples/rawdash.config.ts", () => {
  it("its connector config validates and builds a connector", () => {
    expect(() => Config.parse(anthropic.config)).not.toThrow()
    const connector = AnthropicConnector.create(anthropic.config)
    expect(connector.serializeConfig()).toEqual(anthropic.config)
    expect(anthropic.connectorId).toBe("anthropic")
    expect(connectorRegistry.anthropic).toBe(AnthropicConnector)
  })

  it("its widgets read declared metrics of that connector", () => {
    for (const widget of Object.values(widgets)) {
      expect(Object.keys(AnthropicConnector.resources)).toContain(widget.metric.name)
      expect(widget.metric.connector).toBe(anthropic.name)
    }
  })
})
