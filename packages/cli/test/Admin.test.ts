/**
 * End-to-end through the built binary: the organisation commands
 * (`workspaces`, `api-keys`, `users`, `invites`) in every format, the
 * analytics API behind `usage`/`cost --api analytics`, and `--names` (names
 * next to ids, at most one listing per kind per run, ids and one warning
 * when a listing is denied) — checked against the fake organisation's own
 * truth and the fake's request log. The clock is pinned to the fake's `now`.
 */
import { type FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { BigDecimal } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  cli,
  costOf,
  daysBetween,
  dec,
  dollars,
  KEY,
  num,
  parseCsv,
  parseNdjson,
  tableRows,
  toCentsRounded
} from "./support/cli.js"

const NOW = Date.parse("2026-11-25T15:00:00Z")
const env = { ANTHROPIC_ADMIN_API_KEY: KEY, ANTHROPIC_ADMIN_NOW: new Date(NOW).toISOString() }
const LAST_WEEK = daysBetween(Date.parse("2026-11-16T00:00:00Z"), Date.parse("2026-11-23T00:00:00Z"))
const ORGANIZATION = { seed: 5, days: 60, now: NOW, workspaces: 3 } as const

let server: FakeServer.RunningServer
let org: FakeOrganization.FakeOrganization
const run = (args: ReadonlyArray<string>, on: FakeServer.RunningServer = server) =>
  cli([...args, "--base-url", on.url], env)

beforeAll(async () => {
  server = await FakeServer.serve({
    organization: ORGANIZATION,
    specMinimal: true,
    rateLimit: { requestsPerMinute: 100_000 }
  })
  org = server.api.organization
})

afterAll(async () => {
  await server.close()
})

/** A json record as its csv row: `null` empty, objects as JSON text, the rest as text. */
const asCsv = (record: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)
    ])
  )

/** One command in every format: json, and ndjson and csv that carry exactly its records; the table. */
const everyFormat = async (args: ReadonlyArray<string>) => {
  const [json, ndjson, csv, table] = await Promise.all([
    run([...args, "--format", "json"]),
    run([...args, "--format", "ndjson"]),
    run([...args, "--format", "csv"]),
    run(args)
  ])
  for (const r of [json, ndjson, csv, table]) {
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
  }
  const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
  expect(parseNdjson(ndjson.stdout)).toEqual(records)
  expect(csv.stdout.split("\n")[0]).toBe(Object.keys(records[0]!).join(","))
  expect(parseCsv(csv.stdout)).toEqual(records.map(asCsv))
  return { records, table: tableRows(table.stdout), title: table.stdout.split("\n")[0] }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

describe.concurrent("organisation commands, every format", () => {
  it("workspaces: the named workspaces with their names, residency and tags", async () => {
    const { records, table, title } = await everyFormat(["workspaces"])
    const named = org.workspaces.filter((w) => w.id !== null)
    expect(records.map((r) => [r.id, r.name, r.created_at, r.archived_at])).toEqual(
      named.map((w) => [w.taggedId, w.name, iso(w.createdAt), null])
    )
    expect(records.every((r) => r.workspace_geo === "us" && typeof r.tags === "object")).toBe(true)
    expect(title).toBe(`Workspaces (${named.length})`)
    expect(table.header.slice(0, 3)).toEqual(["name", "id", "created"])
    expect(table.body.map((r) => [r[0], r[1]])).toEqual(named.map((w) => [w.name, w.taggedId]))
  })

  it("api-keys: every key with its status, workspace and creator; never a key, only the API's hint", async () => {
    const { records, table } = await everyFormat(["api-keys"])
    const tagged = new Map(org.workspaces.map((w) => [w.id, w.taggedId]))
    expect(records.map((r) => [r.id, r.name, r.status, r.workspace_id, r.created_by_id])).toEqual(
      org.apiKeys.map((k) => [k.id, k.name, k.status, tagged.get(k.workspaceId), k.createdBy])
    )
    for (const r of records) expect(r.partial_key_hint).toMatch(/^sk-ant-api03-\w{3}\.\.\.\w{4}$/)
    expect(table.header.slice(0, 4)).toEqual(["name", "id", "status", "workspace"])
    expect(table.body.map((r) => r[1])).toEqual(org.apiKeys.map((k) => k.id))
  })

  it("users: the members (former members are not listed)", async () => {
    const { records, table } = await everyFormat(["users"])
    const members = org.users.filter((u) => u.member)
    expect(records.map((r) => [r.id, r.email, r.name, r.role, r.added_at])).toEqual(
      members.map((u) => [u.id, u.email, u.name, u.role, iso(u.addedAt)])
    )
    expect(table.body.map((r) => r[0])).toEqual(members.map((u) => u.email))
  })

  it("invites: pending, accepted and expired, with their dates", async () => {
    const { records, table } = await everyFormat(["invites"])
    expect(records.map((r) => [r.id, r.email, r.role, r.status, r.invited_at, r.expires_at])).toEqual(
      org.invites.map((i) => [i.id, i.email, i.role, i.status, iso(i.invitedAt), iso(i.expiresAt)])
    )
    expect(table.body.map((r) => r[2])).toEqual(org.invites.map((i) => i.status))
  })

  it("filters reach the API: --status, --role, --include-archived", async () => {
    const [inactive, admins, pending, archived] = await Promise.all([
      run(["api-keys", "--status", "inactive", "--format", "json"]),
      run(["users", "--role", "admin", "--format", "json"]),
      run(["invites", "--status", "pending", "--format", "json"]),
      run(["workspaces", "--include-archived", "--format", "json"])
    ])
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as Array<{ id: string }>).map((x) => x.id)
    expect(ids(inactive)).toEqual(org.apiKeys.filter((k) => k.status === "inactive").map((k) => k.id))
    expect(ids(admins)).toEqual(org.users.filter((u) => u.member && u.role === "admin").map((u) => u.id))
    expect(ids(pending)).toEqual(org.invites.filter((i) => i.status === "pending").map((i) => i.id))
    expect(ids(archived)).toHaveLength(org.workspaces.length - 1)
    const sent = (path: string, key: string) =>
      server.log.filter((e) => e.path === path && e.query[key] !== undefined).map((e) => e.query[key])
    expect(sent("/v1/organizations/api_keys", "status")).toContainEqual("inactive")
    expect(sent("/v1/organizations/users", "roles[]")).toContainEqual(["admin"])
    expect(sent("/v1/organizations/invites", "statuses[]")).toContainEqual(["pending"])
    expect(sent("/v1/organizations/workspaces", "include_archived")).toContainEqual("true")
  })
})

