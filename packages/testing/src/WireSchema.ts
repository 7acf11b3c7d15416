/**
 * Schemas of the report endpoints' wire JSON, written from the API reference
 * (§3–§5, §7, §10) for this package, independently of the client's schemas.
 * They describe *valid* responses as the fake sends them: known enum values
 * only, and only the keys the spec requires are required (§10.4): a usage
 * item needs its token fields, a cost item `amount` and `currency`, a cost or
 * Claude Code page `data` and `has_more`; every other key may be absent (the
 * fake's spec-minimal mode omits them) and reads as `null`. Use them to type
 * fixtures, to decode the fake's answers in your tests, and (with
 * {@link WireArbitrary}) to generate random valid pages, absent keys included.
 *
 * @since 0.1.0
 */
import * as Arbitrary from "effect/Arbitrary"
import * as Schema from "effect/Schema"

const DAY = 86_400_000
const HISTORY_START = Date.UTC(2025, 0, 1) / DAY

const isoOf = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z")

/**
 * An RFC 3339 UTC instant as the reports print bucket edges: `2026-03-01T00:00:00Z`.
 *
 * @since 0.1.0
 */
export const Instant = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
  Schema.annotations({
    identifier: "Instant",
    arbitrary: () => (fc) =>
      fc
        .integer({ min: HISTORY_START * 1440, max: (HISTORY_START + 730) * 1440 })
        .map((m) => isoOf(m * 60_000))
  })
)

/**
 * A token or request count: a non-negative integer.
 *
 * @since 0.1.0
 */
export const Count = Schema.Int.pipe(Schema.nonNegative(), Schema.lessThanOrEqualTo(1e12))

const Id = (prefix: string) =>
  Schema.String.pipe(
    Schema.pattern(new RegExp(`^${prefix}[A-Za-z0-9]+$`)),
    Schema.annotations({
      arbitrary: () => (fc) => fc.stringMatching(/^[A-Za-z0-9]{4,16}$/).map((s) => `${prefix}${s}`)
    })
  )

/**
 * A `page` / `next_page` cursor: an opaque non-empty string.
 *
 * @since 0.1.0
 */
export const Cursor = Schema.NonEmptyString.annotations({
  arbitrary: () => (fc) => fc.base64String({ minLength: 4, maxLength: 40 }).map((s) => `page_${s}`)
})

/**
 * `service_tier` values of the usage report.
 *
 * @since 0.1.0
 */
export const ServiceTier = Schema.Literal(
  "standard",
  "batch",
  "priority",
  "priority_on_demand",
  "flex",
  "flex_discount"
)

/**
 * `context_window` values.
 *
 * @since 0.1.0
 */
export const ContextWindow = Schema.Literal("0-200k", "200k-1M")

/**
 * `inference_geo` values.
 *
 * @since 0.1.0
 */
export const InferenceGeo = Schema.Literal("global", "us", "not_available")

/**
 * `speed` values (fast-mode beta).
 *
 * @since 0.1.0
 */
export const Speed = Schema.Literal("standard", "fast")

const Model = Schema.String.pipe(
  Schema.pattern(/^claude-/),
  Schema.annotations({
    arbitrary: () => (fc) =>
      fc.constantFrom(
        "claude-opus-4-6",
        "claude-opus-4-5",
        "claude-sonnet-4-5",
        "claude-haiku-4-5",
        "claude-sonnet-4-20250514"
      )
  })
)

/** An optional, nullable key: absent reads as `null` (§10.4). */
const Optional = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/**
 * One usage item (`UsageItem`, §3). The token fields are required; every
 * dimension key may be absent (§10.4) and is null unless grouped by it.
 *
 * @since 0.1.0
 */
export const UsageItem = Schema.Struct({
  uncached_input_tokens: Count,
  cache_creation: Schema.Struct({ ephemeral_5m_input_tokens: Count, ephemeral_1h_input_tokens: Count }),
  cache_read_input_tokens: Count,
  output_tokens: Count,
  server_tool_use: Schema.Struct({ web_search_requests: Count }),
  api_key_id: Optional(Id("apikey_")),
  workspace_id: Optional(Id("wrkspc_")),
  model: Optional(Model),
  service_tier: Optional(ServiceTier),
  context_window: Optional(ContextWindow),
  inference_geo: Schema.optionalWith(Schema.NullOr(InferenceGeo), { exact: true }),
  account_id: Schema.optionalWith(Schema.NullOr(Id("user_")), { exact: true }),
  service_account_id: Schema.optionalWith(Schema.NullOr(Id("svac_")), { exact: true }),
  speed: Schema.optionalWith(Schema.NullOr(Speed), { exact: true })
})

