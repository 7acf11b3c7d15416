/**
 * `FastCheck` arbitraries of valid wire responses, built with effect's
 * `Arbitrary` from {@link WireSchema}: use them to property-test your own
 * decoding and mapping code. Each value is plain JSON-compatible data, as
 * `JSON.parse` of a response body would give.
 *
 * @example
 * ```ts
 * import { FastCheck as fc } from "effect"
 * import { WireArbitrary } from "@rawdash/anthropic-admin-api-testing"
 *
 * fc.assert(fc.property(WireArbitrary.usageReport, (page) => myDecoder(page) !== undefined))
 * ```
 *
 * @since 0.1.0
 */
import { Arbitrary, type FastCheck } from "effect"
import * as WireSchema from "./WireSchema.js"

/**
 * Pages of the Messages Usage Report.
 *
 * @since 0.1.0
 */
export const usageReport: FastCheck.Arbitrary<WireSchema.UsageReport> = Arbitrary.make(WireSchema.UsageReport)

/**
 * Usage items.
 *
 * @since 0.1.0
 */
export const usageItem: FastCheck.Arbitrary<WireSchema.UsageItem> = Arbitrary.make(WireSchema.UsageItem)

/**
 * Pages of the Cost Report.
 *
 * @since 0.1.0
 */
export const costReport: FastCheck.Arbitrary<WireSchema.CostReport> = Arbitrary.make(WireSchema.CostReport)

/**
 * Cost items.
 *
 * @since 0.1.0
 */
export const costItem: FastCheck.Arbitrary<WireSchema.CostItem> = Arbitrary.make(WireSchema.CostItem)

/**
 * Pages of the Claude Code report.
 *
 * @since 0.1.0
 */
export const claudeCodeReport: FastCheck.Arbitrary<WireSchema.ClaudeCodeReport> = Arbitrary.make(
  WireSchema.ClaudeCodeReport
)

/**
 * Error envelopes.
 *
 * @since 0.1.0
 */
export const errorResponse: FastCheck.Arbitrary<WireSchema.ErrorResponse> = Arbitrary.make(
  WireSchema.ErrorResponse
)
