/**
 * The fake Admin API as an `HttpClient` layer: no sockets, for fast tests.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"
import * as FakeAdminApi from "./FakeAdminApi.js"
import * as FakeOrganization from "./FakeOrganization.js"

/**
 * An `HttpClient` answering from `org`.
 * @since 0.1.0
 */
export const make = (org: FakeOrganization.FakeOrganization): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.sync(() => {
      const response = FakeAdminApi.handle(org, {
        method: request.method,
        url: `${url.pathname}${url.search}`,
        headers: request.headers
      })
      return HttpClientResponse.fromWeb(
        request,
        new Response(response.body, { status: response.status, headers: response.headers })
      )
    })
  )

/**
 * A layer providing the fake as the `HttpClient`.
 * @since 0.1.0
 */
export const layer = (
  org: FakeOrganization.FakeOrganization | FakeOrganization.Options = {}
): Layer.Layer<HttpClient.HttpClient> =>
  Layer.succeed(HttpClient.HttpClient, make("usage" in org ? org : FakeOrganization.make(org)))
