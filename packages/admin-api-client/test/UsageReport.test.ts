import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Either, Stream } from "effect"
import { UsageReport } from "../src/index.js"
import { layerFor, stub, usageBucket, usageResult } from "./support/stub.js"

const MAR1 = Date.UTC(2026, 2, 1)

describe("UsageReport: parameters on the wire", () => {
  it.effect("every parameter reaches the wire as documented, arrays in bracket form once per value", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ({
        status: 200,
        body: { data: [], has_more: false, next_page: null }
      }))
      yield* UsageReport.page({
        startingAt: new Date(MAR1),
        endingAt: DateTime.unsafeMake("2026-03-02T00:00:00Z"),
        bucketWidth: "1h",
        limit: 168,
        page: "page_abc",
        groupBy: ["model", "workspace_id", "model", "speed"],
        apiKeyIds: ["apikey_1", "apikey_2"],
        workspaceIds: ["wrkspc_1"],
        models: ["claude-sonnet-4-5"],
        serviceTiers: ["batch", "priority"],
        contextWindows: ["0-200k"],
        inferenceGeos: ["us"],
        speeds: ["fast"],
        accountIds: ["acct_1"],
        serviceAccountIds: ["svac_1"]
      }).pipe(Effect.provide(layerFor(client)))
      expect(seen).toHaveLength(1)
      const request = seen[0]!
      expect(request.url.pathname).toBe("/v1/organizations/usage_report/messages")
      expect(request.query).toEqual([
        ["starting_at", "2026-03-01T00:00:00Z"],
        ["ending_at", "2026-03-02T00:00:00Z"],
        ["bucket_width", "1h"],
        ["limit", "168"],
        ["page", "page_abc"],
        ["group_by[]", "model"],
        ["group_by[]", "workspace_id"],
        ["group_by[]", "speed"],
        ["api_key_ids[]", "apikey_1"],
        ["api_key_ids[]", "apikey_2"],
        ["workspace_ids[]", "wrkspc_1"],
        ["models[]", "claude-sonnet-4-5"],
        ["service_tiers[]", "batch"],
        ["service_tiers[]", "priority"],
        ["context_window[]", "0-200k"],
        ["inference_geos[]", "us"],
        ["speeds[]", "fast"],
        ["account_ids[]", "acct_1"],
        ["service_account_ids[]", "svac_1"]
      ])
      expect(request.url.search).toContain("group_by%5B%5D=model&group_by%5B%5D=workspace_id")
      expect(request.headers["anthropic-beta"]).toBe("fast-mode-2026-02-01")
    })
  )

  it.effect(
    "the fast-mode beta is sent only when speed is grouped or filtered, merged with configured betas",
    () =>
      Effect.gen(function* () {
        const { client, seen } = stub(() => ({
          status: 200,
          body: { data: [], has_more: false, next_page: null }
        }))
        const base = { startingAt: "2026-03-01T00:00:00Z" }
        yield* UsageReport.page({ ...base, groupBy: ["model"] }).pipe(Effect.provide(layerFor(client)))
        yield* UsageReport.page({ ...base, speeds: ["standard"] }).pipe(Effect.provide(layerFor(client)))
        yield* UsageReport.page({ ...base, groupBy: ["speed"] }).pipe(
          Effect.provide(layerFor(client, { betas: ["other-beta-2026-01-01"] }))
        )
        expect(seen.map((r) => r.headers["anthropic-beta"])).toEqual([
          undefined,
          "fast-mode-2026-02-01",
          "other-beta-2026-01-01,fast-mode-2026-02-01"
        ])
      })
  )

  it("accepts dates as Date, DateTime, RFC 3339 with offset or fraction, and YYYY-MM-DD", () => {
    const encoded = [
      new Date(MAR1),
      DateTime.unsafeMakeZoned(MAR1, { timeZone: "Europe/Paris" }),
      "2026-03-01T01:00:00+01:00",
      "2026-03-01T00:00:00.000Z",
      "2026-03-01"
    ].map((startingAt) => Either.getOrThrow(UsageReport.encode({ startingAt })).query[0])
    expect(new Set(encoded.map((pair) => pair![1]))).toEqual(new Set(["2026-03-01T00:00:00Z"]))
  })
})

