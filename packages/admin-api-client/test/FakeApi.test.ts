/**
 * End-to-end against the testing kit's fake Admin API: what reaches the wire
 * (the fake's recorded query), pagination and window splitting over real
 * report data, exact totals, and fault scripts.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  FakeAdminApi,
  FakeFault,
  FakeHttpClient,
  FakeOrganization,
  WireArbitrary,
  WireFixture
} from "@rawdash/anthropic-admin-api-testing"
import {
  BigDecimal,
  Chunk,
  Duration,
  Effect,
  FastCheck as fc,
  Fiber,
  Layer,
  Option,
  Redacted,
  Schema,
  Stream,
  TestClock
} from "effect"
import {
  AdminApiClient,
  type AdminApiError,
  ClaudeCodeReport,
  CostReport,
  UsageReport
} from "../src/index.js"
import { KEY } from "./support/stub.js"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 7, days: 60, now: NOW })
const END = org.end
const START = org.start

const fake = (options: Omit<FakeAdminApi.Options, "organization"> = {}) => {
  const api = FakeAdminApi.make({ ...options, organization: org, clock: () => NOW })
  const layer = AdminApiClient.layer({ apiKey: Redacted.make(KEY), retry: { jitter: 0 } }).pipe(
    Layer.provide(FakeHttpClient.layer(api))
  )
  return { api, layer }
}

const dayTotals = (day: number) =>
  org.usage.filter((r) => r.day === day).reduce((sum, r) => sum + r.output_tokens, 0)

/** Runs an effect that sleeps on `TestClock` to completion, advancing time as needed. */
const runClocked = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    for (;;) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return yield* done.value
      yield* TestClock.adjust(Duration.seconds(30))
    }
  })

/** Five of them (the live cap, reference §10.1), `speed` included. */
const FIVE_GROUP_BY = ["model", "workspace_id", "api_key_id", "speed", "service_account_id"] as const

describe("wire: every parameter reaches the fake as documented", () => {
  it.effect("messages usage: all parameters, the beta header, the admin key", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      yield* UsageReport.page({
        startingAt: new Date(END - 3 * DAY),
        endingAt: new Date(END - DAY),
        bucketWidth: "1h",
        limit: 48,
        groupBy: FIVE_GROUP_BY,
        apiKeyIds: [org.apiKeys[0]!.id, org.apiKeys[1]!.id],
        workspaceIds: ["wrkspc_a", "wrkspc_b"],
        models: [...org.models],
        serviceTiers: ["standard", "batch"],
        contextWindows: ["0-200k", "200k-1M"],
        inferenceGeos: ["global", "us"],
        speeds: ["standard", "fast"],
        accountIds: ["acct_1"],
        serviceAccountIds: ["svac_1"]
      }).pipe(Effect.provide(layer))
      const [entry] = api.log
      expect(entry).toMatchObject({ status: 200, credential: "admin", path: UsageReport.PATH, method: "GET" })
      expect(entry!.query).toEqual({
        starting_at: new Date(END - 3 * DAY).toISOString().replace(".000Z", "Z"),
        ending_at: new Date(END - DAY).toISOString().replace(".000Z", "Z"),
        bucket_width: "1h",
        limit: "48",
        "group_by[]": [...FIVE_GROUP_BY],
        "api_key_ids[]": [org.apiKeys[0]!.id, org.apiKeys[1]!.id],
        "workspace_ids[]": ["wrkspc_a", "wrkspc_b"],
        "models[]": [...org.models],
        "service_tiers[]": ["standard", "batch"],
        "context_window[]": ["0-200k", "200k-1M"],
        "inference_geos[]": ["global", "us"],
        "speeds[]": ["standard", "fast"],
        "account_ids[]": ["acct_1"],
        "service_account_ids[]": ["svac_1"]
      })
      expect(entry!.headers).toMatchObject({
        "anthropic-beta": "fast-mode-2026-02-01",
        "anthropic-version": "2023-06-01",
        "x-api-key": "[redacted]"
      })
    })
  )

  it.effect("cost report and Claude Code report parameters", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      yield* CostReport.page({
        startingAt: "2026-03-01",
        endingAt: "2026-03-08",
        limit: 7,
        groupBy: ["workspace_id", "description"]
      }).pipe(Effect.provide(layer))
      yield* ClaudeCodeReport.page({ day: "2026-03-02", limit: 2 }).pipe(Effect.provide(layer))
      expect(api.log.map((e) => [e.path, e.status, e.query])).toEqual([
        [
          CostReport.PATH,
          200,
          {
            starting_at: "2026-03-01T00:00:00Z",
            ending_at: "2026-03-08T00:00:00Z",
            bucket_width: "1d",
            limit: "7",
            "group_by[]": ["workspace_id", "description"]
          }
        ],
        [ClaudeCodeReport.PATH, 200, { starting_at: "2026-03-02", limit: "2" }]
      ])
      expect(api.log.every((e) => e.headers["anthropic-beta"] === undefined)).toBe(true)
    })
  )
})

