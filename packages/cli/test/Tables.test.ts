/**
 * End-to-end through the built binary: tables that hold (display widths of
 * wide and emoji ids, control characters escaped), colour only where asked
 * for, and the progress line on a real terminal.
 */
import { execFileSync, spawn } from "node:child_process"
import { FakeServer } from "@rawdash/anthropic-admin-api-testing"
import stringWidth from "string-width"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bin, cli, KEY, parseCsv } from "./support/cli.js"

const NOW = Date.parse("2026-11-25T15:00:00Z")
const env = { ANTHROPIC_ADMIN_API_KEY: KEY, ANTHROPIC_ADMIN_NOW: new Date(NOW).toISOString() }
/** Model ids a table must survive: East Asian wide characters, an emoji, a newline and a bidi override. */
const MODELS = [
  "claude-sonnet-4-5",
  "claude-opus-4-5-研究用",
  "claude-haiku-4-5-🦀",
  "claude-sonnet-4-5-x\n\u202eevil"
]

let server: FakeServer.RunningServer
const run = (args: ReadonlyArray<string>, extra: Record<string, string> = {}) =>
  cli([...args, "--base-url", server.url], { ...env, ...extra })

beforeAll(async () => {
  server = await FakeServer.serve({
    organization: { seed: 9, days: 20, now: NOW, models: MODELS },
    specMinimal: true,
    rateLimit: { requestsPerMinute: 100_000 }
  })
})

afterAll(async () => {
  await server.close()
})

describe.concurrent("tables", () => {
  it("wide and emoji model ids keep every column in line; a newline and a bidi override are escaped", async () => {
    const { code, stdout, stderr } = await run(["usage", "--last", "10d", "--group-by", "model"])
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const lines = stdout.split("\n")
    const rule = lines.findIndex((l) => l.startsWith("─"))
    const table = lines.slice(rule - 2, rule + MODELS.length + 3)
    // The last column is right-aligned: a line that holds its columns ends where the rule ends.
    expect(new Set(table.map((l) => stringWidth(l)))).toEqual(new Set([stringWidth(lines[rule]!)]))
    expect(stdout).toContain("claude-opus-4-5-研究用")
    expect(stdout).toContain("claude-haiku-4-5-🦀")
    expect(stdout).toContain("claude-sonnet-4-5-x\\n\\u{202e}evil")
    expect(stdout).not.toContain("\u202e")
  })

  it("a line item with a newline stays one table row and round-trips through csv", async () => {
    const [table, csv] = await Promise.all([
      run(["cost", "--last", "5d", "--group-by", "description"]),
      run(["cost", "--last", "5d", "--group-by", "description", "--format", "csv", "--rows", "total"])
    ])
    const weird = parseCsv(csv.stdout).filter((r) => r.description!.includes("\n"))
    expect(weird.length).toBeGreaterThan(0)
    const line = table.stdout.split("\n").find((l) => l.includes("X\\n\\u{202e}evil"))
    expect(line).toBeDefined()
    expect(line).toMatch(/\$[\d,]+\.\d\d$/)
  })
})

describe.concurrent("colour", () => {
  it("bold title, header and totals only when asked (FORCE_COLOR), never with NO_COLOR, never in csv", async () => {
    const args = ["cost", "--last", "3d", "--group-by", "workspace_id"]
    const [plain, forced, denied, csv] = await Promise.all([
      run(args),
      run(args, { FORCE_COLOR: "1" }),
      run(args, { FORCE_COLOR: "1", NO_COLOR: "1" }),
      run([...args, "--format", "csv"], { FORCE_COLOR: "1" })
    ])
    expect(plain.stdout).not.toContain("\u001b[")
    expect(denied.stdout).toBe(plain.stdout)
    expect(csv.stdout).not.toContain("\u001b[")
    /* eslint-disable no-control-regex -- the escape sequences are what is checked */
    const lines = forced.stdout.split("\n")
    expect(lines[0]).toMatch(/^\u001b\[1mCost .*\u001b\[22m$/)
    expect(lines.find((l) => l.includes("total"))).toMatch(/^\u001b\[1mtotal/)
    expect(forced.stdout.replace(/\u001b\[\d+m/g, "")).toBe(plain.stdout)
    /* eslint-enable no-control-regex */
  })
})

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
})()

describe("progress on a terminal", () => {
  it.runIf(hasScript)(
    "counts pages and rows as they arrive, even while six dimensions are joined before any row is out",
    async () => {
      const dims = "model,workspace_id,api_key_id,service_tier,context_window,inference_geo"
      const command = [
        process.execPath,
        bin,
        "usage",
        "--last",
        "10d",
        "--group-by",
        dims,
        "--base-url",
        server.url
      ]
        .map((a) => `'${a}'`)
        .join(" ")
      // Asynchronously: the fake server answers from this very process.
      const stdout = await new Promise<string>((resolve, reject) => {
        const child = spawn("script", ["-qec", command, "/dev/null"], {
          env: { PATH: process.env.PATH ?? "", ...env, TERM: "xterm", NO_COLOR: "1" },
          stdio: ["ignore", "pipe", "pipe"]
        })
        let out = ""
        child.stdout.on("data", (d: Buffer) => (out += d.toString()))
        child.on("error", reject)
        child.on("close", () => resolve(out))
      })
      const screen = stdout.split("\r")
      const counts = screen
        .map((l) => /usage report: ([\d,]+) pages?, ([\d,]+) rows?/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [Number(m[1]!.replace(/,/g, "")), Number(m[2]!.replace(/,/g, ""))])
      expect(counts.length).toBeGreaterThan(0)
      // Every page drawn brought its rows with it: never "N pages, 0 rows" once a page is in.
      for (const [pages, rows] of counts) if (pages! > 0) expect(rows).toBeGreaterThan(0)
      expect(stdout).toContain("Usage 2026-11-16 → 2026-11-25 (10 days)")
    }
  )
})
