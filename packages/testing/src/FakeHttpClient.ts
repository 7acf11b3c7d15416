/**
 * The fake Admin API as an `HttpClient`: no sockets, for fast tests. Latency
 * waits on Effect's `Clock` and, unless a `clock` option is given, the log's
 * timestamps and HTTP-date `retry-after` read it too (so `TestClock` controls
 * both); a dropped
 * connection fails with a transport `RequestError`, and a truncated body
 * fails while the body is read.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Clock, Duration, Effect, Layer } from "effect"
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
      const response = api.handle(
        { method: request.method, url: `${url.pathname}${url.search}`, headers: request.headers },
        "layer",
        now
      )
      if (response.delayMs !== undefined && response.delayMs > 0) {
        yield* Effect.sleep(Duration.millis(response.delayMs))
      }
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