describe("UsageReport: validation before any request", () => {
  const cases: ReadonlyArray<[string, UsageReport.Params, string, string]> = [
    [
      "limit over the 1d maximum",
      { startingAt: "2026-03-01", limit: 32 },
      "limit",
      "1 to 31 for bucketWidth 1d"
    ],
    [
      "limit over the 1h maximum",
      { startingAt: "2026-03-01", bucketWidth: "1h", limit: 169 },
      "limit",
      "1 to 168"
    ],
    [
      "limit over the 1m maximum",
      { startingAt: "2026-03-01", bucketWidth: "1m", limit: 1441 },
      "limit",
      "1 to 1440"
    ],
    ["limit 0", { startingAt: "2026-03-01", limit: 0 }, "limit", "an integer from 1"],
    ["fractional limit", { startingAt: "2026-03-01", limit: 2.5 }, "limit", "an integer"],
    [
      "unknown group_by",
      { startingAt: "2026-03-01", groupBy: ["region" as "model"] },
      "groupBy",
      "api_key_id, workspace_id"
    ],
    [
      "unknown bucket width",
      { startingAt: "2026-03-01", bucketWidth: "2h" as "1h" },
      "bucketWidth",
      "1m, 1h or 1d"
    ],
    [
      "ending_at before starting_at",
      { startingAt: "2026-03-02", endingAt: "2026-03-01" },
      "endingAt",
      "after startingAt"
    ],
    [
      "ending_at equal to starting_at",
      { startingAt: "2026-03-02", endingAt: "2026-03-02" },
      "endingAt",
      "after startingAt"
    ],
    ["a date that is not RFC 3339", { startingAt: "March 1st" }, "startingAt", "RFC 3339"],
    ["an invalid Date", { startingAt: new Date("nope") }, "startingAt", "RFC 3339"],
    ["an empty cursor", { startingAt: "2026-03-01", page: "" }, "page", "non-empty cursor"],
    ["an empty filter value", { startingAt: "2026-03-01", models: [""] }, "models", "non-empty strings"]
  ]
  for (const [name, params, field, allowed] of cases) {
    it.effect(`${name}: InvalidParameterError on ${field}, nothing sent`, () =>
      Effect.gen(function* () {
        const { client, seen } = stub(() => ({ status: 500 }))
        const layer = layerFor(client)
        const fromPage = yield* Effect.flip(UsageReport.page(params)).pipe(Effect.provide(layer))
        const fromStream = yield* Effect.flip(Stream.runDrain(UsageReport.rows(params))).pipe(
          Effect.provide(layer)
        )
        for (const error of [fromPage, fromStream]) {
          expect(error._tag).toBe("InvalidParameterError")
          expect(error).toMatchObject({ field })
          expect(error.message).toContain(allowed)
          expect(error.message).toContain(field)
        }
        expect(seen).toHaveLength(0)
      })
    )
  }

  it.effect("buckets refuses a page cursor and a non-positive concurrency, sending nothing", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ({ status: 500 }))
      const withPage = yield* Effect.flip(
        Stream.runDrain(UsageReport.buckets({ startingAt: "2026-03-01", page: "page_x" }))
      ).pipe(Effect.provide(layerFor(client)))
      const zero = yield* Effect.flip(
        Stream.runDrain(UsageReport.buckets({ startingAt: "2026-03-01" }, { concurrency: 0 }))
      ).pipe(Effect.provide(layerFor(client)))
      expect([withPage, zero].map((e) => e._tag === "InvalidParameterError" && e.field)).toEqual([
        "page",
        "concurrency"
      ])
      expect(seen).toHaveLength(0)
    })
  )
})

