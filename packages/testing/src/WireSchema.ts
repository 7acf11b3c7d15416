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
import { Arbitrary, Schema } from "effect"

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
