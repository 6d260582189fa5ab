/**
 * Rules about single fields that several frame types share: equal lengths, the time
 * field (numbers, no gaps, oldest first, one row per time), and values of the type
 * the field declares. Each returns violations without a frame index; the caller adds it.
 */
import { fieldName, formatLabels, formatTime, kindOfValue, more, showValue } from './format';
import { isNumberArray } from './input';
import { NUMBER_TEXT_ADVICE } from './rules-text';
import type { InspectField, InspectFrame, RuleId, Severity, Violation } from './types';

export function violation(rule: RuleId, severity: Severity, message: string, where: { field?: string; row?: number } = {}): Violation {
  return { rule, severity, message, ...where };
}

/** Field types that hold the value of a data point. */
export function isValueField(field: InspectField): boolean {
  return field.type === 'number' || field.type === 'boolean';
}

/** The first time field: the one every time series format reads its timestamps from. */
export function timeField(frame: InspectFrame): InspectField | undefined {
  return frame.fields.find((f) => f.type === 'time');
}

/** Every field needs one value per row; the first field sets the row count. */
export function checkLengths(frame: InspectFrame): Violation[] {
  const [first, ...rest] = frame.fields;
  if (!first) return [];
  return rest
    .filter((f) => f.values.length !== first.values.length)
    .map((f) =>
      violation(
        'field-lengths',
        'error',
        `field ${fieldName(f)} has ${count(f.values.length, 'value')} but ${fieldName(first)} has ${first.values.length}: every field of a frame needs one value per row.`,
        { field: f.name },
      ),
    );
}

/** Fields whose type Grafana had to guess. */
export function checkTypesDeclared(frame: InspectFrame): Violation[] {
  return frame.fields
    .filter((f) => f.typeGuessed)
    .map((f) => violation('field-type-missing', 'warning', `field ${fieldName(f)} has no type, so it was guessed as '${f.type}': set the type (FieldType) yourself.`, { field: f.name }));
}

/** Number fields hold numbers (null and NaN are allowed gaps), boolean fields hold booleans. */
export function checkValueTypes(frame: InspectFrame): Violation[] {
  const out: Violation[] = [];
  for (const f of frame.fields) {
    const expected = f.type === 'number' ? 'number' : f.type === 'boolean' ? 'boolean' : undefined;
    if (!expected || (expected === 'number' && isNumberArray(f.values))) continue; // typed arrays hold only numbers
    const bad = rowsWhere(f.values, (v) => v != null && typeof v !== expected);
    if (bad.length === 0) continue;
    const value = f.values[bad[0]];
    const fix = expected === 'number' && typeof value === 'string' ? ` ${NUMBER_TEXT_ADVICE}` : '';
    out.push(
      violation(
        'value-wrong-type',
        'error',
        `field ${fieldName(f)} has type ${expected} but holds ${kindOfValue(value)} at row ${bad[0]} (${showValue(value)})${more(bad.length - 1)}.${fix}`,
        { field: f.name, row: bad[0] },
      ),
    );
  }
  return out;
}

/** Below this, a "millisecond" time is before 3 March 1973: far more likely seconds. */
const SECONDS_CEILING = 1e11;
/** Above this, seconds are after 3 March 1973: plausible data. */
const SECONDS_FLOOR = 1e8;

export interface TimeRules {
  /** Whether two rows may share a time (long frames: yes, one per series). */
  duplicates: 'allowed' | 'forbidden';
  /** Why duplicates are forbidden, for the message: "a wide frame needs one row per time". */
  duplicateReason?: string;
}

