/**
 * The analytics usage endpoint against the testing kit's fake: every
 * parameter on the wire, the beta header merged with the caller's, paging
 * with `data_refreshed_at`, the span rules (named before sending, split by
 * the streams), a 410 restarting its window, and grouping beyond five
 * dimensions joined exactly.
 */
import { describe, expect, it } from "@effect/vitest"
import { type FakeFault } from "@rawdash/anthropic-admin-api-testing"
import { Chunk, DateTime, Effect, Either, Stream, TestClock } from "effect"
import { AdminApiClient, Analytics, AnalyticsUsage, GroupByPlan } from "../src/index.js"
import { fake, HOUR, NOW, org, requests, withFake } from "./support/fake.js"

const PATH = AnalyticsUsage.PATH
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

describe("AnalyticsUsage on the wire", () => {
  it.effect("every parameter reaches the fake as documented, with the beta header merged", () => {
    const { api, layer } = fake({}, { betas: ["client-beta-2026-01-01"] })
    const key = org.apiKeys[0]!.id
    return withFake(
      layer,
      Effect.gen(function* () {
        const page = yield* AnalyticsUsage.page({
          startingAt: "2026-03-10T05:30:00Z",
          endingAt: "2026-03-11T07:15:00Z",
          timeBucketWidth: "1h",
          limit: 5,
          orderBy: "time",
          order: "asc",
          excludeDeletedUsers: true,
          groupBy: ["actor", "model", "workspace_id", "api_key_id", "speed"],
          actorIds: ["user_01fake"],
          actorTypes: ["user_actor", "api_actor"],
          apiKeyIds: [null, key],
          workspaceIds: ["wrkspc_00defaultfake"],
          models: ["claude-opus-4-6"],
          serviceTiers: ["standard", "batch"],
          contextWindows: ["0-200k"],
          inferenceGeos: ["global", "not_available"],
          speeds: ["fast"],
          products: ["messages_api"],
          rbacGroupIds: ["rbac_group_01"],
          agentIds: ["agent_01"],
          sessionIds: ["sesn_01"],
          environmentIds: ["env_01"],
          deploymentIds: ["dep_01"],
          slackChannelIds: ["C01"],
          claudeTagCategories: ["dm"],
          userProfileIds: ["uprof_01"]
        }).pipe(
          Effect.provideService(AdminApiClient.CurrentRequestOptions, {
            headers: { "anthropic-beta": "call-beta-2026-02-02" }
          })
        )
        expect(page.data_refreshed_at).not.toBeUndefined()
        const [entry] = requests(api, PATH)
        expect(entry?.status).toBe(200)
        expect(entry?.query).toEqual({
          starting_at: "2026-03-10T05:00:00Z",
          ending_at: "2026-03-11T08:00:00Z",
          time_bucket_width: "1h",
          limit: "5",
          order_by: "time",
          order: "asc",
          exclude_deleted_users: "true",
          "group_by[]": ["actor", "model", "workspace_id", "api_key_id", "speed"],
          "actor_ids[]": ["user_01fake"],
          "actor_types[]": ["user_actor", "api_actor"],
          "api_key_ids[]": ["", key],
          "workspace_ids[]": ["wrkspc_00defaultfake"],
          "models[]": ["claude-opus-4-6"],
          "service_tiers[]": ["standard", "batch"],
          "context_windows[]": ["0-200k"],
          "inference_geos[]": ["global", "not_available"],
          "speeds[]": ["fast"],
          "products[]": ["messages_api"],
          "rbac_group_ids[]": ["rbac_group_01"],
          "agent_ids[]": ["agent_01"],
          "session_ids[]": ["sesn_01"],
          "environment_ids[]": ["env_01"],
          "deployment_ids[]": ["dep_01"],
          "slack_channel_ids[]": ["C01"],
          "claude_tag_categories[]": ["dm"],
          "user_profile_ids[]": ["uprof_01"]
        })
        // the analytics beta is merged with the client's and the call's betas (option or header), and
        // the speed grouping adds fast mode
        // (whether speed still needs it on the analytics API is unconfirmed: sent defensively)
        expect(entry?.headers["anthropic-beta"]?.split(",")).toEqual([
          "client-beta-2026-01-01",
          "call-beta-2026-02-02",
          Analytics.BETA,
          "fast-mode-2026-02-01"
        ])
      })
    )
  })

  it("encode: wire order, the empty api_key_ids[] entry, organization_ids and tag users", () => {
    const wire = Either.getOrThrow(
      AnalyticsUsage.encode({
        startingAt: "2026-03-01",
        endingAt: "2026-03-08",
        timeBucketWidth: "1d",
        groupBy: ["claude_tag_user_id", "organization_id"],
        apiKeyIds: [""],
        organizationIds: ["org_child"],
        claudeTagUserIds: ["U01"]
      })
    )
    expect(wire.path).toBe(PATH)
    expect(wire.betas).toEqual([Analytics.BETA])
    expect(wire.query).toEqual([
      ["starting_at", "2026-03-01T00:00:00Z"],
      ["ending_at", "2026-03-08T00:00:00Z"],
      ["time_bucket_width", "1d"],
      ["group_by[]", "claude_tag_user_id"],
      ["group_by[]", "organization_id"],
      ["api_key_ids[]", ""],
      ["organization_ids[]", "org_child"],
      ["claude_tag_user_ids[]", "U01"]
    ])
  })

  it.effect("pages follow next_page with the same query; every page carries data_refreshed_at", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const pages = Chunk.toReadonlyArray(
          yield* Stream.runCollect(
            AnalyticsUsage.pages({
              startingAt: "2026-03-01",
              endingAt: "2026-03-04",
              timeBucketWidth: "1d",
              groupBy: ["model"],
              limit: 4
            })
          )
        )
        expect(pages.length).toBeGreaterThan(2)
        const watermark = DateTime.unsafeMake(Math.floor(NOW / HOUR) * HOUR)
        for (const page of pages) expect(page.dataRefreshedAt).toEqual(watermark)
        const log = requests(api, PATH)
        expect(log).toHaveLength(pages.length)
        expect(log[0]?.query["page"]).toBeUndefined()
        log.slice(1).forEach((entry, i) => {
          expect(entry.query["page"]).toBe(pages[i]!.nextPage)
          expect(entry.query["group_by[]"]).toEqual(["model"])
          expect(entry.query["limit"]).toBe("4")
        })
        expect(pages.at(-1)?.nextPage).toBeUndefined()
        const rows = pages.flatMap((p) => p.data)
        expect(rows.every((r) => r.group.model !== undefined && r.usage.total_tokens >= 0)).toBe(true)
      })
    )
  })

  it.effect("data_refreshed_at is null (and data empty) when no export covers the range", () => {
    const { layer } = fake({ dataRefreshedAt: Date.UTC(2026, 2, 10) })
    return withFake(
      layer,
      Effect.gen(function* () {
        const page = yield* AnalyticsUsage.page({ startingAt: "2026-03-12", endingAt: "2026-03-13" })
        expect(page.data_refreshed_at).toBeNull()
        expect(page.data).toEqual([])
      })
    )
  })

  it.effect("speeds[] alone adds the fast-mode beta too", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        yield* AnalyticsUsage.page({ startingAt: "2026-03-01", endingAt: "2026-03-02", speeds: ["fast"] })
        yield* AnalyticsUsage.page({ startingAt: "2026-03-01", endingAt: "2026-03-02" })
        expect(api.log.map((e) => e.headers["anthropic-beta"])).toEqual([
          `${Analytics.BETA},fast-mode-2026-02-01`,
          Analytics.BETA
        ])
      })
    )
  })
})

