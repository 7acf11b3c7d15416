/**
 * Storage writes of one report, kept in order across `sync` calls. An abort
 * (or the write timeout) gives up on a write without cancelling it — a
 * promise cannot be — so it may still settle, and replace its days, after the
 * call returned. The next call refetches those days; its write must land
 * after the abandoned one, or older data would end up over newer. So each
 * write of a report to a storage first waits for the last one to settle.
 */
import type { StorageHandle } from "../Rawdash.js"

const last = new WeakMap<StorageHandle, Map<string, Promise<void>>>()

/** The last write of `phase` to `storage` still unsettled, if any, as a promise that never rejects. */
export const pending = (storage: StorageHandle, phase: string): Promise<void> | undefined =>
  last.get(storage)?.get(phase)

/** Records `write` as the last write of `phase` to `storage` until it settles. */
export const record = (storage: StorageHandle, phase: string, write: Promise<unknown>): void => {
  let writes = last.get(storage)
  if (writes === undefined) {
    writes = new Map()
    last.set(storage, writes)
  }
  const settled = write.then(
    () => undefined,
    () => undefined
  )
  writes.set(phase, settled)
  void settled.then(() => {
    if (writes.get(phase) === settled) writes.delete(phase)
  })
}
