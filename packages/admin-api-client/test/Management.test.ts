/**
 * The management endpoints against the fake: each endpoint's parameters,
 * bodies and paging on the wire (id cursors forward and backward), typed
 * answers, validation before sending, the pagination contract, and the
 * retry rule for mutations (only 429/529 are retried).
 */
import { describe, expect, it } from "@effect/vitest"
import { FakeFault, FakeHttpClient } from "@rawdash/anthropic-admin-api-testing"
import { Chunk, DateTime, Duration, Effect, Layer, Redacted, Stream } from "effect"
import {
  AdminApiClient,
  type AdminApiError,
  ApiKeys,
  Invites,
  Organization,
  RateLimits,
  Users,
  WorkspaceMembers,
  Workspaces
} from "../src/index.js"
import type { IdListParams, IdPage } from "../src/Pagination.js"
import { fake, org, requests, runClocked, withFake } from "./support/fake.js"
import { KEY, layerFor, stub } from "./support/stub.js"

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const wire = (api: ReturnType<typeof fake>["api"]) =>
  api.log.map(
    (e) => [e.method, e.path, e.query, e.body === undefined ? undefined : JSON.parse(e.body)] as const
  )

describe("organization and users", () => {
  it.effect("me", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const me = yield* Organization.me
        expect(me).toEqual({ id: org.organizationId, name: "Fake Organization", type: "organization" })
        expect(wire(api)).toEqual([["GET", "/v1/organizations/me", {}, undefined]])
      })
    )
  })

  it.effect("users page forward by after_id = last_id, and backward by before_id = first_id", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const all = yield* collect(Users.list({ limit: 1000 }))
        expect(all.length).toBeGreaterThanOrEqual(5)
        expect(all[0]).toMatchObject({
          id: "user_01fake",
          email: "ada@example.com",
          role: "admin",
          type: "user"
        })
        expect(DateTime.isDateTime(all[0]!.added_at)).toBe(true)
        api.clearLog()

        const pages = yield* collect(Users.listPages({ limit: 2 }))
        expect(pages.flatMap((p) => p.data)).toEqual(all)
        expect(requests(api).map((e) => e.query)).toEqual(
          pages.map((_, i) => (i === 0 ? { limit: "2" } : { limit: "2", after_id: pages[i - 1]!.lastId }))
        )
        expect(pages.map((p) => p.afterId)).toEqual([undefined, ...pages.slice(0, -1).map((p) => p.lastId)])
        expect(pages.at(-1)?.hasMore).toBe(false)
        api.clearLog()

        // backward from the last user: the pages before it, newest page first
        const last = all.at(-1)!.id
        const back = yield* collect(Users.listPages({ limit: 2, beforeId: last }))
        const queries = requests(api).map((e) => e.query)
        expect(queries[0]).toEqual({ limit: "2", before_id: last })
        back.slice(1).forEach((page, i) => {
          expect(queries[i + 1]).toEqual({ limit: "2", before_id: back[i]!.firstId })
          expect(page.beforeId).toBe(back[i]!.firstId)
        })
        expect(back.flatMap((p) => p.data.map((u) => u.id)).sort()).toEqual(
          all
            .slice(0, -1)
            .map((u) => u.id)
            .sort()
        )
        expect(back.at(-1)?.hasMore).toBe(false)
      })
    )
  })

  it.effect("users: filters, get, update role, remove", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const found = yield* collect(Users.list({ email: "GRACE@example.com", roles: ["developer", "user"] }))
        expect(found.map((u) => u.id)).toEqual(["user_02fake"])
        const one = yield* Users.get("user_03fake")
        expect(one.email).toBe("alan@example.com")
        const updated = yield* Users.update("user_03fake", { role: "developer" })
        expect(updated.role).toBe("developer")
        const removed = yield* Users.remove("user_03fake")
        expect(removed).toEqual({ id: "user_03fake", type: "user_deleted" })
        const gone = yield* Effect.flip(Users.get("user_03fake"))
        expect(gone._tag).toBe("NotFoundError")
        expect(wire(api)).toEqual([
          [
            "GET",
            "/v1/organizations/users",
            { email: "GRACE@example.com", "roles[]": ["developer", "user"] },
            undefined
          ],
          ["GET", "/v1/organizations/users/user_03fake", {}, undefined],
          ["POST", "/v1/organizations/users/user_03fake", {}, { role: "developer" }],
          ["DELETE", "/v1/organizations/users/user_03fake", {}, undefined],
          ["GET", "/v1/organizations/users/user_03fake", {}, undefined]
        ])
        expect(api.log[2]?.headers["content-type"]).toContain("application/json")
      })
    )
  })
})

