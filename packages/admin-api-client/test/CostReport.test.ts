import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Stream } from "effect"
import { CostReport } from "../src/index.js"
import { DAY, layerFor, stub } from "./support/stub.js"

const MAR1 = Date.UTC(2026, 2, 1)
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

const costRow = (amount: string, extra: Record<string, unknown> = {}) => ({
  currency: "USD",
  amount,
  workspace_id: "wrkspc_1",
  description: "Claude Sonnet 4.5 Usage - Input Tokens",
  cost_type: "tokens",
  model: "claude-sonnet-4-5",
  token_type: "uncached_input_tokens",
  service_tier: "standard",
  context_window: "0-200k",
  ...extra
})

const pageOf = (results: ReadonlyArray<unknown>, at = MAR1) => ({
  status: 200,
  body: {
    data: [{ starting_at: iso(at), ending_at: iso(at + DAY), results }],
    has_more: false,
    next_page: null
  }
})

describe("CostReport: parameters", () => {
  it.effect("every parameter reaches the wire as documented", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => pageOf([]))
      yield* CostReport.page({
        startingAt: "2026-03-01",
        endingAt: new Date(MAR1 + 3 * DAY),
        bucketWidth: "1d",
        limit: 31,
        page: "page_c",
        groupBy: ["workspace_id", "description", "workspace_id"]
      }).pipe(Effect.provide(layerFor(client)))
      expect(seen[0]!.url.pathname).toBe("/v1/organizations/cost_report")
      expect(seen[0]!.query).toEqual([
        ["starting_at", "2026-03-01T00:00:00Z"],
        ["ending_at", "2026-03-04T00:00:00Z"],
        ["bucket_width", "1d"],
        ["limit", "31"],
        ["page", "page_c"],
        ["group_by[]", "workspace_id"],
        ["group_by[]", "description"]
      ])
      expect(seen[0]!.headers["anthropic-beta"]).toBeUndefined()
    })
  )

  const invalid: ReadonlyArray<[string, CostReport.Params, string, string]> = [
    ["hourly buckets", { startingAt: "2026-03-01", bucketWidth: "1h" as "1d" }, "bucketWidth", "1d"],
    [
      "group by model",
      { startingAt: "2026-03-01", groupBy: ["model" as "description"] },
      "groupBy",
      "workspace_id, description"
    ],
    ["limit 32", { startingAt: "2026-03-01", limit: 32 }, "limit", "1 to 31"],
    ["reversed range", { startingAt: "2026-03-05", endingAt: "2026-03-01" }, "endingAt", "after startingAt"]
  ]
  for (const [name, params, field, allowed] of invalid) {
    it.effect(`${name}: InvalidParameterError on ${field}, nothing sent`, () =>
      Effect.gen(function* () {
        const { client, seen } = stub(() => ({ status: 500 }))
        const error = yield* Effect.flip(CostReport.page(params)).pipe(Effect.provide(layerFor(client)))
        expect(error).toMatchObject({ _tag: "InvalidParameterError", field })
        expect(error.message).toContain(allowed)
        expect(seen).toHaveLength(0)
      })
    )
  }
})

describe("CostReport: exact money", () => {
  it.effect("a 1,000-row page of exact cents sums to the exact dollar total", () =>
    Effect.gen(function* () {
      // 1,000 amounts like "0.1", "12.34567", "1500": the float sum of their dollar values drifts
      const amounts = Array.from(
        { length: 1_000 },
        (_, i) => `${(i * 7919) % 100_000}.${String((i * 104_729) % 100_000).padStart(5, "0")}`
      )
      const { client } = stub(() => pageOf(amounts.map((amount) => costRow(amount))))
      const page = yield* CostReport.page({ startingAt: "2026-03-01" }).pipe(Effect.provide(layerFor(client)))
      const rows = page.data[0]!.results
      expect(rows).toHaveLength(1_000)
      // expected total, computed with integers in units of 1e-5 cent
      const units = amounts.reduce((sum, a) => sum + BigInt(a.replace(".", "")), 0n)
      const totalCents = CostReport.total(rows)
      const dollars = CostReport.toDollars(totalCents)
      expect(BigDecimal.equals(totalCents, BigDecimal.make(units, 5))).toBe(true)
      expect(BigDecimal.equals(dollars, BigDecimal.make(units, 7))).toBe(true)
      expect(BigDecimal.format(dollars)).toBe(BigDecimal.format(BigDecimal.make(units, 7)))
      const floatSum = amounts.reduce((sum, a) => sum + Number(a) / 100, 0)
      expect(String(floatSum)).not.toBe(BigDecimal.format(dollars))
    })
  )

  it("toDollars shifts the decimal point exactly", () => {
    const cases: ReadonlyArray<[string, string]> = [
      ["1446.3000", "14.463"],
      ["30", "0.3"],
      ["0.1", "0.001"],
      ["123.78912", "1.2378912"],
      ["1500", "15"]
    ]
    for (const [cents, dollars] of cases) {
      expect(
        BigDecimal.format(BigDecimal.normalize(CostReport.toDollars(BigDecimal.unsafeFromString(cents))))
      ).toBe(dollars)
    }
  })
})

