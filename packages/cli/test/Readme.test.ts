/**
 * The README's worked questions cannot rot: each `--demo` command in a `sh`
 * block is run through the built binary, with the clock pinned to the
 * instant the README names, and its output must equal the `text` block under
 * it. `UPDATE_README=1 npx vitest run test/Readme.test.ts` writes the
 * outputs into the README instead (review the diff).
 */
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { cli } from "./support/cli.js"

const path = fileURLToPath(new URL("../README.md", import.meta.url))
const readme = readFileSync(path, "utf8")
const NOW = /ANTHROPIC_ADMIN_NOW=(\S+?)`/.exec(readme)?.[1] ?? ""
const EXAMPLE = /```sh\n(anthropic-admin [^\n]*--demo[^\n]*)\n```\n\n```text\n([\s\S]*?)```/g
const examples = [...readme.matchAll(EXAMPLE)].map((m) => ({ command: m[1]!, shown: m[2]! }))

const run = (command: string) =>
  cli(command.split(" ").slice(1), { ANTHROPIC_ADMIN_NOW: NOW, COLUMNS: "200" })

describe("README", () => {
  it("pins the clock and answers the questions people ask", () => {
    expect(Date.parse(NOW)).not.toBeNaN()
    expect(examples.map((e) => e.command.split(" ")[1])).toEqual([
      "cost",
      "usage",
      "cost",
      "usage",
      "api-keys",
      "usage",
      "claude-code",
      "usage"
    ])
  })

  if (process.env.UPDATE_README === "1") {
    it("writes the outputs into the README", async () => {
      let text = readme
      for (const { command } of examples) {
        const { code, stdout, stderr } = await run(command)
        expect(stderr).toBe("")
        expect(code).toBe(0)
        text = text.replace(
          new RegExp(
            `(\`\`\`sh\\n${command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n\`\`\`\\n\\n\`\`\`text\\n)[\\s\\S]*?\`\`\``
          ),
          (_, head: string) => `${head}${stdout}\`\`\``
        )
      }
      writeFileSync(path, text)
    })
  } else {
    it.concurrent.each(examples)("$command prints what the README shows", async ({ command, shown }) => {
      const { code, stdout, stderr } = await run(command)
      expect(stderr).toBe("")
      expect(code).toBe(0)
      expect(stdout).toBe(shown)
    })
  }
})
