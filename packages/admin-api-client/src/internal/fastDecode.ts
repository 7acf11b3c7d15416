/**
 * A fast path for `Schema.decodeUnknown`, compiled from the Schema's own AST, with the Schema
 * decode as the fallback that decides everything the fast path cannot confirm (and so produces
 * the exact error and its path).
 *
 * Why: decoding a report page through `ParseResult` costs many times `JSON.parse` (every node is
 * an `Either`, every struct with `optionalWith` is decoded twice — the encoded side, then the type
 * side again — and every failure path is prepared). The pages are valid almost always; what must
 * be exact is *what is accepted* and *what it decodes to*. So this module compiles the AST once
 * into plain closures that walk the input, build the same output and answer one of:
 * - the decoded value: the Schema decode would succeed with a value equal to it (same keys in
 *   the same order, same primitives, the same `DateTime`/`BigDecimal` as the Schema's own
 *   transformations build — they are called, not re-implemented);
 * - `REJECT`: the Schema decode fails too (then it runs, to produce its error);
 * - `UNKNOWN`: the fast path cannot tell (an asynchronous transformation, an output that would
 *   differ from the input it checked): the Schema decode runs and its answer is the answer.
 *
 * It mirrors `ParseResult`'s semantics node by node for the subset the report schemas use —
 * keywords, literals, enums, refinements (their own filters are called), unions (members in
 * order, as `ParseResult` tries them when no member is discriminated by a literal), arrays,
 * structs, declarations (their own parsers are called), final and compose transformations, and
 * struct transformations whose property signature transformations keep each key (what
 * `Schema.optionalWith` builds) — and refuses to compile anything else (index signatures, tuples
 * with elements, template literals, suspended schemas, discriminated unions, parse-option and
 * decoding-fallback annotations), which then always takes the Schema decode. Only the parse
 * options the fast path mirrors take it: `onExcessProperty` absent or `"ignore"`, `exact` not
 * `true`, `propertyOrder` absent or `"none"`; `errors` only shapes failures, which the Schema
 * decode reports.
 *
 * One shortcut, the invariant every Effect schema keeps: a value just decoded by a property's
 * encoded side is valid for its type side (`typeSchema`), decoding to itself. So the type side of
 * a struct transformation is re-checked only where it could differ: defaults, values a property
 * signature transformation changed, and properties whose type side is not `typeAST` of their
 * encoded side. Property tests (test/FastDecode.test.ts) hold the fast path to the Schema on
 * random valid pages and on mutated invalid ones.
 *
 * No code generation (`new Function`): the compiled decoder is closures, so it runs where eval
 * is forbidden (Cloudflare Workers, strict CSP), like the rest of the client.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import type * as ParseResult from "effect/ParseResult"

/**
 * An annotation on a property signature built with `Schema.optionalWith` and a default, promising
 * that its decoding keeps a present value as it is unless the value is `undefined` (`"undefined"`)
 * or `null`/`undefined` (`"nullish"`: with `nullable: true`). The fast path then skips the
 * transformation for such values — it would build two `Option`s per property per row — and calls
 * it for every other value (absent keys, `null`s). Set only where the client builds those
 * properties (`internal/schema.ts`); the property tests hold every use to the Schema decode.
 */
export const PassesPresent: unique symbol = Symbol.for(
  "@rawdash/anthropic-admin-api/fastDecode/PassesPresent"
)

/** What a {@link PassesPresent} annotation promises. */
export type PassesPresent = "undefined" | "nullish"

/** The Schema decode would fail. */
const REJECT: unique symbol = Symbol.for("@rawdash/anthropic-admin-api/fastDecode/REJECT")
/** The fast path cannot tell; the Schema decode decides. */
const UNKNOWN: unique symbol = Symbol.for("@rawdash/anthropic-admin-api/fastDecode/UNKNOWN")
type Verdict = typeof REJECT | typeof UNKNOWN

/** A compiled decoding step: the decoded value, or a verdict. */
type Step = (input: unknown, options: AST.ParseOptions) => unknown

/** A compiled type-side check: `SAME` (accepted, decodes to the very input), or a verdict. */
const SAME: unique symbol = Symbol.for("@rawdash/anthropic-admin-api/fastDecode/SAME")
type Check = (input: unknown, options: AST.ParseOptions) => typeof SAME | Verdict

