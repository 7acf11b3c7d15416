/**
 * The fake Admin API as a request handler: a request in, a response out.
 * Both transports ({@link FakeHttpClient} and {@link FakeServer}) call an
 * instance of it, so they behave identically. Written from the API reference,
 * independently of the client's schemas.
 *
 * An instance holds the organisation, the accepted keys, the fault schedule,
 * the per-minute rate limiter, a request-id counter and the request log; two
 * instances made from the same options answer the same sequence of requests
 * (at the same clock readings) identically.
 *
 * The fake is at least as strict as the live API: every rule of reference §10
 * is on by default (README, "Rules the fake enforces").
 *
 * @since 0.1.0
 */
import * as FakeFault from "./FakeFault.js"
import * as FakeOrganization from "./FakeOrganization.js"
import * as FakeRequestLog from "./FakeRequestLog.js"
import {
  ANALYTICS_COST_PATH,
  ANALYTICS_USAGE_PATH,
  type AnalyticsContext,
  cost as analyticsCost,
  ownCursor as analyticsOwnCursor,
  usage as analyticsUsage
} from "./internal/analytics.js"
import { alterPage } from "./internal/faults.js"
import { hashInts, unit } from "./internal/hash.js"
import { handleManagement, makeState, matchRoute, type Resource, userOf } from "./internal/management.js"
import { minimise, requestHash } from "./internal/minimal.js"
import {
  CLAUDE_CODE_PATH,
  claudeCode,
  cost,
  COST_PATH,
  messages,
  ownCursor,
  type ReportRequest,
  USAGE_PATH
} from "./internal/reports.js"
import {
  ERROR_CODES,
  type ErrorCode as WireErrorCode,
  formatInstant,
  HOUR,
  invalid,
  type Outcome
} from "./internal/wire.js"

/**
 * An `error.details.error_code` the fake sends (§10.8). Every error envelope
 * the fake sends carries one; see {@link errorCodes} for the list and what
 * each means.
 *
 * @since 0.2.0
 */
export type ErrorCode = WireErrorCode

/**
 * Every {@link ErrorCode}, grouped by status:
 * - 400 `invalid_request_error`: `missing_required_parameter`, `invalid_parameter_value`,
 *   `repeated_scalar_parameter`, `bracket_form_required`, `too_many_group_by_dimensions` (§10.1),
 *   `invalid_date_range` (§10.2), `beta_header_required`, `invalid_page_cursor`,
 *   `unknown_parameter`, `incompatible_parameters`, `date_range_too_long` and
 *   `starting_at_out_of_range` (analytics §2.1), `too_many_filter_values`,
 *   `parent_organization_required`, `invalid_request_body`, `operation_not_allowed`,
 *   `workspace_limit_reached` (§6.4), `missing_api_version`, `unsupported_api_version` (§10.6);
 * - 401 `authentication_error`: `missing_api_key`, `invalid_api_key`; 403 `permission_error`:
 *   `admin_key_required`, `permission_denied` (the `deny` option and the `permission-denied` fault);
 * - 404 `not_found`, 405 `method_not_allowed`, 409 `conflict_error` `already_exists`;
 * - 410 `cursor_expired`: an analytics cursor issued before a data refresh (and the `expired-cursor` fault);
 * - 429 `rate_limit_error`: `rate_limit_exceeded` (the limiter, §10.3, and the `rate-limited` fault),
 *   `enforced_spend_limit_reached` (the `spend-limit-reached` fault);
 * - status faults: `service_unavailable` (503), `overloaded` (529), `internal_error` (500),
 *   `request_timeout` (408), `cursor_expired` (410).
 *
 * @since 0.2.0
 */
export const errorCodes: ReadonlyArray<ErrorCode> = ERROR_CODES

/**
 * The `anthropic-version` values the fake accepts (§1.1, §10.6). A missing
 * header is a 400 (`missing_api_version`; stricter than the newest live
 * reference, which marks it optional), any other value a 400
 * (`unsupported_api_version`).
 *
 * @since 0.2.0
 */
