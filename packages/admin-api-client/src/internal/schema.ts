import * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"
import { PassesPresent } from "./fastDecode.js"

/**
 * The fast decoder's promise for a property built with `Schema.optionalWith` and a default: a
 * present value decodes to itself unless it is `undefined` (or, `"nullish"`, `null`).
 */
const passesPresent = (kind: PassesPresent) =>
  ({ [PassesPresent]: kind }) as Schema.PropertySignature.Annotations<never>

/**
 * An enum that accepts values it does not know yet: the known literals keep
 * their autocomplete, and any other string decodes too (the API adds values).
 */
export const openEnum = <const L extends ReadonlyArray<string>>(...literals: L) =>
  Schema.Union(Schema.Literal(...literals), Schema.String) as unknown as Schema.Schema<
    L[number] | (string & {}),
    L[number] | (string & {})
  >

/**
 * The one rule for keys the spec does not require (reference §10.4): an
 * absent key reads as `null`, exactly like an explicit `null`, so a page never
 * fails because a row left a key out. Decoded, the field is always present
 * (`A | null`, never `undefined`); encoded, it is written as its value or `null`.
 * Every report row and envelope uses this for each key the spec leaves optional.
 */
export const nullIfAbsent = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null }).annotations(passesPresent("undefined"))

/** A non-negative integer count, as the API sends token counts. */
export const Count = Schema.NonNegativeInt

/**
 * A count the 2025 schema lists as "present but possibly null", inside an
 * object rawdash has seen arrive partial (`cache_creation`,
 * `server_tool_use`): `null` or absent decodes to 0, so one partial row never
 * aborts a page. Encodes as the number.
 */
export const LenientCount = Schema.optionalWith(Count, { nullable: true, default: () => 0 }).annotations(
  passesPresent("nullish")
)

/**
 * An amount sent as a JSON number (Claude Code `estimated_cost.amount`,
 * cents), decoded exactly as a `BigDecimal` of what the JSON says (`87.5` is
 * 87.5, never a float sum); integers and fractions alike. A number JSON
 * cannot hold exactly (overflowing to infinity) fails the decode. Encodes
 * back to the number. Random values are generated from doubles, which is all
 * a JSON number can carry.
 */
export const NumberAmount = Schema.transform(
  Schema.Finite,
  Schema.BigDecimalFromSelf.annotations({
    arbitrary: () => (fc) =>
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => BigDecimal.unsafeFromNumber(n))
  }),
  {
    strict: true,
    decode: (n) => BigDecimal.unsafeFromNumber(n),
    encode: (amount) => BigDecimal.unsafeToNumber(amount)
  }
)