const isVerdict = (u: unknown): u is Verdict => u === REJECT || u === UNKNOWN

class Unsupported extends Error {}

const unsupported = (ast: AST.AST, why: string): never => {
  throw new Unsupported(`${ast._tag}: ${why}`)
}

const hasOwn = Object.prototype.hasOwnProperty

/** Annotations that change how `ParseResult` runs a node; the fast path does not mirror them. */
const checkAnnotations = (ast: AST.AST): void => {
  if (Option.isSome(AST.getParseOptionsAnnotation(ast))) unsupported(ast, "parse options annotation")
  if (Option.isSome(AST.getDecodingFallbackAnnotation(ast))) unsupported(ast, "decoding fallback annotation")
}

/** A primitive test of `ParseResult`'s leaf nodes, or `undefined` for other nodes. */
const leaf = (ast: AST.AST): ((u: unknown) => boolean) | undefined => {
  switch (ast._tag) {
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal
    }
    case "UniqueSymbol": {
      const symbol = ast.symbol
      return (u) => u === symbol
    }
    case "UndefinedKeyword":
      return (u) => u === undefined
    case "NeverKeyword":
      return () => false
    case "UnknownKeyword":
    case "AnyKeyword":
    case "VoidKeyword":
      return () => true
    case "StringKeyword":
      return (u) => typeof u === "string"
    case "NumberKeyword":
      return (u) => typeof u === "number"
    case "BooleanKeyword":
      return (u) => typeof u === "boolean"
    case "BigIntKeyword":
      return (u) => typeof u === "bigint"
    case "SymbolKeyword":
      return (u) => typeof u === "symbol"
    case "ObjectKeyword":
      return Predicate.isObject
    case "Enums": {
      const values = ast.enums.map(([, value]) => value)
      return (u) => values.some((value) => value === u)
    }
    default:
      return undefined
  }
}

/**
 * Whether `ParseResult` would pick union candidates by a literal property of this member (its
 * "search tree"), which can skip members; such unions are not compiled.
 */
const discriminated = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Declaration":
      return Option.isSome(AST.getSurrogateAnnotation(ast))
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(AST.encodedAST(ps.type)))
    case "TupleType":
      return ast.elements.some((e) => !e.isOptional && AST.isLiteral(AST.encodedAST(e.type)))
    case "Refinement":
      return discriminated(ast.from)
    case "Transformation":
      return discriminated(ast.from)
    case "Suspend":
      return true
    default:
      return false
  }
}

const checkUnion = (ast: AST.Union): void => {
  if (ast.types.some(discriminated)) unsupported(ast, "a member discriminated by a literal")
}

// ---------------------------------------------------------------------------
// decoding steps
// ---------------------------------------------------------------------------

const steps = new WeakMap<AST.AST, Step>()

const step = (ast: AST.AST): Step => {
  const memo = steps.get(ast)
  if (memo !== undefined) return memo
  checkAnnotations(ast)
  const made = makeStep(ast)
  steps.set(ast, made)
  return made
}

/**
 * One test for a union whose members, nested unions flattened, are all leaves: such a union
 * returns its input whichever member accepts it, so the members' order does not matter.
 */
const leafUnion = (ast: AST.Union): ((u: unknown) => boolean) | undefined => {
  const all = members(ast)
  if (!all.every((m) => leaf(m) !== undefined)) return undefined
  all.forEach(checkAnnotations)
  const kinds = new Set<string>()
  const values: Array<unknown> = []
  const others: Array<(u: unknown) => boolean> = []
  for (const m of all) {
    switch (m._tag) {
      case "StringKeyword":
        kinds.add("string")
        break
      case "NumberKeyword":
        kinds.add("number")
        break
      case "BooleanKeyword":
        kinds.add("boolean")
        break
      case "Literal":
        values.push(m.literal)
        break
      case "UndefinedKeyword":
        values.push(undefined)
        break
      default:
        others.push(leaf(m)!)
    }
  }
  const n = values.length
  return (u) => {
    if (kinds.has(typeof u)) return true
    for (let i = 0; i < n; i++) if (values[i] === u) return true
    for (let i = 0; i < others.length; i++) if (others[i]!(u)) return true
    return false
  }
}