export const API_VERSIONS: ReadonlyArray<string> = ["2023-06-01", "2026-10-21"]

/**
 * Where a limited 429 points `anthropic-ratelimit-requests-reset` (§10.3):
 * - `"window-end"`: the end of the current UTC minute (RFC 3339);
 * - `"past"`: one second before the fake's clock (a reset already past when the 429 arrives);
 * - `"omit"`: no reset header;
 * - `"mixed"`: `"past"` for about one limited response in four, else `"window-end"`,
 *   chosen deterministically from a hash of the request's sequence number.
 *
 * @since 0.2.0
 */
export type RateLimitReset = "window-end" | "past" | "omit" | "mixed"

/**
 * The per-organisation, per-minute request limiter of the report endpoints
 * (§10.3): the three legacy reports and the analytics `usage` and `cost`
 * endpoints share one window (limits apply per organisation, analytics
 * reference §1.1). Windows are fixed UTC minutes of the fake's clock. A
 * request counts once it has passed authentication, the `anthropic-version`
 * check and routing to a report endpoint (whether it then answers 200 or 400,
 * a missing analytics beta header included); requests the limiter refuses,
 * 401/403/404/405 answers, version errors and status faults do not count.
 * Management requests count only with `management: true`.
 *
 * @since 0.2.0
 */
export interface RateLimitOptions {
  /**
   * Report requests (legacy and analytics together) allowed per UTC minute,
   * per fake instance; default 120.
   */
  readonly requestsPerMinute?: number
  /**
   * Whether management requests (`me`, users, invites, workspaces, members,
   * API keys, rate limits) count in the same window and can be limited;
   * default `false` (no limit is documented for them, reference §8.2).
   *
   * @since 0.3.0
   */
  readonly management?: boolean
  /** The `anthropic-ratelimit-requests-reset` of a limited 429; default `"mixed"`. */
  readonly reset?: RateLimitReset
  /**
   * Also send `retry-after` (whole seconds to the window's end, at least 1) on
   * a limited 429; default `false`: the live 429 may carry none.
   */
  readonly retryAfter?: boolean
}

/**
 * Spec-minimal rows (§10.4). `seed` picks, per row and key, whether a `null`
 * the spec does not require is omitted or sent as an explicit `null`
 * (default: the organisation's seed).
 *
 * @since 0.2.0
 */
export interface SpecMinimalOptions {
  readonly seed?: number
}

/**
 * A management resource, for the `deny` option: every call to it answers
 * 403 `permission_error` (`permission_denied`), as for a key without the
 * permission.
 *
 * @since 0.3.0
 */
export type ManagementResource = Resource

/**
 * A request as the fake sees it.
 *
 * @since 0.1.0
 */
export interface FakeRequest {
  readonly method: string
  /** Path and query, e.g. `/v1/organizations/cost_report?starting_at=…`. */
  readonly url: string
  /** Header names lower-cased; repeated headers joined with `", "`. */
  readonly headers: Readonly<Record<string, string | undefined>>
  /**
   * The request body as text (the JSON of a management `POST`); absent or
   * empty when there is none.
   *
   * @since 0.3.0
   */
  readonly body?: string
}

/**
 * A response as the fake produces it. `transport` tells a transport to break
 * the exchange: `"drop"` (no response at all), `"truncate"` (`body` is only
 * the first part of the `content-length` announced, then the connection
 * closes) or `"stall"` (no response ever; the connection stays open).
 *
 * @since 0.1.0
 */
export interface FakeResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Milliseconds to wait before answering (configured latency plus latency faults). */
  readonly delayMs?: number
  readonly transport?: "drop" | "truncate" | "stall"
}

/**
 * Options for {@link make}.
 *
 * @since 0.1.0
 */
