import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import { AdminApi, AdminApiError, type UsageReport } from "../src/index.js"
import { apiError, bucketReport, DAY, KEY, stub } from "./support/stub.js"

const MAR1 = Date.UTC(2026, 2, 1)
const days = (n: number) => ({ startingAt: new Date(MAR1), endingAt: new Date(MAR1 + n * DAY) })

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("AdminApi (Promise facade)", () => {
  it("for await over messagesUsage yields every bucket once, in order, across windows", async () => {
    const { client, seen } = stub(bucketReport())
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const starts: Array<number> = []
    for await (const bucket of api.messagesUsage({ ...days(45), limit: 10 }, { concurrency: 3 })) {
      starts.push(bucket.starting_at.epochMillis)
    }
    await api.dispose()
    expect(starts).toEqual(Array.from({ length: 45 }, (_, i) => MAR1 + i * DAY))
    expect(seen).toHaveLength(5)
    expect(seen[0]!.headers["x-api-key"]).toBe(KEY)
  })

  it("page functions resolve with the decoded page; rows carry bucket edges", async () => {
    const { client } = stub(bucketReport())
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const page = await api.messagesUsagePage({ ...days(3) })
    const rows: Array<UsageReport.UsageRow> = []
    for await (const row of api.messagesUsageRows(days(2))) rows.push(row)
    await api.dispose()
    expect(page.data.map((b) => b.starting_at.epochMillis)).toEqual([MAR1, MAR1 + DAY, MAR1 + 2 * DAY])
    expect(rows.map((r) => r.ending_at.epochMillis)).toEqual([MAR1 + DAY, MAR1 + 2 * DAY])
  })

  it("validation rejects with the same InvalidParameterError, an Error subclass, and sends nothing", async () => {
    const { client, seen } = stub(bucketReport())
    const api = AdminApi.createClient({ apiKey: KEY, httpClient: client })
    const fromPage = await api
      .costReportPage({ startingAt: "2026-03-01", limit: 99 })
      .catch((e: unknown) => e)
    const fromIterable = await (async () => {
      for await (const _ of api.claudeCodeUsage({ from: "2026-03-02", to: "2026-03-01" })) void _
    })().catch((e: unknown) => e)
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
    const error = await (async () => {
      for await (const _ of api.costReport(days(3))) void _
    })().catch((e: unknown) => e)
    await api.dispose()
    expect(error).toBeInstanceOf(AdminApiError.PermissionError)
    expect(error).toMatchObject({ _tag: "PermissionError", status: 403, requestId: "req_403" })
    expect((error as Error).message).toContain("Admin keys")
    expect(`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain(KEY)
  })

  it("retries with the same policy and reports each retry to onRetry", async () => {
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

  it("uses fetch for production; the key comes from ANTHROPIC_ADMIN_API_KEY when not given", async () => {
    vi.stubEnv("ANTHROPIC_ADMIN_API_KEY", "sk-ant-admin01-from-env")
    vi.stubEnv("ANTHROPIC_BASE_URL", "https://proxy.example")
    const calls: Array<{ url: string; key: string | null }> = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls.push({ url: String(input), key: new Headers(init?.headers).get("x-api-key") })
      return new Response(JSON.stringify({ data: [], has_more: false, next_page: null }), {
        status: 200,
        headers: { "content-type": "application/json" }
      })
    }
    const api = AdminApi.createClient({ fetch })
    const page = await api.claudeCodeUsagePage({ day: "2026-03-01" })
    await api.dispose()
    expect(page.data).toEqual([])
    expect(calls).toEqual([
      {
        url: "https://proxy.example/v1/organizations/usage_report/claude_code?starting_at=2026-03-01",
        key: "sk-ant-admin01-from-env"
      }
    ])
  })

  it("without apiKey or ANTHROPIC_ADMIN_API_KEY, rejects with InvalidParameterError on apiKey", async () => {
    vi.stubEnv("ANTHROPIC_ADMIN_API_KEY", undefined)
    const api = AdminApi.createClient({ fetch: () => Promise.reject(new Error("must not be called")) })
    const error = await api.messagesUsagePage(days(1)).catch((e: unknown) => e)
    await api.dispose()
    expect(error).toMatchObject({ _tag: "InvalidParameterError", field: "apiKey" })
    expect(error).toBeInstanceOf(Error)
  })
})
