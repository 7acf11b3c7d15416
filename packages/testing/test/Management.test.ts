/**
 * The organisation-management endpoints of the fake (admin reference §6,
 * §10.10, the SDK's GA shapes): every endpoint, id-cursor paging in both
 * directions, mutations, validation and permission errors.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { FakeAdminApi, FakeFault, FakeOrganization } from "../src/index.js"
import {
  ANALYTICS_HEADERS,
  ANALYTICS_USAGE,
  analyticsRows,
  codeOf,
  type ErrorBody,
  HEADERS,
  type Params,
  send
} from "./helpers.js"

const NOW = Date.UTC(2026, 2, 15, 12)
const CLOCK = Date.UTC(2026, 2, 20, 9, 30)
const org = FakeOrganization.make({
  seed: 5,
  days: 10,
  now: NOW,
  workspaces: 4,
  keysPerWorkspace: 2,
  users: 8
})
const api = (options: Omit<FakeAdminApi.Options, "organization"> = {}) =>
  FakeAdminApi.make({ rateLimit: false, clock: () => CLOCK, ...options, organization: org })
const P = "/v1/organizations"

interface IdPage<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more: boolean
  readonly first_id: string | null
  readonly last_id: string | null
}
interface Obj {
  readonly id: string
  readonly [key: string]: unknown
}
interface Member {
  readonly type: string
  readonly user_id: string
  readonly workspace_id: string
  readonly workspace_role: string
}

const get = <A = unknown>(a: FakeAdminApi.FakeAdminApi, path: string, params: Params = []) =>
  send<A>(a, "GET", path, { params })
const post = <A = unknown>(a: FakeAdminApi.FakeAdminApi, path: string, body?: unknown, params: Params = []) =>
  send<A>(a, "POST", path, { params, ...(body === undefined ? {} : { body }) })
const del = <A = unknown>(a: FakeAdminApi.FakeAdminApi, path: string) => send<A>(a, "DELETE", path)

const expectError = (
  r: { readonly status: number; readonly json: unknown },
  status: number,
  type: string,
  code: string,
  mentions = ""
) => {
  expect(r.status).toBe(status)
  const body = r.json as ErrorBody
  expect(body.error.type).toBe(type)
  expect(body.error.details?.error_code).toBe(code)
  expect(body.error.message).toContain(mentions)
}

/** Every item of a style B list, walking forward with after_id. */
const forward = <A>(a: FakeAdminApi.FakeAdminApi, path: string, params: Params, limit: number) => {
  const out: Array<A> = []
  let after: string | null = null
  for (let i = 0; i < 1000; i++) {
    const r: { readonly json: IdPage<A>; readonly status: number } = get<IdPage<A>>(a, path, [
      ...params,
      ["limit", String(limit)],
      ...(after === null ? [] : [["after_id", after] as const])
    ])
    expect(r.status).toBe(200)
    out.push(...r.json.data)
    if (!r.json.has_more) return out
    after = r.json.last_id
  }
  throw new Error("endless")
}

/** Every item before `start`, walking backward with before_id; pages prepended. */
const backward = <A>(
  a: FakeAdminApi.FakeAdminApi,
  path: string,
  params: Params,
  limit: number,
  start: string
) => {
  const out: Array<A> = []
  let before: string | null = start
  for (let i = 0; i < 1000; i++) {
    const r: { readonly json: IdPage<A>; readonly status: number } = get<IdPage<A>>(a, path, [
      ...params,
      ["limit", String(limit)],
      ["before_id", before!]
    ])
    expect(r.status).toBe(200)
    out.unshift(...r.json.data)
    if (!r.json.has_more) return out
    before = r.json.first_id
  }
  throw new Error("endless")
}

describe("admin §6.1 organization", () => {
  it("§6.1 GET /v1/organizations/me returns the organisation's id, name and type", () => {
    const r = get(api(), `${P}/me`)
    expect(r.json).toEqual({ id: org.organizationId, type: "organization", name: "Fake Organization" })
    expectError(get(api(), `${P}/me`, [["x", "1"]]), 400, "invalid_request_error", "unknown_parameter", "x")
  })
})

