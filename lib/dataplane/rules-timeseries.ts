/**
 * The time series formats. All three share the time field rules (numbers in epoch ms,
 * no gaps, oldest first) and need a time field plus at least one value field; they
 * differ in where a series lives:
 *  - multi: one frame per series (time + one value field, labels on it);
 *  - wide:  one frame, every series a value field sharing the one time field;
 *  - long:  one frame, a row per (time, series); string fields hold the dimensions.
 */
import { fieldName, formatLabels, formatTime, more, seriesKey, showValue } from './format';
import { checkTimeField, isValueField, rowsWhere, timeField, violation } from './rules-fields';
import { holdsNumberText, NUMBER_TEXT_ADVICE, timeFieldAdvice } from './rules-text';
import type { DataplaneType, InspectFrame, Violation } from './types';

const DUPLICATE_REASON: Record<string, string> = {
  'timeseries-wide': 'a wide frame needs one row per time, shared by every series',
  'timeseries-multi': 'a series has one value per time',
};

/** Rules for one frame of a time series type. */
export function checkTimeSeriesFrame(frame: InspectFrame, type: DataplaneType): Violation[] {
  if (frame.fields.length === 0) return []; // a "no data" frame: judged with the others in checkTimeSeriesSet
  const out: Violation[] = [];
  const time = timeField(frame);
  const values = frame.fields.filter(isValueField);

  if (!time) {
    out.push(violation('no-time-field', 'error', `there is no time field: a ${type} frame needs a field of type time.${timeFieldAdvice(frame)}`));
  } else {
    const duplicates = type === 'timeseries-long' ? 'allowed' : 'forbidden';
    out.push(...checkTimeField(time, { duplicates, duplicateReason: DUPLICATE_REASON[type] }));
  }

  if (values.length === 0) {
    const asText = frame.fields.find(holdsNumberText);
    const hint = asText
      ? ` Field ${fieldName(asText)} holds numbers as text (${showValue(asText.values.find((v) => typeof v === 'string'))}). ${NUMBER_TEXT_ADVICE} Then give the field type number.`
      : '';
    out.push(violation('no-value-field', 'error', `there is no number field, so the frame holds no series: a ${type} frame needs at least one field of type number (or boolean).${hint}`));
  }

  if (type === 'timeseries-long') out.push(...checkLongFrame(frame));
  else out.push(...checkLabelledFrame(frame, type));
  return out;
}

/**
 * Wide and multi: series are value fields identified by name and labels. String fields,
 * later time fields and (multi) later value fields are remainder data (./remainder.ts).
 */
function checkLabelledFrame(frame: InspectFrame, type: DataplaneType): Violation[] {
  return type === 'timeseries-wide' ? duplicateFields(frame) : [];
}

/** Two value fields of one frame with the same name and labels are the same series twice. */
export function duplicateFields(frame: InspectFrame): Violation[] {
  const seen = new Map<string, number>();
  const out: Violation[] = [];
  frame.fields.forEach((f, i) => {
    if (!isValueField(f)) return;
    const key = seriesKey(f.name, f.labels);
    const first = seen.get(key);
    if (first === undefined) return void seen.set(key, i);
    out.push(
      violation(
        'duplicate-series',
        'warning',
        `fields ${first} and ${i} are the same series: two series share name ${fieldName(f)} and labels ${formatLabels(f.labels)}. Give each series a different name or labels.`,
        { field: f.name },
      ),
    );
  });
  return out;
}

/** Long: dimensions live in string fields, so field labels are ignored and each (time, dimensions) row appears once. */
function checkLongFrame(frame: InspectFrame): Violation[] {
  const out: Violation[] = [...checkDimensions(frame, 'timeseries-long')];
  const time = timeField(frame);
  if (!time) return out;
  const dims = frame.fields.filter((f) => f.type === 'string');
  const seen = new Map<string, number>();
  const repeats: Array<[number, number]> = [];
  time.values.forEach((t, row) => {
    const key = JSON.stringify([t, ...dims.map((d) => d.values[row] ?? null)]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row);
    else repeats.push([first, row]);
  });
  if (repeats.length > 0) {
    const [first, second] = repeats[0];
    const labels = Object.fromEntries(dims.map((d) => [d.name, String(d.values[second] ?? '')]));
    out.push(
      violation(
        'duplicate-row',
        'error',
        `rows ${first} and ${second} are the same point: time ${formatTime(time.values[second])} with ${formatLabels(labels)}${more(repeats.length - 1)}. In a long frame a series has one row per time.`,
        { field: time.name, row: second },
      ),
    );
  }
  return out;
}

/** Long formats (time series and numeric): labels are unused, and dimension values are text. */
export function checkDimensions(frame: InspectFrame, type: DataplaneType): Violation[] {
  const out: Violation[] = [];
  for (const f of frame.fields) {
    if (f.labels && isValueField(f)) {
      out.push(
        violation('labels-ignored', 'warning', `field ${fieldName(f)} has labels ${formatLabels(f.labels)}, but a ${type} frame ignores field labels: put each dimension in a string field.`, {
          field: f.name,
        }),
      );
    }
    if (f.type !== 'string') continue;
    const gaps = rowsWhere(f.values, (v) => v == null);
    if (gaps.length > 0) {
      out.push(
        violation('dimension-null', 'warning', `string field ${fieldName(f)} has no value at row ${gaps[0]}${more(gaps.length - 1)}: write "" when a series has no such dimension.`, {
          field: f.name,
          row: gaps[0],
        }),
      );
    }
  }
  return out;
}

/** Rules across the frames of a response that share one time series type. */
export function checkTimeSeriesSet(members: ReadonlyArray<{ index: number; frame: InspectFrame }>, type: DataplaneType): Violation[] {
  const withData = members.filter((m) => m.frame.fields.length > 0);
  if (type !== 'timeseries-multi') {
    if (withData.length <= 1) return [];
    const why =
      type === 'timeseries-wide'
        ? 'a wide response is one frame whose value fields share its time field. Use timeseries-multi for one frame per series.'
        : 'a long response is one frame, with a row for each series at each time.';
    return [violation('one-frame-expected', type === 'timeseries-wide' ? 'error' : 'warning', `${withData.length} frames (${withData.map((m) => m.index).join(', ')}) declare ${type}, but ${why}`)];
  }
  return duplicateSeriesAcrossFrames(withData, 'series');
}

/**
 * Multi-frame types identify each series (or numeric item) by its value field's name and
 * labels: two frames with the same pair are one series sent twice.
 */
export function duplicateSeriesAcrossFrames(members: readonly { index: number; frame: InspectFrame }[], noun: 'series' | 'item'): Violation[] {
  const out: Violation[] = [];
  const seen = new Map<string, number>();
  for (const { index, frame } of members) {
    const value = frame.fields.find(isValueField);
    if (!value) continue;
    const key = seriesKey(value.name, value.labels);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      continue;
    }
    const plural = noun === 'series' ? 'series' : 'items';
    out.push({
      ...violation(
        'duplicate-series',
        'warning',
        `this frame and frame ${first} hold the same ${noun}: two ${plural} share name ${fieldName(value)} and labels ${formatLabels(value.labels)}. Give each ${noun} a different name or labels.`,
        { field: value.name },
      ),
      frame: index,
    });
  }
  return out;
}