describe("every list pages by id cursor in both directions", () => {
  const lists: ReadonlyArray<
    readonly [
      string,
      string,
      (
        params: IdListParams
      ) => Stream.Stream<IdPage<unknown>, AdminApiError.AdminApiError, AdminApiClient.AdminApiClient>,
      (item: unknown) => string
    ]
  > = [
    ["users", "/v1/organizations/users", (p) => Users.listPages(p), (u) => (u as Users.User).id],
    ["invites", "/v1/organizations/invites", (p) => Invites.listPages(p), (i) => (i as Invites.Invite).id],
    [
      "workspaces",
      "/v1/organizations/workspaces",
      (p) => Workspaces.listPages({ ...p, includeArchived: true }),
      (w) => (w as Workspaces.Workspace).id
    ],
    ["api keys", "/v1/organizations/api_keys", (p) => ApiKeys.listPages(p), (k) => (k as ApiKeys.ApiKey).id],
    [
      "workspace members",
      "/v1/organizations/workspaces/wrkspc_01afake/members",
      (p) => WorkspaceMembers.listPages("wrkspc_01afake", p),
      (m) => (m as WorkspaceMembers.WorkspaceMember).user_id
    ]
  ]
  for (const [name, path, listPages, idOf] of lists) {
    it.effect(`${name}: after_id = last_id forward, before_id = first_id backward`, () => {
      const { api, layer } = fake()
      return withFake(
        layer,
        Effect.gen(function* () {
          const forward = yield* collect(listPages({ limit: 1 }))
          const ids = forward.flatMap((p) => p.data.map(idOf))
          expect(ids.length).toBeGreaterThan(2)
          expect(forward.map((p) => p.firstId)).toEqual(ids)
          expect(requests(api, path).map((e) => e.query["after_id"])).toEqual([
            undefined,
            ...ids.slice(0, -1)
          ])
          api.clearLog()
          const backward = yield* collect(listPages({ limit: 1, beforeId: ids.at(-1)! }))
          expect(backward.flatMap((p) => p.data.map(idOf))).toEqual(ids.slice(0, -1).reverse())
          expect(requests(api, path).map((e) => e.query["before_id"])).toEqual(
            [...ids].reverse().slice(0, -1)
          )
          expect(backward.at(-1)?.hasMore).toBe(false)
        })
      )
    })
  }
})

describe("invites", () => {
  it.effect("list with filters, create, get, delete", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const pending = yield* collect(
          Invites.list({ statuses: ["pending"], roles: ["developer"], limit: 10 })
        )
        expect(pending.every((i) => i.status === "pending" && i.role === "developer")).toBe(true)
        expect(pending.length).toBeGreaterThan(0)
        const created = yield* Invites.create({ email: "new.hire@example.com", role: "claude_code_user" })
        expect(created).toMatchObject({
          email: "new.hire@example.com",
          status: "pending",
          rbac_group_ids: []
        })
        expect(created.expires_at.epochMillis - created.invited_at.epochMillis).toBe(21 * 86_400_000)
        expect((yield* Invites.get(created.id)).id).toBe(created.id)
        expect(yield* Invites.remove(created.id)).toEqual({ id: created.id, type: "invite_deleted" })
        expect(wire(api)).toEqual([
          [
            "GET",
            "/v1/organizations/invites",
            { limit: "10", "roles[]": ["developer"], "statuses[]": ["pending"] },
            undefined
          ],
          [
            "POST",
            "/v1/organizations/invites",
            {},
            { email: "new.hire@example.com", role: "claude_code_user" }
          ],
          ["GET", `/v1/organizations/invites/${created.id}`, {}, undefined],
          ["DELETE", `/v1/organizations/invites/${created.id}`, {}, undefined]
        ])
      })
    )
  })
})

