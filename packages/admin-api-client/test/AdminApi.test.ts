/**
 * The Promise facade: plain JSON values, the official SDK's options (signal,
 * timeout, maxRetries, headers; defaultHeaders, fetch, logger, logLevel),
 * `withResponse()`, the environment, and trace headers. End-to-end tests run
 * against the testing kit's loopback server over real `fetch`; exact-shape
 * tests use a scripted `HttpClient` whose wire bodies are written out here.
 */
import { FakeFault, FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import { BigDecimal, Effect, Redacted, Stream } from "effect"
import { AdminApi, AdminApiClient, AdminApiError, CostReport, DecimalString } from "../src/index.js"
import { apiError, bucketReport, DAY, KEY, stub } from "./support/stub.js"

const MAR1 = Date.UTC(2026, 2, 1)
const days = (n: number) => ({ startingAt: new Date(MAR1), endingAt: new Date(MAR1 + n * DAY) })

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 7, days: 40, now: NOW })
const march = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-08T00:00:00Z" } as const

/** Runs `f` against a fresh loopback fake of `org`, closing it afterwards. */
const withServer = async <A>(
  options: Omit<FakeServer.ServeOptions, "organization">,
  f: (server: FakeServer.RunningServer) => Promise<A>
): Promise<A> => {
  const server = await FakeServer.serve({ organization: org, ...options })
  try {
    return await f(server)
  } finally {
    await server.close()
  }
}

/** Collects an async iterable. */
const collect = async <A>(iterable: AsyncIterable<A>): Promise<Array<A>> => {
  const out: Array<A> = []
  for await (const item of iterable) out.push(item)
  return out
}

