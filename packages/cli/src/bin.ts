#!/usr/bin/env node
/**
 * The `anthropic-admin` binary. Help and the version are printed from plain
 * data (`Preflight`, `HelpText`) without loading Effect, the client or the
 * reports; any other command loads `main.js` (a separate chunk of the
 * bundle) and runs. `--version` loads nothing but the command specs.
 */
import * as CommandSpec from "./CommandSpec.js"
import { VERSION } from "./internal/version.js"
import * as Preflight from "./Preflight.js"

// A reader that stops early (`| head`) is not an error: stop writing, quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

const decision = Preflight.decide(process.argv.slice(2))

switch (decision._tag) {
  case "Help": {
    const [Color, HelpText] = await Promise.all([import("./Color.js"), import("./HelpText.js")])
    const width = process.stdout.isTTY ? Math.min(process.stdout.columns || 80, 100) : 80
    process.stdout.write(HelpText.render(decision.command, { width, palette: Color.palette(process.stdout) }))
    break
  }
  case "Version":
    process.stdout.write(`${VERSION}\n`)
    break
  case "Fail":
    process.stderr.write(`${CommandSpec.NAME}: ${decision.message}\n`)
    process.exitCode = 2
    break
  case "Run": {
    const { main } = await import("./main.js")
    main(
      [...process.argv.slice(0, 2), ...Preflight.normalize(decision.command, process.argv.slice(2))],
      decision.command
    )
    break
  }
}
