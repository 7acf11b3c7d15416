/**
 * `@rawdash/connector-anthropic`: daily Anthropic token usage and spend for
 * rawdash, from the Admin API usage and cost reports.
 *
 * The default export is the connector class; the named exports `id`, `doc`,
 * `configFields` and `resources` are what rawdash's connector catalogue reads.
 *
 * @since 0.1.0
 */
import { AnthropicConnector } from "./AnthropicConnector.js"

export {
  AnthropicConnector,
  type AnthropicContext,
  credentials,
  DEFAULT_CHUNK_BUDGET,
  id,
  schemas
} from "./AnthropicConnector.js"
export {
  type AnthropicCredentials,
  type AnthropicSettings,
  ConfigError,
  configFields,
  configJsonSchema
} from "./Config.js"
export { doc } from "./Doc.js"
export { resources, type ResourceName } from "./Resources.js"
/** @since 0.1.0 */
export * as Config from "./Config.js"
/** @since 0.1.0 */
export * as CostSamples from "./CostSamples.js"
/** @since 0.1.0 */
export * as Rawdash from "./Rawdash.js"
/** @since 0.1.0 */
export * as Resources from "./Resources.js"
/** @since 0.1.0 */
export * as SyncCursor from "./SyncCursor.js"
/** @since 0.1.0 */
export * as SyncError from "./SyncError.js"
/** @since 0.1.0 */
export * as SyncWindow from "./SyncWindow.js"
/** @since 0.1.0 */
export * as UsageSamples from "./UsageSamples.js"

export default AnthropicConnector
