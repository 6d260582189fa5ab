/**
 * How violations name things: fields, labels, times and values, short enough for one
 * line of a message and unambiguous enough to find the spot in the JSON.
 */
import type { InspectField, Violation } from './types';

/** `'value'`: a field as messages name it (unnamed fields arrive as `Field 3`, as createDataFrame names them). */
export function fieldName(field: InspectField): string {
  return `'${field.name}'`;
}

/** `{host="a", region="eu"}`, or `{}` for no labels, with keys sorted. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels![k])}`).join(', ')}}`;
}

/** A series identity as Grafana keys it: name plus labels in a stable order. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>> | undefined): string {
  return `${name}${formatLabels(labels)}`;
}

/** An epoch-milliseconds time as `2026-11-22 10:15:00Z`, or the raw value when it is not one. */
export function formatTime(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return showValue(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().replace('T', ' ').replace('.000Z', 'Z');
}

/** A value as a learner would write it in code: strings quoted, long ones cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return `a Date (${value.toISOString()})`;
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return String(value);
  }
}

/** What kind of value this is, in words: "text", "a number", "null", … */
export function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (value instanceof Date) return 'a Date object';
  return Array.isArray(value) ? 'an array' : `${typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
}

/** "and 4 more places" suffix for rules that report only their first hit. */
export function more(count: number): string {
  return count > 0 ? ` (and ${count} more place${count === 1 ? '' : 's'})` : '';
}

/** A violation with its location in front, for check failures and logs: "Frame 1: …". */
export function describeViolation(v: Violation): string {
  return v.frame === undefined ? v.message : `Frame ${v.frame}: ${v.message}`;
}
