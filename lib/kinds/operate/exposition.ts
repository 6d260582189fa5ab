/**
 * A strict parser of the Prometheus text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details):
 * what the host reads from each scrape of the learner's registry. The text comes from
 * the sandbox, so it is untrusted: it is parsed within limits (characters, series) and
 * every rule the format states is enforced, with the first broken one reported by line
 * and in words ("line 12: buckets of http_duration_seconds are not in increasing order").
 *
 * Rules enforced: lines end with `\n` (the last one too); `# HELP` at most once per
 * name, with `\\` and `\n` its only escapes; `# TYPE` at most once per name, before its
 * samples, one of counter, gauge, histogram, summary, untyped; metric and label names by
 * the usual patterns; label values quoted, with `\\`, `\"` and `\n` their only escapes;
 * a label named twice; values as Go's ParseFloat reads them (NaN, +Inf, -Inf included);
 * timestamps as int64 ms; all lines of a family in one uninterrupted group; no series
 * twice. Histograms: `x_bucket` lines with a numeric `le`, in increasing order, counts
 * that never go down, a `+Inf` bucket equal to `x_count`, and `x_sum` and `x_count`.
 * Counters are never negative. Not supported: hexadecimal floats (valid in Go, never
 * written by client libraries), and OpenMetrics' additions (`# EOF`, exemplars, `_created`).
 *
 * Ours rather than a package: the one on npm (parse-prometheus-text-format) is lenient,
 * skips the grouping, duplicate and histogram rules, and has no limits (STACK-NOTES).
 */
import { z } from 'zod';

export const METRIC_TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export const exposedSampleSchema = z.object({
  name: z.string().describe('the sample name as written, with any _bucket/_sum/_count suffix'),
  labels: z.record(z.string(), z.string()).describe('label name → value, unescaped'),
  value: z.number().describe('the sample value; NaN and ±Infinity included'),
  timestampMs: z.number().int().optional().describe('the optional timestamp, epoch ms'),
});
export type ExposedSample = z.infer<typeof exposedSampleSchema>;

export const metricFamilySchema = z.object({
  name: z.string(),
  type: z.enum(METRIC_TYPES),
  help: z.string().optional(),
  samples: z.array(exposedSampleSchema),
});
export type MetricFamily = z.infer<typeof metricFamilySchema>;

export interface ExpositionLimits {
  /** Characters of text parsed; more is refused before any parsing. */
  maxChars: number;
  /** Sample lines (series) in all; one more is refused, naming the family and label that grew. */
  maxSeries: number;
}

/**
 * What one scrape may hold (the sandbox sends at most SCRAPE_TEXT_LIMIT characters too):
 * a plugin's own metrics are a few hundred series; 5,000 is a cardinality problem.
 */
export const EXPOSITION_LIMITS: ExpositionLimits = { maxChars: 262_144, maxSeries: 5_000 };

export type ParseResult = { ok: true; families: MetricFamily[]; series: number } | { ok: false; line?: number; message: string };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT64 = /^[+-]?\d{1,19}$/;

