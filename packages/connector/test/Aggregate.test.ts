/**
 * The aggregate `@rawdash/connectors` path (contract §1.2, "Package
 * exports"): the package is loaded by name, `(await import(pkg)).default` is
 * the connector class, and the named exports `id`, `doc`, `configFields`,
 * `resources` and `cost` build its `ConnectorMetadata`; rawdash's tools then
 * use `configFields` as a zod 4 object (`.shape`, `.meta()`, `.safeParse`).
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { z } from "zod"
import type { ConnectorClass, ConnectorMetadata, ConnectorRegistry } from "../src/Rawdash.js"

const packageName = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string }
).name

/** What `@rawdash/connectors`' generated metadata and registry do with a connector package. */
const load = async (
  pkg: string
): Promise<{ readonly Cls: ConnectorClass; readonly metadata: ConnectorMetadata }> => {
  const mod = (await import(pkg)) as {
    default: ConnectorClass & { readonly id: string }
    id: string
    doc: ConnectorMetadata["doc"]
    configFields: ConnectorMetadata["configFields"]
    resources: ConnectorMetadata["resources"]
    cost?: ConnectorMetadata["cost"]
  }
  return {
    Cls: mod.default,
    metadata: {
      id: mod.id,
      packageName: pkg,
      doc: mod.doc,
      configFields: mod.configFields,
      resources: mod.resources,
      ...(mod.cost === undefined ? {} : { cost: mod.cost })
    }
  }
}

describe("@rawdash/connectors aggregate registry", () => {
  it("loads the package by name and builds its ConnectorMetadata from the named exports", async () => {
    const { Cls, metadata } = await load(packageName)
    const registry: ConnectorRegistry = { [metadata.id]: Cls }
    expect(registry.anthropic).toBe(Cls)
    expect(Cls.name).toBe("AnthropicConnector")
    expect(metadata.id).toBe("anthropic")
    expect(metadata.packageName).toMatch(/^@rawdash\/connector-/)
    expect(metadata.doc.displayName).toBe("Anthropic")
    expect(Object.keys(metadata.resources)).toEqual(Object.keys(Cls.resources ?? {}))
    expect(metadata.cost).toEqual(Cls.cost)
    expect(Object.keys(Cls.schemas)).toEqual(["usage_messages", "cost_report"])
    // the aggregate's checks: complete metadata, and no `filterable` on metric resources
    for (const def of Object.values(metadata.resources)) expect("filterable" in def).toBe(false)
  })

  it("configFields is a zod 4 object: instanceof z.ZodObject, .shape with .meta(), .safeParse", async () => {
    const { metadata } = await load(packageName)
    const fields = metadata.configFields
    // rawdash's defineConfigFields only checks this
    expect(fields instanceof z.ZodObject).toBe(true)
    expect(Object.keys(fields.shape)).toEqual([
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
    // `.meta()` reads zod's global registry, which is what rawdash's docs generator sees
    const meta = (name: string) => {
      const field = fields.shape[name]
      return field === undefined ? undefined : z.globalRegistry.get(field)
    }
    expect(meta("adminApiKey")).toEqual({
      label: "Admin API key",
      description: expect.stringContaining("sk-ant-admin-"),
      placeholder: "ANTHROPIC_ADMIN_API_KEY",
      secret: true
    })
    expect(meta("lookbackDays")).toEqual({
      label: "Lookback days",
      description: expect.stringContaining("Defaults to 30"),
      placeholder: "30"
    })
    expect(meta("dimensions")).toMatchObject({ label: "Usage dimensions" })
    expect(typeof fields.safeParse).toBe("function")
  })

  it("rawdash's MCP add_connector: the seed README's example config parses; each bad config names its field", async () => {
    const { metadata } = await load(packageName)
    // the seed README: `adminApiKey: secret("ANTHROPIC_ADMIN_API_KEY")`, which rawdash writes as { $secret }
    const seed = { adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" } }
    expect(metadata.configFields.safeParse(seed)).toEqual({ success: true, data: seed })
    const full = {
      adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" },
      workspaceIds: ["wrkspc_A"],
      resources: ["anthropic_cost_usd"],
      lookbackDays: 7,
      dimensions: ["model", "account_id"]
    }
    expect(metadata.configFields.safeParse(full).success).toBe(true)
    const bad: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ["adminApiKey", { adminApiKey: { $secret: "" } }],
      ["adminApiKey", {}],
      ["workspaceIds", { ...seed, workspaceIds: [] }],
      ["lookbackDays", { ...seed, lookbackDays: 999 }],
      ["resources", { ...seed, resources: ["nonexistent"] }],
      ["baseUrl", { ...seed, baseUrl: "ftp://x" }],
      ["revisionDays", { ...seed, revisionDays: 0 }],
      ["dimensions", { ...seed, dimensions: ["speed"] }]
    ]
    for (const [field, config] of bad) {
      const result = metadata.configFields.safeParse(config)
      expect(result.success, field).toBe(false)
      expect(
        result.error?.issues.map((issue) => issue.path[0]),
        field
      ).toContain(field)
    }
    const unknown = metadata.configFields.safeParse({ ...seed, lookback: 3 })
    expect(unknown.error?.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", keys: ["lookback"] })
    ])
  })
})
