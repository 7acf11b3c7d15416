import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const run = promisify(execFile)

describe("anthropic-admin (built binary)", () => {
  it("usage --demo prints a table by model with a totals row", async () => {
    const { stdout } = await run(process.execPath, [bin, "usage", "--demo"], {
      env: { ...process.env, ANTHROPIC_ADMIN_API_KEY: "" }
    })
    const lines = stdout.trim().split("\n")
    expect(lines[0]).toMatch(/^model\s+input tokens\s+output tokens$/)
    expect(lines.some((l) => l.startsWith("claude-sonnet-4-5"))).toBe(true)
    const total = lines.at(-1)!
    expect(total).toMatch(/^total\s+[\d,]+\s+[\d,]+$/)
    const cell = (line: string, col: number) =>
      Number((line.trim().split(/\s{2,}/)[col] ?? "").replace(/,/g, ""))
    const sum = (col: number) =>
      lines.filter((l) => l.startsWith("claude-")).reduce((s, l) => s + cell(l, col), 0)
    expect(cell(total, 1)).toBe(sum(1))
  })
})
