/**
 * The report responses this connector accepts, keyed by request resource tag
 * (`usage_messages`, `cost_report`): the Effect Schemas (the source of truth)
 * and the zod 4 schemas derived from them that rawdash reads as the class's
 * static `schemas` (its connector kit generates payloads from them, its drift
 * detection checks observed bodies against them).
 *
 * A page is accepted exactly when the client accepts it: the client's page
 * schema (only the keys the spec requires are required, an absent key reads
 * as `null`, open enums, dates and exact decimal amounts as the client decodes
 * them, unknown keys ignored) plus the two rules the client applies to every
 * page it reads: buckets start strictly one after another, and `has_more: true`
 * comes with a `next_page`; and, for cost pages, the connector's own rule that
 * every amount is a finite number of dollars (an exact decimal such as `1e400`
 * is refused, never dropped or written as 0). Whether a page covers every day
 * of the window asked for depends on the request, so the client checks that
 * when it reads a range (see `UsageReport.buckets`), not here.
 *
 * @since 0.2.0
 */
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import * as Schema from "effect/Schema"
import type { z } from "zod"
import * as CostSamples from "./CostSamples.js"
import * as ZodSchema from "./ZodSchema.js"

interface Envelope {
  readonly data: ReadonlyArray<{ readonly starting_at: { readonly epochMillis: number } }>
  readonly has_more: boolean
  readonly next_page: string | null
}

/**
 * Why the client would refuse a page that decodes, or `undefined` if it reads it.
 * @since 0.2.0
 */
export const pageRule = (page: Envelope): string | undefined => {
  let previous = Number.NEGATIVE_INFINITY
  for (const bucket of page.data) {
    const at = bucket.starting_at.epochMillis
    if (!(at > previous)) return "buckets must start strictly one after another"
    previous = at
  }
  if (page.has_more && (page.next_page === null || page.next_page === "")) {
    return "has_more is true but next_page is empty"
  }
  return undefined
}

/**
 * Why the connector would refuse a cost page whose amounts it cannot store,
 * or `undefined`: an amount whose dollar value is not a finite number.
 * @since 0.3.0
 */
export const amountRule = (page: CostReport.CostPage): string | undefined => {
  for (const [b, bucket] of page.data.entries()) {
    for (const [r, row] of bucket.results.entries()) {
      if (!Number.isFinite(CostSamples.dollars(row.amount))) {
        return `data[${b}].results[${r}].amount is not a finite number of dollars`
      }
    }
  }
  return undefined
}

const withPageRule = <A extends Envelope, I>(
  page: Schema.Schema<A, I>,
  extra: (decoded: A) => string | undefined = () => undefined
) =>
  page.pipe(
    Schema.filter((decoded) => pageRule(decoded) ?? extra(decoded), {
      description: "a page whose buckets start strictly one after another, with next_page when has_more"
    })
  )

/**
 * A Messages Usage Report page the client accepts.
 * @since 0.2.0
 */
export const UsagePage = withPageRule(UsageReport.UsagePage)

/**
 * A Cost Report page the client accepts.
 * @since 0.2.0
 */
export const CostPage = withPageRule(CostReport.CostPage, amountRule)

/** The wire form of a usage page. @since 0.2.0 */
export type UsagePageJson = typeof UsagePage.Encoded
/** The wire form of a cost page. @since 0.2.0 */
export type CostPageJson = typeof CostPage.Encoded

/**
 * How responses are decoded: keys the schema does not declare are ignored.
 * @since 0.2.0
 */
export const ON_EXCESS_PROPERTY = "ignore" as const

/**
 * The zod 4 schema of a usage page, derived from {@link UsagePage}.
 * @since 0.2.0
 */
export const usage_messages: z.ZodType<UsagePageJson> = ZodSchema.fromSchema(UsagePage, {
  onExcessProperty: ON_EXCESS_PROPERTY
})

/**
 * The zod 4 schema of a cost page, derived from {@link CostPage}.
 * @since 0.2.0
 */
export const cost_report: z.ZodType<CostPageJson> = ZodSchema.fromSchema(CostPage, {
  onExcessProperty: ON_EXCESS_PROPERTY
})

/**
 * The Effect Schemas, by the same keys as {@link schemas}.
 * @since 0.2.0
 */
export const effectSchemas = { usage_messages: UsagePage, cost_report: CostPage } as const

/**
 * rawdash's static `schemas`: the zod response schemas by request resource tag.
 * @since 0.2.0
 */
export const schemas: {
  readonly usage_messages: z.ZodType<UsagePageJson>
  readonly cost_report: z.ZodType<CostPageJson>
} = { usage_messages, cost_report }