describe("workspaces and members", () => {
  it.effect("create (snake_case body), update, archive, list with and without archived", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const created = yield* Workspaces.create({
          name: "Research",
          displayColor: "#3B82F6",
          tags: { team: "research" },
          dataResidency: { workspaceGeo: "us", defaultInferenceGeo: "us", allowedInferenceGeos: ["us"] }
        })
        expect(created).toMatchObject({
          name: "Research",
          archived_at: null,
          tags: { team: "research" },
          data_residency: { workspace_geo: "us", default_inference_geo: "us", allowed_inference_geos: ["us"] }
        })
        const renamed = yield* Workspaces.update(created.id, { name: "Research 2", tags: { team: null } })
        expect(renamed.name).toBe("Research 2")
        expect(renamed.tags).toEqual({})
        const archived = yield* Workspaces.archive(created.id)
        expect(archived.archived_at).not.toBeNull()
        const active = yield* collect(Workspaces.list())
        const all = yield* collect(Workspaces.list({ includeArchived: true, limit: 2 }))
        expect(active.some((w) => w.id === created.id)).toBe(false)
        expect(all.some((w) => w.id === created.id)).toBe(true)
        expect(wire(api).slice(0, 4)).toEqual([
          [
            "POST",
            "/v1/organizations/workspaces",
            {},
            {
              name: "Research",
              data_residency: {
                workspace_geo: "us",
                default_inference_geo: "us",
                allowed_inference_geos: ["us"]
              },
              display_color: "#3B82F6",
              tags: { team: "research" }
            }
          ],
          [
            "POST",
            `/v1/organizations/workspaces/${created.id}`,
            {},
            { name: "Research 2", tags: { team: null } }
          ],
          ["POST", `/v1/organizations/workspaces/${created.id}/archive`, {}, undefined],
          ["GET", "/v1/organizations/workspaces", {}, undefined]
        ])
        expect(
          requests(api, "/v1/organizations/workspaces").filter((e) => e.method === "GET")[1]?.query
        ).toEqual({
          limit: "2",
          include_archived: "true"
        })
      })
    )
  })

  it.effect("members: list (paged), add, get, update, remove", () => {
    const { api, layer } = fake()
    const ws = "wrkspc_01afake"
    const base = `/v1/organizations/workspaces/${ws}/members`
    return withFake(
      layer,
      Effect.gen(function* () {
        const members = yield* collect(WorkspaceMembers.list(ws, { limit: 1 }))
        expect(members.length).toBeGreaterThan(1)
        expect(requests(api, base).map((e) => e.query["after_id"])).toEqual([
          undefined,
          ...members.slice(0, -1).map((m) => m.user_id)
        ])
        const member = members.find((m) => m.workspace_role !== "workspace_admin")!
        const outsider = (yield* collect(Users.list())).find((u) => !members.some((m) => m.user_id === u.id))!
        api.clearLog()
        const added = yield* WorkspaceMembers.add(ws, {
          userId: outsider.id,
          workspaceRole: "workspace_developer"
        })
        expect(added).toEqual({
          type: "workspace_member",
          user_id: outsider.id,
          workspace_id: ws,
          workspace_role: "workspace_developer"
        })
        expect((yield* WorkspaceMembers.get(ws, outsider.id)).workspace_role).toBe("workspace_developer")
        const changed = yield* WorkspaceMembers.update(ws, member.user_id, {
          workspaceRole: "workspace_user"
        })
        expect(changed.workspace_role).toBe("workspace_user")
        expect(yield* WorkspaceMembers.remove(ws, outsider.id)).toEqual({
          type: "workspace_member_deleted",
          user_id: outsider.id,
          workspace_id: ws
        })
        expect(wire(api)).toEqual([
          ["POST", base, {}, { user_id: outsider.id, workspace_role: "workspace_developer" }],
          ["GET", `${base}/${outsider.id}`, {}, undefined],
          ["POST", `${base}/${member.user_id}`, {}, { workspace_role: "workspace_user" }],
          ["DELETE", `${base}/${outsider.id}`, {}, undefined]
        ])
      })
    )
  })
})

