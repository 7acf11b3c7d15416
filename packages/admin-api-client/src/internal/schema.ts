import { Schema } from "effect"

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
 * A field that may be absent (added to the API after 2025) or null. Exact:
 * when absent the key is absent, never an explicit `undefined`.
 */
export const optionalNullable = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/** A non-negative integer count, as the API sends token counts. */
export const Count = Schema.NonNegativeInt

/**
 * A count the 2025 schema lists as "present but possibly null", inside an
 * object rawdash has seen arrive partial (`cache_creation`,
 * `server_tool_use`): `null` or absent decodes to 0, so one partial row never
 * aborts a page. Encodes as the number.
 */
export const LenientCount = Schema.optionalWith(Count, { nullable: true, default: () => 0 })
