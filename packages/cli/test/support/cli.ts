/**
 * Running the built `anthropic-admin` binary in tests, and reading what it
 * prints (tables, CSV, NDJSON). Needs `dist/bin.js` (build first).
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { BigDecimal } from "effect"

export const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url))
export const HOUR = 3_600_000
export const DAY = 24 * HOUR
export const KEY = `sk-ant-admin01-${"Zq9".repeat(20)}-e2e`
export const STANDARD_KEY = `sk-ant-api03-${"Pw7".repeat(20)}-e2e`

export interface Result {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the binary with `args` and only `env` (and PATH); fails the test if a key is printed. */
export const cli = (
  args: ReadonlyArray<string>,
  env: Record<string, string> = { ANTHROPIC_ADMIN_API_KEY: KEY }
): Promise<Result> =>
  new Promise<Result>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    child.on("error", reject)
    child.on("close", (code) => {
      // The key must never appear in any output, in any mode: fail the run that printed it.
      for (const secret of [KEY, STANDARD_KEY, "Zq9Zq9", "Pw7Pw7"]) {
        if (stdout.includes(secret) || stderr.includes(secret)) {
          reject(new Error(`anthropic-admin ${args.join(" ")} printed a key`))
          return
        }
      }
      resolve({ code, stdout, stderr })
    })
  })

export const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")
export const date = (ms: number) => iso(ms).slice(0, 10)

/** A minimal RFC 4180 reader (quoted fields, doubled quotes). */
export const parseCsv = (text: string): Array<Record<string, string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
    } else field += c
  }
  const [header, ...body] = rows
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])))
}

export const parseNdjson = (text: string) =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>)

export const num = (cell: string | undefined) => Number((cell ?? "").replace(/[$,]/g, ""))

/**
 * A table's header (the lines above the rule, joined per column), body rows
 * and totals row, cut into cells at the rule's column edges (ASCII tables).
 */
export const tableRows = (stdout: string) => {
  const lines = stdout.split("\n")
  const ruleAt = lines.findIndex((l) => l.startsWith("─"))
  const rule = lines[ruleAt] ?? ""
  const edges: Array<[number, number]> = []
  for (const m of rule.matchAll(/─+/g)) edges.push([m.index, m.index + m[0].length])
  const cut = (line: string) =>
    edges.map(([a, b], i) => line.slice(a, i === edges.length - 1 ? undefined : b).trim())
  let top = ruleAt
  while (top > 0 && lines[top - 1] !== "") top--
  const headerLines = lines.slice(top, ruleAt).map(cut)
  const header = edges.map((_, i) =>
    headerLines
      .map((h) => h[i] ?? "")
      .filter((t) => t !== "")
      .join(" ")
  )
  const body: Array<Array<string>> = []
  let i = ruleAt + 1
  for (; i < lines.length && lines[i] !== "" && !lines[i]!.startsWith("─"); i++) body.push(cut(lines[i]!))
  const total = lines[i]?.startsWith("─") ? cut(lines[i + 1] ?? "") : undefined
  return { header, body, total }
}

export const dec = (s: string) => BigDecimal.unsafeFromString(s)
/** A Claude Code record's estimated cost in cents, summed exactly (amounts may be fractions of a cent). */
export const centsOf = (r: FakeOrganization.ClaudeCodeRecord) =>
  BigDecimal.sumAll(r.model_breakdown.map((m) => dec(String(m.estimated_cost.amount))))
export const sumDec = (xs: Iterable<string>) => BigDecimal.sumAll([...xs].map(dec))
export const sameDecimal = (a: unknown, b: BigDecimal.BigDecimal) =>
  typeof a === "string" && BigDecimal.equals(dec(a), b)
export const toCentsRounded = (d: BigDecimal.BigDecimal) =>
  Number(BigDecimal.unsafeToNumber(BigDecimal.round(d, { scale: 2, mode: "half-from-zero" })).toFixed(2))
export const dollars = (cents: BigDecimal.BigDecimal) =>
  BigDecimal.unsafeDivide(cents, BigDecimal.fromNumber(100))

/** Exact cost lines of a day, in cents. */
export const costOf = (org: FakeOrganization.FakeOrganization, days: ReadonlyArray<number>) =>
  sumDec(days.flatMap((d) => FakeOrganization.costLines(org, d).map((l) => l.amount)))

/** The UTC days in `[start, end)`. */
export const daysBetween = (start: number, end: number) =>
  Array.from({ length: Math.round((end - start) / DAY) }, (_, i) => start + i * DAY)
