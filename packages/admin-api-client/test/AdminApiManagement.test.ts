/**
 * The Promise facade's analytics, management and names calls, end to end
 * against the testing kit's loopback server over real `fetch`: plain JSON
 * values (RFC 3339 strings, exact decimal strings, `null` for absent), id
 * cursors both ways, mutations, and the names fallback warning going to the
 * client's logger.
 */
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { describe, expect, it } from "@effect/vitest"
import { AdminApi, DecimalString } from "../src/index.js"
import { KEY } from "./support/stub.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const org = FakeOrganization.make({ seed: 7, days: 40, now: NOW })

const withClient = async <A>(
  options: Omit<FakeServer.ServeOptions, "organization">,
  f: (client: AdminApi.Client, server: FakeServer.RunningServer) => Promise<A>,
  clientOptions: AdminApi.ClientOptions = {}
): Promise<A> => {
  const server = await FakeServer.serve({ organization: org, clock: () => NOW, ...options })
  const client = AdminApi.createClient({ apiKey: KEY, baseUrl: server.url, ...clientOptions })
  try {
    return await f(client, server)
  } finally {
    await client.dispose()
    await server.close()
  }
}

const collect = async <A>(iterable: AsyncIterable<A>): Promise<Array<A>> => {
  const out: Array<A> = []
  for await (const item of iterable) out.push(item)
  return out
}

describe("AdminApi: analytics", () => {
  it("cost rows are plain: instants as strings, cents and dollars as exact decimal strings", () =>
    withClient({}, async (client, server) => {
      const rows = await collect(
        client.analyticsCostRows({
          startingAt: "2026-03-01",
          endingAt: "2026-03-03",
          timeBucketWidth: "1d",
          groupBy: ["api_key_id", "cost_type"]
        })
      )
      expect(rows.length).toBeGreaterThan(0)
      const row = rows[0]!
      expect(row.starting_at).toBe("2026-03-01T00:00:00Z")
      expect(typeof row.cost.amount).toBe("string")
      expect(row.cost.amount_usd).toBe(DecimalString.centsToDollars(row.cost.amount))
      expect(row.cost.list_amount_usd).toBe(DecimalString.centsToDollars(row.cost.list_amount!))
      expect(row.cost.requests).toBeNull() // fan-out rows
      expect(row.group.actor).toBeNull()
      expect(JSON.parse(JSON.stringify(row))).toEqual(row)
      expect(server.log[0]?.headers["anthropic-beta"]).toBe("analytics-usage-cost-2026-08-24")
    }))

  it("pages carry data_refreshed_at; one page with withResponse()", () =>
    withClient({}, async (client) => {
      const params = {
        startingAt: "2026-03-01",
        endingAt: "2026-03-03",
        timeBucketWidth: "1d",
        groupBy: ["model"],
        limit: 2
      } as const
      const pages = await collect(client.analyticsUsagePages(params))
      expect(pages.length).toBeGreaterThan(1)
      for (const page of pages) expect(page.data_refreshed_at).toBe("2026-03-15T12:00:00Z")
      const { data, request_id } = await client.analyticsUsagePage(params).withResponse()
      expect(data.next_page).toBe(pages[0]!.next_page)
      expect(data.data_refreshed_at).toBe("2026-03-15T12:00:00Z")
      expect(request_id).toMatch(/^req_fake/)
      const buckets = await collect(client.analyticsUsage({ ...params, limit: undefined }))
      expect(buckets.map((b) => b.starting_at)).toEqual(["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"])
      expect(buckets[0]?.data_refreshed_at).toBe("2026-03-15T12:00:00Z")
    }))

  it("a validation error rejects before sending, naming the field", () =>
    withClient({}, async (client, server) => {
      await expect(client.analyticsCostPage({ startingAt: "2025-06-01" })).rejects.toMatchObject({
        _tag: "InvalidParameterError",
        field: "startingAt"
      })
      expect(server.log).toHaveLength(0)
    }))
})

describe("AdminApi: management", () => {
  it("lists page both ways; objects are plain; mutations send JSON", () =>
    withClient({}, async (client, server) => {
      const me = await client.organization()
      expect(me.type).toBe("organization")
      const users = await collect(client.users.list({ limit: 2 }))
      expect(users[0]?.id).toBe("user_01fake")
      expect(users[0]?.added_at).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/)
      const pages = await collect(client.users.listPages({ limit: 2 }))
      expect(pages[1]?.after_id).toBe(pages[0]?.last_id)
      const back = await collect(client.users.listPages({ limit: 2, beforeId: users.at(-1)!.id }))
      expect(back[0]?.before_id).toBe(users.at(-1)!.id)
      expect(back[1]?.before_id).toBe(back[0]?.first_id)
      const first = await client.users.listPage({ limit: 1 })
      expect(first).toEqual({
        data: [users[0]],
        has_more: true,
        first_id: "user_01fake",
        last_id: "user_01fake"
      })

      const invite = await client.invites.create({ email: "plain@example.com", role: "user" })
      expect(invite.invited_at).toMatch(/^2026-03-15T12:00:00Z$/)
      expect(invite.accepted_at).toBeNull()
      expect(await client.invites.remove(invite.id)).toEqual({ id: invite.id, type: "invite_deleted" })
      const ws = await client.workspaces.create({ name: "Plain" })
      expect(ws.created_at).toBe("2026-03-15T12:00:00Z")
      expect((await client.workspaces.archive(ws.id)).archived_at).toBe("2026-03-15T12:00:00Z")
      const members = await collect(client.workspaceMembers.list("wrkspc_01afake"))
      expect(members.length).toBeGreaterThan(0)
      const keys = await collect(client.apiKeys.list())
      expect(keys[0]?.created_at).toMatch(/Z$/)
      const limits = await collect(
        client.rateLimits.workspaceList("wrkspc_01afake", { includeInherited: true })
      )
      expect(limits.length).toBeGreaterThan(0)
      const posted = server.log.filter((e) => e.method === "POST")
      expect(posted.map((e) => [e.path, e.body === undefined ? undefined : JSON.parse(e.body)])).toEqual([
        ["/v1/organizations/invites", { email: "plain@example.com", role: "user" }],
        ["/v1/organizations/workspaces", { name: "Plain" }],
        [`/v1/organizations/workspaces/${ws.id}/archive`, undefined]
      ])
    }))

  it("names(): one listing per kind; the fallback warns once through the client's logger", () => {
    const warnings: Array<string> = []
    const logger = {
      debug: () => {},
      info: () => {},
      warn: (m: string) => void warnings.push(m),
      error: () => {}
    }
    return withClient(
      { deny: ["api_keys"] },
      async (client, server) => {
        const names = client.names()
        const ids = org.apiKeys.map((k) => k.id)
        expect(await Promise.all(ids.map((id) => names.apiKey(id)))).toEqual(ids)
        expect(await names.workspace(null)).toBe("Default Workspace")
        expect(await names.workspace("wrkspc_01afake")).toBe("Workspace 1")
        expect(warnings).toHaveLength(1)
        expect(warnings[0]).toContain("could not list API keys")
        expect(server.log.filter((e) => e.path === "/v1/organizations/api_keys")).toHaveLength(1)
      },
      { logger }
    )
  })
})