/**
 * A wire usage item.
 *
 * @since 0.1.0
 */
export type UsageItem = typeof UsageItem.Type

/**
 * `cost_type` values.
 *
 * @since 0.1.0
 */
export const CostType = Schema.Literal("tokens", "web_search", "code_execution", "session_usage")

/**
 * `token_type` values.
 *
 * @since 0.1.0
 */
export const TokenType = Schema.Literal(
  "uncached_input_tokens",
  "output_tokens",
  "cache_read_input_tokens",
  "cache_creation.ephemeral_1h_input_tokens",
  "cache_creation.ephemeral_5m_input_tokens"
)

/**
 * A cost amount: a decimal string in cents (`"1446.30125"` is $14.4630125).
 *
 * @since 0.1.0
 */
export const Amount = Schema.String.pipe(
  Schema.pattern(/^\d+(\.\d+)?$/),
  Schema.annotations({
    arbitrary: () => (fc) =>
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.integer({ min: 0, max: 9 })).map(([n, scale]) => {
        const digits = n.toString().padStart(scale + 1, "0")
        return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
      })
  })
)

const CostItemFields = Schema.Struct({
  amount: Amount,
  currency: Schema.Literal("USD"),
  workspace_id: Optional(Id("wrkspc_")),
  description: Optional(Schema.NonEmptyString),
  cost_type: Optional(CostType),
  model: Optional(Model),
  token_type: Optional(TokenType),
  service_tier: Optional(Schema.Literal("standard", "batch")),
  context_window: Optional(ContextWindow),
  inference_geo: Optional(InferenceGeo)
})

type CostItemFields = typeof CostItemFields.Type

/** Sets the keys that are present to `null`; absent keys stay absent. */
const nullPresent = (item: CostItemFields, keys: ReadonlyArray<keyof CostItemFields>): CostItemFields => {
  const out: Record<string, unknown> = { ...item }
  for (const key of keys) if (key in out) out[key] = null
  return out as CostItemFields
}

/**
 * One cost item (`CostItem`, §4). Only `amount` and `currency` are required
 * (§10.4); every other key may be absent. `description` and the fields that
 * depend on it are null (or absent) unless grouped by `description`; `model`,
 * `token_type`, `service_tier` and `context_window` are set only for token costs.
 *
 * @since 0.1.0
 */
export const CostItem = CostItemFields.annotations({
  arbitrary: () => () =>
    Arbitrary.make(CostItemFields).map((item) =>
      item.description == null || item.cost_type == null
        ? nullPresent(item, [
            "description",
            "cost_type",
            "model",
            "token_type",
            "service_tier",
            "context_window",
            "inference_geo"
          ])
        : item.cost_type === "tokens"
          ? {
              ...item,
              model: item.model ?? "claude-sonnet-4-5",
              token_type: item.token_type ?? "output_tokens",
              service_tier: item.service_tier ?? "standard",
              context_window: item.context_window ?? "0-200k"
            }
          : nullPresent(item, ["model", "token_type", "service_tier", "context_window"])
    )
})

/**
 * A wire cost item.
 *
 * @since 0.1.0
 */
export type CostItem = typeof CostItem.Type

const Bucket = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({ starting_at: Instant, ending_at: Instant, results: Schema.Array(item) })

const reportPage = <A, I>(item: Schema.Schema<A, I>, widths: ReadonlyArray<number>) => {
  const fields = Schema.Struct({
    data: Schema.Array(Bucket(item)),
    has_more: Schema.Boolean,
    next_page: Schema.NullOr(Cursor)
  })
  return fields.annotations({
    arbitrary: () => (fc) =>
      fc
        .record({
          start: fc.integer({ min: HISTORY_START * 1440, max: (HISTORY_START + 730) * 1440 }),
          width: fc.constantFrom(...widths),
          results: fc.array(fc.array(Arbitrary.make(item), { maxLength: 4 }), { maxLength: 8 }),
          next: fc.option(Arbitrary.make(Cursor), { nil: null })
        })
        .map(({ next, results, start, width }) => {
          const first = Math.floor((start * 60_000) / width) * width
          return {
            data: results.map((r, i) => ({
              starting_at: isoOf(first + i * width),
              ending_at: isoOf(first + (i + 1) * width),
              results: r
            })),
            has_more: next !== null,
            next_page: next
          }
        })
  })
}

