/**
 * Renders README.md from `doc`, `resources`, `configFields` and the example
 * config, in the seed README's layout. `test/Readme.test.ts` checks the file
 * is up to date; `UPDATE_README=1 npx vitest run test/Readme.test.ts`
 * rewrites it.
 */
import { readFileSync } from "node:fs"
import { JSONSchema } from "effect"
import * as Config from "../../src/Config.js"
import { doc } from "../../src/Doc.js"
import type { MetricResourceDefinition } from "../../src/Rawdash.js"
import { resources } from "../../src/Resources.js"

const PACKAGE = "@rawdash/connector-anthropic"

interface JsonProperty {
  readonly type?: string
  readonly anyOf?: ReadonlyArray<unknown>
  readonly $ref?: string
  readonly title?: string
  readonly description?: string
  readonly default?: unknown
}

const configRows = (): Array<string> => {
  const root = JSONSchema.make(Config.configFields) as unknown as {
    readonly $defs: Record<
      string,
      { properties: Record<string, JsonProperty>; required: ReadonlyArray<string> }
    >
  }
  const schema = root.$defs.AnthropicConnectorConfig
  if (schema === undefined) throw new Error("no AnthropicConnectorConfig in the JSON Schema")
  return Object.entries(schema.properties).map(([name, property]) => {
    const type =
      property.anyOf !== undefined
        ? "secret"
        : property.type === "integer"
          ? "number"
          : (property.type ?? "string")
    const required = schema.required.includes(name) ? "Yes" : "No"
    const allowed = Config.ALLOWED[name as Config.FieldName]
    return `| \`${name}\` | ${type} | ${required} | ${property.description ?? ""} Allowed: ${allowed}. |`
  })
}

