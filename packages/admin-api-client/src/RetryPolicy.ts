/**
 * The retry policy: one `Schedule`, built from options, that decides after
 * each failed attempt of a single page request whether and when to try again.
 *
 * - **Retry-After wins.** On 429, 503 and 529 the wait the API asked for
 *   (`retry-after-ms`, `retry-after` in seconds or as an HTTP-date, read
 *   against `Clock` when the response arrived) is used exactly, raised to
 *   `floor` when it is `0` or in the past. A Retry-After longer than
 *   `maxDelay` is not waited for: the error is returned at once.
 * - **Backoff otherwise.** Other 5xx, 408, 409, transport errors and timeouts
 *   wait `baseDelay × 2^(attempt-1)`, capped at `maxDelay`, shortened by a
 *   random fraction of up to `jitter` (so concurrent clients spread out).
 * - **Never** for 400, 401, 403, 404, 410, invalid parameters, decode or
 *   pagination errors: another attempt cannot succeed.
 * - **Budget.** At most `maxAttempts` attempts in all, and no wait that
 *   would end more than `maxElapsed` after the first failure. When the budget
 *   is spent, the last error is returned.
 *
 * Time is read from `Clock`, so `TestClock` drives it in tests.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Random, Schedule, ScheduleDecision, ScheduleInterval } from "effect"
import { type AdminApiError, isRetryable } from "./AdminApiError.js"

/**
 * How to retry. Every field is optional; see {@link defaults}.
 * @since 0.1.0
 */
export interface Options {
  /** Attempts in all, the first included (`1` disables retries). Default 5. */
  readonly maxAttempts?: number | undefined
  /** No wait may end later than this after the first failure. Default 2 minutes. */
  readonly maxElapsed?: Duration.DurationInput | undefined
  /** First backoff wait, doubled after each attempt. Default 500 ms. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /** The longest single wait; a Retry-After above it fails fast. Default 60 s. */
  readonly maxDelay?: Duration.DurationInput | undefined
  /** The shortest wait for a Retry-After of `0` or a date in the past. Default 1 s. */
  readonly floor?: Duration.DurationInput | undefined
  /** Fraction (0–1) by which a backoff wait is randomly shortened; `0` disables. Default 0.25. */
  readonly jitter?: number | undefined
}

/**
 * Options with every field resolved.
 * @since 0.1.0
 */
export interface Resolved {
  readonly maxAttempts: number
  readonly maxElapsed: Duration.Duration
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly floor: Duration.Duration
  readonly jitter: number
}

/**
 * The defaults: 5 attempts, 2 minutes, 500 ms base, 60 s cap, 1 s floor,
 * 25 % jitter.
 * @since 0.1.0
 */
export const defaults: Resolved = {
  maxAttempts: 5,
  maxElapsed: Duration.minutes(2),
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(60),
  floor: Duration.seconds(1),
  jitter: 0.25
}

/**
 * Fills in defaults and checks the values (throws a `RangeError` for a
 * non-positive `maxAttempts` or a `jitter` outside 0–1).
 * @since 0.1.0
 */
export const resolve = (options: Options = {}): Resolved => {
  const maxAttempts = options.maxAttempts ?? defaults.maxAttempts
  const jitter = options.jitter ?? defaults.jitter
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`RetryPolicy: maxAttempts must be a positive integer, got ${maxAttempts}`)
  }
  if (!(jitter >= 0 && jitter <= 1)) {
    throw new RangeError(`RetryPolicy: jitter must be within 0-1, got ${jitter}`)
  }
  return {
    maxAttempts,
    jitter,
    maxElapsed: Duration.decode(options.maxElapsed ?? defaults.maxElapsed),
    baseDelay: Duration.decode(options.baseDelay ?? defaults.baseDelay),
    maxDelay: Duration.decode(options.maxDelay ?? defaults.maxDelay),
    floor: Duration.decode(options.floor ?? defaults.floor)
  }
}

/**
 * What the schedule outputs after each failure: the error, the number of the
 * attempt that failed (1 for the first request) and the wait before the next
 * one (zero when it gives up).
 * @since 0.1.0
 */
export interface Retry {
  readonly error: AdminApiError
  readonly attempt: number
  readonly delay: Duration.Duration
}

/**
 * The wait the API asked for, when it is the one to honour: a Retry-After on
 * a 429, 503 or 529.
 * @since 0.1.0
 */
export const requestedDelay = (error: AdminApiError): number | undefined => {
  switch (error._tag) {
    case "RateLimitError":
    case "OverloadedError":
      return error.retryAfterMillis
    case "ServerError":
      return error.status === 503 ? error.retryAfterMillis : undefined
    default:
      return undefined
  }
}

/**
 * The wait before retrying after `attempt` failed with `error`, in
 * milliseconds, or `undefined` to stop (not retryable, over the cap, out of
 * attempts). `random` is a number in `[0, 1)` for the jitter. The elapsed
 * budget is checked by {@link schedule}.
 * @since 0.1.0
 */
export const nextDelay = (
  error: AdminApiError,
  attempt: number,
  policy: Resolved,
  random: number
): number | undefined => {
  if (!isRetryable(error) || attempt >= policy.maxAttempts) return undefined
  const cap = Duration.toMillis(policy.maxDelay)
  const requested = requestedDelay(error)
  if (requested !== undefined) {
    const wait = Math.max(requested, Duration.toMillis(policy.floor))
    return wait > cap ? undefined : wait
  }
  const backoff = Math.min(Duration.toMillis(policy.baseDelay) * 2 ** (attempt - 1), cap)
  return Math.round(backoff * (1 - policy.jitter * random))
}

/**
 * The retry `Schedule` for a single request: input the error of the failed
 * attempt, output a {@link Retry}. Use it with `Effect.retry`; when it stops,
 * the last error is the result.
 * @example
 * ```ts
 * effect.pipe(Effect.retry(RetryPolicy.schedule({ maxAttempts: 3 })))
 * ```
 * @since 0.1.0
 */
export const schedule = (options: Options = {}): Schedule.Schedule<Retry, AdminApiError> => {
  const policy = resolve(options)
  const budget = Duration.toMillis(policy.maxElapsed)
  return Schedule.makeWithState(
    { attempts: 0, firstFailure: undefined as number | undefined },
    (now, error: AdminApiError, state) =>
      Effect.map(Random.next, (random) => {
        const attempt = state.attempts + 1
        const firstFailure = state.firstFailure ?? now
        const next = { attempts: attempt, firstFailure }
        const wait = nextDelay(error, attempt, policy, random)
        if (wait === undefined || now + wait - firstFailure > budget) {
          return [next, { error, attempt, delay: Duration.zero }, ScheduleDecision.done] as const
        }
        return [
          next,
          { error, attempt, delay: Duration.millis(wait) },
          ScheduleDecision.continueWith(ScheduleInterval.after(now + wait))
        ] as const
      })
  )
}
