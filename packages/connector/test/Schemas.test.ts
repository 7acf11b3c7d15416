/**
 * The zod 4 schemas rawdash reads (static `schemas`, `configFields`) accept
 * exactly what their Effect source accepts: each is checked on at least
 * 1,000 random inputs, valid and invalid, drawn from the Effect side
 * (`Arbitrary.make`, encoded to the wire), from the zod side (rawdash's kit
 * arbitraries), mutated at a random place (a value replaced by random JSON or
 * a near-miss string, a key removed or added, buckets reordered, `has_more`
 * without `next_page`), and from random JSON. Also: the page rule the
 * schemas add is the client's own, and the JSON Schema route would not agree.
 */
import { describe, expect, it } from "@effect/vitest"
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import {
  Arbitrary,
  type DateTime,
  Effect,
  Either,
  FastCheck as fc,
  JSONSchema,
  Schema,
  TestClock
} from "effect"
import { z } from "zod"
import AnthropicConnector from "../src/index.js"
import * as Config from "../src/Config.js"
import { CostPage, cost_report, pageRule, UsagePage, usage_messages } from "../src/Schemas.js"
import * as UsageSamples from "../src/UsageSamples.js"
import * as ZodSchema from "../src/ZodSchema.js"
import { zodToArbitrary } from "./support/kit.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, emptyPage, scriptedApi, USAGE_PATH } from "./support/ScriptedApi.js"

type Json = unknown
type Path = ReadonlyArray<string | number>

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const at = (value: Json, path: Path): Json =>
  path.reduce<Json>(
    (node, key) =>
      Array.isArray(node) || isObject(node) ? (node as Record<string | number, Json>)[key] : undefined,
    value
  )

const pathsOf = (value: Json, prefix: Path = []): Array<Path> => [
  prefix,
  ...(Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...prefix, i]))
    : isObject(value)
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))
      : [])
]

/** `value` with the node at `path` replaced by `f(node)` (`undefined` removes it). */
const update = (value: Json, path: Path, f: (node: Json) => Json): Json => {
  const [head, ...rest] = path
  if (head === undefined) return f(value)
  if (Array.isArray(value) && typeof head === "number") {
    const next = update(value[head], rest, f)
    return rest.length === 0 && next === undefined
      ? value.filter((_, i) => i !== head)
      : value.map((item, i) => (i === head ? next : item))
  }
  if (isObject(value) && typeof head === "string") {
    const next = update(value[head], rest, f)
    const { [head]: _removed, ...others } = value
    return rest.length === 0 && next === undefined ? others : { ...others, [head]: next }
  }
  return value
}

/** Strings that are almost dates or decimals, and other classic traps. */
const NEAR_MISSES = [
  "2026-02-30T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-01-01",
  "2026-01-01T24:00:00Z",
  "2026",
  "yesterday",
  "",
  " ",
  " 2026-01-01T00:00:00Z",
  "1e",
  "e5",
  "1.2.3",
  "+.5",
  "-",
  ".",
  "1e99999999999999999",
  "NaN",
  "Infinity",
  "0x10",
  "1_000",
  "١٢",
  "12.",
  "-0",
  "1E+2"
]

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<Json>(...NEAR_MISSES),
  fc.constantFrom<Json>(null, true, false, -1, 0, 1.5, 2 ** 53, 1e21, "0", [], {}),
  fc.string({ maxLength: 12 }),
  fc.integer()
)

type Mutation =
  | { readonly _tag: "Replace"; readonly at: number; readonly value: Json }
  | { readonly _tag: "Remove"; readonly at: number }
  | { readonly _tag: "AddKey"; readonly at: number; readonly key: string; readonly value: Json }
  | { readonly _tag: "Reorder" }
  | { readonly _tag: "HasMoreWithoutNext" }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ _tag: fc.constant("Replace" as const), at: fc.nat(), value: anyValue })
  },
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant("Remove" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("AddKey" as const),
      at: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("speed", "next_page", "amount", "data")),
      value: anyValue
    })
  },
  { weight: 1, arbitrary: fc.constant({ _tag: "Reorder" as const }) },
  { weight: 1, arbitrary: fc.constant({ _tag: "HasMoreWithoutNext" as const }) }
)

const mutate = (value: Json, m: Mutation): Json => {
  const paths = pathsOf(value)
  const pick = (at: number) => paths[at % paths.length] ?? []
  switch (m._tag) {
    case "Replace":
      return update(value, pick(m.at), () => m.value)
    case "Remove":
      return update(value, pick(m.at), () => undefined)
    case "AddKey": {
      const objects = paths.filter((path) => isObject(at(value, path)))
      const path = objects[m.at % Math.max(objects.length, 1)] ?? []
      return update(value, path, (node) => (isObject(node) ? { ...node, [m.key]: m.value } : node))
    }
    case "Reorder":
      return update(value, ["data"], (data) =>
        Array.isArray(data) && data.length > 0 ? [...data.slice(1), data[0], data[0]] : data
      )
    case "HasMoreWithoutNext":
      return isObject(value) ? { ...value, has_more: true, next_page: null } : value
  }
}

