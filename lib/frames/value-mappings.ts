/**
 * Value mappings (`FieldConfig.mappings`) from handler code, made safe to hand to
 * Grafana's display processor, which evaluates them on the page for every value the
 * Panel and Data tabs show (`getValueMappingResult` in @grafana/data):
 *   - `regex` mappings are dropped. Grafana compiles the pattern with `stringToJsRegex`
 *     and runs it on the main thread: `^(a+)+$` against thirty `a`s and a `!` takes
 *     seconds (catastrophic backtracking), and each further `a` doubles that. There is
 *     no bounded regular-expression engine in the browser, so the mapping is left out
 *     with a note instead of being run.
 *   - `value` mappings look their value up with `options[value]`: a value such as
 *     `toString` or `__proto__` would find Object.prototype's member, so their options
 *     become objects without a prototype.
 *   - anything that is not a list of `value`, `range` or `special` mappings (a typo'd
 *     type, a string, an object) is dropped too: the display processor would throw.
 * Pure; the input is not changed.
 */
import type { ValueMapping } from '@grafana/data';

/** Mapping types the display processor evaluates without running anything from the config. */
const SAFE_TYPES: ReadonlySet<string> = new Set(['value', 'range', 'special']);
/** Characters of a dropped pattern quoted in the note. */
const PATTERN_PREVIEW = 40;

export interface SafeMappings {
  /** The mappings to keep; undefined when none are left. */
  mappings?: ValueMapping[];
  /** One sentence per mapping left out, naming it; empty when all were kept. */
  dropped: string[];
}

/**
 * Keeps the value mappings Grafana can evaluate safely. `fieldName` names the field in
 * the notes. Returns the same array when nothing needed changing.
 */
export function safeValueMappings(mappings: unknown, fieldName: string): SafeMappings {
  if (mappings === undefined || mappings === null) return { dropped: [] };
  if (!Array.isArray(mappings)) {
    return { dropped: [`Field "${fieldName}": config.mappings is not a list, so it was left out. Grafana expects an array of value mappings.`] };
  }
  const kept: ValueMapping[] = [];
  const dropped: string[] = [];
  let changed = false;
  mappings.forEach((m: unknown, i) => {
    const type = isRecord(m) && typeof m.type === 'string' ? m.type : undefined;
    if (!isRecord(m) || !type || !SAFE_TYPES.has(type) || !isRecord(m.options)) {
      changed = true;
      dropped.push(type === 'regex' ? regexNote(fieldName, m as Record<string, unknown>) : `Field "${fieldName}": value mapping ${i + 1} (type ${JSON.stringify(type ?? null)}) was left out: Grafana knows value, range, regex and special mappings, each with an options object.`);
      return;
    }
    if (type === 'value') {
      changed = true;
      // Looked up as options[value]: without a prototype, a value named `toString` finds nothing.
      kept.push({ ...m, options: Object.assign(Object.create(null), m.options) } as ValueMapping);
      return;
    }
    kept.push(m as unknown as ValueMapping);
  });
  if (!changed) return { mappings: mappings as ValueMapping[], dropped };
  return { mappings: kept.length > 0 ? kept : undefined, dropped };
}

function regexNote(fieldName: string, mapping: Record<string, unknown>): string {
  const options = isRecord(mapping.options) ? mapping.options : {};
  const pattern = typeof options.pattern === 'string' ? options.pattern : '';
  const quoted = pattern.length > PATTERN_PREVIEW ? `${pattern.slice(0, PATTERN_PREVIEW)}…` : pattern;
  return (
    `Field "${fieldName}": the regex value mapping ${JSON.stringify(quoted)} was not applied here. Grafana would run it on every value, ` +
    'and a pattern from handler code can freeze the page (a pattern like ^(a+)+$ backtracks for seconds). ' +
    'Use value or range mappings, or map the values in the handler, to see mapped text in these tabs.'
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
