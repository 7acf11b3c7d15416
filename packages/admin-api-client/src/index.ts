/**
 * `@rawdash/anthropic-admin-api`: a typed Effect client for the Anthropic
 * Admin API — the usage and cost reports, the Usage and Cost Analytics API,
 * the organisation-management endpoints and names for ids — with a Promise
 * facade.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as AdminApi from "./AdminApi.js"
/** @since 0.1.0 */
export * as AdminApiClient from "./AdminApiClient.js"
/** @since 0.1.0 */
export * as AdminApiError from "./AdminApiError.js"
/** @since 0.3.0 */
export * as ApiKeys from "./ApiKeys.js"
/** @since 0.3.0 */
export * as Analytics from "./Analytics.js"
/** @since 0.3.0 */
export * as AnalyticsCost from "./AnalyticsCost.js"
/** @since 0.3.0 */
export * as AnalyticsUsage from "./AnalyticsUsage.js"
/** @since 0.2.0 */
export * as DecimalString from "./DecimalString.js"
/** @since 0.2.0 */
export * as GroupByPlan from "./GroupByPlan.js"
/** @since 0.1.0 */
export * as ClaudeCodeReport from "./ClaudeCodeReport.js"
/** @since 0.1.0 */
export * as CostReport from "./CostReport.js"
/** @since 0.3.0 */
export * as Invites from "./Invites.js"
/** @since 0.3.0 */
export * as Names from "./Names.js"
/** @since 0.3.0 */
export * as Organization from "./Organization.js"
/** @since 0.1.0 */
export * as Pagination from "./Pagination.js"
/** @since 0.2.0 */
export * as Plain from "./Plain.js"
/** @since 0.3.0 */
export * as RateLimits from "./RateLimits.js"
/** @since 0.1.0 */
export * as RetryPolicy from "./RetryPolicy.js"
/** @since 0.1.0 */
export * as TimeWindow from "./TimeWindow.js"
/** @since 0.1.0 */
export * as UsageReport from "./UsageReport.js"
/** @since 0.3.0 */
export * as Users from "./Users.js"
/** @since 0.3.0 */
export * as WorkspaceMembers from "./WorkspaceMembers.js"
/** @since 0.3.0 */
export * as Workspaces from "./Workspaces.js"