const settle = <A>(promise: Promise<A>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("AdminApi: plain values", () => {
  const usageWire = {
    starting_at: "2026-03-01T00:00:00Z",
    ending_at: "2026-03-02T00:00:00Z",
    results: [
      {
        uncached_input_tokens: 1200,
        cache_read_input_tokens: 300,
        output_tokens: 450,
        cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 0 },
        server_tool_use: { web_search_requests: 2 },
        api_key_id: "apikey_01",
        workspace_id: null,
        model: "claude-sonnet-4-5",
        service_tier: "standard",
        context_window: "0-200k",
        inference_geo: "global",
        speed: null
      }
    ]
  }
  const costWire = {
    starting_at: "2026-03-01T00:00:00Z",
    ending_at: "2026-03-02T00:00:00Z",
    results: [
      {
        amount: "1446.3000",
        currency: "USD",
        workspace_id: "wrkspc_01",
        description: "Claude Sonnet 4.5 Usage - Input Tokens",
        cost_type: "tokens",
        model: "claude-sonnet-4-5",
        token_type: "uncached_input_tokens",
        service_tier: "standard",
        context_window: "0-200k"
      }
    ]
  }
  const page = (data: ReadonlyArray<unknown>) => ({
    status: 200,
    body: { data, has_more: false, next_page: null }
  })

  it("JSON.stringify of a usage row is exact, documented JSON (absent keys as null)", async () => {
    const { client } = stub(() => page([usageWire]))
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const rows = await collect(api.messagesUsageRows({ ...days(1), groupBy: ["model", "api_key_id"] }))
    await api.dispose()
    expect(rows.map((row) => JSON.stringify(row))).toEqual([
      '{"starting_at":"2026-03-01T00:00:00Z","ending_at":"2026-03-02T00:00:00Z","uncached_input_tokens":1200,"cache_read_input_tokens":300,"output_tokens":450,"cache_creation":{"ephemeral_5m_input_tokens":10,"ephemeral_1h_input_tokens":0},"server_tool_use":{"web_search_requests":2},"api_key_id":"apikey_01","workspace_id":null,"model":"claude-sonnet-4-5","service_tier":"standard","context_window":"0-200k","inference_geo":"global","account_id":null,"service_account_id":null,"speed":null}'
    ])
  })

  it("JSON.stringify of a cost row is exact: cents as sent, dollars by exact shift", async () => {
    const { client } = stub(() => page([costWire]))
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const rows = await collect(api.costReportRows({ ...days(1), groupBy: ["workspace_id", "description"] }))
    await api.dispose()
    expect(rows.map((row) => JSON.stringify(row))).toEqual([
      '{"starting_at":"2026-03-01T00:00:00Z","ending_at":"2026-03-02T00:00:00Z","amount":"1446.3000","amount_usd":"14.463000","currency":"USD","workspace_id":"wrkspc_01","description":"Claude Sonnet 4.5 Usage - Input Tokens","cost_type":"tokens","model":"claude-sonnet-4-5","token_type":"uncached_input_tokens","service_tier":"standard","context_window":"0-200k","inference_geo":null,"speed":null}'
    ])
  })

  it("a cost bucket and page are plain too; amount_usd is null for a currency that is not USD", async () => {
    const other = { ...costWire, results: [{ amount: "12.5", currency: "EUR" }] }
    const { client } = stub(() =>
      page([costWire, { ...other, starting_at: "2026-03-02T00:00:00Z", ending_at: "2026-03-03T00:00:00Z" }])
    )
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const result = await api.costReportPage(days(2))
    await api.dispose()
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
    expect(result.has_more).toBe(false)
    expect(result.next_page).toBeNull()
    expect(result.data[0]!.starting_at).toBe("2026-03-01T00:00:00Z")
    expect(result.data[1]!.results[0]).toMatchObject({ amount: "12.5", amount_usd: null, currency: "EUR" })
  })

  it("Claude Code records: date as an instant, estimated cost as exact strings (fractional cents too)", async () => {
    const record = {
      date: "2026-03-01T00:00:00Z",
      actor: { type: "user_actor", email_address: "ada@example.com" },
      organization_id: "org_1",
      customer_type: "api",
      terminal_type: "vscode",
      is_remote: false,
      core_metrics: {
        num_sessions: 3,
        lines_of_code: { added: 10, removed: 2 },
        commits_by_claude_code: 1,
        pull_requests_by_claude_code: 0
      },
      tool_actions: { edit_tool: { accepted: 4, rejected: 1 } },
      model_breakdown: [
        {
          model: "claude-sonnet-4-5",
          tokens: { input: 100, output: 50, cache_read: 0, cache_creation: 0 },
          estimated_cost: { amount: 87.5, currency: "USD" }
        }
      ]
    }
    const { client } = stub(() => page([record]))
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const [plain] = await collect(api.claudeCodeUsage({ from: "2026-03-01", to: "2026-03-02" }))
    await api.dispose()
    expect(JSON.stringify(plain)).toBe(
      '{"date":"2026-03-01T00:00:00Z","actor":{"type":"user_actor","email_address":"ada@example.com"},"organization_id":"org_1","customer_type":"api","subscription_type":null,"terminal_type":"vscode","is_remote":false,"core_metrics":{"num_sessions":3,"lines_of_code":{"added":10,"removed":2},"commits_by_claude_code":1,"pull_requests_by_claude_code":0},"tool_actions":{"edit_tool":{"accepted":4,"rejected":1}},"model_breakdown":[{"model":"claude-sonnet-4-5","tokens":{"input":100,"output":50,"cache_read":0,"cache_creation":0},"estimated_cost":{"amount":"87.5","amount_usd":"0.875","currency":"USD"}}]}'
    )
  })

  it("end to end over fetch: every report's values are plain JSON, amounts exactly the wire's, sums exact", async () => {
    await withServer({ specMinimal: true }, async (server) => {
      const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      const usage = await collect(
        api.messagesUsageRows({ ...march, groupBy: ["model", "workspace_id", "context_window"] })
      )
      const costs = await collect(api.costReportRows({ ...march, groupBy: ["workspace_id", "description"] }))
      const records = await collect(api.claudeCodeUsage({ from: "2026-03-01", to: "2026-03-03" }))
      await api.dispose()
      for (const value of [...usage, ...costs, ...records]) {
        expect(JSON.parse(JSON.stringify(value))).toEqual(value)
      }
      expect(usage.length).toBeGreaterThan(0)
      expect(costs.length).toBeGreaterThan(0)
      expect(records.length).toBeGreaterThan(0)
      // every dimension key is present (null when the fake left it out)
      for (const row of usage) {
        expect(Object.keys(row)).toContain("service_account_id")
        expect(row.speed).toBeNull()
        expect(typeof row.starting_at).toBe("string")
      }
      // amounts: the very strings on the wire, and their dollars by exact shift
      const wire = (await (
        await fetch(
          `${server.url}${CostReport.PATH}?starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-08T00:00:00Z&bucket_width=1d&limit=31&group_by[]=workspace_id&group_by[]=description`,
          { headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" } }
        )
      ).json()) as { data: ReadonlyArray<{ results: ReadonlyArray<{ amount: string }> }> }
      expect(costs.map((row) => row.amount)).toEqual(wire.data.flatMap((b) => b.results.map((r) => r.amount)))
      for (const row of costs) {
        expect(DecimalString.isDecimalString(row.amount_usd)).toBe(true)
        expect(
          BigDecimal.equals(
            DecimalString.toBigDecimal(row.amount_usd!),
            CostReport.toDollars(DecimalString.toBigDecimal(row.amount))
          )
        ).toBe(true)
      }
      // the exact total equals the Effect API's BigDecimal total
      const effectTotal = await Effect.runPromise(
        Stream.runCollect(CostReport.rows({ ...march, groupBy: ["workspace_id", "description"] })).pipe(
          Effect.map((rows) => CostReport.total(rows)),
          Effect.provide(AdminApiClient.layerFetch({ apiKey: Redacted.make(KEY), baseUrl: server.url }))
        )
      )
      const total = DecimalString.sum(costs.map((row) => row.amount))
      expect(BigDecimal.equals(DecimalString.toBigDecimal(total), effectTotal)).toBe(true)
      expect(DecimalString.centsToDollars(total)).toBe(DecimalString.sum(costs.map((row) => row.amount_usd!)))
      for (const record of records) {
        expect(typeof record.date).toBe("string")
        for (const model of record.model_breakdown) {
          expect(DecimalString.isDecimalString(model.estimated_cost.amount)).toBe(true)
        }
      }
    })
  })

  it("for await over messagesUsage yields every bucket once, in order, across windows", async () => {
    const { client, seen } = stub(bucketReport())
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const starts = (await collect(api.messagesUsage({ ...days(45), limit: 10 }, { concurrency: 3 }))).map(
      (bucket) => bucket.starting_at
    )
    await api.dispose()
    expect(starts).toEqual(
      Array.from({ length: 45 }, (_, i) => new Date(MAR1 + i * DAY).toISOString().replace(".000Z", "Z"))
    )
    expect(seen).toHaveLength(5)
    expect(seen[0]!.headers["x-api-key"]).toBe(KEY)
  })
})

describe("AdminApi: responses, pages and request ids", () => {
  it("withResponse() gives the plain page with its request id and headers; awaiting gives the page", async () => {
    await withServer({}, async (server) => {
      const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      const promise = api.messagesUsagePage({ ...march, limit: 3 })
      const { data, request_id, response } = await promise.withResponse()
      const again = await promise
      await api.dispose()
      expect(promise).toBeInstanceOf(Promise)
      expect(again).toBe(data)
      expect(server.log).toHaveLength(1)
      expect(request_id).toBe(server.log[0]!.requestId)
      expect(response.status).toBe(200)
      expect(response.headers.get("request-id")).toBe(request_id)
      expect(data.data).toHaveLength(3)
      expect(data.has_more).toBe(true)
      expect(typeof data.next_page).toBe("string")
    })
  })

  it("pages carry request_id and headers; the cursor chain is plain", async () => {
    await withServer({}, async (server) => {
      const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      const pages = await collect(api.costReportPages({ ...march, limit: 3 }))
      await api.dispose()
      expect(pages.map((p) => p.data.length)).toEqual([3, 3, 1])
      expect(pages.map((p) => p.request_id)).toEqual(server.log.map((entry) => entry.requestId))
      expect(pages[0]!.page).toBeNull()
      expect(pages[0]!.next_page).toBe(pages[1]!.page)
      expect(pages[2]!.next_page).toBeNull()
      expect(pages[0]!.headers["request-id"]).toBe(pages[0]!.request_id)
      expect(pages[0]!.headers["content-type"]).toContain("application/json")
    })
  })
})

describe("AdminApi: per-call and client options", () => {
  it("an already aborted signal rejects at once with AbortError and sends nothing", async () => {
    await withServer({}, async (server) => {
      const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      const controller = new AbortController()
      controller.abort()
      const page = await settle(api.costReportPage(march, { signal: controller.signal }))
      const iterated = await settle(collect(api.costReportRows(march, { signal: controller.signal })))
      await api.dispose()
      for (const result of [page, iterated]) {
        expect(result.ok).toBe(false)
        if (result.ok) continue
        expect(result.error).toBeInstanceOf(AdminApi.AbortError)
        expect(result.error).toMatchObject({ _tag: "AbortError", name: "AbortError" })
      }
      expect(server.log).toHaveLength(0)
    })
  })

  it("aborting a call in flight rejects at once and cancels its request; nothing more is sent", async () => {
    await withServer(
      { faults: { script: [{ fault: FakeFault.latency(1500), count: Infinity }] } },
      async (server) => {
        const signals: Array<AbortSignal> = []
        const fetch: typeof globalThis.fetch = (input, init) => {
          if (init?.signal) signals.push(init.signal)
          return globalThis.fetch(input, init)
        }
        const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url, fetch })
        const controller = new AbortController()
        const pending = settle(api.costReportPage(march, { signal: controller.signal }))
        while (server.log.length === 0) await sleep(5)
        const abortedAt = Date.now()
        controller.abort(new Error("user cancelled"))
        const result = await pending
        const elapsed = Date.now() - abortedAt
        await sleep(1700)
        await api.dispose()
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(AdminApi.AbortError)
          expect((result.error as Error).message).toContain("user cancelled")
        }
        expect(elapsed).toBeLessThan(100)
        expect(signals).toHaveLength(1)
        expect(signals[0]!.aborted).toBe(true)
        expect(server.log).toHaveLength(1)
      }
    )
  })

  it("aborting during a retry wait rejects at once and sends no retry", async () => {
    await withServer(
      { faults: { script: [{ fault: FakeFault.rateLimited({ milliseconds: 400 }), count: Infinity }] } },
      async (server) => {
        const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url, retry: { floor: 0 } })
        const controller = new AbortController()
        const pending = settle(api.messagesUsagePage(march, { signal: controller.signal }))
        while (server.log.length === 0) await sleep(5)
        await sleep(50)
        controller.abort()
        const result = await pending
        await sleep(600)
        await api.dispose()
        expect(result.ok ? result.value : result.error).toBeInstanceOf(AdminApi.AbortError)
        expect(server.log).toHaveLength(1)
      }
    )
  })

  it("aborting an iteration rejects the pending next() and stops fetching", async () => {
    await withServer(
      { faults: { script: [{ fault: FakeFault.latency(300), request: 2, count: Infinity }] } },
      async (server) => {
        const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
        const controller = new AbortController()
        const seen: Array<string> = []
        const iterating = settle(
          (async () => {
            for await (const bucket of api.messagesUsage(
              { ...march, limit: 1 },
              { signal: controller.signal, concurrency: 1 }
            )) {
              seen.push(bucket.starting_at)
              controller.abort()
            }
          })()
        )
        const result = await iterating
        const sent = server.log.length
        await sleep(500)
        await api.dispose()
        expect(result.ok ? undefined : result.error).toBeInstanceOf(AdminApi.AbortError)
        expect(seen).toEqual(["2026-03-01T00:00:00Z"])
        expect(server.log.length).toBe(sent)
        expect(sent).toBeLessThanOrEqual(2)
      }
    )
  })

  it("per-call maxRetries: 0 makes exactly one request on a 429; the client's maxRetries is the default", async () => {
    await withServer(
      { faults: { script: [{ fault: FakeFault.rateLimited({ seconds: 1 }), count: Infinity }] } },
      async (server) => {
        const api = AdminApi.createClient({
          apiKey: KEY,
          baseUrl: server.url,
          maxRetries: 1,
          retry: { floor: 0 }
        })
        const once = await settle(api.costReportPage(march, { maxRetries: 0 }))
        expect(server.log).toHaveLength(1)
        expect(once.ok ? once.value : once.error).toBeInstanceOf(AdminApiError.RateLimitError)
        server.api.clearLog()
        const twice = await settle(collect(api.costReportRows(march)))
        await api.dispose()
        expect(twice.ok ? twice.value : twice.error).toBeInstanceOf(AdminApiError.RateLimitError)
        expect(server.log).toHaveLength(2)
      }
    )
  })

  it("per-call timeout bounds each attempt", async () => {
    await withServer(
      { faults: { script: [{ fault: FakeFault.latency(2000), count: Infinity }] } },
      async (server) => {
        const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
        const started = Date.now()
        const result = await settle(api.costReportPage(march, { timeout: 100, maxRetries: 0 }))
        await api.dispose()
        expect(result.ok ? result.value : result.error).toMatchObject({
          _tag: "TimeoutError",
          timeoutMillis: 100
        })
        expect(Date.now() - started).toBeLessThan(1000)
      }
    )
  })

  it("invalid options reject with InvalidParameterError and send nothing", async () => {
    await withServer({}, async (server) => {
      const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      const retries = await settle(api.costReportPage(march, { maxRetries: -1 }))
      const timeout = await settle(collect(api.costReportRows(march, { timeout: 0 })))
      await api.dispose()
      expect(retries.ok ? retries.value : retries.error).toMatchObject({
        _tag: "InvalidParameterError",
        field: "maxRetries"
      })
      expect(timeout.ok ? timeout.value : timeout.error).toMatchObject({
        _tag: "InvalidParameterError",
        field: "timeout"
      })
      expect(server.log).toHaveLength(0)
    })
  })

  it("defaultHeaders and per-call headers reach the API; x-api-key only ever comes from apiKey", async () => {
    await withServer({}, async (server) => {
      const api = AdminApi.createClient({
        apiKey: KEY,
        baseUrl: server.url,
        defaultHeaders: { "x-team": "finance", "X-Api-Key": "sk-ant-admin-NOT-THIS-ONE" }
      })
      await api.costReportPage(march, { headers: { "x-request-tag": "nightly", "x-team": "ops" } })
      await api.costReportPage(march)
      await api.dispose()
      expect(server.log.map((e) => [e.headers["x-team"], e.headers["x-request-tag"], e.credential])).toEqual([
        ["ops", "nightly", "admin"],
        ["finance", undefined, "admin"]
      ])
    })
  })

  it("the fake accepts only the configured key: headers cannot swap it", async () => {
    await withServer({ adminKeys: [KEY] }, async (server) => {
      const api = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      const page = await api.costReportPage(march, { headers: { "x-api-key": "sk-ant-admin-other" } })
      await api.dispose()
      expect(page.data.length).toBeGreaterThan(0)
    })
  })

  it("no traceparent or b3 header unless tracerPropagation is enabled", async () => {
    await withServer({}, async (server) => {
      const quiet = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url })
      await collect(quiet.costReportRows(march))
      await quiet.dispose()
      const traced = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url, tracerPropagation: true })
      await traced.costReportPage(march)
      await traced.dispose()
      const [first, second] = [server.log[0]!, server.log[1]!]
      expect(Object.keys(first.headers).filter((h) => h === "traceparent" || h === "b3")).toEqual([])
      expect(second.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)
      expect(second.headers.b3).toBeDefined()
    })
  })

  it("ANTHROPIC_BASE_URL is honoured with an explicit apiKey; an explicit baseUrl wins over it", async () => {
    await withServer({}, async (server) => {
      vi.stubEnv("ANTHROPIC_BASE_URL", server.url)
      vi.stubEnv("ANTHROPIC_ADMIN_API_KEY", "sk-ant-admin-from-env-not-used")
      const api = AdminApi.createClient({ apiKey: KEY })
      await api.costReportPage(march)
      await api.dispose()
      expect(server.log).toHaveLength(1)
      const calls: Array<string> = []
      const elsewhere = AdminApi.createClient({
        apiKey: KEY,
        baseUrl: "https://gateway.example",
        fetch: async (input) => {
          calls.push(String(input))
          return new Response(JSON.stringify({ data: [], has_more: false, next_page: null }), {
            headers: { "content-type": "application/json" }
          })
        }
      })
      await elsewhere.claudeCodeUsagePage({ day: "2026-03-01" })
      await elsewhere.dispose()
      expect(calls).toEqual([
        "https://gateway.example/v1/organizations/usage_report/claude_code?starting_at=2026-03-01"
      ])
    })
  })

  it("without apiKey the key comes from ANTHROPIC_ADMIN_API_KEY, the base URL from ANTHROPIC_BASE_URL", async () => {
    await withServer({ adminKeys: ["sk-ant-admin01-from-env"] }, async (server) => {
      vi.stubEnv("ANTHROPIC_ADMIN_API_KEY", "sk-ant-admin01-from-env")
      vi.stubEnv("ANTHROPIC_BASE_URL", server.url)
      const api = AdminApi.createClient()
      const page = await api.claudeCodeUsagePage({ day: "2026-03-01" })
      await api.dispose()
      expect(page.data.length).toBeGreaterThan(0)
      expect(server.log.map((e) => e.credential)).toEqual(["admin"])
    })
  })

  it("without apiKey or ANTHROPIC_ADMIN_API_KEY, rejects with InvalidParameterError on apiKey", async () => {
    vi.stubEnv("ANTHROPIC_ADMIN_API_KEY", "")
    const api = AdminApi.createClient({ fetch: () => Promise.reject(new Error("must not be called")) })
    const error = await api.messagesUsagePage(days(1)).catch((e: unknown) => e)
    const fromIterable = await collect(api.costReport(days(1))).catch((e: unknown) => e)
    await api.dispose()
    for (const e of [error, fromIterable]) {
      expect(e).toMatchObject({ _tag: "InvalidParameterError", field: "apiKey" })
      expect(e).toBeInstanceOf(Error)
    }
  })

  it("logs requests at debug and retries at info, to the given logger, never the key", async () => {
    await withServer(
      { faults: { script: [{ fault: FakeFault.rateLimited({ milliseconds: 10 }) }] } },
      async (server) => {
        const lines: Array<string> = []
        const logger = {
          debug: (m: string) => lines.push(`debug ${m}`),
          info: (m: string) => lines.push(`info ${m}`),
          warn: (m: string) => lines.push(`warn ${m}`),
          error: (m: string) => lines.push(`error ${m}`)
        }
        const run = async (options: Partial<AdminApi.ClientOptions>) => {
          lines.length = 0
          const api = AdminApi.createClient({
            apiKey: KEY,
            baseUrl: server.url,
            logger,
            retry: { floor: 0 },
            ...options
          })
          await api.costReportPage(march)
          await api.dispose()
          server.api.clearLog()
          return [...lines]
        }
        const debug = await run({ logLevel: "debug" })
        expect(debug).toEqual([
          expect.stringMatching(
            /^debug request GET http:\/\/127\.0\.0\.1:\d+\/v1\/organizations\/cost_report\?starting_at=/
          ),
          expect.stringMatching(/^debug response 429 GET \/v1\/organizations\/cost_report request-id \S+$/),
          expect.stringMatching(
            /^info RateLimitError 429 \(request-id \S+\) on attempt 1; retrying in 10ms$/
          ),
          expect.stringMatching(/^debug request GET /),
          expect.stringMatching(/^debug response 200 GET \/v1\/organizations\/cost_report request-id \S+$/)
        ])
        expect(debug.join("\n")).not.toContain(KEY)
        expect(await run({})).toEqual([]) // default "warn": nothing (the fault fired above, no retry now)
        vi.stubEnv("ANTHROPIC_LOG", "debug")
        expect((await run({})).length).toBe(2)
        expect(await run({ logLevel: "off" })).toEqual([])
      }
    )
  })

  it("onRetry still receives each retry with its wait", async () => {
    const report = bucketReport()
    const { client, seen } = stub((request, i) =>
      i < 2
        ? { status: 429, body: apiError("rate_limit_error", "slow"), headers: { "retry-after-ms": "5" } }
        : report(request)
    )
    const events: Array<string> = []
    const api = AdminApi.createClient({
      apiKey: KEY,
      httpClient: client,
      retry: { floor: 0 },
      onRetry: (event) => {
        events.push(`${event.error._tag} #${event.attempt} ${event.delayMillis}ms`)
      }
    })
    const page = await api.messagesUsagePage(days(2))
    await api.dispose()
    expect(page.data).toHaveLength(2)
    expect(seen).toHaveLength(3)
    expect(events).toEqual(["RateLimitError #1 5ms", "RateLimitError #2 5ms"])
  })
})

