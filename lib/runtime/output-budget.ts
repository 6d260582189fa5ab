/**
 * Size and shape limits for what crosses from the sandbox to the page. A handler can
 * return a 100 MB frame, a circular object or one nested a million levels deep; the
 * page would freeze copying, parsing or drawing it. The worker copies its answer once
 * into plain data, measuring as it copies, and posts that copy (so what is measured is
 * what is sent, whatever getters or proxies the answer holds, and the cost stays in the
 * worker); the host measures every message again before parsing it (so a message over
 * the limit is refused, not trusted).
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

/**
 * What one run may send the page in all, counted by the host whatever the messages
 * claim to be. An honest run sends at most ~500 log lines, 100 upstream requests (and
 * their aborts) and one answer; a run past either limit is stopped.
 */
export const RUN_MESSAGE_LIMITS = {
  maxMessages: 2_000,
  /** Estimated bytes (as `measureOutput` counts them) of every message of the run together. */
  maxBytes: 64 * 1024 * 1024,
} as const;

// Captured when the runtime loads, before any learner code: a handler that replaces
// Object.keys, Array.isArray or a prototype's getter must not be able to hide the size
// of its answer or run code while it is copied, beyond the getters of the answer itself.
const keysOf = Object.keys;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const apply = Reflect.apply;
const getter = (proto: object, key: PropertyKey) => Object.getOwnPropertyDescriptor(proto, key)!.get!;
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const mapForEach = Map.prototype.forEach;
const setForEach = Set.prototype.forEach;
const dateTime = Date.prototype.getTime;
const TypedArray = Object.getPrototypeOf(Uint8Array) as { prototype: object };
const typedArrayName = getter(TypedArray.prototype, Symbol.toStringTag);
const typedArraySet = (TypedArray.prototype as { set: (source: ArrayLike<number>) => void }).set;
const TYPED_ARRAYS: Record<string, new (length: number) => ArrayBufferView> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
const DateCtor = Date;
const protoOf = Object.getPrototypeOf;
const PLAIN_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, null]);
/** Plain objects and arrays skip the brand checks (each a caught exception for a non-match). */
const isPlain = (value: object) => PLAIN_PROTOTYPES.has(protoOf(value));
const StringCtor = String;
const stringify = JSON.stringify;

/** A brand check that runs no code of the value's own (no getters, no Symbol.hasInstance). */
function is(brand: (this: unknown) => unknown, value: object): boolean {
  try {
    apply(brand, value, []);
    return true;
  } catch {
    return false;
  }
}
/** The typed array's kind (`Float64Array`), or undefined for anything else. */
function typedKind(value: object): string | undefined {
  return apply(typedArrayName, value, []) as string | undefined;
}

export type Measured = { ok: true; bytes: number; values: number } | { ok: false; reason: string };

/** Arrays up to this length are checked for properties besides their items (a longer check would cost the page a long task). */
const EXTRA_KEYS_CHECKED_UP_TO = 10_000;

/**
 * Walks `value` without recursion, stopping at the first limit it passes. Never throws
 * on data that came out of a structured clone (the host's case): Map and Set entries
 * count, and so do properties an array holds besides its items (for arrays up to
 * 10,000 items; the worker never sends such properties, see `copyAnswer`).
 */
export function measureOutput(value: unknown, limits: OutputLimits = OUTPUT_LIMITS): Measured {
  const stack: [unknown, number][] = [[value, 0]];
  let bytes = 0;
  let values = 0;
  const tooMany = { ok: false as const, reason: `it holds more than ${limits.maxValues.toLocaleString('en')} values` };
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (++values > limits.maxValues) return tooMany;
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
        if (values + stack.length + item.length > limits.maxValues) return tooMany;
        for (let i = 0; i < item.length; i++) stack.push([item[i], depth + 1]);
        // Bytes from items are counted when they are popped; empty slots still cost a comma.
        bytes += item.length;
        if (item.length <= EXTRA_KEYS_CHECKED_UP_TO) {
          const keys = keysOf(item);
          for (let k = item.length; k < keys.length; k++) {
            bytes += keys[k].length + 4;
            stack.push([(item as unknown as Record<string, unknown>)[keys[k]], depth + 1]);
          }
        }
      } else if (!isPlain(item) && (is(mapSize, item) || is(setSize, item))) {
        const size = apply(is(mapSize, item) ? mapSize : setSize, item, []) as number;
        if (values + stack.length + 2 * size > limits.maxValues) return tooMany;
        const push = (v: unknown, k: unknown) => {
          stack.push([k, depth + 1]);
          stack.push([v, depth + 1]);
        };
        apply(is(mapSize, item) ? mapForEach : setForEach, item, [push]);
      } else {
        for (const key of keysOf(item)) {
          bytes += key.length + 4;
          stack.push([(item as Record<string, unknown>)[key], depth + 1]);
        }
      }
    }
    if (bytes > limits.maxBytes) return { ok: false, reason: `it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB` };
    if (values + stack.length > limits.maxValues) return tooMany;
  }
  return { ok: true, bytes, values };
}

