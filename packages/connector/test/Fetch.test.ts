/**
 * With no `httpClient` in the context, requests go through the global
 * `fetch`, called as rawdash's connectors call it and as rawdash's test stubs
 * (`installFetchMock`, `url.includes(...)`) expect: `fetch(url: string, init)`,
 * never with a `URL` object. The stub is looked up per call, so one installed
 * after the connector was built is used.
 */
import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { Effect } from "effect"
import AnthropicConnector from "../src/index.js"
import { MemoryStorage } from "./support/MemoryStorage.js"

const KEY = "sk-ant-admin01-fetch"

afterEach(() => {
  vi.unstubAllGlobals()
})

describe("fetch", () => {
  it.live("is called with the request URL as a string (query included) and the request init", () =>
    Effect.gen(function* () {
      const server = yield* FakeServer.scoped({
        organization: FakeOrganization.make({ seed: 2, days: 5 }),
        adminKeys: [KEY],
        specMinimal: true
      })
      const connector = new AnthropicConnector(
        { lookbackDays: 2, baseUrl: server.url },
        { adminApiKey: KEY },
        // no retries: a refused call fails the sync at once instead of being retried for minutes
        { logger: { info: () => {}, warn: () => {} }, client: { retry: false } }
      )
      const realFetch = globalThis.fetch
      const inputs: Array<unknown> = []
      // rawdash's stubs treat the first argument as a string
      vi.stubGlobal("fetch", (input: unknown, init?: RequestInit) => {
        inputs.push(input)
        if (typeof input !== "string") return Promise.reject(new TypeError("url.includes is not a function"))
        return realFetch(input, init)
      })
      const result = yield* Effect.promise(() => connector.sync({ mode: "full" }, new MemoryStorage()))
      expect(result).toEqual({ done: true })
      // 3 usage requests (the plan) and 1 cost request, every one a string URL with its query
      expect(inputs).toHaveLength(4)
      for (const input of inputs) {
        expect(typeof input).toBe("string")
        expect(input).toMatch(
          new RegExp(`^${server.url}/v1/organizations/(usage_report/messages|cost_report)\\?starting_at=`)
        )
      }
      expect(inputs.filter((url) => String(url).includes("/cost_report"))).toHaveLength(1)
      expect(inputs.some((url) => String(url).includes("bucket_width=1d"))).toBe(true)
    }).pipe(Effect.scoped)
  )
})
