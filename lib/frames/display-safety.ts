/**
 * Field config comes from learner code (or code a mentor re-runs), so before Grafana
 * draws a frame we take out the few settings that would make the page load something
 * or render markup instead of text:
 *   - Table cells shown as `image` (an <img> per value: a request to any address) or
 *     `markdown` (values rendered as HTML) fall back to plain text;
 *   - data links keep only http(s) and relative URLs (no `javascript:`, `data:`, ...);
 *   - `actions` (HTTP requests Grafana sends on click) are dropped;
 *   - colours that are not plain colour values (`red; background:url(...)`) are dropped;
 *   - value mappings keep only what Grafana evaluates without running learner regular
 *     expressions (value-mappings.ts; decode.ts already did this and noted it, this is
 *     the last gate before Grafana's display processor).
 * Everything else Grafana renders as text. Pure, so it is tested on its own.
 */
import type { DataFrame, FieldConfig } from '@grafana/data';
import { safeValueMappings } from './value-mappings';

const UNSAFE_CELL_TYPES = new Set(['image', 'markdown', 'custom']);
const SAFE_URL = /^(https?:\/\/|\/(?!\/)|\.{1,2}\/|[?#])/i;
/** Colour names, #hex, rgb()/rgba()/hsl() with numbers: nothing that could close a CSS declaration or load a URL. */
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|[a-z][a-z0-9-]{0,40}|(rgb|rgba|hsl|hsla)\([\d\s.,%/]{1,60}\))$/i;

export function displaySafeConfig(config: FieldConfig | undefined): FieldConfig {
  if (!config || typeof config !== 'object') return {};
  const out: FieldConfig = { ...config };
  if (Array.isArray(out.links)) {
    out.links = out.links.filter((link) => typeof link?.url === 'string' && SAFE_URL.test(link.url.trim()));
  } else delete out.links;
  delete (out as { actions?: unknown }).actions;
  const custom = out.custom as Record<string, unknown> | undefined;
  if (custom && typeof custom === 'object') {
    const cellOptions = custom.cellOptions as { type?: unknown } | undefined;
    const next = { ...custom };
    if (cellOptions && UNSAFE_CELL_TYPES.has(String(cellOptions.type))) next.cellOptions = { type: 'auto' };
    if (UNSAFE_CELL_TYPES.has(String(custom.displayMode))) delete next.displayMode;
    out.custom = next;
  }
  const safe = stripUnsafeColors(out) as FieldConfig;
  // After the walk, which copies objects: value mapping options stay without a prototype.
  if (Object.hasOwn(safe, 'mappings')) {
    const { mappings } = safeValueMappings(safe.mappings, '');
    if (mappings) safe.mappings = mappings;
    else delete safe.mappings;
  }
  return safe;
}

/** Applies `displaySafeConfig` to every field of a frame. */
export function displaySafeFrame(frame: DataFrame): DataFrame {
  return { ...frame, fields: frame.fields.map((f) => ({ ...f, config: displaySafeConfig(f.config) })) };
}

/** Walks the config (small: a few levels) and drops string values under colour keys that are not plain colours. */
function stripUnsafeColors(value: unknown, depth = 0): unknown {
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => stripUnsafeColors(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && /colou?r$/i.test(key) && !SAFE_COLOR.test(v.trim())) continue;
    // Assigning an own `__proto__` entry would set the copy's prototype (and smuggle settings in through it).
    if (key === '__proto__') continue;
    out[key] = stripUnsafeColors(v, depth + 1);
  }
  return out;
}
