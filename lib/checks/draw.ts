/**
 * Inputs a check draws for one Run. A check that always sends the same bad query model
 * (aggregation "median", the text `null`, one wrong key) can be passed by a handler
 * that recognises exactly those inputs and validates nothing else. So checks whose
 * verdict depends on an input draw it per Run, from the Run's seed (`ctx.seed`, which
 * never reaches the sandbox), and from a space that covers the kind of input in
 * general: plausible words, wrong case, stray spaces, empty text, wrong JSON types.
 *
 * A check draws a few inputs, one from each class the check is about, so every Run
 * tests every class (and a known bug fails in every Run, not in some), while the
 * members of each class change from Run to Run. Failure messages show the drawn input,
 * so a learner can paste it into the request and see for themselves.
 *
 * The same seed and purpose always give the same inputs: a Run can be reproduced.
 */
import { hashString, mulberry32, shuffled } from '../random';
import { seededUnit } from '../upstreams/seed';
import type { CheckContext } from './types';

/** A seeded stream of choices. */
export interface Draw {
  /** A number in [0, 1). */
  unit(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `n` different items of the list (all of them when it is shorter), in drawn order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** The list in a drawn order (a copy). */
  shuffle<T>(items: readonly T[]): T[];
  /** Lower-case letters, `min` to `max` of them. */
  letters(min: number, max: number): string;
}

/** Salt that keeps checks' draws apart from the upstream's data drawn from the same seed. */
const DRAW_SALT = 0x7a20;

/** A Draw over a generator of numbers in [0, 1). */
export function drawFrom(random: () => number): Draw {
  const draw: Draw = {
    unit: random,
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    chance: (p) => random() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs at least one item.');
      return items[Math.floor(random() * items.length)];
    },
    shuffle: (items) => shuffled(items, random),
    sample: (items, n) => draw.shuffle(items).slice(0, Math.max(0, n)),
    letters: (min, max) => Array.from({ length: draw.int(min, max) }, () => String.fromCharCode(97 + draw.int(0, 25))).join(''),
  };
  return draw;
}

/**
 * The draws of one check in one Run: determined by the Run's seed and `purpose` (use the
 * check's id), so two checks never share a stream and a Run can be replayed. A hand-made
 * context without a seed draws as seed 0.
 */
export function drawFor(ctx: Pick<CheckContext, 'seed'>, purpose: string): Draw {
  const seed = ctx.seed ?? 0;
  return drawFrom(mulberry32(Math.floor(seededUnit(seed, DRAW_SALT, hashString(purpose)) * 0x1_0000_0000)));
}

/** Words that sound like an aggregation but are not one of a lab's (PromQL's others, statistics' names, percentiles). */
const PLAUSIBLE_AGGREGATIONS = [
  'median', 'mean', 'average', 'count', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk', 'group', 'last', 'first',
  'rate', 'total', 'increase', 'mode', 'p50', 'p90', 'p95', 'p99', 'avg_over_time', 'sum_over_time', 'maximum', 'minimum',
] as const;
/** Names every plain JavaScript object answers to: a lookup in `{}` finds them. */
const OBJECT_MEMBER_NAMES = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'] as const;

/** A word with its letter case changed, never equal to the word. */
function otherCase(d: Draw, word: string): string {
  const forms = [word.toUpperCase(), word[0].toUpperCase() + word.slice(1), [...word].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('')];
  const different = forms.filter((f) => f !== word);
  return different.length > 0 ? d.pick(different) : `${word.toUpperCase()}_`;
}

/** A word with whitespace before, after or around it. */
function padded(d: Draw, word: string): string {
  const space = () => d.pick([' ', '  ', '\t', '\n']);
  const where = d.int(0, 2);
  return `${where !== 1 ? space() : ''}${word}${where !== 0 ? space() : ''}`;
}

/** The kinds of wrong aggregation `unknownAggregation` draws from. Text kinds first. */
export const UNKNOWN_AGGREGATION_KINDS = ['word', 'case', 'spaces', 'near', 'empty', 'object-member', 'random', 'number', 'boolean', 'array', 'object'] as const;
export type UnknownAggregationKind = (typeof UNKNOWN_AGGREGATION_KINDS)[number];
/** The kinds that are text: a schema of `z.string()` lets every one of them through. */
export const TEXT_AGGREGATION_KINDS: readonly UnknownAggregationKind[] = ['word', 'case', 'spaces', 'near', 'empty', 'object-member', 'random'];