describe("AnalyticsUsage validation names the field before sending", () => {
  const cases: ReadonlyArray<readonly [string, AnalyticsUsage.Params, string]> = [
    ["before 2026", { startingAt: "2025-12-31T00:00:00Z", endingAt: "2026-01-02" }, "startingAt"],
    ["32 days in one request", { startingAt: "2026-02-01", endingAt: "2026-03-05" }, "endingAt"],
    [
      "1m over 24 hours",
      { startingAt: "2026-03-10T00:00:00Z", endingAt: "2026-03-11T01:00:00Z", timeBucketWidth: "1m" },
      "endingAt"
    ],
    [
      "six dimensions in one request",
      {
        startingAt: "2026-03-01",
        endingAt: "2026-03-02",
        groupBy: ["model", "workspace_id", "api_key_id", "service_tier", "context_window", "inference_geo"]
      },
      "groupBy"
    ],
    [
      "exclude_deleted_users without actor",
      { startingAt: "2026-03-01", endingAt: "2026-03-02", excludeDeletedUsers: true, groupBy: ["model"] },
      "excludeDeletedUsers"
    ],
    [
      "claude_tag_user_id with rbac_group_id",
      {
        startingAt: "2026-03-01",
        endingAt: "2026-03-02",
        claudeTagUserIds: ["U1"],
        groupBy: ["rbac_group_id"]
      },
      "claudeTagUserIds"
    ],
    [
      "101 filter values",
      {
        startingAt: "2026-03-01",
        endingAt: "2026-03-02",
        workspaceIds: Array.from({ length: 101 }, (_, i) => `wrkspc_${i}`)
      },
      "workspaceIds"
    ],
    ["a legacy-only width", { startingAt: "2026-03-01", timeBucketWidth: "1w" as "1d" }, "timeBucketWidth"],
    ["a cost order", { startingAt: "2026-03-01", orderBy: "amount" as "time" }, "orderBy"],
    ["1001 rows per page", { startingAt: "2026-03-01", limit: 1001 }, "limit"],
    ["an empty model", { startingAt: "2026-03-01", models: [""] }, "models"]
  ]
  for (const [name, params, field] of cases) {
    it.effect(`${name}: ${field}`, () => {
      const { api, layer } = fake()
      return withFake(
        layer,
        Effect.gen(function* () {
          const error = yield* Effect.flip(AnalyticsUsage.page(params))
          expect(error._tag).toBe("InvalidParameterError")
          expect(error._tag === "InvalidParameterError" && error.field).toBe(field)
          expect(api.log).toHaveLength(0)
        })
      )
    })
  }

  it.effect("a start more than 365 days before now (Clock) is refused, naming startingAt", () => {
    const { api, layer } = fake()
    return Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2027, 1, 1))
      const error = yield* Effect.flip(
        Stream.runDrain(AnalyticsUsage.rows({ startingAt: "2026-01-15", endingAt: "2026-02-01" }))
      ).pipe(Effect.provide(layer))
      expect(error._tag === "InvalidParameterError" && error.field).toBe("startingAt")
      expect(error.message).toContain("365 days")
      expect(error.message).toContain("2026-02-01T00:00:00Z")
      expect(api.log).toHaveLength(0)
    })
  })

  it.effect("more than five dimensions with actor is refused: its rows can repeat", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          Stream.runDrain(
            AnalyticsUsage.rows({
              startingAt: "2026-03-01",
              endingAt: "2026-03-02",
              groupBy: ["actor", "model", "workspace_id", "api_key_id", "service_tier", "context_window"]
            })
          )
        )
        expect(error._tag === "InvalidParameterError" && error.field).toBe("groupBy")
        expect(error.message).toContain("actor")
        expect(api.log).toHaveLength(0)
      })
    )
  })
})

