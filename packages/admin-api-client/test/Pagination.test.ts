import { describe, expect, it } from "@effect/vitest"
import { Chunk, Duration, Effect, Fiber, Stream, TestClock } from "effect"
import { UsageReport } from "../src/index.js"
import { apiError, bucketReport, cursorOf, DAY, layerFor, stub, usageBucket } from "./support/stub.js"

const MAR1 = Date.UTC(2026, 2, 1)
const days = (n: number) => ({ startingAt: new Date(MAR1), endingAt: new Date(MAR1 + n * DAY) })
const starts = (buckets: Iterable<UsageReport.UsageBucket>) =>
  [...buckets].map((b) => b.starting_at.epochMillis)
const range = (from: number, count: number, step = DAY) =>
  Array.from({ length: count }, (_, i) => from + i * step)

describe("UsageReport.pages", () => {
  it.effect("follows next_page across pages and reports each page's cursor and request id", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(bucketReport())
      const pages = yield* Stream.runCollect(UsageReport.pages({ ...days(10), limit: 4 })).pipe(
        Effect.provide(layerFor(client))
      )
      const list = Chunk.toReadonlyArray(pages)
      expect(list.map((p) => p.data.length)).toEqual([4, 4, 2])
      expect(list.map((p) => p.page)).toEqual([undefined, cursorOf(MAR1 + 4 * DAY), cursorOf(MAR1 + 8 * DAY)])
      expect(list.map((p) => p.nextPage)).toEqual([
        cursorOf(MAR1 + 4 * DAY),
        cursorOf(MAR1 + 8 * DAY),
        undefined
      ])
      expect(list.map((p) => p.requestId)).toEqual(["req_stub1", "req_stub2", "req_stub3"])
      expect(starts(list.flatMap((p) => p.data))).toEqual(range(MAR1, 10))
      // the same query is resent with page=<next_page>
      expect(seen.map((r) => r.url.searchParams.get("page"))).toEqual([null, list[1]!.page, list[2]!.page])
      expect(seen.every((r) => r.url.searchParams.get("limit") === "4")).toBe(true)
    })
  )

  it.effect("starts from startPage when given", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(bucketReport())
      const pages = yield* Stream.runCollect(
        UsageReport.pages({ ...days(10), limit: 4 }, { startPage: cursorOf(MAR1 + 8 * DAY) })
      ).pipe(Effect.provide(layerFor(client)))
      expect(seen).toHaveLength(1)
      expect(seen[0]!.url.searchParams.get("page")).toBe(cursorOf(MAR1 + 8 * DAY))
      expect(starts(Chunk.toReadonlyArray(pages).flatMap((p) => p.data))).toEqual(range(MAR1 + 8 * DAY, 2))
    })
  )

  for (const nextPage of [null, ""]) {
    it.effect(
      `has_more: true with next_page ${JSON.stringify(nextPage)} fails with PaginationContractError`,
      () =>
        Effect.gen(function* () {
          const { client, seen } = stub(() => ({
            status: 200,
            body: { data: [usageBucket(MAR1)], has_more: true, next_page: nextPage }
          }))
          const error = yield* Effect.flip(Stream.runCollect(UsageReport.pages(days(3)))).pipe(
            Effect.provide(layerFor(client))
          )
          expect(error).toMatchObject({
            _tag: "PaginationContractError",
            endpoint: "usage_report/messages",
            requestId: "req_stub1"
          })
          expect(error.message).toContain("has_more is true but next_page is empty")
          expect(seen).toHaveLength(1)
        })
    )
  }

  it.effect("a repeated cursor fails with PaginationContractError instead of looping", () =>
    Effect.gen(function* () {
      const { client, seen } = stub((_, i) => ({
        status: 200,
        body: {
          data: [usageBucket(MAR1 + i * DAY)],
          has_more: true,
          next_page: i === 0 ? "c1" : i === 1 ? "c2" : "c1"
        }
      }))
      const error = yield* Effect.flip(Stream.runCollect(UsageReport.pages(days(30)))).pipe(
        Effect.provide(layerFor(client))
      )
      expect(error._tag).toBe("PaginationContractError")
      expect(error.message).toContain("repeats the cursor c1")
      expect(seen).toHaveLength(3)
    })
  )

  it.effect(
    "a first-page cursor that leads back to the first page fails instead of duplicating buckets",
    () =>
      Effect.gen(function* () {
        // page 1 answers next_page = its own cursor, which the client never sent
        const { client, seen } = stub(() => ({
          status: 200,
          body: {
            data: [usageBucket(MAR1), usageBucket(MAR1 + DAY)],
            has_more: true,
            next_page: "own_first_page"
          }
        }))
        const error = yield* Effect.flip(Stream.runCollect(UsageReport.pages(days(30)))).pipe(
          Effect.provide(layerFor(client))
        )
        expect(error._tag).toBe("PaginationContractError")
        expect(error.message).toContain("pages overlap or are out of order")
        expect(seen).toHaveLength(2)
      })
  )

  it.effect("a 410 on a later page fails with CursorExpiredError", () =>
    Effect.gen(function* () {
      const report = bucketReport()
      const { client } = stub((request, i) =>
        i === 1
          ? { status: 410, body: apiError("invalid_request_error", "cursor expired", "req_gone") }
          : report(request)
      )
      const error = yield* Effect.flip(Stream.runCollect(UsageReport.pages({ ...days(10), limit: 4 }))).pipe(
        Effect.provide(layerFor(client))
      )
      expect(error).toMatchObject({ _tag: "CursorExpiredError", status: 410, requestId: "req_stub2" })
    })
  )

  it.effect("a 429 on page 3 retries page 3 only", () =>
    Effect.gen(function* () {
      const report = bucketReport()
      const { client, seen } = stub((request, i) =>
        i === 2
          ? { status: 429, body: apiError("rate_limit_error", "slow down"), headers: { "retry-after": "2" } }
          : report(request)
      )
      const fiber = yield* Effect.fork(
        Stream.runCollect(UsageReport.buckets({ ...days(12), limit: 4 }, { concurrency: 1 })).pipe(
          Effect.provide(layerFor(client))
        )
      )
      yield* TestClock.adjust(Duration.seconds(2))
      const buckets = yield* Fiber.join(fiber)
      // three one-page windows; only the third is sent twice
      expect(seen.map((r) => r.url.searchParams.get("starting_at"))).toEqual([
        "2026-03-01T00:00:00Z",
        "2026-03-05T00:00:00Z",
        "2026-03-09T00:00:00Z",
        "2026-03-09T00:00:00Z"
      ])
      expect(starts(buckets)).toEqual(range(MAR1, 12))
    })
  )

  it.effect("a 429 in the middle of one window's pages retries that page only", () =>
    Effect.gen(function* () {
      const report = bucketReport()
      const { client, seen } = stub((request, i) =>
        i === 2
          ? { status: 429, body: apiError("rate_limit_error", "slow down"), headers: { "retry-after": "2" } }
          : report(request)
      )
      const fiber = yield* Effect.fork(
        Stream.runCollect(UsageReport.pages({ ...days(12), limit: 4 })).pipe(Effect.provide(layerFor(client)))
      )
      yield* TestClock.adjust(Duration.seconds(2))
      const pages = yield* Fiber.join(fiber)
      const third = cursorOf(MAR1 + 8 * DAY)
      expect(seen.map((r) => r.url.searchParams.get("page"))).toEqual([
        null,
        cursorOf(MAR1 + 4 * DAY),
        third,
        third
      ])
      expect(starts(Chunk.toReadonlyArray(pages).flatMap((p) => p.data))).toEqual(range(MAR1, 12))
    })
  )
})

