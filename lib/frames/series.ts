/**
 * Legend behaviour of Grafana's time series panel: series are keyed by the display
 * name `getFieldDisplayName` gives, and legend clicks isolate or toggle them. Pure.
 */
import { type DataFrame, FieldType, getFieldDisplayName } from '@grafana/data';

/** Names the legend shows for each number field (what series visibility is keyed by). */
export function seriesNames(frames: readonly DataFrame[]): string[] {
  return frames.flatMap((frame) =>
    frame.fields.filter((f) => f.type === FieldType.number).map((f) => getFieldDisplayName(f, frame, frames as DataFrame[])),
  );
}

/**
 * Grafana's legend clicks: a click isolates a series (or shows all again if it already
 * was the only one); ctrl/cmd-click (`append`) toggles one; `setExactly` shows exactly
 * the given names (null: all). Returns the set of hidden series names.
 */
export function nextHiddenSeries(all: readonly string[], hidden: ReadonlySet<string>, label: string | string[] | null, mode: string): Set<string> {
  if (mode === 'setExactly') {
    if (label == null) return new Set();
    const visible = new Set(([] as string[]).concat(label));
    return new Set(all.filter((n) => !visible.has(n)));
  }
  const name = String(label);
  if (mode === 'append') {
    const next = new Set(hidden);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    return next;
  }
  const onlyThis = all.every((n) => (n === name ? !hidden.has(n) : hidden.has(n)));
  return onlyThis ? new Set() : new Set(all.filter((n) => n !== name));
}

/** Copies of the frames with hidden series marked `hideFrom.viz`, as Grafana's override does. */
export function hideSeries(frames: DataFrame[], hidden: ReadonlySet<string>): DataFrame[] {
  if (hidden.size === 0) return frames;
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      if (field.type !== FieldType.number || !hidden.has(getFieldDisplayName(field, frame, frames))) return field;
      const custom = { ...field.config.custom, hideFrom: { ...field.config.custom?.hideFrom, viz: true, tooltip: true, legend: false } };
      return { ...field, config: { ...field.config, custom } };
    }),
  }));
}
