import { createServer, type Server } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, Redacted, Stream, TestClock } from "effect"
import { AdminApiClient, AdminApiError, UsageReport } from "../src/index.js"
import { apiError, KEY, layerFor, stub } from "./support/stub.js"

const params = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-02T00:00:00Z" }

/** Every way the error could leak the key: fields, message, JSON, string, pretty cause. */
const expectNoKey = (error: unknown) => {
  const exit = Exit.fail(error)
  const renderings = [
    JSON.stringify(error),
    String(error),
    (error as Error).message,
    (error as Error).stack ?? "",
    Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""
  ]
  for (const text of renderings) {
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(KEY.slice(10, 30))
  }
}

const cases: ReadonlyArray<{
  readonly status: number
  readonly type: string
  readonly tag: AdminApiError.AdminApiError["_tag"]
  readonly fields?: Record<string, unknown>
  readonly message: string
}> = [
  {
    status: 400,
    type: "invalid_request_error",
    tag: "InvalidRequestError",
    fields: { errorType: "invalid_request_error" },
    message: "400 invalid_request_error: the API says no"
  },
  {
    status: 401,
    type: "authentication_error",
    tag: "AuthenticationError",
    message: "401 authentication failed"
  },
  {
    status: 402,
    type: "billing_error",
    tag: "InvalidRequestError",
    fields: { errorType: "billing_error" },
    message: "402 billing_error"
  },
  {
    status: 403,
    type: "permission_error",
    tag: "PermissionError",
    message: "Console → Settings → Admin keys"
  },
  {
    status: 404,
    type: "not_found_error",
    tag: "NotFoundError",
    fields: { path: UsageReport.PATH },
    message: "Check the base URL"
  },
  { status: 408, type: "timeout_error", tag: "InvalidRequestError", message: "408" },
  {
    status: 410,
    type: "invalid_request_error",
    tag: "CursorExpiredError",
    message: "Restart the range from its first page"
  },
  { status: 429, type: "rate_limit_error", tag: "RateLimitError", message: "429 rate limited" },
  { status: 500, type: "api_error", tag: "ServerError", message: "500 server error" },
  { status: 502, type: "api_error", tag: "ServerError", message: "502 server error" },
  { status: 503, type: "api_error", tag: "ServerError", message: "503 server error" },
  { status: 504, type: "timeout_error", tag: "ServerError", message: "504 server error" },
  { status: 529, type: "overloaded_error", tag: "OverloadedError", message: "529 API overloaded" }
]

