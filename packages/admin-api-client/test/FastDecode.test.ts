import { WireArbitrary } from "@rawdash/anthropic-admin-api-testing"
import { describe, expect, it } from "@effect/vitest"
import {
  Arbitrary,
  BigDecimal,
  DateTime,
  Either,
  Effect,
  FastCheck as fc,
  Option,
  ParseResult,
  Predicate,
  Schema
} from "effect"
import * as Client from "../src/index.js"
import { CostReport, UsageReport } from "../src/index.js"
import * as FastDecode from "../src/internal/fastDecode.js"

/**
 * The fast decoding path against the Schema decode it stands in for: on valid pages (the testing
 * kit's wire arbitraries, and pages generated from the client's own schemas) it must confirm the
 * page and produce the same value; on pages with one random mutation it must never accept what
 * the Schema rejects nor decode to anything else; and the drop-in decoders must answer exactly
 * what the Schema decode answers, errors included.
 */

const OPTIONS = { onExcessProperty: "ignore" } as const

/** The first difference between two decoded values, as a path, or undefined when equal. */
const difference = (a: unknown, b: unknown, path = "$"): string | undefined => {
  if (DateTime.isDateTime(a) || DateTime.isDateTime(b)) {
    return DateTime.isDateTime(a) &&
      DateTime.isDateTime(b) &&
      a._tag === b._tag &&
      a.epochMillis === b.epochMillis
      ? undefined
      : `${path}: DateTime ${String(a)} vs ${String(b)}`
  }
  if (BigDecimal.isBigDecimal(a) || BigDecimal.isBigDecimal(b)) {
    return BigDecimal.isBigDecimal(a) &&
      BigDecimal.isBigDecimal(b) &&
      a.value === b.value &&
      a.scale === b.scale
      ? undefined
      : `${path}: BigDecimal ${String(a)} vs ${String(b)}`
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path}: array shape`
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`)
      if (d !== undefined) return d
    }
    return undefined
  }
  if (Predicate.isRecord(a) || Predicate.isRecord(b)) {
    if (!Predicate.isRecord(a) || !Predicate.isRecord(b)) return `${path}: object vs other`
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototype`
    // an error's stack is where it was built: two decodes never share it
    const own = (x: object) => Reflect.ownKeys(x).filter((key) => !(x instanceof Error && key === "stack"))
    const keysA = own(a)
    const keysB = own(b)
    // the same keys in the same order
    if (keysA.map(String).join(",") !== keysB.map(String).join(",")) {
      return `${path}: keys ${keysA.map(String).join(",")} vs ${keysB.map(String).join(",")}`
    }
    for (const key of keysA) {
      const d = difference(a[key], b[key], `${path}.${String(key)}`)
      if (d !== undefined) return d
    }
    return undefined
  }
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`
}

const formatted = <A>(result: Either.Either<A, ParseResult.ParseError>) =>
  Either.match(result, {
    onLeft: (error) => ({ left: ParseResult.TreeFormatter.formatErrorSync(error) }),
    onRight: (value) => ({ right: value })
  })

/**
 * Asserts that the fast path and the Schema agree on `input`; returns what the fast path
 * answered alone.
 */
const agree = <A, I>(schema: Schema.Schema<A, I>, input: unknown): "value" | "reject" | "unknown" => {
  const slow = Schema.decodeUnknownEither(schema, OPTIONS)(input)
  const probe = FastDecode.probe(schema, input, OPTIONS)
  if (probe._tag === "unsupported") throw new Error("the schema did not compile")
  if (probe._tag === "value") {
    expect(Either.isRight(slow), "the fast path accepted what the Schema rejects").toBe(true)
    if (Either.isRight(slow)) expect(difference(probe.value, slow.right)).toBeUndefined()
  }
  if (probe._tag === "reject") {
    expect(Either.isLeft(slow), "the fast path rejected what the Schema accepts").toBe(true)
  }
  // the drop-in answers exactly what the Schema answers, the error text included
  const dropIn = FastDecode.decodeUnknownEither(schema, OPTIONS)(input)
  const fastShown = formatted(dropIn)
  const slowShown = formatted(slow)
  if ("left" in slowShown) {
    expect(fastShown).toEqual(slowShown)
  } else {
    expect("right" in fastShown).toBe(true)
    if ("right" in fastShown) expect(difference(fastShown.right, slowShown.right)).toBeUndefined()
  }
  return probe._tag
}

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