const resourceSection = (): Array<string> =>
  Object.entries(resources).flatMap(([name, r]: [string, MetricResourceDefinition]) => [
    `- \`${name}\` (${r.shape}) - ${r.description}`,
    ...(r.endpoint === undefined ? [] : [`  - Endpoint: \`${r.endpoint}\``]),
    ...(r.unit === undefined ? [] : [`  - Unit: ${r.unit}`]),
    ...(r.granularity === undefined ? [] : [`  - Granularity: ${r.granularity}`]),
    ...(r.dimensions === undefined
      ? []
      : [`  - Dimensions: ${r.dimensions.map((d) => `\`${d.name}\``).join(", ")}`]),
    ...(r.measures === undefined
      ? []
      : [`  - Measures: ${r.measures.map((m) => `\`${m.name}\``).join(", ")}`]),
    ...(r.notes === undefined ? [] : [`  - ${r.notes}`])
  ])

export const renderReadme = (exampleSource: string): string =>
  [
    `# ${PACKAGE}`,
    "",
    doc.tagline,
    "",
    "A drop-in [rawdash](https://rawdash.dev) connector built on the typed Effect client",
    "[`@rawdash/anthropic-admin-api`](../admin-api-client). It runs unmodified in rawdash's engine: the default",
    "export is the connector class, and the named exports `id`, `doc`, `configFields` and `resources` are what",
    "rawdash's connector catalogue reads.",
    "",
    "## Install",
    "",
    "```sh",
    `npm install ${PACKAGE} effect @effect/platform`,
    "```",
    "",
    "## Authentication",
    "",
    doc.auth.summary,
    "",
    ...doc.auth.setup.map((step) => `- ${step}`),
    "",
    "The key is declared as a static credential (`AnthropicConnector.credentials`), so rawdash's engine passes it",
    "to the connector as a credential and resolves the secret reference; it is only ever sent in the `x-api-key`",
    "header, and never appears in logs, errors, cursors or `serializeConfig()`.",
    "",
    "## Configuration",
    "",
    "| Field | Type | Required | Description |",
    "| ----- | ---- | -------- | ----------- |",
    ...configRows(),
    "",
    "An invalid config fails with one error listing every bad field and what it allows. `configFields` is an",
    "Effect `Schema` carrying these labels and descriptions; `configJsonSchema` is its JSON Schema, for UIs.",
    "",
    "## Resources",
    "",
    ...resourceSection(),
    "",
    "Every declared attribute is present on every sample; an absent dimension is `null`, never `undefined`.",
    "",
    "## Example",
    "",
    "```ts",
    exampleSource.trimEnd(),
    "```",
    "",
    "## How a sync works",
    "",
    "- **Window**: every sync ends at tomorrow 00:00 UTC. A `full` sync covers `lookbackDays` (or from the",
    "  engine's `since`, capped at `lookbackDays`); a `latest` sync refetches the trailing `revisionDays` and",
    "  reaches back to the previous sync when that is older, so downtime leaves no gap.",
    "- **Calls**: the usage report is called only if one of the five usage metrics is wanted, the cost report",
    "  only if `anthropic_cost_usd` is; wanted means listed in `resources` (if set) and requested by the engine",
    "  (if it says). The two reports are fetched concurrently, each in chunks of up to 31 days (`pageSize`).",
    "- **Requests per window** (up to 31 days):",
    "  - **usage: 3 requests.** The usage metrics carry six dimensions, but the live API refuses more than five",
    "    `group_by[]` values per request (reference §10.1). The client's plan fans out over `context_window`:",
    "    one request filtered to `0-200k` and one to `200k-1M`, each grouped by the other five dimensions, plus",
    "    one unfiltered request whose excess over the two is usage with no (or an unknown) context window,",
    "    stored as `null`. The six dimensions are exact: every sample equals what one six-dimension query would",
    "    return, nothing lost or counted twice. `workspaceIds` do not change the count.",
    "  - **cost: 1 request.**",
    "  - So a default 30-day `full` sync is 4 requests, and so is a `latest` sync of the trailing days.",
    "- **Writes**: each chunk is fetched whole, then written replacing exactly its days, so every day in the",
    "  window ends up exactly as the API returned it, days without data are cleared, history outside the window",
    "  is never touched, and memory stays bounded by one chunk. The five usage metrics of a chunk are written in",
    "  one call, so a failure never leaves a day half-written. Only whole UTC days are ever asked for.",
    "- **Resume**: on abort, or when a call's 30-second chunk budget is spent, `sync` returns",
    "  `{ done: false, cursor }` at a chunk boundary and the next call continues from there. A fetch still in",
    "  flight at the deadline (retry waits included) is cut off, so a call never blocks past its budget; if it",
    "  was waiting out a rate limit, that error comes back as `transientError`. The cursor is plain JSON",
    "  holding, per report, the first day not yet written; it is bound to the config, window and page size it",
    "  was made for (another config starts over cleanly), and never contains the key.",
    "",
    "## Rate limits",
    "",
    doc.rateLimit,
    "",
    "Authentication, permission and invalid-request errors are not retried: `sync` rejects with a message",
    "that says what to do (for 401/403, that an Admin key is needed and where to create one).",
    "",
    "## Limitations",
    "",
    ...doc.limitations.map((limitation) => `- ${limitation}`),
    "",
    "## Differences from rawdash's built-in Anthropic connector",
    "",
    "- The key reaches the request: `adminApiKey` is a static credential, so the engine resolves it.",
    "- The engine's `options.resources` gate the two report calls, not only the config's `resources`.",
    "- `workspaceIds` also filter cost (on our side; the Cost Report has no such filter).",
    "- Cost is exact: cents are divided by 100 in decimal arithmetic and converted to a number once.",
    "- An amount that is not a decimal, or a usage row missing a documented count, fails the sync with a",
    "  message naming the field instead of being written as 0.",
    "- Usage dimensions are the six the report is grouped by; `account_id` and `service_account_id` are not",
    "  declared.",
    "- The six usage dimensions work under the live API's cap of five `group_by[]` values per request (rawdash's",
    "  connector sends six in one request), and stay exact.",
    "- Chunks are written as they arrive and an interrupted sync resumes from its chunk, not from the start.",
    "- Rate-limit and overload errors that outlast the retries (or the call's budget) return `transientError`",
    "  with a cursor instead of failing the run.",
    "- `configFields` is an Effect `Schema`, not a zod object.",
    "",
    "## License",
    "",
    "Apache-2.0",
    ""
  ].join("\n")

export const exampleSource = (): string =>
  readFileSync(new URL("../../examples/rawdash.config.ts", import.meta.url), "utf8")
