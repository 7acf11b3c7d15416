/**
 * The connector against exact, scripted API bodies: every assertion of
 * rawdash's own Anthropic connector that still applies (contract §2.4,
 * numbered as there), our documented differences, request shape, gating,
 * errors and logs.
 */
import { describe, expect, it } from "@effect/vitest"
import { AdminApiError } from "@rawdash/anthropic-admin-api"
import { HttpClient } from "@effect/platform"
import { Deferred, Effect, Fiber, TestClock } from "effect"
import AnthropicConnector, { type AnthropicContext } from "../src/index.js"
import type { ConnectorLogger, SyncOptions } from "../src/Rawdash.js"
import { violations } from "./support/invariants.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import {
  apiError,
  bucket,
  COST_PATH,
  costRow,
  emptyPage,
  page,
  type ScriptedResponse,
  scriptedApi,
  USAGE_PATH,
  usageRow
} from "./support/ScriptedApi.js"

const DAY = 86_400_000
/**
 * Usage requests per window: six dimensions are more than the five one request
 * may carry (reference §10.1), so the client fans out over context_window
 * (0-200k, 200k-1M) plus one unfiltered remainder.
 */
const USAGE_REQUESTS = 3
const NOW = Date.UTC(2026, 1, 10, 12, 0, 0)
const TODAY = Date.UTC(2026, 1, 10)
const END = TODAY + DAY
const KEY = "sk-ant-admin-test"

const capturingLogger = () => {
  const events: Array<{ level: "info" | "warn"; event: string; fields: Record<string, unknown> }> = []
  const logger: ConnectorLogger = {
    info: (event, fields = {}) => events.push({ level: "info", event, fields }),
    warn: (event, fields = {}) => events.push({ level: "warn", event, fields })
  }
  return { logger, events }
}

const setup = (
  routes: Readonly<Record<string, ReadonlyArray<ScriptedResponse>>>,
  settings: Record<string, unknown> = {},
  ctx: AnthropicContext = {}
) => {
  const api = scriptedApi(routes)
  const { logger, events } = capturingLogger()
  const connector = new AnthropicConnector(
    { lookbackDays: 7, ...settings },
    { adminApiKey: KEY },
    { httpClient: api.client, client: { retry: false }, logger, ...ctx }
  )
  const storage = new MemoryStorage()
  const sync = (options: SyncOptions = { mode: "full" }) =>
    Effect.zipRight(TestClock.setTime(NOW), connector.syncEffect(options, storage))
  return { api, connector, storage, sync, events }
}

const fullUsageRow = usageRow({
  uncached_input_tokens: 1500,
  output_tokens: 800,
  cache_read_input_tokens: 4000,
  cache_creation: { ephemeral_1h_input_tokens: 100, ephemeral_5m_input_tokens: 200 },
  server_tool_use: { web_search_requests: 3 },
  model: "claude-opus-4-6",
  workspace_id: "wrkspc_A"
})

