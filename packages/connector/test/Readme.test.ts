/**
 * README.md is generated from `doc`, `resources`, `configFields` and the
 * type-checked example; this test fails when it drifts. Regenerate with
 * `UPDATE_README=1 npx vitest run test/Readme.test.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import * as prettier from "prettier"
import { GroupByPlan, UsageReport } from "@rawdash/anthropic-admin-api"
import { DateTime, Either } from "effect"
import { resources } from "../src/index.js"
import { usageParams } from "../src/internal/sync.js"
import * as UsageSamples from "../src/UsageSamples.js"
import { exampleSource, renderReadme } from "./support/readme.js"

const path = new URL("../README.md", import.meta.url)

// formatted as the repository's prettier formats it, so `prettier --write .` keeps it up to date
const render = async () => {
  const options = (await prettier.resolveConfig(fileURLToPath(path))) ?? {}
  return prettier.format(renderReadme(exampleSource()), { ...options, parser: "markdown" })
}

describe("README.md", async () => {
  const expected = await render()
  if (process.env.UPDATE_README === "1") writeFileSync(path, expected)
  const actual = readFileSync(path, "utf8")

  it("is generated from doc, resources, configFields and the example", () => {
    expect(actual).toBe(expected)
  })

  it("its resource section lists exactly the declared resources, in order, with their descriptions", () => {
    const section = actual.slice(actual.indexOf("## Resources"), actual.indexOf("## Example"))
    const listed = [...section.matchAll(/^- `([a-z_]+)` \(metric\) - (.*)$/gm)].map((m) => [m[1], m[2]])
    expect(listed).toEqual(Object.entries(resources).map(([name, r]) => [name, r.description]))
  })

  it("states the requests per window (3 usage: six dimensions over the cap of five; 1 cost) and that the six dimensions are exact", () => {
    const section = actual.slice(actual.indexOf("## How a sync works"), actual.indexOf("## Rate limits"))
    expect(section).toContain("**usage: 3 requests.**")
    expect(section).toContain("refuses more than five\n    `group_by[]` values per request (reference §10.1)")
    expect(section).toContain("fans out over `context_window`")
    expect(section).toContain("**cost: 1 request.**")
    expect(section).toContain("The six dimensions are exact")
    // what the README says is what the client plans, with or without a workspace filter
    expect(UsageSamples.REQUESTS_PER_WINDOW).toBe(3)
    const day = (d: number) => DateTime.unsafeMake(Date.UTC(2026, 2, d))
    for (const workspaceIds of [undefined, ["wrkspc_A", "wrkspc_B"]]) {
      const plan = UsageReport.plan(usageParams({ workspaceIds }, day(1), day(32), 31))
      expect(Either.map(plan, GroupByPlan.requests)).toEqual(Either.right(3))
      const queries = Either.map(plan, GroupByPlan.queries).pipe(Either.getOrThrow)
      for (const query of queries) expect(query.groupBy.length).toBeLessThanOrEqual(UsageReport.MAX_GROUP_BY)
    }
  })

  it("keeps the seed's layout", () => {
    const headings = [...actual.matchAll(/^## (.*)$/gm)].map((m) => m[1])
    expect(headings).toEqual([
      "Install",
      "Authentication",
      "Configuration",
      "Resources",
      "Example",
      "How a sync works",
      "Rate limits",
      "Limitations",
      "Differences from rawdash's built-in Anthropic connector",
      "License"
    ])
  })
})
