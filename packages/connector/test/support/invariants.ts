/**
 * rawdash's conformance checks for stored metrics (connector-test-utils):
 * universal invariants (finite `value` and `ts`, no `undefined` anywhere in
 * `attributes`), resource shape (every name declared as a metric) and metric
 * conformance (no reserved attribute names, only declared dimensions and
 * measures).
 */
import type { MetricSample } from "../../src/Rawdash.js"
import { declaredAttributes, type ResourceName, resources } from "../../src/Resources.js"

const hasUndefined = (value: unknown): boolean =>
  value === undefined ||
  (Array.isArray(value)
    ? value.some(hasUndefined)
    : typeof value === "object" && value !== null && Object.values(value).some(hasUndefined))

export const violations = (samples: ReadonlyArray<MetricSample>): Array<string> => {
  const out: Array<string> = []
  for (const sample of samples) {
    const where = `${sample.name}@${sample.ts}`
    if (!Number.isFinite(sample.value)) out.push(`${where}: value ${sample.value} is not finite`)
    if (!Number.isFinite(sample.ts)) out.push(`${where}: ts is not finite`)
    if (hasUndefined(sample.attributes)) out.push(`${where}: undefined in attributes`)
    if (!(sample.name in resources)) {
      out.push(`${where}: undeclared metric name`)
      continue
    }
    const declared = new Set(declaredAttributes(sample.name as ResourceName))
    for (const key of Object.keys(sample.attributes)) {
      if (key === "name" || key === "ts" || key === "value") out.push(`${where}: reserved attribute ${key}`)
      else if (!declared.has(key)) out.push(`${where}: undeclared attribute ${key}`)
    }
    for (const key of declared) {
      if (!(key in sample.attributes)) {
        out.push(`${where}: declared attribute ${key} missing (should be null)`)
      }
    }
  }
  return out
}