describe("AdminApiError: each HTTP status maps to its error", () => {
  for (const { fields, message, status, tag, type } of cases) {
    it.effect(`${status} ${type} → ${tag}, with the request id, without the key`, () =>
      Effect.gen(function* () {
        const { client } = stub(() => ({
          status,
          body: apiError(type, "the API says no", "req_body_id"),
          headers: { "request-id": "req_header_id" }
        }))
        const error = yield* Effect.flip(UsageReport.page(params)).pipe(
          Effect.provide(layerFor(client, { retry: false }))
        )
        expect(error._tag).toBe(tag)
        expect(error).toMatchObject({
          status,
          requestId: "req_header_id",
          apiMessage: "the API says no",
          ...fields
        })
        expect(error.message).toContain(message)
        expect(error.message).toContain("req_header_id")
        expect(error).toBeInstanceOf(Error)
        expectNoKey(error)
      })
    )
  }

  it.effect("the body's request_id is used when the header is missing; a non-JSON error body is quoted", () =>
    Effect.gen(function* () {
      const { client } = stub((_, i) =>
        i === 0
          ? {
              status: 401,
              body: apiError("authentication_error", "invalid x-api-key", "req_from_body"),
              headers: { "request-id": "" }
            }
          : { status: 502, raw: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } }
      )
      const layer = layerFor(client, { retry: false })
      const auth = yield* Effect.flip(UsageReport.page(params)).pipe(Effect.provide(layer))
      const gateway = yield* Effect.flip(UsageReport.page(params)).pipe(Effect.provide(layer))
      expect(auth).toMatchObject({
        _tag: "AuthenticationError",
        apiMessage: "invalid x-api-key",
        requestId: "req_from_body"
      })
      expect(gateway).toMatchObject({
        _tag: "ServerError",
        status: 502,
        apiMessage: "HTTP 502: <html>Bad Gateway</html>",
        requestId: "req_stub2"
      })
    })
  )

  it.effect("a proxy echoing the request headers in its error page or body cannot leak the key", () =>
    Effect.gen(function* () {
      const { client } = stub((request, i) =>
        i === 0
          ? { status: 502, raw: `<pre>x-api-key: ${request.headers["x-api-key"]}</pre>` }
          : i === 1
            ? {
                status: 400,
                body: apiError("invalid_request_error", `bad key ${request.headers["x-api-key"]}`)
              }
            : { status: 200, body: { data: [], has_more: request.headers["x-api-key"], next_page: null } }
      )
      const layer = layerFor(client, { retry: false })
      for (let i = 0; i < 3; i++) {
        const error = yield* Effect.flip(UsageReport.page(params)).pipe(Effect.provide(layer))
        expect(error._tag).toBe(["ServerError", "InvalidRequestError", "DecodeError"][i])
        expect(error.message).toContain("[redacted]")
        expectNoKey(error)
      }
    })
  )

  it.effect("a dropped connection is a TransportError naming method and path, without the key", () =>
    Effect.gen(function* () {
      const { client } = stub(() => ({ drop: "ECONNRESET" }))
      const error = yield* Effect.flip(Stream.runDrain(UsageReport.buckets(params))).pipe(
        Effect.provide(layerFor(client, { retry: false }))
      )
      expect(error).toMatchObject({ _tag: "TransportError", method: "GET", path: UsageReport.PATH })
      expect(error.message).toContain("ECONNRESET")
      expectNoKey(error)
    })
  )

  it("isRetryable: only transient failures", () => {
    const retryable = [
      new AdminApiError.RateLimitError({ status: 429, apiMessage: "" }),
      new AdminApiError.OverloadedError({ status: 529, apiMessage: "" }),
      new AdminApiError.ServerError({ status: 500, apiMessage: "" }),
      new AdminApiError.TransportError({ method: "GET", path: "/", reason: "" }),
      new AdminApiError.TimeoutError({ method: "GET", path: "/", timeoutMillis: 1 }),
      new AdminApiError.InvalidRequestError({ status: 408, errorType: "timeout_error", apiMessage: "" })
    ]
    const final = [
      new AdminApiError.InvalidRequestError({
        status: 400,
        errorType: "invalid_request_error",
        apiMessage: ""
      }),
      new AdminApiError.AuthenticationError({ status: 401, apiMessage: "" }),
      new AdminApiError.PermissionError({ status: 403, apiMessage: "" }),
      new AdminApiError.NotFoundError({ status: 404, apiMessage: "", path: "/" }),
      new AdminApiError.CursorExpiredError({ status: 410, apiMessage: "" }),
      new AdminApiError.DecodeError({ endpoint: "x", path: "$", detail: "" }),
      new AdminApiError.PaginationContractError({ endpoint: "x", reason: "" }),
      new AdminApiError.InvalidParameterError({ field: "limit", allowed: "", received: "" })
    ]
    expect(retryable.map(AdminApiError.isRetryable)).toEqual(retryable.map(() => true))
    expect(final.map(AdminApiError.isRetryable)).toEqual(final.map(() => false))
    expect([...retryable, ...final].every(AdminApiError.isAdminApiError)).toBe(true)
    expect(AdminApiError.isAdminApiError(new Error("x"))).toBe(false)
  })
})

/** One error response through the client, without retries. */
const failWith = (reply: {
  status: number
  body?: unknown
  raw?: string
  headers?: Record<string, string>
}) =>
  Effect.flip(UsageReport.page(params)).pipe(
    Effect.provide(layerFor(stub(() => reply).client, { retry: false }))
  )

/** An error envelope with `error.details`. */
const withDetails = (type: string, message: string, details: unknown) => ({
  type: "error",
  error: { type, message, details },
  request_id: "req_body"
})