describe("AnalyticsUsage streams split long ranges", () => {
  it.effect("daily over 54 days: windows of at most 31 days, contiguous, each bucket once, in order", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const buckets = Chunk.toReadonlyArray(
          yield* Stream.runCollect(
            AnalyticsUsage.buckets(
              { startingAt: "2026-01-20", endingAt: "2026-03-15", timeBucketWidth: "1d", groupBy: ["model"] },
              { concurrency: 2 }
            )
          )
        )
        const spans = requests(api, PATH).map((e) => [e.query["starting_at"], e.query["ending_at"]])
        expect(spans).toEqual([
          ["2026-01-20T00:00:00Z", "2026-02-20T00:00:00Z"],
          ["2026-02-20T00:00:00Z", "2026-03-15T00:00:00Z"]
        ])
        const starts = buckets.map((b) => b.starting_at.epochMillis)
        expect(starts).toEqual([...starts].sort((a, b) => a - b))
        expect(new Set(starts).size).toBe(starts.length)
        expect(starts[0]).toBe(Date.UTC(2026, 0, 20))
        expect(
          buckets.every((b) => b.rows.every((r) => r.starting_at.epochMillis === b.starting_at.epochMillis))
        ).toBe(true)
        expect(buckets.every((b) => b.data_refreshed_at !== null)).toBe(true)
      })
    )
  })

  it.effect("1m over two days: two windows of 24 hours", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        yield* Stream.runDrain(
          AnalyticsUsage.rows({ startingAt: "2026-03-12", endingAt: "2026-03-14", timeBucketWidth: "1m" })
        )
        const spans = [
          ...new Set(requests(api, PATH).map((e) => `${e.query["starting_at"]} ${e.query["ending_at"]}`))
        ]
        expect(spans).toEqual([
          "2026-03-12T00:00:00Z 2026-03-13T00:00:00Z",
          "2026-03-13T00:00:00Z 2026-03-14T00:00:00Z"
        ])
      })
    )
  })

  it.effect("without a bucket width: one bucket per window of at most 31 days, ends on the hour", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const buckets = Chunk.toReadonlyArray(
          yield* Stream.runCollect(
            AnalyticsUsage.buckets({ startingAt: "2026-01-20T10:30:00Z", endingAt: "2026-03-01T00:10:00Z" })
          )
        )
        expect(requests(api, PATH).map((e) => [e.query["starting_at"], e.query["ending_at"]])).toEqual([
          ["2026-01-20T10:00:00Z", "2026-02-20T10:00:00Z"],
          ["2026-02-20T10:00:00Z", "2026-03-01T01:00:00Z"]
        ])
        expect(buckets).toHaveLength(2)
      })
    )
  })

  it.effect("without endingAt the streams end now (Clock)", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        yield* Stream.runDrain(AnalyticsUsage.rows({ startingAt: "2026-03-14", timeBucketWidth: "1d" }))
        expect(requests(api, PATH)[0]?.query["ending_at"]).toBe(iso(Date.UTC(2026, 2, 16)))
      })
    )
  })

  it.effect(
    "a 410 (expired cursor) restarts that window from its first page; nothing is emitted twice",
    () => {
      const params: AnalyticsUsage.Params = {
        startingAt: "2026-03-01",
        endingAt: "2026-03-05",
        timeBucketWidth: "1d",
        groupBy: ["model"],
        limit: 3
      }
      const clean = fake()
      const faulty = fake({
        faults: { script: [{ fault: { kind: "expired-cursor" } as FakeFault.Fault, path: PATH, request: 2 }] }
      })
      return Effect.gen(function* () {
        const expected = yield* withFake(clean.layer, Stream.runCollect(AnalyticsUsage.rows(params)))
        const got = yield* withFake(faulty.layer, Stream.runCollect(AnalyticsUsage.rows(params)))
        expect(Chunk.toReadonlyArray(got)).toEqual(Chunk.toReadonlyArray(expected))
        const log = requests(faulty.api, PATH)
        expect(log.map((e) => e.status).slice(0, 3)).toEqual([200, 410, 200])
        expect(log[1]?.query["page"]).toBeDefined()
        expect(log[2]?.query["page"]).toBeUndefined()
        expect(log).toHaveLength(requests(clean.api, PATH).length + 2)
      })
    }
  )
})

