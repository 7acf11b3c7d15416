/**
 * End-to-end: spawns the built `anthropic-admin` binary against the testing
 * kit's loopback fake and checks the numbers it prints against the fake
 * organisation's own truth (`org.usage`, `costLines`, `claudeCodeRecords`).
 * The fake runs with every live rule of reference §10 on (its defaults) and
 * with spec-minimal rows (keys the spec does not require left out); only its
 * per-minute limit is raised for the shared server, so the suite does not
 * wait on it — the limiter has tests of its own below.
 * Needs `dist/bin.js` (build first); no network, no real key.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AdminApiError, UsageReport } from "@rawdash/anthropic-admin-api"
import { FakeFault, FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { BigDecimal } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  centsOf,
  cli,
  date,
  DAY,
  dec,
  HOUR,
  iso,
  KEY,
  num,
  parseCsv,
  parseNdjson,
  sameDecimal,
  STANDARD_KEY,
  sumDec,
  tableRows,
  toCentsRounded
} from "./support/cli.js"

/** The header of `usage --group-by model`: what each column counts, and in what. */
const USAGE_BY_MODEL = [
  "model",
  "uncached input tokens",
  "cache write tokens",
  "cache read tokens",
  "output tokens",
  "web searches",
  "cost USD"
]

let server: FakeServer.RunningServer
let org: FakeOrganization.FakeOrganization
let base: Array<string>
/** A 10-day range well inside the fake's history. */
let from: number
let to: number

beforeAll(async () => {
  server = await FakeServer.serve({
    organization: { seed: 11, days: 40, now: Date.now(), workspaces: 2 },
    specMinimal: true,
    rateLimit: { requestsPerMinute: 10_000 }
  })
  org = server.api.organization
  from = org.start + 20 * DAY
  to = from + 10 * DAY
  base = ["--base-url", server.url, "--start", date(from), "--end", date(to - DAY)]
})

afterAll(async () => {
  await server.close()
})

const daysOf = () => Array.from({ length: (to - from) / DAY }, (_, i) => from + i * DAY)

const usageTruth = (day: number, model: string) => {
  const records = org.usage.filter((r) => r.day === day && r.model === model)
  const sum = (f: (r: FakeOrganization.UsageRecord) => number) => records.reduce((s, r) => s + f(r), 0)
  return {
    uncached_input_tokens: sum((r) => r.uncached_input_tokens),
    cache_read_input_tokens: sum((r) => r.cache_read_input_tokens),
    output_tokens: sum((r) => r.output_tokens),
    cache_creation_ephemeral_5m_input_tokens: sum((r) => r.ephemeral_5m_input_tokens),
    cache_creation_ephemeral_1h_input_tokens: sum((r) => r.ephemeral_1h_input_tokens),
    web_search_requests: sum((r) => r.web_search_requests)
  }
}

const tokenCostTruth = (day: number, model: string) =>
  sumDec(
    FakeOrganization.costLines(org, day)
      .filter((l) => l.cost_type === "tokens" && l.model === model)
      .map((l) => l.amount)
  )

