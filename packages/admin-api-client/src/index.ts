/**
 * `@rawdash/anthropic-admin-api`: a typed Effect client for the Anthropic
 * Admin API usage and cost reports, with a Promise facade.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as AdminApi from "./AdminApi.js"
/** @since 0.1.0 */
export * as AdminApiClient from "./AdminApiClient.js"
/** @since 0.1.0 */
export * as AdminApiError from "./AdminApiError.js"
/** @since 0.2.0 */
export * as DecimalString from "./DecimalString.js"
/** @since 0.2.0 */
export * as GroupByPlan from "./GroupByPlan.js"
/** @since 0.1.0 */
export * as ClaudeCodeReport from "./ClaudeCodeReport.js"
/** @since 0.1.0 */
export * as CostReport from "./CostReport.js"
/** @since 0.1.0 */
export * as Pagination from "./Pagination.js"
/** @since 0.2.0 */
export * as Plain from "./Plain.js"
/** @since 0.1.0 */
export * as RetryPolicy from "./RetryPolicy.js"
/** @since 0.1.0 */
export * as TimeWindow from "./TimeWindow.js"
/** @since 0.1.0 */
export * as UsageReport from "./UsageReport.js"