/** A chain of refinements over a leaf, as one test and its filters (innermost first). */
const refinedLeaf = (
  ast: AST.Refinement
):
  { readonly test: (u: unknown) => boolean; readonly filters: ReadonlyArray<AST.Refinement> } | undefined => {
  const chain: Array<AST.Refinement> = []
  let at: AST.AST = ast
  while (AST.isRefinement(at)) {
    checkAnnotations(at)
    chain.unshift(at)
    at = at.from
  }
  checkAnnotations(at)
  const test = leaf(at)
  return test === undefined ? undefined : { test, filters: chain }
}

const makeStep = (ast: AST.AST): Step => {
  const test = leaf(ast)
  if (test !== undefined) return (u) => (test(u) ? u : REJECT)
  switch (ast._tag) {
    case "Refinement": {
      const refined = refinedLeaf(ast)
      if (refined !== undefined) {
        const { filters, test } = refined
        return (u, options) => {
          if (!test(u)) return REJECT
          for (let i = 0; i < filters.length; i++) {
            const refinement = filters[i]!
            if (Option.isSome(refinement.filter(u, options, refinement))) return REJECT
          }
          return u
        }
      }
      const from = step(ast.from)
      const filter = ast.filter
      return (u, options) => {
        const a = from(u, options)
        if (isVerdict(a)) return a
        return Option.isNone(filter(a, options, ast)) ? a : REJECT
      }
    }
    case "Union": {
      checkUnion(ast)
      const flat = leafUnion(ast)
      if (flat !== undefined) return (u) => (flat(u) ? u : REJECT)
      const choices = ast.types.map(step)
      return (u, options) => {
        for (let i = 0; i < choices.length; i++) {
          const r = choices[i]!(u, options)
          if (r !== REJECT) return r
        }
        return REJECT
      }
    }
    case "TupleType": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) unsupported(ast, "only arrays (one rest element)")
      const item = step(ast.rest[0]!.type)
      return (u, options) => {
        if (!Array.isArray(u)) return REJECT
        const out: Array<unknown> = []
        for (let i = 0; i < u.length; i++) {
          const r = item(u[i], options)
          if (isVerdict(r)) return r
          out.push(r)
        }
        return out
      }
    }
    case "TypeLiteral":
      return structStep(ast)
    case "Declaration": {
      const parse = ast.decodeUnknown(...ast.typeParameters)
      return (u, options) => {
        const r = parse(u, options, ast)
        if (!Either.isEither(r)) return UNKNOWN
        return Either.isLeft(r) ? REJECT : r.right
      }
    }
    case "Transformation":
      return transformationStep(ast)
    default:
      return unsupported(ast, "not compiled")
  }
}

const structStep = (ast: AST.TypeLiteral): Step => {
  if (ast.indexSignatures.length > 0) unsupported(ast, "index signatures")
  if (ast.propertySignatures.length === 0) return (u) => (u === null || u === undefined ? REJECT : u)
  const names = ast.propertySignatures.map((ps) => ps.name)
  const optional = ast.propertySignatures.map((ps) => ps.isOptional)
  const props = ast.propertySignatures.map((ps) => step(ps.type))
  const n = names.length
  return (u, options) => {
    if (!Predicate.isRecord(u)) return REJECT
    const out: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < n; i++) {
      const name = names[i]!
      if (optional[i] && !hasOwn.call(u, name)) continue
      const r = props[i]!(u[name], options)
      if (isVerdict(r)) return r
      out[name] = r
    }
    return out
  }
}

/**
 * `Schema.DateTimeUtc`'s decoding, keeping the last instant it decoded: a report's buckets are
 * contiguous, so each bucket's `starting_at` is the string the previous bucket's `ending_at` just
 * was, and both get the same `DateTime.Utc` — equal to what the Schema decode builds anew (its
 * decoding is a function of the string alone; a `DateTime` is immutable). Half the instants of a
 * page, each a dictionary-mode object of about 600 bytes: half the allocation of a `1m` page.
 */