describe.concurrent("usage", () => {
  it("json: one record per day and model, tokens and token cost as the fake holds them", async () => {
    const { code, stdout, stderr } = await cli(["usage", ...base, "--group-by", "model", "--format", "json"])
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>
    const expected = daysOf().flatMap((day) =>
      org.models
        .filter((m) => org.usage.some((r) => r.day === day && r.model === m))
        .map((model) => ({ day, model }))
    )
    expect(records).toHaveLength(expected.length)
    for (const { day, model } of expected) {
      const record = records.find((r) => r.starting_at === iso(day) && r.model === model)
      expect(record, `${date(day)} ${model}`).toMatchObject({
        ending_at: iso(day + DAY),
        ...usageTruth(day, model)
      })
      const cost = tokenCostTruth(day, model)
      expect(sameDecimal(record!.cost_cents, cost)).toBe(true)
      expect(sameDecimal(record!.cost_usd, BigDecimal.unsafeDivide(cost, BigDecimal.fromNumber(100)))).toBe(
        true
      )
      expect(record!.workspace_id).toBeNull()
    }
  })

  it("ndjson and csv carry exactly the json records", async () => {
    const args = ["usage", ...base, "--group-by", "model,workspace_id"]
    const [json, ndjson, csv] = await Promise.all([
      cli([...args, "--format", "json"]),
      cli([...args, "--format", "ndjson"]),
      cli([...args, "--format", "csv"])
    ])
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    expect(records.length).toBeGreaterThan(org.models.length * 10)
    expect(parseNdjson(ndjson.stdout)).toEqual(records)
    const rows = parseCsv(csv.stdout)
    expect(csv.stdout.split("\n")[0]).toBe(Object.keys(records[0]!).join(","))
    expect(rows).toEqual(
      records.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : String(v)]))
      )
    )
    const one = records.find((r) => r.workspace_id === org.workspaces[1]!.id)!
    const truth = org.usage
      .filter(
        (u) => iso(u.day) === one.starting_at && u.model === one.model && u.workspace_id === one.workspace_id
      )
      .reduce((s, u) => s + u.output_tokens, 0)
    expect(one.output_tokens).toBe(truth)
  })

  it("table: one row per model over the range, totals that add up, dollars to the cent", async () => {
    const { code, stdout } = await cli(["usage", ...base, "--group-by", "model"])
    expect(code).toBe(0)
    expect(stdout.split("\n")[0]).toBe(`Usage ${date(from)} → ${date(to - DAY)} (10 days), by model`)
    const { header, body, total } = tableRows(stdout)
    expect(header).toEqual(USAGE_BY_MODEL)
    expect(body.map((r) => r[0]).sort()).toEqual([...org.models].sort())
    for (const row of body) {
      const model = row[0]!
      const truth = daysOf().map((d) => usageTruth(d, model))
      expect(num(row[1])).toBe(truth.reduce((s, t) => s + t.uncached_input_tokens, 0))
      expect(num(row[4])).toBe(truth.reduce((s, t) => s + t.output_tokens, 0))
      const cost = BigDecimal.sumAll(daysOf().map((d) => tokenCostTruth(d, model)))
      expect(num(row[6])).toBe(toCentsRounded(BigDecimal.unsafeDivide(cost, BigDecimal.fromNumber(100))))
      expect(row[6]).toMatch(/^\$[\d,]+\.\d\d$/)
    }
    expect(total![0]).toBe("total")
    for (const col of [1, 2, 3, 4, 5]) {
      expect(num(total![col])).toBe(body.reduce((s, r) => s + num(r[col]), 0))
    }
  })

  it("--rows bucket with --bucket 1h: hourly buckets that add up to the day", async () => {
    const day = from + 2 * DAY
    const { code, stdout } = await cli([
      "usage",
      "--base-url",
      server.url,
      "--start",
      iso(day),
      "--end",
      iso(day + DAY),
      "--bucket",
      "1h",
      "--format",
      "ndjson"
    ])
    expect(code).toBe(0)
    const records = parseNdjson(stdout)
    // One record per hour with usage (an hour without any has no row).
    const hours = records.map((r) => Date.parse(r.starting_at as string))
    expect(hours.length).toBeGreaterThan(12)
    expect(new Set(hours).size).toBe(hours.length)
    for (const [i, h] of hours.entries()) {
      expect(h % 3_600_000).toBe(0)
      expect(h).toBeGreaterThanOrEqual(day)
      expect(h).toBeLessThan(day + DAY)
      expect(records[i]!.ending_at).toBe(iso(h + 3_600_000))
    }
    const sum = records.reduce((s, r) => s + (r.output_tokens as number), 0)
    expect(sum).toBe(org.usage.filter((r) => r.day === day).reduce((s, r) => s + r.output_tokens, 0))
    expect(records[0]!.cost_usd).toBeNull()
  })

  it("filters are sent to the API: --model narrows the rows", async () => {
    const model = org.models[0]!
    const { stdout } = await cli(["usage", ...base, "--model", model, "--format", "json"])
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>
    const total = records.reduce((s, r) => s + (r.uncached_input_tokens as number), 0)
    expect(total).toBe(daysOf().reduce((s, d) => s + usageTruth(d, model).uncached_input_tokens, 0))
    // Other tests run at the same time: the request is among the log's, not necessarily the last.
    const usageRequests = server.log.filter((e) => e.path === "/v1/organizations/usage_report/messages")
    expect(usageRequests.map((e) => e.query["models[]"])).toContainEqual([model])
  })
})

describe.concurrent("cost", () => {
  const costTruth = (day: number) => {
    const groups = new Map<string, BigDecimal.BigDecimal>()
    for (const l of FakeOrganization.costLines(org, day)) {
      const key = JSON.stringify([l.workspace_id, l.description])
      groups.set(key, BigDecimal.sum(groups.get(key) ?? BigDecimal.fromBigInt(0n), dec(l.amount)))
    }
    return groups
  }

  it("json/ndjson/csv: one record per day, workspace and line item, exact cents and dollars", async () => {
    const args = ["cost", ...base, "--group-by", "workspace_id,description"]
    const [json, ndjson, csv] = await Promise.all([
      cli([...args, "--format", "json"]),
      cli([...args, "--format", "ndjson"]),
      cli([...args, "--format", "csv"])
    ])
    expect(json.code).toBe(0)
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    let expectedCount = 0
    for (const day of daysOf()) {
      const truth = costTruth(day)
      expectedCount += truth.size
      for (const [key, amount] of truth) {
        const [workspace, description] = JSON.parse(key) as [string | null, string]
        // Grouped by workspace, the Default Workspace (the API's null) is "default".
        const record = records.find(
          (r) =>
            r.starting_at === iso(day) &&
            r.workspace_id === (workspace ?? "default") &&
            r.description === description
        )
        expect(record, `${date(day)} ${workspace} ${description}`).toBeDefined()
        expect(sameDecimal(record!.amount_cents, amount)).toBe(true)
        expect(
          sameDecimal(record!.amount_usd, BigDecimal.unsafeDivide(amount, BigDecimal.fromNumber(100)))
        ).toBe(true)
        expect(record!.currency).toBe("USD")
      }
    }
    expect(records).toHaveLength(expectedCount)
    expect(parseNdjson(ndjson.stdout)).toEqual(records)
    const rows = parseCsv(csv.stdout)
    expect(rows.map((r) => r.amount_cents)).toEqual(records.map((r) => r.amount_cents))
    expect(rows.map((r) => r.description)).toEqual(records.map((r) => r.description))
  })

  it("table: spend by workspace, largest first, with a total that matches the fake", async () => {
    const { code, stdout } = await cli(["cost", ...base, "--group-by", "workspace_id"])
    expect(code).toBe(0)
    const { header, body, total } = tableRows(stdout)
    expect(header).toEqual(["workspace", "cost USD"])
    expect(body.map((r) => r[0])).toContain("Default Workspace")
    const amounts = body.map((r) => num(r[1]))
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts)
    const all = sumDec(daysOf().flatMap((d) => FakeOrganization.costLines(org, d).map((l) => l.amount)))
    expect(num(total![1])).toBe(toCentsRounded(BigDecimal.unsafeDivide(all, BigDecimal.fromNumber(100))))
  })
})

