/**
 * Rules about single fields that several frame types share: equal lengths, the time
 * field (numbers, no gaps, oldest first, one row per time), and values of the type
 * the field declares. Each returns violations without a frame index; the caller adds it.
 */
import { fieldName, formatLabels, formatTime, kindOfValue, more, showValue } from './format';
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
    if (!expected) continue;
    const bad = rowsWhere(f.values, (v) => v != null && typeof v !== expected);
    if (bad.length === 0) continue;
    const value = f.values[bad[0]];
    const fix = expected === 'number' && typeof value === 'string' ? ' Convert it with Number(...) before it goes into the frame.' : '';
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

  const numbers = time.values.map((v, row) => ({ v, row })).filter((x): x is { v: number; row: number } => typeof x.v === 'number' && Number.isFinite(x.v));
  if (numbers.length > 0 && numbers.every(({ v }) => Math.abs(v) > SECONDS_FLOOR && Math.abs(v) < SECONDS_CEILING)) {
    const { v, row } = numbers[0];
    out.push(
      violation(
        'time-in-seconds',
        'error',
        `${name} looks like it holds seconds: ${v} at row ${row} would be ${formatTime(v)}. Grafana reads times as milliseconds since 1970: multiply seconds by 1000.`,
        at(row),
      ),
    );
  }

  const descents: number[] = [];
  for (let i = 1; i < numbers.length; i++) if (numbers[i].v < numbers[i - 1].v) descents.push(i);
  if (descents.length > 0) {
    const later = numbers[descents[0]];
    const earlier = numbers[descents[0] - 1];
    out.push(
      violation(
        'time-not-sorted',
        'error',
        `${name} is not sorted: row ${later.row} (${formatTime(later.v)}) is earlier than row ${earlier.row} (${formatTime(earlier.v)})${more(descents.length - 1)}. Sort the rows by time, oldest first.`,
        at(later.row),
      ),
    );
  }

  if (rules.duplicates === 'forbidden') {
    const seen = new Map<number, number>();
    const repeats: Array<[number, number]> = [];
    for (const { v, row } of numbers) {
      const first = seen.get(v);
      if (first === undefined) seen.set(v, row);
      else repeats.push([first, row]);
    }
    if (repeats.length > 0) {
      const [first, second] = repeats[0];
      const why = rules.duplicateReason ? ` (${rules.duplicateReason})` : '';
      out.push(
        violation(
          'duplicate-time',
          'error',
          `duplicate timestamp ${formatTime(time.values[first])} at rows ${first} and ${second}${why}${more(repeats.length - 1)}.`,
          at(second),
        ),
      );
    }
  }
  return out;
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
