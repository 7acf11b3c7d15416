/**
 * End-to-end through the built binary: the views people ask for — calendar
 * periods, weekly and monthly roll-ups, --sort and --top with an exact
 * "other" row, the Default Workspace marker, the sync summary's exact sums —
 * checked against the fake organisation's own numbers. The binary's clock
 * is pinned (ANTHROPIC_ADMIN_NOW) to the fake's `now`, a Wednesday.
 */
import { FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { BigDecimal } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  cli,
  costOf,
  DAY,
  daysBetween,
  dec,
  dollars,
  iso,
  KEY,
  num,
  parseCsv,
  sameDecimal,
  tableRows,
  toCentsRounded
} from "./support/cli.js"

const NOW = Date.parse("2026-11-25T15:00:00Z")
const at = (day: string) => Date.parse(`${day}T00:00:00Z`)
const env = { ANTHROPIC_ADMIN_API_KEY: KEY, ANTHROPIC_ADMIN_NOW: new Date(NOW).toISOString() }

let server: FakeServer.RunningServer
let org: FakeOrganization.FakeOrganization
const run = (args: ReadonlyArray<string>) => cli([...args, "--base-url", server.url], env)

beforeAll(async () => {
  server = await FakeServer.serve({
    organization: { seed: 7, days: 75, now: NOW, workspaces: 3 },
    specMinimal: true,
    rateLimit: { requestsPerMinute: 100_000 }
  })
  org = server.api.organization
})

afterAll(async () => {
  await server.close()
})

type Usage = FakeOrganization.UsageRecord
const usageIn = (start: number, end: number, keep: (u: Usage) => boolean = () => true) =>
  org.usage.filter((u) => u.day >= start && u.day < end && keep(u))
const sum = (records: ReadonlyArray<Usage>, f: (u: Usage) => number) => records.reduce((s, u) => s + f(u), 0)
/** Exact token cost of a model (all workspaces) over days, in cents. */
const tokenCost = (days: ReadonlyArray<number>, model?: string) =>
  BigDecimal.sumAll(
    days.flatMap((d) =>
      FakeOrganization.costLines(org, d)
        .filter((l) => l.cost_type === "tokens" && (model === undefined || l.model === model))
        .map((l) => dec(l.amount))
    )
  )

describe.concurrent("periods", () => {
  it("--period last-month: October whole, labelled with its days, summed exactly", async () => {
    const [table, json] = await Promise.all([
      run(["usage", "--period", "last-month", "--group-by", "model"]),
      run(["usage", "--period", "last-month", "--group-by", "model", "--format", "json", "--rows", "total"])
    ])
    expect(table.stderr).toBe("")
    expect(table.stdout.split("\n")[0]).toBe("Usage 2026-10-01 → 2026-10-31 (31 days, last month), by model")
    const october = daysBetween(at("2026-10-01"), at("2026-11-01"))
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    expect(records.map((r) => r.model).sort()).toEqual([...org.models].sort())
    for (const r of records) {
      expect([r.starting_at, r.ending_at]).toEqual(["2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"])
      const mine = usageIn(at("2026-10-01"), at("2026-11-01"), (u) => u.model === r.model)
      expect(r.output_tokens).toBe(sum(mine, (u) => u.output_tokens))
      expect(r.uncached_input_tokens).toBe(sum(mine, (u) => u.uncached_input_tokens))
      expect(sameDecimal(r.cost_cents, tokenCost(october, r.model as string))).toBe(true)
    }
  })

  it("--period this-week and last-week: ISO weeks (Monday to Sunday), this week to the end of today", async () => {
    const [thisWeek, lastWeek] = await Promise.all([
      run(["cost", "--period", "this-week", "--format", "json", "--rows", "total"]),
      run(["cost", "--period", "last-week"])
    ])
    const [record] = JSON.parse(thisWeek.stdout) as Array<Record<string, unknown>>
    expect([record!.starting_at, record!.ending_at]).toEqual(["2026-11-23T00:00:00Z", "2026-11-26T00:00:00Z"])
    expect(
      sameDecimal(record!.amount_cents, costOf(org, daysBetween(at("2026-11-23"), at("2026-11-26"))))
    ).toBe(true)
    expect(lastWeek.stdout.split("\n")[0]).toBe("Cost 2026-11-16 → 2026-11-22 (7 days, last week)")
    const { body } = tableRows(lastWeek.stdout)
    expect(num(body[0]![1])).toBe(
      toCentsRounded(dollars(costOf(org, daysBetween(at("2026-11-16"), at("2026-11-23")))))
    )
  })

  it("claude-code --date yesterday: the records of 2026-11-24", async () => {
    const { code, stdout, stderr } = await run(["claude-code", "--date", "yesterday", "--format", "json"])
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const truth = FakeOrganization.claudeCodeRecords(org, at("2026-11-24"))
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>
    expect(truth.length).toBeGreaterThan(0)
    expect(records.map((r) => [r.starting_at, r.num_sessions])).toEqual(
      truth.map((t) => ["2026-11-24T00:00:00Z", t.core_metrics.num_sessions])
    )
  })
})

