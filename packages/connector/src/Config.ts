/**
 * The connector's configuration: one Effect `Schema` ({@link configSchema})
 * carrying the labels and descriptions a UI shows; derived from it, the zod 4
 * object rawdash's tools read ({@link configFields}: `.shape`, `.meta()`,
 * `.safeParse`) and the JSON Schema ({@link configJsonSchema}); validation
 * that reports every bad field at once; and the split into settings and
 * credentials that rawdash's engine performs.
 *
 * @since 0.1.0
 */
import { AdminApiClient } from "@rawdash/anthropic-admin-api"
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type { z } from "zod"
import type { SecretRef } from "./Rawdash.js"
import { RESOURCE_NAMES, type ResourceName, USAGE_DIMENSIONS } from "./Resources.js"
import { DEFAULT_CONCURRENCY } from "./internal/concurrency.js"
import * as UsageSamples from "./UsageSamples.js"
import * as ZodSchema from "./ZodSchema.js"

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
  baseUrl:
    "an https:// URL such as https://api.anthropic.com or a gateway's (http:// only to a loopback host: localhost, 127.0.0.0/8, [::1]); no credentials, query or fragment",
  revisionDays: `an integer from 1 to ${MAX_REVISION_DAYS}`,
  dimensions: `a non-empty array of: ${USAGE_DIMENSIONS.map((field) => field.name).join(", ")}`,
  source:
    'one of "legacy" (the Usage and Cost reports) or "analytics" (the Usage and Cost Analytics API, beta)',
  defaultWorkspaceId: "a workspace id starting with wrkspc_",
  enrichNames: "true or false"
} as const

/** A config field name. @since 0.1.0 */
export type FieldName = keyof typeof ALLOWED

/**
 * A secret reference: `{ $secret: "NAME" }`, resolved at sync time.
 * @since 0.1.0
 */
export const SecretReference = Schema.Struct({ $secret: Schema.NonEmptyTrimmedString })

const WorkspaceId = Schema.String.pipe(Schema.pattern(/^wrkspc_[A-Za-z0-9_-]+$/))

/** The client's base URL rule: the key only ever goes over https, or to this machine. */
const HttpUrl = Schema.String.pipe(
  Schema.filter((value) => Either.isRight(AdminApiClient.validateBaseUrl(value, "baseUrl")), {
    jsonSchema: { format: "uri", pattern: "^https?://" }
  })
)

const IntBetween = (min: number, max: number) => Schema.Number.pipe(Schema.int(), Schema.between(min, max))

/** A field's description followed by what it allows. */
const describedAs = (field: FieldName, text: string): string => `${text} Allowed: ${ALLOWED[field]}.`

/** Requests per window of each usage grouping, in words, for the `dimensions` description. */
const dimensionsCost = (): string => {
  const [six, seven, eight, five] = UsageSamples.COST_EXAMPLES.map((example) =>
    UsageSamples.requestsPerWindow(example.dimensions)
  )
  return `The usage report requests each window (up to 31 days) costs: the default six, ${six}; six plus account_id or service_account_id, ${seven}; all eight, ${eight}; any five or fewer, ${five}.`
}

/**
 * The config a rawdash user writes under `connectors[].config`, with each
 * field's label (`title`) and description as annotations: the one source of
 * {@link configFields} and {@link configJsonSchema}.
 * @since 0.2.0
 */