describe("UsageReport.buckets: split windows", () => {
  it.effect("70 days in windows of 31: three requests, each bucket exactly once, in order", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(bucketReport())
      const buckets = yield* Stream.runCollect(UsageReport.buckets(days(70))).pipe(
        Effect.provide(layerFor(client))
      )
      expect(starts(buckets)).toEqual(range(MAR1, 70))
      const windows = seen
        .map((r) => [
          r.url.searchParams.get("starting_at"),
          r.url.searchParams.get("ending_at"),
          r.url.searchParams.get("limit")
        ])
        .sort()
      expect(windows).toEqual([
        ["2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "31"],
        ["2026-04-01T00:00:00Z", "2026-05-02T00:00:00Z", "31"],
        ["2026-05-02T00:00:00Z", "2026-05-10T00:00:00Z", "31"]
      ])
    })
  )

  it.effect("windows finishing out of order are still emitted in time order", () =>
    Effect.gen(function* () {
      const report = bucketReport()
      const { client } = stub((request) => {
        // the earliest window answers last
        const start = Date.parse(request.url.searchParams.get("starting_at")!)
        return Effect.as(Effect.sleep(Duration.seconds(10 - (start - MAR1) / (5 * DAY))), report(request))
      })
      const fiber = yield* Effect.fork(
        Stream.runCollect(UsageReport.buckets({ ...days(50), limit: 5 }, { concurrency: 4 })).pipe(
          Effect.provide(layerFor(client))
        )
      )
      yield* TestClock.adjust(Duration.seconds(1_000))
      expect(starts(yield* Fiber.join(fiber))).toEqual(range(MAR1, 50))
    })
  )

  it.effect("hourly buckets split at 168 per window; a window that needs several pages is followed", () =>
    Effect.gen(function* () {
      const HOUR = 3_600_000
      // a server that ignores our limit and pages by 50 buckets
      const report = bucketReport({ width: HOUR })
      const { client, seen } = stub((request) => {
        const url = new URL(request.url)
        url.searchParams.set("limit", "50")
        return report({ ...request, url })
      })
      const buckets = yield* Stream.runCollect(
        UsageReport.buckets({ ...days(10), bucketWidth: "1h" }, { concurrency: 2 })
      ).pipe(Effect.provide(layerFor(client)))
      expect(starts(buckets)).toEqual(range(MAR1, 240, HOUR))
      expect(seen.filter((r) => r.url.searchParams.get("page") === null)).toHaveLength(2)
      expect(seen).toHaveLength(4 + 2)
    })
  )

  it.effect("ending_at inclusivity is unconfirmed: a bucket returned at a window edge is emitted once", () =>
    Effect.gen(function* () {
      // an API that also returns the bucket starting at ending_at
      const { client } = stub((request) => {
        const start = Date.parse(request.url.searchParams.get("starting_at")!)
        const end = Date.parse(request.url.searchParams.get("ending_at")!)
        const data = []
        for (let at = start; at <= end; at += DAY) data.push(usageBucket(at))
        return { status: 200, body: { data, has_more: false, next_page: null } }
      })
      const buckets = yield* Stream.runCollect(UsageReport.buckets({ ...days(40), limit: 10 })).pipe(
        Effect.provide(layerFor(client))
      )
      expect(starts(buckets)).toEqual(range(MAR1, 40))
    })
  )

  it.effect(
    "an unaligned start is sent floored to the bucket the API snaps it to, and no other window repeats it",
    () =>
      Effect.gen(function* () {
        const { client, seen } = stub(bucketReport())
        const buckets = yield* Stream.runCollect(
          UsageReport.buckets({ startingAt: "2026-03-01T10:30:00Z", endingAt: new Date(MAR1 + 40 * DAY) })
        ).pipe(Effect.provide(layerFor(client)))
        expect(starts(buckets)).toEqual(range(MAR1, 40))
        expect(seen.map((r) => r.url.searchParams.get("starting_at")).sort()).toEqual([
          "2026-03-01T00:00:00Z",
          "2026-04-01T00:00:00Z"
        ])
      })
  )

  it.effect("a 410 mid-window restarts the window; a persistent 410 ends with CursorExpiredError", () =>
    Effect.gen(function* () {
      const report = bucketReport({ defaultLimit: 3 })
      const paged = (request: Parameters<typeof report>[0]) => {
        const url = new URL(request.url)
        url.searchParams.set("limit", "3")
        return report({ ...request, url })
      }
      const once = stub((request, i) =>
        i === 2 ? { status: 410, body: apiError("x", "expired") } : paged(request)
      )
      const buckets = yield* Stream.runCollect(UsageReport.buckets(days(10), { concurrency: 1 })).pipe(
        Effect.provide(layerFor(once.client))
      )
      expect(starts(buckets)).toEqual(range(MAR1, 10))
      expect(once.seen.map((r) => r.url.searchParams.get("page") === null)).toEqual([
        true,
        false,
        false,
        true,
        false,
        false,
        false
      ])

      const always = stub((request) =>
        request.url.searchParams.get("page") === null
          ? paged(request)
          : { status: 410, body: apiError("x", "expired") }
      )
      const error = yield* Effect.flip(Stream.runCollect(UsageReport.buckets(days(10)))).pipe(
        Effect.provide(layerFor(always.client))
      )
      expect(error._tag).toBe("CursorExpiredError")
      expect(always.seen.filter((r) => r.url.searchParams.get("page") === null)).toHaveLength(3)
    })
  )

  it.effect("rows carry their bucket's edges", () =>
    Effect.gen(function* () {
      const { client } = stub(bucketReport())
      const rows = yield* Stream.runCollect(UsageReport.rows(days(3))).pipe(Effect.provide(layerFor(client)))
      expect(
        [...rows].map((r) => [r.starting_at.epochMillis, r.ending_at.epochMillis, r.output_tokens])
      ).toEqual(range(MAR1, 3).map((t) => [t, t + DAY, t / DAY]))
    })
  )
})
