/**
 * Size and shape limits for what crosses from the sandbox to the page. A handler can
 * return a 100 MB frame, a circular object or one nested a million levels deep; the
 * page would freeze copying, parsing or drawing it. The worker measures its answer
 * before posting it (so the cost stays in the worker), and the host measures every
 * message before parsing it (so a message over the limit is refused, not trusted).
 *
 * Grafana's wire format is JSON, so anything JSON cannot hold (cycles) is refused too:
 * a cycle shows up as nesting past `maxDepth`.
 */

export interface OutputLimits {
  /** Estimated JSON size in bytes (strings by length, other values about 8 bytes). */
  maxBytes: number;
  /** Values of any kind, counted as JSON would write them (shared objects count each time). */
  maxValues: number;
  /** Objects and arrays nested inside each other. */
  maxDepth: number;
}

// Sized so a million-point result (10 series of 100,000 time + value pairs, about
// 16 MB of numbers) fits, and a 100 MB one does not.
export const OUTPUT_LIMITS: OutputLimits = {
  maxBytes: 32 * 1024 * 1024,
  maxValues: 4_000_000,
  maxDepth: 64,
};

/** The host allows a little more than the worker sends, for the message envelope. */
export const MESSAGE_LIMITS: OutputLimits = { ...OUTPUT_LIMITS, maxBytes: OUTPUT_LIMITS.maxBytes + 64 * 1024, maxDepth: OUTPUT_LIMITS.maxDepth + 8 };

export type Measured = { ok: true; bytes: number; values: number } | { ok: false; reason: string };

// Captured when the runtime loads, before any learner code: a handler that replaces
// Object.keys or Array.isArray must not be able to hide the size of its answer.
const keysOf = Object.keys;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;

/** Walks `value` without recursion, stopping at the first limit it passes. Never throws on plain data. */
export function measureOutput(value: unknown, limits: OutputLimits = OUTPUT_LIMITS): Measured {
  const stack: [unknown, number][] = [[value, 0]];
  let bytes = 0;
  let values = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (++values > limits.maxValues) return { ok: false, reason: `it holds more than ${limits.maxValues.toLocaleString('en')} values` };
    if (typeof item === 'string') bytes += item.length + 2;
    else if (typeof item !== 'object' || item === null) bytes += 8;
    else if (isView(item)) {
      // A packed value column (frame-transfer.ts): its numbers count as values too.
      bytes += (item as ArrayBufferView).byteLength;
      values += (item as unknown as { length?: number }).length ?? 0;
    }
    else {
      if (depth >= limits.maxDepth) return { ok: false, reason: `it is nested more than ${limits.maxDepth} levels deep, or refers to itself (a circular reference)` };
      bytes += 2;
      if (isArray(item)) {
        // Checked before pushing, so a 100-million-item array is refused at once.
        if (values + stack.length + item.length > limits.maxValues) return { ok: false, reason: `it holds more than ${limits.maxValues.toLocaleString('en')} values` };
        for (let i = 0; i < item.length; i++) stack.push([item[i], depth + 1]);
        // Bytes from items are counted when they are popped; empty slots still cost a comma.
        bytes += item.length;
      } else {
        for (const key of keysOf(item)) {
          bytes += key.length + 4;
          stack.push([(item as Record<string, unknown>)[key], depth + 1]);
        }
      }
    }
    if (bytes > limits.maxBytes) return { ok: false, reason: `it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB` };
    if (values + stack.length > limits.maxValues) return { ok: false, reason: `it holds more than ${limits.maxValues.toLocaleString('en')} values` };
  }
  return { ok: true, bytes, values };
}

/** The learner-facing message for an answer over the limits. */
export function tooLargeMessage(reason: string): string {
  return `The handler's answer cannot be shown because ${reason}. Grafana sends frames as JSON: return plain values (numbers, strings, booleans, null), keep frames to what a panel can draw, and avoid objects that refer to themselves.`;
}