describe("pagination and windows over the fake's data", () => {
  it.effect("pages follow the fake's cursors; the same query is resent with page", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      const pages = yield* Stream.runCollect(
        UsageReport.pages({ startingAt: new Date(START), endingAt: new Date(START + 10 * DAY), limit: 4 })
      ).pipe(Effect.provide(layer))
      const list = Chunk.toReadonlyArray(pages)
      expect(list.map((p) => p.data.length)).toEqual([4, 4, 2])
      expect(api.log.map((e) => e.query.page)).toEqual([undefined, list[0]!.nextPage, list[1]!.nextPage])
      expect(list.map((p) => p.requestId)).toEqual(api.log.map((e) => e.requestId))
    })
  )

  it.effect("60 days of daily buckets: every bucket once, in order, with the organisation's totals", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      const buckets = yield* Stream.runCollect(
        UsageReport.buckets({ startingAt: new Date(START), endingAt: new Date(END) }, { concurrency: 3 })
      ).pipe(Effect.provide(layer))
      const days = Array.from({ length: 60 }, (_, i) => START + i * DAY)
      expect([...buckets].map((b) => b.starting_at.epochMillis)).toEqual(days)
      expect([...buckets].map((b) => b.results.reduce((s, r) => s + r.output_tokens, 0))).toEqual(
        days.map(dayTotals)
      )
      expect(api.log).toHaveLength(2)
      expect(api.log.map((e) => e.query.limit)).toEqual(["31", "31"])
    })
  )

  it.effect("hourly buckets over 9 days split at 168 per window and add up to the daily totals", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      const from = END - 9 * DAY
      const rows = yield* Stream.runCollect(
        UsageReport.rows(
          { startingAt: new Date(from), endingAt: new Date(END), bucketWidth: "1h" },
          { concurrency: 2 }
        )
      ).pipe(Effect.provide(layer))
      const byDay = new Map<number, number>()
      for (const row of rows) {
        const day = Math.floor(row.starting_at.epochMillis / DAY) * DAY
        byDay.set(day, (byDay.get(day) ?? 0) + row.output_tokens)
      }
      const days = Array.from({ length: 9 }, (_, i) => from + i * DAY)
      expect(days.map((d) => byDay.get(d) ?? 0)).toEqual(days.map(dayTotals))
      expect(api.log.map((e) => [e.query.starting_at, e.query.ending_at])).toHaveLength(2)
      const starts = [...rows].map((r) => r.starting_at.epochMillis)
      expect([...starts].sort((a, b) => a - b)).toEqual(starts)
    })
  )

  it.effect("cost rows across windows sum exactly to the organisation's cost lines", () =>
    Effect.gen(function* () {
      const { layer } = fake()
      const rows = yield* Stream.runCollect(
        CostReport.rows({
          startingAt: new Date(START),
          endingAt: new Date(END),
          groupBy: ["workspace_id", "description"]
        })
      ).pipe(Effect.provide(layer))
      let expected = 0n
      for (let day = START; day < END; day += DAY) {
        for (const line of FakeOrganization.costLines(org, day)) expected += line.picocents
      }
      const total = CostReport.total(rows)
      expect(BigDecimal.equals(total, BigDecimal.make(expected, 12))).toBe(true)
      expect(BigDecimal.equals(CostReport.toDollars(total), BigDecimal.make(expected, 14))).toBe(true)
    })
  )

  it.effect("Claude Code records: every actor of every day, day by day", () =>
    Effect.gen(function* () {
      const { api, layer } = fake()
      const from = END - 5 * DAY
      const records = yield* Stream.runCollect(
        ClaudeCodeReport.records({ from: new Date(from), to: new Date(END), limit: 2, concurrency: 2 })
      ).pipe(Effect.provide(layer))
      const expected = Array.from({ length: 5 }, (_, i) =>
        FakeOrganization.claudeCodeRecords(org, from + i * DAY)
      ).flat()
      expect(
        [...records].map((r) => [
          r.date.epochMillis,
          ClaudeCodeReport.actorLabel(r.actor),
          r.core_metrics.num_sessions
        ])
      ).toEqual(
        expected.map((r) => [
          Date.parse(r.date),
          "email_address" in r.actor ? r.actor.email_address : r.actor.api_key_name,
          r.core_metrics.num_sessions
        ])
      )
      expect(new Set(api.log.map((e) => e.query.starting_at)).size).toBe(5)
    })
  )
})

