/**
 * What the two endpoints of the Usage and Cost Analytics API (beta) share —
 * `GET /v1/organizations/analytics/usage` ({@link AnalyticsUsage}) and
 * `GET /v1/organizations/analytics/cost` ({@link AnalyticsCost}): the beta
 * header, the span rules, the 20 grouping dimensions and their open enums,
 * the `actor` union, the filters, and the page envelope with
 * `data_refreshed_at` (analytics reference §1–§2).
 *
 * How it differs from the legacy reports (`UsageReport`, `CostReport`;
 * reference §10.7 calls them "[Legacy]"): rows are flat
 * (`{ starting_at, ending_at, group, usage | cost }`), only combinations
 * **with usage** are returned (a missing row means zero, or not exported
 * yet), `limit` counts rows (1–1000), a Console organisation's Default
 * Workspace has a tagged id (the legacy reports say `null`), and a page
 * carries `data_refreshed_at`, the export watermark after which data is
 * incomplete (analytics reference §1.4).
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import type * as DateTime from "effect/DateTime"
import type * as GroupByPlan from "./GroupByPlan.js"
import type { DateInput } from "./internal/dates.js"
import { nullIfAbsent, openEnum } from "./internal/schema.js"
import type { Page } from "./Pagination.js"
import * as UsageReport from "./UsageReport.js"

/**
 * The beta flag both endpoints require (`anthropic-beta:
 * analytics-usage-cost-2026-08-24`, analytics reference §1.1). The client
 * adds it to every analytics request, comma-joined with the client's and the
 * call's own betas.
 * @since 0.3.0
 */
export const BETA = "analytics-usage-cost-2026-08-24"

/**
 * The earliest `starting_at` the API accepts: `2026-01-01T00:00:00Z`
 * (analytics reference §2.1).
 * @since 0.3.0
 */
export const EARLIEST_START = "2026-01-01T00:00:00Z"

/**
 * How far back `starting_at` may lie: 365 days before now (read from
 * `Clock`; analytics reference §2.1).
 * @since 0.3.0
 */
export const LOOKBACK_DAYS = 365

/**
 * The longest range one request may cover: 31 days (`ending_at −
 * starting_at`; analytics reference §2.1). Longer ranges are split by the
 * `buckets`/`rows` streams.
 * @since 0.3.0
 */
export const MAX_SPAN_DAYS = 31

/**
 * The longest range one `1m` request may cover: 24 hours (analytics
 * reference §2.1).
 * @since 0.3.0
 */
export const MAX_SPAN_HOURS_1M = 24

/**
 * Rows per page: 1–1000, default 20 (analytics reference §2.1). The
 * `buckets`/`rows` streams ask for {@link MAX_LIMIT} unless told otherwise.
 * @since 0.3.0
 */
export const MAX_LIMIT = 1000

/**
 * The most `group_by[]` dimensions one request may carry (analytics
 * reference §2.1; cost's `cost_type` and `token_type` do not count).
 * @since 0.3.0
 */
export const MAX_GROUP_BY = 5

/**
 * The most values one array filter may carry. The limit is documented for
 * the legacy Enterprise reports (`maxItems: 100`) and assumed here
 * (analytics reference §1.2, [unconfirmed]).
 * @since 0.3.0
 */
export const MAX_FILTER_VALUES = 100

/** `time_bucket_width`: one row per bucket and group. @since 0.3.0 */
export const TimeBucketWidth = Schema.Literal("1d", "1h", "1m")
/** @since 0.3.0 */
export type TimeBucketWidth = typeof TimeBucketWidth.Type

/**
 * The 20 dimensions both endpoints group by (`group_by[]`, analytics
 * reference §2.2). Every row's `group` carries all of them, `null` unless
 * grouped.
 * @since 0.3.0
 */
export const Dimension = Schema.Literal(
  "actor",
  "actor_type",
  "agent_id",
  "api_key_id",
  "claude_tag_category",
  "claude_tag_user_id",
  "context_window",
  "deployment_id",
  "environment_id",
  "inference_geo",
  "model",
  "organization_id",
  "product",
  "rbac_group_id",
  "service_tier",
  "session_id",
  "slack_channel_id",
  "speed",
  "user_profile_id",
  "workspace_id"
)
/** @since 0.3.0 */
export type Dimension = typeof Dimension.Type

/** Known context windows (`0-200k`, `200k-1M`); others decode too. The legacy report's enum. @since 0.3.0 */
export const ContextWindow = UsageReport.ContextWindow
/** @since 0.3.0 */
export type ContextWindow = UsageReport.ContextWindow