describe("rawdash parity (contract §2.4)", () => {
  it.effect("1. full sync of both endpoints writes one sample per metric with exact values", () =>
    Effect.gen(function* () {
      const { api, storage, sync } = setup({
        [USAGE_PATH]: [{ body: page([bucket(TODAY - DAY, [fullUsageRow])]) }],
        [COST_PATH]: [
          {
            body: page([
              bucket(TODAY - DAY, [
                costRow({ amount: "123.45", token_type: "uncached_input_tokens", workspace_id: "wrkspc_A" })
              ])
            ])
          }
        ]
      })
      const result = yield* sync()
      expect(result).toEqual({ done: true })
      for (const name of Object.keys(AnthropicConnector.resources)) {
        expect(storage.byName(name)).toHaveLength(1)
      }
      const [input] = storage.byName("anthropic_input_tokens")
      expect(input?.value).toBe(1500)
      expect(input?.attributes).toMatchObject({ model: "claude-opus-4-6", workspace_id: "wrkspc_A" })
      expect(input?.ts).toBe(TODAY - DAY)
      expect(storage.byName("anthropic_output_tokens")[0]?.value).toBe(800)
      expect(storage.byName("anthropic_cache_read_tokens")[0]?.value).toBe(4000)
      const [creation] = storage.byName("anthropic_cache_creation_tokens")
      expect(creation?.value).toBe(300)
      expect(creation?.attributes).toMatchObject({
        ephemeral_1h_input_tokens: 100,
        ephemeral_5m_input_tokens: 200
      })
      expect(storage.byName("anthropic_web_search_requests")[0]?.value).toBe(3)
      const [cost] = storage.byName("anthropic_cost_usd")
      expect(cost?.value).toBe(1.2345)
      expect(cost?.attributes).toMatchObject({ currency: "USD", token_type: "uncached_input_tokens" })
      expect(api.requests.some((r) => r.url.searchParams.has("starting_at"))).toBe(true)
      expect(api.requests.some((r) => r.url.searchParams.get("bucket_width") === "1d")).toBe(true)
      expect(api.calls(USAGE_PATH)).toHaveLength(USAGE_REQUESTS)
      expect(api.calls(COST_PATH)).toHaveLength(1)
      expect(violations(storage.rows)).toEqual([])
    })
  )

  it.effect(
    "2, 9, 10. a partial cache_creation and an empty server_tool_use count as 0 (as rawdash 0.25.0)",
    () =>
      Effect.gen(function* () {
        const { storage, sync } = setup(
          {
            [USAGE_PATH]: [
              {
                body: page([
                  bucket(TODAY, [
                    usageRow({ cache_creation: { ephemeral_1h_input_tokens: 100 }, server_tool_use: {} })
                  ])
                ])
              }
            ]
          },
          { resources: ["anthropic_cache_creation_tokens", "anthropic_web_search_requests"] }
        )
        const result = yield* sync()
        expect(result.done).toBe(true)
        const [cacheCreation] = storage.byName("anthropic_cache_creation_tokens")
        expect(cacheCreation?.value).toBe(100)
        expect(cacheCreation?.attributes).toMatchObject({
          ephemeral_1h_input_tokens: 100,
          ephemeral_5m_input_tokens: 0
        })
        expect(storage.byName("anthropic_web_search_requests")[0]?.value).toBe(0)
        expect(violations(storage.rows)).toEqual([])
      })
  )

  it.effect("3. pagination follows next_page (in each query of the plan) and writes both pages", () =>
    Effect.gen(function* () {
      const { api, storage, sync } = setup(
        {
          [USAGE_PATH]: [
            {
              body: page([bucket(TODAY - DAY, [usageRow({ uncached_input_tokens: 100 })])], "cursor_page_2")
            },
            { body: page([bucket(TODAY, [usageRow({ uncached_input_tokens: 200 })])]) }
          ]
        },
        { resources: ["anthropic_input_tokens"] }
      )
      expect(yield* sync()).toEqual({ done: true })
      const calls = api.calls(USAGE_PATH)
      expect(calls).toHaveLength(2 * USAGE_REQUESTS)
      const first = calls.filter((c) => !c.url.searchParams.has("page"))
      const second = calls.filter((c) => c.url.searchParams.get("page") === "cursor_page_2")
      expect(first).toHaveLength(USAGE_REQUESTS)
      expect(second).toHaveLength(USAGE_REQUESTS)
      // each query is resent with the cursor, otherwise unchanged
      const withoutPage = (url: URL) => {
        const params = new URLSearchParams(url.searchParams)
        params.delete("page")
        return params.toString()
      }
      expect(second.map((c) => withoutPage(c.url)).sort()).toEqual(
        first.map((c) => withoutPage(c.url)).sort()
      )
      expect(storage.byName("anthropic_input_tokens").map((s) => s.value)).toEqual([100, 200])
    })
  )

  it.effect("4. headers: x-api-key and anthropic-version", () =>
    Effect.gen(function* () {
      const { api, sync } = setup(
        { [COST_PATH]: [{ body: emptyPage }] },
        { resources: ["anthropic_cost_usd"] }
      )
      yield* sync()
      const last = api.requests.at(-1)
      expect(last?.headers["x-api-key"]).toBe(KEY)
      expect(last?.headers["anthropic-version"]).toBe("2023-06-01")
      expect(last?.headers["user-agent"]).toMatch(/anthropic-admin-api/)
    })
  )

  it.effect("5. workspaceIds filter the usage report through the API", () =>
    Effect.gen(function* () {
      const { api, sync } = setup(
        { [USAGE_PATH]: [{ body: emptyPage }] },
        { resources: ["anthropic_input_tokens"], workspaceIds: ["wrkspc_A", "wrkspc_B"] }
      )
      yield* sync()
      expect(api.requests[0]?.url.searchParams.getAll("workspace_ids[]")).toEqual(["wrkspc_A", "wrkspc_B"])
    })
  )

  it.effect("5b (difference). workspaceIds also filter cost rows, on our side", () =>
    Effect.gen(function* () {
      const { api, storage, sync } = setup(
        {
          [COST_PATH]: [
            {
              body: page([
                bucket(TODAY, [
                  costRow({ amount: "100", workspace_id: "wrkspc_A", description: "a" }),
                  costRow({ amount: "200", workspace_id: "wrkspc_C", description: "c" }),
                  costRow({ amount: "300", workspace_id: null, description: "default" })
                ])
              ])
            }
          ]
        },
        { resources: ["anthropic_cost_usd"], workspaceIds: ["wrkspc_A", "wrkspc_B"] }
      )
      yield* sync()
      expect(api.requests[0]?.url.searchParams.has("workspace_ids[]")).toBe(false)
      expect(storage.byName("anthropic_cost_usd").map((s) => [s.attributes.workspace_id, s.value])).toEqual([
        ["wrkspc_A", 1]
      ])
    })
  )

  it.effect("6. resource gating: usage only, the cost report is never called", () =>
    Effect.gen(function* () {
      const { api, sync } = setup(
        { [USAGE_PATH]: [{ body: emptyPage }] },
        { resources: ["anthropic_input_tokens"] }
      )
      yield* sync()
      expect(api.calls(USAGE_PATH)).toHaveLength(USAGE_REQUESTS)
      expect(api.calls(COST_PATH)).toHaveLength(0)
    })
  )

  it.effect("7. history outside the window survives an incremental sync; stale rows inside are removed", () =>
    Effect.gen(function* () {
      const { storage, sync } = setup(
        { [COST_PATH]: [{ body: emptyPage }] },
        { resources: ["anthropic_cost_usd"] }
      )
      const old = { name: "anthropic_cost_usd", ts: NOW - 60 * DAY, value: 42, attributes: {} }
      const justBefore = { ...old, ts: END - 2 * DAY - 1, value: 1 }
      const atEnd = { ...old, ts: END, value: 2 }
      const stale = { ...old, ts: TODAY, value: 3 }
      yield* Effect.promise(() =>
        storage.metrics([old, justBefore, atEnd, stale], { names: ["anthropic_cost_usd"] })
      )
      expect(yield* sync({ mode: "latest" })).toEqual({ done: true })
      expect(storage.byName("anthropic_cost_usd")).toEqual([old, justBefore, atEnd])
      expect(storage.writes.at(-1)?.replaceWindow).toEqual({ start: END - 2 * DAY, end: END - 1 })
    })
  )
})

