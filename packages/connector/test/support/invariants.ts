/**
 * rawdash's conformance checks for stored metrics (the kit's universal
 * invariants, resource shape and metric conformance, see `kit.ts`), plus
 * ours: every declared attribute is present on every sample (`null` when it
 * has no value), never missing.
 */
import type { MetricSample } from "../../src/Rawdash.js"
import { declaredAttributes, type ResourceName, resources } from "../../src/Resources.js"
import {
  checkUniversalInvariants,
  connectorMetricConformanceViolations,
  connectorResourceShapeViolations
} from "./kit.js"

export const violations = (samples: ReadonlyArray<MetricSample>): Array<string> => [
  ...[
    ...checkUniversalInvariants(samples),
    ...connectorResourceShapeViolations(resources, samples),
    ...connectorMetricConformanceViolations(resources, samples)
  ].map((v) => `${v.invariant}: ${v.detail}`),
  ...samples.flatMap((sample) =>
    sample.name in resources
      ? declaredAttributes(sample.name as ResourceName)
          .filter((key) => !(key in sample.attributes))
          .map((key) => `${sample.name}@${sample.ts}: declared attribute ${key} missing (should be null)`)
      : []
  )
]
