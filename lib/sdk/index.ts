/**
 * `@lab/sdk`: what learner code may import besides `@grafana/data` and `zod`.
 * Types come from ./contract; the few helpers here are plain functions with no
 * access to anything outside their arguments.
 */
import type { DataResponse, ErrorCategory } from './contract';

export * from './contract';
export * from './metrics';

/** The HTTP-like status each error category maps to when a handler gives none. */
export const DEFAULT_STATUS: Readonly<Record<ErrorCategory, number>> = {
  validation: 400,
  auth: 401,
  timeout: 504,
  rate_limit: 429,
  upstream: 502,
  internal: 500,
};

/**
 * Builds the response for a failed query.
 * Go: `backend.ErrDataResponse(status, message)`.
 *
 * @example return { responses: { [q.refId]: queryError('validation', 'metric is required') } };
 */
export function queryError(category: ErrorCategory, message: string, status?: number): DataResponse {
  return { error: { category, message, status: status ?? DEFAULT_STATUS[category] } };
}

/** True when `err` is what `fetch` throws after its signal was aborted or timed out. */
export function isAbortError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
