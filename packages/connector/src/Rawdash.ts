/**
 * The parts of the rawdash connector contract this connector uses, declared
 * structurally (`@rawdash/core` is not published to the npm registry).
 * Shapes follow `@rawdash/core` 0.28.x exactly.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export type JSONValue =
  string | number | boolean | null | ReadonlyArray<JSONValue> | { readonly [key: string]: JSONValue }

/** @since 0.1.0 */
export interface MetricSample {
  readonly name: string
  readonly ts: number
  readonly value: number
  readonly attributes: Readonly<Record<string, JSONValue>>
}

/** The slice of rawdash's `StorageHandle` a metric connector uses. @since 0.1.0 */
export interface StorageHandle {
  metrics(
    samples: ReadonlyArray<MetricSample>,
    scope?: {
      readonly names?: ReadonlyArray<string>
      readonly replaceWindow?: { readonly start: number; readonly end: number }
    }
  ): Promise<void>
  queryMetrics?(query: { name?: string; start?: number; end?: number }): Promise<ReadonlyArray<MetricSample>>
}

/** @since 0.1.0 */
export interface SyncOptions {
  readonly mode: "full" | "latest"
  readonly since?: string | undefined
  readonly cursor?: unknown
  readonly resources?: ReadonlySet<string> | undefined
  readonly pageSize?: number | undefined
}

/** @since 0.1.0 */
export interface SyncResult {
  readonly done: boolean
  readonly cursor?: unknown
  readonly transientError?: unknown
}

/** @since 0.1.0 */
export interface CredentialField {
  readonly description: string
  readonly auth?: "none" | "optional" | "required"
}

/** @since 0.1.0 */
export type CredentialsSchema = Readonly<Record<string, CredentialField>>

/** @since 0.1.0 */
export interface SecretsResolver {
  resolve(name: string): unknown
}

/** @since 0.1.0 */
export interface ConnectorLogger {
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
}

/** @since 0.1.0 */
export interface ConnectorContext {
  readonly secretsResolver?: SecretsResolver | undefined
  readonly logger?: ConnectorLogger | undefined
  readonly observer?: ((event: unknown) => void | Promise<void>) | undefined
}

/** A secret reference, as rawdash config writes it: `{ $secret: "NAME" }`. @since 0.1.0 */
export interface SecretRef {
  readonly $secret: string
}

/** @since 0.1.0 */
export interface ResourceField {
  readonly name: string
  readonly description: string
  readonly unit?: string
}

/** The metric variant of rawdash's `ResourceDefinition`. @since 0.1.0 */
export interface MetricResourceDefinition {
  readonly shape: "metric"
  readonly description: string
  readonly endpoint?: string
  readonly notes?: string
  readonly unit?: string
  readonly granularity?: string
  readonly dimensions?: ReadonlyArray<ResourceField>
  readonly measures?: ReadonlyArray<ResourceField>
}