describe.concurrent("--api analytics", () => {
  it("cost --group-by api_key_id: every key and the keyless usage, adding up to the legacy Cost Report's total", async () => {
    const [analytics, legacy, table] = await Promise.all([
      run([
        "cost",
        "--api",
        "analytics",
        "--period",
        "last-week",
        "--group-by",
        "api_key_id",
        "--format",
        "json"
      ]),
      run(["cost", "--period", "last-week", "--rows", "total", "--format", "json"]),
      run(["cost", "--api", "analytics", "--period", "last-week", "--group-by", "api_key_id"])
    ])
    for (const r of [analytics, legacy, table]) {
      expect(r.stderr).toBe("")
      expect(r.code).toBe(0)
    }
    const rows = JSON.parse(analytics.stdout) as Array<Record<string, string | null>>
    const total = BigDecimal.sumAll(rows.map((r) => dec(r.amount_cents!)))
    const [legacyTotal] = JSON.parse(legacy.stdout) as Array<Record<string, string>>
    expect(BigDecimal.equals(total, dec(legacyTotal!.amount_cents!))).toBe(true)
    expect(BigDecimal.equals(total, costOf(org, LAST_WEEK))).toBe(true)
    // One row per day and key; usage without a key is "none", apart from an ungrouped api_key_id.
    expect(new Set(rows.map((r) => r.api_key_id))).toEqual(new Set([...org.apiKeys.map((k) => k.id), "none"]))
    const { body, total: totals } = tableRows(table.stdout)
    expect(body.map((r) => r[0])).toContain("(no key)")
    expect(num(totals![2])).toBe(toCentsRounded(dollars(costOf(org, LAST_WEEK))))
    const sent = server.log.filter((e) => e.path === "/v1/organizations/analytics/cost")
    expect(sent.length).toBeGreaterThan(0)
    for (const e of sent) expect(e.headers["anthropic-beta"]).toContain("analytics-usage-cost-2026-08-24")
  })

  it("usage: the same tokens as the legacy report, with requests, by actor and product, cost per group", async () => {
    const [analytics, legacy, byActor] = await Promise.all([
      run(["usage", "--api", "analytics", "--period", "last-week", "--rows", "total", "--format", "json"]),
      run(["usage", "--period", "last-week", "--rows", "total", "--format", "json"]),
      run([
        "usage",
        "--api",
        "analytics",
        "--period",
        "last-week",
        "--group-by",
        "actor,product",
        "--rows",
        "total",
        "--format",
        "json"
      ])
    ])
    const [a] = JSON.parse(analytics.stdout) as Array<Record<string, unknown>>
    const [l] = JSON.parse(legacy.stdout) as Array<Record<string, unknown>>
    for (const field of ["uncached_input_tokens", "output_tokens", "cache_read_input_tokens"]) {
      expect(a![field]).toBe(l![field])
    }
    expect(a!.requests as number).toBeGreaterThan(0)
    const rows = JSON.parse(byActor.stdout) as Array<Record<string, unknown>>
    expect(rows.reduce((s, r) => s + (r.output_tokens as number), 0)).toBe(a!.output_tokens)
    const cost = BigDecimal.sumAll(rows.map((r) => dec(r.cost_cents as string)))
    expect(BigDecimal.equals(cost, costOf(org, LAST_WEEK))).toBe(true)
    expect(rows.some((r) => (r.actor as { type?: string } | null)?.type === "user_actor")).toBe(true)
  })

  it("each API's own dimensions: the other's are refused, naming the flag", async () => {
    const [legacyOnly, analyticsOnly, lineItem, hourly] = await Promise.all([
      run(["usage", "--api", "analytics", "--group-by", "service_account_id"]),
      run(["usage", "--group-by", "actor"]),
      run(["cost", "--api", "analytics", "--group-by", "description"]),
      run(["cost", "--bucket", "1h"])
    ])
    for (const [r, flag] of [
      [legacyOnly, "--group-by"],
      [analyticsOnly, "--group-by"],
      [lineItem, "--group-by"],
      [hourly, "--bucket"]
    ] as const) {
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(new RegExp(`^anthropic-admin: ${flag}: `))
    }
    expect(analyticsOnly.stderr).toContain("--api analytics")
  })
})

