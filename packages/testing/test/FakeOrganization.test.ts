import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { FakeAdminApi, FakeOrganization } from "../src/index.js"
import {
  type Bucket,
  DIMENSIONS,
  HEADERS,
  pages,
  type Params,
  sumByKey,
  TOKEN_FIELDS,
  USAGE,
  type UsageItem
} from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const HOUR = 3_600_000
const DAY = 86_400_000
const org = FakeOrganization.make({ seed: 9, days: 4, now: NOW, workspaces: 2, density: 0.03 })
// These properties read hundreds of pages on one instance to check the organisation's truth;
// the per-minute limiter (§10.3) has its own tests in FakeAdminApi.test.ts.
const api = FakeAdminApi.make({ organization: org, rateLimit: false })
const FAST = { ...HEADERS, "anthropic-beta": "fast-mode-2026-02-01" }
const GROUPS = [...DIMENSIONS]

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

const buckets = (
  width: "1m" | "1h" | "1d",
  start: number,
  end: number,
  groupBy: ReadonlyArray<string>,
  limit: number
) =>
  pages<Bucket<UsageItem>>(
    api,
    USAGE,
    [
      ["starting_at", iso(start)],
      ["ending_at", iso(end)],
      ["bucket_width", width],
      ["limit", String(limit)],
      ...groupBy.map((g) => ["group_by[]", g] as const)
    ],
    FAST
  ).flatMap((p) => p.data)

const sameTotals = (a: Map<string, Array<number>>, b: Map<string, Array<number>>) => {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
  for (const [k, v] of a) expect(b.get(k)).toEqual(v)
}

