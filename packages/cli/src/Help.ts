/**
 * Command descriptions for `--help`: a paragraph and worked examples.
 *
 * @since 0.1.0
 */
import { HelpDoc } from "@effect/cli"
import * as Span from "@effect/cli/HelpDoc/Span"

/**
 * A description followed by an EXAMPLES section: each example a comment line
 * and the command to type.
 * @since 0.1.0
 */
export const describe = (text: string, examples: ReadonlyArray<readonly [string, string]>): HelpDoc.HelpDoc =>
  HelpDoc.blocks([
    HelpDoc.p(text),
    HelpDoc.h1("EXAMPLES"),
    ...examples.map(([what, command]) =>
      HelpDoc.p(Span.spans([Span.weak(`# ${what}`), Span.text("\n"), Span.code(`$ ${command}`)]))
    )
  ])
