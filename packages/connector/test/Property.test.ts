/**
 * Property tests over random, schema-valid API pages (effect Arbitrary +
 * FastCheck): a sync completes or ends in a typed contract error (pages that
 * do not prove every day of the asked window: stray, missing or misaligned
 * buckets), never anything else; every stored sample keeps rawdash's
 * conformance invariants, history outside the window is never touched, and
 * with realistic (ordered, paged, one bucket per day) data storage equals the
 * mapping of the window's buckets exactly, as one six-dimension query would
 * group them.
 * The scripted usage report answers each query of the client's plan (five
 * dimensions, context_window fanned out) from the same rows, as the API would.
 */
import { describe, expect, it } from "@effect/vitest"
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import { Arbitrary, DateTime, Effect, Either, FastCheck as fc, Schema, TestClock, TestContext } from "effect"
import AnthropicConnector from "../src/index.js"
import * as CostSamples from "../src/CostSamples.js"
import type { MetricSample } from "../src/Rawdash.js"
import * as UsageSamples from "../src/UsageSamples.js"
import { violations } from "./support/invariants.js"
import { canonical, MemoryStorage } from "./support/MemoryStorage.js"
import { COST_PATH, scriptedApi, USAGE_PATH } from "./support/ScriptedApi.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 4, 20, 17)
const END = Date.UTC(2026, 4, 21)
const LOOKBACK = 10
const START = END - LOOKBACK * DAY

const history: ReadonlyArray<MetricSample> = [
  { name: "anthropic_input_tokens", ts: START - 1, value: 1, attributes: {} },
  { name: "anthropic_cost_usd", ts: END, value: 2, attributes: {} },
  { name: "anthropic_cache_creation_tokens", ts: START - 7 * DAY, value: 3, attributes: {} }
]
const historyKeys = new Set(history.map(canonical))

const encodeUsage = Schema.encodeSync(UsageReport.UsageBucket)
const encodeCost = Schema.encodeSync(CostReport.CostBucket)

/** Chains bucket lists into wire pages linked by next_page cursors, sent exactly as written. */
const wirePages = (chunks: ReadonlyArray<ReadonlyArray<unknown>>) =>
  (chunks.length === 0 ? [[]] : chunks).map((data, i, all) => ({
    exact: true,
    body: { data, has_more: i < all.length - 1, next_page: i < all.length - 1 ? `cursor_${i + 1}` : null }
  }))

const run = (
  usage: ReadonlyArray<ReadonlyArray<unknown>>,
  cost: ReadonlyArray<ReadonlyArray<unknown>>,
  stale: ReadonlyArray<MetricSample> = []
) =>
  Effect.gen(function* () {
    const api = scriptedApi({ [USAGE_PATH]: wirePages(usage), [COST_PATH]: wirePages(cost) })
    const connector = new AnthropicConnector(
      { lookbackDays: LOOKBACK },
      { adminApiKey: "sk-ant-admin-prop" },
      { httpClient: api.client, client: { retry: false }, logger: { info: () => {}, warn: () => {} } }
    )
    const storage = new MemoryStorage()
    storage.rows = [...history, ...stale]
    yield* TestClock.setTime(NOW)
    const result = yield* Effect.either(connector.syncEffect({ mode: "full", pageSize: 31 }, storage))
    return { result, storage }
  }).pipe(Effect.provide(TestContext.TestContext))

const checkInvariants = (storage: MemoryStorage) => {
  const written = storage.rows.filter((row) => !historyKeys.has(canonical(row)))
  expect(violations(written)).toEqual([])
  for (const row of written) {
    expect(row.ts).toBeGreaterThanOrEqual(START)
    expect(row.ts).toBeLessThan(END)
  }
  // history outside the window is untouched
  for (const row of history) expect(storage.rows.map(canonical)).toContain(canonical(row))
  return written
}

/**
 * Up to three pages of up to four buckets, in the API's order: the client
 * rejects buckets that do not start strictly after the previous one (a
 * pagination contract error), so valid pages are sorted and distinct.
 */
const pagesOf = <B extends { readonly starting_at: DateTime.Utc }>(arb: fc.Arbitrary<B>) =>
  fc.array(fc.array(arb, { maxLength: 4 }), { maxLength: 3 }).map((pages) => {
    const seen = new Set<number>()
    const ordered = pages
      .flat()
      .sort((a, b) => a.starting_at.epochMillis - b.starting_at.epochMillis)
      .filter(
        (bucket) => !seen.has(bucket.starting_at.epochMillis) && seen.add(bucket.starting_at.epochMillis)
      )
    let offset = 0
    return pages.map((page) => {
      const chunk = ordered.slice(offset, offset + page.length)
      offset += page.length
      return chunk
    })
  })

const KNOWN_CONTEXT_WINDOWS: ReadonlyArray<unknown> = ["0-200k", "200k-1M"]
const SIX = UsageSamples.GROUP_BY

/**
 * The buckets as one query grouped by the six dimensions would return them,
 * through the client's plan: rows of equal dimensions summed; a context
 * window the client does not know (or none) is `null`, and such a row that
 * counts nothing is not reported (the plan's remainder only carries what the
 * filtered queries did not count).
 */