describe("CostReport: decoding", () => {
  it.effect("unknown cost types, missing inference_geo/speed and extra fields decode", () =>
    Effect.gen(function* () {
      const { client } = stub(() =>
        pageOf([
          costRow("1", { cost_type: "session_usage", token_type: null, model: null, future: 1 }),
          costRow("2", {
            cost_type: "quantum_compute",
            service_tier: "flex",
            inference_geo: "us",
            speed: "fast"
          }),
          costRow("3", {
            workspace_id: null,
            description: null,
            cost_type: null,
            model: null,
            token_type: null,
            service_tier: null,
            context_window: null
          })
        ])
      )
      const page = yield* CostReport.page({ startingAt: "2026-03-01" }).pipe(Effect.provide(layerFor(client)))
      const [a, b, c] = page.data[0]!.results
      expect(a).toMatchObject({ cost_type: "session_usage", token_type: null })
      expect(a!.inference_geo).toBeNull()
      expect(a).not.toHaveProperty("future")
      expect(b).toMatchObject({
        cost_type: "quantum_compute",
        service_tier: "flex",
        inference_geo: "us",
        speed: "fast"
      })
      expect(c!.workspace_id).toBeNull()
      expect(BigDecimal.format(c!.amount)).toBe("3")
    })
  )

  it.effect("an amount that is not a decimal string fails with DecodeError at its path", () =>
    Effect.gen(function* () {
      const { client } = stub(() => pageOf([costRow("1.5"), costRow("12,50")]))
      const error = yield* Effect.flip(CostReport.page({ startingAt: "2026-03-01" })).pipe(
        Effect.provide(layerFor(client))
      )
      expect(error).toMatchObject({ _tag: "DecodeError", path: "data[0].results[1].amount" })
    })
  )

  it.effect("a float amount (not a string) is a decode error, never silently rounded", () =>
    Effect.gen(function* () {
      const { client } = stub(() => pageOf([costRow("1"), { ...costRow("0"), amount: 0.1 }]))
      const error = yield* Effect.flip(CostReport.page({ startingAt: "2026-03-01" })).pipe(
        Effect.provide(layerFor(client))
      )
      expect(error).toMatchObject({ _tag: "DecodeError", path: "data[0].results[1].amount" })
    })
  )
})

describe("CostReport: streams", () => {
  it.effect("buckets split a 100-day range into 31-day windows and rows keep their day", () =>
    Effect.gen(function* () {
      const { client, seen } = stub((request) => {
        const start = Date.parse(request.url.searchParams.get("starting_at")!)
        const end = Date.parse(request.url.searchParams.get("ending_at")!)
        const data = []
        for (let at = start; at < end; at += DAY) {
          data.push({
            starting_at: iso(at),
            ending_at: iso(at + DAY),
            results: [costRow(String((at - MAR1) / DAY))]
          })
        }
        return { status: 200, body: { data, has_more: false, next_page: null } }
      })
      const rows = yield* Stream.runCollect(
        CostReport.rows(
          { startingAt: new Date(MAR1), endingAt: new Date(MAR1 + 100 * DAY), groupBy: ["description"] },
          { concurrency: 3 }
        )
      ).pipe(Effect.provide(layerFor(client)))
      expect([...rows].map((r) => [r.starting_at.epochMillis, BigDecimal.format(r.amount)])).toEqual(
        Array.from({ length: 100 }, (_, i) => [MAR1 + i * DAY, String(i)])
      )
      expect(seen.map((r) => r.url.searchParams.get("limit"))).toEqual(["31", "31", "31", "31"])
      expect(seen.every((r) => r.url.searchParams.getAll("group_by[]").join() === "description")).toBe(true)
    })
  )
})

describe("CostReport: dates and ranges (reference §10.2)", () => {
  it.effect(
    "impossible calendar dates and 24:00 are refused naming the field, never moved; nothing is sent",
    () =>
      Effect.gen(function* () {
        const { client, seen } = stub(() => pageOf([]))
        const layer = layerFor(client)
        const refused = (params: CostReport.Params) =>
          Effect.flip(CostReport.page(params)).pipe(Effect.provide(layer))
        for (const [params, field] of [
          [{ startingAt: "2026-02-30" }, "startingAt"],
          [{ startingAt: "2026-02-29" }, "startingAt"],
          [{ startingAt: "2026-04-31T00:00:00Z" }, "startingAt"],
          [{ startingAt: "2026-03-01T24:00:00Z" }, "startingAt"],
          [{ startingAt: "2026-03-01", endingAt: "2026-03-02T23:60:00Z" }, "endingAt"],
          [{ startingAt: "2026-03-01", endingAt: "2026-13-01" }, "endingAt"]
        ] as const) {
          const error = yield* refused(params)
          expect(error).toMatchObject({ _tag: "InvalidParameterError", field })
        }
        expect(seen).toHaveLength(0)
        // a real leap day is fine
        yield* CostReport.page({ startingAt: "2028-02-29" }).pipe(Effect.provide(layer))
        expect(seen[0]!.url.searchParams.get("starting_at")).toBe("2028-02-29T00:00:00Z")
      })
  )

  it.effect("a sub-day range (00:00:00Z → 23:59:59Z) covers that whole day: sent as 00:00 → next 00:00", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => pageOf([costRow("123.45")]))
      const page = yield* CostReport.page({
        startingAt: "2026-03-01T00:00:00Z",
        endingAt: "2026-03-01T23:59:59Z"
      }).pipe(Effect.provide(layerFor(client)))
      expect(seen[0]!.url.searchParams.get("starting_at")).toBe("2026-03-01T00:00:00Z")
      expect(seen[0]!.url.searchParams.get("ending_at")).toBe("2026-03-02T00:00:00Z")
      expect(page.data).toHaveLength(1)
    })
  )
})