describe.concurrent("claude-code", () => {
  const days = () => [from, from + DAY, from + 2 * DAY]
  const range = () => ["--base-url", server.url, "--start", date(from), "--end", date(from + 2 * DAY)]

  it("json/ndjson/csv: one record per actor and day with the fake's numbers", async () => {
    const [json, ndjson, csv] = await Promise.all([
      cli(["claude-code", ...range(), "--format", "json"]),
      cli(["claude-code", ...range(), "--format", "ndjson"]),
      cli(["claude-code", ...range(), "--format", "csv"])
    ])
    expect(json.code).toBe(0)
    const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    const truth = days().flatMap((d) => FakeOrganization.claudeCodeRecords(org, d).map((r) => ({ d, r })))
    expect(truth.length).toBeGreaterThan(0)
    expect(records).toHaveLength(truth.length)
    truth.forEach(({ d, r }, i) => {
      const record = records[i]!
      expect(record.starting_at).toBe(iso(d))
      expect(record.actor).toBe(r.actor.type === "user_actor" ? r.actor.email_address : r.actor.api_key_name)
      expect(record.num_sessions).toBe(r.core_metrics.num_sessions)
      expect(record.lines_added).toBe(r.core_metrics.lines_of_code.added)
      expect(record.commits_by_claude_code).toBe(r.core_metrics.commits_by_claude_code)
      expect(record.tool_actions).toEqual(r.tool_actions)
      expect(record.is_remote).toBe(r.is_remote)
      const cents = centsOf(r)
      expect(sameDecimal(record.estimated_cost_cents, cents)).toBe(true)
      expect(
        sameDecimal(record.estimated_cost_usd, BigDecimal.unsafeDivide(cents, BigDecimal.fromNumber(100)))
      ).toBe(true)
    })
    expect(parseNdjson(ndjson.stdout)).toEqual(records)
    const rows = parseCsv(csv.stdout)
    expect(rows.map((r) => Number(r.output_tokens))).toEqual(records.map((r) => r.output_tokens))
    expect(rows.map((r) => JSON.parse(r.tool_actions!))).toEqual(records.map((r) => r.tool_actions))
    expect(rows.map((r) => r.is_remote)).toEqual(records.map((r) => String(r.is_remote)))
  })

  it("table: one row per actor, totals of the range; --date picks one day", async () => {
    const [table, oneDay] = await Promise.all([
      cli(["claude-code", ...range()]),
      cli(["claude-code", "--base-url", server.url, "--date", date(from), "--format", "json"])
    ])
    expect(table.code).toBe(0)
    const { header, body, total } = tableRows(table.stdout)
    expect(header.slice(0, 4)).toEqual(["actor", "sessions", "remote sessions", "lines added"])
    const truth = days().flatMap((d) => FakeOrganization.claudeCodeRecords(org, d))
    const sessions = truth.reduce((s, r) => s + r.core_metrics.num_sessions, 0)
    const remote = truth.filter((r) => r.is_remote).reduce((s, r) => s + r.core_metrics.num_sessions, 0)
    expect(num((body.length > 1 ? total! : body[0]!)[1])).toBe(sessions)
    expect(num((body.length > 1 ? total! : body[0]!)[2])).toBe(remote)
    expect((JSON.parse(oneDay.stdout) as Array<unknown>).length).toBe(
      FakeOrganization.claudeCodeRecords(org, from).length
    )
  })
})

