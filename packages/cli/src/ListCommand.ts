/**
 * What the list commands (`workspaces`, `api-keys`, `users`, `invites`)
 * share: every item of a management listing, read page by page (1000 a
 * page) with the progress line counting them, printed in the API's order as
 * a table or as csv, json or ndjson with the API's own field names.
 *
 * @since 0.3.0
 */
import type { AdminApiClient, AdminApiError } from "@rawdash/anthropic-admin-api"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as DateTime from "effect/DateTime"
import * as Output from "./Output.js"
import { Progress } from "./Progress.js"

/** Items per page of a listing (the API's most). @since 0.3.0 */
export const PAGE_SIZE = 1000

/**
 * Every item of a listing, with `label` on the progress line.
 * @since 0.3.0
 */
export const collect = <A>(
  label: string,
  stream: Stream.Stream<A, AdminApiError.AdminApiError, AdminApiClient.AdminApiClient>
): Effect.Effect<ReadonlyArray<A>, AdminApiError.AdminApiError, AdminApiClient.AdminApiClient | Progress> =>
  Effect.gen(function* () {
    const progress = yield* Progress
    yield* progress.start(label)
    return Chunk.toReadonlyArray(yield* Stream.runCollect(stream))
  })

/**
 * A listing's output: `title` with the count (`Workspaces (4)`), the items,
 * notes (and the demo's).
 * @since 0.3.0
 */
export const output = <R>(options: {
  readonly title: string
  readonly columns: ReadonlyArray<Output.Column<R>>
  readonly rows: ReadonlyArray<R>
  readonly notes?: ReadonlyArray<string>
  readonly empty: string
  readonly demo: boolean
}): Output.Renderer =>
  Output.renderer({
    title: `${options.title} (${options.rows.length})`,
    columns: options.columns,
    rows: options.rows,
    notes: [
      ...(options.notes ?? []),
      ...(options.demo ? ["Demo organisation: synthetic data from the embedded fake Admin API."] : [])
    ],
    empty: options.empty
  })

/** An instant column (ISO 8601 for programs, a date or date and minute in the table). @since 0.3.0 */
export const instant = <R>(
  name: string,
  header: string,
  value: (row: R) => DateTime.Utc | null,
  table = true
): Output.Column<R> => ({ name, header, kind: "instant", value, table })

/** A text column. @since 0.3.0 */
export const text = <R>(
  name: string,
  value: (row: R) => string | null,
  options: { readonly header?: string; readonly table?: boolean } = {}
): Output.Column<R> => ({ name, kind: "text", value, ...options })
