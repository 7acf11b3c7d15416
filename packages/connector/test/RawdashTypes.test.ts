/**
 * The package type-checks where rawdash registers and catalogues connectors,
 * with no cast: `{ anthropic: AnthropicConnector } satisfies
 * ConnectorRegistry`, the class is a `ConnectorClass` whose instances are
 * `Connector`s, and the named exports build a `ConnectorMetadata`. The
 * shapes are rawdash's (`src/Rawdash.ts`, contract §1). `tsc` checks this
 * file (`npx tsc -p packages/connector/tsconfig.json`); each
 * `@ts-expect-error` below is one of the mismatches the 0.1 release had,
 * and fails the type check if it ever type-checks again.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { type UsageReport } from "@rawdash/anthropic-admin-api"
import type { z } from "zod"
import AnthropicConnector, { configFields, cost, doc, id, resources } from "../src/index.js"
import type {
  Connector,
  ConnectorClass,
  ConnectorContext,
  ConnectorCost,
  ConnectorDoc,
  ConnectorMetadata,
  ConnectorRegistry,
  HttpMethod,
  RequestObserver,
  ResourceDefinitions,
  ResourceField
} from "../src/Rawdash.js"

/** `true` when `T` is assignable to `U`, as a type. */
type Fits<T, U> = [T] extends [U] ? true : false

/** rawdash's registry entry for this package: the type the issue had to cast to. */
const registry = { anthropic: AnthropicConnector } satisfies ConnectorRegistry

/** rawdash's `instantiateConnector` (contract §1.2), typed as rawdash types it. */
const instantiate = (
  registered: ConnectorRegistry,
  entry: { readonly connectorId: string; readonly config: Record<string, unknown> },
  ctx: ConnectorContext
): Connector => {
  const Cls = registered[entry.connectorId]
  if (Cls === undefined) throw new Error(`Unknown connector type "${entry.connectorId}"`)
  const settings: Record<string, unknown> = {}
  const creds: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entry.config)) {
    if (Cls.credentials !== undefined && Object.prototype.hasOwnProperty.call(Cls.credentials, key)) {
      creds[key] = value
    } else settings[key] = value
  }
  return new Cls(settings as never, (Cls.credentials ? creds : undefined) as never, ctx)
}

/** The 0.1 statics: Effect Schemas where rawdash expects zod. */
type WithEffectSchemas = (new (settings: never, creds?: never, ctx?: ConnectorContext) => Connector) & {
  readonly schemas: { readonly usage_messages: typeof UsageReport.UsagePage }
}

/** The 0.1 resources: readonly dimension arrays where rawdash's `ResourceField[]` is mutable. */
type ReadonlyDimensions = {
  readonly anthropic_input_tokens: {
    readonly shape: "metric"
    readonly description: string
    readonly dimensions: ReadonlyArray<ResourceField>
  }
}

/** The 0.1 `doc`, declared `as const`: readonly tuples. */
type ConstDoc = Omit<ConnectorDoc, "auth"> & {
  readonly auth: { readonly summary: string; readonly setup: readonly [string, string] }
}

describe("rawdash's types, with no cast", () => {
  it("{ anthropic: AnthropicConnector } satisfies ConnectorRegistry; a wrong static does not", () => {
    const fits: Fits<typeof registry, ConnectorRegistry> = true
    const asClass: ConnectorClass = AnthropicConnector
    // @ts-expect-error static `schemas` must be zod 4 types (`Readonly<Record<string, z.ZodType>>`): Effect Schemas do not fit
    const effectSchemas: Fits<{ anthropic: WithEffectSchemas }, ConnectorRegistry> = true
    // @ts-expect-error rawdash's `dimensions` is a mutable `ResourceField[]`: a readonly array does not fit
    const readonlyDimensions: Fits<ReadonlyDimensions, ResourceDefinitions> = true
    // @ts-expect-error rawdash's `ConnectorDoc` has a mutable `setup: string[]`: a readonly tuple does not fit
    const constDoc: Fits<ConstDoc, ConnectorDoc> = true
    expect([fits, effectSchemas, readonlyDimensions, constDoc]).toEqual([true, true, true, true])
    expect(asClass).toBe(AnthropicConnector)
    expectTypeOf(AnthropicConnector.schemas).toMatchTypeOf<Readonly<Record<string, z.ZodType>>>()
    expectTypeOf(AnthropicConnector.resources).toMatchTypeOf<ResourceDefinitions>()
    expectTypeOf(AnthropicConnector.cost).toMatchTypeOf<ConnectorCost>()
  })

  it("rawdash's instantiateConnector builds a Connector from the registry, statics splitting the key into creds", async () => {
    const seen: Array<{ method: HttpMethod; requestId: string }> = []
    // rawdash's observer: `method` is its HttpMethod and `requestId` a string, as ours now sends them
    const observer: RequestObserver = (event) => {
      expectTypeOf(event.method).toEqualTypeOf<HttpMethod>()
      expectTypeOf(event.requestId).toEqualTypeOf<string>()
      seen.push({ method: event.method, requestId: event.requestId })
    }
    const connector = instantiate(
      registry,
      { connectorId: id, config: { adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" }, lookbackDays: 3 } },
      { observer }
    )
    expect(connector).toBeInstanceOf(AnthropicConnector)
    expect(connector.id).toBe("anthropic")
    expect(connector.credentials).toEqual(AnthropicConnector.credentials)
    expect(connector.serializeConfig()).toEqual({
      lookbackDays: 3,
      adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" }
    })
    expect(seen).toEqual([])
  })

  it("the named exports build rawdash's ConnectorMetadata", () => {
    const metadata: ConnectorMetadata = {
      id,
      packageName: "@rawdash/connector-anthropic",
      doc,
      configFields,
      resources,
      cost
    }
    expectTypeOf(configFields).toMatchTypeOf<z.ZodObject<z.ZodRawShape>>()
    expectTypeOf(doc).toMatchTypeOf<ConnectorDoc>()
    expect(Object.keys(metadata.resources)).toHaveLength(6)
    expect(metadata.configFields.shape.adminApiKey).toBeDefined()
  })

  it("rawdash's runtime doc and resource rules hold (defineConnectorDoc, defineResources)", () => {
    expect(doc.brandColor).toMatch(/^#[0-9A-Fa-f]{6}$/)
    for (const [name, r] of Object.entries(resources)) {
      const fields = [...(r.dimensions ?? []), ...("measures" in r ? (r.measures ?? []) : [])].map(
        (f) => f.name
      )
      expect(new Set(fields).size, name).toBe(fields.length)
      for (const field of fields) expect(["name", "ts", "value", ""]).not.toContain(field)
    }
    // schemasFromResources: the responses, merged, are the static schemas
    const merged = Object.assign({}, ...Object.values(resources).map((r) => r.responses ?? {}))
    expect(merged).toEqual(AnthropicConnector.schemas)
    expect(Object.keys(merged)).toEqual(["usage_messages", "cost_report"])
  })
})