describe("API keys and rate limits", () => {
  it.effect("API keys: filters, get, update; scope gives the Default Workspace's real id", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const keys = yield* collect(ApiKeys.list({ limit: 1000 }))
        expect(keys.length).toBe(org.apiKeys.length)
        const first = keys[0]!
        expect(ApiKeys.workspaceOf(first)).toBe("wrkspc_00defaultfake")
        const creator = keys.find((k) => k.created_by !== null)!
        api.clearLog()
        const filtered = yield* collect(
          ApiKeys.list({
            status: "active",
            workspaceId: "wrkspc_01afake",
            createdByUserId: creator.created_by!.id
          })
        )
        expect(
          filtered.every((k) => k.status === "active" && ApiKeys.workspaceOf(k) === "wrkspc_01afake")
        ).toBe(true)
        const renamed = yield* ApiKeys.update(first.id, { name: "renamed", status: "inactive" })
        expect(renamed).toMatchObject({ name: "renamed", status: "inactive" })
        expect((yield* ApiKeys.get(first.id)).name).toBe("renamed")
        expect(wire(api)).toEqual([
          [
            "GET",
            "/v1/organizations/api_keys",
            { status: "active", workspace_id: "wrkspc_01afake", created_by_user_id: creator.created_by!.id },
            undefined
          ],
          ["POST", `/v1/organizations/api_keys/${first.id}`, {}, { name: "renamed", status: "inactive" }],
          ["GET", `/v1/organizations/api_keys/${first.id}`, {}, undefined]
        ])
      })
    )
  })

  it.effect("rate limits: pages by next_page with limit; filters; a workspace's inherited values", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const all = yield* collect(RateLimits.list())
        const paged = yield* collect(RateLimits.listPages({ limit: 1 }))
        expect(paged.flatMap((p) => p.data)).toEqual(all)
        expect(paged.length).toBe(all.length)
        const log = requests(api, RateLimits.PATH)
        expect(log[1]?.query).toEqual({ limit: "1" })
        expect(log.slice(2).map((e) => e.query["page"])).toEqual(paged.slice(0, -1).map((p) => p.nextPage))
        const models = yield* collect(RateLimits.list({ groupType: "model_group" }))
        expect(models.every((e) => RateLimits.groupTypeOf(e) === "model_group" && e.models !== null)).toBe(
          true
        )
        const overrides = yield* collect(RateLimits.workspaceList("wrkspc_01afake"))
        const inherited = yield* collect(
          RateLimits.workspaceList("wrkspc_01afake", { includeInherited: true })
        )
        expect(overrides.flatMap((e) => e.limits).every((l) => l.source?.type === "workspace")).toBe(true)
        expect(inherited.flatMap((e) => e.limits).some((l) => l.source?.type === "organization")).toBe(true)
        expect(
          requests(api, "/v1/organizations/workspaces/wrkspc_01afake/rate_limits").map((e) => e.query)
        ).toEqual([{}, { include_inherited: "true" }])
      })
    )
  })
})

describe("validation and the pagination contract", () => {
  it.effect("bad parameters are named before anything is sent", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        const field = (e: { readonly _tag: string }) =>
          e._tag === "InvalidParameterError" ? (e as unknown as { field: string }).field : e._tag
        expect(field(yield* Effect.flip(Stream.runDrain(Users.list({ afterId: "a", beforeId: "b" }))))).toBe(
          "beforeId"
        )
        expect(field(yield* Effect.flip(Stream.runDrain(Workspaces.list({ limit: 0 }))))).toBe("limit")
        expect(field(yield* Effect.flip(Users.get("")))).toBe("userId")
        expect(field(yield* Effect.flip(WorkspaceMembers.get("wrkspc_01afake", " ")))).toBe("userId")
        expect(field(yield* Effect.flip(Invites.create({ email: "", role: "user" })))).toBe("email")
        expect(field(yield* Effect.flip(Workspaces.create({ name: "" })))).toBe("name")
        expect(field(yield* Effect.flip(Stream.runDrain(RateLimits.list({ limit: 1001 }))))).toBe("limit")
        expect(api.log).toHaveLength(0)
      })
    )
  })

  it.effect("ids are percent-encoded into the path", () => {
    const { api, layer } = fake()
    return withFake(
      layer,
      Effect.gen(function* () {
        yield* Effect.flip(Users.get("user/../x"))
        expect(api.log[0]?.path).toBe("/v1/organizations/users/user%2F..%2Fx")
      })
    )
  })

  it.effect("has_more without last_id, and a repeated id, fail with PaginationContractError", () => {
    const page = (ids: ReadonlyArray<string>, hasMore: boolean, last: string | null) => ({
      status: 200,
      body: {
        data: ids.map((id) => ({
          id,
          type: "user",
          email: `${id}@x.io`,
          name: id,
          role: "user",
          added_at: "2026-01-01T00:00:00Z"
        })),
        has_more: hasMore,
        first_id: ids[0] ?? null,
        last_id: last
      }
    })
    const missing = stub(() => page(["user_a"], true, null))
    const repeated = stub((_, i) => page([`user_${i}`], true, "user_0"))
    return Effect.gen(function* () {
      const a = yield* Effect.flip(
        Stream.runDrain(Users.list()).pipe(Effect.provide(layerFor(missing.client)))
      )
      expect(a._tag).toBe("PaginationContractError")
      expect(a.message).toContain("last_id is empty")
      const b = yield* Effect.flip(
        Stream.runDrain(Users.list()).pipe(Effect.provide(layerFor(repeated.client)))
      )
      expect(b._tag).toBe("PaginationContractError")
      expect(repeated.seen).toHaveLength(2)
    })
  })
})

