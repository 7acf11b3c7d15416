import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, FastCheck as fc, Schema } from "effect"
import { ClaudeCodeReport, CostReport, DecimalString, Plain, UsageReport } from "../src/index.js"

const MAR1 = DateTime.unsafeMake(Date.UTC(2026, 2, 1))
const MAR2 = DateTime.unsafeMake(Date.UTC(2026, 2, 2))

/** Whether a value is made of JSON types only (no Date, BigDecimal, DateTime, undefined, class instance). */
const isPlainJson = (value: unknown): boolean => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true
  if (typeof value === "number") return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isPlainJson)
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isPlainJson)
  }
  return false
}

describe("Plain", () => {
  it("instants are RFC 3339 UTC in the API's form; milliseconds only when not zero", () => {
    expect(Plain.instant(MAR1)).toBe("2026-03-01T00:00:00Z")
    expect(Plain.instant(DateTime.unsafeMake(Date.UTC(2026, 2, 1, 12, 30, 5, 250)))).toBe(
      "2026-03-01T12:30:05.250Z"
    )
    expect(new Date(Plain.instant(MAR1)).getTime()).toBe(MAR1.epochMillis)
  })

  it("money keeps the API's digits in cents and shifts to dollars exactly; not USD → amount_usd null", () => {
    expect(Plain.money("1446.3000", "USD")).toEqual({
      amount: "1446.3000",
      amount_usd: "14.463000",
      currency: "USD"
    })
    expect(Plain.money("12", "EUR")).toEqual({ amount: "12", amount_usd: null, currency: "EUR" })
  })

  it("a decoded cost amount keeps the scale it was sent with, so the plain row shows the wire's digits", () => {
    const result = Schema.decodeUnknownSync(CostReport.CostResult)({ amount: "1446.3000", currency: "USD" })
    expect(Schema.encodeSync(CostReport.CostResult)(result).amount).toBe("1446.3000")
    expect(Plain.costResult(result)).toEqual({
      amount: "1446.3000",
      amount_usd: "14.463000",
      currency: "USD",
      workspace_id: null,
      description: null,
      cost_type: null,
      model: null,
      token_type: null,
      service_tier: null,
      context_window: null,
      inference_geo: null,
      speed: null
    })
  })

  it("rows put the bucket's edges first and keep every key of the result", () => {
    const result = Schema.decodeUnknownSync(UsageReport.UsageResult)({
      uncached_input_tokens: 1,
      cache_read_input_tokens: 2,
      output_tokens: 3
    })
    const row = Plain.usageRow({ ...result, starting_at: MAR1, ending_at: MAR2 })
    expect(Object.keys(row)).toEqual(["starting_at", "ending_at", ...Object.keys(result)])
    expect(row).toMatchObject({ starting_at: "2026-03-01T00:00:00Z", ending_at: "2026-03-02T00:00:00Z" })
    expect(row.model).toBeNull()
  })

  it("every converted report value is plain JSON that round trips through JSON.stringify/parse", () => {
    const check = <A, I, B>(schema: Schema.Schema<A, I>, convert: (a: A) => B) =>
      fc.assert(
        fc.property(Arbitrary.make(schema), (value) => {
          const plain = convert(value)
          expect(isPlainJson(plain)).toBe(true)
          expect(JSON.parse(JSON.stringify(plain))).toEqual(plain)
        }),
        { numRuns: 50 }
      )
    check(UsageReport.UsagePage, Plain.usagePage)
    check(CostReport.CostPage, Plain.costPage)
    check(ClaudeCodeReport.ClaudeCodePage, Plain.claudeCodePage)
  })

  it("cost amounts in a plain page are exactly the decoded BigDecimals, in cents and dollars", () => {
    fc.assert(
      fc.property(Arbitrary.make(CostReport.CostBucket), (bucket) => {
        const plain = Plain.costBucket(bucket)
        plain.results.forEach((row, i) => {
          const amount = bucket.results[i]!.amount
          expect(DecimalString.isDecimalString(row.amount)).toBe(true)
          expect(DecimalString.compare(row.amount, DecimalString.fromBigDecimal(amount))).toBe(0)
          if (row.amount_usd !== null) {
            expect(row.amount_usd).toBe(DecimalString.fromBigDecimal(CostReport.toDollars(amount)))
          }
        })
      }),
      { numRuns: 50 }
    )
  })

  it("pages of the pages streams become snake_case with nulls", () => {
    const page = Plain.page((n: number) => n * 2)({
      data: [1, 2],
      page: undefined,
      nextPage: "cursor_2",
      requestId: undefined,
      headers: { "request-id": "req_1" }
    })
    expect(page).toEqual({
      data: [2, 4],
      page: null,
      next_page: "cursor_2",
      request_id: null,
      headers: { "request-id": "req_1" }
    })
  })
})