/** Known service tiers (`standard`, `batch`, `priority`, …); others decode too. The legacy report's enum. @since 0.3.0 */
export const ServiceTier = UsageReport.ServiceTier
/** @since 0.3.0 */
export type ServiceTier = UsageReport.ServiceTier

/** Known speeds (`standard`, `fast`); others decode too. @since 0.3.0 */
export const Speed = UsageReport.Speed
/** @since 0.3.0 */
export type Speed = UsageReport.Speed

/**
 * Known inference geos: `global`, `us` in responses (`null` when unset); the
 * `inferenceGeos` filter also takes `not_available`, which matches unset.
 * @since 0.3.0
 */
export const InferenceGeo = UsageReport.InferenceGeo
/** @since 0.3.0 */
export type InferenceGeo = UsageReport.InferenceGeo

/** Known actor types; others decode too. @since 0.3.0 */
export const ActorType = openEnum("api_actor", "federated_actor", "service_account_actor", "user_actor")
/** @since 0.3.0 */
export type ActorType = typeof ActorType.Type

/** Known Claude Tag categories (documented as growing); others decode too. @since 0.3.0 */
export const ClaudeTagCategory = openEnum("dm", "engaged", "monitoring", "proactive", "scheduled")
/** @since 0.3.0 */
export type ClaudeTagCategory = typeof ClaudeTagCategory.Type

/**
 * Known products (the `products[]` filter of `usage`/`cost`); responses also
 * carry `cc_security_autopatch`, `"other"` and values added later.
 * @since 0.3.0
 */
export const Product = openEnum(
  "chat",
  "chat_cowork_unified",
  "claude_code",
  "claude_console",
  "claude_design",
  "claude_in_chrome",
  "claude_tag",
  "cowork",
  "managed_agents_api",
  "message_batches_api",
  "messages_api",
  "office_agent",
  "cc_security_autopatch",
  "other"
)
/** @since 0.3.0 */
export type Product = typeof Product.Type

/**
 * A user account. `email_address` is kept for removed members and `null` for
 * deleted accounts and system service accounts (older docs call it `email`;
 * both names are read); `deleted` is `true` when the account is deleted or
 * the person is no longer a member (analytics reference §1.6).
 * @since 0.3.0
 */
export const UserActor = Schema.transform(
  Schema.Struct({
    type: Schema.Literal("user_actor"),
    user_id: Schema.String,
    email_address: Schema.optional(Schema.NullOr(Schema.String)),
    email: Schema.optional(Schema.NullOr(Schema.String)),
    name: nullIfAbsent(Schema.String),
    deleted: Schema.optionalWith(Schema.Boolean, { default: () => false })
  }),
  Schema.Struct({
    type: Schema.Literal("user_actor"),
    user_id: Schema.String,
    email_address: Schema.NullOr(Schema.String),
    name: Schema.NullOr(Schema.String),
    deleted: Schema.Boolean
  }),
  {
    strict: true,
    decode: ({ deleted, email, email_address, name, type, user_id }) => ({
      type,
      user_id,
      email_address: email_address ?? email ?? null,
      name,
      deleted
    }),
    encode: (actor) => ({ ...actor })
  }
)
/** @since 0.3.0 */
export type UserActor = typeof UserActor.Type

/** A service account (`svac_…`). @since 0.3.0 */
export const ServiceAccountActor = Schema.Struct({
  type: Schema.Literal("service_account_actor"),
  service_account_id: Schema.String
})
/** @since 0.3.0 */
export type ServiceAccountActor = typeof ServiceAccountActor.Type

/** Usage attributed to an API key itself (`apikey_…`). @since 0.3.0 */
export const ApiActor = Schema.Struct({ type: Schema.Literal("api_actor"), api_key_id: Schema.String })
/** @since 0.3.0 */
export type ApiActor = typeof ApiActor.Type

const KnownProvider = Schema.Union(
  Schema.Struct({ type: Schema.Literal("aws"), account_id: Schema.String, signed_principal: Schema.String }),
  Schema.Struct({ type: Schema.Literal("azure"), subscription_id: Schema.String }),
  Schema.Struct({ type: Schema.Literal("gcp"), project_number: Schema.String }),
  Schema.Struct({ type: Schema.Literal("oidc"), issuer: nullIfAbsent(Schema.String) })
)
const PROVIDERS: ReadonlyArray<string> = ["aws", "azure", "gcp", "oidc"]

