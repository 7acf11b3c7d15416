/* global process, console, performance */
// Start-up benchmark of the built binary (not a test): `pnpm bench` (after `pnpm build`).
//
// - `anthropic-admin --version`: median wall time over RUNS runs, next to `node -e 0` run in turn with it
//   (A B A B …, so a machine that speeds up or slows down affects both), the ratio of the medians, and the
//   peak resident set size. Budget: at most 4× `node -e 0`, at most 80 MB.
// - `anthropic-admin --help` and `anthropic-admin usage --demo --last 30d`: the same figures, reported only.
//
// Times are whole processes, start to exit, measured from here; the peak RSS is the process's own
// (process.resourceUsage().maxRSS, read at exit by bench/rss-probe.mjs, preloaded with --import).
// Exits 1 when `--version` misses its budget. RUNS=n sets the runs (default 21).
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const bin = join(here, "..", "dist", "bin.js")
const probe = join(here, "rss-probe.mjs")
const RUNS = Number(process.env.RUNS ?? 21)
const MAX_RATIO = 4
const MAX_RSS_MB = 80

if (!existsSync(bin)) {
  console.error(`bench: ${bin} is missing; run the build first (pnpm build)`)
  process.exit(2)
}

const scratch = mkdtempSync(join(tmpdir(), "anthropic-admin-bench-"))
const env = { ...process.env, NO_COLOR: "1" }
delete env.ANTHROPIC_ADMIN_API_KEY

const time = (args) => {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] })
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`)
  return elapsed
}

const peakRss = (args, runs) => {
  const out = join(scratch, `rss-${Math.random().toString(36).slice(2)}`)
  for (let i = 0; i < runs; i++) {
    spawnSync(process.execPath, ["--import", probe, ...args], {
      env: { ...env, RSS_PROBE_OUT: out },
      stdio: "ignore"
    })
  }
  const values = readFileSync(out, "utf8").trim().split("\n").map(Number)
  return median(values) / 1024
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs A and B in turn, after two warm-up pairs; medians of each and of the pairwise ratio. */
const paired = (a, b, runs) => {
  for (let i = 0; i < 2; i++) {
    time(a)
    time(b)
  }
  const as = []
  const bs = []
  const ratios = []
  for (let i = 0; i < runs; i++) {
    const x = time(a)
    const y = time(b)
    as.push(x)
    bs.push(y)
    ratios.push(x / y)
  }
  return { a: median(as), b: median(bs), ratio: median(ratios), min: Math.min(...as), max: Math.max(...as) }
}

const ms = (n) => `${n.toFixed(1)} ms`
const baseline = ["-e", "0"]
const rows = []
let ok = true

try {
  const version = paired([bin, "--version"], baseline, RUNS)
  const versionRss = peakRss([bin, "--version"], 5)
  const versionOk = version.ratio <= MAX_RATIO && versionRss <= MAX_RSS_MB
  ok &&= versionOk
  rows.push([
    "anthropic-admin --version",
    ms(version.a),
    ms(version.b),
    `${version.ratio.toFixed(2)}×`,
    `${versionRss.toFixed(1)} MB`,
    versionOk
      ? `ok (≤ ${MAX_RATIO}×, ≤ ${MAX_RSS_MB} MB)`
      : `OVER BUDGET (≤ ${MAX_RATIO}×, ≤ ${MAX_RSS_MB} MB)`
  ])
  const help = paired([bin, "usage", "--help"], baseline, RUNS)
  rows.push([
    "anthropic-admin usage --help",
    ms(help.a),
    ms(help.b),
    `${help.ratio.toFixed(2)}×`,
    `${peakRss([bin, "usage", "--help"], 5).toFixed(1)} MB`,
    "reported"
  ])
  const demoRuns = Math.max(3, Math.ceil(RUNS / 4))
  const demo = paired([bin, "usage", "--demo", "--last", "30d"], baseline, demoRuns)
  rows.push([
    "anthropic-admin usage --demo --last 30d",
    ms(demo.a),
    ms(demo.b),
    `${demo.ratio.toFixed(2)}×`,
    `${peakRss([bin, "usage", "--demo", "--last", "30d"], 3).toFixed(1)} MB`,
    "reported"
  ])
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

const header = ["command", "median", "node -e 0", "ratio", "peak RSS", "budget"]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (r) =>
  r
    .map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
    .join("  ")
    .trimEnd()
console.log(`start-up of the built binary, ${RUNS} runs each (demo: fewer), Node ${process.version}`)
console.log(line(header))
for (const r of rows) console.log(line(r))
process.exit(ok ? 0 : 1)
