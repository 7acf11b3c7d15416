/**
 * The resource definitions and `doc` match the seed README and satisfy
 * rawdash's `defineResources` / `defineConnectorDoc` runtime rules.
 */
import { describe, expect, it } from "@effect/vitest"
import AnthropicConnector, { doc, id, resources } from "../src/index.js"
import type { MetricResourceDefinition } from "../src/Rawdash.js"

const USAGE_DIMS = [
  "model",
  "workspace_id",
  "api_key_id",
  "service_tier",
  "context_window",
  "inference_geo",
  "account_id",
  "service_account_id",
  "api_key_name",
  "workspace_name"
]

describe("resources", () => {
  it("declares the seed's six metrics with units, daily granularity and dimensions", () => {
    const summary = Object.entries(resources).map(([name, r]: [string, MetricResourceDefinition]) => [
      name,
      r.shape,
      r.unit,
      r.granularity,
      r.endpoint,
      r.dimensions?.map((d) => d.name),
      r.measures?.map((m) => m.name)
    ])
    const usage = "GET /v1/organizations/usage_report/messages"
    expect(summary).toEqual([
      ["anthropic_input_tokens", "metric", "tokens", "daily", usage, USAGE_DIMS, undefined],
      ["anthropic_output_tokens", "metric", "tokens", "daily", usage, USAGE_DIMS, undefined],
      ["anthropic_cache_read_tokens", "metric", "tokens", "daily", usage, USAGE_DIMS, undefined],
      [
        "anthropic_cache_creation_tokens",
        "metric",
        "tokens",
        "daily",
        usage,
        USAGE_DIMS,
        ["ephemeral_1h_input_tokens", "ephemeral_5m_input_tokens"]
      ],
      ["anthropic_web_search_requests", "metric", "requests", "daily", usage, USAGE_DIMS, undefined],
      [
        "anthropic_cost_usd",
        "metric",
        "USD",
        "daily",
        "GET /v1/organizations/cost_report",
        [
          "workspace_id",
          "description",
          "cost_type",
          "model",
          "token_type",
          "service_tier",
          "context_window",
          "currency",
          "api_key_id",
          "api_key_name",
          "workspace_name"
        ],
        undefined
      ]
    ])
    expect(resources.anthropic_input_tokens.description).toBe(
      "Daily uncached input tokens processed by the Anthropic Messages API, grouped by model and workspace."
    )
    expect(resources.anthropic_cost_usd.description).toBe(
      "Daily organization spend in USD, broken down by workspace and cost line item, pulled from the Anthropic Cost Report."
    )
  })

  it("passes rawdash's defineResources rules: descriptions set, field names non-empty, unreserved, unique", () => {
    for (const [name, r] of Object.entries(resources) as Array<[string, MetricResourceDefinition]>) {
      expect(name).not.toBe("")
      expect(r.description.length).toBeGreaterThan(0)
      const fields = [...(r.dimensions ?? []), ...(r.measures ?? [])]
      const names = fields.map((f) => f.name)
      expect(new Set(names).size).toBe(names.length)
      for (const field of fields) {
        expect(field.name).not.toBe("")
        expect(["name", "ts", "value"]).not.toContain(field.name)
        expect(field.description.length).toBeGreaterThan(0)
      }
    }
  })
})

describe("engine shape", () => {
  it("statics and named exports are what rawdash reads", () => {
    expect(id).toBe("anthropic")
    expect(AnthropicConnector.id).toBe("anthropic")
    expect(AnthropicConnector.resources).toBe(resources)
    expect(Object.keys(AnthropicConnector.schemas)).toEqual(["usage_messages", "cost_report"])
    expect(AnthropicConnector.credentials).toEqual({
      adminApiKey: { description: expect.stringContaining("Admin API key"), auth: "required" }
    })
    const instance = new AnthropicConnector()
    expect(instance.id).toBe("anthropic")
    expect(instance.credentials).toBe(AnthropicConnector.credentials)
  })
})

describe("doc", () => {
  it("passes rawdash's defineConnectorDoc shape and carries the seed's texts", () => {
    expect(doc.displayName).toBe("Anthropic")
    expect([
      "engineering",
      "product",
      "analytics",
      "marketing",
      "sales",
      "support",
      "finance",
      "infrastructure",
      "security",
      "hr",
      "mobile"
    ]).toContain(doc.category)
    expect(doc.brandColor).toMatch(/^#[0-9A-Fa-f]{6}$/)
    expect(doc.brandColor).toBe("#D97757")
    expect(doc.tagline).toMatch(/^Track Anthropic spend/)
    expect(doc.vendor).toMatchObject({ name: "Anthropic", domain: "anthropic.com" })
    expect(doc.auth.setup).toHaveLength(4)
    expect(doc.auth.summary).toContain("sk-ant-admin-")
    expect(doc.rateLimit).toContain("Retry-After")
    expect(doc.limitations.length).toBeGreaterThanOrEqual(4)
    // ASCII hyphens only (rawdash's docs rule)
    expect(JSON.stringify(doc)).not.toMatch(/[\u2013\u2014\u2192]/)
  })
})
