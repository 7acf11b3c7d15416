/**
 * Import cost, as whole processes: `node --input-type=module -e 'await import("X")'` for each
 * module, started in turn (A B C … A B C …) so a machine that speeds up or slows down affects all
 * alike, timed from here (spawn to exit). Ratios are taken pair by pair against `effect`.
 */
import { spawnSync } from "node:child_process"
import { median, pairedRatio, type Spread, spread } from "./stats.js"

export interface ImportTarget {
  readonly label: string
  /** Module specifiers imported in one process (none: a bare Node start). */
  readonly modules: ReadonlyArray<string>
}

/** The effect baseline and what the packages import, whole indexes and by path. */
export const IMPORT_TARGETS: ReadonlyArray<ImportTarget> = [
  { label: "node, no import", modules: [] },
  { label: "effect", modules: ["effect"] },
  { label: "@effect/platform (index)", modules: ["effect", "@effect/platform"] },
  {
    label: "@effect/platform by path (HttpClient, FetchHttpClient, UrlParams)",
    modules: [
      "effect",
      "@effect/platform/HttpClient",
      "@effect/platform/FetchHttpClient",
      "@effect/platform/UrlParams"
    ]
  },
  { label: "@effect/platform-node (index)", modules: ["effect", "@effect/platform-node"] },
  {
    label: "@effect/platform-node by path (NodeContext, NodeRuntime)",
    modules: ["effect", "@effect/platform-node/NodeContext", "@effect/platform-node/NodeRuntime"]
  },
  { label: "zod (the connector's configFields; rawdash loads it anyway)", modules: ["zod"] },
  { label: "@rawdash/anthropic-admin-api", modules: ["@rawdash/anthropic-admin-api"] },
  { label: "@rawdash/connector-anthropic", modules: ["@rawdash/connector-anthropic"] },
  { label: "@rawdash/anthropic-admin-api-testing", modules: ["@rawdash/anthropic-admin-api-testing"] }
]

export interface ImportResult {
  readonly target: ImportTarget
  readonly wall: Spread
  readonly walls: ReadonlyArray<number>
  /** Median of the pairwise ratios to `effect`. */
  readonly vsEffect: number
  /** Median wall minus the median of `effect` alone, ms. */
  readonly overEffect: number
}

const start = (modules: ReadonlyArray<string>, cwd: string): number => {
  const code = modules.map((m) => `await import(${JSON.stringify(m)})`).join(";") || "0"
  const t0 = performance.now()
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"]
  })
  const wall = performance.now() - t0
  if (result.status !== 0) throw new Error(`import ${modules.join(", ")}: ${String(result.stderr)}`)
  return wall
}

/** The targets of a smoke run: the bare start, `effect` and the connector. */
const SMOKE_LABELS = ["node, no import", "effect", "@rawdash/connector-anthropic"]

export const measureImports = (
  runs: number,
  cwd: string,
  which: "all" | "smoke" = "all"
): ReadonlyArray<ImportResult> => {
  const targets =
    which === "all" ? IMPORT_TARGETS : IMPORT_TARGETS.filter((t) => SMOKE_LABELS.includes(t.label))
  const walls = targets.map((): Array<number> => [])
  for (let round = which === "all" ? -1 : 0; round < runs; round++) {
    targets.forEach((target, i) => {
      const wall = start(target.modules, cwd)
      if (round >= 0) walls[i]!.push(wall)
    })
  }
  const effect = walls[targets.findIndex((t) => t.label === "effect")]!
  return targets.map((target, i) => ({
    target,
    wall: spread(walls[i]!),
    walls: walls[i]!,
    vsEffect: pairedRatio(walls[i]!, effect),
    overEffect: median(walls[i]!) - median(effect)
  }))
}