describe("AdminApiError: what the response says about itself (reference §10.8, §10.9, §10.3)", () => {
  it.effect(
    "§10.8: error.details.error_code becomes errorCode on every status error, and shows in the message",
    () =>
      Effect.gen(function* () {
        const statuses = [400, 401, 403, 404, 409, 410, 429, 500, 503, 529]
        for (const status of statuses) {
          const error = yield* failWith({
            status,
            body: withDetails("some_error", "Not enrolled", {
              error_code: "organization_not_enrolled_in_beta"
            })
          })
          expect(error).toMatchObject({
            status,
            errorCode: "organization_not_enrolled_in_beta",
            errorType: "some_error"
          })
          expect(error.message).toContain("Error code: organization_not_enrolled_in_beta.")
        }
      })
  )

  it.effect(
    "§10.8: an error_code that is not a string, or details that are not an object, give no errorCode",
    () =>
      Effect.gen(function* () {
        for (const details of [
          { error_code: 42 },
          { error_code: null },
          { error_code: "" },
          "code",
          [1],
          null,
          {}
        ]) {
          const error = yield* failWith({
            status: 400,
            body: withDetails("invalid_request_error", "no", details)
          })
          expect(error._tag).toBe("InvalidRequestError")
          expect(error).not.toHaveProperty("errorCode")
          expect(error.message).not.toContain("Error code")
        }
      })
  )

  it.effect("§7.1/§10.8: an unknown error.type is kept as errorType, whatever the status", () =>
    Effect.gen(function* () {
      const teapot = yield* failWith({ status: 418, body: apiError("brand_new_error", "I am a teapot") })
      expect(teapot).toMatchObject({ _tag: "InvalidRequestError", status: 418, errorType: "brand_new_error" })
      expect(teapot.message).toContain("418 brand_new_error: I am a teapot")
      const forbidden = yield* failWith({
        status: 403,
        body: apiError("org_policy_error", "Blocked by policy")
      })
      expect(forbidden).toMatchObject({ _tag: "PermissionError", errorType: "org_policy_error" })
      const conflict = yield* failWith({ status: 409, body: apiError("conflict_error", "Busy") })
      expect(conflict).toMatchObject({ _tag: "InvalidRequestError", errorType: "conflict_error" })
      const bare = yield* failWith({ status: 502, raw: "Bad Gateway" })
      expect(bare).not.toHaveProperty("errorType")
    })
  )

  it.effect("§10.9: x-should-retry true|false is read case-insensitively; anything else is ignored", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [string | undefined, boolean | undefined]> = [
        ["true", true],
        ["false", false],
        [" TRUE ", true],
        ["False", false],
        ["yes", undefined],
        ["1", undefined],
        ["", undefined],
        [undefined, undefined]
      ]
      for (const [header, expected] of cases) {
        const error = yield* failWith({
          status: 400,
          body: apiError("invalid_request_error", "no"),
          ...(header === undefined ? {} : { headers: { "x-should-retry": header } })
        })
        if (expected === undefined) expect(error).not.toHaveProperty("shouldRetry")
        else expect(error).toMatchObject({ shouldRetry: expected })
      }
    })
  )

  it.effect(
    "§10.3: rateLimitResetMillis is measured from the response's arrival on Clock; past resets are negative",
    () =>
      Effect.gen(function* () {
        const T = Date.UTC(2026, 2, 15, 12, 0, 40)
        yield* TestClock.setTime(T)
        const reset = (value: string) =>
          failWith({
            status: 429,
            body: apiError("rate_limit_error", "Rate limited"),
            headers: { "anthropic-ratelimit-requests-reset": value }
          })
        const future = yield* reset("2026-03-15T12:00:52.5Z")
        expect(future).toMatchObject({ _tag: "RateLimitError", rateLimitResetMillis: 12_500 })
        expect(future).not.toHaveProperty("retryAfterMillis")
        expect(future.message).toContain("The request limit resets in 12.5 s.")
        const offset = yield* reset("2026-03-15T14:01:00+02:00")
        expect(offset).toMatchObject({ rateLimitResetMillis: 20_000 })
        const past = yield* reset("2026-03-15T12:00:37Z")
        expect(past).toMatchObject({ rateLimitResetMillis: -3_000 })
        expect(past.message).not.toContain("resets in")
        for (const garbage of ["soon", "Sun, 15 Mar 2026 12:01:00 GMT", "1773576060", ""]) {
          expect(yield* reset(garbage)).not.toHaveProperty("rateLimitResetMillis")
        }
        // a 503 does not carry it
        const unavailable = yield* failWith({
          status: 503,
          headers: { "anthropic-ratelimit-requests-reset": "2026-03-15T12:01:00Z" }
        })
        expect(unavailable).not.toHaveProperty("rateLimitResetMillis")
      })
  )

  it.effect("§10.3: the reset is measured when the response arrives, not when the request left", () =>
    Effect.gen(function* () {
      const T = Date.UTC(2026, 2, 15, 12, 0, 40)
      yield* TestClock.setTime(T)
      const slow = stub(() =>
        Effect.as(Effect.sleep(Duration.seconds(5)), {
          status: 429,
          body: apiError("rate_limit_error", "Rate limited"),
          headers: { "anthropic-ratelimit-requests-reset": "2026-03-15T12:01:00Z" }
        })
      )
      const fiber = yield* Effect.fork(
        Effect.flip(UsageReport.page(params)).pipe(Effect.provide(layerFor(slow.client, { retry: false })))
      )
      yield* TestClock.adjust(Duration.seconds(5))
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "RateLimitError", rateLimitResetMillis: 15_000 })
    })
  )

  it.effect("the key never appears in errorCode, errorType or a request-id copied from the response", () =>
    Effect.gen(function* () {
      const { client } = stub((request) => ({
        status: 429,
        body: withDetails(`type_${request.headers["x-api-key"]}`, "no", {
          error_code: `code_${request.headers["x-api-key"]}`
        }),
        headers: { "request-id": `req_${request.headers["x-api-key"]}` }
      }))
      const error = yield* Effect.flip(UsageReport.page(params)).pipe(
        Effect.provide(layerFor(client, { retry: false }))
      )
      expect(error).toMatchObject({
        errorCode: "code_[redacted]",
        errorType: "type_[redacted]",
        requestId: "req_[redacted]"
      })
      expectNoKey(error)
    })
  )

  it("messages: x-should-retry: false is explained only where it overrode the status; a spend limit says so", () => {
    const unavailable = new AdminApiError.ServerError({ status: 503, apiMessage: "Down", shouldRetry: false })
    expect(unavailable.message).toContain("not worth retrying (x-should-retry: false)")
    const badRange = new AdminApiError.InvalidRequestError({
      status: 400,
      errorType: "invalid_request_error",
      apiMessage: "ending_at must be after starting_at",
      errorCode: "invalid_date_range",
      shouldRetry: false
    })
    expect(badRange.message).toBe(
      "400 invalid_request_error: ending_at must be after starting_at. Error code: invalid_date_range."
    )
    const spend = new AdminApiError.RateLimitError({
      status: 429,
      apiMessage: "Spend limit reached",
      errorCode: AdminApiError.SPEND_LIMIT_REACHED
    })
    expect(spend.message).toContain("enforced spend limit")
    expect(spend.message).not.toContain("once per minute")
  })

  it("isRetryable: x-should-retry overrides the status both ways (§10.9); a spend-limit 429 is final", () => {
    const bad = (status: number, shouldRetry?: boolean) =>
      new AdminApiError.InvalidRequestError({
        status,
        errorType: "invalid_request_error",
        apiMessage: "",
        ...(shouldRetry === undefined ? {} : { shouldRetry })
      })
    expect(AdminApiError.isRetryable(bad(400, true))).toBe(true)
    expect(AdminApiError.isRetryable(bad(409, false))).toBe(false)
    expect(AdminApiError.isRetryable(bad(409))).toBe(true)
    expect(
      AdminApiError.isRetryable(
        new AdminApiError.AuthenticationError({ status: 401, apiMessage: "", shouldRetry: true })
      )
    ).toBe(true)
    expect(
      AdminApiError.isRetryable(
        new AdminApiError.RateLimitError({ status: 429, apiMessage: "", shouldRetry: false })
      )
    ).toBe(false)
    expect(
      AdminApiError.isRetryable(
        new AdminApiError.OverloadedError({ status: 529, apiMessage: "", shouldRetry: false })
      )
    ).toBe(false)
    const spend = { status: 429, apiMessage: "", errorCode: AdminApiError.SPEND_LIMIT_REACHED }
    expect(AdminApiError.isRetryable(new AdminApiError.RateLimitError(spend))).toBe(false)
    expect(AdminApiError.isRetryable(new AdminApiError.RateLimitError({ ...spend, shouldRetry: true }))).toBe(
      true
    )
  })
})

