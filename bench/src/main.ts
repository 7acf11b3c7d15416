/**
 * `pnpm bench`: one table, one run, everything side by side (issue 15).
 *
 * For each sync scenario a fake Admin API serves a seeded organisation on a loopback port, in its
 * own process, with the configured latency and no rate limit. Each workload runs in its own
 * process: the connector's full sync into a rawdash-semantics in-memory storage, the client's
 * Streams alone, and the floor — plain `fetch` + `JSON.parse` replaying, sequentially and all at
 * once, the exact URLs the connector sent (recorded by the server during the connector's warm-up).
 * After every process's warm-up, the workloads run in turn, round after round (A B C … A B C …),
 * so ratios are taken pair by pair within a round and drift of a shared machine cancels out.
 * Every run's requests are checked against the connector's: the same URLs, as a multiset.
 *
 * Then the `1m` memory scenario, module import times (whole processes) and the CLI's start-up
 * (packages/cli/bench/startup.mjs). The issue's targets are printed next to the measured ratios.
 *
 * Environment: RUNS (≥ 5, default 5), WARMUP (default 1), BENCH_SMOKE=1 (one run of small
 * scenarios, for CI), BENCH_ONLY=S1,M,imports,cli (a subset), BENCH_JSON=file (raw results),
 * BENCH_STRICT=1 (exit 1 when a target fails), BENCH_FAKE_CACHE=0 (the fake computes every
 * answer anew instead of serving a page it computed before from a cache).
 */
import { spawnSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type ImportResult, measureImports } from "./imports.js"
import { startServer, startWorkload, type Workload } from "./processes.js"
import type { RunResult, WorkloadKind, WorkloadSpec } from "./protocol.js"
import { type MemoryScenario, plan, type SyncScenario } from "./scenarios.js"
import { median, pairedRatio, showNumber, showSpread, spread, table, times } from "./stats.js"

const here = dirname(fileURLToPath(import.meta.url))
const packageRoot = join(here, "..")
const repoRoot = join(packageRoot, "..")
const config = plan(process.env)
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim())
const wanted = (id: string) => only === undefined || only.includes(id)
const now = Date.now()
/** BENCH_FAKE_CACHE=0: the fake computes every answer anew (its CPU then shares the machine). */
const fakeCache = process.env.BENCH_FAKE_CACHE !== "0"
const log = (text: string) => process.stderr.write(`bench: ${text}\n`)

interface Measured {
  readonly group: string
  readonly label: string
  readonly kind: WorkloadKind | "import" | "cli"
  readonly runs: ReadonlyArray<RunResult>
  /** URLs of each run, as counted by the server. */
  readonly requests: ReadonlyArray<number>
  /** Whether every run sent exactly the connector's URLs (undefined: not checked). */
  readonly sameRequests: boolean | undefined
}

const sameMultiset = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n")

/** Runs `workloads` round after round; each run's requests are taken from the server right after it. */
const rounds = async (
  workloads: ReadonlyArray<{ readonly workload: Workload; readonly label: string; readonly group: string }>,
  take: (() => Promise<ReadonlyArray<string>>) | undefined,
  reference: ReadonlyArray<string> | undefined
): Promise<Array<Measured>> => {
  const results = workloads.map(() => ({
    runs: [] as Array<RunResult>,
    requests: [] as Array<number>,
    same: true
  }))
  for (let round = 0; round < config.runs; round++) {
    for (const [i, { workload }] of workloads.entries()) {
      const result = await workload.run()
      const sent = take === undefined ? [] : await take()
      const slot = results[i]!
      slot.runs.push(result)
      slot.requests.push(sent.length)
      const checked = reference !== undefined && sent.length > 0
      if (checked && !sameMultiset(sent, reference)) slot.same = false
    }
    log(`round ${round + 1}/${config.runs} done`)
  }
  return workloads.map(({ workload, label, group }, i) => {
    const slot = results[i]!
    const sends = slot.requests.some((n) => n > 0)
    return {
      group,
      label,
      kind: workload.spec.kind,
      runs: slot.runs,
      requests: slot.requests,
      sameRequests: reference !== undefined && sends ? slot.same : undefined
    }
  })
}

