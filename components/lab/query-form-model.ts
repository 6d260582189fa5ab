/**
 * The rules behind the query editor form, without React: read a query model's JSON
 * text into control values, and write one control's value back into the JSON. The
 * JSON text stays the single source of truth (it is what Run sends and what is saved),
 * so the form and "Edit as JSON" can never disagree.
 */
import type { QueryEditorField } from '@/lib/labs/schema';

export type FormValues = Record<string, string>;

export type FormRead = { ok: true; values: FormValues } | { ok: false; reason: string };

/** Control values for the query model text; explains why when the form cannot show it. */
export function readForm(json: string, fields: readonly QueryEditorField[]): FormRead {
  let model: unknown;
  try {
    model = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'The query model is not valid JSON, so the form cannot show it. Fix it with "Edit as JSON".' };
  }
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    return { ok: false, reason: 'The query model is not a JSON object, so the form cannot show it. Fix it with "Edit as JSON".' };
  }
  const record = model as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of fields) {
    const value = record[field.key];
    values[field.key] = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return { ok: true, values };
}

/**
 * The query model text with one control's value written in. An empty value removes
 * the key, as a Grafana query editor leaves unset options out of the saved JSON. A
 * number control with text that is not a number leaves the JSON as it was.
 */
export function applyField(json: string, field: QueryEditorField, raw: string): string {
  let model: Record<string, unknown>;
  try {
    const parsed = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return json;
    model = { ...parsed };
  } catch {
    return json;
  }
  const text = field.kind === 'text' ? raw : raw.trim();
  if (text === '') {
    delete model[field.key];
  } else if (field.kind === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n)) return json;
    model[field.key] = n;
  } else {
    model[field.key] = text;
  }
  return JSON.stringify(model, null, 2);
}

/** Options for a select, plus the current value when it is not one of them (so it still shows). */
export function selectOptions(field: QueryEditorField, current: string): { value: string; label: string; description?: string }[] {
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: o.label ?? o.value, description: o.description }));
  if (current !== '' && !options.some((o) => o.value === current)) options.push({ value: current, label: `${current} (not in the list)`, description: undefined });
  return options;
}