/**
 * A page of the Messages Usage Report (§3): consecutive buckets of one width,
 * `has_more` true exactly when `next_page` is a string. The envelope is
 * complete: `next_page` is always present (`null` on the last page).
 *
 * @since 0.1.0
 */
export const UsageReport = reportPage(UsageItem, [60_000, 3_600_000, DAY])

/**
 * A wire usage report page.
 *
 * @since 0.1.0
 */
export type UsageReport = typeof UsageReport.Type

const CostFields = Schema.Struct({
  data: Schema.Array(Bucket(CostItem)),
  has_more: Schema.Boolean,
  next_page: Optional(Cursor)
})

/**
 * A page of the Cost Report (§4): daily buckets, `has_more` true exactly when
 * `next_page` is a string. `next_page` is not required (§10.4): the last page
 * may omit it instead of sending `null`.
 *
 * @since 0.1.0
 */
export const CostReport = CostFields.annotations({
  arbitrary: () => (fc) =>
    fc
      .tuple(Arbitrary.make(reportPage(CostItem, [DAY])), fc.boolean())
      .map(([page, omit]) =>
        page.next_page === null && omit ? { data: page.data, has_more: page.has_more } : page
      )
})

/**
 * A wire cost report page.
 *
 * @since 0.1.0
 */
export type CostReport = typeof CostReport.Type

/**
 * A Claude Code actor: a user (OAuth) or an API key.
 *
 * @since 0.1.0
 */
export const ClaudeCodeActor = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("user_actor"),
    email_address: Schema.String.pipe(
      Schema.pattern(/^[^@\s]+@[^@\s]+$/),
      Schema.annotations({ arbitrary: () => (fc) => fc.emailAddress() })
    )
  }),
  Schema.Struct({ type: Schema.Literal("api_actor"), api_key_name: Schema.NonEmptyString })
)

const ToolName = Schema.String.pipe(
  Schema.pattern(/^[a-z_]+$/),
  Schema.annotations({
    arbitrary: () => (fc) =>
      fc.constantFrom("edit_tool", "multi_edit_tool", "write_tool", "notebook_edit_tool")
  })
)

/**
 * One Claude Code record (§5): one actor, one UTC day, remote or local use
 * (`is_remote`, required, §10.5: two records may share actor and date);
 * `estimated_cost.amount` in integer cents; `subscription_type` may be absent.
 *
 * @since 0.1.0
 */
export const ClaudeCodeRecord = Schema.Struct({
  date: Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/),
    Schema.annotations({
      arbitrary: () => (fc) =>
        fc.integer({ min: HISTORY_START, max: HISTORY_START + 730 }).map((d) => isoOf(d * DAY))
    })
  ),
  actor: ClaudeCodeActor,
  organization_id: Schema.UUID,
  customer_type: Schema.Literal("api", "subscription"),
  subscription_type: Schema.optionalWith(Schema.NullOr(Schema.Literal("enterprise", "team")), {
    exact: true
  }),
  terminal_type: Schema.String,
  is_remote: Schema.Boolean,
  core_metrics: Schema.Struct({
    num_sessions: Count,
    lines_of_code: Schema.Struct({ added: Count, removed: Count }),
    commits_by_claude_code: Count,
    pull_requests_by_claude_code: Count
  }),
  tool_actions: Schema.Record({ key: ToolName, value: Schema.Struct({ accepted: Count, rejected: Count }) }),
  model_breakdown: Schema.Array(
    Schema.Struct({
      model: Model,
      tokens: Schema.Struct({ input: Count, output: Count, cache_read: Count, cache_creation: Count }),
      estimated_cost: Schema.Struct({ amount: Count, currency: Schema.Literal("USD") })
    })
  )
})

/**
 * A wire Claude Code record.
 *
 * @since 0.1.0
 */
export type ClaudeCodeRecord = typeof ClaudeCodeRecord.Type

const ClaudeCodeFields = Schema.Struct({
  data: Schema.Array(ClaudeCodeRecord),
  has_more: Schema.Boolean,
  next_page: Optional(Cursor)
})

/**
 * A page of the Claude Code report (§5), `has_more` true exactly when
 * `next_page` is a string. `next_page` is not required (§10.4): the last page
 * may omit it instead of sending `null`.
 *
 * @since 0.1.0
 */
export const ClaudeCodeReport = ClaudeCodeFields.annotations({
  arbitrary: () => (fc) =>
    fc
      .tuple(
        fc.array(Arbitrary.make(ClaudeCodeRecord), { maxLength: 5 }),
        fc.option(Arbitrary.make(Cursor), { nil: null }),
        fc.boolean()
      )
      .map(([data, next, omit]) =>
        next === null && omit ? { data, has_more: false } : { data, has_more: next !== null, next_page: next }
      )
})