interface SyncOutcome {
  readonly scenario: SyncScenario
  readonly streams: number
  readonly urls: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Measured>
  readonly bytes: number
}

const syncScenario = async (scenario: SyncScenario, withDecode: boolean): Promise<SyncOutcome> => {
  log(`${scenario.title}: starting the fake server`)
  const server = await startServer({
    organization: scenario.organization,
    now,
    latency: scenario.latency,
    cache: fakeCache
  })
  const started: Array<Workload> = []
  try {
    const base: Omit<WorkloadSpec, "kind"> = {
      baseUrl: server.url,
      now,
      days: scenario.days,
      warmup: config.warmup
    }
    await server.take()
    log(`${scenario.title}: connector warm-up (records the URLs it sends)`)
    const connector = await startWorkload({ ...base, kind: "connector", warmup: Math.max(1, config.warmup) })
    started.push(connector)
    const recorded = await server.take()
    const perSync = recorded.length / Math.max(1, config.warmup)
    const urls = recorded.slice(0, perSync)
    for (let i = 1; i < Math.max(1, config.warmup); i++) {
      if (!sameMultiset(recorded.slice(i * perSync, (i + 1) * perSync), urls)) {
        throw new Error(`${scenario.id}: the connector's warm-up syncs sent different requests`)
      }
    }
    const specs: Array<{ spec: WorkloadSpec; label: string; group: string }> = [
      {
        spec: { ...base, kind: "stream", concurrency: 1 },
        label: "client Streams, 1 window at a time",
        group: scenario.id
      },
      {
        spec: { ...base, kind: "stream", concurrency: 4 },
        label: "client Streams, 4 windows at a time",
        group: scenario.id
      },
      {
        spec: { ...base, kind: "raw-seq", urls },
        label: "floor: fetch + JSON.parse, sequential",
        group: scenario.id
      },
      {
        spec: { ...base, kind: "raw-par", urls },
        label: "floor: fetch + JSON.parse, all at once",
        group: scenario.id
      }
    ]
    if (withDecode) {
      const pages = `${scenario.id} pages`
      specs.push(
        { spec: { ...base, kind: "parse", urls }, label: "JSON.parse only", group: pages },
        { spec: { ...base, kind: "decode-schema", urls }, label: "JSON.parse + Schema decode", group: pages },
        { spec: { ...base, kind: "decode-fast", urls }, label: "JSON.parse + fast decode", group: pages }
      )
    }
    const workloads = [{ workload: connector, label: "connector sync → MemoryStorage", group: scenario.id }]
    for (const { spec, label, group } of specs) {
      log(`${scenario.title}: warm-up of ${label}`)
      const workload = await startWorkload(spec)
      started.push(workload)
      workloads.push({ workload, label, group })
    }
    await server.take()
    const rows = await rounds(workloads, server.take, urls)
    const raw = rows.find((row) => row.kind === "raw-seq")
    return {
      scenario,
      streams: server.streams,
      urls,
      rows,
      bytes: raw?.runs[0]?.info.bytes ?? Number.NaN
    }
  } finally {
    await Promise.all(started.map((workload) => workload.stop()))
    await server.stop()
  }
}

const memoryScenario = async (scenario: MemoryScenario): Promise<ReadonlyArray<Measured>> => {
  log(`${scenario.id}: starting the fake server`)
  const server = await startServer({ organization: scenario.organization, now, latency: 0, cache: fakeCache })
  const started: Array<Workload> = []
  try {
    const workloads = []
    for (const days of [scenario.shortDays, scenario.longDays]) {
      const label = `1m usage Stream (group_by ${scenario.groupBy.join(", ")}), ${days} days`
      log(`${scenario.id}: warm-up of ${label}`)
      const workload = await startWorkload({
        kind: "stream-1m",
        baseUrl: server.url,
        now,
        days,
        warmup: config.warmup,
        groupBy: scenario.groupBy
      })
      started.push(workload)
      workloads.push({ workload, label, group: scenario.id })
    }
    await server.take()
    return await rounds(workloads, server.take, undefined)
  } finally {
    await Promise.all(started.map((workload) => workload.stop()))
    await server.stop()
  }
}

