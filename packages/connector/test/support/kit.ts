/**
 * rawdash's connector kit (`@rawdash/connector-test-utils`, contract §4),
 * reproduced for this repository (the kit is private and not on the
 * registry), on `effect/FastCheck`:
 *
 * - {@link zodToArbitrary}: payloads from a zod 4 schema through its
 *   internals only (`_zod.def`): strings of 0–32 characters, or drawn from
 *   their format (`datetime`: ISO instants from 1970 to 2100; `regex`: strings
 *   matching the pattern); numbers within ±1e6, never NaN or ±∞ (integers for
 *   integer formats), bounded by `gt`/`gte`/`lt`/`lte` checks; arrays of 0–5
 *   (or their min/max); every object key present; optional and nullable
 *   values `undefined`/`null` about a quarter of the time; a schema with a
 *   custom check (`refine`) filtered by its own `safeParse`; `lazy` refused.
 * - {@link runPropertySyncTest}: each payload must re-parse with its schema,
 *   then `run` it against a fresh storage with rawdash's semantics: a throw
 *   on a valid payload fails the test, then the universal invariants and the
 *   extra ones must hold.
 * - The invariants: {@link checkUniversalInvariants} (finite `value` and
 *   `ts`, no `undefined` anywhere in attributes),
 *   {@link connectorResourceShapeViolations} (every stored name declared with
 *   the metric shape) and {@link connectorMetricConformanceViolations}
 *   (finite values, no reserved attribute, only declared dimensions and
 *   measures).
 */
import { FastCheck as fc } from "effect"
import type { z } from "zod"
import type { MetricSample, ResourceDefinitions } from "../../src/Rawdash.js"
import { MemoryStorage } from "./MemoryStorage.js"

type Def = { readonly type: string } & Readonly<Record<string, unknown>>
type CheckDef = Readonly<Record<string, unknown>> & { readonly check?: string }

interface Internal {
  readonly _zod: { readonly def: Def }
}

const defOf = (schema: unknown): Def => {
  const def = (schema as Partial<Internal> | undefined)?._zod?.def
  if (def === undefined || typeof def !== "object" || typeof def.type !== "string") {
    throw new Error(`zodToArbitrary: no _zod.def on ${typeof schema}; is this a zod 4 schema?`)
  }
  return def
}

const checksOf = (def: Def): ReadonlyArray<CheckDef> =>
  ((def.checks as ReadonlyArray<Internal> | undefined) ?? []).map((check) => check._zod.def as CheckDef)

const formatted = (format: string): fc.Arbitrary<string> => {
  const dates = fc.date({
    min: new Date("1970-01-01T00:00:00.000Z"),
    max: new Date("2100-01-01T00:00:00.000Z"),
    noInvalidDate: true
  })
  switch (format) {
    case "datetime":
      return dates.map((date) => date.toISOString())
    case "date":
      return dates.map((date) => date.toISOString().slice(0, 10))
    case "email":
      return fc.emailAddress()
    case "uuid":
      return fc.uuid()
    case "url":
      return fc.webUrl()
    default:
      return fc.string({ minLength: 0, maxLength: 32 })
  }
}

const stringArbitrary = (def: Def): fc.Arbitrary<string> => {
  const checks = checksOf(def)
  const formatCheck = checks.find((check) => check.check === "string_format")
  const format = (formatCheck?.format as string | undefined) ?? (def.format as string | undefined)
  if (format === "regex" && formatCheck?.pattern instanceof RegExp) {
    return fc.stringMatching(formatCheck.pattern)
  }
  if (format !== undefined) return formatted(format)
  const min = Math.max(0, ...checks.filter((c) => c.check === "min_length").map((c) => c.minimum as number))
  const max = Math.max(
    min,
    Math.min(32, ...checks.filter((c) => c.check === "max_length").map((c) => c.maximum as number))
  )
  return fc.string({ minLength: min, maxLength: max })
}

const INTEGER_FORMATS = new Set(["safeint", "int32", "int"])

const numberArbitrary = (def: Def): fc.Arbitrary<number> => {
  const checks = checksOf(def)
  const format = (checks.find((c) => c.format !== undefined)?.format as string | undefined) ?? def.format
  const integer = typeof format === "string" && INTEGER_FORMATS.has(format)
  const step = (value: number, direction: 1 | -1) =>
    integer ? value + direction : value + direction * Math.max(Math.abs(value), 1) * Number.EPSILON
  let min = -1_000_000
  let max = 1_000_000
  for (const check of checks) {
    if (typeof check.value !== "number") continue
    if (check.check === "greater_than") {
      min = Math.max(min, check.inclusive ? check.value : step(check.value, 1))
    }
    if (check.check === "less_than") {
      max = Math.min(max, check.inclusive ? check.value : step(check.value, -1))
    }
  }
  if (max < min) max = min
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

const sometimes = <A, B>(value: fc.Arbitrary<A>, other: B): fc.Arbitrary<A | B> =>
  fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.constant(other) })