describe.concurrent("--names", () => {
  const listings = (log: FakeServer.RunningServer["log"], from: number) => {
    const own = log.slice(from)
    return {
      apiKeys: own.filter((e) => e.path === "/v1/organizations/api_keys").length,
      workspaces: own.filter((e) => e.path === "/v1/organizations/workspaces").length,
      users: own.filter((e) => e.path === "/v1/organizations/users").length
    }
  }

  it("key and workspace names next to their ids, from at most one listing per kind per run", async () => {
    const own = await FakeServer.serve({ organization: ORGANIZATION, specMinimal: true })
    try {
      const runs = [
        [
          "usage",
          "--period",
          "last-week",
          "--bucket",
          "1d",
          "--group-by",
          "api_key_id,workspace_id",
          "--names"
        ],
        [
          "cost",
          "--api",
          "analytics",
          "--period",
          "last-week",
          "--bucket",
          "1d",
          "--group-by",
          "api_key_id,workspace_id,actor",
          "--names",
          "--format",
          "json"
        ],
        ["usage", "--period", "last-week", "--group-by", "api_key_id"]
      ]
      const counts: Array<ReturnType<typeof listings>> = []
      const outputs: Array<string> = []
      for (const args of runs) {
        const from = own.log.length
        const r = await run(args, own)
        expect(r.stderr).toBe("")
        expect(r.code).toBe(0)
        counts.push(listings(own.log, from))
        outputs.push(r.stdout)
      }
      // Daily rows name every key many times over: still one listing of keys and one of workspaces.
      expect(counts[0]).toEqual({ apiKeys: 1, workspaces: 1, users: 0 })
      expect(counts[1]).toEqual({ apiKeys: 1, workspaces: 1, users: 1 })
      // Without --names, nothing is listed.
      expect(counts[2]).toEqual({ apiKeys: 0, workspaces: 0, users: 0 })
      const { body } = tableRows(outputs[0]!)
      for (const key of org.apiKeys) expect(body.map((r) => r[1])).toContain(`${key.name} (${key.id})`)
      for (const w of org.workspaces.filter((w) => w.id !== null)) {
        expect(body.map((r) => r[2])).toContain(`${w.name} (${w.id})`)
      }
      const records = JSON.parse(outputs[1]!) as Array<Record<string, unknown>>
      for (const r of records) {
        const key = org.apiKeys.find((k) => k.id === r.api_key_id)
        expect(r.api_key_name).toBe(key?.name ?? null)
        // The analytics API names the Default Workspace by its own id: its name is looked up too.
        expect(r.workspace_name).toBe(org.workspaces.find((w) => w.taggedId === r.workspace_id)!.name)
      }
      expect(
        records.some((r) => typeof r.actor_name === "string" && r.actor_name.endsWith("@example.com"))
      ).toBe(true)
    } finally {
      await own.close()
    }
  })

  it("a key that may not list API keys: ids, and one warning, however many keys", async () => {
    const denied = await FakeServer.serve({
      organization: ORGANIZATION,
      specMinimal: true,
      deny: ["api_keys"]
    })
    try {
      const [table, json] = await Promise.all([
        run(
          [
            "usage",
            "--period",
            "last-week",
            "--bucket",
            "1d",
            "--group-by",
            "api_key_id,workspace_id",
            "--names"
          ],
          denied
        ),
        run(
          ["usage", "--period", "last-week", "--group-by", "api_key_id", "--names", "--format", "json"],
          denied
        )
      ])
      for (const r of [table, json]) {
        expect(r.code).toBe(0)
        const lines = r.stderr.trimEnd().split("\n")
        expect(lines).toHaveLength(1)
        expect(lines[0]).toMatch(
          /^anthropic-admin: warning: --names: could not list API keys \(PermissionError/
        )
        expect(lines[0]).toContain("showing API key ids instead of names")
      }
      const ids = tableRows(table.stdout).body.map((r) => r[1])
      for (const key of org.apiKeys) expect(ids).toContain(key.id)
      // Workspace names still come, from their own listing.
      expect(tableRows(table.stdout).body.map((r) => r[2])).toContain(
        `${org.workspaces[1]!.name} (${org.workspaces[1]!.id})`
      )
      const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
      expect(records.every((r) => r.api_key_name === null)).toBe(true)
      expect(denied.log.filter((e) => e.path === "/v1/organizations/api_keys").map((e) => e.status)).toEqual([
        403, 403
      ])
    } finally {
      await denied.close()
    }
  })
})
