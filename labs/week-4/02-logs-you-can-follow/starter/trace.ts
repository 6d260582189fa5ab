/**
 * The correlation id of a request, and the W3C `traceparent` header that carries it to
 * the upstream (W3C Trace Context: `00-<trace-id>-<parent-id>-<trace-flags>`).
 */

/** A new trace id: 32 lowercase hex digits (16 random bytes), never all zeros. */
export function newTraceId(): string {
  // TODO (task 2)
  return '';
}

/** A new span id: 16 lowercase hex digits (8 random bytes), never all zeros. */
export function newSpanId(): string {
  // TODO (task 3)
  return '';
}

/** The traceparent value for a call made from span `spanId` of trace `traceId`, sampled. */
export function traceparent(traceId: string, spanId: string): string {
  // TODO (task 3)
  return `${traceId}${spanId}`;
}