describe.concurrent("sync", () => {
  it("json/ndjson/csv: the samples the connector wrote, matching the fake's usage and cost", async () => {
    const args = [
      "sync",
      "--base-url",
      server.url,
      "--lookback-days",
      "5",
      "--resources",
      "anthropic_output_tokens,anthropic_cost_usd"
    ]
    const [json, ndjson, csv] = await Promise.all([
      cli([...args, "--format", "json"]),
      cli([...args, "--format", "ndjson"]),
      cli([...args, "--format", "csv"])
    ])
    expect(json.stderr).toBe("")
    expect(json.code).toBe(0)
    const samples = JSON.parse(json.stdout) as Array<{
      name: string
      ts: string
      value: number
      attributes: unknown
    }>
    const names = new Set(samples.map((s) => s.name))
    expect(names.has("anthropic_output_tokens")).toBe(true)
    expect(names.has("anthropic_cost_usd")).toBe(true)
    // The connector's usage phase writes the usage metrics together; --resources without usage skips it.
    const costOnly = await cli([...args.slice(0, -1), "anthropic_cost_usd", "--format", "json"])
    expect(new Set((JSON.parse(costOnly.stdout) as Array<{ name: string }>).map((s) => s.name))).toEqual(
      new Set(["anthropic_cost_usd"])
    )
    const end = org.end
    const window = Array.from({ length: 5 }, (_, i) => end - (5 - i) * DAY)
    const output = samples
      .filter((s) => s.name === "anthropic_output_tokens")
      .reduce((s, x) => s + x.value, 0)
    expect(output).toBe(
      org.usage.filter((r) => window.includes(r.day)).reduce((s, r) => s + r.output_tokens, 0)
    )
    const cost = samples.filter((s) => s.name === "anthropic_cost_usd").reduce((s, x) => s + x.value, 0)
    const truth =
      BigDecimal.unsafeToNumber(
        sumDec(window.flatMap((d) => FakeOrganization.costLines(org, d).map((l) => l.amount)))
      ) / 100
    expect(cost).toBeCloseTo(truth, 6)
    expect(samples.every((s) => window.some((d) => iso(d) === s.ts))).toBe(true)
    expect(parseNdjson(ndjson.stdout)).toEqual(samples)
    const rows = parseCsv(csv.stdout)
    expect(rows.map((r) => [r.name, r.ts, Number(r.value), JSON.parse(r.attributes!)])).toEqual(
      samples.map((s) => [s.name, s.ts, s.value, s.attributes])
    )
  })

  it("--concurrency: the connector's windows in flight; one at a time writes the same samples as the default", async () => {
    // 40 days: two windows of each report. With latency, windows in flight overlap in the server's log.
    const slow = await FakeServer.serve({
      organization: { seed: 11, days: 40, now: Date.now(), workspaces: 2 },
      specMinimal: true,
      rateLimit: { requestsPerMinute: 10_000 },
      latency: 150
    })
    try {
      const args = ["sync", "--base-url", slow.url, "--lookback-days", "40", "--format", "json"]
      /** Whether usage requests of different windows were in flight at the same time. */
      const overlapped = (from: number) => {
        const usage = slow.log.slice(from).filter((e) => e.path.endsWith("/usage_report/messages"))
        return usage.some((a) =>
          usage.some(
            (b) =>
              a.query["starting_at"] !== b.query["starting_at"] &&
              a.receivedAt < b.respondedAt &&
              b.receivedAt < a.respondedAt
          )
        )
      }
      const one = await cli([...args, "--concurrency", "1"])
      expect(one.code).toBe(0)
      expect(overlapped(0)).toBe(false)
      const mark = slow.log.length
      const byDefault = await cli(args)
      expect(byDefault.code).toBe(0)
      expect(overlapped(mark)).toBe(true)
      const samples = JSON.parse(one.stdout) as Array<{ ts: string }>
      expect(new Set(samples.map((s) => s.ts)).size).toBe(40)
      expect(samples).toEqual(JSON.parse(byDefault.stdout))
    } finally {
      await slow.close()
    }
  })

  it("table: one row per metric with its sample count", async () => {
    const [table, json] = await Promise.all([
      cli(["sync", "--base-url", server.url, "--lookback-days", "3"]),
      cli(["sync", "--base-url", server.url, "--lookback-days", "3", "--format", "json"])
    ])
    expect(table.code).toBe(0)
    const samples = JSON.parse(json.stdout) as Array<{ name: string }>
    const { header, body } = tableRows(table.stdout)
    expect(header.slice(0, 3)).toEqual(["metric", "samples", "sum"])
    expect(body).toHaveLength(6)
    for (const row of body) expect(num(row[1])).toBe(samples.filter((s) => s.name === row[0]).length)
  })
})

