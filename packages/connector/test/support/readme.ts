/**
 * Renders README.md in the layout of rawdash's connector docs generator
 * (`scripts/generate-connector-docs.ts`, contract §5: "the README is
 * generated"), from what that generator reads: the named exports `doc`,
 * `configFields` (zod: `.shape`, `.meta()`, `safeParse(undefined)` for
 * "required"), the class's static `resources` and `cost`, and
 * `src/example.config.ts`. `test/Readme.test.ts` checks the file is up to
 * date; `UPDATE_README=1 npx vitest run test/Readme.test.ts` rewrites it.
 */
import { readFileSync } from "node:fs"
import { z } from "zod"
import AnthropicConnector, { configFields, doc } from "../../src/index.js"
import type { ConnectorCost, ResourceDefinition, ResourceDefinitions } from "../../src/Rawdash.js"

interface PackageJson {
  readonly name: string
  readonly license: string
  readonly repository: { readonly url: string; readonly directory: string }
  readonly peerDependencies?: Readonly<Record<string, string>>
}

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as PackageJson

/** The repository's web address, from `repository.url`. */
const repositoryUrl = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "")

export const GENERATED_NOTE =
  "<!-- This file is generated from connector metadata by packages/connector/test/support/readme.ts in rawdash's connector docs layout. Do not edit by hand: run UPDATE_README=1 npx vitest run test/Readme.test.ts. -->"

/** One row of the configuration table, as rawdash's generator derives it from a zod field. */
export interface ConfigRow {
  readonly name: string
  readonly type: string
  readonly required: boolean
  readonly description: string
}

export const configRows = (schema: z.ZodObject<z.ZodRawShape>): Array<ConfigRow> =>
  Object.entries(schema.shape).map(([name, raw]) => {
    const field = raw as z.ZodType
    const meta = (field.meta() ?? {}) as { label?: string; description?: string; secret?: boolean }
    let inner: z.ZodType = field
    while (
      inner instanceof z.ZodOptional ||
      inner instanceof z.ZodNullable ||
      inner instanceof z.ZodDefault
    ) {
      inner = inner.unwrap() as z.ZodType
    }
    const type = meta.secret
      ? "secret"
      : inner instanceof z.ZodEnum
        ? inner.options.map((value) => `\`${String(value)}\``).join(" \\| ")
        : inner instanceof z.ZodString
          ? "string"
          : inner instanceof z.ZodNumber
            ? "number"
            : inner instanceof z.ZodBoolean
              ? "boolean"
              : inner instanceof z.ZodArray
                ? "array"
                : inner instanceof z.ZodObject
                  ? "object"
                  : "unknown"
    return {
      name,
      type,
      required: !field.safeParse(undefined).success,
      description: meta.description ?? meta.label ?? ""
    }
  })

const configTable = (rows: ReadonlyArray<ConfigRow>): Array<string> =>
  rows.length === 0
    ? ["This connector takes no configuration fields."]
    : [
        "| Field | Type | Required | Description |",
        "| ----- | ---- | -------- | ----------- |",
        ...rows.map(
          (row) => `| \`${row.name}\` | ${row.type} | ${row.required ? "Yes" : "No"} | ${row.description} |`
        )
      ]

const resourceLines = (name: string, r: ResourceDefinition): Array<string> => {
  const detail: Array<string> = []
  if (r.endpoint) detail.push(`Endpoint: \`${r.endpoint}\``)
  if (r.shape === "metric") {
    if (r.unit) detail.push(`Unit: ${r.unit}`)
    if (r.granularity) detail.push(`Granularity: ${r.granularity}`)
    if (r.dimensions?.length) {
      detail.push(`Dimensions: ${r.dimensions.map((d) => `\`${d.name}\``).join(", ")}`)
    }
    if (r.measures?.length) detail.push(`Measures: ${r.measures.map((m) => `\`${m.name}\``).join(", ")}`)
  }
  if (r.notes) detail.push(r.notes)
  return [`- **\`${name}\`** _(${r.shape})_ - ${r.description}`, ...detail.map((line) => `  - ${line}`)]
}

const costLines = (cost: ConnectorCost): Array<string> => [
  ...(cost.warning ? [cost.warning] : []),
  ...(cost.recommendedInterval ? [`Recommended sync interval: **${cost.recommendedInterval}**.`] : []),
  ...(cost.minInterval ? [`Minimum sensible interval: **${cost.minInterval}**.`] : []),
  ...(cost.perSync ? [`Each sync costs roughly: ${cost.perSync}.`] : [])
]

export const exampleSource = (): string =>
  readFileSync(new URL("../../src/example.config.ts", import.meta.url), "utf8")

export const renderReadme = (example: string): string => {
  const resources: ResourceDefinitions = AnthropicConnector.resources
  const cost: ConnectorCost | undefined = AnthropicConnector.cost
  return [
    GENERATED_NOTE,
    "",
    `# ${pkg.name}`,
    "",
    `[![npm version](https://img.shields.io/npm/v/${pkg.name})](https://www.npmjs.com/package/${pkg.name})`,
    `[![license](https://img.shields.io/npm/l/${pkg.name})](${repositoryUrl}/blob/main/LICENSE)`,
    "",
    doc.tagline,
    ...(cost === undefined ? [] : ["", `> **Cost & frequency.** ${costLines(cost).join(" ")}`]),
    "",
    "## Install",
    "",
    "```sh",
    `npm install ${pkg.name} ${Object.entries(pkg.peerDependencies ?? {})
      .map(([name, range]) => `${name}@${range}`)
      .join(" ")}`,
    "```",
    "",
    "`effect` and `@effect/platform` are peer dependencies: pin them as above, since npm's `latest` of `effect` is a",
    "4.x major this connector does not support (npm only warns about the peer range, then imports fail).",
    "",
    "## Authentication",
    "",
    doc.auth.summary,
    "",
    ...doc.auth.setup.map((step, i) => `${i + 1}. ${step}`),
    "",
    "## Configuration",
    "",
    ...configTable(configRows(configFields)),
    "",
    "## Resources",
    "",
    ...Object.entries(resources).flatMap(([name, r]) => resourceLines(name, r)),
    "",
    "## Example",
    "",
    "```ts",
    example.trimEnd(),
    "```",
    ...(doc.rateLimit ? ["", "## Rate limits", "", doc.rateLimit] : []),
    ...(doc.limitations?.length ? ["", "## Limitations", "", ...doc.limitations.map((l) => `- ${l}`)] : []),
    "",
    "## Links",
    "",
    "- [Rawdash docs](https://rawdash.dev/docs/connectors)",
    ...(doc.vendor.apiDocs ? [`- [${doc.vendor.name} API docs](${doc.vendor.apiDocs})`] : []),
    `- [GitHub](${repositoryUrl})`,
    "",
    "## License",
    "",
    pkg.license,
    ""
  ].join("\n")
}