/** Pages the client accepts, from the Effect side: decoded buckets, ordered, encoded to the wire. */
const effectPages = <A extends { readonly starting_at: DateTime.Utc }, I>(bucket: Schema.Schema<A, I>) =>
  fc
    .tuple(
      fc.array(Arbitrary.make(bucket), { maxLength: 4 }),
      fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 8 }))
    )
    .map(([buckets, next]) => {
      const seen = new Set<number>()
      const data = [...buckets]
        .sort((a, b) => a.starting_at.epochMillis - b.starting_at.epochMillis)
        .filter((b) => !seen.has(b.starting_at.epochMillis) && seen.add(b.starting_at.epochMillis))
        .map((b) => Schema.encodeSync(bucket)(b))
      return { data, has_more: next !== null, next_page: next }
    })

interface Tally {
  total: number
  valid: number
  invalid: number
}

/** Checks zod ≡ Effect on `inputs`; returns how many of each were seen. */
const agree = (
  zod: z.ZodType,
  effect: (input: unknown) => boolean,
  inputs: fc.Arbitrary<Json>,
  numRuns: number
): Tally => {
  const tally: Tally = { total: 0, valid: 0, invalid: 0 }
  fc.assert(
    fc.property(inputs, (input) => {
      const accepted = effect(input)
      tally.total++
      if (accepted) tally.valid++
      else tally.invalid++
      const parsed = zod.safeParse(input)
      if (parsed.success !== accepted) {
        throw new Error(
          `zod ${parsed.success ? "accepts" : "rejects"} what Effect ${accepted ? "accepts" : "rejects"}: ${JSON.stringify(input)?.slice(0, 400)}${parsed.success ? "" : `\n${parsed.error.message}`}`
        )
      }
    }),
    { numRuns }
  )
  return tally
}

const responseInputs = (valid: ReadonlyArray<fc.Arbitrary<Json>>) => {
  const pages = fc.oneof(...valid)
  return fc.oneof(
    { weight: 3, arbitrary: pages },
    { weight: 5, arbitrary: fc.tuple(pages, mutation).map(([page, m]) => mutate(page, m)) },
    {
      weight: 2,
      arbitrary: fc.tuple(pages, mutation, mutation).map(([page, a, b]) => mutate(mutate(page, a), b))
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
  )
}

const decodes = <A, I>(schema: Schema.Schema<A, I>, onExcessProperty: "ignore" | "error") => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty })
  return (input: unknown) => Either.isRight(decode(input))
}

describe("zod schemas agree with their Effect source", () => {
  // The static schemas end in the page rule, a filter the derived zod delegates to Effect as a whole; the
  // client's own page schemas have no such filter, so their derivations exercise every nested translation.
  const cases: ReadonlyArray<{
    readonly label: string
    readonly zod: z.ZodType
    readonly accepts: (input: unknown) => boolean
    readonly bucket: fc.Arbitrary<Json>
  }> = [
    {
      label: "schemas.usage_messages ≡ UsagePage (client page + page rule)",
      zod: usage_messages,
      accepts: decodes(UsagePage, "ignore"),
      bucket: effectPages(UsageReport.UsageBucket)
    },
    {
      label: "schemas.cost_report ≡ CostPage (client page + page rule)",
      zod: cost_report,
      accepts: decodes(CostPage, "ignore"),
      bucket: effectPages(CostReport.CostBucket)
    },
    {
      label: "the derivation of the client's UsageReport.UsagePage ≡ it",
      zod: ZodSchema.fromSchema(UsageReport.UsagePage),
      accepts: decodes(UsageReport.UsagePage, "ignore"),
      bucket: effectPages(UsageReport.UsageBucket)
    },
    {
      label: "the derivation of the client's CostReport.CostPage ≡ it",
      zod: ZodSchema.fromSchema(CostReport.CostPage),
      accepts: decodes(CostReport.CostPage, "ignore"),
      bucket: effectPages(CostReport.CostBucket)
    }
  ]

  for (const { label, zod, accepts, bucket } of cases) {
    it(`${label}, on 1,200 random valid and invalid inputs`, () => {
      const tally = agree(zod, accepts, responseInputs([bucket, zodToArbitrary(zod)]), 1_200)
      expect(tally.total).toBe(1_200)
      expect(tally.valid).toBeGreaterThan(250)
      expect(tally.invalid).toBeGreaterThan(250)
    })
  }

  it("configFields ≡ configSchema (unknown fields refused) on 1,200 random valid and invalid configs", () => {
    // each field: a valid value most of the time, else a near miss or random JSON; the key absent half the time
    const field = (valid: ReadonlyArray<Json>, invalid: ReadonlyArray<Json>) =>
      fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...valid) },
        { weight: 1, arbitrary: fc.constantFrom(...invalid) },
        { weight: 1, arbitrary: anyValue }
      )
    const configs = fc.record(
      {
        adminApiKey: field(
          [{ $secret: "ANTHROPIC_ADMIN_API_KEY" }, { $secret: "K" }, "sk-ant-admin01-abc"],
          [{ $secret: " X " }, { $secret: "" }, { $secret: "A", extra: 1 }, " sk-ant-admin01-abc", ""]
        ),
        workspaceIds: field([["wrkspc_A"], ["wrkspc_A", "wrkspc_b-2"]], [[], ["ws_1"], ["wrkspc_"]]),
        resources: field([["anthropic_cost_usd"], Object.keys(AnthropicConnector.resources)], [[], ["x"]]),
        lookbackDays: field([1, 30, 180], [0, 181, 1.5, -3, "30"]),
        baseUrl: field(
          ["https://api.anthropic.com", "http://127.0.0.1:8080", "HTTP://EXAMPLE.COM", "http:x"],
          ["ftp://x", "nope", "", " https://api.anthropic.com"]
        ),
        revisionDays: field([1, 2, 31], [32, 0]),
        dimensions: field(
          [["model"], ["model", "account_id", "service_account_id"], UsageSamples.DIMENSION_NAMES],
          [[], ["speed"]]
        ),
        lookback: fc.constant(3)
      },
      { requiredKeys: [] }
    )
    // an unknown key is rare; a whole config of random JSON rarer
    const inputs = fc.oneof(
      { weight: 12, arbitrary: configs.map(({ lookback: _lookback, ...known }) => known) },
      { weight: 2, arbitrary: configs },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }
    )
    const tally = agree(Config.configFields, decodes(Config.configSchema, "error"), inputs, 1_200)
    expect(tally.total).toBe(1_200)
    expect(tally.valid).toBeGreaterThan(100)
    expect(tally.invalid).toBeGreaterThan(250)
  })
})

