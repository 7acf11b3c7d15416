/**
 * Without `ctx.logger`, the connector logs as rawdash's default connector
 * logger does (`createDefaultConnectorLogger({ scope: id })`): one line per
 * event on `console.info` / `console.warn`, `[anthropic] event k=v k=v`.
 */
import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import AnthropicConnector from "../src/index.js"
import { formatLine } from "../src/internal/log.js"
import { MemoryStorage } from "./support/MemoryStorage.js"
import {
  apiError,
  bucket,
  COST_PATH,
  costRow,
  page,
  scriptedApi,
  USAGE_PATH,
  usageRow
} from "./support/ScriptedApi.js"

const DAY = 86_400_000
const TODAY = Math.floor(Date.now() / DAY) * DAY

afterEach(() => {
  vi.restoreAllMocks()
})

describe("rawdash-format logging when ctx.logger is absent", () => {
  it("formats [scope] event k=v: quoted when a value has spaces, quotes or '=', null printed, undefined left out", () => {
    expect(formatLine("anthropic", "resource done", { resource: "cost_report", pages: 2, done: true })).toBe(
      "[anthropic] resource done resource=cost_report pages=2 done=true"
    )
    expect(
      formatLine("anthropic", "fetch page failed", {
        error: 'HTTP 429 "slow down"',
        next: null,
        x: undefined
      })
    ).toBe('[anthropic] fetch page failed error="HTTP 429 \\"slow down\\"" next=null')
    expect(formatLine("anthropic", "e", { a: "k=v", o: { n: 1 } })).toBe('[anthropic] e a="k=v" o={"n":1}')
    expect(formatLine("anthropic", "e", { long: "x".repeat(200) })).toBe(
      `[anthropic] e long=${"x".repeat(119)}…`
    )
    expect(formatLine("anthropic", "e")).toBe("[anthropic] e")
  })

  it("a sync logs its pages and its end on console.info, retries and failures on console.warn", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {})
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    const api = scriptedApi({
      [USAGE_PATH]: [{ body: page([bucket(TODAY, [usageRow({ uncached_input_tokens: 5 })])]) }],
      [COST_PATH]: [
        apiError(429, "rate_limit_error", "slow down"),
        { body: page([bucket(TODAY, [costRow({ amount: "100" })])]) }
      ]
    })
    const connector = new AnthropicConnector(
      { lookbackDays: 2 },
      { adminApiKey: "sk-ant-admin01-LOGSECRET" },
      {
        httpClient: api.client,
        client: { retry: { baseDelay: "1 millis", maxDelay: "1 millis", floor: "1 millis" } }
      }
    )
    expect(await connector.sync({ mode: "full" }, new MemoryStorage())).toEqual({ done: true })
    const infos = info.mock.calls.map((call) => String(call[0]))
    const warns = warn.mock.calls.map((call) => String(call[0]))
    // items: the window's two daily buckets (the live API sends empty days too)
    expect(infos).toContainEqual(
      expect.stringMatching(
        /^\[anthropic\] fetched page resource=usage_messages page=1 items=2 rows=5 from=\S+ to=\S+ next=null duration_ms=\d+$/
      )
    )
    expect(infos).toContainEqual(
      expect.stringMatching(
        /^\[anthropic\] resource done resource=cost_report pages=1 items=2 rows=1 duration_ms=\d+$/
      )
    )
    expect(warns).toContainEqual(
      expect.stringMatching(
        /^\[anthropic\] request retry error=RateLimitError message="[^"]*" attempt=1 delay_ms=\d+$/
      )
    )
    for (const line of [...infos, ...warns]) {
      expect(line.startsWith("[anthropic] ")).toBe(true)
      expect(line).not.toContain("LOGSECRET")
      // one argument, one line: no Effect logfmt (timestamp=… level=… fiber=…)
      expect(line).not.toMatch(/timestamp=|fiber=/)
    }
  })
})
