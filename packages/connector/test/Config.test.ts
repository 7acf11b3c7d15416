import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import * as Config from "../src/Config.js"
import { configJsonSchema, configSchema } from "../src/index.js"

const errorOf = (input: unknown): Config.ConfigError => {
  const result = Config.validate(input)
  if (Either.isRight(result)) throw new Error("expected an invalid config")
  return result.left
}

describe("configFields", () => {
  it("18. a minimal { adminApiKey: { $secret } } parses, with defaults applied by resolveSettings", () => {
    const config = Config.parse({ adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" } })
    expect(config).toEqual({ adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" } })
    expect(Config.resolveSettings(config)).toEqual({
      workspaceIds: undefined,
      resources: undefined,
      lookbackDays: 30,
      baseUrl: "https://api.anthropic.com",
      revisionDays: 2,
      dimensions: ["model", "workspace_id", "api_key_id", "service_tier", "context_window", "inference_geo"],
      source: "legacy",
      defaultWorkspaceId: undefined,
      enrichNames: false
    })
  })

  it("accepts a plain-string key and every optional field", () => {
    const input = {
      adminApiKey: "sk-ant-admin01-abc",
      workspaceIds: ["wrkspc_01A", "wrkspc_B-2"],
      resources: ["anthropic_cost_usd", "anthropic_input_tokens"],
      lookbackDays: 180,
      baseUrl: "http://127.0.0.1:8080",
      revisionDays: 3,
      dimensions: ["model", "account_id", "service_account_id"]
    }
    expect(Config.parse(input)).toEqual(input)
  })

  it.each([
    ["19. an empty $secret", { adminApiKey: { $secret: "" } }, "adminApiKey"],
    ["20. an empty workspaceIds", { adminApiKey: "k", workspaceIds: [] }, "workspaceIds"],
    ["a workspace id without wrkspc_", { adminApiKey: "k", workspaceIds: ["ws_1"] }, "workspaceIds"],
    ["21. lookbackDays 999", { adminApiKey: "k", lookbackDays: 999 }, "lookbackDays"],
    ["lookbackDays 0", { adminApiKey: "k", lookbackDays: 0 }, "lookbackDays"],
    ["lookbackDays 1.5", { adminApiKey: "k", lookbackDays: 1.5 }, "lookbackDays"],
    ["22. an unknown resource", { adminApiKey: "k", resources: ["nonexistent"] }, "resources"],
    ["an empty resources list", { adminApiKey: "k", resources: [] }, "resources"],
    ["a missing key", {}, "adminApiKey"],
    ["an empty key", { adminApiKey: "" }, "adminApiKey"],
    ["a non-http baseUrl", { adminApiKey: "k", baseUrl: "ftp://x" }, "baseUrl"],
    ["revisionDays 40", { adminApiKey: "k", revisionDays: 40 }, "revisionDays"],
    ["an undeclared dimension", { adminApiKey: "k", dimensions: ["speed"] }, "dimensions"],
    ["an empty dimensions list", { adminApiKey: "k", dimensions: [] }, "dimensions"],
    ["an unknown field", { adminApiKey: "k", lookback: 3 }, "lookback"]
  ])("rejects %s", (_label, input, field) => {
    const error = errorOf(input)
    expect(error.issues.map((issue) => issue.field)).toEqual([field])
  })

  it("one error lists every bad field and what each allows", () => {
    const error = errorOf({
      adminApiKey: { $secret: "" },
      workspaceIds: [],
      resources: ["nonexistent"],
      lookbackDays: 999,
      baseUrl: "nope",
      revisionDays: 0,
      extra: true
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(
      ["adminApiKey", "baseUrl", "extra", "lookbackDays", "resources", "revisionDays", "workspaceIds"].sort()
    )
    expect(error.message).toContain("lookbackDays: got 999; allowed: an integer from 1 to 180")
    expect(error.message).toContain("workspaceIds: got []; allowed: a non-empty array of workspace ids")
    expect(error.message).toContain(
      'resources: got ["nonexistent"]; allowed: a non-empty array of: anthropic_input_tokens'
    )
    expect(error.message).toContain("revisionDays: got 0; allowed: an integer from 1 to 31")
    expect(error.message).toContain("extra: unknown field")
    expect(error.message.split("\n")).toHaveLength(8)
  })

  it("never echoes the value given for adminApiKey", () => {
    const error = errorOf({ adminApiKey: { $secret: "   ", extra: "sk-ant-admin01-LEAK" }, lookbackDays: -1 })
    expect(error.message).toContain("adminApiKey: invalid value (not shown)")
    expect(error.message).not.toContain("LEAK")
    const plain = errorOf({ adminApiKey: "sk-ant-admin01-LEAK", lookbackDays: -1 })
    expect(plain.message).not.toContain("LEAK")
  })

  it("a non-object config is one issue for the whole config", () => {
    expect(errorOf("sk-ant-admin01-x").issues).toEqual([
      { field: "config", message: expect.stringContaining("expected an object") }
    ])
  })

  it("carries the seed's labels and descriptions as annotations, and a JSON Schema for UIs", () => {
    const root = configJsonSchema as {
      $defs: Record<
        string,
        { properties: Record<string, { title?: string; description?: string }>; required: Array<string> }
      >
    }
    const schema = root.$defs.AnthropicConnectorConfig
    expect(schema?.required).toEqual(["adminApiKey"])
    expect(Object.keys(schema?.properties ?? {})).toEqual([
      "adminApiKey",
      "workspaceIds",
      "resources",
      "lookbackDays",
      "baseUrl",
      "revisionDays",
      "dimensions",
      "source",
      "defaultWorkspaceId",
      "enrichNames"
    ])
    expect(schema?.properties.lookbackDays).toMatchObject({
      title: "Lookback days",
      type: "integer",
      minimum: 1,
      maximum: 180,
      default: 30
    })
    expect(schema?.properties.baseUrl).toMatchObject({
      title: "Base URL",
      format: "uri",
      default: "https://api.anthropic.com"
    })
    expect(schema?.properties.adminApiKey?.description).toContain("sk-ant-admin-")
    expect(JSON.stringify(schema?.properties.resources)).toContain("anthropic_cost_usd")
    expect(configSchema.fields.workspaceIds).toBeDefined()
  })

  it("split routes the key to credentials and everything else to settings", () => {
    expect(Config.split({ adminApiKey: { $secret: "K" }, lookbackDays: 3 })).toEqual({
      settings: { lookbackDays: 3 },
      creds: { adminApiKey: { $secret: "K" } }
    })
  })
})
