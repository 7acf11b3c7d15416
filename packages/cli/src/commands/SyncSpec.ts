/**
 * `anthropic-admin sync`, as data: its flags, help and examples (see
 * `CommandSpec.ts`).
 *
 * @since 0.2.0
 */
import * as CommandSpec from "../CommandSpec.js"

/** The connector's metrics (`Resources.RESOURCE_NAMES`; a test keeps them equal). @since 0.2.0 */
export const RESOURCES = [
  "anthropic_input_tokens",
  "anthropic_output_tokens",
  "anthropic_cache_read_tokens",
  "anthropic_cache_creation_tokens",
  "anthropic_web_search_requests",
  "anthropic_cost_usd"
] as const

/**
 * The connector's windows of each report fetched at once (`DEFAULT_CONCURRENCY`,
 * `MAX_CONCURRENCY`; a test keeps them equal): quoted here so the help needs no connector.
 * @since 0.5.0
 */
export const CONCURRENCY = { default: 6, max: 16 } as const

/** @since 0.2.0 */
export const spec = {
  name: "sync",
  summary: "run the rawdash connector once and show the samples a dashboard would get",
  description: [
    "Runs @rawdash/connector-anthropic once into an in-memory store, resuming across its chunks, and prints the metric samples it wrote: to see what a rawdash dashboard would show, or to export the same samples without rawdash.",
    "The table shows one row per metric: its samples, their exact sum and the first and last day; csv/json/ndjson one record per sample (name, ts, value, unit, attributes)."
  ],
  flags: {
    mode: {
      name: "mode",
      value: "full|latest",
      group: "sync",
      description:
        "full: the whole lookback window; latest: only the trailing revision days (an incremental sync).",
      default: "full"
    },
    lookbackDays: {
      name: "lookback-days",
      value: "<n>",
      group: "sync",
      description: "Days a full sync reads, ending today (1–180).",
      default: "30"
    },
    revisionDays: {
      name: "revision-days",
      value: "<n>",
      group: "sync",
      description: "Trailing days a latest sync reads again, to pick up revisions (1–31).",
      default: "2"
    },
    resources: {
      name: "resources",
      value: "<metric,…>",
      group: "sync",
      description: `Metrics to sync: ${RESOURCES.join(", ")}.`,
      default: "all"
    },
    workspaceIds: {
      name: "workspace-id",
      value: "<id,…>",
      group: "sync",
      description: "Only these workspaces (wrkspc_…)."
    },
    concurrency: {
      name: "concurrency",
      value: "<n>",
      group: "sync",
      description: `Windows of each report fetched at once (1–${CONCURRENCY.max}; each usage window is up to 3 requests). Lower it for an organisation with a low per-minute rate limit.`,
      default: String(CONCURRENCY.default)
    },
    ...CommandSpec.common,
    rows: {
      name: "rows",
      value: "total|sample",
      group: "output",
      description: "total: one row per metric; sample: every sample.",
      default: "total for the table, sample for csv/json/ndjson"
    }
  },
  examples: [
    ["What a first rawdash sync writes (demo data)", "anthropic-admin sync --demo"],
    [
      "An incremental sync of the spend metric only",
      "anthropic-admin sync --mode latest --resources anthropic_cost_usd"
    ],
    ["Every sample of a 7-day sync, as NDJSON", "anthropic-admin sync --lookback-days 7 --format ndjson"]
  ]
} as const satisfies CommandSpec.CommandSpec
