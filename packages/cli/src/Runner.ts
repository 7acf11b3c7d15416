/**
 * How every command runs: resolve the target (key, base URL or `--demo`),
 * provide the client, the names lookup and the progress line, compute the rows, print them in
 * the chosen format on stdout — or turn the failure into an exit code and
 * one line for stderr.
 *
 * @since 0.1.0
 */
import type { FileSystem } from "@effect/platform"
import { type AdminApiClient, type Names, RetryPolicy } from "@rawdash/anthropic-admin-api"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Color from "./Color.js"
import * as ExitCode from "./ExitCode.js"
import * as Naming from "./Naming.js"
import type * as Output from "./Output.js"
import * as Progress from "./Progress.js"
import * as Target from "./Target.js"

/** The shared flags a run needs. @since 0.1.0 */
export interface Flags extends Target.Flags {
  readonly format: Output.Format
  readonly quiet: boolean
}

/** What a command body gets. @since 0.1.0 */
export interface Context {
  readonly target: Target.Target
  readonly format: Output.Format
}

/**
 * Writes text to stdout, waiting until it is flushed. A closed pipe
 * (`| head`) ends the write quietly.
 * @since 0.1.0
 */
export const print = (text: string): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (text === "") return resume(Effect.void)
    process.stdout.write(text, () => resume(Effect.void))
  })

/**
 * Runs a command: first `prepare` (checks the command's own flags, so a bad
 * flag is reported before a missing key), then `body` with a client for the
 * target; prints its output.
 * @since 0.1.0
 */
export const run = <P>(
  flags: Flags,
  prepare: Effect.Effect<P, ExitCode.CommandError>,
  body: (
    params: P,
    context: Context
  ) => Effect.Effect<
    Output.Renderer,
    ExitCode.CommandError,
    AdminApiClient.AdminApiClient | Names.Names | Progress.Progress | Scope.Scope | FileSystem.FileSystem
  >
): Effect.Effect<void, ExitCode.CommandFailed, FileSystem.FileSystem> => {
  const retries = Option.getOrUndefined(flags.maxRetries) ?? RetryPolicy.defaults.maxAttempts - 1
  return Effect.gen(function* () {
    const params = yield* prepare
    const target = yield* Target.resolve(flags)
    const output = yield* body(params, { target, format: flags.format }).pipe(
      // One names lookup per run (`--names`): at most one listing per kind, made on first use.
      Effect.provide(Layer.provideMerge(Naming.layer, Target.clientLayer(target)))
    )
    const progress = yield* Progress.Progress
    yield* progress.clear
    // Colour (bold title, header and totals) only for a table on a terminal, and never with NO_COLOR.
    yield* print(output(flags.format, Color.palette(process.stdout)))
  }).pipe(
    Effect.scoped,
    Effect.provide(Progress.layer(flags.quiet)),
    Effect.mapError((error) => new ExitCode.CommandFailed(ExitCode.classify(error, retries)))
  )
}