const build = (schema: unknown): fc.Arbitrary<unknown> => {
  const def = defOf(schema)
  const inner = (key: string) => arbitraryOf(def[key])
  switch (def.type) {
    case "string":
      return stringArbitrary(def)
    case "number":
      return numberArbitrary(def)
    case "int":
      return fc.integer({ min: -1_000_000, max: 1_000_000 })
    case "bigint":
      return fc.bigInt({ min: -1_000_000n, max: 1_000_000n })
    case "boolean":
      return fc.boolean()
    case "null":
      return fc.constant(null)
    case "undefined":
      return fc.constant(undefined)
    case "any":
    case "unknown":
      return fc.anything()
    case "literal":
      return fc.constantFrom(...(def.values as ReadonlyArray<unknown>))
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>))
    case "array": {
      let minLength = 0
      let maxLength = 5
      for (const check of checksOf(def)) {
        if (check.check === "min_length") minLength = Math.max(minLength, check.minimum as number)
        if (check.check === "max_length") maxLength = Math.min(maxLength, check.maximum as number)
      }
      return fc.array(inner("element"), { minLength, maxLength: Math.max(minLength, maxLength) })
    }
    case "tuple":
      return fc.tuple(...(def.items as ReadonlyArray<unknown>).map(arbitraryOf))
    case "object": {
      const shape = def.shape as Record<string, unknown>
      return fc.record(
        Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, arbitraryOf(value)]))
      )
    }
    case "union":
      return fc.oneof(...(def.options as ReadonlyArray<unknown>).map(arbitraryOf))
    case "optional":
      return sometimes(inner("innerType"), undefined)
    case "nullable":
      return sometimes(inner("innerType"), null)
    case "default":
    case "nonoptional":
    case "readonly":
      return inner("innerType")
    case "pipe":
      return inner("out")
    case "record":
      return fc.dictionary(inner("keyType") as fc.Arbitrary<string>, inner("valueType"), { maxKeys: 4 })
    case "intersection":
      return fc
        .tuple(inner("left"), inner("right"))
        .map(([l, r]) =>
          typeof l === "object" && l !== null && typeof r === "object" && r !== null ? { ...l, ...r } : r
        )
    case "lazy":
      throw new Error("zodToArbitrary: z.lazy() (recursive) schemas are not supported")
    default:
      throw new Error(`zodToArbitrary: unsupported zod type ${def.type}`)
  }
}

const arbitraryOf = (schema: unknown): fc.Arbitrary<unknown> => {
  const arbitrary = build(schema)
  if (!checksOf(defOf(schema)).some((check) => check.check === "custom")) return arbitrary
  const refined = schema as { safeParse: (value: unknown) => { success: boolean } }
  return arbitrary.filter((value) => refined.safeParse(value).success)
}

/** Payloads of a zod 4 schema, as rawdash's kit generates them. */
export const zodToArbitrary = <T>(schema: z.ZodType<T>): fc.Arbitrary<T> =>
  arbitraryOf(schema) as fc.Arbitrary<T>

/** One broken invariant. */
export interface InvariantViolation {
  readonly invariant: string
  readonly detail: string
}

const hasUndefined = (value: unknown): boolean =>
  value === undefined ||
  (Array.isArray(value)
    ? value.some(hasUndefined)
    : typeof value === "object" && value !== null && Object.values(value).some(hasUndefined))

const where = (sample: MetricSample) => `${sample.name}@${sample.ts}`

/** The kit's universal invariants for metrics: finite `value` and `ts`, no `undefined` in attributes. */
export const checkUniversalInvariants = (rows: ReadonlyArray<MetricSample>): Array<InvariantViolation> =>
  rows.flatMap((sample) => [
    ...(Number.isFinite(sample.value) ? [] : [{ invariant: "finite value", detail: where(sample) }]),
    ...(Number.isFinite(sample.ts) ? [] : [{ invariant: "finite ts", detail: where(sample) }]),
    ...(hasUndefined(sample.attributes)
      ? [{ invariant: "no undefined attribute", detail: where(sample) }]
      : [])
  ])