describe("requests", () => {
  it.effect(
    "§10.1: the six usage dimensions go out as three requests of at most five group_by[] (context_window fanned out); cost by workspace and description",
    () =>
      Effect.gen(function* () {
        const { api, sync } = setup({
          [USAGE_PATH]: [{ body: emptyPage }],
          [COST_PATH]: [{ body: emptyPage }]
        })
        yield* sync()
        const usage = api.calls(USAGE_PATH).map((c) => c.url.searchParams)
        expect(usage).toHaveLength(USAGE_REQUESTS)
        const five = ["model", "workspace_id", "api_key_id", "service_tier", "inference_geo"]
        expect(usage.map((q) => [q.getAll("group_by[]"), q.getAll("context_window[]")])).toEqual([
          [five, ["0-200k"]],
          [five, ["200k-1M"]],
          [five, []]
        ])
        for (const q of usage) {
          expect(q.getAll("group_by[]").length).toBeLessThanOrEqual(5)
          expect(q.get("limit")).toBe("31")
          expect(q.get("starting_at")).toBe("2026-02-04T00:00:00Z")
          expect(q.get("ending_at")).toBe("2026-02-11T00:00:00Z")
        }
        const cost = api.calls(COST_PATH)[0]?.url.searchParams
        expect(cost?.getAll("group_by[]")).toEqual(["workspace_id", "description"])
        expect(cost?.get("bucket_width")).toBe("1d")
        expect(cost?.get("starting_at")).toBe("2026-02-04T00:00:00Z")
      })
  )

  it.effect("the engine's options.resources gate phases too (rawdash's connector ignores them)", () =>
    Effect.gen(function* () {
      const { api, sync } = setup({ [USAGE_PATH]: [{ body: emptyPage }], [COST_PATH]: [{ body: emptyPage }] })
      yield* sync({ mode: "full", resources: new Set(["anthropic_cost_usd"]) })
      expect(api.calls(USAGE_PATH)).toHaveLength(0)
      expect(api.calls(COST_PATH)).toHaveLength(1)
      yield* sync({ mode: "full", resources: new Set(["anthropic_output_tokens"]) })
      expect(api.calls(USAGE_PATH)).toHaveLength(USAGE_REQUESTS)
      expect(api.calls(COST_PATH)).toHaveLength(1)
      // a status-only connector: the engine passes an empty set
      expect(yield* sync({ mode: "full", resources: new Set() })).toEqual({ done: true })
      expect(api.requests).toHaveLength(USAGE_REQUESTS + 1)
    })
  )

  it.effect("wanted = settings.resources AND options.resources", () =>
    Effect.gen(function* () {
      const { api, sync } = setup(
        { [USAGE_PATH]: [{ body: emptyPage }], [COST_PATH]: [{ body: emptyPage }] },
        { resources: ["anthropic_input_tokens"] }
      )
      expect(yield* sync({ mode: "full", resources: new Set(["anthropic_cost_usd"]) })).toEqual({
        done: true
      })
      expect(api.requests).toHaveLength(0)
    })
  )

  it.effect("one usage metric wanted writes all five (one upstream call)", () =>
    Effect.gen(function* () {
      const { storage, sync } = setup(
        { [USAGE_PATH]: [{ body: page([bucket(TODAY, [fullUsageRow])]) }] },
        { resources: ["anthropic_web_search_requests"] }
      )
      yield* sync()
      expect(new Set(storage.rows.map((s) => s.name)).size).toBe(5)
      expect(storage.writes).toEqual([
        {
          names: [
            "anthropic_input_tokens",
            "anthropic_output_tokens",
            "anthropic_cache_read_tokens",
            "anthropic_cache_creation_tokens",
            "anthropic_web_search_requests"
          ],
          replaceWindow: { start: END - 7 * DAY, end: END - 1 },
          count: 5
        }
      ])
    })
  )

  it.effect("web-search zero rows are written; absent dimensions are null, never undefined", () =>
    Effect.gen(function* () {
      const row = usageRow({ uncached_input_tokens: 5 })
      delete (row as Record<string, unknown>).inference_geo
      const { storage, sync } = setup({ [USAGE_PATH]: [{ body: page([bucket(TODAY, [row])]) }] })
      yield* sync({ mode: "full", resources: new Set(["anthropic_web_search_requests"]) })
      const [search] = storage.byName("anthropic_web_search_requests")
      expect(search?.value).toBe(0)
      expect(search?.attributes).toEqual({
        model: null,
        workspace_id: null,
        api_key_id: null,
        service_tier: null,
        context_window: null,
        inference_geo: null,
        account_id: null,
        service_account_id: null,
        api_key_name: null,
        workspace_name: null
      })
    })
  )

  it.effect("cents are divided exactly: 57.7 cents is $0.577, not 0.5770000000000001", () =>
    Effect.gen(function* () {
      expect(parseFloat("57.7") / 100).not.toBe(0.577)
      const { storage, sync } = setup(
        {
          [COST_PATH]: [
            { body: page([bucket(TODAY, [costRow({ amount: "57.7" }), costRow({ amount: "0.7" })])]) }
          ]
        },
        { resources: ["anthropic_cost_usd"] }
      )
      yield* sync()
      expect(storage.byName("anthropic_cost_usd").map((s) => s.value)).toEqual([0.577, 0.007])
    })
  )

  it.effect("the usage and cost phases run concurrently", () =>
    Effect.gen(function* () {
      // The usage answer is held until the cost request has arrived: a sequential sync would hang.
      const costArrived = yield* Deferred.make<void>()
      const inner = scriptedApi({ [USAGE_PATH]: [{ body: emptyPage }], [COST_PATH]: [{ body: emptyPage }] })
      const client = HttpClient.make((request) =>
        Effect.gen(function* () {
          if (request.url.endsWith(USAGE_PATH)) yield* Deferred.await(costArrived)
          else yield* Deferred.succeed(costArrived, undefined)
          return yield* inner.client.execute(request)
        })
      )
      const { sync } = setup({}, {}, { httpClient: client })
      expect(yield* sync()).toEqual({ done: true })
      expect(inner.requests.map((r) => r.url.pathname)).toEqual([
        COST_PATH,
        ...Array.from({ length: USAGE_REQUESTS }, () => USAGE_PATH)
      ])
    })
  )
})