/** The time field: numbers in epoch milliseconds, no gaps, ascending, no labels, maybe unique. */
export function checkTimeField(time: InspectField, rules: TimeRules): Violation[] {
  const out: Violation[] = [];
  const name = `time field ${fieldName(time)}`;
  const at = (row: number) => ({ field: time.name, row });

  if (time.labels) {
    out.push(violation('time-labels', 'warning', `${name} has labels ${formatLabels(time.labels)}: labels describe a series and belong on its value field.`, { field: time.name }));
  }
  const missing = rowsWhere(time.values, (v) => v == null || (typeof v === 'number' && Number.isNaN(v)));
  if (missing.length > 0) {
    const what = time.values[missing[0]] === undefined ? 'no value' : `a ${showValue(time.values[missing[0]])}`;
    out.push(violation('time-null', 'error', `${name} has ${what} at row ${missing[0]}${more(missing.length - 1)}: every row needs a time.`, at(missing[0])));
  }
  const notNumbers = rowsWhere(time.values, (v) => v != null && typeof v !== 'number');
  if (notNumbers.length > 0) {
    const value = time.values[notNumbers[0]];
    out.push(
      violation(
        'time-not-number',
        'error',
        `${name} holds ${kindOfValue(value)} at row ${notNumbers[0]} (${showValue(value)})${more(notNumbers.length - 1)}: times are numbers, milliseconds since 1970 (UTC).`,
        at(notNumbers[0]),
      ),
    );
    return out; // order and duplicates mean little until the values are numbers
  }

  // Rows with a usable time, as plain index lists: frames can hold a million rows, so
  // no per-row objects here.
  const rows: number[] = [];
  for (let i = 0; i < time.values.length; i++) {
    const v = time.values[i];
    if (typeof v === 'number' && Number.isFinite(v)) rows.push(i);
  }
  const t = (row: number) => time.values[row] as number;

  if (rows.length > 0 && rows.every((row) => Math.abs(t(row)) > SECONDS_FLOOR && Math.abs(t(row)) < SECONDS_CEILING)) {
    const row = rows[0];
    out.push(
      violation(
        'time-in-seconds',
        'error',
        `${name} looks like it holds seconds: ${t(row)} at row ${row} would be ${formatTime(t(row))}. Grafana reads times as milliseconds since 1970: multiply seconds by 1000.`,
        at(row),
      ),
    );
  }

  let descents = 0;
  let firstDescent = -1;
  for (let i = 1; i < rows.length; i++) {
    if (t(rows[i]) >= t(rows[i - 1])) continue;
    if (descents++ === 0) firstDescent = i;
  }
  if (descents > 0) {
    const later = rows[firstDescent];
    const earlier = rows[firstDescent - 1];
    out.push(
      violation(
        'time-not-sorted',
        'error',
        `${name} is not sorted: row ${later} (${formatTime(t(later))}) is earlier than row ${earlier} (${formatTime(t(earlier))})${more(descents - 1)}. Sort the rows by time, oldest first.`,
        at(later),
      ),
    );
  }

  if (rules.duplicates === 'forbidden') {
    const repeats = duplicateRows(rows, t, descents === 0);
    if (repeats.count > 0) {
      const [first, second] = repeats.first;
      const why = rules.duplicateReason ? ` (${rules.duplicateReason})` : '';
      out.push(
        violation(
          'duplicate-time',
          'error',
          `duplicate timestamp ${formatTime(t(first))} at rows ${first} and ${second}${why}${more(repeats.count - 1)}.`,
          at(second),
        ),
      );
    }
  }
  return out;
}

/**
 * Rows whose time an earlier row already has: the first pair and how many repeats.
 * Sorted times repeat only next to each other, which spares a million-entry Map.
 */
function duplicateRows(rows: readonly number[], t: (row: number) => number, sorted: boolean): { first: [number, number]; count: number } {
  let first: [number, number] = [-1, -1];
  let count = 0;
  const note = (a: number, b: number) => {
    if (count++ === 0) first = [a, b];
  };
  if (sorted) {
    let runStart = rows[0];
    for (let i = 1; i < rows.length; i++) {
      if (t(rows[i]) === t(rows[i - 1])) note(runStart, rows[i]);
      else runStart = rows[i];
    }
  } else {
    const seen = new Map<number, number>();
    for (const row of rows) {
      const earlier = seen.get(t(row));
      if (earlier === undefined) seen.set(t(row), row);
      else note(earlier, row);
    }
  }
  return { first, count };
}

/** "1 value", "10 values". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Indices of the values that match. */
export function rowsWhere(values: readonly unknown[], test: (v: unknown) => boolean): number[] {
  const rows: number[] = [];
  values.forEach((v, i) => {
    if (test(v)) rows.push(i);
  });
  return rows;
}
