/**
 * `anthropic-admin sync`: runs the rawdash connector
 * (`@rawdash/connector-anthropic`) once, into an in-memory store, and prints
 * the metric samples it wrote — to see what a rawdash dashboard would get,
 * or to export the same samples without rawdash.
 *
 * @since 0.1.0
 */
import { Command } from "@effect/cli"
import { AdminApiError } from "@rawdash/anthropic-admin-api"
import type { Rawdash } from "@rawdash/connector-anthropic"
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CommonOptions from "../CommonOptions.js"
import type { CommandError } from "../ExitCode.js"
import * as Flag from "../Flag.js"
import { FlagError, SyncError } from "../FlagError.js"
import * as Output from "../Output.js"
import { Progress } from "../Progress.js"
import * as Runner from "../Runner.js"
import * as Target from "../Target.js"
import * as SyncSpec from "./SyncSpec.js"

/**
 * rawdash storage in memory: `metrics` replaces, per name, the samples inside
 * `replaceWindow` (inclusive ms) with the new ones, as rawdash does.
 * @since 0.1.0
 */
export class MemoryStorage implements Rawdash.StorageHandle {
  /** @since 0.1.0 */
  readonly samples: Array<Rawdash.MetricSample> = []
  /** Calls to `metrics`, in order. @since 0.1.0 */
  writes = 0

  /** @since 0.1.0 */
  metrics(
    samples: ReadonlyArray<Rawdash.MetricSample>,
    scope?: {
      readonly names?: ReadonlyArray<string>
      readonly replaceWindow?: { readonly start: number; readonly end: number }
    }
  ): Promise<void> {
    const window = scope?.replaceWindow
    if (window !== undefined) {
      const names = new Set(scope?.names ?? samples.map((s) => s.name))
      const kept = this.samples.filter(
        (s) => !(names.has(s.name) && s.ts >= window.start && s.ts <= window.end)
      )
      this.samples.splice(0, this.samples.length, ...kept)
    }
    this.samples.push(...samples)
    this.writes++
    return Promise.resolve()
  }
}

/**
 * A metric over the whole sync, for the table.
 * @since 0.1.0
 */
export interface MetricSummary {
  readonly name: string
  readonly unit: string
  readonly samples: number
  /** The exact sum of the samples' values, as decimals (not a floating-point sum). @since 0.2.0 */
  readonly sum: BigDecimal.BigDecimal
  readonly first: DateTime.Utc | null
  readonly last: DateTime.Utc | null
}

const F = SyncSpec.spec.flags

/**
 * The command's `@effect/cli` options, one per entry of `SyncSpec.spec.flags`.
 * @since 0.2.0
 */
export const options = {
  ...CommonOptions.common,
  rows: Flag.optionalChoice(F.rows, ["total", "sample"] as const),
  mode: Flag.choice(F.mode, ["full", "latest"] as const, "full"),
  lookbackDays: Flag.optionalInteger(F.lookbackDays, 1, 180),
  revisionDays: Flag.optionalInteger(F.revisionDays, 1, 31),
  resources: Flag.list(F.resources, SyncSpec.RESOURCES),
  workspaceIds: Flag.list(F.workspaceIds),
  concurrency: Flag.optionalInteger(F.concurrency, 1, SyncSpec.CONCURRENCY.max)
} as const

const CONFIG_FLAGS: Readonly<Record<string, string>> = {
  lookbackDays: "--lookback-days",
  revisionDays: "--revision-days",
  resources: "--resources",
  workspaceIds: "--workspace-id",
  baseUrl: "--base-url",
  adminApiKey: "--api-key-file"
}

const asApiError = (u: unknown): AdminApiError.AdminApiError | undefined =>
  AdminApiError.isAdminApiError(u) ? u : undefined

/**
 * Maps what the connector failed with to a command error: config issues
 * name the flag, report errors keep their type (for the exit code).
 * @since 0.1.0
 */
export const fromConnectorError = (
  error: { readonly _tag: string; readonly message: string } & Record<string, unknown>
): CommandError => {
  if (error._tag === "ConfigError") {
    const issue = (error.issues as ReadonlyArray<{ field: string; message: string }> | undefined)?.[0]
    return new FlagError({
      flag: issue === undefined ? "config" : (CONFIG_FLAGS[issue.field] ?? issue.field),
      reason: issue?.message ?? error.message
    })
  }
  return asApiError(error.cause) ?? asApiError(error) ?? new SyncError({ reason: error.message })
}

/**
 * The exact value of a sample: the decimal its number prints as (the
 * shortest that reads back as the same number), so sums of them are exact
 * decimals — `653.63839255`, not the floating-point `653.6383925500004`.
 * @since 0.2.0
 */
export const exactValue = (value: number): BigDecimal.BigDecimal => BigDecimal.unsafeFromNumber(value)