/** The answer as the page will get it, or why it cannot go. */
export type Copied =
  | { ok: true; copy: unknown; bytes: number; values: number }
  | { ok: false; error: { kind: 'output' | 'runtime'; message: string } };

/** A value still to copy: where it came from (for messages) and where its copy goes. */
interface Pending {
  source: object;
  depth: number;
  up: Pending | null;
  key: string | number;
  /** The empty container made for it, to fill. */
  copy: Record<string, unknown> | unknown[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function pathOf(up: Pending | null, key: string | number | undefined): string {
  const parts: string[] = [];
  for (let at: { up: Pending | null; key: string | number | undefined } | null = { up, key }; at; at = at.up) {
    if (at.key === undefined || (at.up === null && at.key === '')) continue;
    parts.push(typeof at.key === 'number' ? `[${at.key}]` : IDENTIFIER.test(at.key) ? `.${at.key}` : `[${stringify(at.key.slice(0, 60))}]`);
  }
  const path = parts.reverse().join('').replace(/^\./, '');
  return path || 'the answer itself';
}

/** What a getter threw, in one short line; the thrown value may itself be hostile. */
function describeThrownValue(err: unknown): string {
  try {
    if (err !== null && typeof err === 'object') return `${StringCtor((err as Error).name)}: ${StringCtor((err as Error).message)}`.slice(0, 300);
    return StringCtor(err).slice(0, 300);
  } catch {
    return 'a value that cannot be read';
  }
}

/**
 * Copies the handler's answer once into plain data, measuring it as it goes: each
 * property of the answer is read exactly once, so a getter that is small when measured
 * and huge when cloned, a Proxy, or an answer that changes while it is read cannot get
 * past the limits. Only what JSON would carry is copied (Grafana's wire format is JSON):
 * own enumerable properties of objects, the items of arrays (other properties of an
 * array are dropped), plus typed arrays and dates, which structured clone keeps. A
 * function, symbol, Map or Set is refused with its path; a getter or proxy trap that
 * throws is reported as what it is. Never throws.
 */
export function copyAnswer(value: unknown, limits: OutputLimits = OUTPUT_LIMITS): Copied {
  let bytes = 0;
  let values = 0;
  const stack: Pending[] = [];
  const tooLarge = (reason: string): Copied => ({ ok: false, error: { kind: 'output', message: tooLargeMessage(reason) } });
  const tooMany = () => tooLarge(`it holds more than ${limits.maxValues.toLocaleString('en')} values`);
  const unsendable = (up: Pending | null, key: string | number | undefined, what: string): Copied => ({
    ok: false,
    error: { kind: 'output', message: `The handler's answer cannot be sent to the page: ${pathOf(up, key)} is ${what}. Grafana sends frames as JSON: return plain values only (numbers, strings, booleans, null, plain objects and arrays).` },
  });
  const threw = (up: Pending | null, key: string | number | undefined, err: unknown): Copied => ({
    ok: false,
    error: {
      kind: 'runtime',
      message: `Reading ${pathOf(up, key)} of the handler's answer threw: ${describeThrownValue(err)}. A getter or Proxy in the answer ran while it was sent to the page; return plain values instead.`,
    },
  });

  /** Copies one value into `into[at]`; objects get an empty container and a task. Returns a failure, or undefined. */
  const place = (item: unknown, into: Record<string, unknown> | unknown[], at: string | number, depth: number, up: Pending | null): Copied | undefined => {
    if (++values > limits.maxValues) return tooMany();
    const type = typeof item;
    if (type === 'string') {
      bytes += (item as string).length + 2;
      (into as Record<string | number, unknown>)[at] = item;
    } else if (item === null || (type !== 'object' && type !== 'function' && type !== 'symbol')) {
      bytes += 8;
      (into as Record<string | number, unknown>)[at] = item;
    } else if (type === 'function') return unsendable(up, at, 'a function');
    else if (type === 'symbol') return unsendable(up, at, 'a symbol');
    else {
      const object = item as object;
      // Only what this copy makes is sent, so a value taken for plain by mistake (a Map
      // given Object.prototype) is still copied as plain data: fidelity, not safety.
      if (!isPlain(object)) {
        const kind = isView(object) ? typedKind(object) : undefined;
        if (isView(object)) {
          if (!kind) return unsendable(up, at, 'a DataView');
          // A fresh array of exactly the view's items: a view of a few bytes over a large
          // buffer would otherwise send the whole buffer.
          const length = (object as unknown as { length: number }).length;
          values += length;
          bytes += (object as ArrayBufferView).byteLength;
          if (values > limits.maxValues) return tooMany();
          if (bytes > limits.maxBytes) return tooLarge(`it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
          const fresh = new TYPED_ARRAYS[kind](length);
          apply(typedArraySet, fresh, [object]);
          (into as Record<string | number, unknown>)[at] = fresh;
          return undefined;
        }
        if (is(dateTime, object)) {
          bytes += 8;
          (into as Record<string | number, unknown>)[at] = new DateCtor(apply(dateTime, object, []) as number);
          return undefined;
        }
        if (is(mapSize, object)) return unsendable(up, at, 'a Map (JSON has no Map; use a plain object)');
        if (is(setSize, object)) return unsendable(up, at, 'a Set (JSON has no Set; use an array)');
      }
      if (depth >= limits.maxDepth) return tooLarge(`it is nested more than ${limits.maxDepth} levels deep, or refers to itself (a circular reference)`);
      bytes += 2;
      const copy: Record<string, unknown> | unknown[] = isArray(object) ? [] : {};
      (into as Record<string | number, unknown>)[at] = copy;
      stack.push({ source: object, depth, up, key: at, copy });
    }
    return undefined;
  };

  const root: { value?: unknown } = {};
  const first = place(value, root as Record<string, unknown>, 'value', 0, null);
  if (first) return first;
  // The root's own path is "the answer itself"; its children read as e.g. responses.A.
  if (stack.length) stack[0].key = '';

  while (stack.length > 0) {
    const task = stack.pop()!;
    const { source, depth } = task;
    let reading: string | number | undefined;
    try {
      if (isArray(task.copy)) {
        reading = 'length';
        const length = (source as unknown[]).length;
        if (typeof length !== 'number' || !(length >= 0)) return unsendable(task.up, task.key, 'an array without a valid length');
        // Checked before reading items, so a 100-million-item array is refused at once.
        if (values + length > limits.maxValues) return tooMany();
        const copy = task.copy;
        copy.length = length;
        bytes += length; // commas
        for (let i = 0; i < length; i++) {
          reading = i;
          const failed = place((source as unknown[])[i], copy, i, depth + 1, task);
          if (failed) return failed;
          if (bytes > limits.maxBytes) return tooLarge(`it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
        }
      } else {
        reading = undefined;
        const keys = keysOf(source);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k];
          reading = key;
          bytes += key.length + 4;
          const failed = place((source as Record<string, unknown>)[key], task.copy, key, depth + 1, task);
          if (failed) return failed;
          if (bytes > limits.maxBytes) return tooLarge(`it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
        }
      }
    } catch (err) {
      return threw(task, reading, err);
    }
    if (bytes > limits.maxBytes) return tooLarge(`it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
    if (values + stack.length > limits.maxValues) return tooMany();
  }
  if (bytes > limits.maxBytes) return tooLarge(`it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
  return { ok: true, copy: root.value, bytes, values };
}

/** The learner-facing message for an answer over the limits. */
export function tooLargeMessage(reason: string): string {
  return `The handler's answer cannot be shown because ${reason}. Grafana sends frames as JSON: return plain values (numbers, strings, booleans, null), keep frames to what a panel can draw, and avoid objects that refer to themselves.`;
}