export const configSchema = Schema.Struct({
  adminApiKey: Schema.Union(SecretReference, Schema.NonEmptyTrimmedString).annotations({
    title: "Admin API key",
    description: describedAs(
      "adminApiKey",
      "Anthropic organization admin API key (starts with sk-ant-admin-). Create one at console.anthropic.com -> Settings -> Admin keys. Regular API keys (sk-ant-api-) cannot read the Usage and Cost reports."
    ),
    examples: [{ $secret: "ANTHROPIC_ADMIN_API_KEY" }]
  }),
  workspaceIds: Schema.optional(
    Schema.NonEmptyArray(WorkspaceId).annotations({
      title: "Workspace ids",
      description: describedAs(
        "workspaceIds",
        "Restrict usage and cost queries to specific Anthropic workspace ids (wrkspc_...). Omit to aggregate every workspace the admin key can see."
      )
    })
  ),
  resources: Schema.optional(
    Schema.NonEmptyArray(Schema.Literal(...RESOURCE_NAMES)).annotations({
      title: "Resources",
      description: describedAs(
        "resources",
        "Which Anthropic metric series to sync. Omit to sync all of them. The five usage metrics share one upstream call to the Messages Usage Report; enabling any one of them fetches the report and writes all five."
      )
    })
  ),
  lookbackDays: Schema.optional(
    IntBetween(1, MAX_LOOKBACK_DAYS).annotations({
      title: "Lookback days",
      description: describedAs(
        "lookbackDays",
        `How many days of usage history to fetch on a full sync. Defaults to 30. The window is fetched in windows of up to 31 days (one page of daily buckets, up to ${DEFAULT_CONCURRENCY} at once), each costing ${UsageSamples.REQUESTS_PER_WINDOW} usage requests (with the default dimensions) and 1 cost request.`
      ),
      default: DEFAULT_LOOKBACK_DAYS
    })
  ),
  baseUrl: Schema.optional(
    HttpUrl.annotations({
      title: "Base URL",
      description: describedAs(
        "baseUrl",
        "Admin API base URL. Defaults to https://api.anthropic.com; set it to route through a gateway or to a test server."
      ),
      default: DEFAULT_BASE_URL
    })
  ),
  revisionDays: Schema.optional(
    IntBetween(1, MAX_REVISION_DAYS).annotations({
      title: "Revision days",
      description: describedAs(
        "revisionDays",
        "Trailing days an incremental (latest) sync refetches so late revisions of usage and cost are picked up. Defaults to 2; a latest sync also reaches back to the previous sync when that is older."
      ),
      default: DEFAULT_REVISION_DAYS
    })
  ),
  dimensions: Schema.optional(
    Schema.NonEmptyArray(Schema.Literal(...UsageSamples.DIMENSION_NAMES)).annotations({
      title: "Usage dimensions",
      description: describedAs(
        "dimensions",
        `Which declared dimensions the usage metrics are grouped by; the others are null. Defaults to ${UsageSamples.DEFAULT_DIMENSIONS.join(", ")}: account_id and service_account_id are opt-in because the live API groups by at most five dimensions per request, so more dimensions cost more requests. ${dimensionsCost()}`
      )
    })
  ),
  source: Schema.optional(
    Schema.Literal("legacy", "analytics").annotations({
      title: "Source",
      description: describedAs(
        "source",
        'Which endpoints feed the six metrics. Defaults to "legacy": the Messages Usage Report and the Cost Report. "analytics" reads the Usage and Cost Analytics API (beta; history from 2026-01-01, at most 365 days back) with the same metric names, units and attributes, except: the analytics API returns only rows with usage (a missing row means zero; no zero samples are written); cost has no line-item description (description is null; cost_type and token_type are grouped values) and is split per api_key_id; account_id and service_account_id are null; the Default Workspace keeps its tagged id unless defaultWorkspaceId is set.'
      ),
      default: "legacy"
    })
  ),
  defaultWorkspaceId: Schema.optional(
    WorkspaceId.annotations({
      title: "Default Workspace id",
      description: describedAs(
        "defaultWorkspaceId",
        'The tagged id the analytics API gives the Default Workspace (Console -> Settings -> Workspaces). With source "analytics", its rows are written with workspace_id null, as the legacy reports spell the Default Workspace, so both sources give the same samples. Ignored with source "legacy".'
      )
    })
  ),
  enrichNames: Schema.optional(
    Schema.Boolean.annotations({
      title: "Enrich names",
      description: describedAs(
        "enrichNames",
        "Add api_key_name and workspace_name attributes next to the ids, on either source. Costs at most one listing of API keys and one of workspaces per sync (plus one read per workspace id missing from the listing); when a listing cannot be read (e.g. the key may not list API keys) the ids are used as names and one warning is logged per kind. Defaults to false."
      ),
      default: false
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
export type ConfigInput = typeof configSchema.Encoded

/**
 * The config after validation.
 * @since 0.1.0
 */
export type Config = typeof configSchema.Type

/**
 * The JSON Schema (draft-07) of {@link configSchema}, for UIs.
 * @since 0.1.0
 */
export const configJsonSchema: JSONSchema.JsonSchema7Root = JSONSchema.make(configSchema)

const annotated = <A>(
  ast: SchemaAST.AST,
  get: (ast: SchemaAST.Annotated) => Option.Option<A>
): Option.Option<A> =>
  Option.orElse(get(ast), () =>
    ast._tag === "Union" ? Option.firstSomeOf(ast.types.map((member) => get(member))) : Option.none()
  )

/**
 * A field's zod `.meta()` as rawdash's connectors annotate fields, derived
 * from its annotations: `label` (title), `description`, `placeholder` (the
 * default, or the secret name of the example) and `secret` (the field takes a
 * secret reference).
 */
const fieldMeta = (_name: string, property: SchemaAST.PropertySignature): Record<string, unknown> => {
  const ast = property.type
  const label = annotated(ast, SchemaAST.getTitleAnnotation)
  const description = annotated(ast, SchemaAST.getDescriptionAnnotation)
  const fallback = annotated(ast, SchemaAST.getExamplesAnnotation).pipe(
    Option.flatMap((examples) => Option.fromNullable(examples[0])),
    Option.flatMap((example) =>
      Schema.is(SecretReference)(example) ? Option.some(example.$secret) : Option.none()
    )
  )
  const placeholder = annotated(ast, SchemaAST.getDefaultAnnotation).pipe(
    Option.filter((value) => typeof value === "string" || typeof value === "number"),
    Option.map(String),
    Option.orElse(() => fallback)
  )
  const secret = ast._tag === "Union" && ast.types.includes(SecretReference.ast)
  return {
    ...Option.match(label, { onNone: () => ({}), onSome: (value) => ({ label: value }) }),
    ...Option.match(description, { onNone: () => ({}), onSome: (value) => ({ description: value }) }),
    ...Option.match(placeholder, { onNone: () => ({}), onSome: (value) => ({ placeholder: value }) }),
    ...(secret ? { secret: true } : {})
  }
}

/**
 * The config as rawdash's tools read it: a zod 4 object derived from
 * {@link configSchema} (same fields, same rules, unknown fields refused), each
 * field carrying `.meta({ label, description, placeholder?, secret? })`.
 * rawdash's MCP server validates with `configFields.safeParse`, its docs
 * generator builds the config table from `.shape` and `.meta()`.
 * @since 0.1.0
 */
export const configFields: z.ZodObject<{ [K in keyof ConfigInput & string]-?: z.ZodType }> =
  ZodSchema.fromStruct(configSchema, { onExcessProperty: "error", meta: fieldMeta })

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
  readonly dimensions?: ReadonlyArray<UsageSamples.Dimension> | undefined
  readonly source?: "legacy" | "analytics" | undefined
  readonly defaultWorkspaceId?: string | undefined
  readonly enrichNames?: boolean | undefined
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
  /** The dimensions the usage report is grouped by. */
  readonly dimensions: ReadonlyArray<UsageSamples.Dimension>
  /** Which endpoints feed the metrics. */
  readonly source: "legacy" | "analytics"
  /** The Default Workspace's tagged id, written as `null` (analytics source). */
  readonly defaultWorkspaceId: string | undefined
  /** Whether to add `api_key_name` / `workspace_name` attributes. */
  readonly enrichNames: boolean
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

const decodeAll = Schema.decodeUnknownEither(configSchema, { errors: "all", onExcessProperty: "error" })

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
  revisionDays: config.revisionDays ?? DEFAULT_REVISION_DAYS,
  dimensions: config.dimensions ?? UsageSamples.DEFAULT_DIMENSIONS,
  source: config.source ?? "legacy",
  defaultWorkspaceId: config.defaultWorkspaceId,
  enrichNames: config.enrichNames ?? false
})
