/**
 * Issue 10, item 7, at the client: bad-input properties. For each parameter
 * of the usage and cost reports (and the client's `baseUrl` and the streams'
 * `concurrency`), randomly drawn invalid values are rejected with an
 * `InvalidParameterError` naming that field, before any request is sent.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Stream } from "effect"
import { type AdminApiError, CostReport, UsageReport } from "../src/index.js"
import { layerFor, stub } from "./support/stub.js"

const VALID = { startingAt: "2026-03-01T00:00:00Z", endingAt: "2026-03-08T00:00:00Z" }
const RUNS = 40
/** Should a drawn value slip through, the request fails at once instead of being retried. */
const NO_RETRY = { retry: false } as const

/** A string that is no instant (`Date.parse` and the client's parser both refuse it). */
const notAnInstant = fc
  .string({ maxLength: 24 })
  .filter((s) => Number.isNaN(Date.parse(s)) && !/^\d{4}-\d{2}-\d{2}/.test(s))
const badLimit = fc.oneof(
  fc.integer({ min: -1000, max: 0 }),
  fc.integer({ min: 32, max: 100_000 }),
  fc.double({ min: 1.01, max: 30.99, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY)
)
const unknownValue = (known: ReadonlyArray<string>) =>
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !known.includes(s))
const badConcurrency = fc.oneof(
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x))
)
/** Base URLs that must never receive a key: other schemes, plain http to a non-loopback host, junk. */
const badBaseUrl = fc.oneof(
  fc.domain().map((host) => `http://${host}`),
  fc
    .constantFrom("ftp:", "file:", "javascript:", "ws:", "data:", "gopher:")
    .chain((scheme) => fc.domain().map((host) => `${scheme}//${host}/`)),
  fc.string({ maxLength: 20 }).filter((s) => {
    try {
      new URL(s)
      return false
    } catch {
      return true
    }
  }),
  fc.webUrl({ withQueryParameters: true }).filter((u) => u.startsWith("https://") && u.includes("?")),
  fc.domain().map((host) => `https://user:pw@${host}`)
)

type Call = (value: never) => Effect.Effect<unknown, AdminApiError.AdminApiError, never>

/** The calls under test, by field: each builds a call with the field set to the drawn value. */
const FIELDS: ReadonlyArray<
  readonly [string, string, fc.Arbitrary<unknown>, (client: ReturnType<typeof stub>["client"]) => Call]
> = [
  [
    "usage",
    "startingAt",
    notAnInstant,
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, startingAt: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "endingAt",
    notAnInstant,
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, endingAt: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "endingAt",
    fc.integer({ min: 0, max: 400 }).map((days) => new Date(Date.UTC(2026, 2, 1) - days * 86_400_000)),
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, endingAt: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "limit",
    badLimit,
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, limit: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "bucketWidth",
    unknownValue(["1m", "1h", "1d"]),
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, bucketWidth: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "groupBy",
    unknownValue(UsageReport.GroupBy.literals).map((x) => ["model", x]),
    (c) => (v) =>
      Effect.provide(Stream.runDrain(UsageReport.buckets({ ...VALID, groupBy: v })), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "workspaceIds",
    fc.constant([""]),
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, workspaceIds: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "page",
    fc.constant(""),
    (c) => (v) => Effect.provide(UsageReport.page({ ...VALID, page: v }), layerFor(c, NO_RETRY))
  ],
  [
    "usage",
    "concurrency",
    badConcurrency,
    (c) => (v) =>
      Effect.provide(Stream.runDrain(UsageReport.buckets(VALID, { concurrency: v })), layerFor(c, NO_RETRY))
  ],
  [
    "cost",
    "startingAt",
    notAnInstant,
    (c) => (v) => Effect.provide(CostReport.page({ ...VALID, startingAt: v }), layerFor(c, NO_RETRY))
  ],
  [
    "cost",
    "limit",
    badLimit,
    (c) => (v) => Effect.provide(CostReport.page({ ...VALID, limit: v }), layerFor(c, NO_RETRY))
  ],
  [
    "cost",
    "groupBy",
    unknownValue(["workspace_id", "description"]).map((x) => [x]),
    (c) => (v) => Effect.provide(CostReport.page({ ...VALID, groupBy: v }), layerFor(c, NO_RETRY))
  ],
  [
    "cost",
    "bucketWidth",
    unknownValue(["1d"]),
    (c) => (v) => Effect.provide(CostReport.page({ ...VALID, bucketWidth: v }), layerFor(c, NO_RETRY))
  ],
  [
    "client",
    "baseUrl",
    badBaseUrl,
    (c) => (v) => Effect.provide(CostReport.page(VALID), layerFor(c, { ...NO_RETRY, baseUrl: v }))
  ]
]

describe("bad input is rejected before any request, naming the field", () => {
  for (const [report, field, arbitrary, build] of FIELDS) {
    it(`${report}: an invalid ${field} → InvalidParameterError on ${field}, no request`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          const { client, seen } = stub(() => ({ status: 500, raw: "must not be called" }))
          const exit = await Effect.runPromiseExit(Effect.flip(build(client)(value as never)))
          expect(exit._tag).toBe("Success")
          const error = exit._tag === "Success" ? exit.value : undefined
          expect(error?._tag).toBe("InvalidParameterError")
          expect((error as { field?: string }).field).toBe(field)
          expect(error?.message).toContain(field)
          expect(seen).toHaveLength(0)
        }),
        { numRuns: RUNS, seed: 10 }
      )
    })
  }
})