describe.concurrent("roll-ups", () => {
  it("usage --bucket week: ISO weeks added up exactly from the days, cut to the range, labelled with their days", async () => {
    const args = ["usage", "--period", "last-month", "--bucket", "week", "--group-by", "model"]
    const [json, table] = await Promise.all([run([...args, "--format", "json"]), run(args)])
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    const weeks = [...new Set(records.map((r) => `${r.starting_at} ${r.ending_at}`))]
    expect(weeks).toEqual([
      "2026-10-01T00:00:00Z 2026-10-05T00:00:00Z",
      "2026-10-05T00:00:00Z 2026-10-12T00:00:00Z",
      "2026-10-12T00:00:00Z 2026-10-19T00:00:00Z",
      "2026-10-19T00:00:00Z 2026-10-26T00:00:00Z",
      "2026-10-26T00:00:00Z 2026-11-01T00:00:00Z"
    ])
    for (const r of records) {
      const start = Date.parse(r.starting_at as string)
      const end = Date.parse(r.ending_at as string)
      const mine = usageIn(start, end, (u) => u.model === r.model)
      expect(r.output_tokens).toBe(sum(mine, (u) => u.output_tokens))
      expect(sameDecimal(r.cost_cents, tokenCost(daysBetween(start, end), r.model as string))).toBe(true)
    }
    expect(table.stdout.split("\n")[0]).toBe(
      "Usage 2026-10-01 → 2026-10-31 (31 days, last month), by model, per ISO week (Monday to Sunday, UTC)"
    )
    const { header, body } = tableRows(table.stdout)
    expect(header[0]).toBe("week (ISO, UTC)")
    expect(body[0]![0]).toBe("2026-10-01 → 2026-10-04")
    expect(body.at(-1)![0]).toBe("2026-10-26 → 2026-10-31")
    expect(table.stdout).toContain("The range cuts its first or last week")
  })

  it("cost --bucket month: whole months as YYYY-MM, the cut one by its days; amounts exact", async () => {
    const [json, table] = await Promise.all([
      run(["cost", "--start", "2026-09-20", "--end", "2026-11-25", "--bucket", "month", "--format", "json"]),
      run(["cost", "--start", "2026-09-20", "--end", "2026-11-25", "--bucket", "month"])
    ])
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    expect(records.map((r) => [r.starting_at, r.ending_at])).toEqual([
      ["2026-09-20T00:00:00Z", "2026-10-01T00:00:00Z"],
      ["2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"],
      ["2026-11-01T00:00:00Z", "2026-11-26T00:00:00Z"]
    ])
    for (const r of records) {
      const days = daysBetween(Date.parse(r.starting_at as string), Date.parse(r.ending_at as string))
      expect(sameDecimal(r.amount_cents, costOf(org, days))).toBe(true)
    }
    const { body, total } = tableRows(table.stdout)
    expect(body.map((r) => r[0])).toEqual(["2026-09-20 → 2026-09-30", "2026-10", "2026-11-01 → 2026-11-25"])
    expect(num(total![1])).toBe(
      toCentsRounded(dollars(costOf(org, daysBetween(at("2026-09-20"), at("2026-11-26")))))
    )
  })

  it("claude-code --bucket week: one row per actor and week, remote and local added up", async () => {
    const { stdout } = await run([
      "claude-code",
      "--period",
      "last-week",
      "--bucket",
      "week",
      "--format",
      "json"
    ])
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>
    const truth = daysBetween(at("2026-11-16"), at("2026-11-23")).flatMap((d) =>
      FakeOrganization.claudeCodeRecords(org, d)
    )
    const actor = (t: FakeOrganization.ClaudeCodeRecord) =>
      t.actor.type === "user_actor" ? t.actor.email_address : t.actor.api_key_name
    expect(records.map((r) => r.actor).sort()).toEqual([...new Set(truth.map(actor))].sort())
    for (const r of records) {
      const mine = truth.filter((t) => actor(t) === r.actor)
      expect(r.num_sessions).toBe(mine.reduce((s, t) => s + t.core_metrics.num_sessions, 0))
      expect(r.remote_sessions).toBe(
        mine.filter((t) => t.is_remote === true).reduce((s, t) => s + t.core_metrics.num_sessions, 0)
      )
      expect([r.starting_at, r.ending_at]).toEqual([iso(at("2026-11-16")), iso(at("2026-11-23"))])
    }
  })
})

