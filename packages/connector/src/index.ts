/**
 * `@rawdash/connector-anthropic`: daily Anthropic token usage and spend for
 * rawdash, from the Admin API usage and cost reports.
 *
 * The default export is the connector class; the named exports `id`, `doc`,
 * `configFields` (a zod 4 object), `resources` and `cost` are what rawdash's
 * connector catalogue (`@rawdash/connectors`) and docs generator read.
 *
 * @since 0.1.0
 */
import { AnthropicConnector } from "./AnthropicConnector.js"

export {
  AnthropicConnector,
  type AnthropicContext,
  credentials,
  DEFAULT_CHUNK_BUDGET,
  DEFAULT_CONCURRENCY,
  id,
  MAX_CONCURRENCY
} from "./AnthropicConnector.js"
export {
  type AnthropicCredentials,
  type AnthropicSettings,
  ConfigError,
  configFields,
  configJsonSchema,
  configSchema
} from "./Config.js"
export { cost, doc } from "./Doc.js"
export { resources, type ResourceName } from "./Resources.js"
export { schemas } from "./Schemas.js"
/** @since 0.1.0 */
export * as Config from "./Config.js"
/** @since 0.1.0 */
export * as CostSamples from "./CostSamples.js"
/** @since 0.1.0 */
export * as Rawdash from "./Rawdash.js"
/** @since 0.1.0 */
export * as Resources from "./Resources.js"
/** @since 0.2.0 */
export * as Schemas from "./Schemas.js"
/** @since 0.1.0 */
export * as SyncCursor from "./SyncCursor.js"
/** @since 0.1.0 */
export * as SyncError from "./SyncError.js"
/** @since 0.1.0 */
export * as SyncWindow from "./SyncWindow.js"
/** @since 0.1.0 */
export * as UsageSamples from "./UsageSamples.js"
/** @since 0.2.0 */
export * as ZodSchema from "./ZodSchema.js"

export default AnthropicConnector