class ParseFailure extends Error {
  constructor(
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

interface FamilyState {
  family: MetricFamily;
  hasType: boolean;
  /** A later family started: another line of this one breaks the grouping rule. */
  closed: boolean;
  keys: Set<string>;
}

/** Parses one scrape's text. Never throws: a broken rule is `{ ok: false, line, message }`. */
export function parseExposition(text: string, limits: ExpositionLimits = EXPOSITION_LIMITS): ParseResult {
  try {
    return parse(text, limits);
  } catch (err) {
    if (err instanceof ParseFailure) return { ok: false, ...(err.line ? { line: err.line } : {}), message: err.line ? `line ${err.line}: ${err.message}` : err.message };
    throw err;
  }
}

function parse(text: string, limits: ExpositionLimits): ParseResult {
  if (text.length > limits.maxChars) {
    throw new ParseFailure(undefined, `the text is ${text.length.toLocaleString('en')} characters, over the ${limits.maxChars.toLocaleString('en')} a scrape takes. That many series means a label with unbounded values.`);
  }
  if (text.length > 0 && !text.endsWith('\n')) throw new ParseFailure(lineCount(text), 'the last line must end with a line feed (\\n), as every line of the format does.');
  const families = new Map<string, FamilyState>();
  let current: FamilyState | undefined;
  /** Where each sample was, for the histogram rules checked once every line is read. */
  const lineOfSample = new Map<ExposedSample, number>();
  let series = 0;
  let lineNo = 0;
  let start = 0;

  const open = (name: string, line: number): FamilyState => {
    const known = families.get(name);
    if (known) {
      if (known !== current && known.closed) throw new ParseFailure(line, `the lines of ${name} are not in one group: another metric's lines come between them. Write every line of a metric together.`);
      if (current && current !== known) current.closed = true;
      current = known;
      return known;
    }
    if (current) current.closed = true;
    current = { family: { name, type: 'untyped', samples: [] }, hasType: false, closed: false, keys: new Set() };
    families.set(name, current);
    return current;
  };

  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const raw = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (raw.includes('\r')) throw new ParseFailure(lineNo, 'the line ends with a carriage return (\\r): lines end with a line feed (\\n) only.');
    const line = trimBlanks(raw);
    if (line === '') continue;
    if (line[0] === '#') {
      directive(line, lineNo, open);
      continue;
    }
    const sample = parseSample(line, lineNo);
    const state = familyOf(sample.name, current, families) ?? open(sample.name, lineNo);
    if (state !== current) open(state.family.name, lineNo);
    checkSampleShape(state.family, sample, lineNo);
    const key = seriesKey(sample);
    if (state.keys.has(key)) throw new ParseFailure(lineNo, `${describeSeries(sample)} appears twice: each series (name and labels) may appear once per scrape.`);
    state.keys.add(key);
    state.family.samples.push(sample);
    lineOfSample.set(sample, lineNo);
    if (++series > limits.maxSeries) throw new ParseFailure(lineNo, tooManySeries([...families.values()].map((f) => f.family), limits.maxSeries));
  }
  const list = [...families.values()].map((f) => f.family);
  for (const family of list) checkFamily(family, lineOfSample);
  return { ok: true, families: list, series };
}

/** A `# HELP` or `# TYPE` line (other comments are ignored). */
function directive(line: string, lineNo: number, open: (name: string, line: number) => FamilyState) {
  const body = trimBlanks(line.slice(1));
  const [keyword] = body.split(/[ \t]+/, 1);
  if (keyword !== 'HELP' && keyword !== 'TYPE') return;
  const rest = trimBlanks(body.slice(keyword.length));
  const nameEnd = rest.search(/[ \t]/);
  const name = nameEnd < 0 ? rest : rest.slice(0, nameEnd);
  if (!name) throw new ParseFailure(lineNo, `# ${keyword} needs a metric name.`);
  if (!METRIC_NAME.test(name)) throw new ParseFailure(lineNo, `"${clip(name)}" is not a metric name: use letters, digits, _ and :, not starting with a digit.`);
  const after = nameEnd < 0 ? '' : trimBlanks(rest.slice(nameEnd));
  const state = open(name, lineNo);
  if (keyword === 'HELP') {
    if (state.family.help !== undefined) throw new ParseFailure(lineNo, `a second # HELP line for ${name}: there may be only one.`);
    state.family.help = unescapeHelp(after, lineNo);
    return;
  }
  const tokens = after === '' ? [] : after.split(/[ \t]+/);
  if (tokens.length !== 1) throw new ParseFailure(lineNo, `# TYPE ${name} needs exactly one type (counter, gauge, histogram, summary or untyped), got ${tokens.length === 0 ? 'none' : `"${clip(after)}"`}.`);
  if (!(METRIC_TYPES as readonly string[]).includes(tokens[0])) throw new ParseFailure(lineNo, `"${clip(tokens[0])}" is not a metric type: use counter, gauge, histogram, summary or untyped.`);
  if (state.hasType) throw new ParseFailure(lineNo, `a second # TYPE line for ${name}: there may be only one.`);
  if (state.family.samples.length > 0) throw new ParseFailure(lineNo, `# TYPE ${name} comes after samples of ${name}: it must come before them.`);
  state.hasType = true;
  state.family.type = tokens[0] as MetricType;
}

/** `name{labels} value [timestamp]`. */
function parseSample(line: string, lineNo: number): ExposedSample {
  let i = 0;
  while (i < line.length && isNameChar(line.charCodeAt(i), true)) i++;
  const name = line.slice(0, i);
  if (!METRIC_NAME.test(name)) throw new ParseFailure(lineNo, `"${clip(line)}" does not start with a metric name: use letters, digits, _ and :, not starting with a digit.`);
  while (line[i] === ' ' || line[i] === '\t') i++;
  const labels: Record<string, string> = Object.create(null);
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === '}') break;
      const labelStart = i;
      while (i < line.length && isNameChar(line.charCodeAt(i), false)) i++;
      const label = line.slice(labelStart, i);
      if (!LABEL_NAME.test(label)) throw new ParseFailure(lineNo, `a label name of ${name} is missing or invalid near "${clip(line.slice(labelStart, labelStart + 30))}": label names use letters, digits and _, not starting with a digit.`);
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] !== '=') throw new ParseFailure(lineNo, `label ${label} of ${name} needs = and a quoted value.`);
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] !== '"') throw new ParseFailure(lineNo, `the value of label ${label} of ${name} must be in double quotes.`);
      i++;
      let value = '';
      for (;;) {
        // Plain runs are copied in one slice; only escapes are walked.
        const quote = line.indexOf('"', i);
        const slash = line.indexOf('\\', i);
        if (quote < 0) throw new ParseFailure(lineNo, `the value of label ${label} of ${name} has no closing double quote.`);
        if (slash < 0 || quote < slash) {
          value += line.slice(i, quote);
          i = quote + 1;
          break;
        }
        value += line.slice(i, slash);
        const e = line[slash + 1];
        i = slash + 2;
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else throw new ParseFailure(lineNo, `label ${label} of ${name} has the escape \\${e ?? ''}: a label value may escape only \\\\, \\" and \\n.`);
      }
      if (Object.hasOwn(labels, label)) throw new ParseFailure(lineNo, `${name} names the label ${label} twice.`);
      labels[label] = value;
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === ',') {
        i++;
        continue;
      }
      if (line[i] === '}') break;
      throw new ParseFailure(lineNo, `after label ${label} of ${name}, expected , or } but found ${line[i] === undefined ? 'the end of the line' : `"${line[i]}"`}.`);
    }
    i++; // the closing brace
  }
  const tokens = trimBlanks(line.slice(i)).split(/[ \t]+/).filter(Boolean);
  if (tokens.length === 0) throw new ParseFailure(lineNo, `${name} has no value.`);
  if (tokens.length > 2) throw new ParseFailure(lineNo, `${name} has more than a value and a timestamp after it: "${clip(tokens.slice(2).join(' '))}".`);
  const value = parseFloatGo(tokens[0]);
  if (value === undefined) throw new ParseFailure(lineNo, `the value of ${name} is "${clip(tokens[0])}", not a number: a sample value is a float, +Inf, -Inf or NaN.`);
  const sample: ExposedSample = { name, labels: { ...labels }, value };
  if (tokens.length === 2) {
    if (!INT64.test(tokens[1]) || Math.abs(Number(tokens[1])) > 9.223372036854776e18) throw new ParseFailure(lineNo, `the timestamp of ${name} is "${clip(tokens[1])}": it must be an integer, milliseconds since the epoch.`);
    sample.timestampMs = Number(tokens[1]);
  }
  return sample;
}