// ---------------------------------------------------------------------------
// mutations: one change at a random place of a valid page
// ---------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>

const paths = (node: unknown, at: Path = []): Array<Path> => {
  const here = [at]
  if (Array.isArray(node)) return here.concat(...node.map((item, i) => paths(item, [...at, i])))
  if (Predicate.isRecord(node)) {
    return here.concat(...Object.entries(node).map(([key, value]) => paths(value, [...at, key])))
  }
  return here
}

/** Values that sit on the edges of what the schemas accept. */
const edgy = fc.constantFrom<unknown>(
  null,
  undefined,
  0,
  -1,
  1.5,
  -0,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  1e12,
  "",
  " ",
  "0",
  "12",
  "-0.05",
  "1446.3000",
  "1e3",
  " 12 ",
  "+5",
  "abc",
  "0x10",
  "NaN",
  "2026-03-01T00:00:00Z",
  "2026-03-01T00:00:00.000Z",
  "2026-03-01",
  "2026-13-01T00:00:00Z",
  "2026-03-01T00:00:00+02:00",
  "standard",
  "flex",
  "0-200k",
  "tokens",
  true,
  false,
  [],
  {},
  { ephemeral_5m_input_tokens: 1 },
  { web_search_requests: null },
  [{}]
)

type Mutation =
  | { readonly _tag: "set"; readonly value: unknown }
  | { readonly _tag: "delete" }
  | { readonly _tag: "add"; readonly key: string; readonly value: unknown }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: edgy.map((value): Mutation => ({ _tag: "set", value })) },
  { weight: 1, arbitrary: fc.jsonValue().map((value): Mutation => ({ _tag: "set", value })) },
  { weight: 3, arbitrary: fc.constant<Mutation>({ _tag: "delete" }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("zz_extra", "amount", "model", "results", "cache_creation"), edgy)
      .map(([key, value]): Mutation => ({ _tag: "add", key, value }))
  }
)

/** A copy of `page` with `change` applied at its `index`-th node (modulo the node count). */
const mutate = (page: unknown, index: number, change: Mutation): unknown => {
  const copy = json(page)
  const all = paths(copy)
  const path = all[index % all.length]!
  if (path.length === 0) return change._tag === "set" ? change.value : copy
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy)
  const key = path[path.length - 1]!
  const target = parent as Record<string | number, unknown>
  if (change._tag === "set") target[key] = change.value
  else if (change._tag === "delete") {
    if (Array.isArray(target)) target.splice(key as number, 1)
    else delete target[key]
  } else {
    const node = target[key]
    if (Predicate.isRecord(node) && !Array.isArray(node)) {
      Object.defineProperty(node, change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true
      })
    }
  }
  return copy
}

// ---------------------------------------------------------------------------
// the report pages
// ---------------------------------------------------------------------------

const pages: ReadonlyArray<{
  readonly name: string
  readonly schema: Schema.Schema<unknown, unknown>
  readonly wire: fc.Arbitrary<unknown>
}> = [
  {
    name: "UsageReport.UsagePage",
    schema: UsageReport.UsagePage as unknown as Schema.Schema<unknown, unknown>,
    wire: WireArbitrary.usageReport
  },
  {
    name: "CostReport.CostPage",
    schema: CostReport.CostPage as unknown as Schema.Schema<unknown, unknown>,
    wire: WireArbitrary.costReport
  }
]

