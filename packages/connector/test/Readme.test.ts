/**
 * README.md is generated, in rawdash's connector docs layout, from `doc`,
 * `configFields`, the static `resources` and `cost`, and
 * `src/example.config.ts`; this test fails when it drifts. Regenerate with
 * `UPDATE_README=1 npx vitest run test/Readme.test.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import * as prettier from "prettier"
import { GroupByPlan, UsageReport } from "@rawdash/anthropic-admin-api"
import { DateTime, Either } from "effect"
import { configFields, doc, resources } from "../src/index.js"
import { usageParams } from "../src/internal/sync.js"
import * as UsageSamples from "../src/UsageSamples.js"
import { configRows, exampleSource, GENERATED_NOTE, renderReadme } from "./support/readme.js"

const path = new URL("../README.md", import.meta.url)

// formatted as the repository's prettier formats it, so `prettier --write .` keeps it up to date
const render = async () => {
  const options = (await prettier.resolveConfig(fileURLToPath(path))) ?? {}
  return prettier.format(renderReadme(exampleSource()), { ...options, parser: "markdown" })
}

const day = (d: number) => DateTime.unsafeMake(Date.UTC(2026, 2, d))

/** Requests per 31-day window as the client plans them for a grouping (and workspace filter). */
const planned = (dimensions: ReadonlyArray<UsageSamples.Dimension>, workspaceIds?: ReadonlyArray<string>) =>
  UsageReport.plan(usageParams({ workspaceIds, dimensions }, day(1), day(32), 31)).pipe(
    Either.map(GroupByPlan.requests),
    Either.getOrThrow
  )

describe("README.md", async () => {
  const expected = await render()
  if (process.env.UPDATE_README === "1") writeFileSync(path, expected)
  const actual = readFileSync(path, "utf8")

  it("is generated from doc, configFields, resources, cost and src/example.config.ts", () => {
    expect(actual).toBe(expected)
    expect(actual.startsWith(GENERATED_NOTE)).toBe(true)
  })

  it("icon.svg sits beside package.json, as the generator expects: the Simple Icons mark filled with doc.brandColor", () => {
    const icon = readFileSync(new URL("../icon.svg", import.meta.url), "utf8")
    expect(icon).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(icon).toContain(`fill="${doc.brandColor}"`)
    expect(icon).toContain("<title>Anthropic</title>")
    expect(icon).toMatch(/<path d="M[^"]+"\/><\/svg>\n$/)
  })

  it("keeps rawdash's generator layout: its headings, in its order", () => {
    const headings = [...actual.matchAll(/^## (.*)$/gm)].map((m) => m[1])
    expect(headings).toEqual([
      "Install",
      "Authentication",
      "Configuration",
      "Resources",
      "Example",
      "Rate limits",
      "Limitations",
      "Links",
      "License"
    ])
    expect(actual).toContain("> **Cost & frequency.**")
    expect(actual).toContain("1. Open console.anthropic.com -> Settings -> Admin Keys")
  })

  it("its resource section lists exactly the declared resources, in order, with their descriptions", () => {
    const section = actual.slice(actual.indexOf("## Resources"), actual.indexOf("## Example"))
    const listed = [...section.matchAll(/^- \*\*`([a-z_]+)`\*\* _\(metric\)_ - (.*)$/gm)].map((m) => [
      m[1],
      m[2]
    ])
    expect(listed).toEqual(Object.entries(resources).map(([name, r]) => [name, r.description]))
    expect(section).toContain(
      "Dimensions: `model`, `workspace_id`, `api_key_id`, `service_tier`, `context_window`, `inference_geo`, `account_id`, `service_account_id`"
    )
  })

  it("its configuration table is what rawdash's generator reads from the zod configFields", () => {
    const rows = configRows(configFields)
    expect(rows.map((row) => [row.name, row.type, row.required])).toEqual([
      ["adminApiKey", "secret", true],
      ["workspaceIds", "array", false],
      ["resources", "array", false],
      ["lookbackDays", "number", false],
      ["baseUrl", "string", false],
      ["revisionDays", "number", false],
      ["dimensions", "array", false],
      ["source", "`legacy` \\| `analytics`", false],
      ["defaultWorkspaceId", "string", false],
      ["enrichNames", "boolean", false]
    ])
    for (const row of rows) expect(actual).toContain(`| \`${row.name}\``)
  })

  it("states the usage requests per window of each dimensions choice, as the client plans them", () => {
    const six = UsageSamples.DEFAULT_DIMENSIONS
    // the plan: six dimensions fan out over context_window (2 bands + remainder); each opt-in adds a fan-out
    expect(planned(six)).toBe(3)
    expect(planned([...six, "account_id"])).toBe(12)
    expect(planned([...six, "service_account_id"])).toBe(12)
    expect(planned(UsageSamples.DIMENSION_NAMES)).toBe(84)
    expect(planned(["model", "workspace_id", "api_key_id", "account_id", "service_account_id"])).toBe(1)
    // a workspace filter changes nothing
    expect(planned(six, ["wrkspc_A", "wrkspc_B"])).toBe(3)
    expect(planned(UsageSamples.DIMENSION_NAMES, ["wrkspc_A"])).toBe(84)
    // and every request stays within the live API's cap of five dimensions
    for (const dimensions of [six, UsageSamples.DIMENSION_NAMES]) {
      const queries = UsageReport.plan(
        usageParams({ workspaceIds: undefined, dimensions }, day(1), day(32), 31)
      ).pipe(Either.map(GroupByPlan.queries), Either.getOrThrow)
      for (const query of queries) expect(query.groupBy.length).toBeLessThanOrEqual(UsageReport.MAX_GROUP_BY)
    }
    // what the docs say is what the plan says
    expect(UsageSamples.REQUESTS_PER_WINDOW).toBe(planned(six))
    for (const example of UsageSamples.COST_EXAMPLES) {
      expect(UsageSamples.requestsPerWindow(example.dimensions)).toBe(planned(example.dimensions))
    }
    const flat = actual.replace(/\s+/g, " ")
    expect(flat).toContain(
      "The usage report requests each window (up to 31 days) costs: the default six, 3; six plus account_id or service_account_id, 12; all eight, 84; any five or fewer, 1."
    )
    expect(flat).toContain(
      "Usage requests per window depend on the dimensions setting (the default six: 3; six plus account_id: 12; all eight: 84; five: 1)"
    )
    expect(flat).toContain("4 Admin API requests per 31 days of window (3 usage report, 1 cost report)")
  })
})
