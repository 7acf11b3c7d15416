import { fork } from "node:child_process"
import AnthropicConnector from "@rawdash/connector-anthropic"
import { MemoryStorage } from "./hexp-storage.mjs"
import { Session } from "node:inspector/promises"
import { writeFileSync } from "node:fs"
const session = new Session(); session.connect()
const now = Date.now()
const server = fork("/work/main/bench/dist/server.js", [JSON.stringify({ organization: { seed: 15, workspaces: 0, keysPerWorkspace: 50, days: 180 }, now, latency: 0, cache: true })])
const url = await new Promise((r) => server.on("message", (m) => m.type === "listening" && r(m.url)))
for (let i = 0; i < 2; i++) {
  if (i === 1) await session.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  const storage = new MemoryStorage()
  const c = new AnthropicConnector({ lookbackDays: 180, baseUrl: url }, { adminApiKey: "sk-ant-admin01-bench" }, { logger: { info() {}, warn() {} }, chunkBudget: "1 hour" })
  const r = await c.sync({ mode: "full" }, storage)
  console.log(r.done, storage.rows.length)
}
const { profile } = await session.post("HeapProfiler.stopSampling"); writeFileSync("/tmp/hprof/x.heapprofile", JSON.stringify(profile))
server.kill(); process.exit(0)
