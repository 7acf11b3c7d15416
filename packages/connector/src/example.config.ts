/**
 * Using the Anthropic connector in rawdash: the connector entry of a rawdash
 * config, two widgets reading its metrics and the registry entry. In a real
 * `rawdash.config.ts`, wrap these in `defineConfig` / `defineDashboard` /
 * `defineMetric` from `@rawdash/core` and write the key as
 * `secret("ANTHROPIC_ADMIN_API_KEY")`. To break usage down by user account,
 * add `dimensions: ["model", "workspace_id", "account_id"]` to the config
 * (any five or fewer dimensions cost 1 usage request per 31 days).
 */
import AnthropicConnector, {
  type Config,
  type Rawdash,
  type ResourceName
} from "@rawdash/connector-anthropic"

/** The connector entry of a rawdash config. */
export const anthropic = {
  name: "anthropic",
  connectorId: AnthropicConnector.id,
  config: {
    adminApiKey: { $secret: "ANTHROPIC_ADMIN_API_KEY" },
    lookbackDays: 30
  }
} satisfies Rawdash.ConfiguredConnector<Config.ConfigInput>

interface StatWidget {
  readonly kind: "stat"
  readonly title: string
  readonly metric: {
    readonly connector: string
    readonly shape: "metric"
    readonly name: ResourceName
    readonly fn: "sum"
    /** The window the stat sums over (put it on the metric: rawdash applies only `metric.window`). */
    readonly window: string
  }
}

/** Two stat widgets reading the connector's metrics. */
export const widgets = {
  spend_30d: {
    kind: "stat",
    title: "Anthropic spend (last 30d)",
    metric: {
      connector: anthropic.name,
      shape: "metric",
      name: "anthropic_cost_usd",
      fn: "sum",
      window: "30d"
    }
  },
  input_tokens_today: {
    kind: "stat",
    title: "Input tokens today",
    metric: {
      connector: anthropic.name,
      shape: "metric",
      name: "anthropic_input_tokens",
      fn: "sum",
      window: "1d"
    }
  }
} satisfies Record<string, StatWidget>

/** The registry entry rawdash's engine builds connectors from. */
export const connectorRegistry = { anthropic: AnthropicConnector } satisfies Rawdash.ConnectorRegistry