const lastInstant = (transform: Step): Step => {
  let lastInput: string | undefined = undefined
  let lastOutput: unknown = undefined
  return (u, options) => {
    // (a string only: before the first instant `lastInput` is `undefined`, as an absent key reads)
    if (typeof u !== "string") return transform(u, options)
    if (u === lastInput) return lastOutput
    const r = transform(u, options)
    if (!isVerdict(r)) {
      lastInput = u
      lastOutput = r
    }
    return r
  }
}

const transformationStep = (ast: AST.Transformation): Step => {
  const transformation = ast.transformation
  switch (transformation._tag) {
    case "FinalTransformation": {
      const from = step(ast.from)
      const to = step(ast.to)
      const decode = transformation.decode
      const transform: Step = (u, options) => {
        const a = from(u, options)
        if (isVerdict(a)) return a
        const r = decode(a, options, ast, u)
        if (!Either.isEither(r)) return UNKNOWN
        return Either.isLeft(r) ? REJECT : to(r.right, options)
      }
      return ast === Schema.DateTimeUtc.ast ? lastInstant(transform) : transform
    }
    case "ComposeTransformation": {
      const from = step(ast.from)
      const to = step(ast.to)
      return (u, options) => {
        const a = from(u, options)
        return isVerdict(a) ? a : to(a, options)
      }
    }
    case "TypeLiteralTransformation":
      return structTransformationStep(ast, transformation)
  }
}

/**
 * A struct whose property signature transformations keep each key (`Schema.optionalWith`,
 * `Schema.optional` with defaults, …), encoded and type sides with the same keys in the same
 * order: decoded in one pass, in the type side's key order, as `ParseResult` would after its
 * three steps (the encoded struct, the transformations, the type struct).
 */
const structTransformationStep = (
  ast: AST.Transformation,
  transformation: AST.TypeLiteralTransformation
): Step => {
  const from = ast.from
  const to = ast.to
  if (!AST.isTypeLiteral(from) || !AST.isTypeLiteral(to)) {
    return unsupported(ast, "struct transformation sides")
  }
  if (from.indexSignatures.length > 0 || to.indexSignatures.length > 0) unsupported(ast, "index signatures")
  checkAnnotations(from)
  checkAnnotations(to)
  const fromProps = from.propertySignatures
  const toProps = to.propertySignatures
  if (fromProps.length !== toProps.length || fromProps.some((ps, i) => ps.name !== toProps[i]!.name)) {
    unsupported(ast, "sides with other keys")
  }
  const names = fromProps.map((ps) => ps.name)
  const psts = names.map((): ((o: Option.Option<unknown>) => Option.Option<unknown>) | undefined => undefined)
  for (const pst of transformation.propertySignatureTransformations) {
    const i = names.indexOf(pst.from)
    if (pst.from !== pst.to || i < 0 || psts[i] !== undefined) {
      unsupported(ast, "a transformation that moves a key")
    }
    psts[i] = pst.decode
  }
  const passes = toProps.map((ps) => ps.annotations[PassesPresent] as PassesPresent | undefined)
  const fromOptional = fromProps.map((ps) => ps.isOptional)
  const toOptional = toProps.map((ps) => ps.isOptional)
  const decoders = fromProps.map((ps) => step(ps.type))
  const trusted = fromProps.map((ps, i) => trust(ps.type, toProps[i]!.type))
  const checks = toProps.map((ps) => check(ps.type))
  const n = names.length
  return (u, options) => {
    if (!Predicate.isRecord(u)) return REJECT
    const out: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < n; i++) {
      const name = names[i]!
      const present = !(fromOptional[i] && !hasOwn.call(u, name))
      let value: unknown = undefined
      if (present) {
        value = decoders[i]!(u[name], options)
        if (isVerdict(value)) return value
      }
      const pst = psts[i]
      let has = present
      let result = value
      const pass = passes[i]
      const passed =
        present && pass !== undefined && value !== undefined && (pass === "undefined" || value !== null)
      if (pst !== undefined && !passed) {
        const o = pst(present ? Option.some(value) : Option.none())
        has = Option.isSome(o)
        result = has ? (o as Option.Some<unknown>).value : undefined
      }
      if (!has) {
        if (toOptional[i]) continue
        result = undefined
      } else if (present && result === value && trusted[i]!(value)) {
        out[name] = result
        continue
      }
      const verdict = checks[i]!(result, options)
      if (verdict !== SAME) return verdict
      out[name] = result
    }
    return out
  }
}

