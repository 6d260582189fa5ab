/**
 * Reads a data-plane type from the shape of frames that do not declare one. This is the
 * guessing the contract exists to avoid; the checker does it only to tell the learner
 * which type their frames resemble, and to check them against it.
 */
import { isValueField } from './rules-fields';
import type { DataplaneType, InspectFrame } from './types';

const has = (frame: InspectFrame, type: string) => frame.fields.some((f) => f.type === type);
const valueCount = (frame: InspectFrame) => frame.fields.filter(isValueField).length;
const rows = (frame: InspectFrame) => frame.fields[0]?.values.length ?? 0;

/**
 * The type these frames (all from one response, none declaring a type) most likely
 * follow, or undefined when the shape matches none. A frame with a time field makes it a
 * time series; string fields in a single frame make it long; several frames make it multi.
 */
export function inferType(frames: readonly InspectFrame[]): DataplaneType | undefined {
  const withFields = frames.filter((f) => f.fields.length > 0);
  if (withFields.length === 0) return undefined;

  if (withFields.every((f) => has(f, 'time'))) {
    if (withFields.length > 1) return 'timeseries-multi';
    const [only] = withFields;
    if (has(only, 'string') && valueCount(only) > 0) return 'timeseries-long';
    return valueCount(only) > 1 ? 'timeseries-wide' : 'timeseries-multi';
  }

  if (withFields.some((f) => has(f, 'time')) || !withFields.every((f) => valueCount(f) > 0)) return undefined;
  if (withFields.length > 1) return withFields.every((f) => rows(f) <= 1) ? 'numeric-multi' : undefined;
  const [only] = withFields;
  if (has(only, 'string')) return 'numeric-long';
  // Several rows of bare numbers with nothing naming the items: a plain table, not a data-plane type.
  return rows(only) <= 1 ? 'numeric-wide' : undefined;
}
