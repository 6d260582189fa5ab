/**
 * The numeric formats: one number per item instead of a series over time (what an
 * instant query or `SELECT host, avg(cpu) … GROUP BY host` returns).
 *  - multi: one frame per item, one value field, 0 or 1 rows;
 *  - wide:  one frame, one value field per item, 0 or 1 rows;
 *  - long:  one frame, a row per item; string fields say which item.
 * What each type leaves unread (time fields, strings, later values) is remainder data:
 * see ./remainder.ts.
 */
import { fieldName, formatLabels, more } from './format';
import { isValueField, violation } from './rules-fields';
import { checkDimensions, duplicateFields, duplicateSeriesAcrossFrames } from './rules-timeseries';
import type { DataplaneType, InspectFrame, Violation } from './types';

function rowCount(frame: InspectFrame): number {
  return frame.fields[0]?.values.length ?? 0;
}

/** Rules for one frame of a numeric type. */
export function checkNumericFrame(frame: InspectFrame, type: DataplaneType): Violation[] {
  if (frame.fields.length === 0) return [];
  const out: Violation[] = [];
  const values = frame.fields.filter(isValueField);
  const rows = rowCount(frame);

  if (values.length === 0) {
    out.push(violation('no-value-field', 'error', `there is no number field: a ${type} frame needs at least one field of type number (or boolean).`));
  }
  // Time fields, and string fields outside numeric-long, are remainder data (./remainder.ts).

  if (type === 'numeric-long') return [...out, ...checkNumericLong(frame, rows)];

  if (rows > 1) {
    out.push(
      violation(
        'too-many-rows',
        'error',
        `the frame has ${rows} rows, but a ${type} frame holds one number per value field: 0 or 1 rows. For one row per item use numeric-long.`,
      ),
    );
  }
  if (type === 'numeric-wide') out.push(...duplicateFields(frame));
  return out;
}

function checkNumericLong(frame: InspectFrame, rows: number): Violation[] {
  const out = checkDimensions(frame, 'numeric-long');
  const dims = frame.fields.filter((f) => f.type === 'string');
  if (rows > 1 && dims.length === 0) {
    out.push(
      violation(
        'dimension-missing',
        'error',
        `the frame has ${rows} rows but no string field: with more than one row, string fields must say which item each row is (a 'host' field, say).`,
      ),
    );
    return out;
  }
  const seen = new Map<string, number>();
  const repeats: Array<[number, number]> = [];
  for (let row = 0; row < rows; row++) {
    const key = JSON.stringify(dims.map((d) => d.values[row] ?? null));
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row);
    else repeats.push([first, row]);
  }
  if (repeats.length > 0) {
    const [first, second] = repeats[0];
    const labels = Object.fromEntries(dims.map((d) => [d.name, String(d.values[second] ?? '')]));
    out.push(
      violation(
        'duplicate-row',
        'error',
        `rows ${first} and ${second} are the same item ${formatLabels(labels)}${more(repeats.length - 1)}: each row of a numeric-long frame must be a different item.`,
        { row: second },
      ),
    );
  }
  return out;
}

/** Rules across the frames of a response that share one numeric type. */
export function checkNumericSet(members: ReadonlyArray<{ index: number; frame: InspectFrame }>, type: DataplaneType): Violation[] {
  const withData = members.filter((m) => m.frame.fields.length > 0);
  if (type !== 'numeric-multi') {
    if (withData.length <= 1) return [];
    return [
      violation(
        'one-frame-expected',
        'error',
        `${withData.length} frames (${withData.map((m) => m.index).join(', ')}) declare ${type}, but a ${type} response is one frame. Use numeric-multi for one frame per item.`,
      ),
    ];
  }
  return duplicateSeriesAcrossFrames(withData, 'item');
}
