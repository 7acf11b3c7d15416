import { describe, expect, it } from "@effect/vitest"
import { Chunk, DateTime, Effect, Stream, BigDecimal } from "effect"
import { ClaudeCodeReport } from "../src/index.js"
import { DAY, layerFor, stub } from "./support/stub.js"

const MAR1 = Date.UTC(2026, 2, 1)

const record = (day: string, actor: unknown, extra: Record<string, unknown> = {}) => ({
  date: day,
  actor,
  organization_id: "0f8c2a4e-1111-2222-3333-444455556666",
  customer_type: "api",
  subscription_type: null,
  terminal_type: "vscode",
  core_metrics: {
    num_sessions: 4,
    lines_of_code: { added: 310, removed: 95 },
    commits_by_claude_code: 3,
    pull_requests_by_claude_code: 1
  },
  tool_actions: { edit_tool: { accepted: 22, rejected: 2 }, write_tool: { accepted: 5, rejected: 0 } },
  model_breakdown: [
    {
      model: "claude-sonnet-4-5",
      tokens: { input: 52000, output: 14100, cache_read: 210000, cache_creation: 18000 },
      estimated_cost: { amount: 87, currency: "USD" }
    }
  ],
  ...extra
})
const user = (email: string) => ({ type: "user_actor", email_address: email })

/** A report with `perDay` records per day, `limit` per page (cursor = day + offset). */
const dayReport = (perDay: number) => (request: { url: URL }) => {
  const day = request.url.searchParams.get("starting_at")!
  const limit = Number(request.url.searchParams.get("limit") ?? 20)
  const offset = Number(request.url.searchParams.get("page")?.split(":")[1] ?? 0)
  const data = Array.from({ length: Math.min(limit, perDay - offset) }, (_, i) =>
    record(`${day}T00:00:00Z`, user(`u${offset + i}@x.dev`))
  )
  const more = offset + limit < perDay
  return { status: 200, body: { data, has_more: more, next_page: more ? `${day}:${offset + limit}` : null } }
}

describe("ClaudeCodeReport: parameters", () => {
  it.effect("starting_at is a YYYY-MM-DD day; limit and page reach the wire", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ({
        status: 200,
        body: { data: [], has_more: false, next_page: null }
      }))
      const layer = layerFor(client)
      yield* ClaudeCodeReport.page({ day: "2026-03-01", limit: 1000, page: "cur_1" }).pipe(
        Effect.provide(layer)
      )
      yield* ClaudeCodeReport.page({ day: new Date(MAR1) }).pipe(Effect.provide(layer))
      yield* ClaudeCodeReport.page({ day: DateTime.unsafeMake("2026-03-01T00:00:00Z") }).pipe(
        Effect.provide(layer)
      )
      expect(seen.map((r) => r.url.pathname)).toEqual(
        Array(3).fill("/v1/organizations/usage_report/claude_code")
      )
      expect(seen.map((r) => r.query)).toEqual([
        [
          ["starting_at", "2026-03-01"],
          ["limit", "1000"],
          ["page", "cur_1"]
        ],
        [["starting_at", "2026-03-01"]],
        [["starting_at", "2026-03-01"]]
      ])
    })
  )

  it.effect("a limit over 1000, an instant inside a day and a reversed range fail before sending", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ({ status: 500 }))
      const layer = layerFor(client)
      const errors = [
        yield* Effect.flip(ClaudeCodeReport.page({ day: "2026-03-01", limit: 1001 })).pipe(
          Effect.provide(layer)
        ),
        yield* Effect.flip(ClaudeCodeReport.page({ day: "2026-03-01T10:00:00Z" })).pipe(
          Effect.provide(layer)
        ),
        yield* Effect.flip(
          Stream.runDrain(ClaudeCodeReport.records({ from: "2026-03-05", to: "2026-03-01" }))
        ).pipe(Effect.provide(layer)),
        yield* Effect.flip(
          Stream.runDrain(ClaudeCodeReport.records({ from: "2026-03-01", to: "2026-03-05", limit: 0 }))
        ).pipe(Effect.provide(layer))
      ]
      expect(errors.map((e) => e._tag === "InvalidParameterError" && [e.field, e.allowed])).toEqual([
        ["limit", "an integer from 1 to 1000 (records per page)"],
        ["day", "one UTC day: a YYYY-MM-DD string, or a Date/DateTime/RFC 3339 instant at 00:00 UTC"],
        ["to", "an instant after from"],
        ["limit", "an integer from 1 to 1000 (records per page)"]
      ])
      expect(seen).toHaveLength(0)
    })
  )
})