describe.concurrent("--sort and --top", () => {
  it("top keys by output tokens this week: ordered, the rest in one other row, totals unchanged", async () => {
    const args = ["usage", "--period", "this-week", "--group-by", "api_key_id"]
    const [json, all, table, full] = await Promise.all([
      run([...args, "--sort", "output_tokens", "--top", "2", "--format", "json", "--rows", "total"]),
      run([...args, "--format", "json", "--rows", "total"]),
      run([...args, "--sort", "output_tokens", "--top", "2"]),
      run(args)
    ])
    const top = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    const every = JSON.parse(all.stdout) as Array<Record<string, unknown>>
    expect(every.length).toBeGreaterThan(3)
    const sorted = [...every].sort((a, b) => (b.output_tokens as number) - (a.output_tokens as number))
    expect(top.slice(0, 2).map((r) => [r.api_key_id, r.output_tokens, r.other_groups])).toEqual(
      sorted.slice(0, 2).map((r) => [r.api_key_id, r.output_tokens, null])
    )
    const other = top[2]!
    expect(top).toHaveLength(3)
    expect(other.other_groups).toBe(every.length - 2)
    expect(other.api_key_id).toBeNull()
    for (const field of [
      "uncached_input_tokens",
      "output_tokens",
      "cache_read_input_tokens",
      "web_search_requests"
    ]) {
      expect(other[field]).toBe(sorted.slice(2).reduce((s, r) => s + (r[field] as number), 0))
    }
    const { body, total } = tableRows(table.stdout)
    expect(body[2]![0]).toBe(`other (${every.length - 2} groups)`)
    expect(total).toEqual(tableRows(full.stdout).total)
  })

  it("cost --top: the other row's amount is exact to the fraction of a cent", async () => {
    const args = [
      "cost",
      "--period",
      "last-month",
      "--group-by",
      "description",
      "--format",
      "json",
      "--rows",
      "total"
    ]
    const [top, all] = await Promise.all([run([...args, "--top", "3"]), run(args)])
    const ranked = JSON.parse(top.stdout) as Array<Record<string, unknown>>
    const every = JSON.parse(all.stdout) as Array<Record<string, unknown>>
    expect(ranked.slice(0, 3).map((r) => r.description)).toEqual(every.slice(0, 3).map((r) => r.description))
    const rest = BigDecimal.sumAll(every.slice(3).map((r) => dec(r.amount_cents as string)))
    expect(sameDecimal(ranked[3]!.amount_cents, rest)).toBe(true)
    expect(ranked[3]!.other_groups).toBe(every.length - 3)
    expect(ranked[3]!.description).toBeNull()
    const october = costOf(org, daysBetween(at("2026-10-01"), at("2026-11-01")))
    expect(
      BigDecimal.equals(BigDecimal.sumAll(ranked.map((r) => dec(r.amount_cents as string))), october)
    ).toBe(true)
  })

  it("--sort with :asc, per bucket: buckets stay in time order, rows ordered within each", async () => {
    const { stdout } = await run([
      "usage",
      "--period",
      "last-week",
      "--bucket",
      "1d",
      "--group-by",
      "model",
      "--sort",
      "output_tokens:asc",
      "--format",
      "json"
    ])
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>
    const days = records.map((r) => r.starting_at as string)
    expect(days).toEqual([...days].sort())
    for (const day of new Set(days)) {
      const tokens = records.filter((r) => r.starting_at === day).map((r) => r.output_tokens as number)
      expect(tokens).toEqual([...tokens].sort((a, b) => a - b))
    }
  })
})

