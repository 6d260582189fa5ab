/**
 * Remainder data: fields a frame may carry that its type does not read. The contract
 * lists them per type (https://grafana.com/developers/dataplane/timeseries, /numeric),
 * allows them and leaves them free to use, so the checker notes them instead of
 * warning: a valid frame with a note field must still pass `expectDataplane`.
 *
 *  - every time series type: time fields after the first;
 *  - timeseries-wide: string fields; timeseries-multi: string fields and value fields
 *    after the first;
 *  - numeric-wide, numeric-multi: time and string fields; numeric-multi: value fields
 *    after the first; numeric-long: time fields.
 */
import { fieldName } from './format';
import { isValueField } from './rules-fields';
import { kindOf, type DataplaneType, type InspectFrame, type RemainderField } from './types';

/** The fields of `frame` that `type` treats as remainder data, in field order. */
export function remainderFields(frame: InspectFrame, type: DataplaneType): RemainderField[] {
  const out: RemainderField[] = [];
  const firstTime = frame.fields.findIndex((f) => f.type === 'time');
  const firstValue = frame.fields.findIndex(isValueField);
  const single = type === 'timeseries-multi' || type === 'numeric-multi';
  frame.fields.forEach((f, index) => {
    const note = noteFor(f.type, type, {
      laterTime: f.type === 'time' && index !== firstTime,
      laterValue: single && isValueField(f) && index !== firstValue,
      firstValueName: firstValue >= 0 ? fieldName(frame.fields[firstValue]) : '',
    });
    if (note) out.push({ index, field: f.name, note });
  });
  return out;
}

function noteFor(fieldType: string, type: DataplaneType, at: { laterTime: boolean; laterValue: boolean; firstValueName: string }): string | undefined {
  const numeric = kindOf(type) === 'numeric';
  if (fieldType === 'time' && (numeric || at.laterTime)) {
    return numeric
      ? `a ${type} frame holds numbers without a time, so this time field is not part of them; for values over time use a timeseries type.`
      : `only the first time field is the frame's time index; later ones are carried along but not read.`;
  }
  if (fieldType === 'string' && type !== 'timeseries-long' && type !== 'numeric-long') {
    return `string fields are not part of a ${type} frame's ${numeric ? 'numbers' : 'series'}; consumers may drop it. If it names a dimension, put it in the value fields' labels.`;
  }
  if (at.laterValue) {
    return `a ${type} frame holds one ${numeric ? 'number' : 'series'}: only ${at.firstValueName} is read. If this is another one, give it a frame of its own.`;
  }
  return undefined;
}
