/**
 * The parts of the rawdash connector contract this connector uses, declared
 * structurally (`@rawdash/core` is not published to the npm registry).
 * Shapes follow `@rawdash/core` 0.28.x; where rawdash's type is mutable we
 * accept the readonly form, which rawdash's values satisfy.
 *
 * @since 0.1.0
 */

/**
 * A JSON value, as rawdash stores attributes.
 * @since 0.1.0
 */
export type JSONValue =
  string | number | boolean | null | ReadonlyArray<JSONValue> | { readonly [key: string]: JSONValue }

/**
 * One point of a metric series: `value` at `ts` (ms since epoch) with its
 * dimension and measure attributes.
 * @since 0.1.0
 */
export interface MetricSample {
  readonly name: string
  readonly ts: number
  readonly value: number
  readonly attributes: Readonly<Record<string, JSONValue>>
}

/**
 * The scope of a batch write: which names it replaces and, optionally, only
 * inside which window (both bounds inclusive, ms since epoch).
 * @since 0.1.0
 */
export interface MetricsScope {
  readonly names?: ReadonlyArray<string>
  readonly replaceWindow?: { readonly start: number; readonly end: number }
}

/**
 * The slice of rawdash's `StorageHandle` a metric connector uses. rawdash's
 * storages delete the rows of `scope.names` (inside `replaceWindow` when given)
 * and then append the batch.
 * @since 0.1.0
 */
export interface StorageHandle {
  metrics(samples: ReadonlyArray<MetricSample>, scope?: MetricsScope): Promise<void>
}

/**
 * What rawdash's engine passes to `sync`.
 * @since 0.1.0
 */
export interface SyncOptions {
  /** `full` backfills; `latest` refreshes the recent past. */
  readonly mode: "full" | "latest"
  /** ISO instant: the backfill horizon for `full`, the last successful sync for `latest`. */
  readonly since?: string | undefined
  /** The cursor a previous call returned with `done: false`. */
  readonly cursor?: unknown
  /** Resource names the engine needs (those its widgets reference). */
  readonly resources?: ReadonlySet<string> | undefined
  /** Page size hint; for this connector, days per chunk (one page of daily buckets), 1 to 31. */
  readonly pageSize?: number | undefined
}

/**
 * What `sync` resolves to. `done: false` asks the engine to call again with `cursor`.
 * @since 0.1.0
 */
export interface SyncResult {
  readonly done: boolean
  readonly cursor?: unknown
  readonly transientError?: unknown
}

/**
 * One credential a connector needs.
 * @since 0.1.0
 */
export interface CredentialField {
  readonly description: string
  readonly auth?: "none" | "optional" | "required"
}

/**
 * Credential fields by config key. Declared **statically**, it tells the
 * engine which config keys are credentials.
 * @since 0.1.0
 */
export type CredentialsSchema = Readonly<Record<string, CredentialField>>

/**
 * Resolves a secret reference's name to its value.
 * @since 0.1.0
 */
export interface SecretsResolver {
  resolve(name: string): unknown
}

/**
 * rawdash's structured connector logger.
 * @since 0.1.0
 */
export interface ConnectorLogger {
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
}

/**
 * Called after each HTTP response (rawdash uses it for drift detection).
 * @since 0.1.0
 */
export type RequestObserver = (event: {
  readonly url: string
  readonly method: string
  readonly status: number
  readonly resource: string
  readonly requestId: string | undefined
  readonly body: unknown
}) => void | Promise<void>

/**
 * What the engine hands a connector besides its config.
 * @since 0.1.0
 */
export interface ConnectorContext {
  readonly secretsResolver?: SecretsResolver | undefined
  readonly logger?: ConnectorLogger | undefined
  readonly observer?: RequestObserver | undefined
}

/**
 * A secret reference, as rawdash config writes it: `{ $secret: "NAME" }`.
 * @since 0.1.0
 */
export interface SecretRef {
  readonly $secret: string
}

/**
 * A dimension or measure of a metric resource.
 * @since 0.1.0
 */
export interface ResourceField {
  readonly name: string
  readonly description: string
  readonly unit?: string
}

/**
 * The metric variant of rawdash's `ResourceDefinition`.
 * @since 0.1.0
 */
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

/**
 * The categories rawdash's `defineConnectorDoc` accepts.
 * @since 0.1.0
 */
export type ConnectorCategory =
  | "engineering"
  | "product"
  | "analytics"
  | "marketing"
  | "sales"
  | "support"
  | "finance"
  | "infrastructure"
  | "security"
  | "hr"
  | "mobile"

/**
 * rawdash's connector documentation shape (`defineConnectorDoc`).
 * @since 0.1.0
 */
export interface ConnectorDoc {
  readonly displayName: string
  readonly category: ConnectorCategory
  readonly tagline: string
  /** `#RRGGBB`. */
  readonly brandColor?: string
  readonly vendor: {
    readonly name: string
    readonly domain: string
    readonly apiDocs?: string
    readonly website?: string
  }
  readonly auth: { readonly summary: string; readonly setup: ReadonlyArray<string> }
  readonly rateLimit?: string
  readonly limitations?: ReadonlyArray<string>
}

/**
 * One connector instance in a rawdash config.
 * @since 0.1.0
 */
export interface ConfiguredConnector<Config = Record<string, unknown>> {
  /** Instance name; storage is keyed by it. */
  readonly name: string
  /** The connector type id, e.g. `anthropic`. */
  readonly connectorId: string
  readonly config: Config
  readonly syncIntervalSeconds?: number
  readonly enabled?: boolean
  readonly displayName?: string
}
