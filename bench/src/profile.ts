/**
 * `pnpm --filter @rawdash-anthropic/bench profile`: a CPU profile of one connector sync of S2
 * (180 days, no latency) after a warm-up sync, summarised by self time per category, plus the
 * bytes the sync allocated (from V8's GC profiler). PROFILE_KIND=decode-fast or decode-schema
 * profiles decoding the sync's pages instead (three passes); PROFILE_SCENARIO picks S1–S3. The `.cpuprofile` is written to
 * PROFILE_OUT (default: the system's temp directory) for Chrome DevTools or speedscope.
 *
 * The profile is taken with the inspector's sampling profiler in this process (what
 * `node --cpu-prof` records, but only around the measured sync: no start-up, no warm-up).
 * Self time is attributed to the innermost frame of the sample's stack that belongs to a known
 * part (`JSON.parse`, Schema decode, sample building, storage); samples without one are counted
 * by the file of their leaf frame (the Effect runtime, the HTTP stack, the client, the connector).
 */
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import AnthropicConnector from "@rawdash/connector-anthropic"
import { Schema } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import v8 from "node:v8"
import * as FastDecode from "../../packages/admin-api-client/src/internal/fastDecode.js"
import { MemoryStorage } from "../../packages/connector/test/support/MemoryStorage.js"
import { startServer } from "./processes.js"
import { plan } from "./scenarios.js"
import { table } from "./stats.js"

const KEY = "sk-ant-admin01-bench"
const HEADERS = { "x-api-key": KEY, "anthropic-version": "2023-06-01" }
const config = plan(process.env)
const scenario = config.syncs.find((s) => s.id === (process.env.PROFILE_SCENARIO ?? "S2")) ?? config.syncs[0]!
const out = process.env.PROFILE_OUT ?? join(tmpdir(), `rawdash-anthropic-${scenario.id}-sync.cpuprofile`)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const now = Date.now()

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
  readonly columnNumber: number
}
interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const server = await startServer({
  organization: scenario.organization,
  now,
  latency: scenario.latency,
  cache: process.env.BENCH_FAKE_CACHE !== "0"
})
const sync = async () => {
  const storage = new MemoryStorage()
  const connector = new AnthropicConnector(
    { lookbackDays: scenario.days, baseUrl: server.url },
    { adminApiKey: KEY },
    { logger: { info: () => {}, warn: () => {} }, chunkBudget: "1 hour" }
  )
  const result = await connector.sync({ mode: "full" }, storage)
  if (!result.done) throw new Error("the sync did not finish")
  return storage
}

