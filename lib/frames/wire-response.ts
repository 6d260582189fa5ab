/**
 * The JSON tab's text: the results as the body of Grafana's `POST /api/ds/query`
 * response, NaN and ±Infinity encoded as Grafana's encoder does. Pure.
 */
import type { DataFrameJSON } from '@grafana/data';
import type { QueryResultView } from './types';

/** One query's entry in `/api/ds/query`'s response. */
export interface DataResponseJSON {
  /** HTTP-like status: 200 on success, the handler's status (or 500) on error. */
  status: number;
  frames: DataFrameJSON[];
  /** The error message, as Grafana sends it (a plain string). */
  error?: string;
}

/** The body Grafana's `POST /api/ds/query` returns: `{ results: { [refId]: DataResponseJSON } }`. */
export interface QueryDataResponseJSON {
  results: Record<string, DataResponseJSON>;
}

/**
 * Builds the `/api/ds/query` response for the results. JSON has no NaN or ±Infinity,
 * so like Grafana's encoder those values become `null` and are listed in
 * `data.entities` per field.
 */
export function toQueryDataResponse(results: readonly QueryResultView[]): QueryDataResponseJSON {
  // No prototype: a query's refId comes from saved or imported progress, and `toString` is a valid one.
  const out: Record<string, DataResponseJSON> = Object.create(null);
  for (const r of results) {
    const frames = (Array.isArray(r.frames) ? r.frames : []).map(encodeEntities);
    const entry: DataResponseJSON = out[r.refId] ?? { status: 200, frames: [] };
    entry.frames = [...entry.frames, ...frames];
    if (r.error && entry.error === undefined) {
      entry.error = String(r.error.message);
      entry.status = typeof r.error.status === 'number' ? r.error.status : 500;
    }
    out[r.refId] = entry;
  }
  return { results: out };
}

type Entities = { NaN?: number[]; Inf?: number[]; NegInf?: number[] };

/** Replaces NaN/±Infinity by null and records where they were, as Grafana's wire format does. */
export function encodeEntities(frame: DataFrameJSON): DataFrameJSON {
  const values = frame?.data?.values;
  if (!Array.isArray(values)) return frame;
  let any = false;
  const entities: Array<Entities | null> = [];
  const encoded = values.map((column) => {
    if (!Array.isArray(column) || column.every((v) => typeof v !== 'number' || Number.isFinite(v))) {
      entities.push(null);
      return column;
    }
    const e: Entities = {};
    const mark = (key: keyof Entities, i: number) => (e[key] ??= []).push(i);
    const next = column.map((v, i) => {
      if (typeof v !== 'number' || Number.isFinite(v)) return v;
      mark(Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : 'NegInf', i);
      return null;
    });
    any = true;
    entities.push(e);
    return next;
  });
  return any ? { ...frame, data: { ...frame.data, values: encoded, entities } } : frame;
}

/**
 * Pretty-prints JSON that came from learner code: bigint becomes a number (or a string
 * when too large), and a cycle gives a readable error instead of a crash.
 */
export function stringifyJSON(value: unknown): { text: string } | { error: string } {
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v), 2);
    return { text: text ?? 'undefined' };
  } catch (e) {
    return { error: `The results cannot be written as JSON: ${e instanceof Error ? e.message : String(e)}. Frames must hold plain values (no cycles).` };
  }
}

/** Cuts text to at most `maxChars` characters for display, saying whether it did. */
export function capText(text: string, maxChars: number): { shown: string; truncated: boolean } {
  return text.length <= maxChars ? { shown: text, truncated: false } : { shown: text.slice(0, maxChars), truncated: true };
}