describe("ClaudeCodeReport: decoding", () => {
  it.effect(
    "decodes both actor kinds, integer cents, open maps; unknown actor types and extra fields survive",
    () =>
      Effect.gen(function* () {
        const { client } = stub(() => ({
          status: 200,
          body: {
            data: [
              record("2026-03-01T00:00:00Z", user("dev@example.com"), { subscription_type: "enterprise" }),
              record(
                "2026-03-01",
                { type: "api_actor", api_key_name: "ci-key" },
                { tool_actions: { brand_new_tool: { accepted: 1, rejected: 0 } } }
              ),
              (() => {
                const r: Record<string, unknown> = record(
                  "2026-03-01",
                  { type: "robot_actor", robot_id: "r2" },
                  { customer_type: "marketplace", extra: true }
                )
                delete r.subscription_type
                return r
              })()
            ],
            has_more: false,
            next_page: null
          }
        }))
        const page = yield* ClaudeCodeReport.page({ day: "2026-03-01" }).pipe(
          Effect.provide(layerFor(client))
        )
        const [a, b, c] = page.data
        expect(page.data.map((r) => ClaudeCodeReport.actorLabel(r.actor))).toEqual([
          "dev@example.com",
          "ci-key",
          "robot_actor"
        ])
        expect(a!.date.epochMillis).toBe(MAR1)
        expect(b!.date.epochMillis).toBe(MAR1)
        expect(a!.subscription_type).toBe("enterprise")
        expect(BigDecimal.format(a!.model_breakdown[0]!.estimated_cost.amount)).toBe("87")
        expect(b!.tool_actions["brand_new_tool"]).toEqual({ accepted: 1, rejected: 0 })
        expect(c!.customer_type).toBe("marketplace")
        expect(c!.subscription_type).toBeNull()
        expect(c!.is_remote).toBeNull()
        expect(c).not.toHaveProperty("extra")
        expect(ClaudeCodeReport.isUserActor(a!.actor) && a!.actor.email_address).toBe("dev@example.com")
      })
  )

  it.effect("a known actor missing its field fails with DecodeError at the path", () =>
    Effect.gen(function* () {
      const broken = record("2026-03-01", { type: "user_actor" })
      const { client } = stub(() => ({
        status: 200,
        body: { data: [record("2026-03-01", user("a@b.c")), broken], has_more: false, next_page: null }
      }))
      const actor = yield* Effect.flip(ClaudeCodeReport.page({ day: "2026-03-01" })).pipe(
        Effect.provide(layerFor(client))
      )
      expect(actor).toMatchObject({ _tag: "DecodeError" })
      expect(actor._tag === "DecodeError" && actor.path.startsWith("data[1].actor")).toBe(true)
    })
  )

  it.effect(
    "unconfirmed: a non-integer estimated_cost.amount (87.5 cents) decodes exactly, never rounded",
    () =>
      Effect.gen(function* () {
        const cents = record("2026-03-01", user("a@b.c"))
        cents.model_breakdown[0]!.estimated_cost.amount = 87.5
        const { client } = stub(() => ({ status: 200, body: { data: [cents], has_more: false } }))
        const page = yield* ClaudeCodeReport.page({ day: "2026-03-01" }).pipe(
          Effect.provide(layerFor(client))
        )
        expect(BigDecimal.format(page.data[0]!.model_breakdown[0]!.estimated_cost.amount)).toBe("87.5")
        expect(page.next_page).toBeNull()
      })
  )

  it.effect(
    "§10.5: two records of one actor and day, remote and local, stay two distinguishable records",
    () =>
      Effect.gen(function* () {
        const local = { ...record("2026-03-01", user("a@b.c")), is_remote: false }
        const remote = { ...record("2026-03-01", user("a@b.c")), is_remote: true }
        const { client } = stub(() => ({
          status: 200,
          body: { data: [local, remote], has_more: false, next_page: null }
        }))
        const page = yield* ClaudeCodeReport.page({ day: "2026-03-01" }).pipe(
          Effect.provide(layerFor(client))
        )
        expect(page.data.map((r) => [ClaudeCodeReport.actorLabel(r.actor), r.is_remote])).toEqual([
          ["a@b.c", false],
          ["a@b.c", true]
        ])
      })
  )
})

describe("ClaudeCodeReport: streams", () => {
  it.effect("pages follow next_page within a day", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(dayReport(5))
      const pages = yield* Stream.runCollect(ClaudeCodeReport.pages({ day: "2026-03-01", limit: 2 })).pipe(
        Effect.provide(layerFor(client))
      )
      expect(Chunk.toReadonlyArray(pages).map((p) => p.data.length)).toEqual([2, 2, 1])
      expect(seen.map((r) => r.url.searchParams.get("page"))).toEqual([null, "2026-03-01:2", "2026-03-01:4"])
    })
  )

  it.effect("records loop over UTC days in order, every record once, concurrently", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(dayReport(3))
      const records = yield* Stream.runCollect(
        ClaudeCodeReport.records({ from: "2026-03-01T12:00:00Z", to: "2026-03-08", limit: 2, concurrency: 3 })
      ).pipe(Effect.provide(layerFor(client)))
      const list = Chunk.toReadonlyArray(records)
      expect(
        list.map((r) => `${(r.date.epochMillis - MAR1) / DAY}:${ClaudeCodeReport.actorLabel(r.actor)}`)
      ).toEqual(Array.from({ length: 7 }, (_, d) => [0, 1, 2].map((i) => `${d}:u${i}@x.dev`)).flat())
      expect(new Set(seen.map((r) => r.url.searchParams.get("starting_at"))).size).toBe(7)
      expect(seen).toHaveLength(14)
    })
  )
})
