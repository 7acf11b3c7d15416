/**
 * Issue 10, item 1, at the client: `buckets`/`rows` hand a caller every
 * bucket of a window or none (a caller such as the rawdash connector replaces
 * exactly the window's days with them). The legacy reports return one bucket
 * per interval, empty ones included (reference §3, §10), so a window whose
 * answer is empty, misses a bucket, carries a stray bucket, is off the bucket
 * edges, or goes back is a typed `PaginationContractError`, and nothing of
 * that window is emitted.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  FakeAdminApi,
  type FakeFault,
  FakeHttpClient,
  FakeOrganization
} from "@rawdash/anthropic-admin-api-testing"
import { Chunk, type DateTime, Effect, Layer, Redacted, Stream, TestClock } from "effect"
import { AdminApiClient, type AdminApiError, CostReport, UsageReport } from "../src/index.js"
import { DAY, KEY, layerFor, stub } from "./support/stub.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 3, days: 40, now: NOW, workspaces: 1 })
const END = Date.UTC(2026, 2, 15)
/** 10 days in windows of 4: [4, 4, 2]; the fault hits the request of one window. */
const RANGE = { startingAt: new Date(END - 10 * DAY), endingAt: new Date(END), limit: 4 }
const SIX = [
  "model",
  "workspace_id",
  "api_key_id",
  "service_tier",
  "context_window",
  "inference_geo"
] as const

const fake = (fault: FakeFault.Fault, path: string, request = 2) => {
  const api = FakeAdminApi.make({
    organization: org,
    clock: () => NOW,
    specMinimal: true,
    faults: { script: [{ fault, path, request }] }
  })
  return {
    api,
    layer: AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: false }).pipe(
      Layer.provide(FakeHttpClient.layer(api))
    )
  }
}

/** Runs a bucket stream, keeping what it emitted before it failed. */
const drain = <B extends { readonly starting_at: DateTime.Utc }>(
  stream: Stream.Stream<B, AdminApiError.AdminApiError, AdminApiClient.AdminApiClient>,
  layer: Layer.Layer<AdminApiClient.AdminApiClient>
) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(NOW)
    const emitted: Array<number> = []
    const error = yield* Effect.flip(
      Stream.runForEach(stream, (bucket) =>
        Effect.sync(() => void emitted.push(bucket.starting_at.epochMillis))
      )
    ).pipe(Effect.provide(layer))
    return { error, emitted }
  })

const USAGE_PATH = UsageReport.PATH
const COST_PATH = CostReport.PATH

const cases: ReadonlyArray<readonly [string, FakeFault.Fault, RegExp]> = [
  ["an empty data for a non-empty window", { kind: "empty-page" }, /no bucket at all for 4 intervals/],
  ["a window missing its last bucket", { kind: "missing-bucket" }, /the buckets stop at/],
  [
    "a stray bucket 40 days before the window, first in data",
    { kind: "stray-bucket" },
    /outside the requested window/
  ],
  // first in data, it comes before the window's own buckets: the order check sees it first
  [
    "a stray bucket 40 days after the window",
    { kind: "stray-bucket", offsetDays: 40 },
    /does not follow the previous one/
  ],
  [
    "buckets on 05:00 edges instead of UTC days",
    { kind: "unaligned-buckets" },
    /not one 1d bucket on UTC 1d edges/
  ],
  [
    "a page that goes back (next_page leads to the window's first page)",
    { kind: "repeated-cursor" },
    /does not follow the previous one/
  ]
]

