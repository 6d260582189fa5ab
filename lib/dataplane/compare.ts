/**
 * Compares the series frames hold (read with `readTimeSeries`) with the series they
 * should hold, point by point and in full, and says where they first differ in a short
 * message a check can show: which series, which time, what was expected and what is
 * there, and how many other differences there are. Nothing is cut off before comparing.
 *
 * NaN equals NaN here, and Infinity is told apart from NaN and null, so turning
 * Prometheus' "+Inf" into NaN is a difference. A null at a time the series has no point
 * is a gap filler (a wide frame needs one wherever a series has no sample), not a point.
 */
import { formatLabels, formatTime, seriesKey, showValue } from './format';
import type { TimeSeriesData } from './series';

/** A series as the frames should hold it. */
export interface ExpectedSeries {
  /** The value field's name. */
  name: string;
  /** The series' labels (field labels, or string-field values in a long frame). */
  labels: Readonly<Record<string, string>>;
  /** Times in epoch milliseconds, oldest first. */
  times: readonly number[];
  /** The value at each time: numbers, NaN and ±Infinity included. */
  values: readonly number[];
  /** What the upstream sent for each value ("+Inf", "42.17"), quoted in messages when given. */
  sent?: readonly string[];
}

/** How series are matched: by name and labels (the data-plane identity), or by labels alone. */
export type SeriesIdentity = 'name-and-labels' | 'labels';

export interface DiffOptions {
  /** Default 'name-and-labels'. Use 'labels' when the lab does not prescribe the field name. */
  identity?: SeriesIdentity;
  /** How many series to name in a "missing" or "unexpected" list; default 1, to keep messages short. */
  listed?: number;
}

/** Two values are the same number: NaN matches NaN; 0 matches -0; null and text match nothing. */
export function sameNumber(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && (a === b || (Number.isNaN(a) && Number.isNaN(b)));
}

/**
 * Where `got` differs from `want`, in one short message, or undefined when they hold
 * the same series with the same points. Series order does not matter; point order does
 * not either (sorting is the data-plane checker's business).
 */
export function diffSeries(got: readonly TimeSeriesData[], want: readonly ExpectedSeries[], options: DiffOptions = {}): string | undefined {
  const identify = options.identity === 'labels' ? (s: { labels: Readonly<Record<string, string>> }) => formatLabels(s.labels) : (s: { name: string; labels: Readonly<Record<string, string>> }) => seriesKey(s.name, s.labels);
  const listed = options.listed ?? 1;
  const byKey = new Map<string, TimeSeriesData>();
  const twice: string[] = [];
  for (const s of got) {
    const key = identify(s);
    if (byKey.has(key)) twice.push(key);
    else byKey.set(key, s);
  }
  const wanted = new Set(want.map(identify));
  const missing = want.map(identify).filter((k) => !byKey.has(k));
  const extra = [...byKey.keys()].filter((k) => !wanted.has(k));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${names(missing, listed)}` : '',
      extra.length > 0 ? `${missing.length > 0 ? 'and ' : ''}holding ${names(extra, listed)}, which the upstream did not send` : '',
    ].filter(Boolean);
    const what = options.identity === 'labels' ? 'series (by labels)' : 'series (by name and labels)';
    return `the frames hold ${got.length} ${what}, ${parts.join(' ')}.`;
  }
  if (twice.length > 0) return `series ${twice[0]} appears twice: each series should appear once.`;

  const differing: Array<{ key: string; first: string; count: number }> = [];
  for (const w of want) {
    const key = identify(w);
    const result = diffPoints(byKey.get(key)!, w);
    if (result) differing.push({ key, ...result });
  }
  if (differing.length === 0) return undefined;
  const [first] = differing;
  const points = first.count - 1;
  const others = differing.length - 1;
  const more = [points > 0 ? `${points} more point${points === 1 ? '' : 's'} of it differ${points === 1 ? 's' : ''}` : '', others > 0 ? `${others} other series differ${others === 1 ? 's' : ''} too` : '']
    .filter(Boolean)
    .join('; ');
  return `${first.key}: ${first.first}${more ? ` (${more})` : ''}.`;
}

function names(keys: readonly string[], listed: number): string {
  const shown = keys.slice(0, listed).join(', ');
  return keys.length > listed ? `${shown} (and ${keys.length - listed} more)` : shown;
}

/** The first difference of one series, in words, and how many points differ. */
function diffPoints(got: TimeSeriesData, want: ExpectedSeries): { first: string; count: number } | undefined {
  // Times are matched to the millisecond, so seconds × 1000 with floating-point dust still matches.
  const gotAt = new Map<number, { value: unknown; repeats: number }>();
  got.times.forEach((t, row) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) return;
    const at = Math.round(t);
    const seen = gotAt.get(at);
    if (seen) seen.repeats++;
    else gotAt.set(at, { value: got.values[row], repeats: 1 });
  });
  const problems: Array<{ time: number; text: string }> = [];
  const wantTimes = new Set<number>();
  want.times.forEach((t, i) => {
    const at = Math.round(t);
    wantTimes.add(at);
    const sent = want.sent?.[i] !== undefined ? ` (the upstream sent ${JSON.stringify(want.sent[i])})` : '';
    const point = gotAt.get(at);
    if (!point || point.value == null) {
      problems.push({ time: at, text: `the point at ${formatTime(at)} should be ${showNumber(want.values[i])}${sent} but ${point ? `it is ${showValue(point.value)}` : 'there is none'}` });
    } else if (point.repeats > 1) {
      problems.push({ time: at, text: `there are ${point.repeats} points at ${formatTime(at)}; there should be one` });
    } else if (!sameNumber(point.value, want.values[i])) {
      problems.push({ time: at, text: `at ${formatTime(at)} the value should be ${showNumber(want.values[i])}${sent} but it is ${showNumber(point.value)}` });
    }
  });
  for (const [at, point] of gotAt) {
    if (wantTimes.has(at) || point.value == null) continue;
    problems.push({ time: at, text: `there is a point at ${formatTime(at)} (${showNumber(point.value)}) where the upstream sent none` });
  }
  if (problems.length === 0) return undefined;
  problems.sort((a, b) => a.time - b.time);
  return { first: problems[0].text, count: problems.length };
}

/** Numbers as code spells them (Infinity, -Infinity, NaN); text quoted, so "42" and 42 look different. */
function showNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : showValue(value);
}
