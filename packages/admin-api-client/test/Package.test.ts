/**
 * What a user installs: the README's install line pins the peer ranges, and
 * the published manifest ships only the builds (no sources, no
 * workspace-only export condition). `scripts/tarball-smoke.mjs` installs the
 * packed tarball with that line and runs the README examples, ESM and CJS.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8")
const manifest = JSON.parse(read("package.json")) as {
  readonly files: ReadonlyArray<string>
  readonly peerDependencies: Readonly<Record<string, string>>
  readonly exports: Readonly<Record<string, unknown>>
  readonly publishConfig: { readonly exports: Readonly<Record<string, unknown>> }
}

describe("package", () => {
  it("the README install line pins effect and @effect/platform to the peer ranges", () => {
    const line = read("README.md").match(/^npm install @rawdash\/anthropic-admin-api .*$/m)?.[0]
    expect(line).toBeDefined()
    const args = line!.split(/\s+/).slice(2)
    expect(args).toEqual([
      "@rawdash/anthropic-admin-api",
      ...Object.entries(manifest.peerDependencies).map(([name, range]) => `${name}@${range}`)
    ])
  })

  it("publishes the builds only, with the exports minus the workspace-only source condition", () => {
    expect(manifest.files).not.toContain("src")
    const { "@rawdash-anthropic/source": source, ...published } = manifest.exports["."] as Record<
      string,
      unknown
    >
    expect(source).toBe("./src/index.ts")
    expect(manifest.publishConfig.exports).toEqual({ ...manifest.exports, ".": published })
  })

  it("the README shows CommonJS usage", () => {
    expect(read("README.md")).toMatch(
      /### CommonJS[\s\S]*?```js\nconst \{ AdminApi, DecimalString \} = require\("@rawdash\/anthropic-admin-api"\)/
    )
  })
})
