/**
 * The README's example config (src/example.config.ts, type-checked by
 * tsc) is valid for the connector and references declared metrics only.
 */
import { describe, expect, it } from "@effect/vitest"
import { anthropic, connectorRegistry, widgets } from "../src/example.config.js"
import AnthropicConnector from "../src/index.js"
import * as Config from "../src/Config.js"

describe("src/example.config.ts", () => {
  it("its connector config validates and builds a connector", () => {
    expect(() => Config.parse(anthropic.config)).not.toThrow()
    const connector = AnthropicConnector.create(anthropic.config)
    expect(connector.serializeConfig()).toEqual(anthropic.config)
    expect(anthropic.connectorId).toBe("anthropic")
    expect(connectorRegistry.anthropic).toBe(AnthropicConnector)
  })

  it("rawdash's validateConfigMetrics: widgets filtering or grouping on account_id or service_account_id pass, as with rawdash's connector", () => {
    // the field check of validateConfigMetrics (contract §1.8): a declared dimension or measure, or name/ts/value
    const fieldErrors = (metric: string, fields: ReadonlyArray<string>) => {
      const definition = AnthropicConnector.resources[metric as keyof typeof AnthropicConnector.resources]
      const declared = new Set([
        "name",
        "ts",
        "value",
        ...[
          ...(definition.dimensions ?? []),
          ...("measures" in definition ? (definition.measures ?? []) : [])
        ].map((field) => field.name)
      ])
      return fields.filter((field) => !declared.has(field))
    }
    for (const metric of Object.keys(AnthropicConnector.resources).filter(
      (m) => m !== "anthropic_cost_usd"
    )) {
      expect(fieldErrors(metric, ["account_id", "service_account_id", "model", "value"])).toEqual([])
      expect(fieldErrors(metric, ["speed"])).toEqual(["speed"])
    }
    expect(fieldErrors("anthropic_cost_usd", ["workspace_id", "currency"])).toEqual([])
    // the opt-in from the example's comment is a valid config
    expect(() =>
      Config.parse({ ...anthropic.config, dimensions: ["model", "workspace_id", "account_id"] })
    ).not.toThrow()
  })

  it("its widgets read declared metrics of that connector", () => {
    for (const widget of Object.values(widgets)) {
      expect(Object.keys(AnthropicConnector.resources)).toContain(widget.metric.name)
      expect(widget.metric.connector).toBe(anthropic.name)
    }
  })
})