/** The family a sample belongs to, if it continues the current one or names a histogram or summary already seen. */
function familyOf(name: string, current: FamilyState | undefined, families: Map<string, FamilyState>): FamilyState | undefined {
  if (current && belongs(current.family, name)) return current;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const typed = base !== name ? families.get(base) : undefined;
  if (typed && belongs(typed.family, name)) return typed;
  return families.get(name);
}

function belongs(family: MetricFamily, name: string): boolean {
  if (family.type === 'histogram') return name === `${family.name}_bucket` || name === `${family.name}_sum` || name === `${family.name}_count`;
  if (family.type === 'summary') return name === family.name || name === `${family.name}_sum` || name === `${family.name}_count`;
  return name === family.name;
}

function checkSampleShape(family: MetricFamily, sample: ExposedSample, lineNo: number) {
  if (family.type === 'histogram' && sample.name.endsWith('_bucket') && !Object.hasOwn(sample.labels, 'le')) {
    throw new ParseFailure(lineNo, `${describeSeries(sample)} is a bucket without an le label: every bucket line names its upper bound, le="…".`);
  }
  if (family.type === 'histogram' && !sample.name.endsWith('_bucket') && Object.hasOwn(sample.labels, 'le')) {
    throw new ParseFailure(lineNo, `${describeSeries(sample)} has an le label: only ${family.name}_bucket lines have one.`);
  }
  if (family.type === 'summary' && sample.name === family.name && !Object.hasOwn(sample.labels, 'quantile')) {
    throw new ParseFailure(lineNo, `${describeSeries(sample)} is a summary line without a quantile label.`);
  }
  if (family.type === 'counter' && sample.value < 0) {
    throw new ParseFailure(lineNo, `the counter ${describeSeries(sample)} is ${sample.value}: a counter never goes below 0.`);
  }
}

