/**
 * One workload in its own process (started with `--expose-gc` and IPC; argv[2] is the JSON of a
 * {@link WorkloadSpec}). It runs `warmup` unmeasured runs, says `ready`, then measures one run per
 * `run` message: wall time, CPU time (process.cpuUsage, every thread of this process, not the
 * server's) and peak RSS growth (the kernel's high-water mark, reset after a full GC at the
 * start of the run; sampled every 2 ms where the reset is not available).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { AdminApiClient, CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import AnthropicConnector, {
  CostSamples,
  Resources,
  SyncWindow,
  UsageSamples
} from "@rawdash/connector-anthropic"
import { Effect, Layer, Redacted, Schema, Stream } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { MemoryStorage } from "../../packages/connector/test/support/MemoryStorage.js"
import { decoderFor } from "./decoders.js"
import type { FromWorkload, RunResult, ToWorkload, WorkloadSpec } from "./protocol.js"

export const KEY = "sk-ant-admin01-bench"
export const HEADERS = { "x-api-key": KEY, "anthropic-version": "2023-06-01" }
const MB = 1024 * 1024
const DAY = 86_400_000

const spec = JSON.parse(process.argv[2] ?? "{}") as WorkloadSpec
const send = (message: FromWorkload) => process.send?.(message)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

// ---------------------------------------------------------------------------
// peak RSS
// ---------------------------------------------------------------------------

const readHwm = (): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))
  if (match === null) throw new Error("no VmHWM")
  return (Number(match[1]) * 1024) / MB
}

/** Resets the kernel's peak RSS to the current RSS (Linux ≥ 4.0); false where that is not possible. */
const resetHwm = (): boolean => {
  try {
    writeFileSync("/proc/self/clear_refs", "5")
    readHwm()
    return true
  } catch {
    return false
  }
}

const peakMethod: "hwm-reset" | "sampled" = resetHwm() ? "hwm-reset" : "sampled"

type Info = Record<string, number>

const measure = async (run: () => Promise<Info>): Promise<RunResult> => {
  gc()
  gc()
  const start = process.memoryUsage.rss() / MB
  let sampled = start
  let timer: ReturnType<typeof setInterval> | undefined
  if (peakMethod === "hwm-reset") {
    resetHwm()
  } else {
    timer = setInterval(() => {
      sampled = Math.max(sampled, process.memoryUsage.rss() / MB)
    }, 2)
  }
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const info = await run()
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const peak = peakMethod === "hwm-reset" ? readHwm() : Math.max(sampled, process.memoryUsage.rss() / MB)
  if (timer !== undefined) clearInterval(timer)
  return { wall, cpu: (cpu.user + cpu.system) / 1000, growth: peak - start, peak, info }
}

// ---------------------------------------------------------------------------
// workloads
// ---------------------------------------------------------------------------

const quiet = { info: () => {}, warn: () => {} }

const connectorRun = async (): Promise<Info> => {
  const storage = new MemoryStorage()
  const connector = new AnthropicConnector(
    { lookbackDays: spec.days, baseUrl: spec.baseUrl },
    { adminApiKey: KEY },
    {
      logger: quiet,
      chunkBudget: "1 hour",
      ...(process.env.BENCH_CONCURRENCY === undefined
        ? {}
        : { concurrency: Number(process.env.BENCH_CONCURRENCY) })
    }
  )
  const result = await connector.sync({ mode: "full" }, storage)
  if (!result.done) throw new Error(`the sync did not finish in one call: ${JSON.stringify(result)}`)
  const usage = storage.rows.filter((row) => row.name === Resources.USAGE_METRICS[0]).length
  const cost = storage.rows.filter((row) => row.name === Resources.COST_METRIC).length
  return { samples: storage.rows.length, usageRows: usage, costRows: cost }
}

const clientLayer = AdminApiClient.layer({ apiKey: Redacted.make(KEY), baseUrl: spec.baseUrl }).pipe(
  Layer.provide(FetchHttpClient.layer)
)

const count = <A extends { readonly results: ReadonlyArray<unknown> }, E, R>(
  stream: Stream.Stream<A, E, R>
) =>
  Stream.runFold(stream, { buckets: 0, rows: 0 }, (acc, bucket) => ({
    buckets: acc.buckets + 1,
    rows: acc.rows + bucket.results.length
  }))