describe.concurrent("the Default Workspace", () => {
  it('csv: grouped by workspace it is "default", distinct from the empty cell of an ungrouped workspace_id', async () => {
    const [grouped, ungrouped, cost, table] = await Promise.all([
      run(["usage", "--period", "last-week", "--group-by", "workspace_id", "--format", "csv"]),
      run(["usage", "--period", "last-week", "--format", "csv"]),
      run(["cost", "--period", "last-week", "--group-by", "workspace_id", "--format", "csv"]),
      run(["usage", "--period", "last-week", "--group-by", "workspace_id"])
    ])
    const rows = parseCsv(grouped.stdout)
    const ids = new Set(rows.map((r) => r.workspace_id))
    expect(ids).toEqual(new Set(["default", ...org.workspaces.filter((w) => w.id !== null).map((w) => w.id)]))
    const week = [at("2026-11-16"), at("2026-11-23")] as const
    const defaults = rows.filter((r) => r.workspace_id === "default")
    expect(defaults.reduce((s, r) => s + Number(r.output_tokens), 0)).toBe(
      sum(
        usageIn(...week, (u) => u.workspace_id === null),
        (u) => u.output_tokens
      )
    )
    expect(new Set(parseCsv(ungrouped.stdout).map((r) => r.workspace_id))).toEqual(new Set([""]))
    expect(parseCsv(cost.stdout).some((r) => r.workspace_id === "default")).toBe(true)
    expect(tableRows(table.stdout).body.map((r) => r[0])).toContain("Default Workspace")
  })
})

describe.concurrent("no API key", () => {
  const week = [at("2026-11-16"), at("2026-11-23")] as const

  it('csv/json: grouped by API key, usage without one is "none", distinct from the empty cell of an ungrouped api_key_id', async () => {
    const [grouped, ungrouped, json] = await Promise.all([
      run(["usage", "--period", "last-week", "--group-by", "api_key_id", "--format", "csv"]),
      run(["usage", "--period", "last-week", "--format", "csv"]),
      run([
        "usage",
        "--period",
        "last-week",
        "--group-by",
        "api_key_id",
        "--rows",
        "total",
        "--format",
        "json"
      ])
    ])
    const rows = parseCsv(grouped.stdout)
    expect(new Set(rows.map((r) => r.api_key_id))).toEqual(new Set(["none", ...org.apiKeys.map((k) => k.id)]))
    const none = rows.filter((r) => r.api_key_id === "none")
    expect(none.reduce((s, r) => s + Number(r.output_tokens), 0)).toBe(
      sum(
        usageIn(...week, (u) => u.api_key_id === null),
        (u) => u.output_tokens
      )
    )
    expect(new Set(parseCsv(ungrouped.stdout).map((r) => r.api_key_id))).toEqual(new Set([""]))
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    expect(records.filter((r) => r.api_key_id === "none")).toHaveLength(1)
    expect(records.some((r) => r.api_key_id === null)).toBe(false)
  })

  it("table: (no key), never (Console), also for service-account usage in named workspaces, which it names", async () => {
    const svac = org.streams.find((s) => s.service_account_id !== null && s.workspace_id !== null)
    expect(svac, "the fake has workload-identity usage in a named workspace").toBeDefined()
    const [byKey, withWorkspace] = await Promise.all([
      run(["usage", "--period", "last-week", "--group-by", "api_key_id"]),
      run(["usage", "--period", "last-week", "--group-by", "api_key_id,workspace_id,service_account_id"])
    ])
    expect(byKey.code).toBe(0)
    expect(byKey.stdout).not.toContain("Console)")
    const labels = tableRows(byKey.stdout).body.map((r) => r[0])
    expect(labels).toContain("(no key)")
    expect(byKey.stdout).toContain(
      "(no key): usage that no API key authenticated — the Console's Workbench, or a service account (workload identity); add service_account_id to --group-by to tell them apart."
    )
    const { header, body } = tableRows(withWorkspace.stdout)
    expect(header.slice(0, 3)).toEqual(["API key", "workspace", "service account"])
    const named = body.find((r) => r[1] === svac!.workspace_id && r[2] === svac!.service_account_id)
    expect(named?.[0]).toBe(`(no key: ${svac!.service_account_id})`)
    // The Console's usage (Default Workspace, no service account) is plain "(no key)".
    expect(
      body.filter((r) => r[1] === "Default Workspace" && r[0]!.startsWith("(no key")).map((r) => r[0])
    ).toEqual(["(no key)"])
  })
})