describe("FastDecode on report pages", () => {
  for (const { name, schema, wire } of pages) {
    describe(name, () => {
      const encode = Schema.encodeSync(schema)
      const own = Arbitrary.make(schema).map((value) => json(encode(value)))

      it("compiles (the fast path is not silently off)", () => {
        expect(FastDecode.compile(schema.ast)).toBeDefined()
      })

      it.prop(
        "valid wire pages (the testing kit's arbitrary): confirmed by the fast path, the same value",
        [wire],
        ([page]) => {
          const input = json(page)
          const slow = Schema.decodeUnknownEither(schema, OPTIONS)(input)
          const answer = agree(schema, input)
          if (Either.isRight(slow)) expect(answer).toBe("value")
        },
        { fastCheck: { numRuns: 200 } }
      )

      it.prop(
        "valid pages generated from the client's schema (encoded, through JSON): the same value",
        [own],
        ([page]) => {
          expect(agree(schema, page)).toBe("value")
        },
        { fastCheck: { numRuns: 200 } }
      )

      it.prop(
        "wire pages with one mutation anywhere: never accepts what the Schema rejects, never decodes otherwise",
        [wire, fc.nat(), mutation],
        ([page, index, change]) => {
          agree(schema, mutate(page, index, change))
        },
        { fastCheck: { numRuns: 1_000 } }
      )

      it.prop(
        "own pages with one mutation anywhere: the same",
        [own, fc.nat(), mutation],
        ([page, index, change]) => {
          agree(schema, mutate(page, index, change))
        },
        { fastCheck: { numRuns: 500 } }
      )

      it.prop(
        "any JSON value: the same",
        [fc.jsonValue()],
        ([value]) => {
          agree(schema, value)
        },
        { fastCheck: { numRuns: 200 } }
      )
    })
  }
})

describe("FastDecode edge cases the Schema decides", () => {
  const bucket = (result: unknown) => ({
    data: [{ starting_at: "2026-03-01T00:00:00Z", ending_at: "2026-03-02T00:00:00Z", results: [result] }],
    has_more: false,
    next_page: null
  })
  const usage = { uncached_input_tokens: 1, cache_read_input_tokens: 2, output_tokens: 3 }

  it("counts: non-negative safe integers only", () => {
    for (const n of [0, 1, Number.MAX_SAFE_INTEGER]) {
      expect(agree(UsageReport.UsagePage, bucket({ ...usage, output_tokens: n }))).toBe("value")
    }
    for (const n of [-1, 1.5, 2 ** 53, -0.5, "3", null]) {
      expect(agree(UsageReport.UsagePage, bucket({ ...usage, output_tokens: n }))).toBe("reject")
    }
  })

  it("absent and null optional keys read as the Schema reads them (null, 0, default objects)", () => {
    const decoded = FastDecode.decodeUnknownSync(
      UsageReport.UsagePage,
      OPTIONS
    )(bucket({ ...usage, cache_creation: null, server_tool_use: { web_search_requests: null }, model: "m" }))
    const row = decoded.data[0]!.results[0]!
    expect(row.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 })
    expect(row.server_tool_use).toEqual({ web_search_requests: 0 })
    expect(row.api_key_id).toBeNull()
    expect(row.model).toBe("m")
    expect(agree(UsageReport.UsagePage, bucket({ ...usage, cache_creation: {} }))).toBe("value")
  })

  it("amounts: exact decimals with their scale; anything BigDecimal cannot read is the Schema's error", () => {
    const cost = (amount: unknown) => bucket({ amount, currency: "USD" })
    for (const amount of ["1446.3000", "-0.05", "0", "12", "1e3", " 12 "]) {
      const answer = agree(CostReport.CostPage, cost(amount))
      expect(answer).not.toBe("unknown")
    }
    const decoded = FastDecode.decodeUnknownSync(CostReport.CostPage, OPTIONS)(cost("1446.3000"))
    expect(decoded.data[0]!.results[0]!.amount.scale).toBe(4)
    for (const amount of ["", "abc", 12, null]) {
      expect(agree(CostReport.CostPage, cost(amount))).toBe("reject")
    }
  })

  it("instants: what DateTime reads, UTC", () => {
    for (const at of ["2026-03-01T00:00:00Z", "2026-03-01T00:00:00.000Z", "2026-03-01T02:00:00+02:00"]) {
      const page = { data: [{ starting_at: at, ending_at: at, results: [] }], has_more: false }
      expect(agree(UsageReport.UsagePage, page)).toBe("value")
    }
    const bad = { data: [{ starting_at: "2026-13-01", ending_at: "x", results: [] }], has_more: false }
    expect(agree(UsageReport.UsagePage, bad)).toBe("reject")
  })

  it("contiguous buckets share the instant between them; each equals the Schema's own DateTime", () => {
    const day = (d: number) => `2026-03-0${d}T00:00:00Z`
    const page = {
      data: [1, 2, 3].map((d) => ({ starting_at: day(d), ending_at: day(d + 1), results: [] })),
      has_more: false,
      next_page: null
    }
    const decoded = FastDecode.decodeUnknownSync(UsageReport.UsagePage, OPTIONS)(page)
    expect(decoded.data[1]!.starting_at).toBe(decoded.data[0]!.ending_at)
    expect(decoded.data[2]!.starting_at).toBe(decoded.data[1]!.ending_at)
    expect(agree(UsageReport.UsagePage, page)).toBe("value")
    // an instant that does not decode is never kept: the same bad string is refused each time
    const bad = { ...page, data: [{ starting_at: "x", ending_at: "x", results: [] }] }
    expect(agree(UsageReport.UsagePage, bad)).toBe("reject")
    expect(agree(UsageReport.UsagePage, bad)).toBe("reject")
  })

  it("the error of an invalid page is the Schema's, path included", () => {
    const page = bucket({ ...usage, output_tokens: -1 })
    const slow = Schema.decodeUnknownEither(UsageReport.UsagePage, OPTIONS)(page)
    const fast = FastDecode.decodeUnknownEither(UsageReport.UsagePage, OPTIONS)(page)
    expect(Either.isLeft(fast)).toBe(true)
    expect(formatted(fast)).toEqual(formatted(slow))
  })

  it.effect("decodeUnknown is an Effect, as Schema.decodeUnknown", () =>
    Effect.gen(function* () {
      const decode = FastDecode.decodeUnknown(UsageReport.UsagePage, OPTIONS)
      const page = yield* decode(bucket(usage))
      expect(page.data[0]!.results[0]!.output_tokens).toBe(3)
      const error = yield* Effect.flip(decode(bucket({ ...usage, output_tokens: "3" })))
      expect(error._tag).toBe("ParseError")
    })
  )

  it("options the fast path does not mirror always take the Schema decode", () => {
    for (const options of [
      { onExcessProperty: "error" },
      { exact: true },
      { propertyOrder: "original" }
    ] as const) {
      expect(FastDecode.probe(UsageReport.UsagePage, bucket(usage), options)._tag).toBe("unsupported")
      const page = { ...bucket(usage), extra: 1 }
      expect(formatted(FastDecode.decodeUnknownEither(UsageReport.UsagePage, options)(page))).toEqual(
        formatted(Schema.decodeUnknownEither(UsageReport.UsagePage, options)(page))
      )
    }
  })
})

