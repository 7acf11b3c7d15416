// The README's "Without Effect" example, run as a test.
import { afterAll, beforeAll, expect, test } from "vitest"
import { FakeServer } from "@rawdash/anthropic-admin-api-testing"

let server: FakeServer.RunningServer
beforeAll(async () => {
  server = await FakeServer.serve({ organization: { seed: 1, days: 14, now: Date.UTC(2026, 2, 15) } })
})
afterAll(() => server.close())

test("my client reads the usage report grouped by model", async () => {
  const res = await fetch(
    `${server.url}/v1/organizations/usage_report/messages?starting_at=2026-03-01T00:00:00Z&group_by[]=model`,
    { headers: { "x-api-key": "sk-ant-admin01-test", "anthropic-version": "2023-06-01" } }
  )
  expect(res.status).toBe(200)
  const body = (await res.json()) as { data: ReadonlyArray<unknown>; has_more: boolean }
  expect(body.data).toHaveLength(7)
  expect(server.log[0]?.query["group_by[]"]).toEqual(["model"])
})
