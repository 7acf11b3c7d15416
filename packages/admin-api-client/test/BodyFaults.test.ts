/**
 * Issue 10, item 3, at the client: a 2xx whose body is cut short, an HTML
 * page or otherwise not JSON is a transport fault. It is retried like a
 * dropped connection (bounded by the retry policy), and when the retries run
 * out the call fails with a typed `TransportError` that says what came back
 * without quoting it. A body that is JSON of the wrong shape stays a final
 * `DecodeError`.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  FakeAdminApi,
  type FakeFault,
  FakeHttpClient,
  FakeOrganization
} from "@rawdash/anthropic-admin-api-testing"
import { Clock, Duration, Effect, Either, Fiber, Layer, Option, Redacted, TestClock } from "effect"
import { AdminApiClient, CostReport } from "../src/index.js"
import { KEY, layerFor, stub } from "./support/stub.js"

const NOW = Date.UTC(2026, 2, 15, 12)

const org = FakeOrganization.make({ seed: 5, days: 20, now: NOW, workspaces: 1 })
const params = { startingAt: new Date(Date.UTC(2026, 2, 8)), endingAt: new Date(Date.UTC(2026, 2, 15)) }

const fakeLayer = (faults?: FakeAdminApi.Options["faults"]) => {
  const api = FakeAdminApi.make({ organization: org, clock: () => NOW, ...(faults ? { faults } : {}) })
  const retries: Array<AdminApiClient.RetryEvent> = []
  const layer = AdminApiClient.layer({
    apiKey: Redacted.make(KEY),
    retry: { jitter: 0 },
    onRetry: (event) => Effect.sync(() => void retries.push(event))
  }).pipe(Layer.provide(FakeHttpClient.layer(api)))
  return { api, layer, retries }
}

/** Runs an effect to completion on `TestClock`, advancing it; returns the result and the virtual time taken. */
const clocked = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const started = yield* Clock.currentTimeMillis
    const fiber = yield* Effect.fork(Effect.either(effect))
    for (;;) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) {
        const result = yield* done.value
        return { result, elapsed: (yield* Clock.currentTimeMillis) - started }
      }
      yield* TestClock.adjust(Duration.millis(500))
    }
  })

describe("2xx bodies that are not JSON", () => {
  const once: ReadonlyArray<readonly [string, FakeFault.Fault, RegExp]> = [
    ["a body cut short (the connection closed early)", { kind: "truncated-body" }, /could not read the body/],
    ["invalid JSON", { kind: "malformed-json" }, /not JSON .*cut short or malformed/],
    ["a proxy's HTML page", { kind: "html-body" }, /not JSON .*text\/html.*HTML page/]
  ]
  for (const [name, fault, reason] of once) {
    it.effect(`${name} once: retried as a transport fault, then the same page as without the fault`, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const clean = fakeLayer()
        const expected = yield* CostReport.page(params).pipe(Effect.provide(clean.layer))
        const faulty = fakeLayer({ script: [{ fault }] })
        const { result } = yield* clocked(CostReport.page(params).pipe(Effect.provide(faulty.layer)))
        expect(Either.getOrUndefined(result)).toEqual(expected)
        expect(faulty.api.log.map((e) => e.fault?.kind ?? null)).toEqual([fault.kind, null])
        expect(faulty.retries.map((r) => r.error._tag)).toEqual(["TransportError"])
        expect(faulty.retries[0]?.error.message).toMatch(reason)
      })
    )
  }

  it.effect("always HTML: bounded retries (the policy's 3 minutes), then a typed TransportError", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { api, layer } = fakeLayer({ script: [{ fault: { kind: "html-body" }, count: Infinity }] })
      const { result, elapsed } = yield* clocked(CostReport.page(params).pipe(Effect.provide(layer)))
      expect(result._tag).toBe("Left")
      const error = result._tag === "Left" ? result.left : undefined
      expect(error).toMatchObject({ _tag: "TransportError", path: CostReport.PATH })
      expect(error?.message).toContain("an HTML page")
      // the page's text is not quoted
      expect(error?.message).not.toContain("Bad Gateway")
      expect(elapsed).toBeLessThanOrEqual(3 * 60_000)
      expect(api.log.length).toBeGreaterThan(3)
      expect(api.log.length).toBeLessThan(20)
    })
  )

  it.effect("an empty 200 body is a transport fault too", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ({ status: 200, raw: "" }))
      const error = yield* Effect.flip(CostReport.page(params)).pipe(
        Effect.provide(layerFor(client, { retry: { maxAttempts: 2, jitter: 0, baseDelay: 0 } }))
      )
      expect(error).toMatchObject({ _tag: "TransportError" })
      expect(error.message).toContain("an empty body")
      expect(seen).toHaveLength(2)
    })
  )

  it.effect("JSON of the wrong shape stays a final DecodeError naming the path", () =>
    Effect.gen(function* () {
      const { client, seen } = stub(() => ({
        status: 200,
        body: { data: [{ starting_at: "2026-03-08T00:00:00Z", ending_at: 5, results: [] }], has_more: false }
      }))
      const error = yield* Effect.flip(CostReport.page(params)).pipe(Effect.provide(layerFor(client)))
      expect(error).toMatchObject({ _tag: "DecodeError", path: "data[0].ending_at" })
      expect(seen).toHaveLength(1)
    })
  )
})
