/**
 * The fake Admin API as a request handler: a request in, a response out.
 * Both transports ({@link FakeHttpClient} and {@link FakeServer}) call an
 * instance of it, so they behave identically. Written from the API reference,
 * independently of the client's schemas.
 *
 * An instance holds the organisation, the accepted keys, the fault schedule,
 * a request-id counter and the request log; two instances made from the same
 * options answer the same sequence of requests identically.
 *
 * @since 0.1.0
 */
import * as FakeFault from "./FakeFault.js"
import * as FakeOrganization from "./FakeOrganization.js"
import * as FakeRequestLog from "./FakeRequestLog.js"
import { alterPage } from "./internal/faults.js"
import { hashInts, unit } from "./internal/hash.js"
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
import type { Outcome } from "./internal/wire.js"

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
}

/**
 * A response as the fake produces it. `transport` tells a transport to break
 * the exchange: `"drop"` (no response at all) or `"truncate"` (`body` is only
 * the first part of the `content-length` announced, then the connection
 * closes).
 *
 * @since 0.1.0
 */
export interface FakeResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Milliseconds to wait before answering (configured latency plus latency faults). */
  readonly delayMs?: number
  readonly transport?: "drop" | "truncate"
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
   * The fake's clock (ms since epoch), for log timestamps and HTTP-date
   * `retry-after`. Default: Effect's `Clock` in the `HttpClient` layer,
   * `Date.now` elsewhere.
   */
  readonly clock?: () => number
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

const STATUS_FAULTS = {
  "rate-limited": [429, "rate_limit_error", "Rate limited; slow down and retry later."],
  unavailable: [503, "api_error", "The service is temporarily unavailable."],
  overloaded: [529, "overloaded_error", "Overloaded"],
  "internal-error": [500, "api_error", "Internal server error"],
  "request-timeout": [408, "timeout_error", "Request timed out"],
  "expired-cursor": [
    410,
    "invalid_request_error",
    "page: this cursor has expired; restart from the first page"
  ]
} as const

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
    requestId: string,
    extra?: Record<string, string>
  ) =>
    respond(
      status,
      JSON.stringify({ type: "error", error: { type, message }, request_id: requestId }),
      requestId,
      extra
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

  const route = (
    request: FakeRequest,
    url: URL,
    requestId: string
  ): { response: FakeResponse; report?: ReportRequest } => {
    const key = request.headers["x-api-key"]
    const credential = credentialOf(key, accept)
    if (credential === "missing") {
      return { response: apiError(401, "authentication_error", "x-api-key: header is required", requestId) }
    }
    if (credential === "standard") {
      return {
        response: apiError(
          403,
          "permission_error",
          "This API key cannot use the Admin API; use an Admin key (sk-ant-admin…) created in Console → Settings → Admin keys",
          requestId
        )
      }
    }
    if (credential === "other") {
      return { response: apiError(401, "authentication_error", "invalid x-api-key", requestId) }
    }
    if (request.headers["anthropic-version"] === undefined) {
      return {
        response: apiError(400, "invalid_request_error", "anthropic-version: header is required", requestId)
      }
    }
    const endpoint =
      url.pathname === USAGE_PATH
        ? messages
        : url.pathname === COST_PATH
          ? cost
          : url.pathname === CLAUDE_CODE_PATH
            ? claudeCode
            : undefined
    if (endpoint === undefined) {
      return { response: apiError(404, "not_found_error", `Not found: ${url.pathname}`, requestId) }
    }
    if (request.method.toUpperCase() !== "GET") {
      return {
        response: apiError(
          405,
          "invalid_request_error",
          `Method ${request.method} not allowed; use GET`,
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
    const report: ReportRequest = { path: url.pathname, query: url.searchParams, betas }
    const outcome: Outcome = endpoint(organization, report)
    const response =
      "body" in outcome
        ? respond(200, JSON.stringify(outcome.body), requestId)
        : apiError(outcome.status, outcome.type, outcome.message, requestId)
    return { response, report }
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
    if (fault !== null && fault.kind === "drop-connection") {
      applied = fault
      response = { status: 0, headers: {}, body: "", transport: "drop" }
    } else if (fault !== null && fault.kind in STATUS_FAULTS) {
      applied = fault
      const [status, type, message] = STATUS_FAULTS[fault.kind as keyof typeof STATUS_FAULTS]
      const retry = "retryAfter" in fault ? retryHeaders(fault.retryAfter, receivedAt) : {}
      response = apiError(status, type, message, requestId, retry)
    } else {
      const routed = route(request, url, requestId)
      response = routed.response
      if (fault !== null && fault.kind === "latency") {
        applied = fault
      } else if (fault !== null && response.status === 200) {
        if (fault.kind === "malformed-json") {
          applied = fault
          response = respond(200, `${response.body.slice(0, -1)},,}`, requestId)
        } else if (fault.kind === "truncated-body") {
          applied = fault
          const bytes = encoder.encode(response.body)
          response = {
            ...response,
            body: new TextDecoder().decode(bytes.subarray(0, Math.floor(bytes.length / 2))),
            transport: "truncate"
          }
        } else if (routed.report !== undefined) {
          const altered = alterPage(response.body, fault, ownCursor(routed.report))
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
      headers: FakeRequestLog.redactHeaders(request.headers),
      credential: credentialOf(request.headers["x-api-key"], accept),
      fault: applied,
      status: response.transport === "drop" ? null : response.status,
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
 * counter and log), made on first use.
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