describe.concurrent("range and bucket defaults", () => {
  it("usage without --bucket: RFC 3339 instants pick the finest width their edges need, as the help says", async () => {
    const json = (start: string, end: string) =>
      run(["usage", "--start", start, "--end", end, "--format", "json"]).then(
        (r) => JSON.parse(r.stdout) as Array<Record<string, string>>
      )
    const [days, hours, minutes, help] = await Promise.all([
      json("2026-11-20", "2026-11-21T00:00:00Z"),
      json("2026-11-20T12:00:00Z", "2026-11-21T00:00:00Z"),
      json("2026-11-20T12:30:00Z", "2026-11-20T14:00:00Z"),
      cli(["usage", "--help"], {})
    ])
    const width = (rows: Array<Record<string, string>>) =>
      new Set(rows.map((r) => Date.parse(r.ending_at!) - Date.parse(r.starting_at!)))
    expect(width(days)).toEqual(new Set([DAY]))
    expect(width(hours)).toEqual(new Set([3_600_000]))
    expect(width(minutes)).toEqual(new Set([60_000]))
    const flat = help.stdout.replace(/\s+/g, " ")
    expect(flat).toContain(
      "with RFC 3339 instants, 1d if both are midnights (UTC), else 1h if both are whole hours, else 1m"
    )
  })

  it("a range that touches one day says so in the singular", async () => {
    const { code, stdout } = await run(["cost", "--last", "1h"])
    expect(code).toBe(0)
    expect(stdout).toContain("touches 1 UTC day, and it is counted whole.")
    expect(stdout).not.toContain("they are")
  })

  it("--name=value works for repeatable flags too: --group-by=model is --group-by model", async () => {
    const [eq, spaced] = await Promise.all([
      run(["usage", "--period", "last-week", "--group-by=model", "--format=json"]),
      run(["usage", "--period", "last-week", "--group-by", "model", "--format", "json"])
    ])
    expect(eq.stderr).toBe("")
    expect(eq.code).toBe(0)
    expect(eq.stdout).toBe(spaced.stdout)
  })
})

describe("sync", () => {
  it("the summary's sums are exact decimals, not floating-point sums", async () => {
    const { code, stdout } = await run([
      "sync",
      "--lookback-days",
      "30",
      "--format",
      "csv",
      "--rows",
      "total"
    ])
    expect(code).toBe(0)
    const cost = parseCsv(stdout).find((r) => r.name === "anthropic_cost_usd")!
    const days = daysBetween(org.end - 30 * DAY, org.end)
    expect(cost.sum).toMatch(/^\d+(\.\d+)?$/)
    expect(BigDecimal.equals(dec(cost.sum!), dollars(costOf(org, days)))).toBe(true)
    const output = parseCsv(stdout).find((r) => r.name === "anthropic_output_tokens")!
    expect(Number(output.sum)).toBe(sum(usageIn(org.end - 30 * DAY, org.end), (u) => u.output_tokens))
  })
})