describe("live rules (reference §10)", () => {
  /** The UTC days `--last 24h` touches at `now`: the 24 hours ending with the current one, widened to whole days. */
  const daysOfLast24h = (now: number) => {
    const end = Math.floor(now / HOUR) * HOUR + HOUR
    return { start: Math.floor((end - 24 * HOUR) / DAY) * DAY, end: Math.ceil(end / DAY) * DAY }
  }
  const dayLabel = (start: number, end: number) =>
    end - start === DAY
      ? `${date(start)} (1 day)`
      : `${date(start)} → ${date(end - DAY)} (${(end - start) / DAY} days)`
  const actorOf = (r: FakeOrganization.ClaudeCodeRecord) =>
    r.actor.type === "user_actor" ? r.actor.email_address : r.actor.api_key_name

  it("§10.2 cost and usage --bucket 1d --last 24h: labelled with the whole UTC days summed, sums equal the fake's for those days", async () => {
    const before = daysOfLast24h(Date.now())
    const [table, json, usage] = await Promise.all([
      cli(["cost", "--base-url", server.url, "--last", "24h"]),
      cli(["cost", "--base-url", server.url, "--last", "24h", "--rows", "total", "--format", "json"]),
      cli([
        "usage",
        "--base-url",
        server.url,
        "--last",
        "24h",
        "--bucket",
        "1d",
        "--rows",
        "total",
        "--format",
        "json"
      ])
    ])
    const after = daysOfLast24h(Date.now())
    for (const r of [table, json, usage]) {
      expect(r.stderr).toBe("")
      expect(r.code).toBe(0)
    }
    const [cost] = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    const start = Date.parse(cost!.starting_at as string)
    const end = Date.parse(cost!.ending_at as string)
    // The hour may turn during the run: the days are those of either moment, and whole.
    expect([before, after]).toContainEqual({ start, end })
    expect(start % DAY).toBe(0)
    expect(end % DAY).toBe(0)
    expect(table.stdout.split("\n")[0]).toBe(`Cost ${dayLabel(start, end)}`)
    expect(table.stdout).toContain(`touches ${(end - start) / DAY} UTC day`)
    const days = Array.from({ length: (end - start) / DAY }, (_, i) => start + i * DAY)
    const truth = sumDec(days.flatMap((d) => FakeOrganization.costLines(org, d).map((l) => l.amount)))
    expect(sameDecimal(cost!.amount_cents, truth)).toBe(true)
    expect(num(tableRows(table.stdout).body[0]![1])).toBe(
      toCentsRounded(BigDecimal.unsafeDivide(truth, BigDecimal.fromNumber(100)))
    )
    // What was sent: the whole days, which the live API accepts (no part-day range, no 400).
    const sent = server.log.filter(
      (e) => e.path === "/v1/organizations/cost_report" && e.query.starting_at === iso(start)
    )
    expect(sent.length).toBeGreaterThan(0)
    for (const e of sent) {
      expect(e.query.ending_at).toBe(iso(end))
      expect(e.status).toBe(200)
    }
    const [tokens] = JSON.parse(usage.stdout) as Array<Record<string, unknown>>
    expect([tokens!.starting_at, tokens!.ending_at]).toEqual([iso(start), iso(end)])
    expect(tokens!.output_tokens).toBe(
      org.usage.filter((u) => days.includes(u.day)).reduce((s, u) => s + u.output_tokens, 0)
    )
  })

  it("§10.1 usage --group-by six dimensions: rows equal the fake's, in 3 requests of at most 5 group_by[] each", async () => {
    const dims = [
      "model",
      "workspace_id",
      "api_key_id",
      "service_tier",
      "context_window",
      "inference_geo"
    ] as const
    const counts = [
      "uncached_input_tokens",
      "cache_read_input_tokens",
      "output_tokens",
      "cache_creation_ephemeral_5m_input_tokens",
      "cache_creation_ephemeral_1h_input_tokens",
      "web_search_requests"
    ] as const
    const first = server.log.length
    const { code, stdout, stderr } = await cli([
      "usage",
      ...base,
      "--group-by",
      dims.join(","),
      "--format",
      "json"
    ])
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const requests = server.log.slice(first).filter((e) => e.path === UsageReport.PATH)
    expect(requests).toHaveLength(3)
    for (const e of requests) {
      expect(e.status).toBe(200)
      expect((e.query["group_by[]"] as ReadonlyArray<string>).length).toBeLessThanOrEqual(
        UsageReport.MAX_GROUP_BY
      )
    }
    // Grouped by workspace, the Default Workspace (the API's null) is "default"; no API key is "none".
    const keyOf = (day: string, row: Readonly<Partial<Record<(typeof dims)[number], unknown>>>) =>
      JSON.stringify([
        day,
        ...dims.map((d) => row[d] ?? (d === "workspace_id" ? "default" : d === "api_key_id" ? "none" : null))
      ])
    const add = (into: Map<string, Array<number>>, key: string, values: ReadonlyArray<number>) => {
      const sum = into.get(key) ?? counts.map(() => 0)
      into.set(
        key,
        sum.map((v, i) => v + values[i]!)
      )
    }
    const truth = new Map<string, Array<number>>()
    for (const u of org.usage) {
      if (u.day < from || u.day >= to) continue
      add(truth, keyOf(iso(u.day), u), [
        u.uncached_input_tokens,
        u.cache_read_input_tokens,
        u.output_tokens,
        u.ephemeral_5m_input_tokens,
        u.ephemeral_1h_input_tokens,
        u.web_search_requests
      ])
    }
    const printed = new Map<string, Array<number>>()
    for (const r of JSON.parse(stdout) as Array<Record<string, unknown>>) {
      const key = keyOf(r.starting_at as string, r)
      expect(printed.has(key), `one row per day and group: ${key}`).toBe(false)
      printed.set(
        key,
        counts.map((c) => r[c] as number)
      )
    }
    const nonZero = (m: Map<string, Array<number>>) =>
      new Map([...m].filter(([, v]) => v.some((x) => x !== 0)))
    expect(printed.size).toBeGreaterThan(50)
    expect(nonZero(printed)).toEqual(nonZero(truth))
    const table = await cli(["usage", ...base, "--group-by", dims.join(",")])
    expect(table.stdout).toContain(
      "Grouped by 6 dimensions: the API takes at most 5 per request, so each window of up to 31 buckets took 3 requests, joined exactly (1 window, 3 requests)."
    )
  })

  it("§10.5 claude-code: one actor's remote and local use on a day are two distinguishable records; the per-actor table adds them up", async () => {
    let found: { day: number; actor: string } | undefined
    for (let day = org.start; day < org.end && found === undefined; day += DAY) {
      const records = FakeOrganization.claudeCodeRecords(org, day)
      const both = records.find((r) =>
        records.some((o) => actorOf(o) === actorOf(r) && o.is_remote !== r.is_remote)
      )
      if (both !== undefined) found = { day, actor: actorOf(both) }
    }
    expect(found, "the fake has an actor with remote and local use on one day").toBeDefined()
    const { actor, day } = found!
    const truth = FakeOrganization.claudeCodeRecords(org, day).filter((r) => actorOf(r) === actor)
    const args = ["claude-code", "--base-url", server.url, "--date", date(day)]
    const [json, csv, perRecord, perActor] = await Promise.all([
      cli([...args, "--format", "json"]),
      cli([...args, "--format", "csv"]),
      cli([...args, "--rows", "bucket"]),
      cli(args)
    ])
    const mine = (JSON.parse(json.stdout) as Array<Record<string, unknown>>).filter((r) => r.actor === actor)
    expect(mine).toHaveLength(truth.length)
    expect(new Set(mine.map((r) => r.is_remote))).toEqual(new Set([true, false]))
    for (const t of truth) {
      const record = mine.find((r) => r.is_remote === t.is_remote)!
      expect(record.num_sessions).toBe(t.core_metrics.num_sessions)
      expect(record.lines_added).toBe(t.core_metrics.lines_of_code.added)
      expect(sameDecimal(record.estimated_cost_cents, centsOf(t))).toBe(true)
    }
    const rows = parseCsv(csv.stdout).filter((r) => r.actor === actor)
    expect(rows.map((r) => r.is_remote).sort()).toEqual(["false", "true"])
    const records = tableRows(perRecord.stdout)
    const remote = records.header.indexOf("remote")
    expect(remote).toBeGreaterThan(0)
    const actorColumn = records.header.indexOf("actor")
    expect(
      records.body
        .filter((r) => r[actorColumn] === actor)
        .map((r) => r[remote])
        .sort()
    ).toEqual(["no", "yes"])
    const summary = tableRows(perActor.stdout)
    const row = summary.body.filter((r) => r[0] === actor)
    expect(row).toHaveLength(1)
    expect(num(row[0]![1])).toBe(truth.reduce((s, t) => s + t.core_metrics.num_sessions, 0))
    expect(num(row[0]![2])).toBe(
      truth.filter((t) => t.is_remote).reduce((s, t) => s + t.core_metrics.num_sessions, 0)
    )
    expect(perActor.stdout).toContain("remote and local use are added up")
  })

  it("§10.3 a per-minute 429 without Retry-After (reset already past): the default policy waits for the next minute and the output is exact", async () => {
    // The limiter's clock starts 20 s before a minute ends and runs 10× fast from the first request,
    // so the minute turns 2 s later: real time spent, but little of it. It starts over a minute
    // behind the real clock, so the reset it sends (one second before its own now) is in the past
    // for the client too, as on the live API.
    const SPEED = 10
    const fakeStart = Math.floor(Date.now() / 60_000) * 60_000 - 80_000
    let first: number | undefined
    const limited = await FakeServer.serve({
      organization: { seed: 11, days: 40, now: Date.now(), workspaces: 2 },
      specMinimal: true,
      rateLimit: { requestsPerMinute: 1, reset: "past" },
      clock: () => {
        first ??= Date.now()
        return fakeStart + (Date.now() - first) * SPEED
      }
    })
    try {
      const day = from
      const { code, stdout, stderr } = await cli([
        "claude-code",
        "--base-url",
        limited.url,
        "--start",
        date(day),
        "--end",
        date(day + DAY),
        "--format",
        "json"
      ])
      expect(stderr).toBe("")
      expect(code).toBe(0)
      const statuses = limited.log.map((e) => e.status)
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0)
      expect(statuses.filter((s) => s === 200)).toHaveLength(2)
      const truth = [day, day + DAY].flatMap((d) => FakeOrganization.claudeCodeRecords(org, d))
      const records = JSON.parse(stdout) as Array<Record<string, unknown>>
      expect(records.map((r) => r.num_sessions)).toEqual(truth.map((t) => t.core_metrics.num_sessions))
    } finally {
      await limited.close()
    }
  })
})