/**
 * A wire Claude Code report page.
 *
 * @since 0.1.0
 */
export type ClaudeCodeReport = typeof ClaudeCodeReport.Type

/**
 * `error.type` values (§7.2).
 *
 * @since 0.1.0
 */
export const ErrorType = Schema.Literal(
  "invalid_request_error",
  "authentication_error",
  "billing_error",
  "permission_error",
  "not_found_error",
  "conflict_error",
  "request_too_large",
  "rate_limit_error",
  "api_error",
  "timeout_error",
  "overloaded_error"
)

/**
 * An `error.details.error_code` (§10.8): a snake_case string. The fake sends
 * one on every error (`FakeAdminApi.errorCodes`); the live API may send others
 * (`organization_not_enrolled_in_beta`, …) or none.
 *
 * @since 0.2.0
 */
export const ErrorCode = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_]*$/),
  Schema.annotations({
    arbitrary: () => (fc) =>
      fc.constantFrom(
        "invalid_date_range",
        "too_many_group_by_dimensions",
        "rate_limit_exceeded",
        "enforced_spend_limit_reached",
        "organization_not_enrolled_in_beta"
      )
  })
)

/**
 * The error envelope (§7.1, §10.8). `error.details` (with its `error_code`) is
 * optional: the fake always sends it, the live API may not.
 *
 * @since 0.1.0
 */
export const ErrorResponse = Schema.Struct({
  type: Schema.Literal("error"),
  error: Schema.Struct({
    type: ErrorType,
    message: Schema.NonEmptyString,
    details: Schema.optionalWith(
      Schema.Struct({ error_code: Schema.optionalWith(ErrorCode, { exact: true }) }),
      { exact: true }
    )
  }),
  request_id: Schema.NullOr(Id("req_"))
})

/**
 * A wire error envelope.
 *
 * @since 0.1.0
 */
export type ErrorResponse = typeof ErrorResponse.Type

// ---------------------------------------------------------------------------
// The Usage and Cost Analytics API (analytics reference §1–§3)
// ---------------------------------------------------------------------------

const Nullable = <A, I>(schema: Schema.Schema<A, I>) => Schema.NullOr(schema)

/**
 * `inference_geo` in analytics rows: `global` or `us`; `null` when unset
 * (the filter's `not_available`), analytics reference §1.5.
 *
 * @since 0.3.0
 */
export const AnalyticsInferenceGeo = Schema.Literal("global", "us")

/**
 * `actor_type` values (analytics reference §1.5).
 *
 * @since 0.3.0
 */
export const ActorType = Schema.Literal("api_actor", "federated_actor", "service_account_actor", "user_actor")

/**
 * `product` of an analytics row (analytics reference §1.5): the `products[]`
 * values plus `cc_security_autopatch` and `other`.
 *
 * @since 0.3.0
 */
export const AnalyticsProduct = Schema.Literal(
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

/**
 * `claude_tag_category` values (analytics reference §1.5).
 *
 * @since 0.3.0
 */
export const ClaudeTagCategory = Schema.Literal("dm", "engaged", "monitoring", "proactive", "scheduled")

const FederatedProvider = Schema.Union(
  Schema.Struct({ type: Schema.Literal("aws"), account_id: Schema.String, signed_principal: Schema.String }),
  Schema.Struct({ type: Schema.Literal("azure"), subscription_id: Schema.String }),
  Schema.Struct({ type: Schema.Literal("gcp"), project_number: Schema.String }),
  Schema.Struct({ type: Schema.Literal("oidc"), issuer: Schema.NullOr(Schema.String) })
)

/**
 * `group.actor` (analytics reference §1.6): who the usage is attributed to.
 * `user_actor.deleted` is true for a deleted account or a former member
 * (whose `email_address` stays set); `email_address` and `name` may be null.
 *
 * @since 0.3.0
 */
export const AnalyticsActor = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("user_actor"),
    user_id: Id("user_"),
    email_address: Schema.NullOr(
      Schema.String.pipe(
        Schema.pattern(/^[^@\s]+@[^@\s]+$/),
        Schema.annotations({ arbitrary: () => (fc) => fc.emailAddress() })
      )
    ),
    name: Schema.NullOr(Schema.NonEmptyString),
    deleted: Schema.Boolean
  }),
  Schema.Struct({ type: Schema.Literal("service_account_actor"), service_account_id: Id("svac_") }),
  Schema.Struct({
    type: Schema.Literal("federated_actor"),
    subject: Schema.NullOr(Schema.String),
    provider: FederatedProvider
  }),
  Schema.Struct({ type: Schema.Literal("api_actor"), api_key_id: Id("apikey_") })
)

