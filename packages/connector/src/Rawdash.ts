/**
 * The rawdash connector contract, declared structurally because `@rawdash/*`
 * packages are not published to the npm registry. Every shape rawdash's
 * registry, engine and tooling check a connector against is declared here
 * exactly as `@rawdash/core` 0.28 declares it (mutable arrays, `HttpMethod`,
 * zod 4 types), so `{ anthropic: AnthropicConnector } satisfies
 * ConnectorRegistry` type-checks here as it does in rawdash's workspace,
 * with no cast (see `test/RawdashTypes.test.ts`).
 *
 * Two declarations are ours, not rawdash's: {@link StorageHandle} (the slice
 * of rawdash's storage a metric connector writes through; every rawdash
 * {@link CoreStorageHandle} is one) and {@link MetricsScope}.
 *
 * @since 0.1.0
 */
import type { z } from "zod"

/**
 * A JSON value, as rawdash stores attributes.
 * @since 0.1.0
 */
export type JSONValue = string | number | boolean | null | Array<JSONValue> | { [key: string]: JSONValue }

/**
 * One point of a metric series: `value` at `ts` (ms since epoch) with its
 * dimension and measure attributes.
 * @since 0.1.0
 */
export interface MetricSample {
  name: string
  ts: number
  value: number
  attributes: Record<string, JSONValue>
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
 * The slice of rawdash's storage handle this connector writes through.
 * rawdash's storages delete the rows of `scope.names` (inside `replaceWindow`
 * when given) and then append the batch. Any {@link CoreStorageHandle} is one.
 * @since 0.1.0
 */
export interface StorageHandle {
  metrics(samples: ReadonlyArray<MetricSample>, scope?: MetricsScope): Promise<void>
}

/** A rawdash event. @since 0.2.0 */
export interface Event {
  name: string
  start_ts: number
  end_ts: number | null
  attributes: Record<string, JSONValue>
}

/** A rawdash entity. @since 0.2.0 */
export interface Entity {
  type: string
  id: string
  attributes: Record<string, JSONValue>
  updated_at: number
}

/** A rawdash edge between two entities. @since 0.2.0 */
export interface Edge {
  from_type: string
  from_id: string
  kind: string
  to_type: string
  to_id: string
  attributes: Record<string, JSONValue>
  updated_at: number
}

/** A rawdash distribution sample. @since 0.2.0 */
export type Distribution =
  | {
      name: string
      ts: number
      kind: "histogram"
      data: { buckets: Array<{ le: number; count: number }>; count: number; sum: number }
      attributes: Record<string, JSONValue>
    }
  | {
      name: string
      ts: number
      kind: "summary"
      data: { quantiles: Array<{ q: number; value: number }>; count: number; sum: number }
      attributes: Record<string, JSONValue>
    }

/** rawdash's time-bucket granularities. @since 0.2.0 */
export type Granularity = "hour" | "day" | "week" | "month"

/** A rollup bucket's partial aggregates. @since 0.2.0 */
export interface RollupPartials {
  count: number
  numericCount: number
  sum: number
  min: number | null
  max: number | null
  firstTs: number | null
  firstValue: JSONValue
  latestTs: number | null
  latestValue: JSONValue
}

/** A rollup bucket. @since 0.2.0 */
export interface RollupBucket {
  resource: string
  field: string
  granularity: Granularity
  dims: Record<string, JSONValue>
  bucketStart: number
  partials: RollupPartials
}

/**
 * rawdash's `StorageHandle`, in full: what the engine passes to `sync`.
 * @since 0.2.0
 */