await sync()
const urls = await server.take()
const kind = process.env.PROFILE_KIND ?? "connector"
let work: () => Promise<{ readonly summary: string; readonly keep?: unknown }> = async () => {
  const storage = await sync()
  return { summary: `${storage.rows.length} samples stored`, keep: storage }
}
if (kind === "decode-fast" || kind === "decode-schema") {
  const bodies: Array<{ readonly url: string; readonly text: string }> = []
  for (const url of urls) {
    const response = await fetch(server.url + url, { headers: HEADERS })
    bodies.push({ url, text: await response.text() })
  }
  const schemas = [UsageReport.UsagePage, CostReport.CostPage] as unknown as ReadonlyArray<
    Schema.Schema<unknown, unknown>
  >
  const decoders = schemas.map((schema) =>
    kind === "decode-fast"
      ? FastDecode.decodeUnknownSync(schema, { onExcessProperty: "ignore" })
      : Schema.decodeUnknownSync(schema, { onExcessProperty: "ignore" })
  )
  const once = () => {
    for (const { url, text } of bodies) decoders[url.includes("/cost_report") ? 1 : 0]!(JSON.parse(text))
  }
  once()
  work = async () => {
    for (let i = 0; i < 3; i++) once()
    return { summary: `${bodies.length} pages decoded 3 times (${kind})` }
  }
}
gc()
gc()
const session = new Session()
session.connect()
await session.post("Profiler.enable")
await session.post("Profiler.setSamplingInterval", { interval: 250 })
const gcProfiler = new v8.GCProfiler()
const heapAtStart = v8.getHeapStatistics().used_heap_size
gcProfiler.start()
await session.post("Profiler.start")
const cpu0 = process.cpuUsage()
const t0 = performance.now()
let outcome: { readonly summary: string; readonly keep?: unknown } | undefined = await work()
const summary = outcome.summary
const holder: { result?: unknown } = { result: outcome.keep }
outcome = undefined
const wall = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile }
const heapAtEnd = v8.getHeapStatistics().used_heap_size
const gcStats = gcProfiler.stop() as unknown as {
  statistics: ReadonlyArray<{
    readonly cost: number
    readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } }
    readonly afterGC: { readonly heapStatistics: { readonly usedHeapSize: number } }
  }>
}
const requests = kind === "connector" ? (await server.take()).length : 0
// what the sync's result (the stored samples) keeps on the heap
gc()
gc()
const heapWithResult = v8.getHeapStatistics().used_heap_size
delete holder.result
gc()
gc()
const retained = heapWithResult - v8.getHeapStatistics().used_heap_size
session.disconnect()
await server.stop()
writeFileSync(out, JSON.stringify(profile))

// ---------------------------------------------------------------------------
// allocation: what the heap grew by between GCs, summed
// ---------------------------------------------------------------------------

let allocated = 0
let previous = heapAtStart
for (const event of gcStats.statistics) {
  allocated += Math.max(0, event.beforeGC.heapStatistics.usedHeapSize - previous)
  previous = event.afterGC.heapStatistics.usedHeapSize
}
allocated += Math.max(0, heapAtEnd - previous)
const gcPause = gcStats.statistics.reduce((sum, event) => sum + event.cost, 0) / 1000

// ---------------------------------------------------------------------------
// attribution
// ---------------------------------------------------------------------------

const sources = new Map<string, ReadonlyArray<string>>()
const sourceLine = (frame: CallFrame): string => {
  if (!frame.url.startsWith("file://")) return ""
  let lines = sources.get(frame.url)
  if (lines === undefined) {
    try {
      lines = readFileSync(fileURLToPath(frame.url), "utf8").split("\n")
    } catch {
      lines = []
    }
    sources.set(frame.url, lines)
  }
  return (lines[frame.lineNumber] ?? "").slice(frame.columnNumber, frame.columnNumber + 60)
}

/** The source module of a line of a bundle, from esbuild's `// src/…` markers. */
const modules = new Map<string, ReadonlyArray<readonly [number, string]>>()
const moduleOf = (frame: CallFrame): string => {
  sourceLine(frame)
  let marks = modules.get(frame.url)
  if (marks === undefined) {
    marks = (sources.get(frame.url) ?? []).flatMap((line, i): Array<readonly [number, string]> => {
      const match = /^\/\/ (src\/\S+\.ts)$/.exec(line)
      return match === null ? [] : [[i, match[1]!]]
    })
    modules.set(frame.url, marks)
  }
  let found = ""
  for (const [line, name] of marks) {
    if (line > frame.lineNumber) break
    found = name
  }
  return found
}

const SCHEMA_FILES = /\/effect\/dist\/esm\/(ParseResult|Schema|SchemaAST)\.js$/
const inConnector = (url: string) => url.includes("/connector/dist/")
const inClient = (url: string) => url.includes("/admin-api-client/dist/")
const inEffect = (url: string) => url.includes("/effect/dist/")

