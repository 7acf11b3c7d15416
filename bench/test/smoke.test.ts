/**
 * The benchmark's smoke run, so `pnpm bench` cannot rot: the built harness, BENCH_SMOKE=1 (one
 * run of small scenarios), must finish, print the whole table and the targets, and every
 * workload must have sent exactly the requests the connector sent. It asserts what was
 * measured, never how fast: timings on a shared machine are not a test.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const main = join(root, "dist", "main.js")
const scratch = mkdtempSync(join(tmpdir(), "rawdash-anthropic-bench-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

interface Row {
  readonly group: string
  readonly label: string
  readonly kind: string
  readonly runs: ReadonlyArray<{
    readonly wall: number
    readonly cpu: number
    readonly info: Record<string, number>
  }>
  readonly requests: ReadonlyArray<number>
  readonly sameRequests: boolean | undefined
}

describe("pnpm bench, smoke run", () => {
  it("prints one table with every workload, the targets and their verdicts", () => {
    expect(existsSync(main), `${main} is missing: build first (pnpm build)`).toBe(true)
    const json = join(scratch, "bench.json")
    const result = spawnSync(process.execPath, ["--expose-gc", main], {
      cwd: root,
      env: { ...process.env, BENCH_SMOKE: "1", BENCH_JSON: json },
      encoding: "utf8",
      timeout: 110_000
    })
    expect(result.status, result.stderr).toBe(0)
    const out = result.stdout
    for (const label of [
      "connector sync → MemoryStorage",
      "client Streams, 1 window at a time",
      "client Streams, 4 windows at a time",
      "floor: fetch + JSON.parse, sequential",
      "floor: fetch + JSON.parse, all at once",
      "JSON.parse only",
      "JSON.parse + Schema decode",
      "JSON.parse + fast decode",
      "1m usage Stream",
      "@rawdash/connector-anthropic",
      "target (issue 15)",
      "S1 wall: connector sync ÷ floor all at once",
      "S1 peak RSS growth of the connector sync",
      "M peak RSS: 30-day ÷ 7-day 1m stream",
      "import: connector ÷ effect (whole processes)"
    ]) {
      expect(out).toContain(label)
    }
    expect(out).toMatch(/(PASS|FAIL)/)

    const report = JSON.parse(readFileSync(json, "utf8")) as {
      syncs: ReadonlyArray<{ urls: ReadonlyArray<string>; rows: ReadonlyArray<Row> }>
      memory: ReadonlyArray<Row>
    }
    const [s1] = report.syncs
    expect(s1).toBeDefined()
    // the recorded requests: usage (the plan's requests) and cost
    expect(s1!.urls.some((url) => url.startsWith("/v1/organizations/usage_report/messages?"))).toBe(true)
    expect(s1!.urls.some((url) => url.startsWith("/v1/organizations/cost_report?"))).toBe(true)
    const connector = s1!.rows.find((row) => row.kind === "connector")!
    expect(connector.runs[0]!.info.usageRows).toBeGreaterThan(0)
    expect(connector.runs[0]!.info.costRows).toBeGreaterThan(0)
    for (const row of s1!.rows.filter((r) => r.kind === "raw-seq" || r.kind === "raw-par")) {
      // the floor replays exactly the connector's requests
      expect(row.sameRequests, row.label).toBe(true)
    }
    // the client's Streams read the same rows (their requests are marked = or ≠ in the table: when the
    // connector changes how it windows its requests, the Streams workload should follow)
    for (const stream of s1!.rows.filter((row) => row.kind === "stream")) {
      expect(stream.runs[0]!.info.usageRows, stream.label).toBe(connector.runs[0]!.info.usageRows)
      expect(stream.runs[0]!.info.costRows, stream.label).toBe(connector.runs[0]!.info.costRows)
    }
    const decoded = s1!.rows.filter((row) => row.group === "S1 pages")
    expect(decoded.map((row) => row.runs[0]!.info.buckets)).toEqual(
      decoded.map(() => decoded[0]!.runs[0]!.info.buckets)
    )
    expect(report.memory.map((row) => row.runs[0]!.info.usageBuckets)).toEqual([1_440, 2 * 1_440])
  })
})