describe("AdminApi: errors", () => {
  it("validation rejects with the same InvalidParameterError, an Error subclass, and sends nothing", async () => {
    const { client, seen } = stub(bucketReport())
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const fromPage = await api
      .costReportPage({ startingAt: "2026-03-01", limit: 99 })
      .catch((e: unknown) => e)
    const fromIterable = await collect(api.claudeCodeUsage({ from: "2026-03-02", to: "2026-03-01" })).catch(
      (e: unknown) => e
    )
    await api.dispose()
    for (const error of [fromPage, fromIterable]) {
      expect(error).toBeInstanceOf(Error)
      expect(error).toBeInstanceOf(AdminApiError.InvalidParameterError)
      expect(AdminApiError.isAdminApiError(error)).toBe(true)
    }
    expect(fromPage).toMatchObject({ _tag: "InvalidParameterError", field: "limit" })
    expect(fromIterable).toMatchObject({ _tag: "InvalidParameterError", field: "to" })
    expect(seen).toHaveLength(0)
  })

  it("HTTP errors reject with the typed error carrying tag, status and request id, never the key", async () => {
    const { client } = stub(() => ({
      status: 403,
      body: apiError("permission_error", "This endpoint requires an Admin API key"),
      headers: { "request-id": "req_403" }
    }))
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const error = await collect(api.costReport(days(3))).catch((e: unknown) => e)
    await api.dispose()
    expect(error).toBeInstanceOf(AdminApiError.PermissionError)
    expect(error).toMatchObject({ _tag: "PermissionError", status: 403, requestId: "req_403" })
    expect((error as Error).message).toContain("Admin keys")
    expect(`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain(KEY)
  })

  it("breaking out of for await stops fetching", async () => {
    const { client, seen } = stub(bucketReport())
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    let count = 0
    for await (const _ of api.messagesUsage({ ...days(300), limit: 5 }, { concurrency: 1 })) {
      void _
      if (++count === 3) break
    }
    await api.dispose()
    expect(count).toBe(3)
    expect(seen.length).toBeLessThan(5)
  })
})