/** Every stored name is a declared resource of the metric shape (or a dynamic metric resource exists). */
export const connectorResourceShapeViolations = (
  resources: ResourceDefinitions,
  rows: ReadonlyArray<MetricSample>
): Array<InvariantViolation> => {
  const dynamic = Object.values(resources).some((r) => r.shape === "metric" && r.dynamic === true)
  return rows.flatMap((sample) => {
    const declared = resources[sample.name]
    if (declared === undefined) {
      return dynamic ? [] : [{ invariant: "declared resource", detail: `${where(sample)} is not declared` }]
    }
    return declared.shape === "metric"
      ? []
      : [{ invariant: "resource shape", detail: `${where(sample)} is declared as ${declared.shape}` }]
  })
}

const RESERVED = new Set(["name", "ts", "value"])

/** Finite values, no reserved attribute names, only declared dimensions and measures. */
export const connectorMetricConformanceViolations = (
  resources: ResourceDefinitions,
  rows: ReadonlyArray<MetricSample>
): Array<InvariantViolation> =>
  rows.flatMap((sample) => {
    const declared = resources[sample.name]
    const fields =
      declared?.shape === "metric"
        ? new Set([...(declared.dimensions ?? []), ...(declared.measures ?? [])].map((f) => f.name))
        : undefined
    return [
      ...(Number.isFinite(sample.value) ? [] : [{ invariant: "finite value", detail: where(sample) }]),
      ...Object.keys(sample.attributes).flatMap((key) =>
        RESERVED.has(key)
          ? [{ invariant: "no reserved attribute", detail: `${where(sample)}.${key}` }]
          : fields !== undefined && !fields.has(key)
            ? [
                {
                  invariant: "declared attribute",
                  detail: `${where(sample)}.${key} is not a dimension or measure`
                }
              ]
            : []
      )
    ]
  })

/** Options of {@link runPropertySyncTest}. */
export type PropertySyncTestOptions<T> = {
  readonly connectorId: string
  readonly run: (sample: T, storage: MemoryStorage) => Promise<void>
  readonly runs?: number
  readonly seed?: number
  readonly extraInvariants?: ReadonlyArray<
    (
      storage: MemoryStorage,
      connectorId: string,
      sample: T
    ) => Array<InvariantViolation> | Promise<Array<InvariantViolation>>
  >
} & (
  | { readonly schema: z.ZodType<T> }
  | {
      readonly connectorClass: {
        readonly name?: string
        readonly schemas: Readonly<Record<string, z.ZodType>>
      }
      readonly resource: string
    }
)

const schemaOf = <T>(options: PropertySyncTestOptions<T>): z.ZodType<T> => {
  if ("schema" in options) return options.schema
  const schema = options.connectorClass.schemas[options.resource]
  if (schema === undefined) {
    throw new Error(
      `${options.connectorClass.name ?? "connector"}.schemas has no entry for resource "${options.resource}". Available: ${Object.keys(options.connectorClass.schemas).join(", ") || "<none>"}`
    )
  }
  return schema as z.ZodType<T>
}

const short = (value: unknown) => JSON.stringify(value)?.slice(0, 500)

/** rawdash's property sync test: every valid payload syncs without a throw and keeps the invariants. */
export const runPropertySyncTest = async <T>(options: PropertySyncTestOptions<T>): Promise<void> => {
  const schema = schemaOf(options)
  await fc.assert(
    fc.asyncProperty(zodToArbitrary(schema), async (raw) => {
      const parsed = schema.safeParse(raw)
      if (!parsed.success) {
        throw new Error(
          `zodToArbitrary generated a value rejected by its own schema: ${parsed.error.message}\nsample=${short(raw)}`
        )
      }
      const storage = new MemoryStorage()
      try {
        await options.run(parsed.data, storage)
      } catch (error) {
        throw new Error(
          `connector.sync threw on a valid sample (invariant: does not throw on any valid instance): ${error instanceof Error ? error.message : String(error)}\nsample=${short(parsed.data)}`,
          { cause: error }
        )
      }
      const violations = checkUniversalInvariants(storage.rows)
      for (const extra of options.extraInvariants ?? []) {
        violations.push(...(await extra(storage, options.connectorId, parsed.data)))
      }
      if (violations.length > 0) {
        throw new Error(
          `sync invariants violated (${violations.length}):\n${violations.map((v) => `  ${v.invariant}: ${v.detail}`).join("\n")}\nsample=${short(parsed.data)}`
        )
      }
    }),
    { numRuns: options.runs ?? 100, ...(options.seed === undefined ? {} : { seed: options.seed }) }
  )
}
