/**
 * zod 4 schemas derived from Effect Schemas, so each shape rawdash's zod
 * tooling reads (`configFields`, the static response `schemas`) has one
 * source of truth: the Effect Schema the connector and client decode with.
 *
 * A derived zod schema validates the Effect schema's **encoded** side (the
 * JSON on the wire, or the config as written) and accepts exactly the values
 * the Effect schema decodes:
 *
 * - structure maps one to one: structs to `z.object` (`z.strictObject` when
 *   excess keys are errors), optional keys to `.optional()`, `NullOr` to
 *   `.nullable()`, literal unions to `z.enum`, arrays (and non-empty arrays)
 *   to `z.array` (`.min(1)`);
 * - Effect's built-in filters (`int`, `nonNegative`, `between`, `minLength`,
 *   `pattern`, `trimmed`, `minItems`, …) become the equivalent zod checks;
 * - anything else that can fail (a custom filter, a transformation whose
 *   decode can fail such as `DateTimeUtc` or `BigDecimal`) becomes a zod check
 *   that runs the Effect decoder of that node, so it cannot drift. Known
 *   string formats keep a hint rawdash's arbitraries understand: a
 *   `DateTimeUtc` is a `datetime` string format, a `BigDecimal` a string
 *   matching the decimal grammar (plus the decoder's own check).
 *
 * Why not `z.fromJSONSchema(JSONSchema.make(schema))`: JSON Schema cannot say
 * "a string that decodes as a date" or "as a decimal", and Effect's JSON
 * Schema states `additionalProperties: false` where its decoder ignores excess
 * keys, so that route accepts bad dates and rejects new API fields, the
 * opposite of the client (shown in `test/Schemas.test.ts`).
 *
 * The compiler supports the constructs the connector's schemas use and throws
 * on anything else (index signatures, exact-optional keys, tuples, suspended
 * schemas), so a schema it cannot translate exactly fails at import, in tests,
 * rather than being approximated.
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { z } from "zod"

/**
 * How a derived schema treats keys its struct does not declare: `ignore`
 * (Effect's default, and the client's when decoding responses) or `error`.
 * @since 0.2.0
 */
export type ExcessProperty = "ignore" | "error"

/**
 * Options of {@link fromSchema} and {@link fromStruct}.
 * @since 0.2.0
 */
export interface Options {
  /** Default `ignore`; use the option the Effect schema is decoded with. */
  readonly onExcessProperty?: ExcessProperty | undefined
}

/**
 * Options of {@link fromStruct}: also the zod `.meta()` of each top-level field.
 * @since 0.2.0
 */
export interface StructOptions extends Options {
  /** The metadata of a top-level field, from its property signature; `undefined` for none. */
  readonly meta?:
    ((name: string, property: SchemaAST.PropertySignature) => Record<string, unknown> | undefined) | undefined
}

/**
 * The grammar of the strings `BigDecimal.fromString` accepts (the empty
 * string reads as 0): a superset of them, since the decoder also refuses
 * exponents and scales that are not safe integers, which it checks itself.
 * @since 0.2.0
 */
export const DECIMAL_PATTERN = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)?$/

const unsupported = (ast: SchemaAST.AST, what: string): never => {
  throw new Error(`ZodSchema: cannot translate ${what} exactly (${String(ast)})`)
}

/** Effect filters whose JSON Schema annotation states the predicate exactly. */
const NATIVE_FILTERS: ReadonlySet<symbol> = new Set([
  Schema.IntSchemaId,
  Schema.GreaterThanSchemaId,
  Schema.GreaterThanOrEqualToSchemaId,
  Schema.LessThanSchemaId,
  Schema.LessThanOrEqualToSchemaId,
  Schema.BetweenSchemaId,
  Schema.MinLengthSchemaId,
  Schema.MaxLengthSchemaId,
  Schema.LengthSchemaId,
  Schema.PatternSchemaId,
  Schema.TrimmedSchemaId,
  Schema.MinItemsSchemaId,
  Schema.MaxItemsSchemaId,
  Schema.ItemsCountSchemaId
])

type Native = Readonly<Record<string, unknown>>