export interface Options {
  /** The organisation to serve, or options to synthesise one; default `FakeOrganization.make()`. */
  readonly organization?: FakeOrganization.FakeOrganization | FakeOrganization.Options
  /**
   * Which `x-api-key` values are Admin keys: a list, or a predicate. Default:
   * any key starting with `sk-ant-admin`. A key starting with `sk-ant-api`
   * that is not accepted answers 403; any other answers 401.
   */
  readonly adminKeys?: ReadonlyArray<string> | ((key: string) => boolean)
  /** Faults to inject. */
  readonly faults?: FakeFault.FaultOptions
  /** Latency added to every response, in ms, or a function of the request. Default 0. */
  readonly latency?: number | ((request: FakeRequest) => number)
  /**
   * The fake's clock (ms since epoch), for log timestamps, HTTP-date
   * `retry-after` and the rate limiter's minute windows. Default: Effect's
   * `Clock` in the `HttpClient` layer, `Date.now` elsewhere.
   */
  readonly clock?: () => number
  /**
   * The per-minute request limiter of the report endpoints (§10.3); on by
   * default with 120 requests per UTC minute per instance (enough for ordinary
   * suites). `false` turns it off.
   */
  readonly rateLimit?: RateLimitOptions | false
  /**
   * Spec-minimal rows (§10.4); default off. When on, report rows omit, per row
   * (seeded), keys whose value is `null` and that the spec does not require:
   * every dimension key of a usage item (token fields stay), every key of a
   * cost item but `amount` and `currency`, a Claude Code record's
   * `subscription_type`; the last page of a cost or Claude Code report may omit
   * `next_page`. Non-null values are never omitted. `true` or `{ seed }`.
   */
  readonly specMinimal?: boolean | SpecMinimalOptions
  /**
   * The analytics export watermark, `data_refreshed_at` (analytics reference
   * §1.4), ms since epoch, or a function of the fake's clock (a value that
   * changes between two pages expires the first page's cursor: 410). Minutes
   * at or after it are not counted yet; a range starting at or after it
   * answers `data: []` with `data_refreshed_at: null`. Default: the
   * organisation's `now` rounded down to the hour.
   *
   * @since 0.3.0
   */
  readonly dataRefreshedAt?: number | ((now: number) => number)
  /**
   * Management resources this instance's keys may not read or change: every
   * call to one answers 403 `permission_error` (`permission_denied`). For
   * example `["api_keys"]` to test a names lookup that falls back to ids.
   *
   * @since 0.3.0
   */
  readonly deny?: ReadonlyArray<ManagementResource>
}

const TypeId: unique symbol = Symbol.for("@rawdash/anthropic-admin-api-testing/FakeAdminApi")

/**
 * A fake Admin API instance.
 *
 * @since 0.1.0
 */
export interface FakeAdminApi {
  readonly [TypeId]: typeof TypeId
  readonly organization: FakeOrganization.FakeOrganization
  /**
   * Answers one request and logs it. `transport` only labels the log entry;
   * `now` is the transport's clock, used when no `clock` option was given
   * (the `HttpClient` layer passes Effect's `Clock`, so `TestClock` pins it).
   */
  readonly handle: (request: FakeRequest, transport?: FakeRequestLog.Transport, now?: number) => FakeResponse
  /** Every request answered so far, oldest first (a live view). */
  readonly log: ReadonlyArray<FakeRequestLog.Entry>
  /** Empties the log (request ids and fault counters carry on). */
  readonly clearLog: () => void
}

/**
 * Whether a value is a {@link FakeAdminApi} instance.
 *
 * @since 0.1.0
 */
export const isFakeAdminApi = (u: unknown): u is FakeAdminApi =>
  typeof u === "object" && u !== null && TypeId in u