/**
 * A wire analytics actor.
 *
 * @since 0.3.0
 */
export type AnalyticsActor = typeof AnalyticsActor.Type

const usageGroupFields = {
  actor: Nullable(AnalyticsActor),
  actor_type: Nullable(ActorType),
  agent_id: Nullable(Schema.NonEmptyString),
  api_key_id: Nullable(Id("apikey_")),
  claude_tag_category: Nullable(ClaudeTagCategory),
  claude_tag_user_id: Nullable(Schema.NonEmptyString),
  context_window: Nullable(ContextWindow),
  deployment_id: Nullable(Schema.NonEmptyString),
  environment_id: Nullable(Schema.NonEmptyString),
  inference_geo: Nullable(AnalyticsInferenceGeo),
  model: Nullable(Model),
  organization_id: Nullable(Schema.UUID),
  product: Nullable(AnalyticsProduct),
  rbac_group_id: Nullable(Schema.NonEmptyString),
  service_tier: Nullable(ServiceTier),
  session_id: Nullable(Id("sesn_")),
  slack_channel_id: Nullable(Schema.NonEmptyString),
  speed: Nullable(Speed),
  user_profile_id: Nullable(Id("uprof_")),
  workspace_id: Nullable(Id("wrkspc_"))
}

/**
 * `row.group` of the analytics usage endpoint: always all 20 dimension keys,
 * each `null` unless grouped by it (and sometimes even then, analytics
 * reference §2.2). The Default Workspace of a Console organisation has a
 * tagged `workspace_id` here (the legacy reports used `null`).
 *
 * @since 0.3.0
 */
export const AnalyticsUsageGroup = Schema.Struct(usageGroupFields)

/**
 * `row.usage` (analytics reference §2.3): the token fields, `requests`
 * (`null` possible; code-execution rows count execution spans) and
 * `total_tokens` (uncached + cache read + both cache writes + output).
 *
 * @since 0.3.0
 */
export const AnalyticsUsage = Schema.Struct({
  uncached_input_tokens: Count,
  output_tokens: Count,
  cache_read_input_tokens: Count,
  cache_creation: Schema.Struct({ ephemeral_5m_input_tokens: Count, ephemeral_1h_input_tokens: Count }),
  server_tool_use: Schema.Struct({ web_search_requests: Count }),
  requests: Schema.NullOr(Count),
  total_tokens: Count
})

/**
 * One analytics usage row (`BetaAnalyticsUsageItem`, analytics reference
 * §2.3): its bucket (or the range), the group, the usage.
 *
 * @since 0.3.0
 */
export const AnalyticsUsageRow = Schema.Struct({
  starting_at: Instant,
  ending_at: Instant,
  group: AnalyticsUsageGroup,
  usage: AnalyticsUsage
})

/**
 * A wire analytics usage row.
 *
 * @since 0.3.0
 */
export type AnalyticsUsageRow = typeof AnalyticsUsageRow.Type

/**
 * `cost_type` of an analytics cost row (`GroupedCostType`).
 *
 * @since 0.3.0
 */
export const GroupedCostType = Schema.Literal("tokens", "web_search", "code_execution", "session_usage")

const CostGroupFields = Schema.Struct({
  ...usageGroupFields,
  cost_type: Nullable(GroupedCostType),
  token_type: Nullable(TokenType)
})

/**
 * `row.group` of the analytics cost endpoint: the 20 usage keys plus
 * `cost_type` and `token_type` (`token_type` set only on `tokens` rows).
 *
 * @since 0.3.0
 */
export const AnalyticsCostGroup = CostGroupFields.annotations({
  arbitrary: () => () =>
    Arbitrary.make(CostGroupFields).map((g) => (g.cost_type === "tokens" ? g : { ...g, token_type: null }))
})

/**
 * A decimal amount of cents as the analytics API prints it (fractional
 * cents, e.g. `"41280.000000"` = $412.80).
 *
 * @since 0.3.0
 */
export const AnalyticsAmount = Amount

/**
 * `row.cost` (analytics reference §3): `amount` (post-discount, pre-credit)
 * and `list_amount` (list price) in cents as decimal strings, `currency`,
 * `requests` (`null` when grouped by `cost_type` or `token_type`).
 *
 * @since 0.3.0
 */