/**
 * A federated identity's provider: `aws` (`account_id`, `signed_principal`),
 * `azure` (`subscription_id`), `gcp` (`project_number`), `oidc` (`issuer`),
 * or a provider this client does not know yet (only its `type`).
 * @since 0.3.0
 */
export const FederatedProvider = Schema.Union(
  KnownProvider,
  Schema.Struct({ type: Schema.String.pipe(Schema.filter((t) => !PROVIDERS.includes(t))) })
)
/** @since 0.3.0 */
export type FederatedProvider = typeof FederatedProvider.Type

/** A workload-identity-federated caller; it has no tagged id (select it with `actorTypes`). @since 0.3.0 */
export const FederatedActor = Schema.Struct({
  type: Schema.Literal("federated_actor"),
  subject: nullIfAbsent(Schema.String),
  provider: FederatedProvider
})
/** @since 0.3.0 */
export type FederatedActor = typeof FederatedActor.Type

const ACTOR_TYPES: ReadonlyArray<string> = [
  "user_actor",
  "service_account_actor",
  "federated_actor",
  "api_actor"
]

/** An actor type this client does not know yet: only its `type` is read. @since 0.3.0 */
export const UnknownActor = Schema.Struct({
  type: Schema.String.pipe(Schema.filter((t) => !ACTOR_TYPES.includes(t)))
})
/** @since 0.3.0 */
export type UnknownActor = typeof UnknownActor.Type

/**
 * `group.actor`: who the usage is attributed to, in the API's order of
 * preference — a user, a service account, a federated identity, then an API
 * key (analytics reference §1.6). `null` when nothing is attributable, and
 * for identities the server cannot render, **each as its own row** (so two
 * rows may share a bucket and a `group`; sum them if you need one).
 * @since 0.3.0
 */
export const Actor = Schema.Union(UserActor, ServiceAccountActor, FederatedActor, ApiActor, UnknownActor)
/** @since 0.3.0 */
export type Actor = typeof Actor.Type

/**
 * The 20 keys of `group` both endpoints share, each `null` unless grouped
 * (and sometimes `null` when grouped: `api_key_id` for usage without a key,
 * `workspace_id` for a Claude Enterprise default workspace, `model` for code
 * execution, `inference_geo` when unset, `rbac_group_id` for the single
 * "unassigned" row; analytics reference §2.2). An absent key reads as
 * `null` (reference §10.4). Enums are open.
 * @since 0.3.0
 */
export const groupFields = {
  actor: nullIfAbsent(Actor),
  actor_type: nullIfAbsent(ActorType),
  agent_id: nullIfAbsent(Schema.String),
  api_key_id: nullIfAbsent(Schema.String),
  claude_tag_category: nullIfAbsent(ClaudeTagCategory),
  claude_tag_user_id: nullIfAbsent(Schema.String),
  context_window: nullIfAbsent(ContextWindow),
  deployment_id: nullIfAbsent(Schema.String),
  environment_id: nullIfAbsent(Schema.String),
  inference_geo: nullIfAbsent(InferenceGeo),
  model: nullIfAbsent(Schema.String),
  organization_id: nullIfAbsent(Schema.String),
  product: nullIfAbsent(Product),
  rbac_group_id: nullIfAbsent(Schema.String),
  service_tier: nullIfAbsent(ServiceTier),
  session_id: nullIfAbsent(Schema.String),
  slack_channel_id: nullIfAbsent(Schema.String),
  speed: nullIfAbsent(Speed),
  user_profile_id: nullIfAbsent(Schema.String),
  workspace_id: nullIfAbsent(Schema.String)
}

/**
 * The page envelope of both endpoints: `data`, `has_more`, `next_page`
 * (`null` on the last page), `data_refreshed_at` (the export watermark, an
 * instant in UTC, `null` when no export covers any part of the range; then
 * `data` is empty) and `organization_id` (documented for the Enterprise
 * reports only; `null` when absent). Analytics reference §1.3–§1.4.
 * @since 0.3.0
 */
export const ReportPage = <A, I, R>(row: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    data: Schema.Array(row),
    has_more: Schema.Boolean,
    next_page: nullIfAbsent(Schema.String),
    data_refreshed_at: nullIfAbsent(Schema.DateTimeUtc),
    organization_id: nullIfAbsent(Schema.String)
  })