const STATUS_FAULTS: Readonly<Record<string, readonly [number, string, string, WireErrorCode]>> = {
  "rate-limited": [
    429,
    "rate_limit_error",
    "Rate limited; slow down and retry later.",
    "rate_limit_exceeded"
  ],
  "spend-limit-reached": [
    429,
    "rate_limit_error",
    "Your organization has reached its enforced spend limit; raise the limit in Console → Settings → Limits or wait for the next billing period.",
    "enforced_spend_limit_reached"
  ],
  unavailable: [503, "api_error", "The service is temporarily unavailable.", "service_unavailable"],
  overloaded: [529, "overloaded_error", "Overloaded", "overloaded"],
  "internal-error": [500, "api_error", "Internal server error", "internal_error"],
  "request-timeout": [408, "timeout_error", "Request timed out", "request_timeout"],
  "expired-cursor": [
    410,
    "invalid_request_error",
    "page: this cursor has expired; restart from the first page",
    "cursor_expired"
  ],
  "permission-denied": [
    403,
    "permission_error",
    "This API key does not have permission to perform this request.",
    "permission_denied"
  ]
}

/** The legacy report endpoints, which the rate limiter covers. */
const ENDPOINTS: Readonly<Record<string, typeof messages>> = {
  [USAGE_PATH]: messages,
  [COST_PATH]: cost,
  [CLAUDE_CODE_PATH]: claudeCode
}

/** The analytics endpoints, which the rate limiter covers too. */
const ANALYTICS: Readonly<Record<string, typeof analyticsUsage>> = {
  [ANALYTICS_USAGE_PATH]: analyticsUsage,
  [ANALYTICS_COST_PATH]: analyticsCost
}

const MINUTE = 60_000

const encoder = new TextEncoder()

const matches = (path: string, pattern: string | RegExp | undefined) =>
  pattern === undefined || (typeof pattern === "string" ? pattern === path : pattern.test(path))

const credentialOf = (
  key: string | undefined,
  accept: (key: string) => boolean
): FakeRequestLog.Credential =>
  key === undefined || key === ""
    ? "missing"
    : accept(key)
      ? "admin"
      : key.startsWith("sk-ant-api")
        ? "standard"
        : "other"

/**
 * Makes a fake Admin API instance.
 *
 * @since 0.1.0
 */
