/**
 * The correlation id of a request, and the W3C `traceparent` header that carries it to
 * the upstream (W3C Trace Context: `00-<trace-id>-<parent-id>-<trace-flags>`).
 */

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  do crypto.getRandomValues(buffer);
  while (buffer.every((b) => b === 0)); // an all-zero id is invalid
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new trace id: 32 lowercase hex digits (16 random bytes), never all zeros. */
export function newTraceId(): string {
  return randomHex(16);
}

/** A new span id: 16 lowercase hex digits (8 random bytes), never all zeros. */
export function newSpanId(): string {
  return randomHex(8);
}

/** The traceparent value for a call made from span `spanId` of trace `traceId`, sampled. */
export function traceparent(traceId: string, spanId: string): string {
  // version 00; flags 01: sampled, so the upstream keeps its side of the trace too.
  return `00-${traceId}-${spanId}-01`;
}
