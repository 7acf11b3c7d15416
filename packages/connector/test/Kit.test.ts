/**
 * rawdash's connector kit, run on this connector (contract §4, §5 "one
 * runPropertySyncTest per resource with the shape and conformance checks as
 * extraInvariants"): payloads are generated from the class's static zod
 * `schemas` by the kit's zod-4 arbitraries (`support/kit.ts`), re-parsed,
 * and served as the report's response to a real `sync` call
 * (`new AnthropicConnector(settings, creds)`, `lookbackDays: 7`,
 * `{ mode: "full" }`, `next_page` deleted and `has_more: false`, as rawdash's
 * property test does) into a storage with rawdash's semantics. A valid
 * payload must never make `sync` throw; the kit's universal invariants,
 * resource shape and metric conformance must hold.
 *
 * Three adaptations, all to make the test exercise more, not less:
 * - The usage payload is answered per request as the live API would answer
 *   it (each of the plan's three requests filtered by its `context_window[]`
 *   and grouped by its `group_by[]`): the connector asks three differently
 *   filtered questions of one window, and the same body for all three would
 *   be an answer no API gives (rawdash's connector asks one).
 * - The clock is set to the start of the payload's last bucket (the kit's
 *   dates span 1970 to 2100, so with the real clock almost no bucket would
 *   fall in the 7-day window and nothing would be written), so the mapping
 *   runs on every payload with buckets.
 * - The payload is served as the live API answers the window asked for: one
 *   bucket per day of the window, each holding the rows of the payload's
 *   buckets that start that day, and nothing outside it (the kit's buckets
 *   start at random instants; the API's start on UTC days, and the client
 *   refuses a window they do not cover exactly). Every row of the window still
 *   reaches the mapping.
 * On top of the kit's invariants, the stored values must be exact: per usage
 * metric the sum of the window's rows, and for cost the samples of the
 * window's rows.
 */
import { describe, expect, it, vi } from "@effect/vitest"
import { DateTime, Schema } from "effect"
import AnthropicConnector from "../src/index.js"
import * as CostSamples from "../src/CostSamples.js"
import type { MetricSample } from "../src/Rawdash.js"
import { CostPage, type CostPageJson, UsagePage, type UsagePageJson } from "../src/Schemas.js"
import {
  connectorMetricConformanceViolations,
  connectorResourceShapeViolations,
  type InvariantViolation,
  runPropertySyncTest
} from "./support/kit.js"
import { canonical, type MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, emptyPage, scriptedApi, USAGE_PATH } from "./support/ScriptedApi.js"

const DAY = 86_400_000
const LOOKBACK = 7
const FALLBACK_NOW = Date.UTC(2026, 4, 20, 12)
const quiet = { info: () => {}, warn: () => {} }

/** The instant the test's clock reads: the start of the payload's last bucket. */
const nowFor = (page: { readonly data: ReadonlyArray<{ readonly starting_at: string }> }): number => {
  const last = page.data.at(-1)
  return last === undefined ? FALLBACK_NOW : Date.parse(last.starting_at)
}

/** The `full` window for `now`: `lookbackDays` whole days ending tomorrow 00:00 UTC. */
const windowOf = (now: number) => {
  const end = Math.floor(now / DAY) * DAY + DAY
  return { start: end - LOOKBACK * DAY, end }
}

type WireBucket = {
  readonly starting_at: string
  readonly ending_at: string
  readonly results: ReadonlyArray<unknown>
}

/** The payload as the live API answers `window`: one bucket per day, holding the rows of the buckets starting that day. */
const liveAnswer = (
  data: ReadonlyArray<WireBucket>,
  window: { start: number; end: number }
): Array<WireBucket> => {
  const days: Array<WireBucket> = []
  for (let day = window.start; day < window.end; day += DAY) {
    days.push({
      starting_at: new Date(day).toISOString(),
      ending_at: new Date(day + DAY).toISOString(),
      results: data
        .filter((bucket) => Math.floor(Date.parse(bucket.starting_at) / DAY) * DAY === day)
        .flatMap((bucket) => bucket.results)
    })
  }
  return days
}

/** rawdash's run: the payload (last page) for its endpoint, an empty page for the other, one `full` sync. */
const syncWith =
  (path: string) =>
  async (sample: UsagePageJson | CostPageJson, storage: MemoryStorage): Promise<void> => {
    const data = liveAnswer(sample.data as ReadonlyArray<WireBucket>, windowOf(nowFor(sample)))
    const body: Record<string, unknown> = { ...sample, data, has_more: false }
    delete body.next_page
    const other = path === USAGE_PATH ? COST_PATH : USAGE_PATH
    const api = scriptedApi({ [path]: [{ body }], [other]: [{ body: emptyPage }] })
    const connector = new AnthropicConnector(
      { lookbackDays: LOOKBACK },
      { adminApiKey: "sk-ant-admin-test" },
      { httpClient: api.client, logger: quiet }
    )
    vi.useFakeTimers({ toFake: ["Date"] })
    vi.setSystemTime(nowFor(sample))
    try {
      const result = await connector.sync({ mode: "full" }, storage)
      if (!result.done) throw new Error(`sync did not finish: ${JSON.stringify(result)}`)
    } finally {
      vi.useRealTimers()
    }
  }

