/**
 * README.md is generated from `doc`, `resources`, `configFields` and the
 * type-checked example; this test fails when it drifts. Regenerate with
 * `UPDATE_README=1 npx vitest run test/Readme.test.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import * as prettier from "prettier"
import { resources } from "../src/index.js"
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
