import type { JSONValue } from "../Rawdash.js"
import type { ResourceField } from "../Rawdash.js"

/**
 * The declared string attributes of a decoded row: each field's value when
 * it is a string, else `null` (absent, `null` or not grouped), never `undefined`.
 */
export const stringAttributes = (
  row: object,
  fields: ReadonlyArray<ResourceField>
): Record<string, JSONValue> => {
  const values = row as Readonly<Record<string, unknown>>
  const out: Record<string, JSONValue> = {}
  for (const { name } of fields) {
    const value = values[name]
    out[name] = typeof value === "string" ? value : null
  }
  return out
}