// ---------------------------------------------------------------------------
// when the type side need not be checked again
// ---------------------------------------------------------------------------

/** Whether two ASTs parse alike (structurally equal; annotations that change parsing never are). */
const sameAST = (a: AST.AST, b: AST.AST): boolean => {
  if (a === b) return true
  if (a._tag !== b._tag) return false
  for (const ast of [a, b]) {
    if (
      Option.isSome(AST.getParseOptionsAnnotation(ast)) ||
      Option.isSome(AST.getDecodingFallbackAnnotation(ast))
    ) {
      return false
    }
  }
  const all = <X>(xs: ReadonlyArray<X>, ys: ReadonlyArray<X>, same: (x: X, y: X) => boolean) =>
    xs.length === ys.length && xs.every((x, i) => same(x, ys[i]!))
  switch (a._tag) {
    case "Literal":
      return a.literal === (b as AST.Literal).literal
    case "UniqueSymbol":
      return a.symbol === (b as AST.UniqueSymbol).symbol
    case "Enums":
      return all(a.enums, (b as AST.Enums).enums, (x, y) => x[1] === y[1])
    case "Declaration": {
      const d = b as AST.Declaration
      return a.decodeUnknown === d.decodeUnknown && all(a.typeParameters, d.typeParameters, sameAST)
    }
    case "Refinement": {
      const r = b as AST.Refinement
      return a.filter === r.filter && sameAST(a.from, r.from)
    }
    case "Union":
      return all(a.types, (b as AST.Union).types, sameAST)
    case "TupleType": {
      const t = b as AST.TupleType
      return (
        all(a.elements, t.elements, (x, y) => x.isOptional === y.isOptional && sameAST(x.type, y.type)) &&
        all(a.rest, t.rest, (x, y) => sameAST(x.type, y.type))
      )
    }
    case "TypeLiteral": {
      const t = b as AST.TypeLiteral
      return (
        all(
          a.propertySignatures,
          t.propertySignatures,
          (x, y) => x.name === y.name && x.isOptional === y.isOptional && sameAST(x.type, y.type)
        ) &&
        all(
          a.indexSignatures,
          t.indexSignatures,
          (x, y) => sameAST(x.parameter, y.parameter) && sameAST(x.type, y.type)
        )
      )
    }
    case "TemplateLiteral":
    case "Suspend":
    case "Transformation":
      return false
    default:
      // keywords
      return true
  }
}

/** A union's members, nested unions flattened. */
const members = (ast: AST.AST): ReadonlyArray<AST.AST> =>
  AST.isUnion(ast) &&
  Option.isNone(AST.getParseOptionsAnnotation(ast)) &&
  Option.isNone(AST.getDecodingFallbackAnnotation(ast))
    ? ast.types.flatMap(members)
    : [ast]

/** A node whose successful decoding returns its very input. */
const identity = (ast: AST.AST): boolean =>
  leaf(ast) !== undefined || (AST.isRefinement(ast) && identity(ast.from))

/**
 * For a struct transformation's property: which values, just decoded by the encoded side
 * `fromType` and passed through unchanged, the type side `toType` surely accepts as they are
 * (then they are not checked again). By the invariant every schema keeps (a value decoded by `X`
 * is valid for, and decodes to itself on, `typeSchema(X)`), that is every value when `toType` is
 * `typeAST(fromType)`; else, when `toType` holds the type side of every member of `fromType` but
 * some literals (`null`, `undefined`: what a default replaces), every value but those literals
 * — provided `toType` cannot pick another member than the one that matched (a single type, or a
 * union of primitives).
 */
