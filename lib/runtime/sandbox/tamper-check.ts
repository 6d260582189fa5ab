/**
 * Notices when a run changed the JavaScript built-ins or the worker's global scope
 * (`Array.prototype.map = …`, `JSON.stringify = …`, `globalThis.cache = …`). Such
 * changes would outlive the run in a reused worker and could change later runs
 * (including the check runs of the same Run), so the host starts a fresh sandbox
 * after a run that made them. Cheap: a few thousand property reads per run.
 */

// Captured when the runtime loads, before any learner code can replace them.
const ownKeys = Reflect.ownKeys;
const describe = Object.getOwnPropertyDescriptor;
const protoOf = Object.getPrototypeOf;
const isExtensible = Object.isExtensible;
const apply = Reflect.apply;
const mapGet = Map.prototype.get;

/** Global names whose objects, and their prototypes, are watched besides the global scope itself. */
const WATCHED = [
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Proxy',
  'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError',
  'ArrayBuffer', 'DataView', 'Uint8Array', 'Float64Array', 'Intl', 'console', 'EventTarget', 'MessagePort',
  'AbortController', 'AbortSignal', 'Request', 'Response', 'Headers', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
  'DOMException',
];

type Entry = { value: unknown; get: unknown; set: unknown; flags: string };
interface ObjectState {
  target: object;
  proto: unknown;
  extensible: boolean;
  props: Map<PropertyKey, Entry>;
  size: number;
}

function capture(target: object): ObjectState {
  const props = new Map<PropertyKey, Entry>();
  for (const key of ownKeys(target)) {
    const d = describe(target, key);
    if (!d) continue;
    props.set(key, { value: d.value, get: d.get, set: d.set, flags: `${d.writable}${d.enumerable}${d.configurable}` });
  }
  return { target, proto: protoOf(target), extensible: isExtensible(target), props, size: props.size };
}

function changed(state: ObjectState): boolean {
  const { target, props } = state;
  if (protoOf(target) !== state.proto || isExtensible(target) !== state.extensible) return true;
  const keys = ownKeys(target);
  if (keys.length !== state.size) return true;
  // Index loops and captured functions only: the code being checked may have replaced
  // the array iterator or Map.prototype.get to hide what it did.
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const before = apply(mapGet, props, [key]) as Entry | undefined;
    const d = describe(target, key);
    if (!before || !d) return true;
    if (d.value !== before.value && !(d.value !== d.value && before.value !== before.value)) return true; // NaN-safe
    if (d.get !== before.get || d.set !== before.set || `${d.writable}${d.enumerable}${d.configurable}` !== before.flags) return true;
  }
  return false;
}

/** Records the built-ins as they are now; the returned function says whether anything changed since. */
export function watchBuiltins(global: object = globalThis): () => boolean {
  const targets = new Set<object>([global]);
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