/** The zod checks equivalent to a built-in filter, or `undefined` if a key is not understood. */
const nativeChecks = (base: z.ZodType, json: Native, ast: SchemaAST.Refinement): z.ZodType | undefined => {
  let out: z.ZodType = base
  for (const [key, value] of Object.entries(json)) {
    if (out instanceof z.ZodNumber) {
      if (key === "type" && value === "integer") out = out.int()
      else if (key === "minimum" && typeof value === "number") out = out.gte(value)
      else if (key === "maximum" && typeof value === "number") out = out.lte(value)
      else if (key === "exclusiveMinimum" && typeof value === "number") out = out.gt(value)
      else if (key === "exclusiveMaximum" && typeof value === "number") out = out.lt(value)
      else return undefined
    } else if (out instanceof z.ZodString) {
      if (key === "minLength" && typeof value === "number") out = out.min(value)
      else if (key === "maxLength" && typeof value === "number") out = out.max(value)
      else if (key === "pattern" && typeof value === "string") {
        const given = ast.annotations[Schema.PatternSchemaId] as { readonly regex?: unknown } | undefined
        out = out.regex(given?.regex instanceof RegExp ? given.regex : new RegExp(value))
      } else return undefined
    } else if (out instanceof z.ZodArray) {
      if (key === "minItems" && typeof value === "number") out = out.min(value)
      else if (key === "maxItems" && typeof value === "number") out = out.max(value)
      else return undefined
    } else return undefined
  }
  return out
}

const parseOptions = (excess: ExcessProperty): SchemaAST.ParseOptions => ({ onExcessProperty: excess })

/** A predicate running the Effect decoder of one node. */
const decodes = (ast: SchemaAST.AST, excess: ExcessProperty) => {
  const decode = Schema.decodeUnknownEither(Schema.make(ast), parseOptions(excess))
  return (value: unknown): boolean => Either.isRight(decode(value))
}

const expected = (ast: SchemaAST.AST): string =>
  Option.getOrElse(SchemaAST.getDescriptionAnnotation(ast), () =>
    Option.getOrElse(SchemaAST.getTitleAnnotation(ast), () => String(ast))
  )

/** What a transformation's input must be, e.g. "a string to be decoded into a DateTime.Utc". */
const expectedInput = (ast: SchemaAST.Transformation): string => {
  const from = expected(ast.from)
  if (from !== "a string") return from
  return Option.match(SchemaAST.getIdentifierAnnotation(ast), {
    onNone: () => from,
    onSome: (id) => `a string to be decoded into a ${id}`
  })
}

/**
 * A check delegated to Effect. It runs only on a value with no issue so far,
 * so a value that already failed a structural check reports that alone.
 */
const refine = (isValid: (value: unknown) => boolean, message: string) =>
  z.refine(isValid, { message, when: (payload) => payload.issues.length === 0 })

/**
 * String formats of Effect's built-in transformations, as hints rawdash's
 * arbitraries understand; the decoder still decides what is accepted.
 */
const FORMATS: Readonly<
  Record<string, (isValid: (value: unknown) => boolean, message: string) => z.ZodType>
> = {
  DateTimeUtc: (isValid, message) => z.stringFormat("datetime", isValid, { message }),
  BigDecimal: (isValid, message) =>
    z.string().regex(DECIMAL_PATTERN, { message }).check(refine(isValid, message))
}

const isUndefined = (ast: SchemaAST.AST) => ast._tag === "UndefinedKeyword"
const isNull = (ast: SchemaAST.AST) => ast._tag === "Literal" && ast.literal === null

/** The members of nested unions, flattened (nesting never changes what a union accepts). */
const members = (types: ReadonlyArray<SchemaAST.AST>): Array<SchemaAST.AST> =>
  types.flatMap((type) => (type._tag === "Union" ? members(type.types) : [type]))

const compile = (ast: SchemaAST.AST, excess: ExcessProperty): z.ZodType => {
  switch (ast._tag) {
    case "StringKeyword":
      return z.string()
    case "NumberKeyword":
      return z.number()
    case "BooleanKeyword":
      return z.boolean()
    case "Literal":
      return ast.literal === null
        ? z.null()
        : typeof ast.literal === "bigint"
          ? unsupported(ast, "a bigint literal")
          : z.literal(ast.literal)
    case "Union":
      return union(ast, members(ast.types), excess)
    case "TupleType":
      return tuple(ast, excess)
    case "TypeLiteral":
      return struct(ast, excess, undefined)
    case "Refinement": {
      const base = compile(ast.from, excess)
      const id = SchemaAST.getSchemaIdAnnotation(ast)
      const json = SchemaAST.getJSONSchemaAnnotation(ast)
      if (Option.isSome(id) && typeof id.value === "symbol" && NATIVE_FILTERS.has(id.value)) {
        const native = Option.isSome(json) ? nativeChecks(base, json.value as Native, ast) : undefined
        if (native !== undefined) return native
      }
      return base.check(refine(decodes(ast, excess), `expected ${expected(ast)}`))
    }
    case "Transformation": {
      if (ast.transformation._tag === "TypeLiteralTransformation") {
        // defaults and optionality only (the decode cannot fail once `from` is valid); renamed keys are not supported
        for (const property of ast.transformation.propertySignatureTransformations) {
          if (property.from !== property.to) unsupported(ast, "a renamed key")
        }
        return compile(ast.from, excess)
      }
      const isValid = decodes(ast, excess)
      const message = `expected ${expectedInput(ast)}`
      const format = Option.flatMap(SchemaAST.getIdentifierAnnotation(ast), (id) =>
        Option.fromNullable(FORMATS[id])
      )
      if (Option.isSome(format) && ast.from._tag === "StringKeyword") return format.value(isValid, message)
      return compile(ast.from, excess).check(refine(isValid, message))
    }
    default:
      return unsupported(ast, ast._tag)
  }
}