export interface CoreStorageHandle {
  event(e: Event): Promise<void>
  entity(e: Entity): Promise<void>
  metric(m: MetricSample): Promise<void>
  edge(e: Edge): Promise<void>
  distribution(d: Distribution): Promise<void>
  events(es: Array<Event>, scope?: { names?: Array<string> }): Promise<void>
  entities(es: Array<Entity>, scope?: { types?: Array<string> }): Promise<void>
  metrics(
    ms: Array<MetricSample>,
    scope?: { names?: Array<string>; replaceWindow?: { start: number; end: number } }
  ): Promise<void>
  edges(es: Array<Edge>, scope?: { kinds?: Array<string> }): Promise<void>
  distributions(
    ds: Array<Distribution>,
    scope?: { names?: Array<string>; replaceWindow?: { start: number; end: number } }
  ): Promise<void>
  queryEvents(q: { name?: string; start?: number; end?: number }): Promise<Array<Event>>
  getEntity(type: string, id: string): Promise<Entity | null>
  queryEntities(q: { type: string }): Promise<Array<Entity>>
  queryMetrics(q: { name?: string; start?: number; end?: number }): Promise<Array<MetricSample>>
  traverse(q: {
    fromType?: string
    fromId?: string
    kind?: string
    toType?: string
    toId?: string
  }): Promise<Array<Edge>>
  queryDistributions(q: { name?: string; start?: number; end?: number }): Promise<Array<Distribution>>
  deleteOlderThan(
    shape: "events" | "metrics" | "distributions",
    tsUnixMs: number
  ): Promise<{ rowsDeleted: number }>
  writeRollups?(buckets: Array<RollupBucket>): Promise<void>
  queryRollups?(q: {
    resource: string
    field?: string
    granularity?: Granularity
    start?: number
    end?: number
  }): Promise<Array<RollupBucket>>
  getRollupWatermark?(resource: string): Promise<number | null>
  setRollupWatermark?(resource: string, tsUnixMs: number): Promise<void>
}

/** A filter operator of a widget's filter. @since 0.2.0 */
export type FilterOperator = "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains"

/** One filter condition. @since 0.2.0 */
export interface FilterCondition {
  field: string
  op: FilterOperator
  value: string | number | boolean
}

/** A condition, or any of several. @since 0.2.0 */
export type FilterClause = FilterCondition | { or: Array<FilterCondition> }

/** What one widget needs fetched: its filter and window. @since 0.2.0 */
export interface FetchSpec {
  filter?: Array<FilterClause>
  requiredWindowMs?: number
}

/**
 * What rawdash's engine passes to `sync`.
 * @since 0.1.0
 */
export interface SyncOptions {
  /** `full` backfills; `latest` refreshes the recent past. */
  mode: "full" | "latest"
  /** ISO instant: the backfill horizon for `full`, the last successful sync for `latest`. */
  since?: string
  /** The cursor a previous call returned with `done: false`. */
  cursor?: unknown
  /** Resource names the engine needs (those its widgets reference). */
  resources?: ReadonlySet<string>
  /** Page size hint; for this connector, days per chunk (one page of daily buckets), 1 to 31. */
  pageSize?: number
  /** Not passed by rawdash's `runSync`; ignored. */
  requiredWindowMs?: Record<string, number>
  /** The widgets' filters and windows per resource; ignored (every chunk is fetched whole). */
  fetchSpecs?: Record<string, Array<FetchSpec>>
}

/**
 * What `sync` resolves to. `done: false` asks the engine to call again with `cursor`.
 * @since 0.1.0
 */
export interface SyncResult {
  done: boolean
  cursor?: unknown
  transientError?: unknown
}

/**
 * One credential a connector needs.
 * @since 0.1.0
 */
export interface CredentialField {
  description: string
  auth?: "none" | "optional" | "required"
}

/**
 * Credential fields by config key. Declared **statically**, it tells the
 * engine which config keys are credentials.
 * @since 0.1.0
 */
export type CredentialsSchema = Record<string, CredentialField>

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
 * The HTTP methods rawdash's request helper knows.
 * @since 0.2.0
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD"

/**
 * What a {@link RequestObserver} sees of one HTTP response.
 * @since 0.2.0
 */
export interface RequestObservation {
  url: string
  method: HttpMethod
  status: number
  /** The request's resource tag: a key of the connector's static `schemas`. */
  resource: string
  /** The response's `request-id`, else a generated id (never empty). */
  requestId: string
  body: unknown
}

/**
 * Called after each HTTP response (rawdash uses it for drift detection).
 * @since 0.1.0
 */
export type RequestObserver = (event: RequestObservation) => void | Promise<void>

/**
 * What the engine hands a connector besides its config.
 * @since 0.1.0
 */
export interface ConnectorContext {
  observer?: RequestObserver
  secretsResolver?: SecretsResolver
  logger?: ConnectorLogger
}

/**
 * A rawdash connector instance.
 * @since 0.2.0
 */