describe("faults from the fake", () => {
  it.effect("a 429 with Retry-After 7 s on page 3 retries page 3 only, at 7 s", () =>
    Effect.gen(function* () {
      const { api, layer } = fake({
        faults: {
          script: [{ fault: FakeFault.rateLimited({ seconds: 7 }), path: UsageReport.PATH, request: 3 }]
        }
      })
      const fiber = yield* Effect.fork(
        Stream.runCollect(
          UsageReport.pages({ startingAt: new Date(START), endingAt: new Date(START + 12 * DAY), limit: 4 })
        ).pipe(Effect.provide(layer))
      )
      yield* TestClock.adjust(Duration.millis(6_999))
      expect(api.log).toHaveLength(3)
      yield* TestClock.adjust(Duration.millis(1))
      const pages = yield* Fiber.join(fiber)
      expect(api.log.map((e) => e.status)).toEqual([200, 200, 429, 200])
      expect(api.log[3]!.query.page).toBe(api.log[2]!.query.page)
      expect(api.log[2]!.query.page).toBe(
        api.log[1]!.query.page === undefined ? undefined : Chunk.toReadonlyArray(pages)[1]!.nextPage
      )
      expect(Chunk.toReadonlyArray(pages).flatMap((p) => p.data)).toHaveLength(12)
    })
  )

  it.effect("an HTTP-date Retry-After from the fake is honoured against Clock", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW - (NOW % 1000))
      const { api, layer } = fake({
        faults: { script: [{ fault: FakeFault.overloaded({ httpDate: 5 }) }] }
      })
      const fiber = yield* Effect.fork(
        UsageReport.page({ startingAt: new Date(START) }).pipe(Effect.provide(layer))
      )
      yield* TestClock.adjust(Duration.millis(4_999))
      expect(api.log).toHaveLength(1)
      yield* TestClock.adjust(Duration.millis(1))
      yield* Fiber.join(fiber)
      expect(api.log.map((e) => e.status)).toEqual([529, 200])
    })
  )

  const cases: ReadonlyArray<[string, FakeFault.Fault, AdminApiError.AdminApiError["_tag"]]> = [
    ["has_more without next_page", { kind: "has-more-without-next-page" }, "PaginationContractError"],
    ["a repeated cursor", { kind: "repeated-cursor" }, "PaginationContractError"]
    // malformed JSON is a transport fault, retried: see BodyFaults.test.ts
  ]
  for (const [name, fault, tag] of cases) {
    it.effect(`${name} → ${tag}`, () =>
      Effect.gen(function* () {
        const { layer } = fake({ faults: { script: [{ fault }] } })
        const error = yield* Effect.flip(
          Stream.runDrain(
            UsageReport.pages({ startingAt: new Date(START), endingAt: new Date(START + 10 * DAY), limit: 4 })
          )
        ).pipe(Effect.provide(layer))
        expect(error._tag).toBe(tag)
        expect(error).toHaveProperty("requestId")
      })
    )
  }

  it.effect(
    "drift (extra fields, unknown enums, missing optional fields) decodes with the same numbers",
    () =>
      Effect.gen(function* () {
        const params = {
          startingAt: new Date(START),
          endingAt: new Date(START + 5 * DAY),
          groupBy: ["model", "service_tier", "inference_geo"]
        } as const
        const clean = yield* UsageReport.page(params).pipe(Effect.provide(fake().layer))
        const drifted = yield* UsageReport.page(params).pipe(
          Effect.provide(fake({ faults: { script: [{ fault: { kind: "drift" } }] } }).layer)
        )
        const tokens = (page: UsageReport.UsagePage) =>
          page.data.map((b) => b.results.map((r) => [r.model, r.output_tokens]))
        expect(tokens(drifted)).toEqual(tokens(clean))
        expect(drifted.data.flatMap((b) => b.results).some((r) => r.service_tier === "priority_plus")).toBe(
          true
        )
        expect(drifted.data.flatMap((b) => b.results).every((r) => r.inference_geo === null)).toBe(true)
      })
  )

  it.effect("a standard key gets PermissionError from the fake, with its request id", () =>
    Effect.gen(function* () {
      const api = FakeAdminApi.make({ organization: org })
      const layer = AdminApiClient.layer({ apiKey: Redacted.make("sk-ant-api03-standard-secret") }).pipe(
        Layer.provide(FakeHttpClient.layer(api))
      )
      const error = yield* Effect.flip(UsageReport.page({ startingAt: new Date(START) })).pipe(
        Effect.provide(layer)
      )
      expect(error).toMatchObject({ _tag: "PermissionError", status: 403, requestId: api.log[0]!.requestId })
      expect(JSON.stringify(error) + error.message).not.toContain("sk-ant-api03-standard-secret")
    })
  )

  it.effect.prop(
    "random fault scripts end in the fault-free result or a typed error, never wrong data",
    [fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.05, max: 0.5, noNaN: true })],
    ([seed, rate]) =>
      Effect.gen(function* () {
        const params = {
          startingAt: new Date(START),
          endingAt: new Date(START + 40 * DAY),
          limit: 9
        } as const
        const summary = (buckets: Chunk.Chunk<UsageReport.UsageBucket>) =>
          [...buckets].map(
            (b) =>
              `${b.starting_at.epochMillis}:${b.results.reduce((s, r) => s + r.output_tokens + r.uncached_input_tokens, 0)}`
          )
        const expected = summary(
          yield* Stream.runCollect(UsageReport.buckets(params)).pipe(Effect.provide(fake().layer))
        )
        const faulty = fake({ faults: { random: { seed, rate } } })
        const outcome = yield* runClocked(
          Effect.either(
            Stream.runCollect(UsageReport.buckets(params, { concurrency: 2 })).pipe(
              Effect.provide(faulty.layer)
            )
          )
        )
        if (outcome._tag === "Right") {
          expect(summary(outcome.right)).toEqual(expected)
        } else {
          expect([
            "RateLimitError",
            "OverloadedError",
            "ServerError",
            "TransportError",
            "TimeoutError",
            "InvalidRequestError",
            "DecodeError",
            "PaginationContractError",
            "CursorExpiredError"
          ]).toContain(outcome.left._tag)
        }
      }),
    { fastCheck: { numRuns: 25 }, timeout: 60_000 }
  )
})