export const make = (options: Options = {}): FakeAdminApi => {
  const given = options.organization ?? {}
  const organization = FakeOrganization.isFakeOrganization(given) ? given : FakeOrganization.make(given)
  const keys = options.adminKeys
  const accept =
    keys === undefined
      ? (key: string) => key.startsWith("sk-ant-admin")
      : typeof keys === "function"
        ? keys
        : (key: string) => keys.includes(key)
  const clock = options.clock
  const script = options.faults?.script ?? []
  const scriptCounts = script.map(() => 0)
  const random = options.faults?.random
  const limiter =
    options.rateLimit === false
      ? undefined
      : {
          perMinute: Math.max(0, Math.floor(options.rateLimit?.requestsPerMinute ?? 120)),
          reset: options.rateLimit?.reset ?? "mixed",
          retryAfter: options.rateLimit?.retryAfter ?? false,
          management: options.rateLimit?.management ?? false
        }
  const minimalSeed =
    options.specMinimal === undefined || options.specMinimal === false
      ? undefined
      : options.specMinimal === true
        ? organization.seed
        : (options.specMinimal.seed ?? organization.seed)
  const state = makeState(organization)
  const denied = new Set(options.deny ?? [])
  const refreshed = options.dataRefreshedAt
  const watermarkAt = (now: number): number =>
    typeof refreshed === "function"
      ? refreshed(now)
      : (refreshed ?? Math.floor(organization.now / HOUR) * HOUR)
  let window = { start: Number.NaN, count: 0 }
  let randomCount = 0
  let sequence = 0
  const log: Array<FakeRequestLog.Entry> = []

  const chooseFault = (path: string): FakeFault.Fault | null => {
    let chosen: FakeFault.Fault | null = null
    script.forEach((rule, i) => {
      if (!matches(path, rule.path)) return
      const n = (scriptCounts[i] ?? 0) + 1
      scriptCounts[i] = n
      const first = rule.request ?? 1
      if (chosen === null && n >= first && n < first + (rule.count ?? 1)) chosen = rule.fault
    })
    if (chosen !== null || random === undefined || !matches(path, random.path)) return chosen
    randomCount += 1
    if (unit(random.seed, randomCount, 0) >= random.rate) return null
    const pool = random.faults ?? FakeFault.catalogue
    return pool[hashInts(random.seed, randomCount, 1) % pool.length] ?? null
  }

  const respond = (status: number, body: string, requestId: string, extra: Record<string, string> = {}) => ({
    status,
    headers: {
      "content-type": "application/json",
      "request-id": requestId,
      "content-length": String(encoder.encode(body).length),
      ...extra
    },
    body
  })
  const apiError = (
    status: number,
    type: string,
    message: string,
    code: ErrorCode,
    requestId: string,
    extra?: Readonly<Record<string, string>>
  ) =>
    respond(
      status,
      JSON.stringify({
        type: "error",
        error: { type, message, details: { error_code: code } },
        request_id: requestId
      }),
      requestId,
      extra === undefined ? {} : { ...extra }
    )

  const retryHeaders = (retryAfter: FakeFault.RetryAfter | undefined, now: number): Record<string, string> =>
    retryAfter === undefined
      ? {}
      : "seconds" in retryAfter
        ? { "retry-after": String(retryAfter.seconds) }
        : "httpDate" in retryAfter
          ? {
              "retry-after": new Date(
                Math.floor(now / 1000) * 1000 + retryAfter.httpDate * 1000
              ).toUTCString()
            }
          : { "retry-after-ms": String(retryAfter.milliseconds) }

  /** §10.3: admits the request into its UTC minute, or answers the limited 429. */
  const limit = (now: number, requestId: string): FakeResponse | undefined => {
    if (limiter === undefined) return undefined
    const start = Math.floor(now / MINUTE) * MINUTE
    if (start !== window.start) window = { start, count: 0 }
    if (window.count < limiter.perMinute) {
      window.count += 1
      return undefined
    }
    const end = start + MINUTE
    const past =
      limiter.reset === "past" || (limiter.reset === "mixed" && hashInts(sequence, 0x10ad) % 4 === 0)
    const headers: Record<string, string> = {
      "anthropic-ratelimit-requests-limit": String(limiter.perMinute),
      "anthropic-ratelimit-requests-remaining": "0"
    }
    if (limiter.reset !== "omit") {
      headers["anthropic-ratelimit-requests-reset"] = formatInstant(
        past ? Math.floor(now / 1000) * 1000 - 1000 : end
      )
    }
    if (limiter.retryAfter) headers["retry-after"] = String(Math.max(1, Math.ceil((end - now) / 1000)))
    return apiError(
      429,
      "rate_limit_error",
      `Rate limit exceeded: this organization may make ${limiter.perMinute} report requests per minute; wait for the minute to end and retry.`,
      "rate_limit_exceeded",
      requestId,
      headers
    )
  }

  const route = (
    request: FakeRequest,
    url: URL,
    requestId: string,
    now: number
  ): { response: FakeResponse; report?: ReportRequest; cursor?: string | undefined } => {
    const key = request.headers["x-api-key"]
    const credential = credentialOf(key, accept)
    if (credential === "missing") {
      return {
        response: apiError(
          401,
          "authentication_error",
          "x-api-key: header is required",
          "missing_api_key",
          requestId
        )
      }
    }
    if (credential === "standard") {
      return {
        response: apiError(
          403,
          "permission_error",
          "This API key cannot use the Admin API; use an Admin key (sk-ant-admin…) created in Console → Settings → Admin keys",
          "admin_key_required",
          requestId
        )
      }
    }
    if (credential === "other") {
      return {
        response: apiError(401, "authentication_error", "invalid x-api-key", "invalid_api_key", requestId)
      }
    }
    const version = request.headers["anthropic-version"]
    if (version === undefined) {
      return {
        response: apiError(
          400,
          "invalid_request_error",
          `anthropic-version: header is required; send one of ${API_VERSIONS.join(", ")}`,
          "missing_api_version",
          requestId
        )
      }
    }
    if (!API_VERSIONS.includes(version)) {
      return {
        response: apiError(
          400,
          "invalid_request_error",
          `anthropic-version: ${JSON.stringify(version)} is not a supported API version; send one of ${API_VERSIONS.join(", ")}`,
          "unsupported_api_version",
          requestId
        )
      }
    }
    const betas = new Set(
      (request.headers["anthropic-beta"] ?? "")
        .split(",")
        .map((b) => b.trim())
        .filter((b) => b !== "")
    )
    const getOnly = (): FakeResponse | undefined =>
      request.method.toUpperCase() === "GET"
        ? undefined
        : apiError(
            405,
            "invalid_request_error",
            `Method ${request.method} not allowed; use GET`,
            "method_not_allowed",
            requestId
          )
    const answer = (outcome: Outcome, report?: ReportRequest, cursor?: string) => {
      if (!("body" in outcome)) {
        return {
          response: apiError(
            outcome.status,
            outcome.type,
            outcome.message,
            outcome.code,
            requestId,
            outcome.headers
          ),
          ...(report === undefined ? {} : { report, cursor })
        }
      }
      const body =
        minimalSeed === undefined
          ? outcome.body
          : minimise(url.pathname, outcome.body, minimalSeed, requestHash(`${url.pathname}${url.search}`))
      return {
        response: respond(200, JSON.stringify(body), requestId),
        ...(report === undefined ? {} : { report, cursor })
      }
    }
    const endpoint = ENDPOINTS[url.pathname]
    if (endpoint !== undefined) {
      const refused = getOnly() ?? limit(now, requestId)
      if (refused !== undefined) return { response: refused }
      const report: ReportRequest = { path: url.pathname, query: url.searchParams, betas }
      return answer(endpoint(organization, report), report, ownCursor(report))
    }
    const analytics = ANALYTICS[url.pathname]
    if (analytics !== undefined) {
      const refused = getOnly() ?? limit(now, requestId)
      if (refused !== undefined) return { response: refused }
      const watermark = watermarkAt(now)
      const context: AnalyticsContext = {
        watermark,
        betas,
        user: (id) => userOf(state, id)
      }
      const report: ReportRequest = { path: url.pathname, query: url.searchParams, betas }
      return answer(
        analytics(organization, url.pathname, url.searchParams, context),
        report,
        analyticsOwnCursor(url.pathname, url.searchParams, watermark)
      )
    }
    const matched = matchRoute(url.pathname)
    if (matched === undefined) {
      return {
        response: apiError(404, "not_found_error", `Not found: ${url.pathname}`, "not_found", requestId)
      }
    }
    const method = request.method.toUpperCase()
    if (!matched.route.methods.includes(method)) {
      return {
        response: apiError(
          405,
          "invalid_request_error",
          `Method ${request.method} not allowed; use ${matched.route.methods.join(" or ")}`,
          "method_not_allowed",
          requestId
        )
      }
    }
    if (denied.has(matched.route.resource)) {
      return {
        response: apiError(
          403,
          "permission_error",
          `This API key does not have permission to use ${matched.route.resource} (${method} ${url.pathname}).`,
          "permission_denied",
          requestId
        )
      }
    }
    if (limiter?.management === true) {
      const limited = limit(now, requestId)
      if (limited !== undefined) return { response: limited }
    }
    const body = request.body
    const contentType = request.headers["content-type"] ?? ""
    if (body !== undefined && body.trim() !== "" && !/^application\/json\b/i.test(contentType)) {
      return answer(
        invalid(
          `content-type: a request body must be sent as application/json, got ${JSON.stringify(contentType)}`,
          "invalid_request_body"
        )
      )
    }
    return answer(
      handleManagement(state, matched, {
        method,
        path: url.pathname,
        query: url.searchParams,
        body: method === "POST" ? body : undefined,
        now
      })
    )
  }

  const handle = (
    request: FakeRequest,
    transport: FakeRequestLog.Transport = "direct",
    now?: number
  ): FakeResponse => {
    const receivedAt = clock?.() ?? now ?? Date.now()
    sequence += 1
    const requestId = `req_fake${String(sequence).padStart(16, "0")}`
    const url = new URL(request.url, "http://fake.invalid")
    const fault = chooseFault(url.pathname)
    const baseLatency =
      typeof options.latency === "function" ? options.latency(request) : (options.latency ?? 0)
    let applied: FakeFault.Fault | null = null
    let response: FakeResponse
    const status = fault === null ? undefined : STATUS_FAULTS[fault.kind]
    if (fault !== null && fault.kind === "drop-connection") {
      applied = fault
      response = { status: 0, headers: {}, body: "", transport: "drop" }
    } else if (fault !== null && fault.kind === "stall") {
      applied = fault
      response = { status: 0, headers: {}, body: "", transport: "stall" }
    } else if (fault !== null && fault.kind === "redirect") {
      applied = fault
      const body = `<html><body>Moved to <a href="${fault.location}">${fault.location}</a></body></html>`
      response = {
        status: fault.status ?? 302,
        headers: {
          location: fault.location,
          "content-type": "text/html",
          "request-id": requestId,
          "content-length": String(encoder.encode(body).length)
        },
        body
      }
    } else if (fault !== null && status !== undefined) {
      applied = fault
      const [code, type, message, errorCode] = status
      const headers = {
        ...("retryAfter" in fault ? retryHeaders(fault.retryAfter, receivedAt) : {}),
        ...("shouldRetry" in fault && fault.shouldRetry !== undefined
          ? { "x-should-retry": String(fault.shouldRetry) }
          : {})
      }
      response = apiError(code, type, message, errorCode, requestId, headers)
    } else {
      const routed = route(request, url, requestId, receivedAt)
      response = routed.response
      if (fault !== null && fault.kind === "latency") {
        applied = fault
      } else if (fault !== null && response.status === 200) {
        if (fault.kind === "malformed-json") {
          applied = fault
          response = respond(200, `${response.body.slice(0, -1)},,}`, requestId)
        } else if (fault.kind === "html-body") {
          applied = fault
          const page =
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>"
          response = respond(200, page, requestId, { "content-type": "text/html; charset=utf-8" })
        } else if (fault.kind === "truncated-body") {
          applied = fault
          const bytes = encoder.encode(response.body)
          response = {
            ...response,
            body: new TextDecoder().decode(bytes.subarray(0, Math.floor(bytes.length / 2))),
            transport: "truncate"
          }
        } else if (routed.report !== undefined && routed.cursor !== undefined) {
          const altered = alterPage(response.body, fault, routed.cursor)
          if (altered !== undefined) {
            applied = fault
            response = respond(200, altered, requestId)
          }
        }
      }
    }
    const delayMs =
      Math.max(0, baseLatency) + (applied !== null && applied.kind === "latency" ? applied.ms : 0)
    if (delayMs > 0) response = { ...response, delayMs }
    log.push({
      sequence,
      requestId,
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: FakeRequestLog.parseQuery(url.searchParams),
      ...(request.body === undefined || request.body === "" ? {} : { body: request.body }),
      headers: FakeRequestLog.redactHeaders(request.headers),
      credential: credentialOf(request.headers["x-api-key"], accept),
      fault: applied,
      status: response.transport === "drop" || response.transport === "stall" ? null : response.status,
      transport,
      receivedAt,
      respondedAt: receivedAt + delayMs
    })
    return response
  }

  return {
    [TypeId]: TypeId,
    organization,
    handle,
    log,
    clearLog: () => {
      log.length = 0
    }
  }
}

const defaults = new WeakMap<FakeOrganization.FakeOrganization, FakeAdminApi>()

/**
 * Answers one request against an organisation, without faults or latency.
 * Each organisation gets one default instance (with its own request-id
 * counter, log and rate limiter, on `Date.now`), made on first use.
 *
 * @since 0.1.0
 */
export const handle = (org: FakeOrganization.FakeOrganization, request: FakeRequest): FakeResponse => {
  let api = defaults.get(org)
  if (api === undefined) {
    api = make({ organization: org })
    defaults.set(org, api)
  }
  return api.handle(request)
}