const trust = (fromType: AST.AST, toType: AST.AST): ((value: unknown) => boolean) => {
  const typed = AST.typeAST(fromType)
  if (sameAST(toType, typed)) return () => true
  const targets = members(toType)
  if (targets.length > 1 && !targets.every(identity)) return () => false
  const uncovered = members(typed).filter((m) => !targets.some((t) => sameAST(t, m)))
  if (!uncovered.every((m) => AST.isLiteral(m) || m._tag === "UndefinedKeyword")) return () => false
  const excluded = uncovered.map((m) => (AST.isLiteral(m) ? m.literal : undefined))
  return (value) => !excluded.some((x) => x === value)
}

// ---------------------------------------------------------------------------
// type-side checks
// ---------------------------------------------------------------------------

const checksMemo = new WeakMap<AST.AST, Check>()

const check = (ast: AST.AST): Check => {
  const memo = checksMemo.get(ast)
  if (memo !== undefined) return memo
  checkAnnotations(ast)
  const made = makeCheck(ast)
  checksMemo.set(ast, made)
  return made
}

const makeCheck = (ast: AST.AST): Check => {
  const test = leaf(ast)
  if (test !== undefined) return (u) => (test(u) ? SAME : REJECT)
  switch (ast._tag) {
    case "Refinement": {
      const from = check(ast.from)
      const filter = ast.filter
      return (u, options) => {
        const r = from(u, options)
        if (r !== SAME) return r
        return Option.isNone(filter(u, options, ast)) ? SAME : REJECT
      }
    }
    case "Union": {
      checkUnion(ast)
      const choices = ast.types.map(check)
      return (u, options) => {
        for (let i = 0; i < choices.length; i++) {
          const r = choices[i]!(u, options)
          if (r !== REJECT) return r
        }
        return REJECT
      }
    }
    case "TupleType": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) unsupported(ast, "only arrays (one rest element)")
      const item = check(ast.rest[0]!.type)
      return (u, options) => {
        if (!Array.isArray(u)) return REJECT
        for (let i = 0; i < u.length; i++) {
          const r = item(u[i], options)
          if (r !== SAME) return r
        }
        // the Schema decode returns a copy: equal only for a plain array without holes
        return Object.getPrototypeOf(u) === Array.prototype ? SAME : UNKNOWN
      }
    }
    case "TypeLiteral": {
      if (ast.indexSignatures.length > 0) unsupported(ast, "index signatures")
      if (ast.propertySignatures.length === 0) return (u) => (u === null || u === undefined ? REJECT : SAME)
      const names = ast.propertySignatures.map((ps) => ps.name)
      const optional = ast.propertySignatures.map((ps) => ps.isOptional)
      const props = ast.propertySignatures.map((ps) => check(ps.type))
      // the key count below sees string keys only
      const countable = names.every((name) => typeof name === "string")
      const n = names.length
      return (u, options) => {
        if (!Predicate.isRecord(u)) return REJECT
        let found = 0
        let verdict: typeof SAME | Verdict = SAME
        for (let i = 0; i < n; i++) {
          const name = names[i]!
          const has = hasOwn.call(u, name)
          if (!has && optional[i]) continue
          const r = props[i]!(u[name], options)
          if (r === REJECT) return REJECT
          // a missing required key the type accepts as undefined is added by the Schema decode
          if (r === UNKNOWN || !has) verdict = UNKNOWN
          if (has) found++
        }
        if (verdict !== SAME) return verdict
        // the Schema decode returns a plain object with the declared keys only
        if (Object.getPrototypeOf(u) !== Object.prototype) return UNKNOWN
        let keys = 0
        for (const key in u) if (hasOwn.call(u, key)) keys++
        return countable && keys === found ? SAME : UNKNOWN
      }
    }
    case "Declaration": {
      const parse = ast.decodeUnknown(...ast.typeParameters)
      return (u, options) => {
        const r = parse(u, options, ast)
        if (!Either.isEither(r)) return UNKNOWN
        if (Either.isLeft(r)) return REJECT
        return r.right === u ? SAME : UNKNOWN
      }
    }
    default:
      return unsupported(ast, "no type-side check")
  }
}

// ---------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------

const compiled = new WeakMap<AST.AST, Step | null>()

/**
 * The compiled fast path of a schema's decoding, or `undefined` when the schema uses a feature the
 * fast path does not mirror (then the Schema decode is always used). Compiled once per AST.
 */
