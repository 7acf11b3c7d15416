import { createServer, type Server } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Redacted, Stream } from "effect"
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
