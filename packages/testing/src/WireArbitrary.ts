/**
 * `FastCheck` arbitraries of valid wire responses, built with effect's
 * `Arbitrary` from {@link WireSchema}: use them to property-test your own
 * decoding and mapping code. Each value is plain JSON-compatible data, as
 * `JSON.parse` of a response body would give.
 *
 * @example
 * ```ts
 * import * as fc from "effect/FastCheck"
 * import { WireArbitrary } from "@rawdash/anthropic-admin-api-testing"
 *
 * fc.assert(fc.property(WireArbitrary.usageReport, (page) => myDecoder(page) !== undefined))
 * ```
 *
 * @since 0.1.0
 */
import * as Arbitrary from "effect/Arbitrary"
import type * as FastCheck from "effect/FastCheck"
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

/**
 * Pages of the analytics usage endpoint (`has_more` iff `next_page`;
 * `data_refreshed_at` `null` only with empty `data`).
 *
 * @since 0.3.0
 */
export const analyticsUsagePage: FastCheck.Arbitrary<WireSchema.AnalyticsUsagePage> = Arbitrary.make(
  WireSchema.AnalyticsUsagePage
)

/**
 * Pages of the analytics cost endpoint (`token_type` only on `tokens` rows).
 *
 * @since 0.3.0
 */
export const analyticsCostPage: FastCheck.Arbitrary<WireSchema.AnalyticsCostPage> = Arbitrary.make(
  WireSchema.AnalyticsCostPage
)

/**
 * Analytics actors: every variant of the union, federated providers included.
 *
 * @since 0.3.0
 */
export const analyticsActor: FastCheck.Arbitrary<WireSchema.AnalyticsActor> = Arbitrary.make(
  WireSchema.AnalyticsActor
)

/**
 * Pages of the users list (style B: `first_id`/`last_id` match `data`).
 *
 * @since 0.3.0
 */
export const userPage: FastCheck.Arbitrary<typeof WireSchema.UserPage.Type> = Arbitrary.make(
  WireSchema.UserPage
)

/**
 * Pages of the invites list.
 *
 * @since 0.3.0
 */
export const invitePage: FastCheck.Arbitrary<typeof WireSchema.InvitePage.Type> = Arbitrary.make(
  WireSchema.InvitePage
)

/**
 * Pages of the workspaces list.
 *
 * @since 0.3.0
 */
export const workspacePage: FastCheck.Arbitrary<typeof WireSchema.WorkspacePage.Type> = Arbitrary.make(
  WireSchema.WorkspacePage
)

/**
 * Pages of a workspace's members.
 *
 * @since 0.3.0
 */
export const workspaceMemberPage: FastCheck.Arbitrary<typeof WireSchema.WorkspaceMemberPage.Type> =
  Arbitrary.make(WireSchema.WorkspaceMemberPage)

/**
 * Pages of the API keys list (`scope`/`principal`, no top-level `workspace_id`).
 *
 * @since 0.3.0
 */
export const apiKeyPage: FastCheck.Arbitrary<typeof WireSchema.ApiKeyPage.Type> = Arbitrary.make(
  WireSchema.ApiKeyPage
)

/**
 * Pages of organisation rate limits.
 *
 * @since 0.3.0
 */
export const rateLimitPage: FastCheck.Arbitrary<typeof WireSchema.RateLimitPage.Type> = Arbitrary.make(
  WireSchema.RateLimitPage
)

/**
 * Pages of workspace rate limits.
 *
 * @since 0.3.0
 */
export const workspaceRateLimitPage: FastCheck.Arbitrary<typeof WireSchema.WorkspaceRateLimitPage.Type> =
  Arbitrary.make(WireSchema.WorkspaceRateLimitPage)