describe("FastDecode on every schema the client exports (what wiring it into the request path would use)", () => {
  const exported = Object.entries(Client as Record<string, unknown>).flatMap(([module, namespace]) =>
    typeof namespace === "object" && namespace !== null
      ? Object.entries(namespace as Record<string, unknown>).flatMap(
          ([name, value]): Array<[string, Schema.Schema<unknown, unknown>]> =>
            Schema.isSchema(value) ? [[`${module}.${name}`, value as Schema.Schema<unknown, unknown>]] : []
        )
      : []
  )
  const compiled = exported.filter(([, schema]) => FastDecode.compile(schema.ast) !== undefined)

  it("compiles most of them, and the others are decoded by the Schema, unchanged", () => {
    expect(compiled.length).toBeGreaterThan(exported.length / 2)
    for (const [, schema] of exported.filter((entry) => !compiled.includes(entry))) {
      expect(formatted(FastDecode.decodeUnknownEither(schema, OPTIONS)({}))).toEqual(
        formatted(Schema.decodeUnknownEither(schema, OPTIONS)({}))
      )
    }
  })

  for (const [name, schema] of compiled) {
    it.prop(
      `${name}: valid values, one-mutation variants and any JSON agree`,
      [
        Arbitrary.make(schema).map((value) => json(Schema.encodeSync(schema)(value))),
        fc.nat(),
        mutation,
        fc.jsonValue()
      ],
      ([value, index, change, any]) => {
        agree(schema, value)
        agree(schema, mutate(value, index, change))
        agree(schema, any)
      },
      { fastCheck: { numRuns: 60 } }
    )
  }
})