describe("why the zod schemas are derived from the Effect AST, not through JSON Schema", () => {
  // zod 4.2+ reads JSON Schema; Effect writes `$defs` under a draft-07 `$schema`, so drop the latter
  const viaJsonSchema = (schema: Schema.Schema.Any) => {
    const { $schema: _draft, ...json }: { $schema?: string } = JSONSchema.make(schema)
    return z.fromJSONSchema(json as Parameters<typeof z.fromJSONSchema>[0])
  }
  const page = (row: Record<string, unknown>, startingAt = "2026-03-01T00:00:00Z") => ({
    data: [{ starting_at: startingAt, ending_at: "2026-03-02T00:00:00Z", results: [row] }],
    has_more: false
  })

  it("JSON Schema would reject a new API field (Effect ignores it) and accept a date Effect refuses; ours agree", () => {
    const client = decodes(CostReport.CostPage, "ignore")
    const json = viaJsonSchema(CostReport.CostPage)
    const newField = page({ amount: "1", currency: "USD", billing_tier: "x" })
    const badDate = page({ amount: "1", currency: "USD" }, "not a date")
    expect([
      client(newField),
      json.safeParse(newField).success,
      cost_report.safeParse(newField).success
    ]).toEqual([true, false, true])
    expect([
      client(badDate),
      json.safeParse(badDate).success,
      cost_report.safeParse(badDate).success
    ]).toEqual([false, true, false])
  })
})

describe("the page rule is the client's", () => {
  const DAY = 86_400_000
  const NOW = Date.UTC(2026, 4, 20, 12)
  const TODAY = Math.floor(NOW / DAY) * DAY

  it.effect("a cost page breaks pageRule exactly when the client refuses it (PaginationContractError)", () =>
    Effect.gen(function* () {
      const day = fc.integer({ min: -3, max: 0 })
      const pages = fc.tuple(
        fc.array(day, { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom<string | null>(null, "", "cursor_2")
      )
      const samples = fc.sample(pages, { numRuns: 120, seed: 7 })
      let refused = 0
      for (const [days, hasMore, next] of samples) {
        const body = {
          data: days.map((d) => ({
            starting_at: new Date(TODAY + d * DAY).toISOString(),
            ending_at: new Date(TODAY + (d + 1) * DAY).toISOString(),
            results: []
          })),
          has_more: hasMore,
          next_page: next
        }
        const decoded = Schema.decodeUnknownSync(CostReport.CostPage)(body)
        const rule = pageRule(decoded)
        const api = scriptedApi({
          [COST_PATH]: [{ body }, { body: emptyPage }],
          [USAGE_PATH]: [{ body: emptyPage }]
        })
        const connector = new AnthropicConnector(
          { lookbackDays: 7, resources: ["anthropic_cost_usd"] },
          { adminApiKey: "sk-ant-admin-rule" },
          { httpClient: api.client, client: { retry: false }, logger: { info: () => {}, warn: () => {} } }
        )
        yield* TestClock.setTime(NOW)
        const result = yield* Effect.either(connector.syncEffect({ mode: "full" }, new MemoryStorage()))
        const clientRefused =
          Either.isLeft(result) &&
          result.left._tag === "SyncFailedError" &&
          result.left.cause._tag === "PaginationContractError"
        if (rule !== undefined) refused++
        if (!clientRefused) expect(result).toEqual(Either.right({ done: true }))
        expect({ body, refusedByRule: rule !== undefined }).toEqual({ body, refusedByRule: clientRefused })
        expect(cost_report.safeParse(body).success).toBe(rule === undefined)
      }
      expect(refused).toBeGreaterThan(20)
    })
  )
})
