/**
 * The fake Admin API as an `HttpClient`: no sockets, for fast tests. Latency
 * waits on Effect's `Clock` and, unless a `clock` option is given, the log's
 * timestamps and HTTP-date `retry-after` read it too (so `TestClock` controls
 * both); a dropped
 * connection fails with a transport `RequestError`, a truncated body
 * fails while the body is read, and a stalled request never completes (it is
 * interruptible, so a client timeout ends it).
 *
 * @since 0.1.0
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as FakeAdminApi from "./FakeAdminApi.js"
import type * as FakeOrganization from "./FakeOrganization.js"

/**
 * What the layer and {@link make} accept: an organisation, options to
 * synthesise one, or a {@link FakeAdminApi.FakeAdminApi} instance (to share
 * its log and fault schedule).
 *
 * @since 0.1.0
 */
export type Source = FakeOrganization.FakeOrganization | FakeOrganization.Options | FakeAdminApi.FakeAdminApi

/**
 * Resolves a {@link Source} plus API options into an instance. An instance is
 * used as is (the options are ignored).
 *
 * @since 0.1.0
 */
export const resolve = (
  source: Source = {},
  options: Omit<FakeAdminApi.Options, "organization"> = {}
): FakeAdminApi.FakeAdminApi =>
  FakeAdminApi.isFakeAdminApi(source) ? source : FakeAdminApi.make({ ...options, organization: source })

const decoder = new TextDecoder()

/** The request body as text (management `POST`s send JSON), and its content type. */
const requestBody = (
  body: HttpBody.HttpBody
): Effect.Effect<{ readonly text: string | undefined; readonly contentType: string | undefined }> => {
  switch (body._tag) {
    case "Empty":
      return Effect.succeed({ text: undefined, contentType: undefined })
    case "Uint8Array":
      return Effect.succeed({ text: decoder.decode(body.body), contentType: body.contentType })
    case "Raw":
      return Effect.succeed({
        text:
          typeof body.body === "string"
            ? body.body
            : body.body instanceof Uint8Array
              ? decoder.decode(body.body)
              : String(body.body),
        contentType: body.contentType
      })
    case "FormData":
      // Not JSON: the fake answers 400 for it.
      return Effect.succeed({ text: "[form data]", contentType: "multipart/form-data" })
    case "Stream":
      return Stream.runCollect(body.stream).pipe(
        Effect.map((chunks) => {
          const parts = Chunk.toReadonlyArray(chunks)
          const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
          let at = 0
          for (const p of parts) {
            bytes.set(p, at)
            at += p.length
          }
          return { text: decoder.decode(bytes), contentType: body.contentType }
        }),
        Effect.orElseSucceed(() => ({ text: undefined, contentType: body.contentType }))
      )
  }
}

const bodyOf = (response: FakeAdminApi.FakeResponse): BodyInit | null => {
  if (response.transport !== "truncate") return response.body
  const bytes = new TextEncoder().encode(response.body)
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.error(new Error("fake: connection closed before the whole body arrived (truncated-body)"))
    }
  })
}

/**
 * An `HttpClient` answering from the fake.
 *
 * @since 0.1.0
 */
export const make = (
  source: Source = {},
  options: Omit<FakeAdminApi.Options, "organization"> = {}
): HttpClient.HttpClient => {
  const api = resolve(source, options)
  return HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const body = yield* requestBody(request.body)
      const headers: Record<string, string | undefined> = { ...request.headers }
      if (body.contentType !== undefined && headers["content-type"] === undefined) {
        headers["content-type"] = body.contentType
      }
      const response = api.handle(
        {
          method: request.method,
          url: `${url.pathname}${url.search}`,
          headers,
          ...(body.text === undefined ? {} : { body: body.text })
        },
        "layer",
        now
      )
      if (response.delayMs !== undefined && response.delayMs > 0) {
        yield* Effect.sleep(Duration.millis(response.delayMs))
      }
      if (response.transport === "stall") return yield* Effect.never
      if (response.transport === "drop") {
        return yield* Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            cause: new Error("fake: connection dropped (drop-connection)"),
            description: "connection dropped"
          })
        )
      }
      return HttpClientResponse.fromWeb(
        request,
        new Response(bodyOf(response), { status: response.status, headers: response.headers })
      )
    })
  )
}

/**
 * A layer providing the fake as the `HttpClient`:
 * `FakeHttpClient.layer(org)`, `FakeHttpClient.layer({ days: 30 })`,
 * `FakeHttpClient.layer(org, { faults, latency, rateLimit, specMinimal })` or
 * `FakeHttpClient.layer(FakeAdminApi.make(...))`. Without a `clock` option the
 * rate limiter's minute windows follow Effect's `Clock` (so under `TestClock`
 * all requests fall in one minute until the test adjusts the clock).
 *
 * @since 0.1.0
 */
export const layer = (
  source: Source = {},
  options: Omit<FakeAdminApi.Options, "organization"> = {}
): Layer.Layer<HttpClient.HttpClient> => Layer.succeed(HttpClient.HttpClient, make(source, options))