const shapeAndConformance = [
  (storage: MemoryStorage): Array<InvariantViolation> =>
    connectorResourceShapeViolations(AnthropicConnector.resources, storage.rows),
  (storage: MemoryStorage): Array<InvariantViolation> =>
    connectorMetricConformanceViolations(AnthropicConnector.resources, storage.rows)
]

const outsideWindow = (
  storage: MemoryStorage,
  _connectorId: string,
  sample: { readonly data: ReadonlyArray<{ readonly starting_at: string }> }
): Array<InvariantViolation> => {
  const { start, end } = windowOf(nowFor(sample))
  return storage.rows
    .filter((row) => row.ts < start || row.ts >= end)
    .map((row) => ({ invariant: "written inside the window", detail: `${row.name}@${row.ts}` }))
}

const sum = (rows: ReadonlyArray<MetricSample>) => rows.reduce((total, row) => total + row.value, 0)

/** Per usage metric, the stored total equals the window's rows' total (the plan loses and doubles nothing). */
const usageTotals = (
  storage: MemoryStorage,
  _connectorId: string,
  sample: UsagePageJson
): Array<InvariantViolation> => {
  const { start, end } = windowOf(nowFor(sample))
  const page = Schema.decodeUnknownSync(UsagePage, { onExcessProperty: "ignore" })(sample)
  const rows = page.data
    .filter((bucket) => bucket.starting_at.epochMillis >= start && bucket.starting_at.epochMillis < end)
    .flatMap((bucket) => bucket.results)
  const expected: Record<string, number> = {
    anthropic_input_tokens: rows.reduce((t, r) => t + r.uncached_input_tokens, 0),
    anthropic_output_tokens: rows.reduce((t, r) => t + r.output_tokens, 0),
    anthropic_cache_read_tokens: rows.reduce((t, r) => t + r.cache_read_input_tokens, 0),
    anthropic_cache_creation_tokens: rows.reduce(
      (t, r) => t + r.cache_creation.ephemeral_1h_input_tokens + r.cache_creation.ephemeral_5m_input_tokens,
      0
    ),
    anthropic_web_search_requests: rows.reduce((t, r) => t + r.server_tool_use.web_search_requests, 0)
  }
  return Object.entries(expected).flatMap(([name, total]) => {
    const stored = sum(storage.byName(name))
    return stored === total
      ? []
      : [{ invariant: "exact totals", detail: `${name}: stored ${stored}, API ${total}` }]
  })
}

/** The stored cost samples are exactly the mapping of the window's rows. */
const costRows = (
  storage: MemoryStorage,
  _connectorId: string,
  sample: CostPageJson
): Array<InvariantViolation> => {
  const { start, end } = windowOf(nowFor(sample))
  const page = Schema.decodeUnknownSync(CostPage, { onExcessProperty: "ignore" })(sample)
  // the window's rows, dated to the day of their bucket (as the API buckets them)
  const expected = CostSamples.fromBuckets(
    page.data
      .filter((b) => b.starting_at.epochMillis >= start && b.starting_at.epochMillis < end)
      .map((b) => ({
        ...b,
        starting_at: DateTime.unsafeMake(Math.floor(b.starting_at.epochMillis / DAY) * DAY)
      }))
  )
    .map(canonical)
    .sort()
  const stored = storage.byName("anthropic_cost_usd").map(canonical).sort()
  return JSON.stringify(stored) === JSON.stringify(expected)
    ? []
    : [{ invariant: "exact cost rows", detail: `stored ${stored.length}, expected ${expected.length}` }]
}

describe("rawdash's connector kit (runPropertySyncTest), reproduced", () => {
  it("usage_messages: payloads from AnthropicConnector.schemas.usage_messages sync without a throw; invariants hold", async () => {
    let withRows = 0
    await runPropertySyncTest<UsagePageJson>({
      connectorId: AnthropicConnector.id,
      connectorClass: AnthropicConnector,
      resource: "usage_messages",
      run: syncWith(USAGE_PATH),
      runs: 100,
      extraInvariants: [
        ...shapeAndConformance,
        outsideWindow,
        usageTotals,
        (storage) => {
          if (storage.rows.length > 0) withRows++
          return []
        }
      ]
    })
    // the mapping ran: most payloads put rows in the window
    expect(withRows).toBeGreaterThan(20)
  })

  it("cost_report: payloads from AnthropicConnector.schemas.cost_report sync without a throw; invariants hold", async () => {
    let withRows = 0
    await runPropertySyncTest<CostPageJson>({
      connectorId: AnthropicConnector.id,
      connectorClass: AnthropicConnector,
      resource: "cost_report",
      run: syncWith(COST_PATH),
      runs: 100,
      extraInvariants: [
        ...shapeAndConformance,
        outsideWindow,
        costRows,
        (storage) => {
          if (storage.rows.length > 0) withRows++
          return []
        }
      ]
    })
    // fewer than for usage: payloads with an amount no double holds (the kit's decimal grammar allows
    // exponents) are not valid cost pages (schemas.cost_report refuses them), so the kit skips them
    expect(withRows).toBeGreaterThan(10)
  })
})
