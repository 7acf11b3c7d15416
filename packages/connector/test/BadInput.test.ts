/**
 * Issue 10, item 7, at the connector: bad-input properties. For every config
 * field, randomly drawn invalid values make `sync` reject with a
 * `ConfigError` naming that field (and `create` throw it) before any request
 * is sent; the key given is never echoed.
 */
import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import AnthropicConnector from "../src/index.js"
import { MemoryStorage } from "./support/MemoryStorage.js"

const KEY = "sk-ant-admin01-BADINPUT-secret"
const RUNS = 30

const notUrl = fc.string({ maxLength: 16 }).filter((s) => {
  try {
    new URL(s)
    return false
  } catch {
    return true
  }
})

const FIELDS: ReadonlyArray<readonly [string, fc.Arbitrary<unknown>]> = [
  [
    "adminApiKey",
    fc.oneof(fc.constantFrom("", "   ", null, 42, { $secret: "" }, { name: "x" }), fc.array(fc.string()))
  ],
  [
    "workspaceIds",
    fc.oneof(
      fc.constant([]),
      fc.array(
        fc.string({ maxLength: 10 }).filter((s) => !/^wrkspc_[A-Za-z0-9_-]+$/.test(s)),
        { minLength: 1, maxLength: 3 }
      ),
      fc.string()
    )
  ],
  [
    "resources",
    fc.oneof(
      fc.constant([]),
      fc.array(
        fc.string({ maxLength: 12 }).filter((s) => !s.startsWith("anthropic_")),
        { minLength: 1, maxLength: 2 }
      )
    )
  ],
  [
    "lookbackDays",
    fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 181 }),
      fc.double({ min: 1.1, max: 179.9, noNaN: true }).filter((x) => !Number.isInteger(x)),
      fc.constantFrom("7", Number.NaN, null)
    )
  ],
  [
    "revisionDays",
    fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 32 }), fc.constantFrom("2", Number.POSITIVE_INFINITY))
  ],
  [
    "baseUrl",
    fc.oneof(
      notUrl,
      fc.domain().map((host) => `http://${host}`),
      fc
        .constantFrom("ftp:", "file:", "javascript:", "ws:")
        .chain((scheme) => fc.domain().map((h) => `${scheme}//${h}`)),
      fc.domain().map((host) => `https://${host}/?token=1`)
    )
  ],
  [
    "dimensions",
    fc.oneof(
      fc.constant([]),
      fc.array(fc.constantFrom("speed", "region", "", "MODEL"), { minLength: 1, maxLength: 2 })
    )
  ]
]

describe("bad configs are rejected before any request, naming the field", () => {
  for (const [field, arbitrary] of FIELDS) {
    it(`an invalid ${field} → ConfigError on ${field}, no request, the key never shown`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          let requests = 0
          const httpClient = HttpClient.make(() => {
            requests++
            return Effect.die("no request may be sent")
          })
          const config = { adminApiKey: KEY, [field]: value }
          const { adminApiKey, ...settings } = config
          const connector = new AnthropicConnector(
            settings,
            { adminApiKey },
            {
              httpClient,
              logger: { info: () => {}, warn: () => {} }
            }
          )
          const error = await connector.sync({ mode: "full" }, new MemoryStorage()).then(
            () => undefined,
            (e: unknown) => e as { _tag: string; issues: ReadonlyArray<{ field: string }>; message: string }
          )
          expect(error?._tag).toBe("ConfigError")
          expect(error?.issues.map((issue) => issue.field)).toContain(field)
          expect(error?.message).not.toContain("BADINPUT")
          expect(() => AnthropicConnector.create(config)).toThrow(field)
          expect(requests).toBe(0)
        }),
        { numRuns: RUNS, seed: 42 }
      )
    })
  }

  it("an unknown field is named too", async () => {
    const connector = new AnthropicConnector({ lookbackdays: 7 } as never, { adminApiKey: KEY })
    await expect(connector.sync({ mode: "full" }, new MemoryStorage())).rejects.toMatchObject({
      _tag: "ConfigError",
      issues: [expect.objectContaining({ field: "lookbackdays" })]
    })
  })
})