describe("error messages read as sentences", () => {
  it("an API message with or without a full stop gives exactly one", () => {
    const withStop = new AdminApiError.RateLimitError({ status: 429, apiMessage: "Slow down." })
    const withoutStop = new AdminApiError.ServerError({ status: 500, apiMessage: "Internal error" })
    expect(withStop.message).toContain("Slow down. ")
    expect(withStop.message).not.toContain("..")
    expect(withoutStop.message).toContain("Internal error. Retry later.")
  })
})

describe("transport errors say why", () => {
  it.live("a refused connection names the cause fetch hides behind 'fetch failed'", () =>
    Effect.gen(function* () {
      // a port that was free a moment ago: nothing listens there now
      const server = yield* Effect.promise(
        () =>
          new Promise<Server>((resolve) =>
            createServer().listen(0, "127.0.0.1", function (this: Server) {
              resolve(this)
            })
          )
      )
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      yield* Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
      const error = yield* Effect.flip(
        UsageReport.page({ startingAt: "2026-03-01T00:00:00Z" }).pipe(
          Effect.provide(
            AdminApiClient.layerFetch({
              apiKey: Redacted.make(KEY),
              baseUrl: `http://127.0.0.1:${port}`,
              retry: false
            })
          )
        )
      )
      expect(error._tag).toBe("TransportError")
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.message).not.toContain(KEY)
    })
  )
})
