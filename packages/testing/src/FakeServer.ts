/**
 * The fake Admin API as a real HTTP server on 127.0.0.1 with a random port,
 * for end-to-end tests, the CLI's `--demo`, and benchmarks. It answers
 * exactly what the `HttpClient` layer answers; a dropped connection destroys
 * the socket and a truncated body closes it before `content-length` bytes.
 *
 * @since 0.1.0
 */
import { createServer, type IncomingHttpHeaders } from "node:http"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as FakeAdminApi from "./FakeAdminApi.js"
import type * as FakeRequestLog from "./FakeRequestLog.js"

/**
 * A running server.
 *
 * @since 0.1.0
 */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:49152`. */
  readonly url: string
  /** Stops accepting connections and closes open ones. */
  readonly close: () => Promise<void>
  /** The request log (a live view). */
  readonly log: ReadonlyArray<FakeRequestLog.Entry>
  /** The instance answering. */
  readonly api: FakeAdminApi.FakeAdminApi
}

/**
 * Options for {@link serve}: the API options (organisation, keys, faults,
 * latency, clock, `rateLimit`, `specMinimal`), or an existing instance as
 * `api`. The server calls the same handler as the `HttpClient` layer, so every
 * live rule (reference §10) applies to it identically.
 *
 * @since 0.1.0
 */
export interface ServeOptions extends FakeAdminApi.Options {
  /** An instance to serve; when given, the other API options are ignored. */
  readonly api?: FakeAdminApi.FakeAdminApi
  /** Port to listen on; default 0 (a random free port). */
  readonly port?: number
}

const headersOf = (raw: IncomingHttpHeaders): Record<string, string | undefined> => {
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(raw)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

/**
 * Starts the server on 127.0.0.1; resolves once it listens.
 *
 * @since 0.1.0
 */
export const serve = (options: ServeOptions = {}): Promise<RunningServer> => {
  const { api: given, port, ...apiOptions } = options
  const api = given ?? FakeAdminApi.make(apiOptions)
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => answer(Buffer.concat(chunks).toString("utf8")))
    const answer = (body: string) => {
      const response = api.handle(
        {
          method: req.method ?? "GET",
          url: req.url ?? "/",
          headers: headersOf(req.headers),
          ...(body === "" ? {} : { body })
        },
        "server"
      )
      const send = () => {
        if (response.transport === "drop") {
          req.socket.destroy()
          return
        }
        // stall: never answer; `close()` ends the connection
        if (response.transport === "stall") return
        res.writeHead(response.status, response.headers)
        if (response.transport === "truncate") {
          res.write(response.body, () => res.destroy())
          return
        }
        res.end(response.body)
      }
      if (response.delayMs !== undefined && response.delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer)
          send()
        }, response.delayMs)
        timers.add(timer)
      } else {
        send()
      }
    }
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port ?? 0, "127.0.0.1", () => {
      const address = server.address()
      const actual = typeof address === "object" && address !== null ? address.port : 0
      resolve({
        url: `http://127.0.0.1:${actual}`,
        log: api.log,
        api,
        close: () =>
          new Promise<void>((done) => {
            for (const timer of timers) clearTimeout(timer)
            timers.clear()
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}

/**
 * {@link serve} as a scoped Effect: the server closes with the scope.
 *
 * @since 0.1.0
 */
export const scoped = (options: ServeOptions = {}): Effect.Effect<RunningServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => serve(options)),
    (server) => Effect.promise(() => server.close())
  )
