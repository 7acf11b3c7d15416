/**
 * The rawdash connector class: what rawdash's engine constructs and syncs.
 *
 * @since 0.1.0
 */
import { AdminApiClient, UsageReport } from "@rawdash/anthropic-admin-api"
import { Effect, Redacted } from "effect"
import type {
  ConnectorContext,
  CredentialsSchema,
  MetricSample,
  SecretRef,
  StorageHandle,
  SyncOptions,
  SyncResult
} from "./Rawdash.js"
import { type ResourceName, resources, USAGE_METRICS } from "./Resources.js"
import * as UsageSamples from "./UsageSamples.js"

/** The connector type id. @since 0.1.0 */
export const id = "anthropic"

const DAY = 86_400_000

/** Settings: everything but the key. @since 0.1.0 */
export interface AnthropicSettings {
  readonly workspaceIds?: ReadonlyArray<string> | undefined
  readonly resources?: ReadonlyArray<ResourceName> | undefined
  readonly lookbackDays?: number | undefined
  readonly baseUrl?: string | undefined
}

/** Credentials: the Admin key, as a secret reference or a plain string. @since 0.1.0 */
export interface AnthropicCredentials {
  readonly adminApiKey: SecretRef | string
}

const isSecretRef = (value: unknown): value is SecretRef =>
  typeof value === "object" && value !== null && typeof (value as { $secret?: unknown }).$secret === "string"

/**
 * The Anthropic connector.
 * @since 0.1.0
 */
export class AnthropicConnector {
  /** @since 0.1.0 */
  static readonly id = id
  /** Static, so rawdash's engine routes `adminApiKey` into `creds`. @since 0.1.0 */
  static readonly credentials: CredentialsSchema = {
    adminApiKey: { description: "Anthropic organization Admin API key (sk-ant-admin…).", auth: "required" }
  }
  /** @since 0.1.0 */
  static readonly resources = resources
  /** Response schemas keyed by request tag. @since 0.1.0 */
  static readonly schemas = { usage_messages: UsageReport.UsagePage } as const

  /** @since 0.1.0 */
  readonly id = id
  /** @since 0.1.0 */
  readonly credentials = AnthropicConnector.credentials

  constructor(
    private readonly settings: AnthropicSettings = {},
    private readonly creds: AnthropicCredentials | undefined = undefined,
    private readonly ctx: ConnectorContext = {}
  ) {}

  /** The config as given: secret references stay references. @since 0.1.0 */
  serializeConfig(): Record<string, unknown> {
    return { ...this.settings, ...(this.creds === undefined ? {} : { adminApiKey: this.creds.adminApiKey }) }
  }

  private resolveKey(): Redacted.Redacted<string> {
    const given = this.creds?.adminApiKey
    if (typeof given === "string") return Redacted.make(given)
    if (isSecretRef(given)) {
      const resolved = this.ctx.secretsResolver
        ? this.ctx.secretsResolver.resolve(given.$secret)
        : process.env[given.$secret]
      if (typeof resolved === "string" && resolved !== "") return Redacted.make(resolved)
      throw new Error(`Missing secret "${given.$secret}": set it in the environment or the secrets store.`)
    }
    throw new Error(
      "adminApiKey is required: an Anthropic Admin API key (sk-ant-admin…) or { $secret: NAME }."
    )
  }

  /** Fetches the window and writes it. @since 0.1.0 */
  async sync(options: SyncOptions, storage: StorageHandle): Promise<SyncResult> {
    const wanted = (name: ResourceName) =>
      (this.settings.resources === undefined || this.settings.resources.includes(name)) &&
      (options.resources === undefined || options.resources.has(name))
    const end = Math.floor(Date.now() / DAY) * DAY + DAY
    const days = options.mode === "latest" ? 2 : (this.settings.lookbackDays ?? 30)
    const start = end - days * DAY
    if (USAGE_METRICS.some(wanted)) {
      const layer = AdminApiClient.layerFetch({ apiKey: this.resolveKey(), baseUrl: this.settings.baseUrl })
      const samples = UsageSamples.empty()
      await Effect.runPromise(
        Effect.gen(function* () {
          let page: string | undefined
          do {
            const result = yield* UsageReport.page({
              startingAt: new Date(start),
              endingAt: new Date(end),
              bucketWidth: "1d",
              limit: 31,
              page,
              groupBy: [
                "model",
                "workspace_id",
                "api_key_id",
                "service_tier",
                "context_window",
                "inference_geo"
              ]
            })
            for (const bucket of result.data) UsageSamples.fromBucket(bucket, samples)
            page = result.has_more && result.next_page ? result.next_page : undefined
          } while (page !== undefined)
        }).pipe(Effect.provide(layer))
      )
      for (const name of USAGE_METRICS) {
        const batch: ReadonlyArray<MetricSample> = samples[name]
        await storage.metrics(batch, { names: [name], replaceWindow: { start, end: end - 1 } })
      }
    }
    return { done: true }
  }
}
