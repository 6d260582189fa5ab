/**
 * Values of the wrong type: times and numbers sent as text, times typed as numbers.
 * It is the most common reason a frame matches no layout at all (a JSON API read as it
 * comes: `{"timestamp": "2026-01-15T12:00:00Z", "value": "42.1"}`), so the checker names
 * the cause for frames with or without `meta.type`, and says how to convert.
 */
import { fieldName, showValue } from './format';
import type { InspectField, InspectFrame, RuleId, Violation } from './types';

// Built here rather than with rules-fields' helper, which imports this module's advice.
const violation = (rule: RuleId, message: string, where: { field: string; row?: number }): Violation => ({ rule, severity: 'error', message, ...where });

/** Field names people give a time column. */
export const TIME_NAME = /^(time|timestamp|ts|date|datetime|t|_time|@timestamp)$/i;
/** A decimal number as text, as `Number` reads it. */
export const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
/** How Prometheus (and Go's strconv) spell the values JSON numbers cannot hold. */
const SPECIAL_TEXT = /^\s*([-+]?Inf|[-+]?Infinity|NaN)\s*$/i;
/** A date, or a date and time, as RFC 3339 / ISO 8601 text. */
const DATE_TEXT = /^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\s*$/;

/**
 * Advice for numbers sent as text. It never says just "use Number()": Number("+Inf")
 * and parseFloat("+Inf") are NaN, the bug Grafana fixed in its own Prometheus data source.
 */
export const NUMBER_TEXT_ADVICE =
  'Convert the text to numbers before it goes into the frame. Number() and parseFloat() read "42.17" and "NaN", but turn Prometheus\' "+Inf" and "-Inf" into NaN: map those two to Infinity and -Infinity yourself.';

function firstText(field: InspectField): string | undefined {
  for (const v of field.values) {
    if (v == null) continue;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/** Whether text reads as a number (special spellings included). */
export function isNumberText(text: string): boolean {
  return NUMERIC_TEXT.test(text) || SPECIAL_TEXT.test(text);
}

/** A field that holds times as text: dates by their look, or numbers as text under a time-like name. */
export function holdsTimeText(field: InspectField): boolean {
  if (field.type === 'time') return false;
  const text = firstText(field);
  if (text === undefined) return false;
  return DATE_TEXT.test(text) || (TIME_NAME.test(field.name) && NUMERIC_TEXT.test(text));
}

/** A string field whose values are numbers as text. */
export function holdsNumberText(field: InspectField): boolean {
  if (field.type !== 'string') return false;
  const text = firstText(field);
  return text !== undefined && isNumberText(text);
}

/** What to do about a field that should be the time field but is not one; empty when none looks like it. */
export function timeFieldAdvice(frame: InspectFrame): string {
  const asText = frame.fields.find(holdsTimeText);
  if (asText) return ` Field ${fieldName(asText)} holds times as text (${showValue(firstText(asText))}): ${timeTextFix(asText)}`;
  const named = frame.fields.find((f) => TIME_NAME.test(f.name) && f.type !== 'time');
  if (named) return ` Field ${fieldName(named)} has type ${named.type}: give it type time (FieldType.time), with values in milliseconds since 1970.`;
  return '';
}

function timeTextFix(field: InspectField): string {
  const text = firstText(field) ?? '';
  return DATE_TEXT.test(text)
    ? 'convert each one to milliseconds since 1970 (Date.parse reads this form) and give the field type time.'
    : 'convert the text to numbers in milliseconds since 1970 (seconds × 1000) and give the field type time.';
}

/** What a frame without meta.type gets wrong, and the frame as it would be with that fixed. */
export interface TextCauses {
  /** One violation per field of the wrong type, naming it and how to convert it. */
  violations: Violation[];
  /** Short phrases for the type-missing message: "'timestamp' holds times as text". */
  phrases: string[];
  /** The frame with those fields given the type their values call for, to guess its layout. */
  fixed: InspectFrame;
}

/**
 * Causes that keep a frame from any layout: no time field although a field holds times
 * (as text, or typed number under a time name), and no value field although a string
 * field holds numbers as text. Number fields that hold text are reported by the shared
 * value-type rule; they appear here only as phrases.
 */
export function textCauses(frame: InspectFrame): TextCauses {
  const violations: Violation[] = [];
  const phrases: string[] = [];
  const retype = new Map<InspectField, string>();
  if (!frame.fields.some((f) => f.type === 'time')) {
    const asText = frame.fields.find(holdsTimeText);
    const asNumber = asText ? undefined : frame.fields.find((f) => f.type === 'number' && TIME_NAME.test(f.name));
    if (asText) {
      const text = firstText(asText);
      violations.push(
        violation('time-not-number', `field ${fieldName(asText)} holds times as text (${showValue(text)}), so the frame has no time field: ${timeTextFix(asText)}`, {
          field: asText.name,
          row: asText.values.indexOf(text),
        }),
      );
      phrases.push(`${fieldName(asText)} holds times as text`);
      retype.set(asText, 'time');
    } else if (asNumber) {
      violations.push(
        violation('no-time-field', `field ${fieldName(asNumber)} looks like the time but has type number, so the frame has no time field: give it type time (FieldType.time), with values in milliseconds since 1970.`, {
          field: asNumber.name,
        }),
      );
      phrases.push(`${fieldName(asNumber)} is typed number instead of time`);
      retype.set(asNumber, 'time');
    }
  }
  const hasValues = frame.fields.some((f) => !retype.has(f) && (f.type === 'number' || f.type === 'boolean'));
  for (const f of frame.fields) {
    if (retype.has(f)) continue;
    if (!hasValues && holdsNumberText(f)) {
      violations.push(
        violation('value-wrong-type', `string field ${fieldName(f)} holds numbers as text (${showValue(firstText(f))}), so the frame has no value field. ${NUMBER_TEXT_ADVICE} Then give the field type number.`, {
          field: f.name,
        }),
      );
      phrases.push(`${fieldName(f)} holds numbers as text`);
      retype.set(f, 'number');
    } else if (f.type === 'number' && f.values.some((v) => typeof v === 'string')) {
      phrases.push(`${fieldName(f)} holds numbers as text`);
    }
  }
  const fixed = { ...frame, fields: frame.fields.map((f) => (retype.has(f) ? { ...f, type: retype.get(f)! } : f)) };
  return { violations, phrases, fixed };
}
