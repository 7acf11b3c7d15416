/**
 * Which retryable error the request in flight is waiting out. The client's
 * `onRetry` hook runs in the fiber of the request it retries, so a phase sets
 * a listener for its own fetch (inherited by the fibers the fetch forks) and
 * learns whether it was failing, and whether the next wait would end after
 * the chunk budget (then the call returns at once instead of waiting).
 */
import type { AdminApiClient } from "@rawdash/anthropic-admin-api"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"

/** Called with each retry decision of the requests of the current fiber, and the `Clock` time it was made at. */
export type RetryListener = (event: AdminApiClient.RetryEvent, now: number) => void

/** The listener of the current fiber, if any. */
export const retryListener: FiberRef.FiberRef<RetryListener | undefined> = FiberRef.unsafeMake<
  RetryListener | undefined
>(undefined)

/** Tells the current fiber's listener (if any) about a retry. */
export const notifyRetry = (event: AdminApiClient.RetryEvent): Effect.Effect<void> =>
  Effect.flatMap(FiberRef.get(retryListener), (listener) =>
    listener === undefined
      ? Effect.void
      : Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => listener(event, now)))
  )