export interface Connector {
  readonly id: string
  readonly credentials?: CredentialsSchema
  serializeConfig(): Record<string, unknown>
  sync(options: SyncOptions, storage: CoreStorageHandle, signal?: AbortSignal): Promise<SyncResult>
}

/**
 * A secret reference, as rawdash config writes it: `{ $secret: "NAME" }`.
 * @since 0.1.0
 */
export interface SecretRef {
  readonly $secret: string
}

/**
 * A dimension or measure of a metric resource (or a field of an entity or event).
 * @since 0.1.0
 */
export interface ResourceField {
  name: string
  description: string
  unit?: string
}

/** A server-side filterable field of an entity or event resource. @since 0.2.0 */
export interface ResourceFilterField {
  field: string
  ops: Array<FilterOperator>
  values?: Array<string | number>
}

/** What every resource definition has. @since 0.2.0 */
export interface ResourceDefBase {
  description: string
  endpoint?: string
  notes?: string
  dynamic?: boolean
  /** Response schemas keyed by request resource tag; merged into the class's static `schemas`. */
  responses?: Readonly<Record<string, z.ZodType>>
}

/**
 * The metric variant of rawdash's `ResourceDefinition`.
 * @since 0.1.0
 */
export interface MetricResourceDefinition extends ResourceDefBase {
  shape: "metric"
  unit?: string
  granularity?: string
  dimensions?: Array<ResourceField>
  measures?: Array<ResourceField>
}

/**
 * rawdash's `ResourceDefinition`: one resource a connector writes.
 * @since 0.2.0
 */
export type ResourceDefinition =
  | (ResourceDefBase & {
      shape: "entity"
      fields?: Array<ResourceField>
      filterable: Array<ResourceFilterField>
    })
  | (ResourceDefBase & {
      shape: "event"
      fields?: Array<ResourceField>
      filterable: Array<ResourceFilterField>
    })
  | MetricResourceDefinition
  | (ResourceDefBase & { shape: "distribution"; kind?: "buckets" | "quantiles"; unit?: string })
  | (ResourceDefBase & { shape: "edge"; from?: string; to?: string })

/**
 * Resource definitions keyed by name.
 * @since 0.2.0
 */
export type ResourceDefinitions = Readonly<Record<string, ResourceDefinition>>

/**
 * Sync cost and frequency guidance, shown by rawdash's docs.
 * @since 0.2.0
 */
export interface ConnectorCost {
  recommendedInterval?: string
  minInterval?: string
  perSync?: string
  warning?: string
}

/**
 * What rawdash's registry accepts: a class constructed as
 * `new Cls(settings, creds, ctx)` with its static metadata.
 * @since 0.2.0
 */
export type ConnectorClass = {
  new (settings: never, creds?: never, ctx?: ConnectorContext): Connector
  readonly credentials?: CredentialsSchema
  readonly schemas: Readonly<Record<string, z.ZodType>>
  readonly resources?: ResourceDefinitions
  readonly cost?: ConnectorCost
}

/**
 * Connector classes by connector type id.
 * @since 0.2.0
 */
export type ConnectorRegistry = Record<string, ConnectorClass>

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
  displayName: string
  category: ConnectorCategory
  tagline: string
  /** `#RRGGBB`. */
  brandColor?: string | undefined
  vendor: { name: string; domain: string; apiDocs?: string | undefined; website?: string | undefined }
  auth: { summary: string; setup: Array<string> }
  rateLimit?: string | undefined
  limitations?: Array<string> | undefined
}

/**
 * What the aggregate `@rawdash/connectors` package builds from a connector
 * package's named exports.
 * @since 0.2.0
 */
export interface ConnectorMetadata {
  id: string
  packageName: string
  doc: ConnectorDoc
  configFields: z.ZodObject<z.ZodRawShape>
  resources: ResourceDefinitions
  cost?: ConnectorCost
}

/**
 * One connector instance in a rawdash config.
 * @since 0.1.0
 */
export interface ConfiguredConnector<Config = Record<string, unknown>> {
  /** Instance name; storage is keyed by it. */
  name: string
  /** The connector type id, e.g. `anthropic`. */
  connectorId: string
  config: Config
  syncIntervalSeconds?: number
  enabled?: boolean
  displayName?: string
}