describe("AnalyticsUsage beyond five dimensions", () => {
  const SIX = [
    "model",
    "workspace_id",
    "api_key_id",
    "service_tier",
    "inference_geo",
    "context_window"
  ] as const

  it("plans 3 requests per window: two context windows and a remainder", () => {
    const plan = Either.getOrThrow(AnalyticsUsage.plan({ startingAt: "2026-03-01", groupBy: [...SIX] }))
    expect(GroupByPlan.requests(plan)).toBe(3)
    expect(plan._tag === "FanOut" && plan.dimension).toBe("context_window")
  })

  it.effect("the joined rows equal a five-dimension query summed over the sixth, exactly", () => {
    const { api, layer } = fake()
    const range = { startingAt: "2026-03-02", endingAt: "2026-03-06", timeBucketWidth: "1d" } as const
    const key = (r: AnalyticsUsage.UsageRow, dims: ReadonlyArray<string>) =>
      JSON.stringify([r.starting_at.epochMillis, ...dims.map((d) => (r.group as Record<string, unknown>)[d])])
    const sum = (rows: ReadonlyArray<AnalyticsUsage.UsageRow>, dims: ReadonlyArray<string>) => {
      const out = new Map<string, Array<number>>()
      for (const r of rows) {
        const k = key(r, dims)
        const u = r.usage
        const v = [
          u.uncached_input_tokens,
          u.output_tokens,
          u.cache_read_input_tokens,
          u.cache_creation.ephemeral_5m_input_tokens,
          u.cache_creation.ephemeral_1h_input_tokens,
          u.server_tool_use.web_search_requests,
          u.total_tokens,
          u.requests ?? 0
        ]
        const s = out.get(k)
        out.set(k, s === undefined ? v : s.map((x, i) => x + v[i]!))
      }
      return out
    }
    return withFake(
      layer,
      Effect.gen(function* () {
        const six = Chunk.toReadonlyArray(
          yield* Stream.runCollect(AnalyticsUsage.rows({ ...range, groupBy: [...SIX] }))
        )
        const planned = requests(api, PATH)
        expect(planned).toHaveLength(3)
        expect(planned.map((e) => e.query["context_windows[]"])).toEqual([["0-200k"], ["200k-1M"], undefined])
        expect(planned.every((e) => (e.query["group_by[]"] as ReadonlyArray<string>).length === 5)).toBe(true)
        // every combination once
        expect(new Set(six.map((r) => key(r, SIX))).size).toBe(six.length)
        expect(six.some((r) => r.group.context_window === "200k-1M")).toBe(true)
        const FIVE = SIX.filter((d) => d !== "context_window")
        const five = Chunk.toReadonlyArray(
          yield* Stream.runCollect(AnalyticsUsage.rows({ ...range, groupBy: FIVE }))
        )
        expect(sum(six, FIVE)).toEqual(sum(five, FIVE))
        const alone = Chunk.toReadonlyArray(
          yield* Stream.runCollect(AnalyticsUsage.rows({ ...range, groupBy: ["context_window", "model"] }))
        )
        expect(sum(six, ["context_window", "model"])).toEqual(sum(alone, ["context_window", "model"]))
      })
    )
  })
})
