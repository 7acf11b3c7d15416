/**
 * The benchmark's scenarios (issue 15): the organisations the fake serves, how far back the sync
 * reaches, and the latency every response waits. Sizes are chosen with FakeOrganization options
 * (the Default Workspace only, so the cost report has few rows; many API keys, so the usage
 * report has many): the harness prints the rows per day it actually got.
 */
import type { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"

/** A sync scenario: the connector's full sync over `days`, and its floor, at `latency` ms. */
export interface SyncScenario {
  readonly id: string
  readonly title: string
  readonly days: number
  readonly latency: number
  readonly organization: FakeOrganization.Options
}

/** The memory scenario: a `1m` usage stream over `shortDays` vs `longDays`. */
export interface MemoryScenario {
  readonly id: string
  readonly shortDays: number
  readonly longDays: number
  readonly organization: FakeOrganization.Options
  readonly groupBy: ReadonlyArray<"model" | "workspace_id">
}

export interface Plan {
  readonly smoke: boolean
  /** Measured runs of each workload, after `warmup` runs that are not counted. */
  readonly runs: number
  readonly warmup: number
  readonly syncs: ReadonlyArray<SyncScenario>
  readonly memory: MemoryScenario
  /** Paired process starts per import measurement. */
  readonly importRuns: number
  /** Import measurements: all, or (smoke) only `effect` and the connector. */
  readonly importTargets: "all" | "smoke"
  /** RUNS for packages/cli/bench/startup.mjs; 0: not run. */
  readonly startupRuns: number
}

/** About 200 usage rows (per usage metric) and 60 cost rows per day. */
const LARGE: FakeOrganization.Options = { seed: 15, workspaces: 0, keysPerWorkspace: 50 }
/** About 20 usage rows and 10 cost rows per day. */
const SMALL: FakeOrganization.Options = {
  seed: 15,
  workspaces: 0,
  keysPerWorkspace: 14,
  models: ["claude-sonnet-4-5"]
}

const sync = (
  id: string,
  days: number,
  latency: number,
  organization: FakeOrganization.Options
): SyncScenario => ({
  id,
  title: `${id}: ${days} days, ${latency} ms`,
  days,
  latency,
  organization: { ...organization, days }
})

const positive = (text: string | undefined, fallback: number): number => {
  const n = Number(text)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/** The full plan, or the CI smoke plan (one run of small scenarios) when `BENCH_SMOKE=1`. */
export const plan = (env: NodeJS.ProcessEnv): Plan => {
  if (env.BENCH_SMOKE === "1") {
    return {
      smoke: true,
      runs: 1,
      warmup: 1,
      // S2 and S3 run the same code as S1 with other numbers; the CLI's start-up script (several
      // seconds of demo runs) is left to the full run, to keep the smoke under 30 s on a busy machine.
      syncs: [sync("S1", 10, 20, LARGE)],
      memory: { id: "M", shortDays: 1, longDays: 2, organization: { ...SMALL, days: 3 }, groupBy: ["model"] },
      importRuns: 1,
      importTargets: "smoke",
      startupRuns: 0
    }
  }
  const runs = Math.max(5, positive(env.RUNS, 5))
  return {
    smoke: false,
    runs,
    warmup: positive(env.WARMUP, 1),
    syncs: [sync("S1", 180, 150, LARGE), sync("S2", 180, 0, LARGE), sync("S3", 30, 150, SMALL)],
    memory: {
      id: "M",
      shortDays: 7,
      longDays: 30,
      organization: { ...SMALL, days: 31 },
      groupBy: ["model"]
    },
    importRuns: Math.max(10, runs),
    importTargets: "all",
    startupRuns: 11
  }
}