describe("FakeOrganization", () => {
  it("is deterministic: the same options give the same organisation and usage", () => {
    const a = FakeOrganization.make({ seed: 4, days: 3, now: NOW })
    const b = FakeOrganization.make({ seed: 4, days: 3, now: NOW })
    expect(b.streams).toEqual(a.streams)
    expect(b.usage).toEqual(a.usage)
    expect(FakeOrganization.make({ seed: 5, days: 3, now: NOW }).usage).not.toEqual(a.usage)
  })

  it("models the Default Workspace as null, Console usage without a key, and every dimension", () => {
    const o = FakeOrganization.make({ seed: 1, days: 2, now: NOW, workspaces: 6, keysPerWorkspace: 2 })
    expect(o.workspaces[0]).toMatchObject({ id: null, name: "Default Workspace" })
    expect(o.workspaces).toHaveLength(7)
    expect(o.apiKeys).toHaveLength(14)
    const values = (d: keyof FakeOrganization.UsageDimensions) => new Set(o.streams.map((s) => s[d]))
    expect(values("workspace_id").has(null)).toBe(true)
    expect(values("api_key_id").has(null)).toBe(true)
    expect(values("service_tier")).toContain("batch")
    expect(values("context_window")).toEqual(new Set(["0-200k", "200k-1M"]))
    expect(values("inference_geo")).toContain("not_available")
    expect(values("speed")).toContain("fast")
    expect([...values("account_id")].some((v) => v !== null)).toBe(true)
    expect([...values("service_account_id")].some((v) => v !== null)).toBe(true)
    // Geos only for models from Feb 2026 on; fast only for Opus 4.6.
    for (const s of o.streams) {
      if (s.model !== "claude-opus-4-6") expect(s.inference_geo).toBe("not_available")
      if (s.speed === "fast") expect(s.model).toBe("claude-opus-4-6")
    }
  })

  it("keeps the legacy per-day records: day, workspace_id, api_key_id, model and token fields", () => {
    const record = org.usage[0]!
    expect(record.day % DAY).toBe(0)
    expect(record).toEqual(
      expect.objectContaining({
        workspace_id: expect.toBeOneOf([null, expect.any(String)]),
        api_key_id: expect.toBeOneOf([null, expect.any(String)]),
        model: expect.any(String),
        uncached_input_tokens: expect.any(Number),
        output_tokens: expect.any(Number)
      })
    )
    const day = org.start + DAY
    const fromMinutes = org.streams
      .flatMap((s) => FakeOrganization.minutes(org, s.index, day))
      .reduce((sum, m) => sum + m.output_tokens, 0)
    expect(org.usage.filter((r) => r.day === day).reduce((s, r) => s + r.output_tokens, 0)).toBe(fromMinutes)
  })

  it("sums any range minute by minute (usageBetween agrees with the minutes)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 1440 - 1 }),
        fc.integer({ min: 1, max: 3 * 1440 }),
        (a, len) => {
          const start = org.start + a * 60_000 + 17_000
          const end = Math.min(org.end, start + len * 60_000)
          const expected = org.streams
            .flatMap((s) =>
              [0, 1, 2, 3].flatMap((d) => FakeOrganization.minutes(org, s.index, org.start + d * DAY))
            )
            .filter((m) => m.minute >= start && m.minute < end)
            .reduce((sum, m) => sum + m.uncached_input_tokens, 0)
          expect(FakeOrganization.usageBetween(org, start, end).uncached_input_tokens).toBe(expected)
        }
      ),
      { numRuns: 15 }
    )
  })

  it("1m, 1h and 1d buckets agree exactly for any day and grouping", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.subarray(GROUPS, { maxLength: 4 }),
        fc.integer({ min: 0, max: 23 }),
        (day, groupBy, hour) => {
          const start = org.start + day * DAY
          const days = buckets("1d", start, start + DAY, groupBy, 31)
          const hours = buckets("1h", start, start + DAY, groupBy, 168)
          expect(days).toHaveLength(1)
          expect(hours).toHaveLength(24)
          sameTotals(sumByKey(hours.flatMap((b) => b.results)), sumByKey(days[0]!.results))
          // The 60 minutes of an hour sum to the hour.
          const h = start + hour * HOUR
          const minutes = buckets("1m", h, h + HOUR, groupBy, 1440)
          expect(minutes).toHaveLength(60)
          sameTotals(sumByKey(minutes.flatMap((b) => b.results)), sumByKey(hours[hour]!.results))
        }
      ),
      { numRuns: 25 }
    )
  })

  it("hour ranges across day boundaries agree with the minutes, and the days with the whole history", () => {
    const all = buckets("1d", org.start, org.end, [], 31)
    const total = TOKEN_FIELDS(all.flatMap((b) => b.results)[0]!)
    const perDay = all.map((b) => b.results[0]).filter((x) => x !== undefined)
    expect(perDay.reduce((s, i) => s + i.output_tokens, 0)).toBe(
      org.usage.reduce((s, r) => s + r.output_tokens, 0)
    )
    expect(total.every((v) => Number.isInteger(v))).toBe(true)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 24 - 6 }), fc.integer({ min: 1, max: 6 }), (h, n) => {
        const start = org.start + h * HOUR
        const hours = buckets("1h", start, start + n * HOUR, ["model"], 168)
        const minutes = buckets("1m", start, start + n * HOUR, ["model"], 1440)
        expect(minutes).toHaveLength(n * 60)
        sameTotals(sumByKey(minutes.flatMap((b) => b.results)), sumByKey(hours.flatMap((b) => b.results)))
      }),
      { numRuns: 10 }
    )
  })

  it("pages through any range with any valid limit, returning every bucket exactly once", () => {
    const widths = { "1m": [60_000, 1440], "1h": [HOUR, 168], "1d": [DAY, 31] } as const
    fc.assert(
      fc.property(
        fc.constantFrom("1m" as const, "1h" as const, "1d" as const),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 1440 }),
        fc.boolean(),
        (widthName, offset, count, rawLimit, unaligned) => {
          const [width, max] = widths[widthName]
          const limit = 1 + (rawLimit % max)
          const first = Math.floor((org.start + (offset * width) / 100) / width) * width
          const start = unaligned ? first + Math.floor(width / 3) : first
          const end = first + count * width
          const params: Params = [
            ["starting_at", iso(start)],
            ["ending_at", iso(end)],
            ["bucket_width", widthName],
            ["limit", String(limit)]
          ]
          const all = pages<Bucket<UsageItem>>(api, USAGE, params)
          const starts = all.flatMap((p) => p.data.map((b) => Date.parse(b.starting_at)))
          expect(starts).toEqual(Array.from({ length: count }, (_, i) => first + i * width))
          all.forEach((p, i) => {
            if (i < all.length - 1) {
              expect(p.data).toHaveLength(limit)
              expect(p.has_more).toBe(true)
              expect(p.next_page).toEqual(expect.any(String))
            } else {
              expect(p.has_more).toBe(false)
              expect(p.next_page).toBeNull()
            }
          })
          for (const b of all.flatMap((p) => p.data)) {
            expect(Date.parse(b.ending_at) - Date.parse(b.starting_at)).toBe(width)
          }
        }
      ),
      { numRuns: 40 }
    )
  })

  it("stays small for a large organisation: nothing per minute is stored", () => {
    const big = FakeOrganization.make({ seed: 3, days: 365, now: NOW, workspaces: 100, keysPerWorkspace: 3 })
    expect(big.streams.length).toBeGreaterThan(1000)
    const day = big.start + 200 * DAY
    const a = FakeOrganization.usageBetween(big, day, day + DAY)
    expect(FakeOrganization.usageBetween(big, day, day + DAY)).toEqual(a)
    expect(a.output_tokens).toBeGreaterThan(0)
  })

  it("§10.5 splits Claude Code use into local and remote records: (actor, day) is not unique, (actor, day, is_remote) is", () => {
    const o = FakeOrganization.make({ seed: 6, days: 30, now: NOW, claudeCodeUsers: 8, claudeCodeApiKeys: 2 })
    const records = Array.from({ length: o.days }, (_, d) =>
      FakeOrganization.claudeCodeRecords(o, o.start + d * DAY)
    ).flat()
    expect(records.every((r) => typeof r.is_remote === "boolean")).toBe(true)
    const byKey = new Map<string, Array<FakeOrganization.ClaudeCodeRecord>>()
    for (const r of records) {
      const key = JSON.stringify([r.actor, r.date])
      byKey.set(key, [...(byKey.get(key) ?? []), r])
    }
    const pairs = [...byKey.values()].filter((rs) => rs.length === 2)
    expect([...byKey.values()].every((rs) => rs.length <= 2)).toBe(true)
    // About 30% of active (actor, day) pairs have both.
    expect(pairs.length / byKey.size).toBeGreaterThan(0.15)
    expect(pairs.length / byKey.size).toBeLessThan(0.45)
    for (const [local, remote] of pairs) {
      expect([local!.is_remote, remote!.is_remote]).toEqual([false, true])
      expect(remote!.core_metrics).not.toEqual(local!.core_metrics)
    }
    // Some actors use Claude Code only remotely on a day.
    expect([...byKey.values()].some((rs) => rs.length === 1 && rs[0]!.is_remote)).toBe(true)
    expect([...byKey.values()].some((rs) => rs.length === 1 && !rs[0]!.is_remote)).toBe(true)
    // Deterministic from the seed.
    const again = FakeOrganization.make({
      seed: 6,
      days: 30,
      now: NOW,
      claudeCodeUsers: 8,
      claudeCodeApiKeys: 2
    })
    expect(FakeOrganization.claudeCodeRecords(again, o.start + 5 * DAY)).toEqual(
      FakeOrganization.claudeCodeRecords(o, o.start + 5 * DAY)
    )
  })

  it("derives cost lines from the day's usage, exactly", () => {
    const day = org.start + 2 * DAY
    const lines = FakeOrganization.costLines(org, day)
    const web = lines.filter((l) => l.cost_type === "web_search")
    const searches = org.usage.filter((r) => r.day === day).reduce((s, r) => s + r.web_search_requests, 0)
    // $10 per 1,000 searches = 1 cent each
    expect(web.reduce((s, l) => s + l.picocents, 0n)).toBe(BigInt(searches) * 1_000_000_000_000n)
    for (const l of lines) expect(l.amount).toMatch(/^\d+(\.\d+)?$/)
  })
})

