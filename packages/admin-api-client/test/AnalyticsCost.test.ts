/**
 * The analytics cost endpoint against the fake: parameters on the wire
 * (`cost_type`/`token_type` not counted toward five), exact money, and
 * grouping beyond five dimensions joined with exact decimals.
 */
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, Effect, Either, Stream } from "effect"
import { Analytics, AnalyticsCost, Plain } from "../src/index.js"
import { fake, org, requests, withFake } from "./support/fake.js"

const PATH = AnalyticsCost.PATH

describe("AnalyticsCost on the wire", () => {
  it.effect("five dimensions plus cost_type and token_type fit one request; parameters as documented", () => {
    const { api, layer } = fake()
    const key = org.apiKeys[1]!.id
    return withFake(
      layer,
      Effect.gen(function* () {
        const page = yield* AnalyticsCost.page({
          startingAt: "2026-03-01",
          endingAt: "2026-03-08",
          timeBucketWidth: "1d",
          orderBy: "list_amount",
          order: "desc",
          limit: 50,
          groupBy: [
            "api_key_id",
            "model",
            "workspace_id",
            "service_tier",
            "context_window",
            "cost_type",
            "token_type"
          ],
          apiKeyIds: [key]
        })
        const [entry] = requests(api, PATH)
        expect(entry?.status).toBe(200)
        expect(entry?.query).toEqual({
          starting_at: "2026-03-01T00:00:00Z",
          ending_at: "2026-03-08T00:00:00Z",
          time_bucket_width: "1d",
          limit: "50",
          order_by: "list_amount",
          order: "desc",
          "group_by[]": [
            "api_key_id",
            "model",
            "workspace_id",
            "service_tier",
            "context_window",
            "cost_type",
            "token_type"
          ],
          "api_key_ids[]": [key]
        })
        expect(entry?.headers["anthropic-beta"]).toBe(Analytics.BETA)
        expect(page.data.length).toBeGreaterThan(0)
        expect(page.data.every((r) => r.group.api_key_id === key && r.cost.currency === "USD")).toBe(true)
      })
    )
  })

  it.effect("money is exact: the API's digits kept, dollars by moving the point, plain strings", () => {
    const { layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const rows = Chunk.toReadonlyArray(
          yield* Stream.runCollect(
            AnalyticsCost.rows({ startingAt: "2026-03-01", endingAt: "2026-03-03", groupBy: ["api_key_id"] })
          )
        )
        expect(rows.length).toBeGreaterThan(0)
        for (const row of rows) {
          const plain = Plain.analyticsCostRow(row)
          // decoded with the scale sent (at least six decimals), written back unchanged
          expect(plain.cost.amount).toMatch(/^\d+\.\d{6,}$/)
          expect(BigDecimal.equals(BigDecimal.unsafeFromString(plain.cost.amount), row.cost.amount)).toBe(
            true
          )
          expect(plain.cost.amount_usd).toBe(Plain.money(plain.cost.amount, "USD").amount_usd)
          expect(
            BigDecimal.equals(
              AnalyticsCost.toDollars(row.cost.amount),
              BigDecimal.unsafeFromString(plain.cost.amount_usd!)
            )
          ).toBe(true)
          expect(plain.cost.list_amount).not.toBeNull()
          expect(BigDecimal.greaterThanOrEqualTo(row.cost.list_amount!, row.cost.amount)).toBe(true)
          expect(plain.starting_at).toBe("2026-03-01T00:00:00Z")
        }
      })
    )
  })

  it("more than five counted dimensions is refused for one request, naming groupBy", () => {
    const result = AnalyticsCost.encode({
      startingAt: "2026-03-01",
      groupBy: ["api_key_id", "model", "workspace_id", "service_tier", "context_window", "inference_geo"]
    })
    expect(Either.isLeft(result) && result.left.field).toBe("groupBy")
    expect(Either.isLeft(result) && result.left.message).toContain("cost_type and token_type do not count")
  })

  it.effect(
    "beyond five: exact decimals; the joined rows sum to the five-dimension rows to the digit",
    () => {
      const { api, layer } = fake()
      const range = { startingAt: "2026-03-02", endingAt: "2026-03-05", timeBucketWidth: "1d" } as const
      const SIX = [
        "api_key_id",
        "model",
        "workspace_id",
        "service_tier",
        "inference_geo",
        "context_window"
      ] as const
      const sums = (rows: ReadonlyArray<AnalyticsCost.CostRow>, dims: ReadonlyArray<string>) => {
        const out = new Map<string, BigDecimal.BigDecimal>()
        for (const r of rows) {
          const k = JSON.stringify([
            r.starting_at.epochMillis,
            ...dims.map((d) => (r.group as Record<string, unknown>)[d])
          ])
          out.set(k, BigDecimal.sum(out.get(k) ?? BigDecimal.fromBigInt(0n), r.cost.amount))
        }
        return new Map([...out].map(([k, v]) => [k, BigDecimal.format(BigDecimal.normalize(v))]))
      }
      return withFake(
        layer,
        Effect.gen(function* () {
          const six = Chunk.toReadonlyArray(
            yield* Stream.runCollect(AnalyticsCost.rows({ ...range, groupBy: [...SIX, "cost_type"] }))
          )
          const planned = requests(api, PATH)
          expect(planned).toHaveLength(3)
          expect(
            planned.every((e) => (e.query["group_by[]"] as ReadonlyArray<string>).includes("cost_type"))
          ).toBe(true)
          const five = Chunk.toReadonlyArray(
            yield* Stream.runCollect(
              AnalyticsCost.rows({
                ...range,
                groupBy: [...SIX.filter((d) => d !== "context_window"), "cost_type"]
              })
            )
          )
          const dims = [...SIX.filter((d) => d !== "context_window"), "cost_type"]
          expect(sums(six, dims)).toEqual(sums(five, dims))
          expect(BigDecimal.equals(AnalyticsCost.total(six), AnalyticsCost.total(five))).toBe(true)
        })
      )
    }
  )
})
