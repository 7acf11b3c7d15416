#!/usr/bin/env node
/* global console, process, URL */
/**
 * `pnpm soak`: the connector's seeded soak at full size (issue 10). Runs
 * packages/connector/test/Soak.test.ts in parallel shards of consecutive
 * seeds, each scenario compared with the connector's actual fault-free run
 * and with the independent oracle (`--reference both`), then prints the
 * combined figures and every violation with its seed.
 *
 *   pnpm soak                                   # 3,000 scenarios, seeds 1-3000
 *   pnpm soak -- --scenarios 500 --from 9001    # another range
 *   pnpm soak -- --shards 1 --reference oracle  # one process, oracle only
 *
 * Exit code 1 when any scenario violates the invariant.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback
}
const scenarios = Number(option("scenarios", "3000"))
const from = Number(option("from", "1"))
const shards = Math.max(
  1,
  Math.min(Number(option("shards", String(Math.min(availableParallelism(), 4)))), scenarios)
)
const reference = option("reference", "both")
if (!Number.isInteger(scenarios) || scenarios < 1 || !Number.isInteger(from)) {
  console.error(
    "usage: pnpm soak [-- --scenarios N] [--from SEED] [--shards K] [--reference oracle|run|both]"
  )
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), "soak-"))
const vitest = join(root, "node_modules", ".bin", process.platform === "win32" ? "vitest.cmd" : "vitest")
const started = Date.now()

const run = (index) => {
  const size = Math.ceil(scenarios / shards)
  const first = from + index * size
  const count = Math.min(size, from + scenarios - first)
  const report = join(dir, `shard-${index}.json`)
  return new Promise((resolve) => {
    const child = spawn(
      vitest,
      [
        "run",
        "--project",
        "@rawdash/connector-anthropic",
        "packages/connector/test/Soak.test.ts",
        "--reporter",
        "dot"
      ],
      {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          SOAK_SCENARIOS: String(count),
          SOAK_FROM: String(first),
          SOAK_REFERENCE: reference,
          SOAK_REPORT: report
        }
      }
    )
    child.on("exit", (code) => {
      let summary
      try {
        summary = JSON.parse(readFileSync(report, "utf8"))
      } catch {
        summary = undefined
      }
      resolve({ code, summary, first, count })
    })
  })
}

const results = await Promise.all(Array.from({ length: shards }, (_, i) => run(i)))
rmSync(dir, { recursive: true, force: true })

const total = {
  scenarios: 0,
  outcomes: { done: 0, error: 0, unfinished: 0 },
  faults: {},
  faultsInjected: 0,
  storageFaults: 0,
  aborts: 0,
  calls: 0,
  requests: 0,
  violations: []
}
const missing = []
for (const { summary, first, count } of results) {
  if (summary === undefined) {
    missing.push(`seeds ${first}-${first + count - 1}: no report (the shard crashed)`)
    continue
  }
  total.scenarios += summary.scenarios
  for (const key of Object.keys(total.outcomes)) total.outcomes[key] += summary.outcomes[key]
  for (const [kind, n] of Object.entries(summary.faults)) total.faults[kind] = (total.faults[kind] ?? 0) + n
  total.faultsInjected += summary.faultsInjected
  total.storageFaults += summary.storageFaults
  total.aborts += summary.aborts
  total.calls += summary.calls
  total.requests += summary.requests
  total.violations.push(...summary.violations)
}
const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(
  [
    "",
    `soak: ${total.scenarios} scenarios, seeds ${from}-${from + scenarios - 1}, ${shards} shard(s), reference ${reference}, ${seconds} s`,
    `  outcomes: ${total.outcomes.done} done, ${total.outcomes.error} typed errors, ${total.outcomes.unfinished} stopped with a transientError after the call limit`,
    `  injected: ${total.faultsInjected} API faults, ${total.storageFaults} storage faults, ${total.aborts} aborts; ${total.calls} sync calls, ${total.requests} requests`,
    `  by kind: ${Object.entries(total.faults)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, n]) => `${kind} ${n}`)
      .join(", ")}`,
    `  violations: ${total.violations.length}`,
    ...total.violations,
    ...missing
  ].join("\n")
)
process.exit(
  total.violations.length === 0 && missing.length === 0 && results.every((r) => r.code === 0) ? 0 : 1
)
