/**
 * The connector's configuration: an Effect `Schema` carrying the labels and
 * descriptions a UI shows, its JSON Schema, validation that reports every bad
 * field at once, and the split into settings and credentials that rawdash's
 * engine performs.
 *
 * @since 0.1.0
 */
import { Data, Either, JSONSchema, ParseResult, Schema } from "effect"
import type { SecretRef } from "./Rawdash.js"
import { RESOURCE_NAMES, type ResourceName } from "./Resources.js"

/** Where the Admin API lives unless a gateway is configured. @since 0.1.0 */
export const DEFAULT_BASE_URL = "https://api.anthropic.com"
/** Days fetched by a `full` sync unless configured. @since 0.1.0 */
export const DEFAULT_LOOKBACK_DAYS = 30
/** Largest `lookbackDays` accepted. @since 0.1.0 */
export const MAX_LOOKBACK_DAYS = 180
/** Trailing days a `latest` sync refetches unless configured. @since 0.1.0 */
export const DEFAULT_REVISION_DAYS = 2
/** Largest `revisionDays` accepted (one report page). @since 0.1.0 */
export const MAX_REVISION_DAYS = 31

/**
 * What each field accepts, in words; used in validation messages and the README.
 * @since 0.1.0
 */
export const ALLOWED = {
  adminApiKey:
    'a secret reference { "$secret": "NAME" } with a non-empty NAME, or the key itself as a string',
  workspaceIds: "a non-empty array of workspace ids, each starting with wrkspc_",
  resources: `a non-empty array of: ${RESOURCE_NAMES.join(", ")}`,
  lookbackDays: `an integer from 1 to ${MAX_LOOKBACK_DAYS}`,
  baseUrl: "an http(s) URL such as https://api.anthropic.com",
  revisionDays: `an integer from 1 to ${MAX_REVISION_DAYS}`
} as const

/** A config field name. @since 0.1.0 */
export type FieldName = keyof typeof ALLOWED

/**
 * A secret reference: `{ $secret: "NAME" }`, resolved at sync time.
 * @since 0.1.0
 */
export const SecretReference = Schema.Struct({ $secret: Schema.NonEmptyTrimmedString })

const WorkspaceId = Schema.String.pipe(Schema.pattern(/^wrkspc_[A-Za-z0-9_-]+$/))

const HttpUrl = Schema.String.pipe(
  Schema.filter(
    (value) => {
      try {
        const url = new URL(value)
        return url.protocol === "http:" || url.protocol === "https:"
      } catch {
        return false
      }
    },
    { jsonSchema: { format: "uri", pattern: "^https?://" } }
  )
)

const IntBetween = (min: number, max: number) => Schema.Number.pipe(Schema.int(), Schema.between(min, max))

/**
 * The config a rawdash user writes under `connectors[].config`, with each
 * field's label (`title`) and description as annotations.
 * @since 0.1.0
 */
export const configFields = Schema.Struct({
  adminApiKey: Schema.Union(SecretReference, Schema.NonEmptyTrimmedString).annotations({
    title: "Admin API key",
    description:
      "Anthropic organization admin API key (starts with sk-ant-admin-). Create one at console.anthropic.com -> Settings -> Admin keys. Regular API keys (sk-ant-api-) cannot read the Usage and Cost reports.",
    examples: [{ $secret: "ANTHROPIC_ADMIN_API_KEY" }]
  }),
  workspaceIds: Schema.optional(
    Schema.NonEmptyArray(WorkspaceId).annotations({
      title: "Workspace ids",
      description:
        "Restrict usage and cost queries to specific Anthropic workspace ids (wrkspc_...). Omit to aggregate every workspace the admin key can see."
    })
  ),
  resources: Schema.optional(
    Schema.NonEmptyArray(Schema.Literal(...RESOURCE_NAMES)).annotations({
      title: "Resources",
      description:
        "Which Anthropic metric series to sync. Omit to sync all of them. The five usage metrics share one upstream call to the Messages Usage Report; enabling any one of them fetches the report and writes all five."
    })
  ),
  lookbackDays: Schema.optional(
    IntBetween(1, MAX_LOOKBACK_DAYS).annotations({
      title: "Lookback days",
      description:
        "How many days of usage history to fetch on a full sync. Defaults to 30. The window is fetched in chunks of up to 31 days (one page of daily buckets), each costing 3 usage requests and 1 cost request.",
      default: DEFAULT_LOOKBACK_DAYS
    })
  ),
  baseUrl: Schema.optional(
    HttpUrl.annotations({
      title: "Base URL",
      description:
        "Admin API base URL. Defaults to https://api.anthropic.com; set it to route through a gateway or to a test server.",
      default: DEFAULT_BASE_URL
    })
  ),
  revisionDays: Schema.optional(
    IntBetween(1, MAX_REVISION_DAYS).annotations({
      title: "Revision days",
      description:
        "Trailing days an incremental (latest) sync refetches so late revisions of usage and cost are picked up. Defaults to 2; a latest sync also reaches back to the previous sync when that is older.",
      default: DEFAULT_REVISION_DAYS
    })
  )
}).annotations({
  identifier: "AnthropicConnectorConfig",
  title: "Anthropic",
  description: "Configuration of the rawdash Anthropic connector."
})