export const AnalyticsCost = Schema.Struct({
  amount: AnalyticsAmount,
  list_amount: AnalyticsAmount,
  currency: Schema.Literal("USD"),
  requests: Schema.NullOr(Count)
})

/**
 * One analytics cost row.
 *
 * @since 0.3.0
 */
export const AnalyticsCostRow = Schema.Struct({
  starting_at: Instant,
  ending_at: Instant,
  group: AnalyticsCostGroup,
  cost: AnalyticsCost
})

/**
 * A wire analytics cost row.
 *
 * @since 0.3.0
 */
export type AnalyticsCostRow = typeof AnalyticsCostRow.Type

const analyticsPage = <A, I>(row: Schema.Schema<A, I>) => {
  const fields = Schema.Struct({
    data: Schema.Array(row),
    has_more: Schema.Boolean,
    next_page: Schema.NullOr(Cursor),
    data_refreshed_at: Schema.NullOr(Instant)
  })
  return fields.annotations({
    arbitrary: () => (fc) =>
      fc
        .record({
          data: fc.array(Arbitrary.make(row), { maxLength: 5 }),
          next: fc.option(Arbitrary.make(Cursor), { nil: null }),
          refreshed: Arbitrary.make(Instant)
        })
        .chain(({ data, next, refreshed }) =>
          fc
            .boolean()
            .map((exported) =>
              exported || data.length > 0
                ? { data, has_more: next !== null, next_page: next, data_refreshed_at: refreshed }
                : { data: [], has_more: false, next_page: null, data_refreshed_at: null }
            )
        )
  })
}

/**
 * A page of `GET /v1/organizations/analytics/usage` (analytics reference
 * §1.3): `has_more` true exactly when `next_page` is a string;
 * `data_refreshed_at` `null` only when no export covers the range (then
 * `data` is empty).
 *
 * @since 0.3.0
 */
export const AnalyticsUsagePage = analyticsPage(AnalyticsUsageRow)

/**
 * A wire analytics usage page.
 *
 * @since 0.3.0
 */
export type AnalyticsUsagePage = typeof AnalyticsUsagePage.Type

/**
 * A page of `GET /v1/organizations/analytics/cost`, same envelope as usage.
 *
 * @since 0.3.0
 */
export const AnalyticsCostPage = analyticsPage(AnalyticsCostRow)

/**
 * A wire analytics cost page.
 *
 * @since 0.3.0
 */
export type AnalyticsCostPage = typeof AnalyticsCostPage.Type

// ---------------------------------------------------------------------------
// Organisation management (admin reference §6, §10.10; the SDK's GA shapes)
// ---------------------------------------------------------------------------

/**
 * `GET /v1/organizations/me` (§6.1).
 *
 * @since 0.3.0
 */
export const OrganizationInfo = Schema.Struct({
  id: Schema.UUID,
  type: Schema.Literal("organization"),
  name: Schema.NonEmptyString
})

/**
 * An organisation role (§6.2, §10.10).
 *
 * @since 0.3.0
 */
export const OrganizationRole = Schema.Literal(
  "admin",
  "billing",
  "claude_code_user",
  "developer",
  "managed",
  "membership_admin",
  "owner",
  "primary_owner",
  "user"
)

const Email = Schema.String.pipe(
  Schema.pattern(/^[^@\s]+@[^@\s]+$/),
  Schema.annotations({ arbitrary: () => (fc) => fc.emailAddress() })
)

/**
 * A member of the organisation (`OrganizationUser`, §6.2).
 *
 * @since 0.3.0
 */
export const User = Schema.Struct({
  id: Id("user_"),
  type: Schema.Literal("user"),
  email: Email,
  name: Schema.NonEmptyString,
  role: OrganizationRole,
  added_at: Instant
})

/**
 * A wire user.
 *
 * @since 0.3.0
 */
export type User = typeof User.Type

/**
 * `DELETE /v1/organizations/users/{user_id}`.
 *
 * @since 0.3.0
 */
export const UserDeleted = Schema.Struct({ id: Id("user_"), type: Schema.Literal("user_deleted") })

/**
 * An invitation (`OrganizationInvite`, §6.3).
 *
 * @since 0.3.0
 */
export const Invite = Schema.Struct({
  id: Id("invite_"),
  type: Schema.Literal("invite"),
  email: Email,
  role: OrganizationRole,
  status: Schema.Literal("accepted", "deleted", "expired", "pending"),
  invited_at: Instant,
  expires_at: Instant,
  accepted_at: Schema.NullOr(Instant),
  rbac_group_ids: Schema.Array(Schema.NonEmptyString)
})

