/**
 * rawdash's `RequestObserver` as an `HttpClient` decoration: after every
 * response (any status), the observer gets the URL, method, status, the
 * request's resource tag (`usage_messages` or `cost_report`: the keys of the
 * static `schemas`), the request id (the response's `request-id`, else a
 * generated one, as rawdash's request helper does) and the JSON body. Its
 * errors are swallowed and it may take at most 250 ms.
 * The body is read through the response's cached text, so the client still
 * decodes it afterwards. The URL (its `page` cursor comes from the server),
 * the request id and every string of the body the observer sees have any
 * `sk-ant-` token redacted (a server echoing the key
 * must not leak it into rawdash's drift records).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as UrlParams from "@effect/platform/UrlParams"
import { CostReport, UsageReport } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import type { HttpMethod, RequestObserver } from "../Rawdash.js"

const METHODS: ReadonlyArray<HttpMethod> = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]

/** The request's method as rawdash names it (the client only sends GET). */
const methodOf = (method: string): HttpMethod => METHODS.find((known) => known === method) ?? "GET"

/** A request id for a response without `request-id`. */
const newRequestId = (): string =>
  typeof globalThis.crypto?.randomUUID === "function"
    ? globalThis.crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

const KEY_LIKE = /sk-ant-[A-Za-z0-9_-]*/g
const scrub = (text: string): string => text.replace(KEY_LIKE, "[redacted]")

/** A JSON value with every string (keys included) scrubbed; unchanged (same object) when nothing matched. */
const scrubJson = (value: unknown): unknown => {
  if (value === undefined) return value
  const text = JSON.stringify(value)
  return text !== undefined && text.includes("sk-ant-") ? (JSON.parse(scrub(text)) as unknown) : value
}

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
        const body = scrubJson(yield* Effect.orElseSucceed(response.json, () => undefined))
        const query = UrlParams.toString(response.request.urlParams)
        // a `page` cursor echoes the server: scrubbed like the body
        const url = scrub(query === "" ? response.request.url : `${response.request.url}?${query}`)
        yield* Effect.tryPromise(async () =>
          observer({
            url,
            method: methodOf(response.request.method),
            status: response.status,
            resource: resourceOf(response.request.url),
            requestId: scrub(response.headers["request-id"] ?? "") || newRequestId(),
            body
          })
        ).pipe(Effect.timeout("250 millis"), Effect.ignore)
      })
    )
