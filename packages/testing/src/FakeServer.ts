/**
 * The fake Admin API as a real HTTP server on 127.0.0.1 with a random port,
 * for end-to-end tests, the CLI's `--demo`, and benchmarks.
 *
 * @since 0.1.0
 */
import { createServer } from "node:http"
import { Effect, type Scope } from "effect"
import * as FakeAdminApi from "./FakeAdminApi.js"
import * as FakeOrganization from "./FakeOrganization.js"

/** A running server. @since 0.1.0 */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:49152`. */
  readonly url: string
  /** Stops accepting connections and closes open ones. */
  readonly close: () => Promise<void>
}

/** @since 0.1.0 */
export interface ServeOptions {
  /** The organisation to serve, or options to synthesise one. */
  readonly organization?: FakeOrganization.FakeOrganization | FakeOrganization.Options
}

/**
 * Starts the server; resolves once it listens.
 * @since 0.1.0
 */
export const serve = (options: ServeOptions = {}): Promise<RunningServer> => {
  const given = options.organization ?? {}
  const org = "usage" in given ? given : FakeOrganization.make(given)
  const server = createServer((req, res) => {
    const headers: Record<string, string | undefined> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = Array.isArray(value) ? value.join(", ") : value
    }
    const response = FakeAdminApi.handle(org, { method: req.method ?? "GET", url: req.url ?? "/", headers })
    res.writeHead(response.status, response.headers)
    res.end(response.body)
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}

/**
 * {@link serve} as a scoped Effect: the server closes with the scope.
 * @since 0.1.0
 */
export const scoped = (options: ServeOptions = {}): Effect.Effect<RunningServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => serve(options)),
    (server) => Effect.promise(() => server.close())
  )
