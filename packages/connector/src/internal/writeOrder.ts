/**
 * Storage writes of one report, kept in order across `sync` calls. An abort
 * (or the write timeout) gives up on a write without cancelling it — a
 * promise cannot be — so it may still settle, and replace its days, after the
 * call returned. The next call refetches those days; its write must land
 * after the abandoned one, or older data would end up over newer. So each
 * write of a report first waits for the last one of the same scope to settle,
 * for up to the write timeout: a write that has not settled by then may never
 * (a lost promise), and waiting longer would stop the report for good. (If it
 * lands after all, its days hold older data until their next sync.)
 *
 * The scope is the config (every setting, defaults applied; the key is not
 * part of it) and the report, in this process: rawdash builds a new connector
 * and a new storage handle for every run, so neither identifies "the same
 * data". Two connectors with identical settings share one order: at worst one
 * waits for the other's abandoned write, never longer than the write timeout.
 */
import type { ResolvedSettings } from "../Config.js"
import { hashString, stableStringify } from "./hash.js"

const last = new Map<string, Promise<void>>()

/** The scope of a config's writes. */
export const scopeOf = (settings: ResolvedSettings): string => hashString(stableStringify(settings))

const keyOf = (scope: string, phase: string) => `${scope}/${phase}`

/** The last write of `phase` in `scope` still unsettled, if any, as a promise that never rejects. */
export const pending = (scope: string, phase: string): Promise<void> | undefined =>
  last.get(keyOf(scope, phase))

/** Records `write` as the last write of `phase` in `scope` until it settles. */
export const record = (scope: string, phase: string, write: Promise<unknown>): void => {
  const key = keyOf(scope, phase)
  const settled = write.then(
    () => undefined,
    () => undefined
  )
  last.set(key, settled)
  void settled.then(() => {
    if (last.get(key) === settled) last.delete(key)
  })
}