describe("admin §2 style B paging (after_id/before_id, first_id/last_id, has_more)", () => {
  const lists: ReadonlyArray<readonly [string, Params, (o: Obj | Member) => string]> = [
    [`${P}/users`, [], (o) => (o as Obj).id],
    [`${P}/invites`, [], (o) => (o as Obj).id],
    [
      `${P}/workspaces`,
      [
        ["include_default", "true"],
        ["include_archived", "true"]
      ],
      (o) => (o as Obj).id
    ],
    [`${P}/api_keys`, [], (o) => (o as Obj).id],
    [`${P}/workspaces/wrkspc_00defaultfake/members`, [], (o) => (o as Member).user_id]
  ]

  it("§2 walking forward with after_id=last_id and backward with before_id=first_id gives every item once, in one order", () => {
    for (const [path, params, idOf] of lists) {
      const all = get<IdPage<Obj | Member>>(api(), path, [...params, ["limit", "1000"]]).json
      expect(all.has_more).toBe(false)
      const ids = all.data.map(idOf)
      expect(ids.length).toBeGreaterThan(2)
      expect(all.first_id).toBe(ids[0])
      expect(all.last_id).toBe(ids[ids.length - 1])
      fc.assert(
        fc.property(fc.integer({ min: 1, max: ids.length + 1 }), (limit) => {
          expect(forward<Obj | Member>(api(), path, params, limit).map(idOf)).toEqual(ids)
          // Backward from the last item: everything before it.
          expect(backward<Obj | Member>(api(), path, params, limit, ids[ids.length - 1]!).map(idOf)).toEqual(
            ids.slice(0, -1)
          )
        }),
        { numRuns: 6 }
      )
    }
  })

  it("§2 has_more speaks for the paging direction; before_id of the first item gives an empty page with null ids", () => {
    const ids = get<IdPage<Obj>>(api(), `${P}/users`).json.data.map((u) => u.id)
    const middle = get<IdPage<Obj>>(api(), `${P}/users`, [
      ["before_id", ids[3]!],
      ["limit", "2"]
    ]).json
    expect(middle.data.map((u) => u.id)).toEqual([ids[1], ids[2]])
    expect(middle.has_more).toBe(true)
    const start = get<IdPage<Obj>>(api(), `${P}/users`, [["before_id", ids[0]!]]).json
    expect(start).toEqual({ data: [], has_more: false, first_id: null, last_id: null })
    const end = get<IdPage<Obj>>(api(), `${P}/users`, [["after_id", ids[ids.length - 1]!]]).json
    expect(end).toEqual({ data: [], has_more: false, first_id: null, last_id: null })
  })

  it("§2 limit 1–1000, default 20; after_id with before_id, or an id not of the list, is a 400", () => {
    const many = FakeOrganization.make({ seed: 2, days: 2, now: NOW, users: 25 })
    const a = FakeAdminApi.make({ organization: many, rateLimit: false })
    const page = get<IdPage<Obj>>(a, `${P}/users`).json
    expect(page.data).toHaveLength(20)
    expect(page.has_more).toBe(true)
    expectError(
      get(a, `${P}/users`, [["limit", "0"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "limit"
    )
    expectError(
      get(a, `${P}/users`, [["limit", "1001"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "1 to 1000"
    )
    expectError(
      get(a, `${P}/users`, [
        ["after_id", "user_01fake"],
        ["before_id", "user_05fake"]
      ]),
      400,
      "invalid_request_error",
      "incompatible_parameters",
      "after_id and before_id"
    )
    expectError(
      get(a, `${P}/users`, [["after_id", "wrkspc_01afake"]]),
      400,
      "invalid_request_error",
      "invalid_page_cursor",
      "after_id"
    )
    expectError(
      get(a, `${P}/users`, [["before_id", "user_99nobody"]]),
      400,
      "invalid_request_error",
      "invalid_page_cursor",
      "before_id"
    )
  })

  it("§2 an id removed since it was listed still works as a cursor", () => {
    const a = api()
    const ids = get<IdPage<Obj>>(a, `${P}/users`).json.data.map((u) => u.id)
    expect(del(a, `${P}/users/${ids[2]}`).status).toBe(200)
    const after = get<IdPage<Obj>>(a, `${P}/users`, [
      ["after_id", ids[2]!],
      ["limit", "2"]
    ]).json
    expect(after.data.map((u) => u.id)).toEqual([ids[3], ids[4]])
  })
})

describe("admin §6.2 users", () => {
  it("§6.2 lists members (not former members) in joining order, with id, type, email, name, role and added_at", () => {
    const users = get<IdPage<Obj>>(api(), `${P}/users`).json.data
    expect(users.map((u) => u.id)).toEqual(org.users.filter((u) => u.member).map((u) => u.id))
    expect(users[0]).toEqual({
      id: "user_01fake",
      type: "user",
      email: "ada@example.com",
      name: "Ada Lovelace",
      role: "admin",
      added_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
    })
  })

  it("§6.2 filters by email (exact, case-insensitive) and roles[] (OR'ed); unknown or Enterprise roles are a 400", () => {
    expect(
      get<IdPage<Obj>>(api(), `${P}/users`, [["email", "GRACE@example.com"]]).json.data.map((u) => u.id)
    ).toEqual(["user_02fake"])
    expect(get<IdPage<Obj>>(api(), `${P}/users`, [["email", "nobody@example.com"]]).json.data).toEqual([])
    const roles = get<IdPage<Obj>>(api(), `${P}/users`, [
      ["roles[]", "admin"],
      ["roles[]", "billing"]
    ]).json.data
    expect(new Set(roles.map((u) => u.role))).toEqual(new Set(["admin", "billing"]))
    expectError(
      get(api(), `${P}/users`, [["roles[]", "owner"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "roles[]"
    )
    expectError(
      get(api(), `${P}/users`, [["roles", "admin"]]),
      400,
      "invalid_request_error",
      "bracket_form_required",
      "roles[]"
    )
    expectError(
      get(api(), `${P}/users`, [["role", "admin"]]),
      400,
      "invalid_request_error",
      "unknown_parameter",
      "role"
    )
  })

  it("§6.2 gets a user; a former member or an unknown id is 404 not_found", () => {
    expect(get<Obj>(api(), `${P}/users/user_02fake`).json).toMatchObject({
      id: "user_02fake",
      email: "grace@example.com"
    })
    const former = org.users.find((u) => !u.member)!
    expectError(get(api(), `${P}/users/${former.id}`), 404, "not_found_error", "not_found", former.id)
    expectError(get(api(), `${P}/users/user_99nobody`), 404, "not_found_error", "not_found", "user_99nobody")
  })

  it("§6.2 updates a role (user, developer, billing, claude_code_user); later reads show it; admin and Enterprise roles are refused", () => {
    const a = api()
    expect(post<Obj>(a, `${P}/users/user_02fake`, { role: "billing" }).json).toMatchObject({
      id: "user_02fake",
      role: "billing"
    })
    expect(get<Obj>(a, `${P}/users/user_02fake`).json["role"]).toBe("billing")
    expect(get<IdPage<Obj>>(a, `${P}/users`, [["roles[]", "billing"]]).json.data.map((u) => u.id)).toContain(
      "user_02fake"
    )
    // Another instance over the same organisation is untouched.
    expect(get<Obj>(api(), `${P}/users/user_02fake`).json["role"]).toBe("developer")
    expectError(
      post(a, `${P}/users/user_02fake`, { role: "admin" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "admin cannot be assigned"
    )
    expectError(
      post(a, `${P}/users/user_02fake`, { role: "managed" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "Enterprise"
    )
    expectError(
      post(a, `${P}/users/user_02fake`, {}),
      400,
      "invalid_request_error",
      "missing_required_parameter",
      "role"
    )
    expectError(
      post(a, `${P}/users/user_02fake`, { role: "user", name: "x" }),
      400,
      "invalid_request_error",
      "invalid_request_body",
      "name"
    )
    expectError(
      post(a, `${P}/users/user_02fake`),
      400,
      "invalid_request_error",
      "invalid_request_body",
      "body"
    )
    expectError(post(a, `${P}/users/user_99nobody`, { role: "user" }), 404, "not_found_error", "not_found")
  })

  it("§6.2 removes a member ({id, type: user_deleted}); the user leaves lists, gets and workspaces; admins cannot be removed", () => {
    const a = api()
    expect(del(a, `${P}/users/user_03fake`).json).toEqual({ id: "user_03fake", type: "user_deleted" })
    expect(get<IdPage<Obj>>(a, `${P}/users`).json.data.map((u) => u.id)).not.toContain("user_03fake")
    expect(get(a, `${P}/users/user_03fake`).status).toBe(404)
    for (const w of get<IdPage<Obj>>(a, `${P}/workspaces`, [["include_default", "true"]]).json.data) {
      const members = get<IdPage<Member>>(a, `${P}/workspaces/${w.id}/members`).json.data
      expect(members.map((m) => m.user_id)).not.toContain("user_03fake")
    }
    expect(del(a, `${P}/users/user_03fake`).status).toBe(404)
    expectError(
      del(a, `${P}/users/user_01fake`),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "admins"
    )
  })
})

describe("admin §6.3 invites", () => {
  it("§6.3 lists pending, accepted and expired invites with the SDK's fields; filters email, roles[] and statuses[]", () => {
    const list = get<IdPage<Obj>>(api(), `${P}/invites`).json.data
    expect(list.map((i) => i["status"])).toEqual(["pending", "accepted", "expired"])
    expect(Object.keys(list[0]!).sort()).toEqual(
      [
        "accepted_at",
        "email",
        "expires_at",
        "id",
        "invited_at",
        "rbac_group_ids",
        "role",
        "status",
        "type"
      ].sort()
    )
    expect(list[1]!["accepted_at"]).toMatch(/Z$/)
    expect(
      get<IdPage<Obj>>(api(), `${P}/invites`, [
        ["statuses[]", "pending"],
        ["statuses[]", "expired"]
      ]).json.data.map((i) => i["status"])
    ).toEqual(["pending", "expired"])
    expect(
      get<IdPage<Obj>>(api(), `${P}/invites`, [["email", "Pending.Hire@example.com"]]).json.data
    ).toHaveLength(1)
    expect(
      get<IdPage<Obj>>(api(), `${P}/invites`, [["roles[]", "user"]]).json.data.map((i) => i["role"])
    ).toEqual(["user"])
    expectError(
      get(api(), `${P}/invites`, [["statuses[]", "deleted"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "statuses[]"
    )
  })

  it("§6.3 creates a pending invite expiring after 21 days; it is listed last and readable; duplicates are 409", () => {
    const a = api()
    const created = post<Obj>(a, `${P}/invites`, {
      email: "new.person@example.com",
      role: "claude_code_user"
    })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({
      type: "invite",
      email: "new.person@example.com",
      role: "claude_code_user",
      status: "pending",
      invited_at: "2026-03-20T09:30:00.000000Z",
      expires_at: "2026-04-10T09:30:00.000000Z",
      accepted_at: null,
      rbac_group_ids: []
    })
    expect(created.json.id).toMatch(/^invite_/)
    const list = get<IdPage<Obj>>(a, `${P}/invites`).json
    expect(list.last_id).toBe(created.json.id)
    expect(get(a, `${P}/invites/${created.json.id}`).json).toEqual(created.json)
    expectError(
      post(a, `${P}/invites`, { email: "NEW.person@example.com", role: "user" }),
      409,
      "conflict_error",
      "already_exists",
      "pending invite"
    )
    expectError(
      post(a, `${P}/invites`, { email: "ada@example.com", role: "user" }),
      409,
      "conflict_error",
      "already_exists",
      "member"
    )
    expectError(
      post(a, `${P}/invites`, { email: "not-an-email", role: "user" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "email"
    )
    expectError(
      post(a, `${P}/invites`, { email: "x@example.com", role: "admin" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "admin"
    )
    expectError(
      post(a, `${P}/invites`, { email: "x@example.com" }),
      400,
      "invalid_request_error",
      "missing_required_parameter",
      "role"
    )
    expectError(
      post(a, `${P}/invites`, { email: "x@example.com", role: "user", rbac_group_ids: ["rbac_group_1"] }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "rbac_group_ids"
    )
    expect(post(a, `${P}/invites`, { email: "y@example.com", role: "user", rbac_group_ids: [] }).status).toBe(
      200
    )
  })

  it("§6.3 deletes a pending invite ({id, type: invite_deleted}); it reads as deleted and leaves the list; others cannot be deleted", () => {
    const a = api()
    expect(del(a, `${P}/invites/invite_01fake`).json).toEqual({ id: "invite_01fake", type: "invite_deleted" })
    expect(get<Obj>(a, `${P}/invites/invite_01fake`).json["status"]).toBe("deleted")
    expect(get<IdPage<Obj>>(a, `${P}/invites`).json.data.map((i) => i.id)).not.toContain("invite_01fake")
    expectError(
      del(a, `${P}/invites/invite_01fake`),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "pending"
    )
    expectError(
      del(a, `${P}/invites/invite_02fake`),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "accepted"
    )
    expectError(get(a, `${P}/invites/invite_99nobody`), 404, "not_found_error", "not_found")
  })
})

describe("admin §6.4 workspaces", () => {
  it("§6.4 lists named active workspaces; include_default adds the Default Workspace (tagged id); include_archived the archived", () => {
    const a = api()
    const ids = (params: Params) => get<IdPage<Obj>>(a, `${P}/workspaces`, params).json.data.map((w) => w.id)
    const named = org.workspaces.filter((w) => w.id !== null).map((w) => w.taggedId)
    expect(ids([])).toEqual(named)
    expect(ids([["include_default", "true"]])).toEqual([FakeOrganization.DEFAULT_WORKSPACE_ID, ...named])
    expect(post(a, `${P}/workspaces/${named[1]}/archive`).status).toBe(200)
    expect(ids([])).toEqual(named.filter((_, i) => i !== 1))
    expect(ids([["include_archived", "true"]])).toEqual(named)
    expectError(
      get(a, `${P}/workspaces`, [["include_archived", "yes"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "include_archived"
    )
  })

  it("§6.4 a workspace carries the GA fields; GET works for the Default Workspace's tagged id; unknown ids are 404", () => {
    const w = get<Obj>(api(), `${P}/workspaces/wrkspc_01afake`).json
    expect(w).toEqual({
      id: "wrkspc_01afake",
      type: "workspace",
      name: "Workspace 1",
      created_at: expect.stringMatching(/Z$/),
      archived_at: null,
      display_color: expect.stringMatching(/^#[0-9A-F]{6}$/),
      data_residency: {
        workspace_geo: "us",
        default_inference_geo: expect.stringMatching(/^(global|us)$/),
        allowed_inference_geos: "unrestricted"
      },
      tags: { team: "platform" },
      compartment_id: expect.stringMatching(/^compartment_/),
      external_key_id: null
    })
    expect(get<Obj>(api(), `${P}/workspaces/${FakeOrganization.DEFAULT_WORKSPACE_ID}`).json["name"]).toBe(
      "Default Workspace"
    )
    expectError(get(api(), `${P}/workspaces/wrkspc_nope`), 404, "not_found_error", "not_found")
  })

  it("§6.4 creates a workspace (defaults for data residency), listed after the others; validates every field", () => {
    const a = api()
    const created = post<Obj>(a, `${P}/workspaces`, { name: "Research", tags: { team: "research" } })
    expect(created.json).toMatchObject({
      name: "Research",
      created_at: "2026-03-20T09:30:00.000000Z",
      archived_at: null,
      tags: { team: "research" },
      data_residency: {
        workspace_geo: "us",
        default_inference_geo: "global",
        allowed_inference_geos: "unrestricted"
      }
    })
    expect(get<IdPage<Obj>>(a, `${P}/workspaces`).json.last_id).toBe(created.json.id)
    // Org admins are workspace admins of a new workspace.
    expect(get<IdPage<Member>>(a, `${P}/workspaces/${created.json.id}/members`).json.data).toContainEqual(
      expect.objectContaining({ user_id: "user_01fake", workspace_role: "workspace_admin" })
    )
    const geo = post<Obj>(a, `${P}/workspaces`, {
      name: "EU-free",
      data_residency: { allowed_inference_geos: ["us"], default_inference_geo: "us" },
      display_color: "#112233"
    })
    expect(geo.json).toMatchObject({
      display_color: "#112233",
      data_residency: { allowed_inference_geos: ["us"], default_inference_geo: "us" }
    })
    const bad: ReadonlyArray<readonly [unknown, string, string]> = [
      [{}, "missing_required_parameter", "name"],
      [{ name: "" }, "invalid_parameter_value", "name"],
      [{ name: "x".repeat(41) }, "invalid_parameter_value", "40"],
      [{ name: "x", tags: { anthropic_team: "a" } }, "invalid_parameter_value", "anthropic"],
      [{ name: "x", tags: { team: 1 } }, "invalid_parameter_value", "tags.team"],
      [{ name: "x", data_residency: { workspace_geo: "eu" } }, "invalid_parameter_value", "workspace_geo"],
      [
        { name: "x", data_residency: { allowed_inference_geos: ["us"], default_inference_geo: "global" } },
        "invalid_parameter_value",
        "allowed_inference_geos"
      ],
      [{ name: "x", display_color: "red" }, "invalid_parameter_value", "display_color"],
      [{ name: "x", external_key_id: "ekey_1" }, "operation_not_allowed", "external_key_id"],
      [{ name: "x", color: "#112233" }, "invalid_request_body", "color"]
    ]
    for (const [body, code, mentions] of bad) {
      expectError(post(a, `${P}/workspaces`, body), 400, "invalid_request_error", code, mentions)
    }
  })

  it("§6.4 updates name, tags (null deletes a tag), color and allowed geos; workspace_geo is immutable; the Default Workspace cannot be edited", () => {
    const a = api()
    const updated = post<Obj>(a, `${P}/workspaces/wrkspc_01afake`, {
      name: "Platform",
      tags: { team: null, cost_center: "42" }
    })
    expect(updated.json).toMatchObject({ name: "Platform", tags: { cost_center: "42" } })
    expect(get<Obj>(a, `${P}/workspaces/wrkspc_01afake`).json["name"]).toBe("Platform")
    expect(
      get<IdPage<Obj>>(a, `${P}/workspaces`).json.data.find((w) => w.id === "wrkspc_01afake")?.["name"]
    ).toBe("Platform")
    expectError(
      post(a, `${P}/workspaces/wrkspc_01afake`, { data_residency: { workspace_geo: "us" } }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "workspace_geo"
    )
    expectError(
      post(a, `${P}/workspaces/${FakeOrganization.DEFAULT_WORKSPACE_ID}`, { name: "x" }),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "Default Workspace"
    )
    expectError(post(a, `${P}/workspaces/wrkspc_nope`, { name: "x" }), 404, "not_found_error", "not_found")
  })

  it("§6.4 archives a workspace (archived_at set, once); archived and default workspaces cannot be archived or edited", () => {
    const a = api()
    const archived = post<Obj>(a, `${P}/workspaces/wrkspc_02bfake/archive`)
    expect(archived.json["archived_at"]).toBe("2026-03-20T09:30:00.000000Z")
    expectError(
      post(a, `${P}/workspaces/wrkspc_02bfake/archive`),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "already archived"
    )
    expectError(
      post(a, `${P}/workspaces/wrkspc_02bfake`, { name: "x" }),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "archived"
    )
    expectError(
      post(a, `${P}/workspaces/${FakeOrganization.DEFAULT_WORKSPACE_ID}/archive`),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "Default Workspace"
    )
  })

  it("§6.4 at most 100 workspaces, archived ones not counted", () => {
    const a = api()
    for (let i = 0; i < 96; i++) expect(post(a, `${P}/workspaces`, { name: `W${i}` }).status).toBe(200)
    expectError(
      post(a, `${P}/workspaces`, { name: "one too many" }),
      400,
      "invalid_request_error",
      "workspace_limit_reached",
      "100"
    )
    expect(post(a, `${P}/workspaces/wrkspc_01afake/archive`).status).toBe(200)
    expect(post(a, `${P}/workspaces`, { name: "fits again" }).status).toBe(200)
  })
})

describe("admin §6.5 workspace members", () => {
  it("§6.5 lists members: org admins are workspace admins, billing members workspace billing; get one; 404s", () => {
    const members = get<IdPage<Member>>(api(), `${P}/workspaces/wrkspc_01afake/members`).json.data
    expect(members).toContainEqual({
      type: "workspace_member",
      user_id: "user_01fake",
      workspace_id: "wrkspc_01afake",
      workspace_role: "workspace_admin"
    })
    const billing = org.users.find((u) => u.member && u.role === "billing")!
    expect(members).toContainEqual(
      expect.objectContaining({ user_id: billing.id, workspace_role: "workspace_billing" })
    )
    expect(get<Member>(api(), `${P}/workspaces/wrkspc_01afake/members/user_01fake`).json.workspace_role).toBe(
      "workspace_admin"
    )
    const outsider = org.users.find((u) => u.member && !members.some((m) => m.user_id === u.id))!
    expectError(
      get(api(), `${P}/workspaces/wrkspc_01afake/members/${outsider.id}`),
      404,
      "not_found_error",
      "not_found"
    )
    expectError(get(api(), `${P}/workspaces/wrkspc_nope/members`), 404, "not_found_error", "not_found")
  })

  it("§6.5 adds (not workspace_billing), updates (any role) and removes members; later reads follow", () => {
    const a = api()
    const members = get<IdPage<Member>>(a, `${P}/workspaces/wrkspc_01afake/members`).json.data
    const outsider = org.users.find((u) => u.member && !members.some((m) => m.user_id === u.id))!
    const path = `${P}/workspaces/wrkspc_01afake/members`
    expectError(
      post(a, path, { user_id: outsider.id, workspace_role: "workspace_billing" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "workspace_billing"
    )
    expectError(
      post(a, path, { user_id: outsider.id, workspace_role: "admin" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "workspace_role"
    )
    expectError(
      post(a, path, { user_id: "user_99nobody", workspace_role: "workspace_user" }),
      404,
      "not_found_error",
      "not_found"
    )
    expect(
      post<Member>(a, path, { user_id: outsider.id, workspace_role: "workspace_developer" }).json
    ).toEqual({
      type: "workspace_member",
      user_id: outsider.id,
      workspace_id: "wrkspc_01afake",
      workspace_role: "workspace_developer"
    })
    expectError(
      post(a, path, { user_id: outsider.id, workspace_role: "workspace_user" }),
      409,
      "conflict_error",
      "already_exists"
    )
    expect(
      post<Member>(a, `${path}/${outsider.id}`, { workspace_role: "workspace_billing" }).json.workspace_role
    ).toBe("workspace_billing")
    expect(get<Member>(a, `${path}/${outsider.id}`).json.workspace_role).toBe("workspace_billing")
    expect(del(a, `${path}/${outsider.id}`).json).toEqual({
      type: "workspace_member_deleted",
      user_id: outsider.id,
      workspace_id: "wrkspc_01afake"
    })
    expect(get(a, `${path}/${outsider.id}`).status).toBe(404)
    expectError(
      del(a, `${path}/user_01fake`),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "admins"
    )
  })
})

describe("admin §6.6 / §10.10 API keys", () => {
  it("§10.10 keys carry scope and principal, no top-level workspace_id; the Default Workspace's keys have its real id", () => {
    const keys = get<IdPage<Obj>>(api(), `${P}/api_keys`).json.data
    expect(keys.map((k) => k.id)).toEqual(org.apiKeys.map((k) => k.id))
    for (const k of keys) {
      expect(k).not.toHaveProperty("workspace_id")
      expect(Object.keys(k).sort()).toEqual(
        [
          "created_at",
          "created_by",
          "expires_at",
          "id",
          "name",
          "partial_key_hint",
          "principal",
          "scope",
          "status",
          "type"
        ].sort()
      )
    }
    expect(keys[0]).toMatchObject({
      scope: { type: "workspace", workspace_id: FakeOrganization.DEFAULT_WORKSPACE_ID },
      created_by: null,
      principal: null
    })
    expect(keys.some((k) => (k["principal"] as { type?: string } | null)?.type === "user_actor")).toBe(true)
    expect(keys.map((k) => k["status"])).toContain("inactive")
  })

  it("§6.6 filters by status, workspace_id (tagged) and created_by_user_id", () => {
    const ids = (params: Params) =>
      get<IdPage<Obj>>(api(), `${P}/api_keys`, params).json.data.map((k) => k.id)
    expect(ids([["status", "inactive"]])).toEqual(
      org.apiKeys.filter((k) => k.status === "inactive").map((k) => k.id)
    )
    expect(ids([["workspace_id", FakeOrganization.DEFAULT_WORKSPACE_ID]])).toEqual(
      org.apiKeys.filter((k) => k.workspaceId === null).map((k) => k.id)
    )
    expect(ids([["created_by_user_id", "user_01fake"]])).toEqual(
      org.apiKeys.filter((k) => k.createdBy === "user_01fake").map((k) => k.id)
    )
    expect(ids([["status", "expired"]])).toEqual([])
    expectError(
      get(api(), `${P}/api_keys`, [["status", "revoked"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "status"
    )
  })

  it("§6.6 gets and updates name and status; archiving is final", () => {
    const a = api()
    expect(get<Obj>(a, `${P}/api_keys/apikey_02fake`).json.id).toBe("apikey_02fake")
    expect(post<Obj>(a, `${P}/api_keys/apikey_02fake`, { name: "renamed" }).json["name"]).toBe("renamed")
    expect(
      get<IdPage<Obj>>(a, `${P}/api_keys`).json.data.find((k) => k.id === "apikey_02fake")?.["name"]
    ).toBe("renamed")
    expect(post<Obj>(a, `${P}/api_keys/apikey_02fake`, { status: "inactive" }).json["status"]).toBe(
      "inactive"
    )
    expect(
      post<Obj>(a, `${P}/api_keys/apikey_02fake`, { status: "archived", name: null }).json
    ).toMatchObject({ status: "archived", name: "renamed" })
    expectError(
      post(a, `${P}/api_keys/apikey_02fake`, { status: "active" }),
      400,
      "invalid_request_error",
      "operation_not_allowed",
      "archived"
    )
    expectError(
      post(a, `${P}/api_keys/apikey_03fake`, { status: "expired" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "status"
    )
    expectError(
      post(a, `${P}/api_keys/apikey_03fake`, { name: "" }),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "name"
    )
    expectError(
      post(a, `${P}/api_keys/apikey_03fake`, { workspace_id: "wrkspc_01afake" }),
      400,
      "invalid_request_error",
      "invalid_request_body",
      "workspace_id"
    )
    expectError(get(a, `${P}/api_keys/apikey_nope`), 404, "not_found_error", "not_found")
    expectError(
      send(a, "DELETE", `${P}/api_keys/apikey_03fake`),
      405,
      "invalid_request_error",
      "method_not_allowed",
      "GET or POST"
    )
  })
})

describe("admin §6.7 / §10.10 rate limits", () => {
  interface RateLimit {
    readonly id: string
    readonly type: string
    readonly group: { readonly id: string; readonly type: string; readonly display_name?: string }
    readonly models: ReadonlyArray<string> | null
    readonly limits: ReadonlyArray<{ readonly type: string; readonly value: number }>
  }
  interface WorkspaceLimit {
    readonly rate_limit_id: string
    readonly workspace_id: string
    readonly group: { readonly type: string }
    readonly limits: ReadonlyArray<{
      readonly type: string
      readonly value: number
      readonly org_limit: number | null
      readonly source: { readonly type: string }
    }>
  }
  interface CursorPage<A> {
    readonly data: ReadonlyArray<A>
    readonly next_page: string | null
  }

  it("§6.7 lists every group in one page without limit: model groups with their models, other groups with models null", () => {
    const page = get<CursorPage<RateLimit>>(api(), `${P}/rate_limits`).json
    expect(page.next_page).toBeNull()
    const types = page.data.map((r) => r.group.type)
    expect(new Set(types)).toEqual(
      new Set(["model_group", "batch", "token_count", "files", "skills", "web_search"])
    )
    for (const r of page.data) {
      expect(r.type).toBe("rate_limit")
      expect(r).not.toHaveProperty("group_type")
      if (r.group.type === "model_group") {
        expect(r.group.display_name).toMatch(/^Claude .+ \d+\.x$/)
        expect(r.models!.length).toBeGreaterThan(0)
      } else expect(r.models).toBeNull()
    }
    expect(page.data.flatMap((r) => r.models ?? []).sort()).toEqual([...org.models].sort())
  })

  it("§6.7 filters by group_type and model (404 if no group has it); limit pages with next_page", () => {
    const a = api()
    expect(
      get<CursorPage<RateLimit>>(a, `${P}/rate_limits`, [["group_type", "batch"]]).json.data.map(
        (r) => r.group.type
      )
    ).toEqual(["batch"])
    const opus = get<CursorPage<RateLimit>>(a, `${P}/rate_limits`, [["model", "claude-opus-4-6"]]).json.data
    expect(opus).toHaveLength(1)
    expect(opus[0]!.models).toContain("claude-opus-4-6")
    expectError(
      get(a, `${P}/rate_limits`, [["model", "claude-nope-1"]]),
      404,
      "not_found_error",
      "not_found",
      "claude-nope-1"
    )
    expectError(
      get(a, `${P}/rate_limits`, [["group_type", "images"]]),
      400,
      "invalid_request_error",
      "invalid_parameter_value",
      "group_type"
    )
    const all = get<CursorPage<RateLimit>>(a, `${P}/rate_limits`).json.data
    const paged: Array<RateLimit> = []
    let page: string | null = null
    do {
      const r: CursorPage<RateLimit> = get<CursorPage<RateLimit>>(a, `${P}/rate_limits`, [
        ["limit", "2"],
        ...(page === null ? [] : [["page", page] as const])
      ]).json
      expect(r.data.length).toBeLessThanOrEqual(2)
      paged.push(...r.data)
      page = r.next_page
    } while (page !== null)
    expect(paged).toEqual(all)
    expectError(
      get(a, `${P}/rate_limits`, [["page", "page_x"]]),
      400,
      "invalid_request_error",
      "invalid_page_cursor",
      "page"
    )
  })

  it("§10.10 a workspace lists only its overrides by default; include_inherited lists every group with each value's source", () => {
    const a = api()
    const org_ = get<CursorPage<RateLimit>>(a, `${P}/rate_limits`).json.data
    const own = get<CursorPage<WorkspaceLimit>>(a, `${P}/workspaces/wrkspc_01afake/rate_limits`).json.data
    expect(own.length).toBeGreaterThan(0)
    for (const e of own) {
      expect(e.workspace_id).toBe("wrkspc_01afake")
      for (const l of e.limits) {
        expect(l.source).toEqual({ type: "workspace" })
        expect(l.org_limit).toBe(
          org_.find((r) => r.id === e.rate_limit_id)!.limits.find((x) => x.type === l.type)!.value
        )
      }
    }
    const all = get<CursorPage<WorkspaceLimit>>(a, `${P}/workspaces/wrkspc_01afake/rate_limits`, [
      ["include_inherited", "true"]
    ]).json.data
    expect(all.map((e) => e.rate_limit_id)).toEqual(org_.map((r) => r.id))
    for (const e of all) {
      for (const l of e.limits) {
        if (l.source.type === "organization") expect(l.value).toBe(l.org_limit)
      }
    }
    expect(all.flatMap((e) => e.limits).filter((l) => l.source.type === "workspace")).toEqual(
      own.flatMap((e) => e.limits)
    )
    // The Default Workspace cannot have overrides.
    expect(
      get<CursorPage<WorkspaceLimit>>(
        a,
        `${P}/workspaces/${FakeOrganization.DEFAULT_WORKSPACE_ID}/rate_limits`
      ).json
    ).toEqual({ data: [], next_page: null })
    expectError(get(a, `${P}/workspaces/wrkspc_nope/rate_limits`), 404, "not_found_error", "not_found")
    expectError(
      get(a, `${P}/workspaces/wrkspc_01afake/rate_limits`, [["model", "claude-opus-4-6"]]),
      400,
      "invalid_request_error",
      "unknown_parameter",
      "model"
    )
  })
})

describe("management errors, permissions and transports", () => {
  it("answers 405 for a method a path does not take and 404 for an unknown path", () => {
    expectError(
      send(api(), "DELETE", `${P}/workspaces/wrkspc_01afake`),
      405,
      "invalid_request_error",
      "method_not_allowed"
    )
    expectError(
      send(api(), "POST", `${P}/users`, { body: {} }),
      405,
      "invalid_request_error",
      "method_not_allowed"
    )
    expectError(get(api(), `${P}/service_accounts`), 404, "not_found_error", "not_found")
  })

  it("refuses a body that is not JSON, not an object, or not sent as application/json", () => {
    const raw = (body: string, contentType = "application/json") =>
      FakeAdminApi.make({ organization: org }).handle({
        method: "POST",
        url: `${P}/workspaces`,
        headers: { ...HEADERS, "content-type": contentType },
        body
      })
    for (const [body, contentType, mentions] of [
      ["{name:", "application/json", "not valid JSON"],
      ['["x"]', "application/json", "JSON object"],
      ['{"name":"x"}', "text/plain", "application/json"]
    ] as const) {
      const r = raw(body, contentType)
      expect(r.status).toBe(400)
      expect(JSON.parse(r.body).error.details.error_code).toBe("invalid_request_body")
      expect(JSON.parse(r.body).error.message).toContain(mentions)
    }
    expect(raw('{"name":"ok"}', "application/json; charset=utf-8").status).toBe(200)
  })

  it("deny: a key without permission to list API keys gets 403 permission_error there, and only there", () => {
    const a = api({ deny: ["api_keys"] })
    const r = get(a, `${P}/api_keys`)
    expectError(r, 403, "permission_error", "permission_denied", "api_keys")
    expect(get(a, `${P}/api_keys/apikey_01fake`).status).toBe(403)
    expect(get(a, `${P}/workspaces`).status).toBe(200)
    expect(get(a, `${P}/users`).status).toBe(200)
  })

  it("the permission-denied fault answers 403 once on the scripted path, then the list", () => {
    const a = api({ faults: { script: [{ fault: FakeFault.permissionDenied(), path: `${P}/api_keys` }] } })
    expect(codeOf(get(a, `${P}/api_keys`))).toBe("permission_denied")
    expect(get(a, `${P}/api_keys`).status).toBe(200)
    expect(a.log.map((e) => e.fault?.kind ?? null)).toEqual(["permission-denied", null])
  })

  it("names for ids: every api_key_id, workspace_id and member user_id analytics reports can be named from one listing each", () => {
    const a = api()
    const rows = analyticsRows<{ group: Record<string, unknown> }>(
      a,
      ANALYTICS_USAGE,
      [
        ["starting_at", "2026-03-08T00:00:00Z"],
        ["ending_at", "2026-03-12T00:00:00Z"],
        ["group_by[]", "api_key_id"],
        ["group_by[]", "workspace_id"],
        ["group_by[]", "actor"],
        ["limit", "1000"]
      ],
      ANALYTICS_HEADERS
    )
    const keys = new Map(
      get<IdPage<Obj>>(a, `${P}/api_keys`, [["limit", "1000"]]).json.data.map((k) => [k.id, k["name"]])
    )
    const workspaces = new Map(
      get<IdPage<Obj>>(a, `${P}/workspaces`, [
        ["include_default", "true"],
        ["include_archived", "true"],
        ["limit", "1000"]
      ]).json.data.map((w) => [w.id, w["name"]])
    )
    const users = new Map(
      get<IdPage<Obj>>(a, `${P}/users`, [["limit", "1000"]]).json.data.map((u) => [u.id, u["email"]])
    )
    for (const r of rows) {
      const key = r.group["api_key_id"] as string | null
      if (key !== null) expect(keys.get(key)).toEqual(expect.any(String))
      expect(workspaces.get(r.group["workspace_id"] as string)).toEqual(expect.any(String))
      const actor = r.group["actor"] as { type: string; user_id?: string; deleted?: boolean }
      if (actor.type === "user_actor" && actor.deleted !== true) {
        expect(users.get(actor.user_id!)).toEqual(expect.any(String))
      }
    }
    expect(workspaces.get(FakeOrganization.DEFAULT_WORKSPACE_ID)).toBe("Default Workspace")
    expect(a.log.filter((e) => e.path === `${P}/api_keys`)).toHaveLength(1)
  })

  it("§8.2 management requests are not rate limited by default; rateLimit.management counts them in the report window", () => {
    const free = FakeAdminApi.make({
      organization: org,
      clock: () => CLOCK,
      rateLimit: { requestsPerMinute: 1 }
    })
    expect([1, 2, 3].map(() => get(free, `${P}/users`).status)).toEqual([200, 200, 200])
    const counted = FakeAdminApi.make({
      organization: org,
      clock: () => CLOCK,
      rateLimit: { requestsPerMinute: 2, management: true }
    })
    expect([1, 2, 3].map(() => get(counted, `${P}/users`).status)).toEqual([200, 200, 429])
  })

  it("logs the body of a POST and never the key; a GET has no body", () => {
    const a = api()
    get(a, `${P}/users`)
    post(a, `${P}/workspaces`, { name: "Logged" })
    const [read, write] = a.log
    expect(read).not.toHaveProperty("body")
    expect(write).toMatchObject({
      method: "POST",
      path: `${P}/workspaces`,
      body: '{"name":"Logged"}',
      status: 200
    })
    expect(write!.headers["x-api-key"]).toBe("[redacted]")
  })
})