/**
 * One page of a `pages` stream: the rows, the cursors, the `request-id`,
 * the headers, and `dataRefreshedAt` (the page's `data_refreshed_at`).
 * @since 0.3.0
 */
export interface AnalyticsPage<A> extends Page<A> {
  /** The export watermark of this page; data after it is incomplete. `null`: nothing exported for the range. */
  readonly dataRefreshedAt: DateTime.Utc | null
}

/**
 * The rows of one time bucket, as the `buckets` streams emit them: every
 * row whose `starting_at` is this bucket's, in the API's order (`orderBy`,
 * `order`), and the window's `data_refreshed_at` (the earliest watermark of
 * the pages and queries that served it; `null` when none was exported).
 * Without `timeBucketWidth` a bucket is one window (at most 31 days).
 * @since 0.3.0
 */
export interface Bucket<R> {
  readonly starting_at: DateTime.Utc
  readonly ending_at: DateTime.Utc
  readonly data_refreshed_at: DateTime.Utc | null
  readonly rows: ReadonlyArray<R>
}

/**
 * `order`: `desc` (default) or `asc`.
 * @since 0.3.0
 */
export type Order = "asc" | "desc"

/**
 * The parameters both endpoints take (analytics reference §2.1). Unset
 * parameters are left off the wire.
 * @since 0.3.0
 */
export interface CommonParams {
  /**
   * `starting_at`, inclusive; snapped down to its bucket (to the hour without
   * `timeBucketWidth`). Not before {@link EARLIEST_START} and within
   * {@link LOOKBACK_DAYS} days of now, else `InvalidParameterError` naming
   * `startingAt` before anything is sent.
   */
  readonly startingAt: DateInput
  /**
   * `ending_at`, exclusive; sent rounded up to a bucket edge (the hour
   * without `timeBucketWidth`), so every bucket overlapping the range is
   * returned. One request spans at most {@link MAX_SPAN_DAYS} days
   * ({@link MAX_SPAN_HOURS_1M} hours for `1m`); the `buckets`/`rows` streams
   * split longer ranges. Omitted: up to now (the end of the current bucket,
   * by `Clock`; for `page`/`pages` at most one span after `startingAt`;
   * without `timeBucketWidth` `page`/`pages` leave it to the API).
   */
  readonly endingAt?: DateInput | undefined
  /** `time_bucket_width`: `1d`, `1h` or `1m`; omitted, each row covers the whole range (one window). */
  readonly timeBucketWidth?: TimeBucketWidth | undefined
  /** `limit`: rows per page, 1–1000 (API default 20; the streams use 1000). */
  readonly limit?: number | undefined
  /** `page`: a cursor from a previous page's `next_page` (`page`/`pages` only). */
  readonly page?: string | undefined
  /** `order`: `desc` (default) or `asc`. */
  readonly order?: Order | undefined
  /** `exclude_deleted_users`: drop deleted `user_actor` rows; needs `groupBy` to include `actor`. */
  readonly excludeDeletedUsers?: boolean | undefined
  /** `actor_ids[]`: `user_…`, `svac_…` or `apikey_…` (an `apikey_` entry matches `api_actor` rows only). */
  readonly actorIds?: ReadonlyArray<string> | undefined
  /** `actor_types[]`. */
  readonly actorTypes?: ReadonlyArray<ActorType> | undefined
  /**
   * `api_key_ids[]`: every request the key authenticated, whoever it is
   * attributed to. A `null` (or `""`) entry is sent as the empty
   * `api_key_ids[]=`, which matches usage with no key.
   */
  readonly apiKeyIds?: ReadonlyArray<string | null> | undefined
  /** `workspace_ids[]` (`wrkspc_…`). */
  readonly workspaceIds?: ReadonlyArray<string> | undefined
  /** `models[]`. */
  readonly models?: ReadonlyArray<string> | undefined
  /** `service_tiers[]`. */
  readonly serviceTiers?: ReadonlyArray<ServiceTier> | undefined
  /** `context_windows[]` (plural, unlike the legacy `context_window[]`). */
  readonly contextWindows?: ReadonlyArray<ContextWindow> | undefined
  /** `inference_geos[]` (`not_available` matches unset). */
  readonly inferenceGeos?: ReadonlyArray<InferenceGeo> | undefined
  /** `speeds[]` (adds the `fast-mode-2026-02-01` beta, as `speed` grouping does). */
  readonly speeds?: ReadonlyArray<Speed> | undefined
  /** `products[]` (default: all). */
  readonly products?: ReadonlyArray<Product> | undefined
  /** `rbac_group_ids[]`: `rbac_group_…` or a bare UUID; cannot be combined with `claude_tag_user_id`. */
  readonly rbacGroupIds?: ReadonlyArray<string> | undefined
  /** `organization_ids[]`: parent organisations only (child UUIDs or `org_…`). */
  readonly organizationIds?: ReadonlyArray<string> | undefined
  /** `agent_ids[]` (Claude Managed Agents). */
  readonly agentIds?: ReadonlyArray<string> | undefined
  /** `session_ids[]` (`sesn_…`). */
  readonly sessionIds?: ReadonlyArray<string> | undefined
  /** `environment_ids[]`. */
  readonly environmentIds?: ReadonlyArray<string> | undefined
  /** `deployment_ids[]`. */
  readonly deploymentIds?: ReadonlyArray<string> | undefined
  /** `slack_channel_ids[]` (Claude Tag). */
  readonly slackChannelIds?: ReadonlyArray<string> | undefined
  /** `claude_tag_user_ids[]` (Slack `U…`); cannot be combined with `rbac_group_id`. */
  readonly claudeTagUserIds?: ReadonlyArray<string> | undefined
  /** `claude_tag_categories[]`. */
  readonly claudeTagCategories?: ReadonlyArray<ClaudeTagCategory> | undefined
  /** `user_profile_ids[]` (`uprof_…`). */
  readonly userProfileIds?: ReadonlyArray<string> | undefined
}