/** What a page looks like after the wire: JSON has no explicit `undefined`. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe("wire fixtures and arbitraries from the testing kit decode", () => {
  it("every fixture decodes", () => {
    expect(() => Schema.decodeUnknownSync(UsageReport.UsagePage)(WireFixture.usageDaily().body)).not.toThrow()
    expect(() =>
      Schema.decodeUnknownSync(UsageReport.UsagePage)(WireFixture.usageGrouped().body)
    ).not.toThrow()
    expect(() =>
      Schema.decodeUnknownSync(UsageReport.UsagePage)(WireFixture.usageHourly().body)
    ).not.toThrow()
    expect(() =>
      Schema.decodeUnknownSync(CostReport.CostPage)(WireFixture.costByDescription().body)
    ).not.toThrow()
    expect(() => Schema.decodeUnknownSync(CostReport.CostPage)(WireFixture.costDaily().body)).not.toThrow()
    expect(() =>
      Schema.decodeUnknownSync(ClaudeCodeReport.ClaudeCodePage)(WireFixture.claudeCode().body)
    ).not.toThrow()
  })

  it.prop("any valid usage page decodes", [WireArbitrary.usageReport.map(asJson)], ([page]) => {
    expect(Schema.decodeUnknownEither(UsageReport.UsagePage, { onExcessProperty: "ignore" })(page)._tag).toBe(
      "Right"
    )
  })
  it.prop("any valid cost page decodes", [WireArbitrary.costReport.map(asJson)], ([page]) => {
    expect(Schema.decodeUnknownEither(CostReport.CostPage, { onExcessProperty: "ignore" })(page)._tag).toBe(
      "Right"
    )
  })
  it.prop("any valid Claude Code page decodes", [WireArbitrary.claudeCodeReport.map(asJson)], ([page]) => {
    expect(
      Schema.decodeUnknownEither(ClaudeCodeReport.ClaudeCodePage, { onExcessProperty: "ignore" })(page)._tag
    ).toBe("Right")
  })
})

describe("live rules of the fake (reference §10), as the client meets them", () => {
  const strict = (options: Omit<FakeAdminApi.Options, "organization"> = {}) => {
    // no fixed clock: the fake reads Effect's Clock, so TestClock drives its rate limiter
    const api = FakeAdminApi.make({ specMinimal: true, ...options, organization: org })
    const layer = AdminApiClient.layer({ apiKey: Redacted.make(KEY) }).pipe(
      Layer.provide(FakeHttpClient.layer(api))
    )
    return { api, layer }
  }

  it.effect(
    "§10.2: a sub-day cost range is sent as its whole day and answered with that day, not a 400",
    () =>
      Effect.gen(function* () {
        const { api, layer } = strict()
        const day = END - 3 * DAY
        const page = yield* CostReport.page({
          startingAt: new Date(day),
          endingAt: new Date(day + DAY - 1000)
        }).pipe(Effect.provide(layer))
        expect(api.log[0]!.status).toBe(200)
        expect(page.data.map((b) => b.starting_at.epochMillis)).toEqual([day])
      })
  )

  it.effect(
    "§10.2: a report starting today with no endingAt is sent up to tomorrow 00:00 and gets today, not a 400",
    () =>
      Effect.gen(function* () {
        const { api, layer } = strict()
        yield* TestClock.setTime(NOW)
        const today = Math.floor(NOW / DAY) * DAY
        const cost = yield* CostReport.page({ startingAt: new Date(today) }).pipe(Effect.provide(layer))
        const usage = yield* Stream.runCollect(UsageReport.buckets({ startingAt: new Date(today) })).pipe(
          Effect.provide(layer)
        )
        expect(api.log.map((entry) => [entry.status, entry.query["ending_at"]])).toEqual([
          [200, "2026-03-16T00:00:00Z"],
          [200, "2026-03-16T00:00:00Z"]
        ])
        expect(cost.data.map((b) => b.starting_at.epochMillis)).toEqual([today])
        expect([...usage].map((b) => b.starting_at.epochMillis)).toEqual([today])
      })
  )

  it("§10.2: the fake's own 400 for an empty floored range is final (x-should-retry: false)", () => {
    const { api } = strict()
    const response = api.handle({
      method: "GET",
      url: `${CostReport.PATH}?starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-01T23:59:59Z`,
      headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" }
    })
    expect(response.status).toBe(400)
    expect(response.headers["x-should-retry"]).toBe("false")
  })

  it.effect(
    "§10.4: spec-minimal pages (absent dimension keys, no next_page) decode with nulls and the same numbers",
    () =>
      Effect.gen(function* () {
        const params = { startingAt: new Date(START), endingAt: new Date(START + 20 * DAY) }
        const usage = (layer: Layer.Layer<AdminApiClient.AdminApiClient>) =>
          Stream.runCollect(UsageReport.rows({ ...params, groupBy: ["model", "workspace_id"] })).pipe(
            Effect.provide(layer)
          )
        const cost = (layer: Layer.Layer<AdminApiClient.AdminApiClient>) =>
          Stream.runCollect(CostReport.rows({ ...params, groupBy: ["workspace_id", "description"] })).pipe(
            Effect.provide(layer)
          )
        const minimal = strict()
        const full = strict({ specMinimal: false })
        const minimalUsage = yield* usage(minimal.layer)
        expect([...minimalUsage]).toEqual([...(yield* usage(full.layer))])
        expect([...minimalUsage].every((r) => r.api_key_id === null && r.context_window === null)).toBe(true)
        const minimalCost = yield* cost(minimal.layer)
        expect(
          [...minimalCost].map((r) => [r.description, BigDecimal.format(r.amount), r.service_tier])
        ).toEqual(
          [...(yield* cost(full.layer))].map((r) => [
            r.description,
            BigDecimal.format(r.amount),
            r.service_tier
          ])
        )
        const codeExecution = [...minimalCost].filter((r) => r.description === "Code Execution Usage")
        expect(codeExecution.length).toBeGreaterThan(0)
        expect(codeExecution.every((r) => r.service_tier === null && r.context_window === null)).toBe(true)
        // the wire really omitted keys: some response bodies lack them
        expect(minimal.api.log.every((entry) => entry.status === 200)).toBe(true)
      })
  )

  it.effect("§10.3: a per-minute limit (429 without Retry-After) is waited out by the default policy", () =>
    Effect.gen(function* () {
      const { api, layer } = strict({ rateLimit: { requestsPerMinute: 3 } })
      const records = yield* runClocked(
        Stream.runCollect(
          ClaudeCodeReport.records({ from: new Date(END - 8 * DAY), to: new Date(END - DAY), concurrency: 1 })
        ).pipe(Effect.provide(layer))
      )
      expect(api.log.filter((entry) => entry.status === 429).length).toBeGreaterThan(0)
      expect(api.log.filter((entry) => entry.status === 200)).toHaveLength(7)
      expect(records.length).toBeGreaterThan(0)
    })
  )

  it.effect("§10.5: Claude Code records of one actor and day, remote and local, stay distinguishable", () =>
    Effect.gen(function* () {
      const { layer } = strict()
      const records = yield* Stream.runCollect(
        ClaudeCodeReport.records({ from: new Date(START), to: new Date(END - DAY) })
      ).pipe(Effect.provide(layer))
      const keys = [...records].map((r) =>
        JSON.stringify([r.date.epochMillis, ClaudeCodeReport.actorLabel(r.actor), r.is_remote])
      )
      expect(new Set(keys).size).toBe(keys.length)
      const pairs = new Set(
        [...records].map((r) => `${r.date.epochMillis}|${ClaudeCodeReport.actorLabel(r.actor)}`)
      )
      expect(pairs.size).toBeLessThan(keys.length)
      expect([...records].every((r) => typeof r.is_remote === "boolean")).toBe(true)
    })
  )
})
