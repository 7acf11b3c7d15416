/**
 * A model organisation synthesised from a seed: workspaces, API keys, models
 * and daily usage. The same options always give the same organisation.
 *
 * @since 0.1.0
 */
import { makeRandom } from "./internal/random.js"

const DAY = 86_400_000

/** @since 0.1.0 */
export interface Options {
  /** PRNG seed; default 1. */
  readonly seed?: number
  /** Days of history ending at the end of the UTC day of `now`; default 90. */
  readonly days?: number
  /** The instant the organisation's history ends at (ms since epoch); default the current time. */
  readonly now?: number
  /** Number of named workspaces besides the Default Workspace; default 3. */
  readonly workspaces?: number
  /** Model ids; default three Claude models. */
  readonly models?: ReadonlyArray<string>
}

/** One usage record: one day, one workspace/key/model. Wire field names. @since 0.1.0 */
export interface UsageRecord {
  readonly day: number
  readonly workspace_id: string | null
  readonly api_key_id: string | null
  readonly model: string
  readonly uncached_input_tokens: number
  readonly cache_read_input_tokens: number
  readonly output_tokens: number
  readonly ephemeral_5m_input_tokens: number
  readonly ephemeral_1h_input_tokens: number
  readonly web_search_requests: number
}

/** @since 0.1.0 */
export interface FakeOrganization {
  readonly workspaces: ReadonlyArray<{ readonly id: string | null; readonly name: string }>
  readonly apiKeys: ReadonlyArray<{ readonly id: string; readonly workspaceId: string | null }>
  readonly models: ReadonlyArray<string>
  /** First and last (exclusive) UTC midnight of the history, ms. */
  readonly start: number
  readonly end: number
  readonly usage: ReadonlyArray<UsageRecord>
}

/** Default model ids. @since 0.1.0 */
export const DEFAULT_MODELS = ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"] as const

/**
 * Builds an organisation from options.
 * @since 0.1.0
 */
export const make = (options: Options = {}): FakeOrganization => {
  const random = makeRandom(options.seed ?? 1)
  const days = options.days ?? 90
  const end = Math.floor((options.now ?? Date.now()) / DAY) * DAY + DAY
  const start = end - days * DAY
  const models = options.models ?? DEFAULT_MODELS
  const workspaces = [
    { id: null, name: "Default Workspace" },
    ...Array.from({ length: options.workspaces ?? 3 }, (_, i) => ({
      id: `wrkspc_${String(i + 1).padStart(2, "0")}${"abcdefgh".charAt(i % 8)}fake`,
      name: `Workspace ${i + 1}`
    }))
  ]
  const apiKeys = workspaces.map((w, i) => ({
    id: `apikey_${String(i + 1).padStart(2, "0")}fake`,
    workspaceId: w.id
  }))
  const usage: Array<UsageRecord> = []
  for (let day = start; day < end; day += DAY) {
    for (const key of apiKeys) {
      for (const model of models) {
        if (random.next() < 0.2) continue
        const scale = model.includes("opus") ? 1 : model.includes("haiku") ? 6 : 3
        usage.push({
          day,
          workspace_id: key.workspaceId,
          // Console usage has no key; make some of the Default Workspace's usage console usage.
          api_key_id: key.workspaceId === null && random.next() < 0.5 ? null : key.id,
          model,
          uncached_input_tokens: random.int(1_000, 200_000) * scale,
          cache_read_input_tokens: random.int(0, 500_000) * scale,
          output_tokens: random.int(500, 80_000) * scale,
          ephemeral_5m_input_tokens: random.int(0, 30_000),
          ephemeral_1h_input_tokens: random.int(0, 10_000),
          web_search_requests: random.next() < 0.3 ? random.int(1, 40) : 0
        })
      }
    }
  }
  return { workspaces, apiKeys, models, start, end, usage }
}