describe("live rules (reference §10)", () => {
  it.effect(
    "§10.4: a Code Execution cost row and a usage row without any dimension key are stored with null attributes",
    () =>
      Effect.gen(function* () {
        // only the keys the spec requires
        const usage = {
          uncached_input_tokens: 70,
          cache_read_input_tokens: 0,
          output_tokens: 30,
          cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
          server_tool_use: { web_search_requests: 0 }
        }
        const codeExecution = {
          amount: "12.5",
          currency: "USD",
          workspace_id: "wrkspc_A",
          description: "Code Execution Usage",
          cost_type: "code_execution"
        }
        const { storage, sync } = setup({
          [USAGE_PATH]: [{ body: page([bucket(TODAY, [usage])]) }],
          [COST_PATH]: [{ body: { data: [bucket(TODAY, [codeExecution])], has_more: false } }]
        })
        expect(yield* sync()).toEqual({ done: true })
        const nulls = {
          model: null,
          workspace_id: null,
          api_key_id: null,
          service_tier: null,
          context_window: null,
          inference_geo: null,
          account_id: null,
          service_account_id: null,
          api_key_name: null,
          workspace_name: null
        }
        expect(storage.byName("anthropic_input_tokens")).toEqual([
          { name: "anthropic_input_tokens", ts: TODAY, value: 70, attributes: nulls }
        ])
        expect(storage.byName("anthropic_output_tokens").map((s) => [s.value, s.attributes])).toEqual([
          [30, nulls]
        ])
        expect(storage.byName("anthropic_cost_usd")).toEqual([
          {
            name: "anthropic_cost_usd",
            ts: TODAY,
            value: 0.125,
            attributes: {
              workspace_id: "wrkspc_A",
              description: "Code Execution Usage",
              cost_type: "code_execution",
              model: null,
              token_type: null,
              service_tier: null,
              context_window: null,
              currency: "USD",
              api_key_id: null,
              api_key_name: null,
              workspace_name: null
            }
          }
        ])
        expect(violations(storage.rows)).toEqual([])
      })
  )

  it.effect("§10.2: only whole UTC days are ever asked for, whatever the time of day, mode and since", () =>
    Effect.gen(function* () {
      const api = scriptedApi({ [USAGE_PATH]: [{ body: emptyPage }], [COST_PATH]: [{ body: emptyPage }] })
      const connector = new AnthropicConnector(
        { lookbackDays: 40 },
        { adminApiKey: KEY },
        { httpClient: api.client, client: { retry: false }, logger: { info: () => {}, warn: () => {} } }
      )
      const times = [TODAY, TODAY + 1, NOW, TODAY + DAY - 1]
      const sinces = [
        undefined,
        "2026-02-09T17:45:12.345Z",
        "2026-01-20T00:00:00.001Z",
        "2025-06-01T08:00:00Z"
      ]
      for (const now of times) {
        for (const since of sinces) {
          for (const mode of ["full", "latest"] as const) {
            yield* TestClock.setTime(now)
            for (const pageSize of [undefined, 7]) {
              const options = {
                mode,
                ...(since === undefined ? {} : { since }),
                ...(pageSize === undefined ? {} : { pageSize })
              }
              expect(yield* connector.syncEffect(options, new MemoryStorage())).toEqual({
                done: true
              })
            }
          }
        }
      }
      expect(api.requests.length).toBeGreaterThan(100)
      const edges = api.requests.flatMap((r) => [
        r.url.searchParams.get("starting_at"),
        r.url.searchParams.get("ending_at")
      ])
      expect(edges.filter((edge) => edge === null || !/^\d{4}-\d{2}-\d{2}T00:00:00Z$/.test(edge))).toEqual([])
    })
  )
})

