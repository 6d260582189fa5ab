/**
 * The data source's guardrails, in one place. Operators tune these; the code reads them.
 * Durations are milliseconds of the run's clock.
 */

/** How long a cached answer is served. Match it to the freshness you promise: a minute here. */
export const CACHE_TTL_MS = 60_000;
/** Time ranges are rounded down to this, so requests a few seconds apart share one entry. */
export const TIME_BUCKET_MS = 60_000;
/** A range ending less than this before now is a "now" range: its newest data is still arriving, so it is never cached. */
export const NOW_WINDOW_MS = 5 * 60_000;
/** Entries the cache keeps at most; the one used least recently goes first. */
export const CACHE_MAX_ENTRIES = 200;

/** Calls per query at most, the first one included. */
export const MAX_ATTEMPTS = 4;
/** The wait before the first retry; it doubles for each retry after. */
export const BACKOFF_BASE_MS = 200;
/** No wait between retries is longer than this. */
export const BACKOFF_MAX_MS = 5_000;
/** One call's own timeout. */
export const CALL_TIMEOUT_MS = 2_000;

/** Failures in a row (5xx, timeouts, network errors) that open a data source instance's circuit breaker. */
export const BREAKER_THRESHOLD = 5;
/** How long an open breaker refuses calls before it lets one probe through. */
export const BREAKER_OPEN_MS = 15_000;