interface StartupRow {
  readonly command: string
  readonly wall: number
  readonly baseline: number
  readonly ratio: number
  readonly peak: number
  readonly budget: string
}

/** packages/cli/bench/startup.mjs, its rows parsed from its own table. */
const cliStartup = (): { readonly rows: ReadonlyArray<StartupRow>; readonly note: string } => {
  const script = join(repoRoot, "packages", "cli", "bench", "startup.mjs")
  const result = spawnSync(process.execPath, [script], {
    env: { ...process.env, RUNS: String(config.startupRuns) },
    encoding: "utf8"
  })
  const lines = result.stdout.split("\n").filter((line) => line.startsWith("anthropic-admin"))
  const number = (cell: string | undefined) => Number.parseFloat(cell ?? "")
  const rows = lines.map((line) => {
    const cells = line.split(/\s{2,}/)
    return {
      command: cells[0] ?? "",
      wall: number(cells[1]),
      baseline: number(cells[2]),
      ratio: number(cells[3]),
      peak: number(cells[4]),
      budget: cells[5] ?? ""
    }
  })
  const note =
    rows.length === 0
      ? `startup.mjs printed no rows (exit ${result.status}): ${result.stderr.trim().slice(0, 300)}`
      : `startup.mjs, RUNS=${config.startupRuns}, exit ${result.status}`
  return { rows, note }
}

// ---------------------------------------------------------------------------
// run
// ---------------------------------------------------------------------------

const syncs: Array<SyncOutcome> = []
for (const [i, scenario] of config.syncs.entries()) {
  if (wanted(scenario.id)) syncs.push(await syncScenario(scenario, i === 0))
}
const memory = wanted(config.memory.id) ? await memoryScenario(config.memory) : []
let imports: ReadonlyArray<ImportResult> = []
if (wanted("imports")) {
  log("import times")
  imports = measureImports(config.importRuns, packageRoot, config.importTargets)
}
let startup: ReturnType<typeof cliStartup> | undefined
if (wanted("cli") && config.startupRuns > 0) {
  log("CLI start-up")
  startup = cliStartup()
}

// ---------------------------------------------------------------------------
// the table
// ---------------------------------------------------------------------------

const field = (runs: ReadonlyArray<RunResult>, key: "wall" | "cpu" | "growth" | "peak") =>
  runs.map((r) => r[key])

const rows: Array<Array<string>> = []
const find = (group: string, kind: WorkloadKind, label?: string) =>
  [...syncs.flatMap((s) => s.rows), ...memory].find(
    (row) => row.group === group && row.kind === kind && (label === undefined || row.label === label)
  )