/** The part a frame belongs to, if it is one of the named parts. */
const part = (frame: CallFrame): string | undefined => {
  if (sourceLine(frame).includes("JSON.parse(")) return "JSON.parse"
  if (SCHEMA_FILES.test(frame.url)) return "Schema decode (ParseResult, Schema)"
  if (inConnector(frame.url)) {
    const module = moduleOf(frame)
    if (/^src\/(UsageSamples|CostSamples|internal\/attributes)\.ts$/.test(module)) {
      return "sample building (connector)"
    }
  }
  if (inClient(frame.url) && /^src\/internal\/(joinPlan|planJoin)\.ts$/.test(moduleOf(frame))) {
    return "usage plan join (client: 3 requests' rows merged)"
  }
  if (frame.url.includes("/bench/dist/") && /^(metrics|metric|queryMetrics)$/.test(frame.functionName)) {
    return "storage writes (MemoryStorage, rawdash semantics)"
  }
  return undefined
}

const byLeaf = (frame: CallFrame): string => {
  if (frame.functionName === "(garbage collector)") return "garbage collection"
  if (frame.functionName === "(program)") return "V8 / native (program)"
  if (frame.functionName === "(idle)") return "idle"
  if (inEffect(frame.url)) return "Effect runtime (fibers, streams, layers)"
  if (frame.url.startsWith("node:") || frame.url === "") return "HTTP and I/O (undici, sockets, Node)"
  if (inClient(frame.url)) return "client (requests, paging, windows)"
  if (inConnector(frame.url)) return "connector (sync loop, cursor)"
  return "other"
}

const parents = new Map<number, number>()
const nodes = new Map<number, ProfileNode>()
for (const node of profile.nodes) {
  nodes.set(node.id, node)
  for (const child of node.children ?? []) parents.set(child, node.id)
}
const categoryOf = new Map<number, string>()
const categorise = (id: number): string => {
  const known = categoryOf.get(id)
  if (known !== undefined) return known
  const leaf = nodes.get(id)!
  let found: string | undefined
  for (let at: number | undefined = id; at !== undefined && found === undefined; at = parents.get(at)) {
    found = part(nodes.get(at)!.callFrame)
  }
  const category = found ?? byLeaf(leaf.callFrame)
  categoryOf.set(id, category)
  return category
}

const selfByCategory = new Map<string, number>()
const selfByFunction = new Map<string, number>()
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000
  const category = categorise(id)
  selfByCategory.set(category, (selfByCategory.get(category) ?? 0) + dt)
  const frame = nodes.get(id)!.callFrame
  const module = moduleOf(frame)
  const file = frame.url.split("/").slice(-3).join("/")
  const where =
    module === "" ? `${file}:${frame.lineNumber + 1}` : `${file}:${frame.lineNumber + 1} (${module})`
  const key = `${frame.functionName || "(anonymous)"} ${where}`
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + dt)
})
selfByCategory.delete("idle")
const busy = [...selfByCategory.values()].reduce((a, b) => a + b, 0)

const lines: Array<string> = []
lines.push(
  `profile of ${kind === "connector" ? "one connector sync" : kind}, ${scenario.title} (after a warm-up): wall ${wall.toFixed(0)} ms, ` +
    `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, ${requests} requests, ${summary}; ` +
    `${(allocated / 2 ** 20).toFixed(0)} MB allocated on the JS heap, ${gcStats.statistics.length} GCs ` +
    `(${gcPause.toFixed(0)} ms of pauses); the result keeps ${(retained / 2 ** 20).toFixed(0)} MB of heap`
)
lines.push("")
lines.push(
  table(
    ["self time by category", "ms", "%"],
    [...selfByCategory]
      .sort((a, b) => b[1] - a[1])
      .map(([category, ms]) => [category, ms.toFixed(0), `${((100 * ms) / busy).toFixed(1)}`]),
    1
  )
)
lines.push("")
lines.push(
  table(
    ["top self time by function", "ms"],
    [...selfByFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([name, ms]) => [name, ms.toFixed(1)]),
    1
  )
)
lines.push("")
lines.push(`CPU profile: ${out}`)
console.log(lines.join("\n"))
process.exit(0)
