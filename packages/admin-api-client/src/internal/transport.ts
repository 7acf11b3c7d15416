/**
 * Where the key may go: the base URL rule and the redirect policy, the two
 * transport decisions `AdminApiClient.make` applies before any request.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { InvalidParameterError } from "../AdminApiError.js"
import { scrubber } from "./response.js"

/** What a base URL may be, in words (error messages, docs). */
export const BASE_URL_RULE =
  "an https:// URL (e.g. https://api.anthropic.com or a gateway such as https://gateway.example.com/anthropic), or http:// to a loopback host (localhost, 127.0.0.0/8, [::1]); no user:password@, query or fragment"

/** Hosts plain `http:` may reach: the key then never leaves the machine. */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase()
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** Why `value` is not an acceptable base URL, or `undefined` when it is. */
const problem = (value: string): string | undefined => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "not an absolute URL"
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `the scheme ${url.protocol} is not https:`
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return `plain http:// would send the key unencrypted to ${url.hostname}; use https:// (http:// is for loopback hosts only)`
  }
  if (url.username !== "" || url.password !== "") return "it contains credentials (user:password@)"
  // an empty "?" or "#" too: the path is appended to the base URL as text
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(value)) return "it has a query or fragment"
  return undefined
}

/** Scrubs any `sk-ant-` token out of a value echoed in an error (a key pasted into the wrong field). */
const scrubKeys = scrubber("")

/**
 * Checks a base URL before any request: `https:`, or `http:` to a loopback
 * host; a failure names `field` (the option, flag or environment variable the
 * value came from) and never echoes a key.
 */
export const checkBaseUrl = (value: string, field: string): Either.Either<string, InvalidParameterError> => {
  const why = problem(value)
  return why === undefined
    ? Either.right(value)
    : Either.left(
        new InvalidParameterError({
          field,
          allowed: BASE_URL_RULE,
          received: `${JSON.stringify(scrubKeys(value.length > 200 ? `${value.slice(0, 199)}…` : value))} (${why})`
        })
      )
}

/**
 * The client without redirects: the platform's `fetch` client is told
 * `redirect: "manual"`, so a 3xx reaches the client as a response, is refused
 * by the response mapping, and the key is never sent to where it pointed.
 * Other `HttpClient`s do not follow redirects unless told to.
 *
 * The `RequestInit` sent is the one in context when the client was built,
 * then the one around the request, then `redirect: "manual"` (a `dispatcher`,
 * `keepalive` or `credentials` given either way is kept).
 */
export const withoutRedirects = Effect.map(
  Effect.serviceOption(FetchHttpClient.RequestInit),
  (built) =>
    (client: HttpClient.HttpClient): HttpClient.HttpClient =>
      HttpClient.transform(client, (effect) =>
        Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (around) =>
          Effect.provideService(effect, FetchHttpClient.RequestInit, {
            ...Option.getOrElse(built, () => ({})),
            ...Option.getOrElse(around, () => ({})),
            redirect: "manual"
          })
        )
      )
)
