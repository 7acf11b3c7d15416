/**
 * The faults of `FakeFault.contractFaults`: what each one does to an answer,
 * on the handler, the `HttpClient` layer and the loopback server.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, TestClock } from "effect"
import { FakeAdminApi, FakeFault, FakeHttpClient, FakeOrganization, FakeServer } from "../src/index.js"
import {
  type Bucket,
  COST,
  type CostItem,
  HEADERS,
  type Page,
  url,
  USAGE,
  type UsageItem
} from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0)
const DAY = 86_400_000
const org = FakeOrganization.make({ seed: 8, days: 10, now: NOW })
const RANGE = [
  ["starting_at", "2026-03-10T00:00:00Z"],
  ["ending_at", "2026-03-14T00:00:00Z"],
  ["group_by[]", "workspace_id"],
  ["group_by[]", "description"]
] as const
const on = (fault: FakeFault.Fault) =>
  FakeAdminApi.make({ organization: org, clock: () => NOW, faults: { script: [{ fault }] } })
const get = (
  api: FakeAdminApi.FakeAdminApi,
  path: string,
  params: ReadonlyArray<readonly [string, string]>
) => api.handle({ method: "GET", url: url(path, params), headers: HEADERS })
const starts = (body: string) =>
  (JSON.parse(body) as Page<Bucket<unknown>>).data.map((bucket) => bucket.starting_at)

describe("contract faults", () => {
  it("are all kept out of the catalogue, so seeded suites keep their choices", () => {
    const kinds = new Set(FakeFault.catalogue.map((fault) => fault.kind))
    expect(FakeFault.contractFaults.filter((fault) => kinds.has(fault.kind))).toEqual([])
  })

  it("empty-page: a valid-looking page without a single bucket", () => {
    const response = get(on({ kind: "empty-page" }), COST, RANGE)
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ data: [], has_more: false, next_page: null })
  })

  it("missing-bucket: the page lacks its last bucket", () => {
    const response = get(on({ kind: "missing-bucket" }), COST, RANGE)
    expect(starts(response.body)).toEqual([
      "2026-03-10T00:00:00Z",
      "2026-03-11T00:00:00Z",
      "2026-03-12T00:00:00Z"
    ])
  })

  it("stray-bucket: an extra empty bucket 40 days back, first in data", () => {
    const response = get(on({ kind: "stray-bucket" }), COST, RANGE)
    const page = JSON.parse(response.body) as Page<Bucket<unknown>>
    expect(page.data[0]).toEqual({
      starting_at: new Date(Date.UTC(2026, 2, 10) - 40 * DAY).toISOString().replace(".000Z", "Z"),
      ending_at: new Date(Date.UTC(2026, 2, 11) - 40 * DAY).toISOString().replace(".000Z", "Z"),
      results: []
    })
    expect(page.data).toHaveLength(5)
  })

  it("unaligned-buckets: 05:00 → 05:00 instead of the UTC day edges", () => {
    const response = get(on({ kind: "unaligned-buckets" }), USAGE, RANGE.slice(0, 2))
    const page = JSON.parse(response.body) as Page<Bucket<UsageItem>>
    expect(page.data.map((b) => [b.starting_at, b.ending_at])[0]).toEqual([
      "2026-03-10T05:00:00Z",
      "2026-03-11T05:00:00Z"
    ])
  })

  it("huge-amount: the first cost row's amount is 1e400", () => {
    const response = get(on({ kind: "huge-amount" }), COST, RANGE)
    const rows = (JSON.parse(response.body) as Page<Bucket<CostItem>>).data.flatMap((b) => b.results)
    expect(rows[0]?.amount).toBe("1e400")
    expect(rows.slice(1).every((row) => row.amount !== "1e400")).toBe(true)
  })

  it("html-body: 200 with a proxy's HTML page", () => {
    const response = get(on({ kind: "html-body" }), COST, RANGE)
    expect(response.status).toBe(200)
    expect(response.headers["content-type"]).toContain("text/html")
    expect(response.body).toMatch(/^<!DOCTYPE html>/)
  })

  it("redirect: a 3xx to the location before any other check, logged with its status", () => {
    const api = on({ kind: "redirect", status: 307, location: "https://attacker.example/x" })
    const response = api.handle({ method: "GET", url: url(COST, RANGE), headers: {} })
    expect(response.status).toBe(307)
    expect(response.headers["location"]).toBe("https://attacker.example/x")
    expect(api.log[0]).toMatchObject({ status: 307, fault: { kind: "redirect" } })
  })

  it.effect("stall on the layer: never completes, interruptibly (a timeout ends it)", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const api = on({ kind: "stall" })
      const client = FakeHttpClient.make(api)
      const fiber = yield* Effect.fork(client.get(`http://fake${url(COST, RANGE)}`, { headers: HEADERS }))
      yield* TestClock.adjust(Duration.hours(1))
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* Fiber.interrupt(fiber)
      expect(api.log[0]).toMatchObject({ status: null, fault: { kind: "stall" } })
    })
  )

  it("stall on the server: no answer until the client gives up", async () => {
    const server = await FakeServer.serve({
      organization: org,
      faults: { script: [{ fault: { kind: "stall" } }] }
    })
    try {
      const outcome = await fetch(`${server.url}${url(COST, RANGE)}`, {
        headers: HEADERS,
        signal: AbortSignal.timeout(300)
      }).then(
        () => "answered",
        (error: unknown) => (error as Error).name
      )
      expect(outcome).toBe("TimeoutError")
      // the next request is answered normally
      const next = await fetch(`${server.url}${url(COST, RANGE)}`, { headers: HEADERS })
      expect(next.status).toBe(200)
    } finally {
      await server.close()
    }
  })
})