/**
 * One value that is not an aggregation of `valid`, of the given kind (drawn when left
 * out): a plausible word, a valid one in another case or with spaces around it, a valid
 * one with a suffix, empty text, a name every object has, random letters, or a number,
 * boolean, array or object. Never one of `valid`, never null (a schema may read null
 * as "not set").
 */
export function unknownAggregation(d: Draw, valid: readonly string[], kind: UnknownAggregationKind = d.pick(UNKNOWN_AGGREGATION_KINDS)): unknown {
  const base = d.pick(valid);
  const value = (() => {
    switch (kind) {
      case 'word': return d.pick(PLAUSIBLE_AGGREGATIONS);
      case 'case': return otherCase(d, base);
      case 'spaces': return padded(d, base);
      case 'near': return `${base}${d.pick(['s', '2', '()', '_total', ' by', '_'])}`;
      case 'empty': return '';
      case 'object-member': return d.pick(OBJECT_MEMBER_NAMES);
      case 'random': return d.letters(3, 9);
      case 'number': return d.pick([0, 1, -1, d.int(2, 500), d.int(1, 99) / 4]);
      case 'boolean': return d.chance(0.5);
      case 'array': return d.pick([[base], [], [base, d.pick(valid)]]);
      case 'object': return d.pick([{ name: base }, {}, { [base]: true }]);
    }
  })();
  return typeof value === 'string' && valid.includes(value) ? `${value}_` : value;
}

/**
 * `n` wrong aggregations of different kinds, in drawn order: always a plausible word or
 * random letters (text a `z.string()` schema accepts), then a valid one spelt wrong
 * (case, spaces, a suffix, empty, an object's member name), then (from 3 on) a value
 * that is not text, then any kind not drawn yet.
 */
export function unknownAggregations(d: Draw, valid: readonly string[], n: number): unknown[] {
  const first = d.pick(['word', 'random'] as const);
  const second = d.pick(TEXT_AGGREGATION_KINDS.filter((k) => k !== 'word' && k !== 'random'));
  const third = d.pick(UNKNOWN_AGGREGATION_KINDS.filter((k) => !TEXT_AGGREGATION_KINDS.includes(k)));
  const rest = d.sample(UNKNOWN_AGGREGATION_KINDS.filter((k) => ![first, second, third].includes(k)), Math.max(0, n - 3));
  const kinds: UnknownAggregationKind[] = [first, second, third, ...rest].slice(0, n);
  return d.shuffle(kinds.map((kind) => unknownAggregation(d, valid, kind)));
}

/**
 * A drawn query text as a failure message shows it: in backticks, as typed; as a quoted
 * JSON string when blanks or line breaks would not show (empty, padded, several lines).
 */
export function showText(text: string, max = 160): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut === '' || /^\s|\s$|[\n\t\r`]/.test(cut) ? JSON.stringify(cut) : `\`${cut}\``;
}

/** Whether `text` is JSON (JSON.parse accepts it). */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Query text that is not JSON: a valid query cut short, single quotes, unquoted keys, a
 * trailing comma, a comment, two objects, empty or blank text, a JavaScript literal
 * (`undefined`, `NaN`), a bare word. `query` is a valid query model to start from.
 */
export function notJson(d: Draw, query: Record<string, unknown>): string {
  const json = JSON.stringify(query);
  const [key, value] = Object.entries(query)[0] ?? ['metric', 'cpu_usage_percent'];
  const candidates = [
    () => json.slice(0, d.int(1, json.length - 1)),
    () => `{'${key}': '${String(value)}'}`,
    () => `{${key}: ${JSON.stringify(value)}}`,
    () => `${json.slice(0, -1)},}`,
    () => `${json} // ${d.letters(3, 8)}`,
    () => `${json}${json}`,
    () => d.pick(['', ' ', '\n', '\t ']),
    () => d.pick(['undefined', 'NaN', 'Infinity', '-Infinity', 'None', 'nil']),
    () => String(value),
  ];
  const text = d.pick(candidates)();
  return isJson(text) ? json.slice(0, -1) : text;
}