describe("mutations are retried only when the status proves nothing happened", () => {
  const invite = { email: "retry@example.com", role: "user" } as const

  it.effect(
    "a 500 on POST is returned at once (the invite may exist); the same 500 on GET is retried",
    () => {
      const { api, layer } = fake({
        faults: {
          script: [{ fault: { kind: "internal-error" } as FakeFault.Fault, path: /invites/, count: 1 }]
        }
      })
      const get = fake({
        faults: {
          script: [{ fault: { kind: "internal-error" } as FakeFault.Fault, path: /invites/, count: 1 }]
        }
      })
      return Effect.gen(function* () {
        const error = yield* Effect.flip(withFake(layer, Invites.create(invite)))
        expect(error._tag).toBe("ServerError")
        expect(api.log.map((e) => e.status)).toEqual([500])
        yield* runClocked(withFake(get.layer, Stream.runDrain(Invites.list())))
        expect(get.api.log.map((e) => e.status)).toEqual([500, 200])
      })
    }
  )

  it.effect("a 429 with Retry-After on POST is retried after the wait", () => {
    const { api } = fake({
      faults: { script: [{ fault: FakeFault.rateLimited({ seconds: 3 }), path: /invites/, count: 1 }] }
    })
    return Effect.gen(function* () {
      const waits: Array<number> = []
      const retrying = AdminApiClient.layer({
        apiKey: Redacted.make(KEY),
        retry: { jitter: 0 },
        onRetry: (event) => Effect.sync(() => void waits.push(Duration.toMillis(event.delay)))
      }).pipe(Layer.provide(FakeHttpClient.layer(api)))
      const created = yield* runClocked(withFake(retrying, Invites.create(invite)))
      expect(created.email).toBe(invite.email)
      expect(api.log.map((e) => e.status)).toEqual([429, 200])
      expect(waits).toEqual([3000])
    })
  })

  it.effect("a timed-out DELETE is not sent again", () => {
    const { api, layer } = fake(
      {
        faults: { script: [{ fault: FakeFault.latency(60_000), path: /users/, count: 1 }] },
        effectClock: true
      },
      { timeout: "5 seconds" }
    )
    return Effect.gen(function* () {
      const error = yield* runClocked(Effect.flip(withFake(layer, Users.remove("user_03fake"))))
      expect(error._tag).toBe("TimeoutError")
      expect(error._tag === "TimeoutError" && error.method).toBe("DELETE")
      expect(api.log).toHaveLength(1)
    })
  })

  it("isRetryableMutation: 429 and 529 only, and not a spend limit", () => {
    const base = { status: 429, apiMessage: "x" }
    expect(AdminApiClient.isRetryableMutation({ _tag: "RateLimitError", ...base } as never)).toBe(true)
    expect(
      AdminApiClient.isRetryableMutation({
        _tag: "RateLimitError",
        ...base,
        errorCode: "enforced_spend_limit_reached"
      } as never)
    ).toBe(false)
    expect(
      AdminApiClient.isRetryableMutation({ _tag: "OverloadedError", status: 529, apiMessage: "x" } as never)
    ).toBe(true)
    expect(
      AdminApiClient.isRetryableMutation({ _tag: "ServerError", status: 503, apiMessage: "x" } as never)
    ).toBe(false)
    expect(
      AdminApiClient.isRetryableMutation({
        _tag: "TimeoutError",
        method: "POST",
        path: "/",
        timeoutMillis: 1
      } as never)
    ).toBe(false)
    expect(
      AdminApiClient.isRetryableMutation({
        _tag: "TransportError",
        method: "POST",
        path: "/",
        reason: "x"
      } as never)
    ).toBe(false)
  })
})