/**
 * The config as written (secret references unresolved).
 * @since 0.1.0
 */
export type ConfigInput = typeof configFields.Encoded

/**
 * The config after validation.
 * @since 0.1.0
 */
export type Config = typeof configFields.Type

/**
 * The JSON Schema (draft-07) of {@link configFields}, for UIs.
 * @since 0.1.0
 */
export const configJsonSchema: JSONSchema.JsonSchema7Root = JSONSchema.make(configFields)

/**
 * Settings: every config field except the key. This is what rawdash's engine
 * passes as the constructor's first argument.
 * @since 0.1.0
 */
export interface AnthropicSettings {
  readonly workspaceIds?: ReadonlyArray<string> | undefined
  readonly resources?: ReadonlyArray<ResourceName> | undefined
  readonly lookbackDays?: number | undefined
  readonly baseUrl?: string | undefined
  readonly revisionDays?: number | undefined
}

/**
 * Credentials: the Admin key, as a secret reference or a plain string.
 * @since 0.1.0
 */
export interface AnthropicCredentials {
  readonly adminApiKey: SecretRef | string
}

/**
 * Settings with every default applied.
 * @since 0.1.0
 */
export interface ResolvedSettings {
  readonly workspaceIds: ReadonlyArray<string> | undefined
  readonly resources: ReadonlyArray<ResourceName> | undefined
  readonly lookbackDays: number
  readonly baseUrl: string
  readonly revisionDays: number
}

/**
 * One bad field: its name (or `config` for the whole object) and what went wrong.
 * @since 0.1.0
 */
export interface ConfigIssue {
  readonly field: string
  readonly message: string
}

/**
 * An invalid config: every bad field, each with what is allowed. The message
 * never contains the value given for `adminApiKey`.
 * @since 0.1.0
 */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly issues: ReadonlyArray<ConfigIssue>
}> {
  override get message(): string {
    return `Invalid Anthropic connector config:\n${this.issues.map((issue) => `  - ${issue.field}: ${issue.message}`).join("\n")}`
  }
}

const FIELD_NAMES = Object.keys(ALLOWED) as ReadonlyArray<FieldName>

const isFieldName = (key: unknown): key is FieldName =>
  typeof key === "string" && (FIELD_NAMES as ReadonlyArray<string>).includes(key)

const describe = (value: unknown): string => {
  try {
    const json = JSON.stringify(value)
    if (json === undefined) return String(value)
    return json.length > 80 ? `${json.slice(0, 77)}...` : json
  } catch {
    return String(value)
  }
}

const issuesOf = (input: unknown, error: ParseResult.ParseError): ReadonlyArray<ConfigIssue> => {
  const record = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {}
  const byField = new Map<string, ConfigIssue>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const key = issue.path[0]
    if (key === undefined) {
      byField.set("config", {
        field: "config",
        message: `expected an object with the fields ${FIELD_NAMES.join(", ")}`
      })
    } else if (!isFieldName(key)) {
      byField.set(String(key), {
        field: String(key),
        message: `unknown field; allowed fields are ${FIELD_NAMES.join(", ")}`
      })
    } else if (!byField.has(key)) {
      const given = key in record
      const received = !given
        ? "missing (required)"
        : key === "adminApiKey"
          ? "invalid value (not shown)"
          : `got ${describe(record[key])}`
      byField.set(key, { field: key, message: `${received}; allowed: ${ALLOWED[key]}` })
    }
  }
  return [...byField.values()]
}

const decodeAll = Schema.decodeUnknownEither(configFields, { errors: "all", onExcessProperty: "error" })

/**
 * Validates a whole config (settings and credentials together), reporting
 * every bad field in one {@link ConfigError}.
 * @since 0.1.0
 */
export const validate = (input: unknown): Either.Either<Config, ConfigError> =>
  Either.mapLeft(decodeAll(input), (error) => new ConfigError({ issues: issuesOf(input, error) }))

/**
 * Validates a config and throws {@link ConfigError} if it is invalid.
 * @since 0.1.0
 */
export const parse = (input: unknown): Config => {
  const result = validate(input)
  if (Either.isLeft(result)) throw result.left
  return result.right
}

/**
 * Splits a config as rawdash's engine does: keys of the static credentials
 * schema (`adminApiKey`) go to credentials, every other key to settings.
 * @since 0.1.0
 */
export const split = (
  config: Readonly<Record<string, unknown>>
): { readonly settings: Record<string, unknown>; readonly creds: Record<string, unknown> } => {
  const settings: Record<string, unknown> = {}
  const creds: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) {
    if (key === "adminApiKey") creds[key] = value
    else settings[key] = value
  }
  return { settings, creds }
}

/**
 * Applies the defaults to validated settings.
 * @since 0.1.0
 */
export const resolveSettings = (config: Omit<Config, "adminApiKey">): ResolvedSettings => ({
  workspaceIds: config.workspaceIds,
  resources: config.resources,
  lookbackDays: config.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
  baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
  revisionDays: config.revisionDays ?? DEFAULT_REVISION_DAYS
})