const sampleColumns = (
  UNITS: Readonly<Record<string, string>>
): ReadonlyArray<Output.Column<Rawdash.MetricSample>> => [
  { name: "name", header: "metric", kind: "text", value: (s) => s.name },
  { name: "ts", header: "day", kind: "instant", value: (s) => DateTime.unsafeMake(s.ts) },
  { name: "value", kind: "number", value: (s) => s.value },
  { name: "unit", kind: "text", value: (s) => UNITS[s.name] ?? null },
  { name: "attributes", kind: "json", value: (s) => s.attributes }
]

const summaryColumns: ReadonlyArray<Output.Column<MetricSummary>> = [
  { name: "name", header: "metric", kind: "text", value: (s) => s.name },
  { name: "samples", kind: "integer", value: (s) => s.samples },
  { name: "sum", kind: "decimal", value: (s) => s.sum },
  { name: "unit", kind: "text", value: (s) => s.unit },
  { name: "first_ts", header: "first day", kind: "instant", value: (s) => s.first },
  { name: "last_ts", header: "last day", kind: "instant", value: (s) => s.last }
]

/**
 * One summary per metric, in `SyncSpec.RESOURCES` order: samples, exact sum, first and last day.
 * @since 0.2.0
 */
export const summarize = (
  samples: ReadonlyArray<Rawdash.MetricSample>,
  UNITS: Readonly<Record<string, string>>
): Array<MetricSummary> =>
  SyncSpec.RESOURCES.flatMap((name) => {
    const own = samples.filter((s) => s.name === name)
    if (own.length === 0) return []
    const times = own.map((s) => s.ts)
    return [
      {
        name,
        unit: UNITS[name] ?? "",
        samples: own.length,
        sum: BigDecimal.sumAll(own.map((s) => exactValue(s.value))),
        first: DateTime.unsafeMake(Math.min(...times)),
        last: DateTime.unsafeMake(Math.max(...times))
      }
    ]
  })

const order = (a: Rawdash.MetricSample, b: Rawdash.MetricSample) =>
  a.name < b.name
    ? -1
    : a.name > b.name
      ? 1
      : a.ts - b.ts || (JSON.stringify(a.attributes) < JSON.stringify(b.attributes) ? -1 : 1)

/**
 * The `sync` command.
 * @since 0.1.0
 */
export const command = Command.make("sync", options, (flags) =>
  Runner.run(flags, Effect.void, (_, { target }) =>
    Effect.gen(function* () {
      const progress = yield* Progress
      const perSample = flags.rows._tag === "Some" ? flags.rows.value === "sample" : flags.format !== "table"
      yield* progress.start("sync")
      // The connector (and what it needs) is loaded only for this command.
      const { AnthropicConnector, Resources } = yield* Effect.promise(
        () => import("@rawdash/connector-anthropic")
      )
      const UNITS: Readonly<Record<string, string>> = Object.fromEntries(
        Object.entries(Resources.resources).map(([name, r]) => [name, r.unit ?? ""])
      )
      const storage = new MemoryStorage()
      const connector = new AnthropicConnector(
        {
          ...(Option.isSome(flags.lookbackDays) ? { lookbackDays: flags.lookbackDays.value } : {}),
          ...(Option.isSome(flags.revisionDays) ? { revisionDays: flags.revisionDays.value } : {}),
          ...(flags.resources.length > 0 ? { resources: flags.resources } : {}),
          ...(flags.workspaceIds.length > 0 ? { workspaceIds: flags.workspaceIds } : {}),
          ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl })
        },
        { adminApiKey: target.apiKey },
        {
          logger: { info: () => {}, warn: () => {} },
          ...(Option.isSome(flags.concurrency) ? { concurrency: flags.concurrency.value } : {}),
          client: Target.clientOptions(target, progress),
          // One run to completion: the client's retry budget (3 minutes of waiting out
          // per-minute 429s, reference §10.3) governs, not rawdash's 30 s chunk budget,
          // so a transientError below means the retries really ran out.
          chunkBudget: Duration.infinity
        }
      )
      let cursor: unknown = undefined
      for (;;) {
        const result = yield* connector
          .syncEffect({ mode: flags.mode, cursor }, storage)
          .pipe(Effect.mapError((e) => fromConnectorError(e as never)))
        if (result.transientError !== undefined) {
          const error = result.transientError
          return yield* Effect.fail(
            asApiError(error) ??
              new SyncError({ reason: error instanceof Error ? error.message : String(error) })
          )
        }
        if (result.done) break
        cursor = result.cursor
      }
      const samples = [...storage.samples].sort(order)
      const title = `rawdash samples written by a ${flags.mode} sync (${storage.writes} writes)`
      const notes = target.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : []
      const empty = "The connector wrote no samples."
      return perSample
        ? Output.renderer({ title, columns: sampleColumns(UNITS), rows: samples, notes, empty })
        : Output.renderer({ title, columns: summaryColumns, rows: summarize(samples, UNITS), notes, empty })
    })
  )
)
