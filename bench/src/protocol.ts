/** Messages between the harness and its server and workload processes. */
import type { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"

export interface ServerSpec {
  readonly organization: FakeOrganization.Options
  /** The organisation's `now` (ms), the same instant the workloads' windows are computed from. */
  readonly now: number
  readonly latency: number
  /** Serve a GET's 200 answer again to the same URL instead of computing it anew. */
  readonly cache: boolean
}

export type ToServer = { readonly type: "take" } | { readonly type: "stop" }
export type FromServer =
  | { readonly type: "listening"; readonly url: string; readonly streams: number }
  | { readonly type: "urls"; readonly urls: ReadonlyArray<string> }

/** What a workload process runs, once per `run` message. */
export type WorkloadKind =
  /** `AnthropicConnector.sync` (full, `lookbackDays` = days) into a rawdash-semantics MemoryStorage. */
  | "connector"
  /** The client's usage and cost `buckets` Streams over the same window, drained. */
  | "stream"
  /** The captured URLs, one `fetch` after another, each body `JSON.parse`d. */
  | "raw-seq"
  /** The captured URLs, all in flight at once. */
  | "raw-par"
  /** The captured pages' bodies (fetched once up front): `JSON.parse` only. */
  | "parse"
  /** … `JSON.parse` and the client's Schema decode (as the client calls it). */
  | "decode-schema"
  /** … `JSON.parse` and the fast decoder, as the client runs it on a body it just parsed. */
  | "decode-fast"
  /** The client's `1m` usage `buckets` Stream over `days`, drained. */
  | "stream-1m"

export interface WorkloadSpec {
  readonly kind: WorkloadKind
  readonly baseUrl: string
  readonly now: number
  readonly days: number
  readonly warmup: number
  /** `stream`, `stream-1m`: windows in flight. */
  readonly concurrency?: number
  /** `raw-*`, `parse`, `decode-*`: the URLs the connector sent (path and query). */
  readonly urls?: ReadonlyArray<string>
  /** `stream-1m`: the usage report's `group_by[]`. */
  readonly groupBy?: ReadonlyArray<string>
}

/** One measured run. */
export interface RunResult {
  /** Wall time, ms. */
  readonly wall: number
  /** User + system CPU time of the workload process, ms. */
  readonly cpu: number
  /** Peak RSS during the run minus the RSS at its start (after a full GC), MB. */
  readonly growth: number
  /** Peak RSS of the process during the run, MB. */
  readonly peak: number
  /** What the run produced (rows, buckets, bytes), for the checks and the scenario line. */
  readonly info: Readonly<Record<string, number>>
}

export type ToWorkload = { readonly type: "run" } | { readonly type: "stop" }
export type FromWorkload =
  | { readonly type: "ready"; readonly peakMethod: "hwm-reset" | "sampled" }
  | { readonly type: "result"; readonly result: RunResult }
  | { readonly type: "error"; readonly message: string }
