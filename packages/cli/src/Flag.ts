/**
 * `@effect/cli` options built from the flag specs (`CommandSpec.FlagSpec`):
 * the same entry gives the parser its names and aliases and the help its
 * text. `@effect/cli`'s own primitives report a bad value without the flag
 * ("'x' is not a integer"); these parse text themselves and fail with a
 * message that starts with the flag, so the one-line error and exit code 2
 * always say which flag to fix.
 *
 * @since 0.1.0
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { FlagSpec } from "./CommandSpec.js"

const invalid = (flag: string, message: string) =>
  Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${flag}: ${message}`)))

const aliased = <A>(spec: FlagSpec, options: Options.Options<A>): Options.Options<A> =>
  (spec.aliases ?? []).reduce((o, alias) => Options.withAlias(o, alias), options)

const text = (spec: FlagSpec): Options.Options<string> => aliased(spec, Options.text(spec.name))

const oneOf = <const C extends ReadonlyArray<string>>(
  spec: FlagSpec,
  choices: C
): Options.Options<C[number]> =>
  text(spec).pipe(
    Options.mapEffect((value) =>
      (choices as ReadonlyArray<string>).includes(value)
        ? Effect.succeed(value as C[number])
        : invalid(spec.name, `expected one of ${choices.join(", ")}; got "${value}"`)
    )
  )

/**
 * A switch: `true` when given.
 * @since 0.2.0
 */
export const boolean = (spec: FlagSpec): Options.Options<boolean> => aliased(spec, Options.boolean(spec.name))

/**
 * One value out of a fixed set, with a default.
 * @since 0.1.0
 */
export const choice = <const C extends ReadonlyArray<string>>(
  spec: FlagSpec,
  choices: C,
  fallback: C[number]
): Options.Options<C[number]> => oneOf(spec, choices).pipe(Options.withDefault(fallback))

/**
 * An optional value out of a fixed set (`Option.none()` when absent).
 * @since 0.1.0
 */
export const optionalChoice = <const C extends ReadonlyArray<string>>(
  spec: FlagSpec,
  choices: C
): Options.Options<Option.Option<C[number]>> => oneOf(spec, choices).pipe(Options.optional)

/**
 * A list: the flag may be repeated and each value may be comma-separated
 * (`--group-by model,workspace_id` or `--group-by model --group-by workspace_id`).
 * With `allowed`, every item must be one of them. Duplicates are dropped,
 * first occurrence wins.
 * @since 0.1.0
 */
export const list = <const C extends ReadonlyArray<string>>(
  spec: FlagSpec,
  allowed?: C
): Options.Options<ReadonlyArray<C[number]>> =>
  text(spec).pipe(
    Options.repeated,
    Options.mapEffect((values) => {
      const items = [...new Set(values.flatMap((v) => v.split(",")).map((v) => v.trim()))]
      const empty = items.find((v) => v === "")
      if (empty !== undefined) return invalid(spec.name, "empty item in the list")
      const unknown = allowed ? items.filter((v) => !(allowed as ReadonlyArray<string>).includes(v)) : []
      if (allowed && unknown.length > 0) {
        return invalid(spec.name, `unknown value "${unknown[0]}"; allowed: ${allowed.join(", ")}`)
      }
      return Effect.succeed(items as ReadonlyArray<C[number]>)
    })
  )

/**
 * A whole number in `[min, max]`, optional.
 * @since 0.1.0
 */
export const optionalInteger = (
  spec: FlagSpec,
  min: number,
  max: number
): Options.Options<Option.Option<number>> =>
  text(spec).pipe(
    Options.mapEffect((value) => {
      const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
      return Number.isInteger(n) && n >= min && n <= max
        ? Effect.succeed(n)
        : invalid(spec.name, `expected a whole number from ${min} to ${max}; got "${value}"`)
    }),
    Options.optional
  )

/**
 * Free text, optional.
 * @since 0.1.0
 */
export const optionalText = (spec: FlagSpec): Options.Options<Option.Option<string>> =>
  text(spec).pipe(Options.optional)