for (const outcome of syncs) {
  const id = outcome.scenario.id
  const rawPar = find(id, "raw-par")
  const rawSeq = find(id, "raw-seq")
  const parse = find(`${id} pages`, "parse")
  for (const row of outcome.rows) {
    const pages = row.group.endsWith("pages")
    const wallBase = pages ? undefined : rawPar
    const cpuBase = pages ? parse : rawSeq
    const requests = median(row.requests)
    rows.push([
      row.group === id ? outcome.scenario.title : row.group,
      row.label,
      showSpread(spread(field(row.runs, "wall"))),
      showSpread(spread(field(row.runs, "cpu"))),
      showSpread(spread(field(row.runs, "growth"))),
      showNumber(median(field(row.runs, "peak"))),
      requests === 0
        ? "–"
        : `${requests}${row.sameRequests === true ? " =" : row.sameRequests === false ? " ≠" : ""}`,
      wallBase === undefined ? "" : times(pairedRatio(field(row.runs, "wall"), field(wallBase.runs, "wall"))),
      cpuBase === undefined ? "" : times(pairedRatio(field(row.runs, "cpu"), field(cpuBase.runs, "cpu")))
    ])
  }
}
const [shortRun, longRun] = memory
for (const row of memory) {
  rows.push([
    `${row.group}: 1m, ${config.memory.shortDays} vs ${config.memory.longDays} days`,
    row.label,
    showSpread(spread(field(row.runs, "wall"))),
    showSpread(spread(field(row.runs, "cpu"))),
    showSpread(spread(field(row.runs, "growth"))),
    showNumber(median(field(row.runs, "peak"))),
    String(median(row.requests)),
    "",
    row === longRun && shortRun !== undefined
      ? times(pairedRatio(field(row.runs, "cpu"), field(shortRun.runs, "cpu")))
      : ""
  ])
}
for (const result of imports) {
  rows.push([
    "import (whole process)",
    result.target.label,
    showSpread(result.wall),
    "",
    "",
    "",
    "",
    result.target.modules.length === 0 ? "" : times(result.vsEffect),
    ""
  ])
}
for (const row of startup?.rows ?? []) {
  rows.push([
    "CLI start-up",
    row.command,
    showNumber(row.wall),
    "",
    "",
    showNumber(row.peak),
    "",
    times(row.ratio),
    ""
  ])
}

const cpu = cpus()
const out: Array<string> = []
out.push(
  `pnpm bench — ${new Date(now).toISOString()} — Node ${process.version}, ${process.platform}/${process.arch}, ` +
    `${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB` +
    (config.smoke ? " — SMOKE (1 run of small scenarios: sizes too small to judge the targets)" : "")
)
out.push(
  `${config.runs} measured runs of each workload after ${config.warmup} warm-up run(s), in turn round by round; ` +
    `figures are median (min–max); ratios are medians of the per-round ratios. ` +
    (fakeCache
      ? "The fake server (its own process) computes each page once and then serves it from a cache, with the latency."
      : "The fake server computes every page anew (BENCH_FAKE_CACHE=0).")
)
for (const outcome of syncs) {
  const connector = outcome.rows.find((row) => row.kind === "connector")
  const info = connector?.runs[0]?.info ?? {}
  const days = outcome.scenario.days
  out.push(
    `${outcome.scenario.id}: ${days} days, latency ${outcome.scenario.latency} ms; FakeOrganization ${JSON.stringify(
      outcome.scenario.organization
    )} (${outcome.streams} usage streams) → ${((info.usageRows ?? 0) / days).toFixed(0)} usage rows/day ` +
      `(each × 5 usage metrics) and ${((info.costRows ?? 0) / days).toFixed(0)} cost rows/day, ` +
      `${info.samples ?? 0} samples stored; ${outcome.urls.length} requests, ${(outcome.bytes / 1e6).toFixed(1)} MB of JSON`
  )
}
out.push("")
out.push(
  table(
    [
      "scenario",
      "workload",
      "wall ms",
      "CPU ms",
      "peak RSS growth MB",
      "peak RSS MB",
      "requests",
      "wall ÷ base",
      "CPU ÷ base"
    ],
    rows
  )
)
out.push(
  "requests: per run, counted by the server; '=' the exact URLs the connector sent. wall ÷ base: vs the floor all at once " +
    "(imports: vs `effect`; CLI: vs `node -e 0`). CPU ÷ base: vs the floor sequential (pages: vs JSON.parse; M: 30 vs 7 days)."
)
if (startup !== undefined) out.push(`CLI start-up: ${startup.note}.`)

// ---------------------------------------------------------------------------
// targets
// ---------------------------------------------------------------------------

