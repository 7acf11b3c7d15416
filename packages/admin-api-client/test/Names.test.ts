/**
 * Names for ids against the fake: at most one listing per resource kind per
 * run (asserted on the request log), the Default Workspace named under both
 * of its ids, actors labelled, and the fallback to the id with one warning.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Layer, Logger, Stream } from "effect"
import { AnalyticsCost, AnalyticsUsage, Names } from "../src/index.js"
import { fake, org, requests, withFake } from "./support/fake.js"

/** A logger that records every line (level and text). */
const recording = () => {
  const lines: Array<readonly [string, string]> = []
  const layer = Logger.replace(
    Logger.defaultLogger,
    Logger.make(({ logLevel, message }) =>
      lines.push([logLevel.label, Array.isArray(message) ? message.join(" ") : String(message)])
    )
  )
  return { lines, layer }
}

const countBy = (paths: ReadonlyArray<string>) =>
  paths.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p]: (acc[p] ?? 0) + 1 }), {})

describe("Names", () => {
  it.effect(
    "names keys, workspaces (Default Workspace under both ids) and actors with one listing per kind",
    () => {
      const { api, layer } = fake()
      return withFake(
        layer,
        Effect.gen(function* () {
          const range = { startingAt: "2026-03-01", endingAt: "2026-03-08" } as const
          const cost = Chunk.toReadonlyArray(
            yield* Stream.runCollect(
              AnalyticsCost.rows({ ...range, groupBy: ["api_key_id", "workspace_id"] })
            )
          )
          const usage = Chunk.toReadonlyArray(
            yield* Stream.runCollect(AnalyticsUsage.rows({ ...range, groupBy: ["actor"] }))
          )
          api.clearLog()
          const named = yield* Effect.gen(function* () {
            const names = yield* Names.Names
            // many lookups, concurrently, of every kind
            const groups = yield* Effect.forEach(cost, (row) => names.group(row.group), {
              concurrency: "unbounded"
            })
            const actors = yield* Effect.forEach(
              usage,
              (row) => (row.group.actor === null ? Effect.succeed(null) : names.actor(row.group.actor)),
              {
                concurrency: "unbounded"
              }
            )
            const legacyDefault = yield* names.workspace(null)
            const users = yield* Effect.forEach(org.users, (u) => names.user(u.id), { concurrency: 4 })
            return { groups, actors, legacyDefault, users }
          }).pipe(Effect.provide(Names.layer()))

          expect(countBy(api.log.map((e) => e.path))).toEqual({
            "/v1/organizations/api_keys": 1,
            "/v1/organizations/workspaces": 1,
            // the Default Workspace's tagged id is not in the list: read once by id
            "/v1/organizations/workspaces/wrkspc_00defaultfake": 1,
            "/v1/organizations/users": 1
          })
          expect(requests(api, "/v1/organizations/api_keys")[0]?.query).toEqual({ limit: "1000" })
          expect(requests(api, "/v1/organizations/workspaces")[0]?.query).toEqual({
            limit: "1000",
            include_archived: "true"
          })

          const keyNames = new Map(org.apiKeys.map((k) => [k.id, k.name]))
          named.groups.forEach((g, i) => {
            const id = cost[i]!.group.api_key_id
            expect(g.api_key_name).toBe(id === null ? null : keyNames.get(id))
          })
          expect(named.groups.map((g) => g.workspace_name)).toContain("Default Workspace")
          expect(named.groups.map((g) => g.workspace_name)).toContain("Workspace 1")
          expect(named.groups.some((g) => g.workspace_name?.startsWith("wrkspc_"))).toBe(false)
          expect(named.legacyDefault).toBe("Default Workspace")
          // former members are not listed: their id comes back (analytics rows carry their email instead)
          expect(named.users).toEqual(org.users.map((u) => (u.member ? u.email : u.id)))
          expect(org.users.some((u) => !u.member)).toBe(true)
          // user actors are emails — a former member's from the row itself — API actors key names
          usage.forEach((row, i) => {
            const actor = row.group.actor
            if (actor?.type === "user_actor") {
              expect(named.actors[i]).toBe((actor as { email_address: string | null }).email_address)
            }
            if (actor?.type === "api_actor") {
              expect(named.actors[i]).toBe(keyNames.get((actor as { api_key_id: string }).api_key_id))
            }
          })
          expect(
            usage.some(
              (r) => r.group.actor?.type === "user_actor" && (r.group.actor as { deleted: boolean }).deleted
            )
          ).toBe(true)
        })
      )
    }
  )

  it.effect("nothing is listed for a kind never looked up, and the legacy null needs no request", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const names = yield* Names.Names
        expect(yield* names.workspace(null)).toBe("Default Workspace")
        expect(yield* names.apiKey(null)).toBeNull()
        expect(api.log).toHaveLength(0)
        expect(yield* names.apiKey(org.apiKeys[0]!.id)).toBe(org.apiKeys[0]!.name)
        expect(api.log.map((e) => e.path)).toEqual(["/v1/organizations/api_keys"])
      }).pipe(Effect.provide(Names.layer()))
    )
  })

  it.effect("a key that may not list API keys: the ids come back, with one warning, and one 403", () => {
    const { api, layer } = fake({ deny: ["api_keys"] })
    const log = recording()
    return withFake(
      layer,
      Effect.gen(function* () {
        const names = yield* Names.Names
        const ids = org.apiKeys.map((k) => k.id)
        const got = yield* Effect.forEach([...ids, ...ids], (id) => names.apiKey(id), {
          concurrency: "unbounded"
        })
        expect(got).toEqual([...ids, ...ids])
        // other kinds still work
        expect(yield* names.workspace("wrkspc_01afake")).toBe("Workspace 1")
        const warnings = log.lines.filter(([level]) => level === "WARN")
        expect(warnings).toHaveLength(1)
        expect(warnings[0]![1]).toContain("could not list API keys")
        expect(warnings[0]![1]).toContain("PermissionError")
        expect(requests(api, "/v1/organizations/api_keys").map((e) => e.status)).toEqual([403])
      }).pipe(Effect.provide(Layer.merge(Names.layer(), log.layer)))
    )
  })

  it.effect("ids missing from a listing fall back with one warning per kind, to onWarning when given", () => {
    const { layer } = fake()
    const warnings: Array<Names.Warning> = []
    return withFake(
      layer,
      Effect.gen(function* () {
        const names = yield* Names.Names
        expect(yield* names.apiKey("apikey_gone1")).toBe("apikey_gone1")
        expect(yield* names.apiKey("apikey_gone2")).toBe("apikey_gone2")
        expect(yield* names.user("user_gone")).toBe("user_gone")
        expect(yield* names.workspace("wrkspc_gone")).toBe("wrkspc_gone")
        expect(warnings.map((w) => w.kind)).toEqual(["api_keys", "users", "workspaces"])
        expect(warnings[0]?.message).toContain("apikey_gone1")
        expect(warnings[2]?.error?._tag).toBe("NotFoundError")
      }).pipe(Effect.provide(Names.layer({ onWarning: (w) => Effect.sync(() => void warnings.push(w)) })))
    )
  })

  it.effect("actors without a listing: service accounts by id, federated by subject, unknown by type", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const names = yield* Names.Names
        expect(yield* names.actor({ type: "service_account_actor", service_account_id: "svac_01" })).toBe(
          "svac_01"
        )
        expect(
          yield* names.actor({
            type: "federated_actor",
            subject: "repo:acme/app",
            provider: { type: "oidc", issuer: null }
          })
        ).toBe("repo:acme/app")
        expect(yield* names.actor({ type: "robot_actor" })).toBe("robot_actor")
        expect(api.log).toHaveLength(0)
      }).pipe(Effect.provide(Names.layer()))
    )
  })

  it.effect("two layers are two runs: each lists once", () => {
    const { api, layer } = fake()
    const lookup = Names.apiKeyName(org.apiKeys[0]!.id)
    return withFake(
      layer,
      Effect.gen(function* () {
        yield* Effect.zip(lookup, lookup).pipe(Effect.provide(Names.layer()))
        yield* Effect.zip(lookup, lookup).pipe(Effect.provide(Names.layer()))
        expect(requests(api, "/v1/organizations/api_keys")).toHaveLength(2)
      })
    )
  })
})
