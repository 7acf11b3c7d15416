/**
 * rawdash's `RequestObserver` as an `HttpClient` decoration: after every
 * response (any status), the observer gets the URL, method, status, the
 * request's resource tag (`usage_messages` or `cost_report`: the keys of the
 * static `schemas`), the request id (the response's `request-id`, else a
 * generated one, as rawdash's request helper does) and the JSON body. Its
 * errors are swallowed and it may take at most 250 ms.
 * The body is read through the response's cached text, so the client still
 * decodes it afterwards.
 */
import { HttpClient, UrlParams } from "@effect/platform"
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import { Effect } from "effect"
import type { HttpMethod, RequestObserver } from "../Rawdash.js"

const METHODS: ReadonlyArray<HttpMethod> = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]

/** The request's method as rawdash names it (the client only sends GET). */
const methodOf = (method: string): HttpMethod => METHODS.find((known) => known === method) ?? "GET"

/** A request id for a response without `request-id`. */
const newRequestId = (): string =>
  typeof globalThis.crypto?.randomUUID === "function"
    ? globalThis.crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

const resourceOf = (url: string): string =>
  url.includes(CostReport.PATH)
    ? "cost_report"
    : url.includes(UsageReport.PATH)
      ? "usage_messages"
      : "unknown"

/** Decorates a client so `observer` sees each response. */
export const observe =
  (observer: RequestObserver) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient =>
    HttpClient.tap(client, (response) =>
      Effect.gen(function* () {
        const body = yield* Effect.orElseSucceed(response.json, () => undefined)
        const query = UrlParams.toString(response.request.urlParams)
        const url = query === "" ? response.request.url : `${response.request.url}?${query}`
        yield* Effect.tryPromise(async () =>
          observer({
            url,
            method: methodOf(response.request.method),
            status: response.status,
            resource: resourceOf(response.request.url),
            requestId: response.headers["request-id"] || newRequestId(),
            body
          })
        ).pipe(Effect.timeout("250 millis"), Effect.ignore)
      })
    )