const streamRun = async (): Promise<Info> => {
  const window = SyncWindow.compute({ mode: "full" }, { lookbackDays: spec.days, revisionDays: 2 }, spec.now)
  const options = { concurrency: spec.concurrency ?? 1 }
  const common = { startingAt: window.start, endingAt: window.end, bucketWidth: "1d" as const, limit: 31 }
  const [usage, cost] = await Effect.runPromise(
    Effect.all(
      [
        count(UsageReport.buckets({ ...common, groupBy: UsageSamples.DEFAULT_DIMENSIONS }, options)),
        count(CostReport.buckets({ ...common, groupBy: CostSamples.GROUP_BY }, options))
      ],
      { concurrency: 2 }
    ).pipe(Effect.provide(clientLayer))
  )
  return {
    usageBuckets: usage.buckets,
    usageRows: usage.rows,
    costBuckets: cost.buckets,
    costRows: cost.rows
  }
}

const stream1mRun = async (): Promise<Info> => {
  const end = Math.floor(spec.now / DAY) * DAY
  const params = {
    startingAt: new Date(end - spec.days * DAY),
    endingAt: new Date(end),
    bucketWidth: "1m" as const,
    groupBy: (spec.groupBy ?? []) as ReadonlyArray<UsageReport.GroupBy>
  }
  const usage = await Effect.runPromise(
    count(UsageReport.buckets(params, { concurrency: spec.concurrency ?? 4 })).pipe(
      Effect.provide(clientLayer)
    )
  )
  return { usageBuckets: usage.buckets, usageRows: usage.rows }
}

const get = async (url: string): Promise<string> => {
  const response = await fetch(spec.baseUrl + url, { headers: HEADERS })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text.slice(0, 200)}`)
  return text
}

const urls = spec.urls ?? []

const rawSeqRun = async (): Promise<Info> => {
  let bytes = 0
  let items = 0
  for (const url of urls) {
    const text = await get(url)
    bytes += text.length
    items += (JSON.parse(text) as { data: Array<unknown> }).data.length
  }
  return { requests: urls.length, bytes, items }
}

const rawParRun = async (): Promise<Info> => {
  const pages = await Promise.all(
    urls.map(async (url) => {
      const text = await get(url)
      return { bytes: text.length, items: (JSON.parse(text) as { data: Array<unknown> }).data.length }
    })
  )
  return {
    requests: urls.length,
    bytes: pages.reduce((n, page) => n + page.bytes, 0),
    items: pages.reduce((n, page) => n + page.items, 0)
  }
}

/** The S1 pages' bodies, fetched once before any run. */
let bodies: ReadonlyArray<{ readonly url: string; readonly text: string }> = []

const schemaOf = (url: string): Schema.Schema<{ readonly data: ReadonlyArray<unknown> }, unknown> =>
  (url.includes("/cost_report") ? CostReport.CostPage : UsageReport.UsagePage) as unknown as Schema.Schema<
    { readonly data: ReadonlyArray<unknown> },
    unknown
  >

const decodeRun = (decode: "none" | "schema" | "fast") => {
  const decoders = new Map<string, (json: unknown) => { readonly data: ReadonlyArray<unknown> }>()
  const decoderOf = (url: string) => {
    const schema = schemaOf(url)
    const key = schema === (CostReport.CostPage as unknown) ? "cost" : "usage"
    let decoder = decoders.get(key)
    if (decoder === undefined) {
      decoder =
        decode === "fast"
          ? decoderFor(schema)
          : Schema.decodeUnknownSync(schema, { onExcessProperty: "ignore" })
      decoders.set(key, decoder)
    }
    return decoder
  }
  return async (): Promise<Info> => {
    let buckets = 0
    for (const { url, text } of bodies) {
      const json = JSON.parse(text) as { readonly data: ReadonlyArray<unknown> }
      const page = decode === "none" ? json : decoderOf(url)(json)
      buckets += page.data.length
    }
    return { pages: bodies.length, buckets }
  }
}

const runs: Record<WorkloadSpec["kind"], () => Promise<Info>> = {
  connector: connectorRun,
  stream: streamRun,
  "stream-1m": stream1mRun,
  "raw-seq": rawSeqRun,
  "raw-par": rawParRun,
  parse: decodeRun("none"),
  "decode-schema": decodeRun("schema"),
  "decode-fast": decodeRun("fast")
}

const main = async () => {
  const run = runs[spec.kind]
  if (spec.kind === "parse" || spec.kind.startsWith("decode-")) {
    const fetched: Array<{ url: string; text: string }> = []
    for (const url of urls) fetched.push({ url, text: await get(url) })
    bodies = fetched
  }
  for (let i = 0; i < spec.warmup; i++) await run()
  process.on("message", (message: ToWorkload) => {
    if (message.type === "stop") {
      process.exit(0)
    }
    measure(run).then(
      (result) => send({ type: "result", result }),
      (error: unknown) => send({ type: "error", message: String((error as Error)?.stack ?? error) })
    )
  })
  send({ type: "ready", peakMethod })
}

process.on("disconnect", () => process.exit(0))
main().catch((error: unknown) => {
  send({ type: "error", message: String((error as Error)?.stack ?? error) })
})
