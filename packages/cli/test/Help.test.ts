/**
 * The help of every command, through the built binary: snapshots (in
 * `test/__snapshots__/help/`, reviewed like code), and the properties a
 * well-made CLI's help has.
 */
import stringWidth from "string-width"
import { describe, expect, it } from "vitest"
import { cli } from "./support/cli.js"

const COMMANDS = [
  "usage",
  "cost",
  "claude-code",
  "sync",
  "workspaces",
  "api-keys",
  "users",
  "invites"
] as const

describe.concurrent("help", () => {
  it.each(["anthropic-admin", ...COMMANDS])("%s --help matches its snapshot", async (command) => {
    const { code, stdout, stderr } = await cli(
      command === "anthropic-admin" ? ["--help"] : [command, "--help"],
      {}
    )
    expect(stderr).toBe("")
    expect(code).toBe(0)
    await expect(stdout).toMatchFileSnapshot(`__snapshots__/help/${command}.txt`)
  })

  it.each(COMMANDS)(
    "%s --help: the program's name, what it answers, grouped flags with defaults, examples; no filler",
    async (command) => {
      const [help, viaHelp, short] = await Promise.all([
        cli([command, "--help"], {}),
        cli(["help", command], {}),
        cli([command, "-h"], {})
      ])
      const text = help.stdout
      expect(viaHelp.stdout).toBe(text)
      expect(short.stdout).toBe(text)
      expect(text.split("\n")[0]).toMatch(new RegExp(`^anthropic-admin ${command} — `))
      expect(text).toContain(`Usage: anthropic-admin ${command} [flags]`)
      expect(text).toContain("Output:\n")
      expect(text).toContain("Connection:\n")
      expect(text).toContain("Default: table.")
      const examples = text.split("\n").filter((l) => l.startsWith(`  $ anthropic-admin ${command} `))
      expect(examples.length).toBeGreaterThanOrEqual(3)
      expect(examples.length).toBeLessThanOrEqual(5)
      for (const filler of [
        "A user-defined piece of text",
        "This setting is optional",
        "may be repeated",
        "--wizard",
        "--completions",
        "--log-level",
        "<command>` --help"
      ]) {
        expect(text).not.toContain(filler)
      }
      // 80 columns in a pipe, but for the example commands, which are meant to be copied whole.
      for (const line of text.split("\n")) {
        if (!line.startsWith("  $ ")) expect(stringWidth(line), line).toBeLessThanOrEqual(80)
      }
      expect(text).not.toContain("\u001b[")
    }
  )

  it("the root help lists the commands, environment and exit codes; no arguments show it too", async () => {
    const [help, bare] = await Promise.all([cli(["--help"], {}), cli([], {})])
    expect(bare.code).toBe(0)
    expect(bare.stdout).toBe(help.stdout)
    for (const command of COMMANDS) expect(help.stdout).toMatch(new RegExp(`\\n  ${command} +\\S`))
    expect(help.stdout).toContain("ANTHROPIC_ADMIN_API_KEY")
    expect(help.stdout).toContain("NO_COLOR")
    expect(help.stdout).toMatch(/\n {2}3 +a key or permission problem/)
  })

  it("--version prints the version; the @effect/cli built-ins are refused at once, without waiting for input", async () => {
    const started = Date.now()
    const [version, wizard, completions, logLevel] = await Promise.all([
      cli(["--version"], {}),
      cli(["usage", "--wizard"], {}),
      cli(["--completions", "bash"], {}),
      cli(["usage", "--log-level", "all", "--demo"], {})
    ])
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(wizard.stderr).toBe("anthropic-admin: --wizard: unknown flag (see anthropic-admin usage --help)\n")
    expect(completions.stderr).toBe(
      "anthropic-admin: --completions: unknown flag (see anthropic-admin --help)\n"
    )
    expect(logLevel.stderr).toBe(
      "anthropic-admin: --log-level: unknown flag (see anthropic-admin usage --help)\n"
    )
    for (const r of [wizard, completions, logLevel]) expect(r.code).toBe(2)
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})