interface Target {
  readonly name: string
  readonly value: number
  readonly shown: string
  readonly limit: string
  readonly pass: boolean | undefined
}
const targets: Array<Target> = []
const ratioOf = (
  a: Measured | undefined,
  b: Measured | undefined,
  key: "wall" | "cpu" | "growth" | "peak"
) => (a === undefined || b === undefined ? Number.NaN : pairedRatio(field(a.runs, key), field(b.runs, key)))
const check = (name: string, value: number, limit: number, unit: "×" | " MB") => {
  targets.push({
    name,
    value,
    shown: Number.isNaN(value) ? "not measured" : unit === "×" ? times(value) : `${value.toFixed(1)} MB`,
    limit: `≤ ${limit}${unit}`,
    pass: Number.isNaN(value) ? undefined : value <= limit
  })
}
check(
  "S1 wall: connector sync ÷ floor all at once",
  ratioOf(find("S1", "connector"), find("S1", "raw-par"), "wall"),
  1.5,
  "×"
)
check(
  "S2 CPU: connector sync ÷ floor sequential",
  ratioOf(find("S2", "connector"), find("S2", "raw-seq"), "cpu"),
  3,
  "×"
)
const s1 = find("S1", "connector")
check(
  "S1 peak RSS growth of the connector sync",
  s1 === undefined ? Number.NaN : median(field(s1.runs, "growth")),
  75,
  " MB"
)
check("M peak RSS: 30-day ÷ 7-day 1m stream", ratioOf(longRun, shortRun, "peak"), 1.1, "×")
const importOf = (label: string) => imports.find((result) => result.target.label === label)
const connectorImport = importOf("@rawdash/connector-anthropic")
const effectImport = importOf("effect")
check(
  "import: connector ÷ effect (whole processes)",
  connectorImport === undefined || effectImport === undefined
    ? Number.NaN
    : pairedRatio(connectorImport.walls, effectImport.walls),
  1.25,
  "×"
)
const informational: Array<Array<string>> = []
const schemaDecode = find("S1 pages", "decode-schema")
const fastDecode = find("S1 pages", "decode-fast")
const parseOnly = find("S1 pages", "parse")
if (schemaDecode !== undefined && fastDecode !== undefined && parseOnly !== undefined) {
  const decodeCost = (row: Measured) =>
    median(row.runs.map((r, i) => r.cpu - (parseOnly.runs[i]?.cpu ?? Number.NaN)))
  informational.push([
    "S1 pages: fast decode ÷ Schema decode (CPU, JSON.parse included)",
    times(ratioOf(fastDecode, schemaDecode, "cpu"))
  ])
  informational.push([
    "S1 pages: decode CPU beyond JSON.parse, Schema → fast",
    `${decodeCost(schemaDecode).toFixed(0)} ms → ${decodeCost(fastDecode).toFixed(0)} ms`
  ])
}
if (longRun !== undefined && shortRun !== undefined) {
  informational.push(["M peak RSS growth: 30-day ÷ 7-day", times(ratioOf(longRun, shortRun, "growth"))])
}
const connectorS1 = find("S1", "connector")
const streamS1 = find("S1", "stream", "client Streams, 1 window at a time")
if (connectorS1 !== undefined && streamS1 !== undefined) {
  informational.push([
    "S1 CPU: connector sync ÷ client Streams (mapping + storage)",
    times(ratioOf(connectorS1, streamS1, "cpu"))
  ])
}

out.push("")
out.push(
  table(
    ["target (issue 15)", "measured", "limit", "verdict"],
    targets.map((t) => [t.name, t.shown, t.limit, t.pass === undefined ? "–" : t.pass ? "PASS" : "FAIL"]),
    1
  )
)
if (informational.length > 0) {
  out.push("")
  out.push(table(["also measured", "value"], informational, 1))
}
const mismatched = [...syncs.flatMap((s) => s.rows)].filter((row) => row.sameRequests === false)
if (mismatched.length > 0) {
  out.push("")
  out.push(
    `NOTE: these workloads sent other requests than the connector: ${mismatched.map((r) => `${r.group} ${r.label}`).join("; ")}`
  )
}

console.log(out.join("\n"))

if (process.env.BENCH_JSON !== undefined) {
  writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({ now, config, syncs, memory, imports, startup, targets }, null, 2)
  )
}
const failed = targets.some((t) => t.pass === false)
process.exit(process.env.BENCH_STRICT === "1" && failed ? 1 : 0)
