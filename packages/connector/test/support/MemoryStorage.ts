/**
 * rawdash `InMemoryStorage` semantics for metrics (contract §1.6): `metric`
 * appends; `metrics(ms, scope)` deletes the rows of `scope.names` (default:
 * the batch's names), only those with `start <= ts <= end` when
 * `replaceWindow` is given (both bounds inclusive), then appends the batch as
 * given (no filtering, no dedupe). Adds a write log and fault injection.
 */
import type { MetricSample, MetricsScope, StorageHandle } from "../../src/Rawdash.js"

export interface WriteRecord {
  readonly names: ReadonlyArray<string> | undefined
  readonly replaceWindow: { readonly start: number; readonly end: number } | undefined
  readonly count: number
}

export class MemoryStorage implements StorageHandle {
  rows: Array<MetricSample> = []
  readonly writes: Array<WriteRecord> = []
  /** Called before each `metrics` write; throw to fail it (the write then changes nothing). */
  beforeWrite: ((write: WriteRecord) => void) | undefined = undefined
  /** Called after each successful `metrics` write. */
  afterWrite: ((write: WriteRecord) => void) | undefined = undefined

  async metric(sample: MetricSample): Promise<void> {
    this.rows.push(sample)
  }

  async metrics(samples: ReadonlyArray<MetricSample>, scope?: MetricsScope): Promise<void> {
    const write: WriteRecord = {
      names: scope?.names,
      replaceWindow: scope?.replaceWindow,
      count: samples.length
    }
    this.beforeWrite?.(write)
    const names = new Set(scope?.names ?? samples.map((s) => s.name))
    const w = scope?.replaceWindow
    this.rows = this.rows.filter(
      (row) => !names.has(row.name) || (w !== undefined && (row.ts < w.start || row.ts > w.end))
    )
    // appended one by one: a spread of a batch this large would overflow the stack
    for (const sample of samples) this.rows.push(sample)
    this.writes.push(write)
    this.afterWrite?.(write)
  }

  async queryMetrics(query: { name?: string; start?: number; end?: number }): Promise<Array<MetricSample>> {
    return this.rows.filter(
      (row) =>
        (query.name === undefined || row.name === query.name) &&
        (query.start === undefined || row.ts >= query.start) &&
        (query.end === undefined || row.ts <= query.end)
    )
  }

  byName(name: string): Array<MetricSample> {
    return this.rows.filter((row) => row.name === name)
  }

  /** A canonical, order-independent view of the rows, for equality checks. */
  snapshot(): Array<string> {
    return this.rows.map(canonical).sort()
  }
}

const sortKeys = (value: unknown): unknown =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, sortKeys(v)])
      )
    : value

export const canonical = (sample: MetricSample): string => JSON.stringify(sortKeys(sample))
