/**
 * Turns a failed answer from the metrics API into an error category and a message a
 * user can act on. The handler calls this for every non-2xx response.
 */
import type { ErrorCategory } from '@lab/sdk';

export interface UpstreamFailure {
  category: ErrorCategory;
  message: string;
}

export function categorize(status: number, retryAfter: string | null): UpstreamFailure {
  if (status === 401 || status === 403) {
    return { category: 'auth', message: 'The metrics API rejected the API key. Check the key in the data source settings.' };
  }
  // Rate limiting is not an outage: the user (or an alert rule) should wait and retry.
  if (status === 429) {
    return { category: 'rate_limit', message: 'The metrics API is rate limiting requests. Try again in 2 seconds.' };
  }
  if (status >= 500) {
    return { category: 'upstream', message: `The metrics API answered with HTTP ${status}. Try again later.` };
  }
  return { category: 'upstream', message: `The metrics API refused the query (HTTP ${status}).` };
}
