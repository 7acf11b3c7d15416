#!/usr/bin/env node
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect, Exit } from "effect"
import { run } from "./Cli.js"
import * as ExitCode from "./ExitCode.js"

// A reader that stops early (`| head`) is not an error: stop writing, quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(ExitCode.OK)
  throw error
})

let code: number = ExitCode.FAILURE

run(process.argv).pipe(
  Effect.tap((result) => Effect.sync(() => (code = result))),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => onExit(Exit.isInterrupted(exit) ? ExitCode.INTERRUPTED : code)
  })
)