describe("a window is all its buckets or a PaginationContractError", () => {
  for (const [name, fault, reason] of cases) {
    it.effect(`cost: ${name} → PaginationContractError; none of that window is emitted`, () =>
      Effect.gen(function* () {
        const { api, layer } = fake(fault, COST_PATH)
        const { emitted, error } = yield* drain(
          CostReport.buckets({ ...RANGE, groupBy: ["workspace_id", "description"] }, { concurrency: 1 }),
          layer
        )
        expect(error._tag).toBe("PaginationContractError")
        expect(error.message).toMatch(reason)
        expect(error.message).toContain("No page was dropped silently")
        expect(error.message).toContain("cost_report")
        expect(error).toHaveProperty("requestId")
        // the first window (4 days) came whole; nothing of the second
        expect(emitted).toEqual([0, 1, 2, 3].map((i) => END - 10 * DAY + i * DAY))
        expect(api.log.filter((e) => e.fault !== null)).toHaveLength(1)
      })
    )

    it.effect(`usage, six dimensions through the plan: ${name} → PaginationContractError`, () =>
      Effect.gen(function* () {
        // request 2 is a query of the first window's plan: nothing is emitted at all
        const { error, emitted } = yield* drain(
          UsageReport.buckets({ ...RANGE, groupBy: SIX }, { concurrency: 1 }),
          fake(fault, USAGE_PATH).layer
        )
        expect(error._tag).toBe("PaginationContractError")
        expect(error.message).toMatch(reason)
        expect(emitted).toEqual([])
      })
    )
  }

  it.effect(
    "the issue's valid-looking empty page for a 30-day window is refused, not read as 30 empty days",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const { client, seen } = stub(() => ({
          status: 200,
          body: { data: [], has_more: false, next_page: null }
        }))
        const error = yield* Effect.flip(
          Stream.runCollect(
            CostReport.buckets({ startingAt: new Date(END - 30 * DAY), endingAt: new Date(END) })
          )
        ).pipe(Effect.provide(layerFor(client)))
        expect(error).toMatchObject({ _tag: "PaginationContractError", endpoint: "cost_report" })
        expect(error.message).toContain("no bucket at all for 30 intervals")
        // a contract error is final: one request, no retry
        expect(seen).toHaveLength(1)
      })
  )

  it.effect("a next_page pointing at a cursor an earlier page used is refused (no loop)", () =>
    Effect.gen(function* () {
      // pages of 2 buckets: c1 → c2 → back to c1
      const { client, seen } = stub((request) => {
        const page = request.url.searchParams.get("page")
        const first = END - 6 * DAY + (page === null ? 0 : page === "c1" ? 2 : 4) * DAY
        const next = page === null ? "c1" : page === "c1" ? "c2" : "c1"
        return {
          status: 200,
          body: {
            data: [0, 1].map((i) => ({
              starting_at: new Date(first + i * DAY).toISOString(),
              ending_at: new Date(first + (i + 1) * DAY).toISOString(),
              results: []
            })),
            has_more: true,
            next_page: next
          }
        }
      })
      const error = yield* Effect.flip(
        Stream.runCollect(
          CostReport.buckets({ startingAt: new Date(END - 6 * DAY), endingAt: new Date(END) })
        )
      ).pipe(Effect.provide(layerFor(client)))
      expect(error._tag).toBe("PaginationContractError")
      expect(error.message).toContain("next_page repeats the cursor c1 already used")
      expect(seen).toHaveLength(3)
    })
  )

  it.effect("intervals that have not begun may be left out at the end (nothing to lose there)", () =>
    Effect.gen(function* () {
      // now: 2026-03-15T12:00Z; asked for 03-13 to 03-20; the API answers up to today's bucket
      yield* TestClock.setTime(NOW)
      const { client } = stub((request) => {
        const start = Date.parse(request.url.searchParams.get("starting_at")!)
        const data = [0, 1, 2].map((i) => ({
          starting_at: new Date(start + i * DAY).toISOString(),
          ending_at: new Date(start + (i + 1) * DAY).toISOString(),
          results: []
        }))
        return { status: 200, body: { data, has_more: false, next_page: null } }
      })
      const buckets = yield* Stream.runCollect(
        CostReport.buckets({ startingAt: new Date(END - 2 * DAY), endingAt: new Date(END + 5 * DAY) })
      ).pipe(Effect.provide(layerFor(client)))
      expect(Chunk.size(buckets)).toBe(3)
      // but not today's bucket: it has begun
      const { client: short } = stub((request) => {
        const start = Date.parse(request.url.searchParams.get("starting_at")!)
        const data = [0, 1].map((i) => ({
          starting_at: new Date(start + i * DAY).toISOString(),
          ending_at: new Date(start + (i + 1) * DAY).toISOString(),
          results: []
        }))
        return { status: 200, body: { data, has_more: false, next_page: null } }
      })
      const error = yield* Effect.flip(
        Stream.runCollect(
          CostReport.buckets({ startingAt: new Date(END - 2 * DAY), endingAt: new Date(END + 5 * DAY) })
        )
      ).pipe(Effect.provide(layerFor(short)))
      expect(error.message).toContain("the buckets stop at 2026-03-15T00:00:00Z")
    })
  )

  it.effect("a fault-free range still comes whole: every day once, in order", () =>
    Effect.gen(function* () {
      const api = FakeAdminApi.make({ organization: org, clock: () => NOW, specMinimal: true })
      const layer = AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: false }).pipe(
        Layer.provide(FakeHttpClient.layer(api))
      )
      const buckets = yield* Stream.runCollect(UsageReport.buckets({ ...RANGE, groupBy: SIX })).pipe(
        Effect.provide(layer)
      )
      expect(Chunk.toReadonlyArray(buckets).map((b) => b.starting_at.epochMillis)).toEqual(
        Array.from({ length: 10 }, (_, i) => END - 10 * DAY + i * DAY)
      )
    })
  )
})