describe.concurrent("flags", () => {
  const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string, string?]> = [
    [["usage", "--format", "xml"], "--format"],
    [["usage", "--group-by", "modle"], "--group-by"],
    [["usage", "--last", "3x"], "--last"],
    [["usage", "--start", "2026-02-30"], "--start", "there is no February 30 in 2026 (February has 28 days)"],
    [["cost", "--start", "2026-02-30T10:00:00Z"], "--start", "there is no February 30 in 2026"],
    [["usage", "--start", "2026-03-01", "--end", "2026-03-01T24:00:00Z"], "--end", "24:00 is not accepted"],
    [["cost", "--start", "2026-03-01T24:00Z"], "--start", "24:00 is not accepted"],
    [["claude-code", "--date", "2026-02-30"], "--date", "there is no February 30"],
    [["cost", "--last", "100000d"], "--last", "from 1 to 1826d (5 years)"],
    [["usage", "--last", "99999999999h"], "--last", "from 1 to 1826d (5 years)"],
    [["claude-code", "--last", "0d"], "--last", "from 1 to 1826d (5 years)"],
    [["usage", "--last", "1e3d"], "--last", "from 1 to 1826d (5 years)"],
    [["usage", "--start", "2026-03-05", "--end", "2026-03-01"], "--end"],
    [["usage", "--last", "7d", "--start", "2026-03-01"], "--last"],
    [["usage", "--bucket", "1w"], "--bucket"],
    [["usage", "--max-retries", "many"], "--max-retries"],
    [["usage", "--bogus"], "--bogus"],
    [["cost", "--group-by", "model"], "--group-by"],
    [["claude-code", "--date", "tomorrow"], "--date"],
    [["usage", "--period", "last-fortnight"], "--period"],
    [["usage", "--period", "last-month", "--last", "7d"], "--period", "use either --period or --last"],
    [["usage", "--sort", "tokens"], "--sort", 'unknown column "tokens"'],
    [["usage", "--sort", "output_tokens:up"], "--sort", "expected <column>, <column>:asc or <column>:desc"],
    [["cost", "--top", "0"], "--top"],
    [["cost", "--bucket", "quarter"], "--bucket"],
    [["sync", "--mode", "partial"], "--mode"],
    [["sync", "--lookback-days", "0"], "--lookback-days"],
    [["sync", "--concurrency", "0"], "--concurrency", "expected a whole number from 1 to 16"],
    [["sync", "--concurrency", "17"], "--concurrency", "expected a whole number from 1 to 16"],
    [["sync", "--concurrency", "two"], "--concurrency", 'got "two"'],
    // a value flag last, with no value: named as missing its value, not as unknown
    [["sync", "--demo", "--concurrency"], "--concurrency", "missing value; expected --concurrency <n>"],
    [["usage", "--demo", "--last"], "--last", "missing value; expected --last <n>d|w|h|m"],
    [["cost", "--format"], "--format", "missing value"],
    // a flag given twice: named as such, not as unknown
    [
      ["sync", "--concurrency", "2", "--concurrency", "3"],
      "--concurrency",
      "given more than once; give it one value"
    ],
    [["usage", "--demo", "--demo"], "--demo", "given more than once"],
    [["usage", "-f", "csv", "-f", "json"], "-f", "given more than once"],
    [["sync", "--resources", "anthropic_tokens"], "--resources"],
    [["usage", "--base-url", "ftp://example.com"], "--base-url"],
    [["usage", "--api-key-file", "/nonexistent/anthropic-key"], "--api-key-file"],
    // A --start in the future without --end: the --start is at fault, not the --end never typed.
    [["cost", "--demo", "--start", "2099-01-01"], "--start", "2099-01-01 is in the future"],
    [["usage", "--start", "2099-01-01T00:00:00Z"], "--start", "is in the future"],
    // An empty list is refused like an empty item, naming the flag.
    [["usage", "--group-by", ""], "--group-by", "empty value; expected --group-by <dimension,…>"],
    [["usage", "--group-by="], "--group-by", "empty value"],
    [["usage", "--group-by", "model,"], "--group-by", "empty item in the list"],
    [["usage", "--group-by=model,"], "--group-by", "empty item in the list"],
    [["usage", "--model", " "], "--model", "empty value"],
    [["cost", "--group-by", ""], "--group-by", "empty value"]
  ]
  const table = cases.map(([args, flag, why]): [ReadonlyArray<string>, string, string] => [
    args,
    flag,
    why ?? ""
  ])
  it.each(table)("%j exits 2 naming %s, on one line, with nothing on stdout", async (args, flag, why) => {
    const { code, stdout, stderr } = await cli(args)
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toContain(flag)
    if (why !== "") {
      expect(stderr).toContain(`anthropic-admin: ${flag}: `)
      expect(stderr).toContain(why)
    }
    expect(stderr.trimEnd().split("\n")).toHaveLength(1)
    expect(stderr).toMatch(/^anthropic-admin: /)
    if (flag !== "--end") expect(stderr).not.toContain("--end:")
  })
})

