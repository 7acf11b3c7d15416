/**
 * `@rawdash/connector-anthropic`: daily Anthropic token usage and spend for
 * rawdash, from the Admin API usage and cost reports.
 *
 * @since 0.1.0
 */
import { AnthropicConnector } from "./AnthropicConnector.js"

export {
  AnthropicConnector,
  type AnthropicCredentials,
  type AnthropicSettings,
  id
} from "./AnthropicConnector.js"
export { resources } from "./Resources.js"
/** @since 0.1.0 */
export * as Rawdash from "./Rawdash.js"
/** @since 0.1.0 */
export * as UsageSamples from "./UsageSamples.js"

export default AnthropicConnector
