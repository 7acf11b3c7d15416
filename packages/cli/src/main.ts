/**
 * Runs a command (after `Preflight` let it through): the `@effect/cli`
 * parser, the command, and the exit code. Loaded by `bin.ts` on demand, so
 * `--help` and `--version` never load it.
 *
 * @since 0.2.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Duration from "effect/Duration"
import { run } from "./Cli.js"
import * as ExitCode from "./ExitCode.js"

/**
 * `ANTHROPIC_ADMIN_NOW` (an ISO 8601 instant) pins the start of the run: the
 * clock reads that instant when the command starts and runs on from there.
 * It makes periods (`--period last-month`) and the demo organisation
 * reproducible, for the README's examples and their test.
 */
class OffsetClock implements Clock.Clock {
  readonly [Clock.ClockTypeId]: Clock.ClockTypeId = Clock.ClockTypeId
  constructor(
    private readonly base: Clock.Clock,
    private readonly offset: number
  ) {}
  unsafeCurrentTimeMillis(): number {
    return this.base.unsafeCurrentTimeMillis() + this.offset
  }
  unsafeCurrentTimeNanos(): bigint {
    return this.base.unsafeCurrentTimeNanos() + BigInt(this.offset) * 1_000_000n
  }
  get currentTimeMillis(): Effect.Effect<number> {
    return Effect.sync(() => this.unsafeCurrentTimeMillis())
  }
  get currentTimeNanos(): Effect.Effect<bigint> {
    return Effect.sync(() => this.unsafeCurrentTimeNanos())
  }
  sleep(duration: Duration.Duration): Effect.Effect<void> {
    return this.base.sleep(duration)
  }
}

const pinnedClock = (): Clock.Clock | undefined => {
  const pinned = process.env.ANTHROPIC_ADMIN_NOW
  if (pinned === undefined || pinned === "") return undefined
  const at = Date.parse(pinned)
  if (Number.isNaN(at)) return undefined
  return new OffsetClock(Clock.make(), at - Date.now())
}

/**
 * Runs `argv` (as `process.argv`) for `command` and exits with its code.
 * @since 0.2.0
 */
export const main = (argv: ReadonlyArray<string>, command: string): void => {
  if (process.env.ANTHROPIC_ADMIN_NOW && pinnedClock() === undefined) {
    process.stderr.write(
      `anthropic-admin: ANTHROPIC_ADMIN_NOW: expected an ISO 8601 instant such as 2026-03-01T12:00:00Z; got "${process.env.ANTHROPIC_ADMIN_NOW}"\n`
    )
    process.exitCode = ExitCode.BAD_FLAGS
    return
  }
  const clock = pinnedClock()
  let code: number = ExitCode.FAILURE
  run(argv, command).pipe(
    Effect.tap((result) => Effect.sync(() => (code = result))),
    clock === undefined ? (self) => self : Effect.withClock(clock),
    Effect.provide(NodeContext.layer),
    NodeRuntime.runMain({
      disableErrorReporting: true,
      teardown: (exit, onExit) => onExit(Exit.isInterrupted(exit) ? ExitCode.INTERRUPTED : code)
    })
  )
}