describe("UsageReport: decoding", () => {
  const page = (data: unknown) => ({ status: 200, body: { data, has_more: false, next_page: null } })

  it.effect("extra fields, unknown enum values and missing post-2025 fields decode", () =>
    Effect.gen(function* () {
      const bucket = {
        ...usageBucket(MAR1),
        surprise: { nested: true },
        results: [
          {
            ...usageResult(5),
            service_tier: "hyperspeed",
            context_window: "1M-2M",
            inference_geo: "eu",
            speed: "ludicrous",
            new_metric: 9
          },
          (() => {
            const row: Record<string, unknown> = { ...usageResult(6) }
            delete row.inference_geo
            return row
          })(),
          { ...usageResult(7), account_id: "acct_1", service_account_id: null }
        ]
      }
      const { client } = stub(() => ({
        ...page([bucket]),
        body: { data: [bucket], has_more: false, next_page: null, data_refreshed_at: null }
      }))
      const result = yield* UsageReport.page({ startingAt: "2026-03-01" }).pipe(
        Effect.provide(layerFor(client))
      )
      const [a, b, c] = result.data[0]!.results
      expect(a).toMatchObject({
        service_tier: "hyperspeed",
        context_window: "1M-2M",
        inference_geo: "eu",
        speed: "ludicrous"
      })
      expect(a).not.toHaveProperty("new_metric")
      expect(result.data[0]).not.toHaveProperty("surprise")
      expect(b!.inference_geo).toBeNull()
      expect(b!.output_tokens).toBe(6)
      expect(c).toMatchObject({ account_id: "acct_1", service_account_id: null })
      expect(result.data[0]!.starting_at.epochMillis).toBe(MAR1)
    })
  )

  it.effect("a structurally broken page fails with DecodeError naming the path", () =>
    Effect.gen(function* () {
      const broken = {
        ...usageBucket(MAR1),
        results: [usageResult(1), { ...usageResult(2), output_tokens: "12" }]
      }
      const { client } = stub(() => page([usageBucket(MAR1 - 86_400_000), broken]))
      const error = yield* Effect.flip(UsageReport.page({ startingAt: "2026-02-28" })).pipe(
        Effect.provide(layerFor(client))
      )
      expect(error).toMatchObject({
        _tag: "DecodeError",
        endpoint: "usage_report/messages",
        path: "data[1].results[1].output_tokens",
        requestId: "req_stub1"
      })
      expect(error.message).toContain("data[1].results[1].output_tokens")
    })
  )

  it.effect("a missing envelope field and an unparsable bucket edge name their paths", () =>
    Effect.gen(function* () {
      const { client } = stub((_, i) =>
        i === 0
          ? { status: 200, body: { data: [], next_page: null } }
          : page([{ ...usageBucket(MAR1), ending_at: "tomorrow" }])
      )
      const layer = layerFor(client)
      const missing = yield* Effect.flip(UsageReport.page({ startingAt: "2026-03-01" })).pipe(
        Effect.provide(layer)
      )
      const edge = yield* Effect.flip(UsageReport.page({ startingAt: "2026-03-01" })).pipe(
        Effect.provide(layer)
      )
      expect(missing).toMatchObject({ _tag: "DecodeError", path: "has_more" })
      expect(edge).toMatchObject({ _tag: "DecodeError", path: "data[0].ending_at" })
    })
  )

  it.effect(
    "a 200 body that is not JSON is a transport fault (retried; here without retries: TransportError)",
    () =>
      Effect.gen(function* () {
        const { client } = stub(() => ({ status: 200, raw: '{"data": [' }))
        const error = yield* Effect.flip(UsageReport.page({ startingAt: "2026-03-01" })).pipe(
          Effect.provide(layerFor(client, { retry: false }))
        )
        expect(error).toMatchObject({ _tag: "TransportError", path: UsageReport.PATH })
        expect(error.message).toContain("not JSON")
      })
  )
})
