/**
 * Progress on stderr for people watching a terminal: pages fetched and the
 * rows they held so far (counted as each response arrives, before any
 * joining or summing), and a countdown for each request waiting to be retried
 * ("rate limited — retrying in 7 s (retry 1), 3 s (retry 2)"): requests run
 * in parallel, and one's page does not hide another's countdown, which
 * lasts until its own wait ends.
 * One status line, redrawn in place and erased before anything else prints.
 * Disabled (every call a no-op) when stderr is not a TTY or with `--quiet`,
 * so pipes and logs never see it.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"

/**
 * @since 0.1.0
 */
export interface Service {
  /** Names what is being fetched, e.g. `usage report`; resets the counters. */
  readonly start: (label: string) => Effect.Effect<void>
  /** One page (one successful response) holding `rows` rows arrived. */
  readonly page: (rows: number) => Effect.Effect<void>
  /** A retry will happen after `delay`; shows a countdown until then. */
  readonly retrying: (reason: string, delay: Duration.DurationInput, attempt: number) => Effect.Effect<void>
  /** Erases the status line (before printing results or an error). */
  readonly clear: Effect.Effect<void>
}

/**
 * The progress service tag.
 * @since 0.1.0
 */
export class Progress extends Context.Tag("@rawdash/anthropic-admin-cli/Progress")<Progress, Service>() {}

/** A request waiting to be retried. @since 0.2.0 */
export interface Waiting {
  readonly reason: string
  /** When the wait ends (ms). */
  readonly until: number
  /** The attempt that failed. */
  readonly attempt: number
}

/** What the status line shows. @since 0.1.0 */
export interface State {
  readonly label: string
  readonly pages: number
  readonly rows: number
  /** Every retry wait not yet over, in the order they began. */
  readonly waiting: ReadonlyArray<Waiting>
  readonly shown: string
}

const ERASE = "\r\x1b[2K"

/** The line is redrawn at most this often (and this often while a countdown runs). */
const REDRAW_MILLIS = 200

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`

/**
 * The status line for a state at `now` (ms): counts, and for the retry waits
 * not yet over, why (grouped by reason) and how many seconds each has left.
 * @since 0.1.0
 */
export const line = (state: Omit<State, "shown">, now: number): string => {
  const counts = `${state.label}: ${plural(state.pages, "page")}, ${plural(state.rows, "row")}`
  const waiting = state.waiting.filter((w) => w.until > now)
  if (waiting.length === 0) return counts
  const reasons = [...new Set(waiting.map((w) => w.reason))].map((reason) => {
    const waits = waiting
      .filter((w) => w.reason === reason)
      .map((w) => `${Math.ceil((w.until - now) / 1000)} s (retry ${w.attempt})`)
    return `${reason} — retrying in ${waits.join(", ")}`
  })
  return `${counts} — ${reasons.join("; ")}`
}

/**
 * The rows a report response holds: the results of each bucket (usage and
 * cost reports), or its records (Claude Code report); 0 for anything else.
 * @since 0.2.0
 */
export const rowsOf = (body: unknown): number => {
  const data =
    typeof body === "object" && body !== null ? (body as { readonly data?: unknown }).data : undefined
  if (!Array.isArray(data)) return 0
  return data.reduce<number>((n, item: unknown) => {
    const results =
      typeof item === "object" && item !== null ? (item as { readonly results?: unknown }).results : undefined
    return n + (Array.isArray(results) ? results.length : 1)
  }, 0)
}

/** Options of {@link make}. @since 0.1.0 */
export interface Options {
  /** False: every call is a no-op. */
  readonly enabled: boolean
  /** Where the status line goes (stderr). */
  readonly write: (text: string) => void
}

/**
 * A progress reporter. Counts redraw the line at most every 200 ms; while the
 * scope is open a ticker redraws it every 200 ms when it changed, so the
 * latest counts show and countdowns move.
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, never, Scope.Scope> =>
  Effect.gen(function* () {
    if (!options.enabled) {
      return Progress.of({
        start: () => Effect.void,
        page: () => Effect.void,
        retrying: () => Effect.void,
        clear: Effect.void
      })
    }
    const state = yield* Ref.make<State>({ label: "", pages: 0, rows: 0, waiting: [], shown: "" })
    const lastDraw = yield* Ref.make(Number.NEGATIVE_INFINITY)
    const draw = (force: boolean) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        if (!force && now - (yield* Ref.get(lastDraw)) < REDRAW_MILLIS) return
        const current = yield* Ref.get(state)
        if (current.label === "") return
        const text = line(current, now)
        if (text === current.shown) return
        options.write(`${ERASE}${text}`)
        yield* Ref.set(state, { ...current, shown: text })
        yield* Ref.set(lastDraw, now)
      })
    const update = (f: (s: State) => State, force = false) =>
      Ref.update(state, f).pipe(Effect.zipRight(draw(force)))
    const clear = Effect.gen(function* () {
      const current = yield* Ref.get(state)
      if (current.shown !== "") options.write(ERASE)
      yield* Ref.set(state, { ...current, shown: "" })
    })
    yield* draw(true).pipe(Effect.repeat(Schedule.spaced(Duration.millis(REDRAW_MILLIS))), Effect.forkScoped)
    yield* Effect.addFinalizer(() =>
      clear.pipe(Effect.zipRight(Ref.update(state, (s) => ({ ...s, label: "" }))))
    )
    return Progress.of({
      start: (label) => update(() => ({ label, pages: 0, rows: 0, waiting: [], shown: "" }), true),
      page: (rows) => update((s) => ({ ...s, pages: s.pages + 1, rows: s.rows + rows })),
      retrying: (reason, delay, attempt) =>
        Clock.currentTimeMillis.pipe(
          Effect.flatMap((now) =>
            update(
              (s) => ({
                ...s,
                waiting: [
                  ...s.waiting.filter((w) => w.until > now),
                  { reason, until: now + Duration.toMillis(Duration.decode(delay)), attempt }
                ]
              }),
              true
            )
          )
        ),
      clear
    })
  })

/**
 * Where progress goes: a stream that may be a terminal (`process.stderr`).
 * @since 0.1.0
 */
export interface Sink {
  readonly isTTY?: boolean | undefined
  readonly write: (text: string) => unknown
}

/**
 * The layer: enabled when `sink` (default `process.stderr`) is a TTY and not
 * `quiet`.
 * @since 0.1.0
 */
export const layer = (quiet: boolean, sink: Sink = process.stderr): Layer.Layer<Progress> =>
  Layer.scoped(
    Progress,
    make({
      enabled: !quiet && sink.isTTY === true,
      write: (text) => {
        sink.write(text)
      }
    })
  )
