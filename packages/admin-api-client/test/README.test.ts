import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8")

describe("README", () => {
  // The examples are type-checked by `tsc` (tsconfig includes examples/); the
  // README must quote them exactly, so what readers copy is what CI compiled.
  for (const example of [
    "examples/effect.ts",
    "examples/promise.ts",
    "examples/analytics.ts",
    "examples/analytics-promise.ts"
  ]) {
    it(`quotes ${example} verbatim`, () => {
      const code = read(example)
        .split("\n")
        .filter((line) => !line.startsWith("//"))
        .join("\n")
        .trim()
      const blocks = [...read("README.md").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.trim())
      expect(blocks).toContain(code)
      expect(read("README.md")).toContain(`(${example})`)
    })
  }
})
