/**
 * Secrets masked once, for everything the results views show. `maskRecord` returns a
 * copy of a run record in which every string a view can display (frame names, field
 * names, labels, string values, field config, meta, errors, logs, upstream URLs,
 * headers and bodies, the request, the health result) has each form of the run's
 * secrets replaced by ••••, credential headers hidden, and every secure setting
 * replaced by •••• whatever its length. Numbers, booleans and typed arrays are never
 * touched, so a number column stays a number column. Pure; the input is not changed.
 */
import type { RunRecord } from '../engine/run';
import type { UpstreamCall } from '../runtime/upstream-bridge';
import { REDACTED, redactHeaders, secretMasker } from '../redact';
import { isNumberColumn } from '../runtime/frame-transfer';

/** The secret values of a run: its request's decrypted secure settings. */
export function secretsOfRecord(record: RunRecord): string[] {
  const secure = record.request.pluginContext.dataSourceInstanceSettings.decryptedSecureJsonData ?? {};
  return Object.values(secure).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/**
 * Applies `mask` to every string inside a JSON-like value, object keys included.
 * Returns the same reference for anything that did not change (so a million-number
 * column is walked once and not copied; one the page unpacked from a packed column,
 * frame-transfer.ts, is not walked at all). Typed arrays and class instances are left
 * as they are: they hold no text.
 */
export function maskDeep<T>(value: T, mask: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return mask(value) as T;
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) {
    if (isNumberColumn(value)) return value; // a column unpacked from numbers: no text to find
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || (typeof v !== 'string' && typeof v !== 'object')) continue; // numbers stay as they are
      const next = maskDeep(v, mask, depth + 1);
      if (next !== v) (out ??= value.slice())[i] = next;
    }
    return (out ?? value) as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let changed = false;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const [key, v] of Object.entries(value)) {
    const k = mask(key);
    const next = maskDeep(v, mask, depth + 1);
    if (k !== key || next !== v) changed = true;
    // Defined, not assigned: a key such as `__proto__` (a refId, a label) stays an entry instead of setting the copy's prototype.
    Object.defineProperty(out, k, { value: next, writable: true, enumerable: true, configurable: true });
  }
  return (changed ? out : value) as T;
}

/** Upstream calls with the secrets masked and credential headers hidden. */
export function maskCalls(calls: readonly UpstreamCall[], mask: (text: string) => string): UpstreamCall[] {
  return calls.map((call) => ({ ...maskDeep(call, mask), requestHeaders: redactHeaders(call.requestHeaders, mask), responseHeaders: redactHeaders(call.responseHeaders, mask) }));
}

/** A copy of the record with every secret masked wherever a view could show it. */
export function maskRecord(record: RunRecord): RunRecord {
  const mask = secretMasker(secretsOfRecord(record));
  const settings = record.request.pluginContext.dataSourceInstanceSettings;
  const secure = Object.fromEntries(Object.keys(settings.decryptedSecureJsonData ?? {}).map((k) => [mask(k), REDACTED]));
  const request = maskDeep({ ...record.request, pluginContext: { ...record.request.pluginContext, dataSourceInstanceSettings: { ...settings, decryptedSecureJsonData: {} } } }, mask);
  request.pluginContext.dataSourceInstanceSettings = { ...request.pluginContext.dataSourceInstanceSettings, decryptedSecureJsonData: secure };
  return {
    ...record,
    request,
    output: maskDeep(record.output, mask),
    upstream: maskCalls(record.upstream, mask),
    upstreamBodies: record.upstreamBodies?.map((b) => ({ ...b, text: mask(b.text) })),
    logs: maskDeep(record.logs, mask),
  } as RunRecord; // the spread keeps the record's own invocation, request and output together
}
