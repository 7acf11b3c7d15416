/**
 * End-to-end through the built binary: errors a person can act on — the
 * Retry-After over the cap said as such, a malformed key failing at once as
 * a key problem, the variable or flag actually at fault named, and file
 * errors saying which file and why.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FakeFault, FakeServer } from "@rawdash/anthropic-admin-api-testing"
import { describe, expect, it } from "vitest"
import { cli, KEY } from "./support/cli.js"

/** Nothing listens here: a command that sends a request gets a network error (and would retry for minutes). */
const NOWHERE = "http://127.0.0.1:9"

describe.concurrent("errors", () => {
  it("a Retry-After over the cap: not retried, and the message says so (one request, exit 4)", async () => {
    const faulty = await FakeServer.serve({
      organization: { seed: 3, days: 10, now: Date.now() },
      specMinimal: true,
      faults: { script: [{ fault: FakeFault.rateLimited({ seconds: 7200 }), count: Infinity }] }
    })
    try {
      const { code, stdout, stderr } = await cli(["cost", "--last", "1d", "--base-url", faulty.url])
      expect(code).toBe(4)
      expect(stdout).toBe("")
      expect(faulty.log).toHaveLength(1)
      expect(stderr).toContain("429")
      expect(stderr).toContain(
        "not retried: the API asked to wait 2 h, longer than the longest wait the client accepts (60 s); run the command again in 2 h"
      )
      expect(stderr).not.toContain("still failing after")
      expect(stderr.trimEnd().split("\n")).toHaveLength(1)
    } finally {
      await faulty.close()
    }
  })

  it("a key with a line break, a space or a non-ASCII character fails at once as a key problem (exit 3), unprinted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anthropic-admin-key-"))
    const file = join(dir, "key")
    writeFileSync(file, `${KEY.slice(0, 20)}\u00a0${KEY.slice(20)}\n`)
    const started = Date.now()
    const [newline, space, nbsp] = await Promise.all([
      cli(["usage", "--base-url", NOWHERE], {
        ANTHROPIC_ADMIN_API_KEY: `${KEY.slice(0, 30)}\n${KEY.slice(30)}`
      }),
      cli(["cost", "--base-url", NOWHERE], {
        ANTHROPIC_ADMIN_API_KEY: `${KEY.slice(0, 30)} ${KEY.slice(30)}`
      }),
      cli(["claude-code", "--base-url", NOWHERE, "--api-key-file", file], {})
    ])
    expect(Date.now() - started).toBeLessThan(20_000)
    for (const r of [newline, space, nbsp]) {
      expect(r.code).toBe(3)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain("is malformed")
      expect(r.stderr).not.toContain("network")
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1)
    }
    expect(newline.stderr).toContain(
      `the Admin API key from ANTHROPIC_ADMIN_API_KEY is malformed: it contains a line break at character 31 of ${KEY.length + 1}`
    )
    expect(space.stderr).toContain("a space at character 31")
    expect(nbsp.stderr).toContain(
      `from --api-key-file "${file}" is malformed: it contains a non-ASCII character (U+00A0)`
    )
  })

  it("ANTHROPIC_BASE_URL=garbage names the variable, not --base-url", async () => {
    const { code, stderr } = await cli(["usage"], {
      ANTHROPIC_ADMIN_API_KEY: KEY,
      ANTHROPIC_BASE_URL: "garbage"
    })
    expect(code).toBe(2)
    expect(stderr).toBe(
      'anthropic-admin: ANTHROPIC_BASE_URL: an https:// URL (e.g. https://api.anthropic.com or a gateway such as https://gateway.example.com/anthropic), or http:// to a loopback host (localhost, 127.0.0.0/8, [::1]); no user:password@, query or fragment; got "garbage" (not an absolute URL) (set it to such a URL, or unset it to use https://api.anthropic.com)\n'
    )
  })

  it("a key file that cannot be read: which file, and why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "anthropic-admin-keydir-"))
    const [missing, directory, empty] = await Promise.all([
      cli(["usage", "--api-key-file", "/nonexistent/anthropic-key"], {}),
      cli(["usage", "--api-key-file", dir], {}),
      (async () => {
        const file = join(dir, "empty")
        writeFileSync(file, "  \n")
        return cli(["usage", "--api-key-file", file], {})
      })()
    ])
    expect(missing.stderr).toBe(
      'anthropic-admin: --api-key-file: cannot read the key file "/nonexistent/anthropic-key": there is no such file\n'
    )
    expect(directory.stderr).toBe(
      `anthropic-admin: --api-key-file: cannot read the key file "${dir}": it is a directory\n`
    )
    expect(empty.stderr).toContain(`the key file "${join(dir, "empty")}" is empty`)
    for (const r of [missing, directory, empty]) expect(r.code).toBe(2)
    expect(missing.stderr).not.toContain("FileSystem")
  })

  it("an unknown flag names the command to ask for help", async () => {
    const [flag, argument] = await Promise.all([cli(["cost", "--bogus"]), cli(["claude-code", "extra"])])
    expect(flag.stderr).toBe("anthropic-admin: --bogus: unknown flag (see anthropic-admin cost --help)\n")
    expect(argument.stderr).toBe(
      'anthropic-admin: unexpected argument "extra" (see anthropic-admin claude-code --help)\n'
    )
    expect([flag.code, argument.code]).toEqual([2, 2])
  })

  it("a base URL that is not https (or http to a loopback host) is refused before any request, naming its source", async () => {
    const [flag, env, ftp, loopback] = await Promise.all([
      cli(["cost", "--last", "1d", "--base-url", "http://example.com"]),
      cli(["cost", "--last", "1d"], { ANTHROPIC_BASE_URL: "http://example.com" }),
      cli(["usage", "--last", "1d", "--base-url", "ftp://127.0.0.1/"]),
      cli(["cost", "--last", "1d", "--base-url", NOWHERE, "--max-retries", "0"])
    ])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("--base-url")
    expect(flag.stderr).toContain("https")
    expect(env.code).toBe(2)
    expect(env.stderr).toContain("ANTHROPIC_BASE_URL")
    expect(env.stderr).not.toContain("--base-url:")
    expect(ftp.code).toBe(2)
    // http to a loopback host is allowed: it gets as far as the (refused) connection
    expect(loopback.code).toBe(1)
    for (const r of [flag, env, ftp, loopback]) expect(r.stderr + r.stdout).not.toContain(KEY)
  })

  it("a redirect to another origin is refused: the key is never sent there, and never printed", async () => {
    const other = await FakeServer.serve({ organization: { seed: 3, days: 10, now: Date.now() } })
    const redirecting = await FakeServer.serve({
      organization: { seed: 3, days: 10, now: Date.now() },
      faults: {
        script: [
          {
            fault: { kind: "redirect", location: `${other.url}/v1/organizations/cost_report` },
            count: Infinity
          }
        ]
      }
    })
    try {
      const { code, stderr, stdout } = await cli(["cost", "--last", "1d", "--base-url", redirecting.url])
      expect(code).toBe(1)
      expect(stderr).toContain("redirect")
      expect(stderr).toContain(new URL(other.url).origin)
      expect(other.log).toHaveLength(0)
      expect(stderr + stdout).not.toContain(KEY)
    } finally {
      await Promise.all([other.close(), redirecting.close()])
    }
  })
})