/** The histogram rules, per series (labels without `le`): numeric bounds, increasing, cumulative, +Inf = _count. */
function checkFamily(family: MetricFamily, lineOfSample: Map<ExposedSample, number>) {
  if (family.type !== 'histogram') return;
  const groups = new Map<string, { labels: Record<string, string>; buckets: { le: string; count: number; line?: number }[]; sum?: number; count?: number; line?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { labels: rest, buckets: [], line: lineOfSample.get(s) }));
    if (s.name.endsWith('_bucket')) group.buckets.push({ le, count: s.value, line: lineOfSample.get(s) });
    else if (s.name.endsWith('_sum')) group.sum = s.value;
    else group.count = s.value;
  }
  for (const group of groups.values()) {
    const what = `${family.name}${labelText(group.labels)}`;
    let at = group.line;
    const fail = (message: string): never => {
      throw new ParseFailure(at, message);
    };
    let previous = -Infinity;
    let previousCount = -Infinity;
    for (const bucket of group.buckets) {
      at = bucket.line;
      const bound = parseFloatGo(bucket.le);
      if (bound === undefined || Number.isNaN(bound)) fail(`the histogram ${what} has a bucket le="${clip(bucket.le)}", which is not a number: bucket bounds are numbers, the last one +Inf.`);
      if (bound! <= previous) fail(`the buckets of the histogram ${what} are not in increasing order: le="${bucket.le}" comes after a bound of ${previous}.`);
      if (bucket.count < previousCount) fail(`the histogram ${what} has a bucket le="${bucket.le}" with ${bucket.count} observations, fewer than the bucket before (${previousCount}): buckets are cumulative, each counts everything up to its bound.`);
      previous = bound!;
      previousCount = bucket.count;
    }
    if (previous !== Infinity) fail(`the histogram ${what} has no le="+Inf" bucket: the last bucket must be +Inf.`);
    if (group.count === undefined) fail(`the histogram ${what} has no ${family.name}_count line.`);
    if (group.sum === undefined) fail(`the histogram ${what} has no ${family.name}_sum line.`);
    if (group.count !== previousCount) fail(`the +Inf bucket of the histogram ${what} is ${previousCount} but ${family.name}_count is ${group.count}: they must be equal.`);
  }
}

/** The message for a scrape past `maxSeries`: which family grew, and which of its labels has the most values. */
function tooManySeries(families: MetricFamily[], max: number): string {
  const biggest = families.reduce((a, b) => (b.samples.length > a.samples.length ? b : a));
  const values = new Map<string, Set<string>>();
  for (const s of biggest.samples) {
    for (const [k, v] of Object.entries(s.labels)) {
      if (k === 'le' || k === 'quantile') continue;
      let set = values.get(k);
      if (!set) values.set(k, (set = new Set()));
      set.add(v);
    }
  }
  const [label, set] = [...values.entries()].reduce<[string, Set<string>] | [undefined, Set<string>]>((a, b) => (b[1].size > a[1].size ? b : a), [undefined, new Set()]);
  const why = label ? `: its label ${label} has ${set.size.toLocaleString('en')} different values so far` : '';
  return `more than ${max.toLocaleString('en')} series in one scrape; ${biggest.name} alone has ${biggest.samples.length.toLocaleString('en')}${why}. Label values must come from a small fixed set (query type, status, error category), never user ids, raw queries or URLs.`;
}

/** Go's strconv.ParseFloat for the forms client libraries write: decimals, exponents, ±Inf and NaN (any case). */
export function parseFloatGo(token: string): number | undefined {
  if (FLOAT.test(token)) return Number(token);
  const lower = token.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return undefined;
}

function unescapeHelp(text: string, lineNo: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === '\\') out += '\\';
    else if (e === 'n') out += '\n';
    else throw new ParseFailure(lineNo, `# HELP has the escape \\${e ?? ''}: HELP text may escape only \\\\ and \\n.`);
  }
  return out;
}

function seriesKey(sample: ExposedSample): string {
  const names = Object.keys(sample.labels).sort();
  let key = sample.name;
  for (const n of names) key += `\u0000${n}\u0001${sample.labels[n]}`;
  return key;
}

/** [a-zA-Z0-9_], and `:` too for metric names. */
function isNameChar(c: number, colon: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (colon && c === 58);
}

function describeSeries(sample: ExposedSample): string {
  return `${sample.name}${labelText(sample.labels)}`;
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${clip(v, 40)}"`).join(',')}}` : '';
}

function trimBlanks(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Every sample of every family, for reading values: the series `name` (with suffix) and labels that match `where`. */
export function samplesOf(families: readonly MetricFamily[], name: string, where: Record<string, string> = {}): ExposedSample[] {
  const out: ExposedSample[] = [];
  for (const family of families) {
    for (const s of family.samples) {
      if (s.name !== name) continue;
      if (Object.entries(where).every(([k, v]) => s.labels[k] === v)) out.push(s);
    }
  }
  return out;
}
