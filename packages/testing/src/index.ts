/**
 * `@rawdash/anthropic-admin-api-testing`: a faithful fake Anthropic Admin API
 * for tests, as an `HttpClient` layer and as a loopback HTTP server.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as FakeAdminApi from "./FakeAdminApi.js"
/** @since 0.1.0 */
export * as FakeHttpClient from "./FakeHttpClient.js"
/** @since 0.1.0 */
export * as FakeOrganization from "./FakeOrganization.js"
/** @since 0.1.0 */
export * as FakeServer from "./FakeServer.js"