export const compile = (ast: AST.AST): Step | undefined => {
  const memo = compiled.get(ast)
  if (memo !== undefined) return memo ?? undefined
  let made: Step | null
  try {
    made = step(ast)
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error
    made = null
  }
  compiled.set(ast, made)
  return made ?? undefined
}

/** Parse options under which the fast path decides exactly as the Schema decode. */
const mirrored = (options: AST.ParseOptions | undefined): boolean =>
  options === undefined ||
  ((options.onExcessProperty === undefined || options.onExcessProperty === "ignore") &&
    options.exact !== true &&
    (options.propertyOrder === undefined || options.propertyOrder === "none"))

const merge = (
  options: AST.ParseOptions | undefined,
  override: AST.ParseOptions | undefined
): AST.ParseOptions | undefined =>
  override === undefined ? options : options === undefined ? override : { ...options, ...override }

/** The fast path's answer: the decoded value, or `UNKNOWN` (the Schema decode decides). */
const fast = (decode: Step, u: unknown, options: AST.ParseOptions): unknown => {
  try {
    return decode(u, options)
  } catch {
    // a filter or transformation threw: the Schema decode runs it again and reports it
    return UNKNOWN
  }
}

/**
 * Drop-in for `Schema.decodeUnknown(schema, options)`: the fast path's value when it confirms
 * the input, else the Schema decode (its success, or its `ParseError` with the exact path).
 */
export const decodeUnknown = <A, I>(
  schema: Schema.Schema<A, I, never>,
  options?: AST.ParseOptions
): ((u: unknown, overrideOptions?: AST.ParseOptions) => Effect.Effect<A, ParseResult.ParseError>) => {
  const slow = Schema.decodeUnknown(schema, options)
  const decode = compile(schema.ast)
  if (decode === undefined) return slow
  return (u, overrideOptions) => {
    const merged = merge(options, overrideOptions)
    if (mirrored(merged)) {
      const value = fast(decode, u, merged ?? AST.defaultParseOption)
      if (!isVerdict(value)) return Effect.succeed(value as A)
    }
    return slow(u, overrideOptions)
  }
}

/** Drop-in for `Schema.decodeUnknownEither`. */
export const decodeUnknownEither = <A, I>(
  schema: Schema.Schema<A, I, never>,
  options?: AST.ParseOptions
): ((u: unknown, overrideOptions?: AST.ParseOptions) => Either.Either<A, ParseResult.ParseError>) => {
  const slow = Schema.decodeUnknownEither(schema, options)
  const decode = compile(schema.ast)
  if (decode === undefined) return slow
  return (u, overrideOptions) => {
    const merged = merge(options, overrideOptions)
    if (mirrored(merged)) {
      const value = fast(decode, u, merged ?? AST.defaultParseOption)
      if (!isVerdict(value)) return Either.right(value as A)
    }
    return slow(u, overrideOptions)
  }
}

/** Drop-in for `Schema.decodeUnknownSync` (throws the Schema decode's `ParseError`). */
export const decodeUnknownSync = <A, I>(
  schema: Schema.Schema<A, I, never>,
  options?: AST.ParseOptions
): ((u: unknown, overrideOptions?: AST.ParseOptions) => A) => {
  const either = decodeUnknownEither(schema, options)
  return (u, overrideOptions) => Either.getOrThrowWith(either(u, overrideOptions), (error) => error)
}

/**
 * What the fast path alone answers for `u` (for tests): the decoded value, `"reject"` (the Schema
 * decode fails too), `"unknown"` (the Schema decode decides), or `"unsupported"` (not compiled).
 */
export const probe = <A, I>(
  schema: Schema.Schema<A, I, never>,
  u: unknown,
  options?: AST.ParseOptions
):
  { readonly _tag: "value"; readonly value: A } | { readonly _tag: "reject" | "unknown" | "unsupported" } => {
  const decode = compile(schema.ast)
  if (decode === undefined || !mirrored(options)) return { _tag: "unsupported" }
  const value = fast(decode, u, options ?? AST.defaultParseOption)
  return value === REJECT
    ? { _tag: "reject" }
    : value === UNKNOWN
      ? { _tag: "unknown" }
      : { _tag: "value", value: value as A }
}
