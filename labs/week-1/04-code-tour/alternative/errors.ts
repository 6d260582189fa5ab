/**
 * Turns a failed answer from the metrics API into an error category and a message a
 * user can act on. The handler calls this for every non-2xx response.
 */
import type { ErrorCategory } from '@lab/sdk';

export interface UpstreamFailure {
  category: ErrorCategory;
  message: string;
}

/**
 * Seconds to wait, from a Retry-After header: either delay-seconds or an HTTP date
 * (RFC 9110, section 10.2.3). Undefined when the header is missing or unreadable.
 */
function retryDelaySeconds(retryAfter: string | null): number | undefined {
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** "45s", or "2 min" for whole minutes: short enough for a panel's error corner. */
function formatDelay(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds}s`;
}

export function categorize(status: number, retryAfter: string | null): UpstreamFailure {
  switch (true) {
    case status === 401 || status === 403:
      return { category: 'auth', message: 'The metrics API rejected the API key. Check the key in the data source settings.' };
    case status === 429: {
      const delay = retryDelaySeconds(retryAfter);
      const when = delay === undefined ? 'shortly' : `in ${formatDelay(delay)}`;
      return { category: 'rate_limit', message: `Rate limited by the metrics API: retry ${when}.` };
    }
    case status >= 500:
      return { category: 'upstream', message: `The metrics API answered with HTTP ${status}. Try again later.` };
    default:
      return { category: 'upstream', message: `The metrics API refused the query (HTTP ${status}).` };
  }
}
