/**
 * A strict reader of the W3C Trace Context `traceparent` header (W3C Recommendation,
 * "Trace Context", section 3.2): `version-traceid-parentid-traceflags`, here version
 * `00` only, as `00-<32 lowercase hex>-<16 lowercase hex>-<2 lowercase hex>`. An all-zero
 * trace id or parent id is invalid. Strict on purpose: a receiver that meets a malformed
 * header starts a new trace, so a header that is "nearly right" breaks the correlation
 * as surely as none at all. Used by the logs lab's checks and the Log stream view.
 */

/** A traceparent header, read. */
export interface TraceParent {
  /** 32 lowercase hex digits: the id shared by every span of one trace. */
  traceId: string;
  /** 16 lowercase hex digits: the id of the caller's span (the parent of the callee's). */
  parentId: string;
  /** The trace-flags byte; bit 0 is `sampled`. */
  flags: number;
  /** Bit 0 of the flags: the caller records this trace. */
  sampled: boolean;
}

export type TraceParentResult = { ok: true; value: TraceParent } | { ok: false; reason: string };

const TRACE_ID = /^[0-9a-f]{32}$/;
const PARENT_ID = /^[0-9a-f]{16}$/;
const FLAGS = /^[0-9a-f]{2}$/;

/** True for a W3C trace id: 32 lowercase hex digits, not all zero. */
export function isTraceId(value: unknown): value is string {
  return typeof value === 'string' && TRACE_ID.test(value) && !/^0+$/.test(value);
}

/**
 * Reads one `traceparent` value. Never throws: a malformed header gives the first thing
 * wrong with it, in words a learner can act on (the value itself is not repeated).
 */
export function parseTraceParent(header: string | undefined | null): TraceParentResult {
  if (header === undefined || header === null) return { ok: false, reason: 'there is no traceparent header' };
  const parts = header.split('-');
  if (parts.length !== 4) return { ok: false, reason: `it has ${parts.length} part(s) separated by "-", not 4 (version-traceid-parentid-flags)` };
  const [version, traceId, parentId, flags] = parts;
  if (version !== '00') return { ok: false, reason: `its version is "${version.slice(0, 8)}", not "00"` };
  if (!TRACE_ID.test(traceId)) return { ok: false, reason: `its trace id has ${traceId.length} character(s); it must be 32 lowercase hex digits` };
  if (/^0+$/.test(traceId)) return { ok: false, reason: 'its trace id is all zeros, which the standard makes invalid' };
  if (!PARENT_ID.test(parentId)) return { ok: false, reason: `its parent id has ${parentId.length} character(s); it must be 16 lowercase hex digits` };
  if (/^0+$/.test(parentId)) return { ok: false, reason: 'its parent id is all zeros, which the standard makes invalid' };
  if (!FLAGS.test(flags)) return { ok: false, reason: `its flags are "${flags.slice(0, 8)}"; they must be 2 lowercase hex digits, e.g. 01 for sampled` };
  const bits = parseInt(flags, 16);
  return { ok: true, value: { traceId, parentId, flags: bits, sampled: (bits & 1) === 1 } };
}

/** The `traceparent` header of a recorded request (names are case-insensitive), or undefined. */
export function traceParentHeader(headers: readonly (readonly [string, string])[]): string | undefined {
  return headers.find(([name]) => name.toLowerCase() === 'traceparent')?.[1];
}