describe.concurrent("authentication", () => {
  it("no key and no --demo: exit 3 with a paragraph on Admin keys pointing to --demo", async () => {
    const { code, stdout, stderr } = await cli(["usage"], {})
    expect(code).toBe(3)
    expect(stdout).toBe("")
    expect(stderr).toContain("Admin API key")
    expect(stderr).toContain("ANTHROPIC_ADMIN_API_KEY")
    expect(stderr).toContain("--demo")
  })

  it("a standard API key (403) exits 3 with the Admin-key hint, in every command", async () => {
    const env = { ANTHROPIC_ADMIN_API_KEY: STANDARD_KEY }
    const results = await Promise.all([
      cli(["usage", ...base], env),
      cli(["cost", ...base], env),
      cli(["claude-code", "--base-url", server.url, "--date", date(from)], env),
      cli(["sync", "--base-url", server.url], env)
    ])
    for (const { code, stdout, stderr } of results) {
      expect(code).toBe(3)
      expect(stdout).toBe("")
      expect(stderr).toContain("403")
      expect(stderr).toContain(AdminApiError.ADMIN_KEY_HINT)
    }
  })

  it("a bad key (401) exits 3; the key read from --api-key-file is used and never printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anthropic-admin-"))
    const bad = join(dir, "bad")
    const good = join(dir, "good")
    writeFileSync(bad, `  not-an-admin-key-Zq9Zq9Zq9Zq9Zq9Zq9\n`)
    writeFileSync(good, `${KEY}\n`)
    const [rejected, accepted] = await Promise.all([
      cli(["usage", ...base, "--api-key-file", bad], {}),
      cli(["usage", ...base, "--api-key-file", good, "--format", "json"], {})
    ])
    expect(rejected.code).toBe(3)
    expect(rejected.stderr).toContain("401")
    expect(rejected.stderr).toContain("Admin keys")
    expect(accepted.code).toBe(0)
    expect(JSON.parse(accepted.stdout)).toHaveLength(10)
  })
})

