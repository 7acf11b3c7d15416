/**
 * The retry policy: one `Schedule`, built from options, that decides after
 * each failed attempt of a single page request whether and when to try again.
 *
 * - **Whether.** `AdminApiError.isRetryable`: an `x-should-retry:
 *   true|false` header on the response decides when present (reference
 *   §7.3, §10.9: `true` retries even a 400 or 409, `false` stops even a 429
 *   or 5xx); otherwise 429, 529, 5xx, 408, 409, transport errors and
 *   timeouts are retried, and 400, 401, 403, 404, 410, invalid parameters,
 *   decode and pagination errors are not (another attempt cannot succeed).
 * - **Retry-After wins.** On 429, 503 and 529 the wait the API asked for
 *   (`retry-after-ms`, `retry-after` in seconds or as an HTTP-date, read
 *   against `Clock` when the response arrived; reference §7.3) is used
 *   exactly, raised to `floor` when it is `0` or in the past. A Retry-After
 *   longer than `maxDelay` is not waited for: the error is returned at once.
 * - **A 429 without Retry-After waits for the rate-limit reset.** The live
 *   report endpoints limit requests per organisation and per minute and may
 *   answer 429 with no `Retry-After` but an `anthropic-ratelimit-requests-reset`
 *   instant (reference §10.3). When that instant is still ahead, the policy
 *   waits until it, raised to `floor` and capped at `maxDelay`, without
 *   jitter (waking earlier would only meet another 429). When it is absent
 *   or already past (the live API sometimes sends a past one), the 429 backs
 *   off like any other failure.
 * - **Backoff otherwise.** Other 5xx, 408, 409, transport errors, timeouts
 *   and 429s without a usable hint wait `baseDelay × 2^(attempt-1)`, capped
 *   at `maxDelay`, shortened by a random fraction of up to `jitter` (so
 *   concurrent clients spread out).
 * - **Budget: elapsed time.** No wait may end more than `maxElapsed`
 *   (default 3 minutes) after the first failure; when the next wait would,
 *   the last error is returned. The number of attempts is unlimited by
 *   default (`maxAttempts: Infinity`), because a per-minute limiter needs
 *   time, not a count: with the defaults, backoff alone needs eight attempts
 *   (≈ 64 s) to outlast one minute, which a small attempt count would cut
 *   short (reference §10.3). `maxAttempts` is still available for callers
 *   that want a fixed number of requests (e.g. a CLI's `--max-retries`).
 *
 * Time is read from `Clock`, so `TestClock` drives it in tests.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleInterval from "effect/ScheduleInterval"
import { type AdminApiError, isRetryable } from "./AdminApiError.js"

/**
 * How to retry. Every field is optional; see {@link defaults}.
 * @since 0.1.0
 */
export interface Options {
  /**
   * Attempts in all, the first included (`1` disables retries); a positive
   * integer or `Infinity`. Default `Infinity`: only `maxElapsed` bounds the
   * retries (reference §10.3).
   */
  readonly maxAttempts?: number | undefined
  /**
   * No wait may end later than this after the first failure. Default
   * 3 minutes: enough to outlast a per-minute rate-limit window (reference
   * §10.3) even when the first 429 comes at its start and backoff overshoots
   * the reset by up to one capped wait, with a minute of margin for the
   * following window to be taken by other clients of the organisation.
   */
  readonly maxElapsed?: Duration.DurationInput | undefined
  /** First backoff wait, doubled after each attempt. Default 500 ms. */
  readonly baseDelay?: Duration.DurationInput | undefined
  /**
   * The longest single wait. A Retry-After above it fails fast; a rate-limit
   * reset further away is waited for only this long. Default 60 s.
   */
  readonly maxDelay?: Duration.DurationInput | undefined
  /**
   * The shortest wait for a Retry-After of `0`, a date in the past, or a
   * rate-limit reset that is about to pass. Default 1 s.
   */
  readonly floor?: Duration.DurationInput | undefined
  /** Fraction (0–1) by which a backoff wait is randomly shortened; `0` disables. Default 0.25. */
  readonly jitter?: number | undefined
}

/**
 * Options with every field resolved. `maxAttempts` is `Infinity` when
 * unlimited.
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
 * The defaults: unlimited attempts (`Infinity`) within 3 minutes of the
 * first failure, 500 ms base, 60 s cap, 1 s floor, 25 % jitter (see the
 * module doc and reference §10.3 for why time, not a count, is the budget).
 * @since 0.1.0
 */
export const defaults: Resolved = {
  maxAttempts: Number.POSITIVE_INFINITY,
  maxElapsed: Duration.minutes(3),
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(60),
  floor: Duration.seconds(1),
  jitter: 0.25
}

/**
 * Fills in defaults and checks the values (throws a `RangeError` for a
 * `maxAttempts` that is neither a positive integer nor `Infinity`, or a
 * `jitter` outside 0–1).
 * @since 0.1.0
 */
export const resolve = (options: Options = {}): Resolved => {
  const maxAttempts = options.maxAttempts ?? defaults.maxAttempts
  const jitter = options.jitter ?? defaults.jitter
  if (!(maxAttempts === Number.POSITIVE_INFINITY || (Number.isInteger(maxAttempts) && maxAttempts >= 1))) {
    throw new RangeError(
      `RetryPolicy: maxAttempts must be a positive integer or Infinity, got ${maxAttempts}`
    )
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
 * The wait the API asked for, in milliseconds, when it is the one to honour:
 * a Retry-After on a 429, 503 or 529 (reference §7.3).
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
 * For a 429 without Retry-After: milliseconds until
 * `anthropic-ratelimit-requests-reset` when that is still in the future
 * (reference §10.3); `undefined` when there is no such header, it has
 * already passed, or the error is not a 429.
 * @since 0.2.0
 */
export const resetDelay = (error: AdminApiError): number | undefined =>
  error._tag === "RateLimitError" &&
  error.retryAfterMillis === undefined &&
  error.rateLimitResetMillis !== undefined &&
  error.rateLimitResetMillis > 0
    ? error.rateLimitResetMillis
    : undefined

/**
 * The wait before retrying after `attempt` failed with `error`, in
 * milliseconds, or `undefined` to stop (not retryable, a Retry-After over
 * the cap, out of attempts). In order: Retry-After (exact, at least
 * `floor`), then a future rate-limit reset (at least `floor`, at most
 * `maxDelay`), then jittered exponential backoff. `random` is a number in
 * `[0, 1)` for the jitter. The elapsed budget is checked by {@link schedule}.
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
  const floor = Duration.toMillis(policy.floor)
  const requested = requestedDelay(error)
  if (requested !== undefined) {
    const wait = Math.max(requested, floor)
    return wait > cap ? undefined : wait
  }
  const reset = resetDelay(error)
  if (reset !== undefined) return Math.min(Math.max(reset, floor), cap)
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
