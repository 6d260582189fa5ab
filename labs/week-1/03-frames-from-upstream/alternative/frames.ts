import { DataFrameType, FieldType, type DataFrame, type Field } from '@grafana/data';
import { METRICS, seriesTitle, type MatrixSeries } from './metrics';

// A second correct solution, written differently from solution/: frames as plain
// DataFrame objects (no createDataFrame), a lookup table for Prometheus' special values,
// and longToWide through a time-to-row index built in one pass.

const SPECIAL: Record<string, number> = { '+Inf': Infinity, '-Inf': -Infinity, NaN: NaN };

function toNumber(text: string): number {
  return text in SPECIAL ? SPECIAL[text] : parseFloat(text);
}

function withoutName(metric: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(metric)) if (key !== '__name__') labels[key] = value;
  return labels;
}

function numberField(name: string, values: Array<number | null>, labels?: Record<string, string>): Field {
  const unit = METRICS[name]?.unit;
  const config = { ...(unit ? { unit } : {}), ...(labels ? { displayNameFromDS: seriesTitle(name, labels) } : {}) };
  return { name, type: FieldType.number, config, values, ...(labels ? { labels } : {}) };
}

function timeField(name: string, values: number[]): Field {
  return { name, type: FieldType.time, config: {}, values };
}

export function toMultiFrames(metric: string, series: MatrixSeries[], refId: string): DataFrame[] {
  return series.map((s) => {
    const order = s.values.map((_, i) => i).sort((a, b) => s.values[a][0] - s.values[b][0]);
    const labels = withoutName(s.metric);
    return {
      name: metric,
      refId,
      meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
      length: order.length,
      fields: [
        timeField('Time', order.map((i) => Math.round(s.values[i][0] * 1000))),
        numberField(metric, order.map((i) => toNumber(s.values[i][1])), labels),
      ],
    };
  });
}

export function toLongFrame(metric: string, series: MatrixSeries[], refId: string): DataFrame {
  const names = new Set<string>();
  for (const s of series) for (const key of Object.keys(withoutName(s.metric))) names.add(key);
  const dimensions = [...names].sort();

  const rows: Array<{ t: number; v: number; dims: string[] }> = [];
  for (const s of series) {
    const labels = withoutName(s.metric);
    for (const [t, v] of s.values) rows.push({ t: Math.round(t * 1000), v: toNumber(v), dims: dimensions.map((d) => labels[d] ?? '') });
  }
  rows.sort((a, b) => a.t - b.t);

  const unit = METRICS[metric]?.unit;
  return {
    name: metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesLong, typeVersion: [0, 1] },
    length: rows.length,
    fields: [
      timeField('Time', rows.map((r) => r.t)),
      ...dimensions.map((d, i): Field => ({ name: d, type: FieldType.string, config: {}, values: rows.map((r) => r.dims[i]) })),
      { name: metric, type: FieldType.number, config: unit ? { unit } : {}, values: rows.map((r) => r.v) },
    ],
  };
}

export function longToWide(long: DataFrame): DataFrame {
  const time = long.fields.find((f) => f.type === FieldType.time)!;
  const strings = long.fields.filter((f) => f.type === FieldType.string);
  const numbers = long.fields.filter((f) => f.type === FieldType.number);

  const allTimes = Array.from(new Set(time.values as number[])).sort((a, b) => a - b);
  const rowAt = new Map<number, number>();
  allTimes.forEach((t, i) => rowAt.set(t, i));

  const columns = new Map<string, { name: string; labels: Record<string, string>; values: Array<number | null> }>();
  for (let i = 0; i < long.length; i++) {
    const labels: Record<string, string> = {};
    for (const s of strings) labels[s.name] = String(s.values[i] ?? '');
    for (const n of numbers) {
      const id = `${n.name}|${JSON.stringify(labels)}`;
      if (!columns.has(id)) columns.set(id, { name: n.name, labels, values: new Array(allTimes.length).fill(null) });
      columns.get(id)!.values[rowAt.get(time.values[i])!] = n.values[i];
    }
  }

  return {
    name: long.name,
    refId: long.refId,
    meta: { type: DataFrameType.TimeSeriesWide, typeVersion: [0, 1] },
    length: allTimes.length,
    fields: [timeField(time.name, allTimes), ...[...columns.values()].map((c) => numberField(c.name, c.values, c.labels))],
  };
}
