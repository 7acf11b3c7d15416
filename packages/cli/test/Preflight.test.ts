import { describe, expect, it } from "@effect/vitest"
import * as Preflight from "../src/Preflight.js"

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
      'unknown command "report": expected a command: usage, cost, claude-code, sync (see anthropic-admin --help)'
    )
    expect(fail(["--demo"])).toBe(
      "expected a command: usage, cost, claude-code, sync (see anthropic-admin --help)"
    )
    expect(fail(["--demo", "usage"])).toContain(
      "--demo: flags go after the command, e.g. anthropic-admin usage --demo"
    )
    expect(fail(["help", "nope"])).toContain('unknown command "nope"')
  })

  it("anything else runs the command", () => {
    expect(Preflight.decide(["claude-code", "--date", "yesterday"])).toEqual({
      _tag: "Run",
      command: "claude-code"
    })
  })
})
