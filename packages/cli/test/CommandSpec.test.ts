import { describe, expect, it } from "@effect/vitest"
import {
  Analytics,
  AnalyticsCost,
  ApiKeys,
  CostReport,
  GroupByPlan,
  Invites,
  Organization,
  RetryPolicy,
  UsageReport
} from "@rawdash/anthropic-admin-api"
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, Resources } from "@rawdash/connector-anthropic"
import { Duration } from "effect"
import * as CommandSpec from "../src/CommandSpec.js"
import * as Commands from "../src/Commands.js"
import * as ApiKeysCommand from "../src/commands/ApiKeysCommand.js"
import * as ApiKeysSpec from "../src/commands/ApiKeysSpec.js"
import * as ClaudeCodeCommand from "../src/commands/ClaudeCodeCommand.js"
import * as ClaudeCodeSpec from "../src/commands/ClaudeCodeSpec.js"
import * as CostCommand from "../src/commands/CostCommand.js"
import * as CostSpec from "../src/commands/CostSpec.js"
import * as InvitesCommand from "../src/commands/InvitesCommand.js"
import * as InvitesSpec from "../src/commands/InvitesSpec.js"
import * as SyncCommand from "../src/commands/SyncCommand.js"
import * as SyncSpec from "../src/commands/SyncSpec.js"
import * as UsageCommand from "../src/commands/UsageCommand.js"
import * as UsageSpec from "../src/commands/UsageSpec.js"
import * as UsersCommand from "../src/commands/UsersCommand.js"
import * as UsersSpec from "../src/commands/UsersSpec.js"
import * as WorkspacesCommand from "../src/commands/WorkspacesCommand.js"
import * as WorkspacesSpec from "../src/commands/WorkspacesSpec.js"
import * as TimeRange from "../src/TimeRange.js"

describe("CommandSpec", () => {
  it("every command's parser takes exactly the flags its help lists", () => {
    const pairs = [
      [UsageSpec.spec, UsageCommand.options],
      [CostSpec.spec, CostCommand.options],
      [ClaudeCodeSpec.spec, ClaudeCodeCommand.options],
      [SyncSpec.spec, SyncCommand.options],
      [WorkspacesSpec.spec, WorkspacesCommand.options],
      [ApiKeysSpec.spec, ApiKeysCommand.options],
      [UsersSpec.spec, UsersCommand.options],
      [InvitesSpec.spec, InvitesCommand.options]
    ] as const
    for (const [spec, options] of pairs) {
      expect(Object.keys(options).sort(), spec.name).toEqual(Object.keys(spec.flags).sort())
    }
    expect(Commands.NAMES).toEqual([
      "usage",
      "cost",
      "claude-code",
      "sync",
      "workspaces",
      "api-keys",
      "users",
      "invites"
    ])
  })

  it("no flag name or alias is used twice in a command, and global flags are free", () => {
    for (const spec of Commands.ALL) {
      const names = Object.values(spec.flags).flatMap((f) => [f.name, ...(f.aliases ?? [])])
      expect(new Set(names).size, spec.name).toBe(names.length)
      for (const g of Object.values(CommandSpec.global)) {
        for (const name of [g.name, ...g.aliases]) expect(names, spec.name).not.toContain(name)
      }
    }
  })

  it("the values the help quotes are the libraries' own", () => {
    expect(UsageSpec.DIMENSIONS).toEqual(UsageReport.GroupBy.literals)
    expect(CostSpec.GROUP_BY).toEqual(CostReport.GroupBy.literals)
    expect(UsageSpec.ANALYTICS_DIMENSIONS).toEqual(Analytics.Dimension.literals)
    expect(CostSpec.ANALYTICS_GROUP_BY).toEqual(AnalyticsCost.GroupBy.literals)
    // The client's open enums: their known literals.
    const known = (schema: unknown) =>
      [
        ...(schema as { readonly members: readonly [{ readonly literals: ReadonlyArray<string> }] })
          .members[0].literals
      ].sort()
    expect([...ApiKeysSpec.STATUSES].sort()).toEqual(known(ApiKeys.ApiKeyStatus))
    expect([...UsersSpec.ROLES].sort()).toEqual(known(Organization.OrganizationRole))
    expect(known(Invites.InviteStatus)).toEqual([...InvitesSpec.STATUSES, "deleted"].sort())
    expect(SyncSpec.RESOURCES).toEqual(Resources.RESOURCE_NAMES)
    expect(SyncSpec.CONCURRENCY).toEqual({ default: DEFAULT_CONCURRENCY, max: MAX_CONCURRENCY })
    expect(CommandSpec.RETRY_BUDGET_MINUTES).toBe(Duration.toMinutes(RetryPolicy.defaults.maxElapsed))
    expect(TimeRange.MAX_LAST_DAYS).toBe(1826)
    const six = [
      "model",
      "workspace_id",
      "api_key_id",
      "service_tier",
      "context_window",
      "inference_geo"
    ] as const
    const requests = (dims: ReadonlyArray<UsageReport.GroupBy>) =>
      GroupByPlan.requests(GroupByPlan.make(dims))
    expect(requests(six)).toBe(UsageSpec.PLAN_REQUESTS.six)
    expect(requests([...six, "speed"])).toBe(UsageSpec.PLAN_REQUESTS.seven)
    expect(requests(UsageReport.GroupBy.literals)).toBe(UsageSpec.PLAN_REQUESTS.all)
    expect(UsageSpec.spec.flags.groupBy.description).toContain(
      `up to ${UsageReport.LIMITS["1d"].max} days of 1d, ${UsageReport.LIMITS["1h"].max} hours of 1h, ${UsageReport.LIMITS["1m"].max} minutes of 1m`
    )
  })

  it("every command has 3 to 5 examples, each naming the command", () => {
    for (const spec of Commands.ALL) {
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(3)
      expect(spec.examples.length, spec.name).toBeLessThanOrEqual(5)
      for (const [, command] of spec.examples) {
        expect(command).toMatch(new RegExp(`^anthropic-admin ${spec.name} `))
      }
    }
  })
})