/**
 * A wire invite.
 *
 * @since 0.3.0
 */
export type Invite = typeof Invite.Type

/**
 * `DELETE /v1/organizations/invites/{invite_id}`.
 *
 * @since 0.3.0
 */
export const InviteDeleted = Schema.Struct({ id: Id("invite_"), type: Schema.Literal("invite_deleted") })

/**
 * A workspace's data residency (§6.4).
 *
 * @since 0.3.0
 */
export const DataResidency = Schema.Struct({
  workspace_geo: Schema.Literal("us"),
  default_inference_geo: Schema.Literal("global", "us"),
  allowed_inference_geos: Schema.Union(
    Schema.Literal("unrestricted"),
    Schema.Array(Schema.Literal("global", "us"))
  )
})

/**
 * A workspace (§6.4; GA shape with `data_residency`, `tags`,
 * `compartment_id`, `external_key_id`).
 *
 * @since 0.3.0
 */
export const Workspace = Schema.Struct({
  id: Id("wrkspc_"),
  type: Schema.Literal("workspace"),
  name: Schema.NonEmptyString,
  created_at: Instant,
  archived_at: Schema.NullOr(Instant),
  display_color: Schema.String.pipe(Schema.pattern(/^#[0-9A-Fa-f]{6}$/)),
  data_residency: DataResidency,
  tags: Schema.Record({ key: Schema.String, value: Schema.String }),
  compartment_id: Schema.NonEmptyString,
  external_key_id: Schema.NullOr(Schema.String)
})

/**
 * A wire workspace.
 *
 * @since 0.3.0
 */
export type Workspace = typeof Workspace.Type

/**
 * A workspace role (§6.5).
 *
 * @since 0.3.0
 */
export const WorkspaceRole = Schema.Literal(
  "workspace_admin",
  "workspace_billing",
  "workspace_developer",
  "workspace_restricted_developer",
  "workspace_user"
)

/**
 * A workspace member (§6.5).
 *
 * @since 0.3.0
 */
export const WorkspaceMember = Schema.Struct({
  type: Schema.Literal("workspace_member"),
  user_id: Id("user_"),
  workspace_id: Id("wrkspc_"),
  workspace_role: WorkspaceRole
})

/**
 * `DELETE …/workspaces/{workspace_id}/members/{user_id}`.
 *
 * @since 0.3.0
 */
export const WorkspaceMemberDeleted = Schema.Struct({
  type: Schema.Literal("workspace_member_deleted"),
  user_id: Id("user_"),
  workspace_id: Id("wrkspc_")
})

/**
 * An API key (§6.6, §10.10: `scope` and `principal`, no top-level
 * `workspace_id`); `scope.workspace_id` is the workspace's real id, the
 * Default Workspace's too.
 *
 * @since 0.3.0
 */
export const ApiKey = Schema.Struct({
  id: Id("apikey_"),
  type: Schema.Literal("api_key"),
  name: Schema.NonEmptyString,
  created_at: Instant,
  created_by: Schema.NullOr(
    Schema.Struct({ id: Schema.NonEmptyString, type: Schema.Literal("service_account", "user") })
  ),
  expires_at: Schema.NullOr(Instant),
  partial_key_hint: Schema.NullOr(Schema.String),
  principal: Schema.NullOr(
    Schema.Union(
      Schema.Struct({ type: Schema.Literal("user_actor"), user_id: Id("user_") }),
      Schema.Struct({ type: Schema.Literal("service_account_actor"), service_account_id: Id("svac_") })
    )
  ),
  scope: Schema.Union(
    Schema.Struct({ type: Schema.Literal("workspace"), workspace_id: Id("wrkspc_") }),
    Schema.Struct({ type: Schema.Literal("organization") })
  ),
  status: Schema.Literal("active", "archived", "expired", "inactive")
})

/**
 * A wire API key.
 *
 * @since 0.3.0
 */
export type ApiKey = typeof ApiKey.Type

const idPage = <A extends { readonly id: string }, I>(item: Schema.Schema<A, I>) => {
  const fields = Schema.Struct({
    data: Schema.Array(item),
    has_more: Schema.Boolean,
    first_id: Schema.NullOr(Schema.String),
    last_id: Schema.NullOr(Schema.String)
  })
  return fields.annotations({
    arbitrary: () => (fc) =>
      fc.tuple(fc.array(Arbitrary.make(item), { maxLength: 5 }), fc.boolean()).map(([data, more]) => ({
        data,
        has_more: more,
        first_id: data[0]?.id ?? null,
        last_id: data[data.length - 1]?.id ?? null
      }))
  })
}

/**
 * A page of an id-cursor list (style B, §2): `first_id`/`last_id` are the
 * first and last `id` of `data` (`null` when empty); `has_more` speaks for
 * the direction of paging. Workspace members (which have no `id`) use
 * {@link WorkspaceMemberPage}.
 *
 * @since 0.3.0
 */
export const UserPage = idPage(User)

/**
 * A page of invites (style B).
 *
 * @since 0.3.0
 */
export const InvitePage = idPage(Invite)

/**
 * A page of workspaces (style B).
 *
 * @since 0.3.0
 */
export const WorkspacePage = idPage(Workspace)

/**
 * A page of API keys (style B).
 *
 * @since 0.3.0
 */
export const ApiKeyPage = idPage(ApiKey)

/**
 * A page of workspace members (style B; `first_id`/`last_id` are user ids).
 *
 * @since 0.3.0
 */
export const WorkspaceMemberPage = Schema.Struct({
  data: Schema.Array(WorkspaceMember),
  has_more: Schema.Boolean,
  first_id: Schema.NullOr(Schema.String),
  last_id: Schema.NullOr(Schema.String)
}).annotations({
  arbitrary: () => (fc) =>
    fc
      .tuple(fc.array(Arbitrary.make(WorkspaceMember), { maxLength: 5 }), fc.boolean())
      .map(([data, more]) => ({
        data,
        has_more: more,
        first_id: data[0]?.user_id ?? null,
        last_id: data[data.length - 1]?.user_id ?? null
      }))
})

const GroupId = Schema.String.pipe(
  Schema.pattern(/^rlg_[A-Za-z0-9]+$/),
  Schema.annotations({
    arbitrary: () => (fc) => fc.stringMatching(/^[A-Za-z0-9]{4,16}$/).map((s) => `rlg_${s}`)
  })
)

/**
 * The rate-limit group of an entry (the SDK's GA shape; its `type` is the
 * `group_type`; only `model_group` has a `display_name`).
 *
 * @since 0.3.0
 */
export const RateLimitGroup = Schema.Union(
  Schema.Struct({ id: GroupId, type: Schema.Literal("model_group"), display_name: Schema.NonEmptyString }),
  Schema.Struct({
    id: GroupId,
    type: Schema.Literal("batch", "token_count", "files", "skills", "web_search")
  })
)

/**
 * An organisation rate-limit entry (§6.7, the SDK's GA shape: `id`, `group`,
 * `models` (`null` unless a model group), `limits`; no `group_type` key).
 *
 * @since 0.3.0
 */
export const RateLimit = Schema.Struct({
  id: Schema.NonEmptyString,
  type: Schema.Literal("rate_limit"),
  group: RateLimitGroup,
  models: Schema.NullOr(Schema.Array(Model)),
  limits: Schema.Array(Schema.Struct({ type: Schema.NonEmptyString, value: Count }))
})

/**
 * A workspace rate-limit entry (§6.7, GA): each limit carries `org_limit`
 * and `source` (`workspace` for an override, `organization` for an inherited
 * value, listed only with `include_inherited=true`).
 *
 * @since 0.3.0
 */
export const WorkspaceRateLimit = Schema.Struct({
  type: Schema.Literal("workspace_rate_limit"),
  workspace_id: Id("wrkspc_"),
  rate_limit_id: Schema.NonEmptyString,
  group: RateLimitGroup,
  models: Schema.NullOr(Schema.Array(Model)),
  limits: Schema.Array(
    Schema.Struct({
      type: Schema.NonEmptyString,
      value: Count,
      org_limit: Schema.NullOr(Count),
      source: Schema.Union(
        Schema.Struct({ type: Schema.Literal("workspace") }),
        Schema.Struct({ type: Schema.Literal("organization") })
      )
    })
  )
})

const cursorPage = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({ data: Schema.Array(item), next_page: Schema.NullOr(Cursor) })

/**
 * A page of organisation rate limits (style C, §2: `data`, `next_page`).
 *
 * @since 0.3.0
 */
export const RateLimitPage = cursorPage(RateLimit)

/**
 * A page of workspace rate limits (style C).
 *
 * @since 0.3.0
 */
export const WorkspaceRateLimitPage = cursorPage(WorkspaceRateLimit)
