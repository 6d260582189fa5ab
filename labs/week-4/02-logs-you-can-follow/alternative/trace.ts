/**
 * The correlation id of a request, and the W3C `traceparent` header that carries it to
 * the upstream (W3C Trace Context: `00-<trace-id>-<parent-id>-<trace-flags>`).
 */

const HEX = '0123456789abcdef';

function hexDigits(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += HEX[Math.floor(Math.random() * 16)];
  // All zeros is the one value the standard forbids: draw again.
  return /^0+$/.test(out) ? hexDigits(count) : out;
}

export const newTraceId = (): string => hexDigits(32);
export const newSpanId = (): string => hexDigits(16);

const VERSION = '00';
const SAMPLED = '01';

export function traceparent(traceId: string, spanId: string): string {
  return [VERSION, traceId, spanId, SAMPLED].join('-');
}
