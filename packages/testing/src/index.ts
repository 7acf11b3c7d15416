/**
 * `@rawdash/anthropic-admin-api-testing`: a faithful fake Anthropic Admin API
 * for tests, as an `HttpClient` layer and as a loopback HTTP server, with
 * seeded organisations, fault injection, a request log and fixtures.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as FakeAdminApi from "./FakeAdminApi.js"
/** @since 0.1.0 */
export * as FakeFault from "./FakeFault.js"
/** @since 0.1.0 */
export * as FakeHttpClient from "./FakeHttpClient.js"
/** @since 0.1.0 */
export * as FakeOrganization from "./FakeOrganization.js"
/** @since 0.1.0 */
export * as FakeRequestLog from "./FakeRequestLog.js"
/** @since 0.1.0 */
export * as FakeServer from "./FakeServer.js"
/** @since 0.1.0 */
export * as WireArbitrary from "./WireArbitrary.js"
/** @since 0.1.0 */
export * as WireFixture from "./WireFixture.js"
/** @since 0.1.0 */
export * as WireSchema from "./WireSchema.js"
