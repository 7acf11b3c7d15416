/**
 * The mappings from decoded report buckets to samples (rawdash's
 * `buildUsageSamples` / `buildCostSamples` tests 8-13, adapted).
 */
import { describe, expect, it } from "@effect/vitest"
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import { BigDecimal, Schema } from "effect"
import * as CostSamples from "../src/CostSamples.js"
import * as Resources from "../src/Resources.js"
import * as UsageSamples from "../src/UsageSamples.js"
import { violations } from "./support/invariants.js"
import { bucket, costRow, usageRow } from "./support/ScriptedApi.js"

const DAY = Date.UTC(2026, 1, 10)
const usageBucket = Schema.decodeUnknownSync(UsageReport.UsageBucket)
const costBucket = Schema.decodeUnknownSync(CostReport.CostBucket)

describe("UsageSamples", () => {
  it("8. one row gives one sample per metric at the bucket's start", () => {
    const samples = UsageSamples.fromBucket(
      usageBucket(
        bucket(DAY, [
          usageRow({
            uncached_input_tokens: 1500,
            output_tokens: 500,
            cache_read_input_tokens: 200,
            cache_creation: { ephemeral_1h_input_tokens: 100, ephemeral_5m_input_tokens: 50 },
            server_tool_use: { web_search_requests: 4 },
            model: "claude-sonnet-4-5"
          })
        ])
      )
    )
    expect(samples.anthropic_input_tokens.map((s) => s.value)).toEqual([1500])
    expect(samples.anthropic_output_tokens.map((s) => s.value)).toEqual([500])
    expect(samples.anthropic_cache_read_tokens.map((s) => s.value)).toEqual([200])
    expect(samples.anthropic_cache_creation_tokens.map((s) => s.value)).toEqual([150])
    expect(samples.anthropic_cache_creation_tokens[0]?.attributes).toMatchObject({
      ephemeral_1h_input_tokens: 100,
      ephemeral_5m_input_tokens: 50
    })
    expect(samples.anthropic_web_search_requests.map((s) => s.value)).toEqual([4])
    expect(samples.anthropic_input_tokens[0]?.attributes.model).toBe("claude-sonnet-4-5")
    expect(samples.anthropic_input_tokens[0]?.ts).toBe(DAY)
  })

  it("9. zero cache creation and web search give 0 and 0, still written", () => {
    const samples = UsageSamples.fromBucket(
      usageBucket(bucket(DAY, [usageRow({ uncached_input_tokens: 7 })]))
    )
    expect(samples.anthropic_cache_creation_tokens.map((s) => s.value)).toEqual([0])
    expect(samples.anthropic_web_search_requests.map((s) => s.value)).toEqual([0])
  })

  it("11. a bucket without rows gives five empty arrays", () => {
    expect(UsageSamples.fromBucket(usageBucket(bucket(DAY, [])))).toEqual(UsageSamples.empty())
  })

  it("dimensions: the eight declared ones, null when absent or not grouped by; undeclared fields are dropped", () => {
    const row = usageRow({ model: "m", account_id: "acct_1", service_account_id: "svac_1", speed: "fast" })
    delete (row as Record<string, unknown>).inference_geo
    const nulls = {
      workspace_id: null,
      api_key_id: null,
      service_tier: null,
      context_window: null,
      inference_geo: null,
      api_key_name: null,
      workspace_name: null
    }
    // default grouping: account_id and service_account_id are opt-in, so null even if a row carries them
    const [sample] = UsageSamples.fromBuckets([usageBucket(bucket(DAY, [row]))])
    expect(sample?.attributes).toEqual({ model: "m", ...nulls, account_id: null, service_account_id: null })
    const [opted] = UsageSamples.fromBuckets(
      [usageBucket(bucket(DAY, [row]))],
      [...UsageSamples.DEFAULT_DIMENSIONS, "account_id", "service_account_id"]
    )
    expect(opted?.attributes).toEqual({
      model: "m",
      ...nulls,
      account_id: "acct_1",
      service_account_id: "svac_1"
    })
    const [narrow] = UsageSamples.fromBuckets([usageBucket(bucket(DAY, [row]))], ["account_id"])
    expect(narrow?.attributes).toEqual({
      model: null,
      ...nulls,
      account_id: "acct_1",
      service_account_id: null
    })
  })

  it("fromBuckets flattens row by row, is fromBucket's samples, and every sample conforms", () => {
    const buckets = [
      usageBucket(bucket(DAY, [usageRow(), usageRow({ model: "x" })])),
      usageBucket(bucket(DAY + 86_400_000, [usageRow()]))
    ]
    const samples = UsageSamples.fromBuckets(buckets)
    expect(samples).toHaveLength(15)
    // each row's five metrics together
    expect(samples.slice(0, 5).map((s) => s.name)).toEqual([...Resources.USAGE_METRICS])
    expect(samples.slice(5, 10).every((s) => s.attributes.model === "x")).toBe(true)
    // the same samples fromBucket builds, metric by metric
    const into = UsageSamples.empty()
    for (const b of buckets) UsageSamples.fromBucket(b, into)
    const canonical = (list: ReadonlyArray<unknown>) => list.map((x) => JSON.stringify(x)).sort()
    expect(canonical(samples)).toEqual(canonical(Object.values(into).flat()))
    // the four plain metrics of a row share one attributes object; cache creation adds its counts
    expect(samples[0]!.attributes).toBe(samples[1]!.attributes)
    expect(samples[3]!.attributes).toEqual({
      ...samples[0]!.attributes,
      ephemeral_1h_input_tokens: expect.any(Number),
      ephemeral_5m_input_tokens: expect.any(Number)
    })
    expect(violations(samples)).toEqual([])
  })
})