const union = (
  ast: SchemaAST.AST,
  types: ReadonlyArray<SchemaAST.AST>,
  excess: ExcessProperty
): z.ZodType => {
  if (types.some(isUndefined)) return unsupported(ast, "undefined outside an optional key")
  const rest = types.filter((type) => !isNull(type))
  const literals = rest.flatMap((type) =>
    type._tag === "Literal" && typeof type.literal === "string" ? [type.literal] : []
  )
  const others = rest.filter((type) => !(type._tag === "Literal" && typeof type.literal === "string"))
  const parts: Array<z.ZodType> = [
    ...(literals.length > 1
      ? [z.enum(literals as [string, ...Array<string>])]
      : literals.map((literal) => z.literal(literal))),
    ...others.map((type) => compile(type, excess))
  ]
  const [first, ...more] = parts
  const core = first === undefined ? z.never() : more.length === 0 ? first : z.union([first, ...more])
  return rest.length < types.length ? (first === undefined ? z.null() : core.nullable()) : core
}

const tuple = (ast: SchemaAST.TupleType, excess: ExcessProperty): z.ZodType => {
  const [element, ...elements] = ast.elements
  const [rest, ...more] = ast.rest
  if (rest === undefined || more.length > 0) return unsupported(ast, "a tuple")
  const items = z.array(compile(rest.type, excess))
  if (element === undefined) return items
  // NonEmptyArray: one required element of the rest's type
  if (elements.length === 0 && !element.isOptional && element.type === rest.type) return items.min(1)
  return unsupported(ast, "a tuple")
}

const property = (ast: SchemaAST.PropertySignature, excess: ExcessProperty): z.ZodType => {
  if (!ast.isOptional) return compile(ast.type, excess)
  const types = members(ast.type._tag === "Union" ? ast.type.types : [ast.type])
  if (!types.some(isUndefined)) return unsupported(ast.type, "an exact-optional key")
  return union(
    ast.type,
    types.filter((type) => !isUndefined(type)),
    excess
  ).optional()
}

const struct = (
  ast: SchemaAST.TypeLiteral,
  excess: ExcessProperty,
  meta: StructOptions["meta"]
): z.ZodObject<Record<string, z.ZodType>> => {
  if (ast.indexSignatures.length > 0) return unsupported(ast, "an index signature")
  const shape: Record<string, z.ZodType> = {}
  for (const signature of ast.propertySignatures) {
    if (typeof signature.name !== "string") return unsupported(ast, "a symbol key")
    const field = property(signature, excess)
    const metadata = meta?.(signature.name, signature)
    shape[signature.name] = metadata === undefined ? field : field.meta(metadata)
  }
  return excess === "error" ? z.strictObject(shape) : z.object(shape)
}

/**
 * The zod 4 schema accepting exactly the encoded values `schema` decodes
 * (with the same `onExcessProperty`). Its output is the input, with
 * undeclared keys stripped unless they are errors.
 * @since 0.2.0
 */
export const fromSchema = <A, I>(schema: Schema.Schema<A, I, never>, options: Options = {}): z.ZodType<I> =>
  compile(schema.ast, options.onExcessProperty ?? "ignore") as z.ZodType<I>

/**
 * {@link fromSchema} for a struct, as a `z.ZodObject` whose top-level fields
 * carry `.meta()` (rawdash's `configFields` shape). Throws if `schema` is not
 * a plain struct.
 * @since 0.2.0
 */
export const fromStruct = <A, I extends object>(
  schema: Schema.Schema<A, I, never>,
  options: StructOptions = {}
): z.ZodObject<{ [K in keyof I & string]-?: z.ZodType }> => {
  const ast = schema.ast
  if (ast._tag !== "TypeLiteral") return unsupported(ast, "a non-struct as an object")
  return struct(ast, options.onExcessProperty ?? "ignore", options.meta) as unknown as z.ZodObject<{
    [K in keyof I & string]-?: z.ZodType
  }>
}