/**
 * The filters of {@link CommonParams} and their wire names, in wire order.
 * @since 0.3.0
 */
export const FILTERS = [
  ["actorIds", "actor_ids[]"],
  ["actorTypes", "actor_types[]"],
  ["apiKeyIds", "api_key_ids[]"],
  ["workspaceIds", "workspace_ids[]"],
  ["models", "models[]"],
  ["serviceTiers", "service_tiers[]"],
  ["contextWindows", "context_windows[]"],
  ["inferenceGeos", "inference_geos[]"],
  ["speeds", "speeds[]"],
  ["products", "products[]"],
  ["rbacGroupIds", "rbac_group_ids[]"],
  ["organizationIds", "organization_ids[]"],
  ["agentIds", "agent_ids[]"],
  ["sessionIds", "session_ids[]"],
  ["environmentIds", "environment_ids[]"],
  ["deploymentIds", "deployment_ids[]"],
  ["slackChannelIds", "slack_channel_ids[]"],
  ["claudeTagUserIds", "claude_tag_user_ids[]"],
  ["claudeTagCategories", "claude_tag_categories[]"],
  ["userProfileIds", "user_profile_ids[]"]
] as const

/**
 * The dimensions a `GroupByPlan` may fan out over on the analytics API:
 * those whose filter selects exactly the rows with that value and whose
 * values are known and few. `inference_geo` fans out over `global` and `us`
 * only (its `null` rows land in the remainder; the filter value
 * `not_available` would return `null` rows, not rows labelled so).
 * `product` and `claude_tag_category` do not fan out: their values grow
 * (`other`, new surfaces) and a filter value the organisation lacks may be
 * refused; `actor`, `rbac_group_id` and the open-valued ids never do. A
 * grouping that would need more than five of the others in one query is
 * refused.
 * @since 0.3.0
 */
export const FAN_OUT: ReadonlyArray<GroupByPlan.FanOutDimension> = [
  { dimension: "context_window", filter: "contextWindows", values: ["0-200k", "200k-1M"] },
  { dimension: "speed", filter: "speeds", values: ["standard", "fast"] },
  { dimension: "inference_geo", filter: "inferenceGeos", values: ["global", "us"] },
  {
    dimension: "actor_type",
    filter: "actorTypes",
    values: ["api_actor", "federated_actor", "service_account_actor", "user_actor"]
  },
  {
    dimension: "service_tier",
    filter: "serviceTiers",
    values: ["standard", "batch", "priority", "priority_on_demand", "flex", "flex_discount"]
  }
]

/**
 * Dimensions whose rows may overlap or repeat, so no plan can join them
 * exactly: `actor` (unrenderable identities come back as several `null`
 * rows of one group) and `rbac_group_id` (a user counts fully in every group
 * they are in). Grouping by one of them with more than five dimensions is
 * refused (`InvalidParameterError` on `groupBy`).
 * @since 0.3.0
 */
export const NOT_PLANNABLE: ReadonlyArray<Dimension> = ["actor", "rbac_group_id"]