describe("credentials", () => {
  it.effect(
    "engine-style construction: a { $secret } resolved by ctx.secretsResolver is sent as x-api-key",
    () =>
      Effect.gen(function* () {
        const api = scriptedApi({ [COST_PATH]: [{ body: emptyPage }] })
        const asked: Array<string> = []
        const connector = new AnthropicConnector(
          { resources: ["anthropic_cost_usd"] },
          { adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" } },
          {
            secretsResolver: {
              resolve: (name) => {
                asked.push(name)
                return name === "ANTHROPIC_ADMIN_API_KEY" ? "sk-ant-admin01-resolved" : undefined
              }
            },
            httpClient: api.client
          }
        )
        yield* TestClock.setTime(NOW)
        expect(yield* connector.syncEffect({ mode: "latest" }, new MemoryStorage())).toEqual({ done: true })
        expect(asked).toEqual(["ANTHROPIC_ADMIN_API_KEY"])
        expect(api.requests.map((r) => r.headers["x-api-key"])).toEqual(["sk-ant-admin01-resolved"])
        expect(connector.serializeConfig()).toEqual({
          resources: ["anthropic_cost_usd"],
          adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" }
        })
      })
  )

  it("serializeConfig never returns a key given as a plain string", () => {
    const connector = AnthropicConnector.create({ adminApiKey: "sk-ant-admin01-PLAIN", lookbackDays: 3 })
    expect(connector.serializeConfig()).toEqual({ lookbackDays: 3 })
  })
})

describe("errors", () => {
  const failWith = (response: ScriptedResponse) =>
    Effect.gen(function* () {
      const { sync, storage } = setup({ [USAGE_PATH]: [response] }, { resources: ["anthropic_input_tokens"] })
      const error = yield* Effect.flip(sync())
      expect(storage.rows).toEqual([])
      return error
    })

  it.effect("401: throws, telling the user an Admin key is needed and where to create one", () =>
    Effect.gen(function* () {
      const error = yield* failWith(apiError(401, "authentication_error", "invalid x-api-key"))
      expect(error._tag).toBe("SyncFailedError")
      expect(error.message).toContain("invalid x-api-key")
      expect(error.message).toContain(AdminApiError.ADMIN_KEY_HINT)
      expect(error.message).not.toContain(KEY)
    })
  )

  it.effect("403: throws with the Admin key hint", () =>
    Effect.gen(function* () {
      const error = yield* failWith(
        apiError(403, "permission_error", "This endpoint requires an Admin API key")
      )
      expect(error.message).toContain("403")
      expect(error.message).toContain("Admin keys")
    })
  )

  it.effect("400: throws with the API's explanation", () =>
    Effect.gen(function* () {
      const error = yield* failWith(
        apiError(400, "invalid_request_error", "starting_at: too far in the past")
      )
      expect(error.message).toContain("starting_at: too far in the past")
      expect(error.message).toContain("usage_messages")
    })
  )

  it.effect("a page that goes back in time (broken pagination) throws; its chunk is not written at all", () =>
    Effect.gen(function* () {
      const { sync, storage } = setup(
        {
          [USAGE_PATH]: [
            { body: page([bucket(TODAY - 2 * DAY, [fullUsageRow])], "p2") },
            { body: page([bucket(TODAY - 3 * DAY, [fullUsageRow])]) }
          ]
        },
        { resources: ["anthropic_input_tokens"] }
      )
      const error = yield* Effect.flip(sync())
      expect(error._tag).toBe("SyncFailedError")
      expect(error.message).toContain("Pagination contract broken")
      // a chunk is written whole or not at all: its first page alone is never stored
      expect(storage.writes).toHaveLength(0)
      expect(storage.rows).toEqual([])
    })
  )

  it.effect("a rate limit that outlasts the retries returns a cursor and the transient error", () =>
    Effect.gen(function* () {
      const { sync, storage, events } = setup(
        {
          [USAGE_PATH]: [apiError(429, "rate_limit_error", "slow down")],
          [COST_PATH]: [{ body: page([bucket(TODAY, [costRow({ amount: "250" })])]) }]
        },
        {}
      )
      const result = yield* sync()
      expect(result.done).toBe(false)
      expect((result.transientError as { _tag: string })._tag).toBe("RateLimitError")
      expect(result.cursor).toMatchObject({
        phases: { usage_messages: { status: "pending", page: null }, cost_report: { status: "done" } }
      })
      // the cost phase finished meanwhile
      expect(storage.byName("anthropic_cost_usd").map((s) => s.value)).toEqual([2.5])
      expect(events.some((e) => e.level === "warn" && e.event === "fetch page failed")).toBe(true)
    })
  )

  it.effect(
    "with the default retry policy a 429 honours Retry-After, is logged, and the sync completes",
    () =>
      Effect.gen(function* () {
        const { connector, storage, events, api } = setup(
          {
            [COST_PATH]: [
              { ...apiError(429, "rate_limit_error", "slow down"), headers: { "retry-after": "3" } },
              { body: emptyPage }
            ]
          },
          { resources: ["anthropic_cost_usd"] },
          { client: {} }
        )
        yield* TestClock.setTime(NOW)
        const fiber = yield* Effect.fork(connector.syncEffect({ mode: "full" }, storage))
        yield* TestClock.adjust("2 seconds")
        expect(api.requests).toHaveLength(1)
        yield* TestClock.adjust("2 seconds")
        expect(yield* Fiber.join(fiber)).toEqual({ done: true })
        expect(api.requests).toHaveLength(2)
        expect(events.filter((e) => e.event === "request retry").map((e) => e.fields)).toEqual([
          expect.objectContaining({ error: "RateLimitError", attempt: 1, delay_ms: 3000 })
        ])
      })
  )

  it.effect("an overloaded API (529) is transient too", () =>
    Effect.gen(function* () {
      const { sync } = setup(
        { [USAGE_PATH]: [apiError(529, "overloaded_error", "Overloaded")] },
        { resources: ["anthropic_input_tokens"] }
      )
      const result = yield* sync()
      expect(result.done).toBe(false)
      expect((result.transientError as { _tag: string })._tag).toBe("OverloadedError")
    })
  )

  it.effect("a failing storage write returns the same page as cursor, with the error", () =>
    Effect.gen(function* () {
      const { sync, storage } = setup(
        { [COST_PATH]: [{ body: page([bucket(TODAY, [costRow({ amount: "1" })])]) }] },
        { resources: ["anthropic_cost_usd"] }
      )
      storage.beforeWrite = () => {
        throw new Error("disk full")
      }
      const result = yield* sync()
      expect(result.done).toBe(false)
      expect((result.transientError as Error).message).toContain("disk full")
      expect(result.cursor).toMatchObject({ phases: { cost_report: { status: "pending", page: null } } })
      storage.beforeWrite = undefined
      expect(yield* sync({ mode: "full", cursor: result.cursor })).toEqual({ done: true })
      expect(storage.byName("anthropic_cost_usd")).toHaveLength(1)
    })
  )
})

describe("observer", () => {
  it.effect("ctx.observer sees every response with its resource tag, request id and body", () =>
    Effect.gen(function* () {
      const seen: Array<{
        url: string
        status: number
        resource: string
        requestId: string | undefined
        body: unknown
      }> = []
      const usageBody = page([bucket(TODAY, [fullUsageRow])])
      const { sync } = setup(
        {
          [USAGE_PATH]: [{ body: usageBody }],
          [COST_PATH]: [apiError(403, "permission_error", "no")]
        },
        {},
        {
          observer: (event) => {
            seen.push(event)
            throw new Error("observer errors are swallowed")
          }
        }
      )
      const error = yield* Effect.flip(sync())
      expect(error.message).toContain("403")
      const usage = seen.find((e) => e.resource === "usage_messages")
      expect(usage).toMatchObject({
        status: 200,
        // the 7-day window's buckets, as the live API sends them (empty days included)
        body: {
          data: expect.arrayContaining([
            expect.objectContaining({
              starting_at: bucket(TODAY, []).starting_at,
              results: expect.any(Array)
            })
          ])
        },
        requestId: expect.any(String)
      })
      expect(usage?.url).toContain("/v1/organizations/usage_report/messages?starting_at=")
      expect(seen.find((e) => e.resource === "cost_report")).toMatchObject({
        status: 403,
        body: { error: { type: "permission_error" } }
      })
      expect(JSON.stringify(seen)).not.toContain(KEY)
    })
  )
})

describe("logs", () => {
  it.effect("a logger that throws does not break the sync", () =>
    Effect.gen(function* () {
      const { sync, storage } = setup(
        { [COST_PATH]: [{ body: page([bucket(TODAY, [costRow({ amount: "5" })])]) }] },
        { resources: ["anthropic_cost_usd"] },
        {
          logger: {
            info: () => {
              throw new Error("logger down")
            },
            warn: () => {
              throw new Error("logger down")
            }
          }
        }
      )
      expect(yield* sync()).toEqual({ done: true })
      expect(storage.byName("anthropic_cost_usd")).toHaveLength(1)
    })
  )

  it.effect(
    "'fetched page' (one per chunk) and 'resource done' carry counts and durations, never the key",
    () =>
      Effect.gen(function* () {
        const { sync, events } = setup(
          {
            [USAGE_PATH]: [
              { body: page([bucket(TODAY - DAY, [fullUsageRow, fullUsageRow])], "p2") },
              { body: page([bucket(TODAY, [fullUsageRow])]) }
            ]
          },
          { resources: ["anthropic_input_tokens"] }
        )
        yield* sync()
        const fetched = events.filter((e) => e.event === "fetched page")
        // one chunk (the 7-day window: 7 buckets, empty days included) over two API pages per query;
        // the two equal rows are one group
        expect(fetched.map((e) => e.fields)).toEqual([
          {
            resource: "usage_messages",
            page: 1,
            items: 7,
            rows: 10,
            from: "2026-02-04T00:00:00.000Z",
            to: "2026-02-11T00:00:00.000Z",
            next: null,
            duration_ms: expect.any(Number)
          }
        ])
        for (const event of fetched) expect(event.fields.duration_ms).toEqual(expect.any(Number))
        const done = events.filter((e) => e.event === "resource done")
        expect(done).toEqual([
          {
            level: "info",
            event: "resource done",
            fields: {
              resource: "usage_messages",
              pages: 1,
              items: 7,
              rows: 10,
              duration_ms: expect.any(Number)
            }
          }
        ])
        expect(JSON.stringify(events)).not.toContain(KEY)
      })
  )
})