describe("FakeOrganization: users, keys and analytics activity (issue 13)", () => {
  const o = FakeOrganization.make({
    seed: 3,
    days: 5,
    now: NOW,
    workspaces: 3,
    keysPerWorkspace: 2,
    users: 6
  })

  it("has members (the first are the Claude Code users), one former member, and invites", () => {
    expect(o.users.filter((u) => u.member)).toHaveLength(6)
    expect(o.users.filter((u) => !u.member)).toHaveLength(1)
    expect(o.users[0]).toMatchObject({
      id: "user_01fake",
      email: "ada@example.com",
      name: "Ada Lovelace",
      role: "admin"
    })
    expect(o.claudeCodeActors.slice(0, 3)).toEqual(
      o.users.slice(0, 3).map((u) => ({ type: "user_actor", email_address: u.email }))
    )
    expect(o.invites.map((i) => i.status)).toEqual(["pending", "accepted", "expired"])
    expect(o.now).toBe(NOW)
    // Console usage is the admin's.
    expect(o.streams.filter((s) => s.account_id !== null).every((s) => s.account_id === "user_01fake")).toBe(
      true
    )
  })

  it("binds some keys to users (personal keys), the last to the former member (inactive); the Default Workspace has a tagged id", () => {
    const personal = o.apiKeys.filter((k) => k.principal !== null)
    expect(personal.length).toBeGreaterThan(1)
    const last = o.apiKeys[o.apiKeys.length - 1]!
    const former = o.users.find((u) => !u.member)!
    expect(last).toMatchObject({ principal: { type: "user_actor", user_id: former.id }, status: "inactive" })
    expect(o.workspaces[0]).toMatchObject({ id: null, taggedId: FakeOrganization.DEFAULT_WORKSPACE_ID })
    for (const w of o.workspaces.slice(1)) expect(w.taggedId).toBe(w.id)
  })

  it("attributes activity user first, then service account, then key; one code-execution source per workspace", () => {
    const sources = FakeOrganization.activitySources(o)
    expect(sources).toHaveLength(o.streams.length + o.workspaces.length)
    for (const s of sources.slice(0, o.streams.length)) {
      const stream = o.streams[s.index]!
      const key = o.apiKeys.find((k) => k.id === stream.api_key_id)
      const expected =
        stream.account_id !== null
          ? "user_actor"
          : stream.service_account_id !== null
            ? "service_account_actor"
            : (key?.principal?.type ?? "api_actor")
      expect(s.actor.type).toBe(expected)
      expect(s.inferenceGeo).toBe(stream.inference_geo === "not_available" ? null : stream.inference_geo)
    }
    for (const s of sources.slice(o.streams.length)) {
      expect(s).toMatchObject({ kind: "code_execution", product: null, model: null })
    }
  })

  it("forEachActivity agrees with the minutes at any width, and requests are 1–5 per active minute", () => {
    const day = o.start + 2 * DAY
    const sources = FakeOrganization.activitySources(o).slice(0, 6)
    for (const width of [60_000, HOUR, DAY]) {
      for (const s of sources) {
        let output = 0
        let requests = 0
        FakeOrganization.forEachActivity(
          o,
          s,
          { start: day, width, buckets: DAY / width, until: Infinity },
          (_, v) => {
            output += v[2] ?? 0
            requests += v[6] ?? 0
          }
        )
        const minutes = FakeOrganization.minutes(o, s.index, day)
        expect(output).toBe(minutes.reduce((sum, m) => sum + m.output_tokens, 0))
        expect(requests).toBe(minutes.reduce((sum, m) => sum + m.requests, 0))
        for (const m of minutes) expect(m.requests >= 1 && m.requests <= 5).toBe(true)
      }
    }
  })

  it("code execution happens at one minute of the day with the blocks the cost report bills", () => {
    for (let d = 0; d < o.days; d++) {
      const day = o.start + d * DAY
      o.workspaces.forEach((w, wi) => {
        const ce = FakeOrganization.codeExecution(o, wi, day)
        const line = FakeOrganization.costLines(o, day).find(
          (l) => l.workspace_id === w.id && l.cost_type === "code_execution"
        )
        if (ce === undefined) return expect(line).toBeUndefined()
        expect(ce.minute >= day && ce.minute < day + DAY).toBe(true)
        expect(ce.spans >= 1 && ce.spans <= ce.blocks).toBe(true)
        expect(line!.picocents).toBe(BigInt(ce.blocks) * FakeOrganization.CODE_EXECUTION_BLOCK_PICOCENTS)
      })
    }
  })
})
