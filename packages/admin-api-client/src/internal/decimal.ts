import * as BigDecimal from "effect/BigDecimal"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * A `BigDecimal` written out in full, keeping its scale: `1446.3000` stays
 * `"1446.3000"`, `-5` at scale 2 is `"-0.05"`, a negative scale pads zeros;
 * never exponent form (unlike `BigDecimal.format`, which also drops trailing
 * zeros).
 */
export const formatExact = (value: BigDecimal.BigDecimal): string => {
  const negative = value.value < 0n
  const digits = (negative ? -value.value : value.value).toString()
  let text: string
  if (value.scale <= 0) {
    text = value.value === 0n ? "0" : digits + "0".repeat(-value.scale)
  } else {
    const padded = digits.padStart(value.scale + 1, "0")
    const point = padded.length - value.scale
    text = `${padded.slice(0, point)}.${padded.slice(point)}`
  }
  return negative ? `-${text}` : text
}

/** A decimal string read exactly, or `None` for a blank or non-numeric one. */
export const parseExact = (text: string): Option.Option<BigDecimal.BigDecimal> =>
  text.trim() === "" ? Option.none() : BigDecimal.fromString(text.trim())

/**
 * A decimal string (a cost `amount`) decoded exactly into a `BigDecimal`
 * **with the scale it was sent with**: `"1446.3000"` decodes to 1446.3000 and
 * encodes back to `"1446.3000"`, so the digits the API sent survive (unlike
 * `Schema.BigDecimal`, which normalises to 1446.3). Values compare equal
 * either way (`BigDecimal.equals`). A blank or non-numeric string fails.
 */
export const ExactDecimal = Schema.transformOrFail(Schema.String, Schema.BigDecimalFromSelf, {
  strict: true,
  decode: (text, _, ast) =>
    Option.match(parseExact(text), {
      onNone: () =>
        ParseResult.fail(
          new ParseResult.Type(ast, text, `Unable to decode ${JSON.stringify(text)} into a BigDecimal`)
        ),
      onSome: ParseResult.succeed
    }),
  encode: (value) => ParseResult.succeed(formatExact(value))
}).annotations({ identifier: "BigDecimal" })