describe("CostSamples", () => {
  it("12. '42500' cents is $425, with currency, workspace and no inference_geo", () => {
    const samples = CostSamples.fromBuckets([
      costBucket(bucket(DAY, [costRow({ amount: "42500", workspace_id: "wrkspc_A", inference_geo: "us" })]))
    ])
    expect(samples).toHaveLength(1)
    expect(samples[0]?.value).toBe(425)
    expect(samples[0]?.attributes).toMatchObject({ currency: "USD", workspace_id: "wrkspc_A" })
    expect(samples[0]?.attributes).not.toHaveProperty("inference_geo")
    expect(violations(samples)).toEqual([])
  })

  it("13 (difference). 'NaN' is not a decimal: the client rejects the page instead of writing 0", () => {
    expect(() => costBucket(bucket(DAY, [costRow({ amount: "NaN" })]))).toThrow(/amount/)
  })

  it("dollars are exact: the decimal point moves two places before the one conversion to a number", () => {
    expect(CostSamples.dollars(BigDecimal.unsafeFromString("1446.3000"))).toBe(14.463)
    expect(CostSamples.dollars(BigDecimal.unsafeFromString("0.7"))).toBe(0.007)
    expect(CostSamples.dollars(BigDecimal.unsafeFromString("123.78912"))).toBe(1.2378912)
  })

  it("workspaceIds keep only those workspaces' rows (the Default Workspace, null, never matches)", () => {
    const samples = CostSamples.fromBuckets(
      [
        costBucket(
          bucket(DAY, [
            costRow({ amount: "1", workspace_id: "wrkspc_A" }),
            costRow({ amount: "2", workspace_id: "wrkspc_B" }),
            costRow({ amount: "3", workspace_id: null })
          ])
        )
      ],
      { workspaceIds: ["wrkspc_B"] }
    )
    expect(samples.map((s) => s.value)).toEqual([0.02])
  })

  it("every declared attribute is present, null when absent", () => {
    const [sample] = CostSamples.fromBuckets([costBucket(bucket(DAY, [costRow({ amount: "5" })]))])
    expect(sample?.attributes).toEqual({
      workspace_id: null,
      description: null,
      cost_type: null,
      model: null,
      token_type: null,
      service_tier: null,
      context_window: null,
      currency: "USD",
      api_key_id: null,
      api_key_name: null,
      workspace_name: null
    })
  })
})