describe.concurrent("rate limits", () => {
  const withFault = async (
    fault: FakeFault.Fault,
    args: ReadonlyArray<string>,
    command = ["usage", "--last", "3d"]
  ) => {
    const faulty = await FakeServer.serve({
      organization: { seed: 3, days: 10, now: Date.now() },
      specMinimal: true,
      faults: { script: [{ fault, count: Infinity }] }
    })
    try {
      const result = await cli([...command, "--base-url", faulty.url, ...args])
      return { ...result, requests: faulty.log.length }
    } finally {
      await faulty.close()
    }
  }

  it("an endless 429 exits 4 once the retry budget is spent, after exactly that many retries", async () => {
    const [none, one] = await Promise.all([
      withFault(FakeFault.rateLimited({ seconds: 0 }), ["--max-retries", "0"]),
      withFault(FakeFault.rateLimited({ seconds: 0 }), ["--max-retries", "1"])
    ])
    for (const r of [none, one]) {
      expect(r.code).toBe(4)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain("429")
      expect(r.stderr).toContain("--max-retries")
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1)
    }
    expect(none.requests).toBe(1)
    expect(one.requests).toBe(2)
  })

  it("every command exits 4 on an endless 429 (sync: the connector's transient error)", async () => {
    const results = await Promise.all(
      [
        ["cost", "--last", "3d"],
        ["claude-code", "--last", "2d"],
        ["sync", "--lookback-days", "2"]
      ].map((command) => withFault(FakeFault.rateLimited({ seconds: 0 }), ["--max-retries", "0"], command))
    )
    for (const r of results) {
      expect(r.code).toBe(4)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain("429")
    }
  })

  it("an endless 529 exits 4 too; a 500 exits 1", async () => {
    const [overloaded, internal] = await Promise.all([
      withFault(FakeFault.overloaded({ seconds: 0 }), ["--max-retries", "0"]),
      withFault({ kind: "internal-error" }, ["--max-retries", "0"])
    ])
    expect(overloaded.code).toBe(4)
    expect(overloaded.stderr).toContain("529")
    expect(internal.code).toBe(1)
    expect(internal.stderr).toContain("500")
  })
})

describe("--demo", () => {
  it("the README's main command prints a month of usage and spend by model", async () => {
    const { code, stdout, stderr } = await cli(
      ["usage", "--demo", "--last", "30d", "--group-by", "model"],
      {}
    )
    expect(stderr).toBe("")
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Usage \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d \(30 days\), by model\n/)
    const { header, body, total } = tableRows(stdout)
    expect(header).toEqual(USAGE_BY_MODEL)
    expect(body.map((r) => r[0]).sort()).toEqual([...FakeOrganization.DEFAULT_MODELS].sort())
    for (const col of [1, 2, 3, 4, 5]) {
      expect(num(total![col])).toBe(body.reduce((s, r) => s + num(r[col]), 0))
    }
    expect(Math.abs(num(total![6]) - body.reduce((s, r) => s + num(r[6]), 0))).toBeLessThan(
      0.01 * body.length
    )
    expect(num(total![6])).toBeGreaterThan(0)
    expect(stdout).not.toContain("sk-ant-")
  })

  it("never meets the fake's rate limiter: all nine dimensions (252 requests) in one run", async () => {
    const started = Date.now()
    const { code, stdout, stderr } = await cli(
      [
        "usage",
        "--demo",
        "--last",
        "30d",
        "--group-by",
        UsageReport.GroupBy.literals.join(","),
        "--format",
        "json"
      ],
      {}
    )
    expect(stderr).toBe("")
    expect(code).toBe(0)
    expect((JSON.parse(stdout) as Array<unknown>).length).toBeGreaterThan(0)
    // The default limiter (120 a minute) would have made this wait for at least a minute.
    expect(Date.now() - started).toBeLessThan(45_000)
  })

  it("works on every command without a key", async () => {
    const results = await Promise.all([
      cli(["cost", "--demo", "--format", "json"], {}),
      cli(["claude-code", "--demo", "--format", "json"], {}),
      cli(["sync", "--demo", "--lookback-days", "2", "--format", "json"], {})
    ])
    for (const { code, stdout } of results) {
      expect(code).toBe(0)
      expect((JSON.parse(stdout) as Array<unknown>).length).toBeGreaterThan(0)
      expect(stdout).not.toContain("sk-ant-")
    }
  })
})
