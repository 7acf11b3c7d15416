/**
 * The fake Admin API's loopback server in its own process, so its CPU and memory are not counted
 * in the workload's. Started by the harness with IPC; argv[2] is the JSON of {@link ServerSpec}.
 *
 * It records the exact URL (path and query, as sent) of every request answered 200, so the floor
 * replays byte for byte what the connector sent. With `cache` (the default), a 200 answer to a GET
 * is kept and served again, with the same latency, to the same URL: the fake computes each page
 * once (in the warm-up), so its page generation — which the live API's latency stands for — is
 * neither in the figures nor competing for the machine's two cores with the workload. Messages: `{ type: "take" }` answers
 * `{ type: "urls", urls }` with the URLs recorded since the last take (and forgets them).
 */
import { FakeAdminApi, FakeOrganization, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import type { FromServer, ServerSpec, ToServer } from "./protocol.js"

const spec = JSON.parse(process.argv[2] ?? "{}") as ServerSpec
const send = (message: FromServer) => process.send?.(message)

const organization = FakeOrganization.make({ ...spec.organization, now: spec.now })
const inner = FakeAdminApi.make({ organization, latency: spec.latency, rateLimit: false })
let urls: Array<string> = []
const answered = new Map<string, FakeAdminApi.FakeResponse>()
const api: FakeAdminApi.FakeAdminApi = Object.assign(Object.create(inner) as FakeAdminApi.FakeAdminApi, {
  handle: (...args: Parameters<FakeAdminApi.FakeAdminApi["handle"]>) => {
    const [request] = args
    const key = `${request.method} ${request.url}`
    const response = (spec.cache ? answered.get(key) : undefined) ?? inner.handle(...args)
    if (response.status === 200) {
      urls.push(request.url)
      if (spec.cache && request.method === "GET") answered.set(key, response)
    }
    return response
  }
})
const server = await FakeServer.serve({ api })

process.on("message", (message: ToServer) => {
  if (message.type === "take") {
    send({ type: "urls", urls })
    urls = []
  } else if (message.type === "stop") {
    void server.close().then(() => process.exit(0))
  }
})
process.on("disconnect", () => void server.close().then(() => process.exit(0)))
send({ type: "listening", url: server.url, streams: organization.streams.length })
