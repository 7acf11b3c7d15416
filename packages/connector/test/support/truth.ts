/**
 * The samples the connector should store for a window, computed from the
 * fake organisation's own records (not through the client): usage records
 * summed per day and the grouped dimensions (default six: what one
 * six-dimension query would return; the connector gets there through the
 * client's 3-request plan, as the live API refuses six in one request), the
 * other declared dimensions `null`; cost lines summed per day and the cost
 * report's grouping.
 */
import { FakeOrganization } from "@rawdash/anthropic-admin-api-testing"
import { BigDecimal } from "effect"
import type { MetricSample } from "../../src/Rawdash.js"
import * as UsageSamples from "../../src/UsageSamples.js"
import { canonical } from "./MemoryStorage.js"

const DAY = 86_400_000

export const expectedUsage = (
  org: FakeOrganization.FakeOrganization,
  start: number,
  end: number,
  workspaceIds?: ReadonlyArray<string>,
  grouped: ReadonlyArray<UsageSamples.Dimension> = UsageSamples.DEFAULT_DIMENSIONS
): Array<MetricSample> => {
  const groups = new Map<string, { day: number; dims: Record<string, string | null>; sums: Array<number> }>()
  for (const r of org.usage) {
    if (r.day < start || r.day >= end) continue
    if (workspaceIds !== undefined && (r.workspace_id === null || !workspaceIds.includes(r.workspace_id))) {
      continue
    }
    const dims: Record<string, string | null> = {}
    for (const name of UsageSamples.DIMENSION_NAMES) dims[name] = grouped.includes(name) ? r[name] : null
    dims["api_key_name"] = null
    dims["workspace_name"] = null
    const key = JSON.stringify([r.day, dims])
    const group = groups.get(key) ?? { day: r.day, dims, sums: [0, 0, 0, 0, 0, 0] }
    const values = [
      r.uncached_input_tokens,
      r.output_tokens,
      r.cache_read_input_tokens,
      r.ephemeral_1h_input_tokens,
      r.ephemeral_5m_input_tokens,
      r.web_search_requests
    ]
    group.sums = group.sums.map((sum, i) => sum + (values[i] ?? 0))
    groups.set(key, group)
  }
  const out: Array<MetricSample> = []
  for (const { day, dims, sums } of groups.values()) {
    const [input = 0, output = 0, read = 0, h1 = 0, m5 = 0, search = 0] = sums
    out.push(
      { name: "anthropic_input_tokens", ts: day, value: input, attributes: dims },
      { name: "anthropic_output_tokens", ts: day, value: output, attributes: dims },
      { name: "anthropic_cache_read_tokens", ts: day, value: read, attributes: dims },
      {
        name: "anthropic_cache_creation_tokens",
        ts: day,
        value: h1 + m5,
        attributes: { ...dims, ephemeral_1h_input_tokens: h1, ephemeral_5m_input_tokens: m5 }
      },
      { name: "anthropic_web_search_requests", ts: day, value: search, attributes: dims }
    )
  }
  return out
}

export const expectedCost = (
  org: FakeOrganization.FakeOrganization,
  start: number,
  end: number,
  workspaceIds?: ReadonlyArray<string>
): Array<MetricSample> => {
  const out: Array<MetricSample> = []
  for (let day = start; day < end; day += DAY) {
    const groups = new Map<string, { line: FakeOrganization.CostLine; picocents: bigint }>()
    for (const line of FakeOrganization.costLines(org, day)) {
      const key = JSON.stringify([
        line.workspace_id,
        line.description,
        line.cost_type,
        line.model,
        line.token_type,
        line.service_tier,
        line.context_window,
        line.inference_geo
      ])
      const group = groups.get(key)
      if (group === undefined) groups.set(key, { line, picocents: line.picocents })
      else group.picocents += line.picocents
    }
    for (const { line, picocents } of groups.values()) {
      if (picocents === 0n) continue
      if (
        workspaceIds !== undefined &&
        (line.workspace_id === null || !workspaceIds.includes(line.workspace_id))
      ) {
        continue
      }
      out.push({
        name: "anthropic_cost_usd",
        ts: day,
        // picocents = 10^-12 cents = 10^-14 dollars, exactly
        value: BigDecimal.unsafeToNumber(BigDecimal.make(picocents, 14)),
        attributes: {
          workspace_id: line.workspace_id,
          description: line.description,
          cost_type: line.cost_type,
          model: line.model,
          token_type: line.token_type,
          service_tier: line.service_tier,
          context_window: line.context_window,
          currency: "USD",
          api_key_id: null,
          api_key_name: null,
          workspace_name: null
        }
      })
    }
  }
  return out
}

export const snapshotOf = (samples: ReadonlyArray<MetricSample>): Array<string> =>
  samples.map(canonical).sort()
