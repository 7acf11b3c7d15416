import { describe, expect, it } from "@effect/vitest"
import * as Preflight from "../src/Preflight.js"

/** What `decide` answers: the failure's message, or the decision's tag. */
const message = (args: ReadonlyArray<string>) => {
  const d = Preflight.decide(args)
  return d._tag === "Fail" ? d.message : d._tag
}

describe("Preflight.decide", () => {
  it("help, anywhere before --, for the command named", () => {
    expect(Preflight.decide([])).toEqual({ _tag: "Help", command: undefined })
    expect(Preflight.decide(["--help"])).toEqual({ _tag: "Help", command: undefined })
    expect(Preflight.decide(["usage", "-h"])).toEqual({ _tag: "Help", command: "usage" })
    expect(Preflight.decide(["cost", "--format", "xml", "--help"])).toEqual({ _tag: "Help", command: "cost" })
    expect(Preflight.decide(["help", "sync"])).toEqual({ _tag: "Help", command: "sync" })
    expect(Preflight.decide(["help"])).toEqual({ _tag: "Help", command: undefined })
  })

  it("a flag's value is not a flag: --api-key-file --help names a file", () => {
    expect(Preflight.decide(["usage", "--api-key-file", "--help"])).toEqual({ _tag: "Run", command: "usage" })
    expect(Preflight.decide(["usage", "--since", "--version"])).toEqual({ _tag: "Run", command: "usage" })
    expect(Preflight.decide(["usage", "--", "--help"])).toEqual({ _tag: "Run", command: "usage" })
    expect(Preflight.decide(["usage", "--demo", "--help"])).toEqual({ _tag: "Help", command: "usage" })
  })

  it("the version", () => {
    expect(Preflight.decide(["--version"])).toEqual({ _tag: "Version" })
    expect(Preflight.decide(["-v"])).toEqual({ _tag: "Version" })
    expect(Preflight.decide(["usage", "--version"])).toEqual({ _tag: "Version" })
  })

  it("refuses the @effect/cli built-ins this CLI does not offer, a missing or unknown command, and flags before it", () => {
    const fail = (args: ReadonlyArray<string>) => {
      const d = Preflight.decide(args)
      expect(d._tag, args.join(" ")).toBe("Fail")
      return d._tag === "Fail" ? d.message : ""
    }
    expect(fail(["usage", "--wizard"])).toBe("--wizard: unknown flag (see anthropic-admin usage --help)")
    expect(fail(["--completions", "bash"])).toBe("--completions: unknown flag (see anthropic-admin --help)")
    expect(fail(["cost", "--log-level=all"])).toBe(
      "--log-level: unknown flag (see anthropic-admin cost --help)"
    )
    expect(fail(["report"])).toBe(
      'unknown command "report": expected a command: usage, cost, claude-code, sync, workspaces, api-keys, users, invites (see anthropic-admin --help)'
    )
    expect(fail(["--demo"])).toBe(
      "expected a command: usage, cost, claude-code, sync, workspaces, api-keys, users, invites (see anthropic-admin --help)"
    )
    expect(fail(["--demo", "usage"])).toContain(
      "--demo: flags go after the command, e.g. anthropic-admin usage --demo"
    )
    expect(fail(["help", "nope"])).toContain('unknown command "nope"')
  })

  it("an empty value fails for every flag that takes one, naming it; after help and the version", () => {
    expect(message(["usage", "--group-by", ""])).toBe(
      "--group-by: empty value; expected --group-by <dimension,…> (see anthropic-admin usage --help)"
    )
    expect(message(["usage", "--group-by="])).toContain("--group-by: empty value")
    expect(message(["cost", "-f", " "])).toContain("-f: empty value; expected -f <format>")
    expect(message(["usage", "--group-by", "", "--help"])).toBe("Help")
  })

  it("a flag that takes a value, given last without one, fails naming it (it was read as no grouping, no filter)", () => {
    expect(message(["usage", "--demo", "--group-by"])).toBe(
      "--group-by: missing value; expected --group-by <dimension,…> (see anthropic-admin usage --help)"
    )
    expect(message(["usage", "--model"])).toContain("--model: missing value; expected --model")
    expect(message(["sync", "--concurrency"])).toContain(
      "--concurrency: missing value; expected --concurrency <n>"
    )
    expect(message(["cost", "-f"])).toContain("-f: missing value; expected -f <format>")
    // a switch last is fine; help still wins
    expect(message(["usage", "--demo"])).toBe("Run")
    expect(message(["usage", "--help", "--group-by"])).toBe("Help")
  })

  it("normalize: --name=value becomes --name value for flags that take a value; switches and what follows -- stay", () => {
    expect(
      Preflight.normalize("usage", ["--group-by=model,workspace_id", "--demo", "-f=csv", "--", "--x=1"])
    ).toEqual(["--group-by", "model,workspace_id", "--demo", "-f=csv", "--", "--x=1"])
    expect(Preflight.normalize("usage", ["--start=a=b", "--nope=1"])).toEqual(["--start", "a=b", "--nope=1"])
  })

  it("anything else runs the command", () => {
    expect(Preflight.decide(["claude-code", "--date", "yesterday"])).toEqual({
      _tag: "Run",
      command: "claude-code"
    })
  })
})