describe("FastDecode on synthetic schemas (the machinery beyond what the report schemas use)", () => {
  const value = fc.oneof(
    edgy,
    fc.string({ maxLength: 3 }),
    fc.integer({ min: -3, max: 3 }),
    fc.constant(undefined)
  )
  const synthetic = {
    // type sides stricter than the encoded sides: defaults and values the transformation passes
    // through must be checked again (one property per struct, so each is reached often)
    passedThroughTooShort: Schema.Struct({
      a: Schema.optionalToRequired(Schema.NullOr(Schema.String), Schema.String.pipe(Schema.minLength(1)), {
        // may pass null through: the type side must refuse it
        decode: (o) => Option.getOrElse(o, () => "") as string,
        encode: Option.some
      })
    }),
    invalidDefault: Schema.Struct({
      b: Schema.optionalWith(Schema.Number.pipe(Schema.int()), { default: () => 1.5 })
    }),
    passedThroughNull: Schema.Struct({
      c: Schema.optionalToRequired(Schema.NullOr(Schema.String), Schema.String, {
        decode: (o) => Option.getOrElse(o, () => "none") as string,
        encode: Option.some
      })
    }),
    nullableDefault: Schema.Struct({
      d: Schema.optionalWith(Schema.Literal("x", "y"), { nullable: true, default: () => "x" as const })
    }),
    // a transformation whose output its type side refuses
    finalTransformation: Schema.Struct({
      n: Schema.transform(Schema.String, Schema.Number.pipe(Schema.positive()), {
        decode: (s) => s.length - 1,
        encode: String
      })
    }),
    // optional keys that do not accept undefined; unions of structs (the first member wins)
    optionalExact: Schema.Struct({
      e: Schema.optionalWith(Schema.String, { exact: true }),
      f: Schema.Union(
        Schema.Struct({ n: Schema.Number }),
        Schema.Struct({ n: Schema.Number, m: Schema.String })
      ),
      g: Schema.optional(Schema.Array(Schema.NullOr(Schema.Boolean)))
    })
  }
  const input = fc.record(
    {
      a: value,
      b: value,
      c: value,
      d: value,
      n: value,
      e: value,
      f: fc.oneof(value, fc.record({ n: value, m: value }, { requiredKeys: [] })),
      g: fc.oneof(value, fc.array(value, { maxLength: 3 }))
    },
    { requiredKeys: [] }
  )

  for (const [name, schema] of Object.entries(synthetic)) {
    it(`${name} compiles`, () => {
      expect(FastDecode.compile(schema.ast)).toBeDefined()
    })
    it.prop(
      `${name}: agrees with the Schema on random inputs`,
      [input],
      ([u]) => {
        agree(schema as unknown as Schema.Schema<unknown, unknown>, u)
      },
      { fastCheck: { numRuns: 2_000 } }
    )
  }

  it("what it does not mirror is not compiled, and decoded by the Schema", () => {
    const notCompiled = [
      Schema.Record({ key: Schema.String, value: Schema.Number }),
      Schema.Union(
        Schema.Struct({ kind: Schema.Literal("a"), n: Schema.Number }),
        Schema.Struct({ kind: Schema.Literal("b") })
      ),
      Schema.Tuple(Schema.String, Schema.Number),
      Schema.TemplateLiteral("a", Schema.String),
      Schema.String.annotations({ parseOptions: { exact: true } })
    ]
    for (const schema of notCompiled) {
      const s = schema as unknown as Schema.Schema<unknown, unknown>
      expect(FastDecode.compile(s.ast)).toBeUndefined()
      for (const u of [{}, { kind: "a", n: 1 }, ["x", 1], "ab", 3]) {
        expect(formatted(FastDecode.decodeUnknownEither(s, OPTIONS)(u))).toEqual(
          formatted(Schema.decodeUnknownEither(s, OPTIONS)(u))
        )
      }
    }
  })
})
