/**
 * Notices when a run changed the JavaScript built-ins, the worker's global scope or
 * the modules learner code imports (`Array.prototype.map = …`, `Atomics.seen = 1`,
 * a patched `%ArrayIteratorPrototype%.next`, `globalThis.cache = …`). Such changes
 * would outlive the run in a reused worker (`isolation: 'shared'`, see host.ts), so a
 * worker whose realm changed refuses its next run and the host gives that run to a
 * fresh worker (worker-runtime.ts compares before each run). Cheap: a few thousand
 * property reads per run (0.2 ms at the median in a Chromium worker). Not a boundary: state can still hide where no property leads (a
 * library's closure, a WeakMap); a host with `isolation: 'run'` does not need this.
 */

// Captured when the runtime loads, before any learner code can replace them.
const ownKeys = Reflect.ownKeys;
const describe = Object.getOwnPropertyDescriptor;
const protoOf = Object.getPrototypeOf;
const isExtensible = Object.isExtensible;

/** Global names whose objects, and their prototypes, are watched besides the global scope itself. */
const WATCHED = [
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Proxy',
  'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError',
  'ArrayBuffer', 'DataView', 'Uint8Array', 'Float64Array', 'Intl', 'console', 'EventTarget', 'MessagePort',
  'AbortController', 'AbortSignal', 'Request', 'Response', 'Headers', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
  'DOMException', 'Atomics', 'AggregateError', 'EvalError', 'ReferenceError', 'URIError', 'Int8Array', 'Int16Array',
  'Int32Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Float32Array', 'BigInt64Array', 'BigUint64Array',
  'SharedArrayBuffer', 'WeakRef', 'FinalizationRegistry', 'Iterator', 'MessageChannel', 'MessageEvent', 'Event',
  'structuredClone', 'queueMicrotask',
];

/**
 * The intrinsics no global name leads to, reached through syntax: the iterator,
 * generator and async-function prototypes a patch could change for every later loop.
 */
function hiddenIntrinsics(): object[] {
  const found: unknown[] = [];
  const arrayIterator = protoOf([][Symbol.iterator]());
  found.push(arrayIterator, protoOf(arrayIterator)); // %ArrayIteratorPrototype%, %IteratorPrototype%
  found.push(protoOf(''[Symbol.iterator]()), protoOf(new Map()[Symbol.iterator]()), protoOf(new Set()[Symbol.iterator]()));
  found.push(protoOf(/a/g[Symbol.matchAll]('a')));
  const generator = protoOf(function* () {}) as { prototype: object };
  found.push(generator, generator.prototype);
  const asyncGenerator = protoOf(async function* () {}) as { prototype: object };
  found.push(asyncGenerator, asyncGenerator.prototype, protoOf(asyncGenerator.prototype));
  found.push(protoOf(async function () {}));
  return found.filter((o): o is object => (typeof o === 'object' || typeof o === 'function') && o !== null);
}

/** A property that could still change: its descriptor as captured. */
interface Watched {
  key: PropertyKey;
  value: unknown;
  get: unknown;
  set: unknown;
  writable: boolean | undefined;
  enumerable: boolean | undefined;
  configurable: boolean | undefined;
}
interface ObjectState {
  target: object;
  proto: unknown;
  extensible: boolean;
  /** Every own key, in order: same length and order later means the same key set. */
  keys: PropertyKey[];
  /** Only the properties that can change; frozen ones (non-configurable and read-only) cannot. */
  watched: Watched[];
}

function capture(target: object): ObjectState {
  const keys = ownKeys(target);
  const watched: Watched[] = [];
  for (let i = 0; i < keys.length; i++) {
    const d = describe(target, keys[i]);
    if (!d) continue;
    const frozen = d.configurable === false && (d.get !== undefined || d.set !== undefined || d.writable === false);
    if (!frozen) watched.push({ key: keys[i], value: d.value, get: d.get, set: d.set, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable });
  }
  return { target, proto: protoOf(target), extensible: isExtensible(target), keys, watched };
}

// Runs after every run, so it avoids allocation beyond the descriptors themselves: a
// Map lookup and a flags string per property made it ~2 ms a run, most of a check's cost.
function changed(state: ObjectState): boolean {
  const { target, keys: before, watched } = state;
  if (protoOf(target) !== state.proto || isExtensible(target) !== state.extensible) return true;
  const keys = ownKeys(target);
  if (keys.length !== before.length) return true;
  // Index loops only: the code being checked may have replaced the array iterator.
  for (let i = 0; i < keys.length; i++) if (keys[i] !== before[i]) return true;
  for (let i = 0; i < watched.length; i++) {
    const w = watched[i];
    const d = describe(target, w.key);
    if (!d) return true;
    if (d.value !== w.value && !(d.value !== d.value && w.value !== w.value)) return true; // NaN-safe
    if (d.get !== w.get || d.set !== w.set || d.writable !== w.writable || d.enumerable !== w.enumerable || d.configurable !== w.configurable) return true;
  }
  return false;
}

/**
 * Records the built-ins (and `extra` objects, e.g. the module namespaces learner code
 * imports) as they are now; the returned function says whether anything changed since.
 */
export function watchBuiltins(global: object = globalThis, extra: readonly object[] = []): () => boolean {
  const targets = new Set<object>([global, ...hiddenIntrinsics(), ...extra]);
  for (let proto = protoOf(global); proto && proto !== Object.prototype; proto = protoOf(proto)) targets.add(proto);
  for (const name of WATCHED) {
    const value = (global as Record<string, unknown>)[name];
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    targets.add(value);
    const prototype = (value as { prototype?: unknown }).prototype;
    if (typeof prototype === 'object' && prototype !== null) targets.add(prototype);
  }
  // %TypedArray% and its prototype hold the shared typed array methods.
  const typedArray = protoOf(Uint8Array) as { prototype: object };
  targets.add(typedArray);
  targets.add(typedArray.prototype);
  const states = [...targets].map(capture);
  return () => {
    try {
      for (let i = 0; i < states.length; i++) if (changed(states[i])) return true;
      return false;
    } catch {
      return true; // a trap or getter threw: treat the worker as changed
    }
  };
}
