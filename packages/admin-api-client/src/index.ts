/**
 * `@rawdash/anthropic-admin-api`: a typed Effect client for the Anthropic
 * Admin API usage and cost reports.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as AdminApiClient from "./AdminApiClient.js"
/** @since 0.1.0 */
export * as AdminApiError from "./AdminApiError.js"
/** @since 0.1.0 */
export * as UsageReport from "./UsageReport.js"
