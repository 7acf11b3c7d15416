/**
 * The published bundle keeps class names (tsup `keepNames`): esbuild renames
 * a class whose static members refer to it (`_AnthropicConnector`), and
 * rawdash's tools and messages show `Cls.name`. Builds the package with its
 * own tsup config (and, as a control, without `keepNames`) into scratch
 * directories and reads how each bundle names the class.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { build, type Options } from "tsup"
import config from "../tsup.config.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const scratch: Array<string> = []

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
})

/** Builds with the package's tsup config plus `overrides`; the ESM and CJS bundles' text. */
const bundle = async (overrides: Options): Promise<{ readonly esm: string; readonly cjs: string }> => {
  const outDir = mkdtempSync(join(root, ".bundle-test-"))
  scratch.push(outDir)
  await build({
    ...(config as Options),
    entry: [join(root, "src/index.ts")],
    outDir,
    sourcemap: false,
    silent: true,
    clean: true,
    ...overrides
  })
  return {
    esm: readFileSync(join(outDir, "index.js"), "utf8"),
    cjs: readFileSync(join(outDir, "index.cjs"), "utf8")
  }
}

/**
 * The name the bundled class reports: the one `keepNames` pins with `__name`
 * (in a static block, `__name(this, "…")`, or after it), else the declared
 * one (esbuild declares `class _AnthropicConnector` when statics refer to it).
 */
const classNameIn = (code: string): string | undefined => {
  const declaration = /\bclass (_?AnthropicConnector)\b/.exec(code)
  if (declaration === null) return undefined
  const [, declared] = declaration
  const body = code.slice(declaration.index, declaration.index + 400)
  const pinned =
    /__name\(this, "([^"]+)"\)/.exec(body)?.[1] ??
    new RegExp(`__name\\(${declared}, "([^"]+)"\\)`).exec(code)?.[1]
  return pinned ?? declared
}

describe("bundle (tsup)", () => {
  it("keeps the class name AnthropicConnector in the ESM and CJS builds", { timeout: 60_000 }, async () => {
    expect((config as Options).keepNames).toBe(true)
    const kept = await bundle({})
    expect(classNameIn(kept.esm)).toBe("AnthropicConnector")
    expect(classNameIn(kept.cjs)).toBe("AnthropicConnector")
    // the control: without keepNames the class is renamed, as the issue saw
    const renamed = await bundle({ keepNames: false })
    expect(classNameIn(renamed.esm)).toBe("_AnthropicConnector")
  })
})