/** The JSON text `null`, sometimes with blanks around it. */
export function nullJson(d: Draw): string {
  return d.chance(0.5) ? 'null' : padded(d, 'null');
}

/** The kinds of valid JSON that is not an object, besides null. */
export const NON_OBJECT_KINDS = ['number', 'boolean', 'array', 'string'] as const;
export type NonObjectKind = (typeof NON_OBJECT_KINDS)[number];

/**
 * Valid JSON text that is not an object, of the given kind: a number (whole, negative,
 * fractional, exponent), `true`/`false`, an array (empty, of numbers, or holding a valid
 * query: `[{…}]`), or a string (a metric name, or the query's JSON encoded twice).
 */
export function nonObjectJson(d: Draw, kind: NonObjectKind, query: Record<string, unknown>): string {
  const json = JSON.stringify(query);
  switch (kind) {
    case 'number':
      return d.pick([String(d.int(0, 100_000)), String(-d.int(1, 1000)), String(d.int(1, 9999) / 100), `${d.int(1, 9)}e${d.int(1, 6)}`]);
    case 'boolean':
      return d.pick(['true', 'false']);
    case 'array':
      return d.pick(['[]', `[${d.int(0, 9)}, ${d.int(10, 99)}]`, `[${json}]`]);
    case 'string':
      return JSON.stringify(d.pick([String(Object.values(query)[0] ?? d.letters(3, 8)), json, d.letters(3, 8)]));
  }
}

/**
 * `n` query texts that are valid JSON but not objects: `null` always (the one a handler
 * that reads a property first crashes on), then kinds from NON_OBJECT_KINDS, each at
 * most once, in drawn order.
 */
export function nonObjectJsons(d: Draw, query: Record<string, unknown>, n: number): string[] {
  const kinds = d.sample(NON_OBJECT_KINDS, n - 1);
  return d.shuffle([nullJson(d), ...kinds.map((kind) => nonObjectJson(d, kind, query))]);
}

/**
 * A value for a required text field that does not hold one: left out (undefined),
 * empty text, null, a number, a boolean, an array or an object holding `like`.
 */
export function missingText(d: Draw, like: string, kind: 'absent' | 'empty' | 'wrong-type' = d.pick(['absent', 'empty', 'wrong-type'])): unknown {
  if (kind === 'absent') return undefined;
  if (kind === 'empty') return '';
  return d.pick([null, d.int(0, 999), d.chance(0.5), [like], { name: like }]);
}

/** Characters that may make up a drawn key. */
const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * An API key that is not `real`, as a person might paste by mistake: the real key with
 * a few characters changed, or a token of another shape. Never contains `real`, nor is
 * contained in it, and has no blanks (it travels in a header).
 */
export function wrongKey(d: Draw, real: string): string {
  const chars = () => Array.from({ length: d.int(16, 32) }, () => d.pick([...KEY_ALPHABET])).join('');
  for (let attempt = 0; attempt < 20; attempt++) {
    const key =
      d.chance(0.5) && real.length >= 8
        ? [...real].map((c, i) => (i >= real.length - 8 && d.chance(0.4) ? d.pick([...KEY_ALPHABET]) : c)).join('')
        : `${d.pick(['sk-', 'glsa_', 'key-', 'tok_', 'metrics-', ''])}${chars()}`;
    if (key !== real && !key.includes(real) && !real.includes(key) && key.length >= 8) return key;
  }
  return `key-${chars()}`;
}

/**
 * `n` different refIds, as panels name queries: a letter, a letter and a digit, or a
 * word. Made of letters, digits, `-` and `_`, never a name every object has.
 */
export function refIds(d: Draw, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    const letter = String.fromCharCode(65 + d.int(0, 25));
    out.add(d.pick([letter, `${letter}${d.int(1, 9)}`, d.pick(['cpu', 'errors', 'latency', 'queue', 'p95', 'load', 'rps', 'mem']), `q-${d.int(1, 99)}`]));
  }
  return [...out];
}
