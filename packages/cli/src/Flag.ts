/**
 * Flags that name themselves when they are wrong. `@effect/cli`'s own
 * primitives report a bad value without the flag ("'x' is not a integer");
 * these parse text themselves and fail with a message that starts with the
 * flag, so the one-line error and exit code 2 always say which flag to fix.
 *
 * @since 0.1.0
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, type Option } from "effect"

const invalid = (flag: string, message: string) =>
  Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${flag}: ${message}`)))

const oneOf = <const C extends ReadonlyArray<string>>(name: string, choices: C): Options.Options<C[number]> =>
  Options.text(name).pipe(
    Options.withPseudoName(choices.join("|")),
    Options.mapEffect((value) =>
      (choices as ReadonlyArray<string>).includes(value)
        ? Effect.succeed(value as C[number])
        : invalid(name, `expected one of ${choices.join(", ")}; got "${value}"`)
    )
  )

/**
 * One value out of a fixed set, with a default.
 * @since 0.1.0
 */
export const choice = <const C extends ReadonlyArray<string>>(
  name: string,
  choices: C,
  fallback: C[number]
): Options.Options<C[number]> => oneOf(name, choices).pipe(Options.withDefault(fallback))

/**
 * An optional value out of a fixed set (`Option.none()` when absent).
 * @since 0.1.0
 */
export const optionalChoice = <const C extends ReadonlyArray<string>>(
  name: string,
  choices: C
): Options.Options<Option.Option<C[number]>> => oneOf(name, choices).pipe(Options.optional)

/**
 * A list: the flag may be repeated and each value may be comma-separated
 * (`--group-by model,workspace_id` or `--group-by model --group-by workspace_id`).
 * With `allowed`, every item must be one of them. Duplicates are dropped,
 * first occurrence wins.
 * @since 0.1.0
 */
export const list = <const C extends ReadonlyArray<string>>(
  name: string,
  allowed?: C
): Options.Options<ReadonlyArray<C[number]>> =>
  Options.text(name).pipe(
    Options.withPseudoName(allowed ? allowed.join(",") : "value"),
    Options.repeated,
    Options.mapEffect((values) => {
      const items = [...new Set(values.flatMap((v) => v.split(",")).map((v) => v.trim()))]
      const empty = items.find((v) => v === "")
      if (empty !== undefined) return invalid(name, "empty item in the list")
      const unknown = allowed ? items.filter((v) => !(allowed as ReadonlyArray<string>).includes(v)) : []
      if (allowed && unknown.length > 0) {
        return invalid(name, `unknown value "${unknown[0]}"; allowed: ${allowed.join(", ")}`)
      }
      return Effect.succeed(items as ReadonlyArray<C[number]>)
    })
  )

/**
 * A whole number in `[min, max]`, optional.
 * @since 0.1.0
 */
export const optionalInteger = (
  name: string,
  min: number,
  max: number
): Options.Options<Option.Option<number>> =>
  Options.text(name).pipe(
    Options.withPseudoName("n"),
    Options.mapEffect((value) => {
      const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
      return Number.isInteger(n) && n >= min && n <= max
        ? Effect.succeed(n)
        : invalid(name, `expected a whole number from ${min} to ${max}; got "${value}"`)
    }),
    Options.optional
  )

/**
 * Free text, optional.
 * @since 0.1.0
 */
export const optionalText = (name: string, pseudo: string): Options.Options<Option.Option<string>> =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.optional)
