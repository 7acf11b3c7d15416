/**
 * Which retryable error the request in flight is waiting out. The client's
 * `onRetry` hook runs in the fiber of the request it retries, so a phase sets
 * a listener for its own fetch (inherited by the fibers the fetch forks) and
 * learns, when the chunk budget cuts that fetch off, whether it was failing.
 */
import type { AdminApiClient } from "@rawdash/anthropic-admin-api"
import { Effect, FiberRef } from "effect"

/** Called with each retry decision of the requests of the current fiber. */
export type RetryListener = (event: AdminApiClient.RetryEvent) => void

/** The listener of the current fiber, if any. */
export const retryListener: FiberRef.FiberRef<RetryListener | undefined> = FiberRef.unsafeMake<
  RetryListener | undefined
>(undefined)

/** Tells the current fiber's listener (if any) about a retry. */
export const notifyRetry = (event: AdminApiClient.RetryEvent): Effect.Effect<void> =>
  Effect.flatMap(FiberRef.get(retryListener), (listener) =>
    listener === undefined ? Effect.void : Effect.sync(() => listener(event))
  )