const asPlanned = (buckets: ReadonlyArray<UsageReport.UsageBucket>): Array<UsageReport.UsageBucket> =>
  buckets.map((bucket) => {
    const groups = new Map<string, UsageReport.UsageResult>()
    for (const row of bucket.results) {
      const known = KNOWN_CONTEXT_WINDOWS.includes(row.context_window)
      const shaped = { ...row, context_window: known ? row.context_window : null }
      const key = JSON.stringify(SIX.map((d) => shaped[d] ?? null))
      const group = groups.get(key)
      groups.set(
        key,
        group === undefined
          ? shaped
          : {
              ...group,
              uncached_input_tokens: group.uncached_input_tokens + row.uncached_input_tokens,
              cache_read_input_tokens: group.cache_read_input_tokens + row.cache_read_input_tokens,
              output_tokens: group.output_tokens + row.output_tokens,
              cache_creation: {
                ephemeral_1h_input_tokens:
                  group.cache_creation.ephemeral_1h_input_tokens +
                  row.cache_creation.ephemeral_1h_input_tokens,
                ephemeral_5m_input_tokens:
                  group.cache_creation.ephemeral_5m_input_tokens +
                  row.cache_creation.ephemeral_5m_input_tokens
              },
              server_tool_use: {
                web_search_requests:
                  group.server_tool_use.web_search_requests + row.server_tool_use.web_search_requests
              }
            }
      )
    }
    const counts = (r: UsageReport.UsageResult) =>
      r.uncached_input_tokens +
      r.cache_read_input_tokens +
      r.output_tokens +
      r.cache_creation.ephemeral_1h_input_tokens +
      r.cache_creation.ephemeral_5m_input_tokens +
      r.server_tool_use.web_search_requests
    const results = [...groups.values()].filter((r) => r.context_window !== null || counts(r) > 0)
    return { ...bucket, results }
  })

describe("property: random valid pages", () => {
  it("any schema-valid usage and cost pages: done, or a typed contract error; invariants hold, history untouched", async () => {
    let refused = 0
    const usageBucket = Arbitrary.make(UsageReport.UsageBucket)
    const costBucket = Arbitrary.make(CostReport.CostBucket)
    // bring about half of the buckets into the window so the mapping is exercised
    const inWindow = <B extends { starting_at: DateTime.Utc; ending_at: DateTime.Utc }>(
      arb: fc.Arbitrary<B>
    ) =>
      fc.tuple(arb, fc.integer({ min: 0, max: 2 * LOOKBACK }), fc.boolean()).map(([bucket, day, move]) =>
        move
          ? {
              ...bucket,
              starting_at: DateTime.unsafeMake(START + day * DAY - 5 * DAY),
              ending_at: DateTime.unsafeMake(START + day * DAY - 4 * DAY)
            }
          : bucket
      )
    await fc.assert(
      fc.asyncProperty(
        pagesOf(inWindow(usageBucket)).map((pages) => pages.map((page) => page.map((b) => encodeUsage(b)))),
        pagesOf(inWindow(costBucket)).map((pages) => pages.map((page) => page.map((b) => encodeCost(b)))),
        async (usage, cost) => {
          const { result, storage } = await Effect.runPromise(run(usage, cost))
          // whatever the outcome: nothing outside the window, history untouched, rows conform
          checkInvariants(storage)
          if (Either.isLeft(result)) {
            // refused: a typed error whose cause is the client's contract (or decode) error
            expect(result.left).toMatchObject({ _tag: "SyncFailedError" })
            expect(["PaginationContractError", "DecodeError"]).toContain(
              (result.left as { cause: { _tag: string } }).cause._tag
            )
            refused++
            return
          }
          expect(result.right).toEqual({ done: true })
        }
      ),
      { numRuns: 60 }
    )
    // both outcomes occur: random pages rarely prove a whole window
    expect(refused).toBeGreaterThan(0)
  })

  it("ordered daily pages (as the API sends them): storage equals the mapping of the window's buckets", async () => {
    const usageRows = fc.array(Arbitrary.make(UsageReport.UsageResult), { maxLength: 3 })
    const costRows = fc.array(Arbitrary.make(CostReport.CostResult), { maxLength: 3 })
    const days = <R>(rows: fc.Arbitrary<ReadonlyArray<R>>) =>
      fc
        .tuple(
          fc.array(fc.option(rows, { freq: 4 }), { minLength: LOOKBACK, maxLength: LOOKBACK }),
          fc.integer({ min: 1, max: 4 })
        )
        .map(([perDay, pageSize]) => {
          // a day without data (null) is an empty bucket, as the API sends it: its stale rows must be cleared
          const buckets = perDay.map((results, i) => ({
            starting_at: DateTime.unsafeMake(START + i * DAY),
            ending_at: DateTime.unsafeMake(START + (i + 1) * DAY),
            results: results ?? []
          }))
          const pages: Array<typeof buckets> = []
          for (let i = 0; i < buckets.length; i += pageSize) pages.push(buckets.slice(i, i + pageSize))
          return pages
        })
    await fc.assert(
      fc.asyncProperty(days(usageRows), days(costRows), async (usage, cost) => {
        // stale rows inside the window (first day, a middle day, today) must all be replaced
        const stale: Array<MetricSample> = [START, START + 4 * DAY, END - DAY].flatMap((ts) => [
          { name: "anthropic_output_tokens", ts, value: -1, attributes: { stale: true } },
          { name: "anthropic_cost_usd", ts, value: -1, attributes: { stale: true } }
        ])
        const { result, storage } = await Effect.runPromise(
          run(
            usage.map((page) => page.map((b) => encodeUsage(b as UsageReport.UsageBucket))),
            cost.map((page) => page.map((b) => encodeCost(b as CostReport.CostBucket))),
            stale
          )
        )
        expect(result).toEqual(Either.right({ done: true }))
        const written = checkInvariants(storage)
        const expected = [
          ...UsageSamples.fromBuckets(asPlanned(usage.flat() as ReadonlyArray<UsageReport.UsageBucket>)),
          ...CostSamples.fromBuckets(cost.flat() as ReadonlyArray<CostReport.CostBucket>)
        ]
        expect(written.map(canonical).sort()).toEqual(expected.map(canonical).sort())
      }),
      { numRuns: 60 }
    )
  })
})
