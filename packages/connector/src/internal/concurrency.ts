/**
 * How many windows of each report a sync fetches at once (a module of its
 * own, free of imports, so the config and docs can quote it).
 */

/**
 * Windows of each phase fetched at once by default: 6, every window of the
 * longest sync (`lookbackDays` 180 = 6 windows of 31 days). The report
 * endpoints are limited per organisation and minute (reference §10.3); the
 * docs call short bursts such as downloading all pages fine (§8.2). At most
 * 6 × 3 usage and 6 cost requests are in flight with the default
 * dimensions, and a 180-day sync sends 24 requests in all, a fifth of the
 * 120 a minute the fake allows by default; an organisation with a lower
 * limit gets 429s that the client waits out (to the limit's reset) within
 * the chunk budget.
 */
export const DEFAULT_CONCURRENCY = 6

/** Most windows of each phase fetched at once. */
export const MAX_CONCURRENCY = 16
