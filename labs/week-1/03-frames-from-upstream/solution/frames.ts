import { createDataFrame, DataFrameType, FieldType, type DataFrame, type Field, type FieldConfig } from '@grafana/data';
import { METRICS, seriesTitle, type MatrixSeries } from './metrics';

/** Every frame says which version of its data-plane type it follows. */
const TYPE_VERSION: [number, number] = [0, 1];

/** A series' labels without `__name__`: the metric name is already the field's name. */
function labelsOf(series: MatrixSeries): Record<string, string> {
  const { __name__, ...labels } = series.metric;
  return labels;
}

/**
 * A sample value as a number. Prometheus writes values as text and spells the
 * infinities "+Inf" and "-Inf", which Number() would turn into NaN ("NaN" it reads).
 */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Samples as [epoch ms, number], oldest first: the upstream does not promise the order. */
function points(series: MatrixSeries): Array<[number, number]> {
  return series.values.map(([t, v]): [number, number] => [t * 1000, sampleValue(v)]).sort((a, b) => a[0] - b[0]);
}

/** Unit for every value field; a display name only where a field holds one series. */
function valueConfig(metric: string, labels?: Record<string, string>): FieldConfig {
  const unit = METRICS[metric]?.unit;
  return {
    ...(unit ? { unit } : {}),
    // displayNameFromDS, not displayName: a user's own display name override still wins.
    ...(labels ? { displayNameFromDS: seriesTitle(metric, labels) } : {}),
  };
}

/** format "multi": one frame per series, the labels on its value field. */
export function toMultiFrames(metric: string, series: MatrixSeries[], refId: string): DataFrame[] {
  return series.map((s) => {
    const labels = labelsOf(s);
    const sorted = points(s);
    return createDataFrame({
      name: metric,
      refId,
      meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: TYPE_VERSION },
      fields: [
        { name: 'Time', type: FieldType.time, values: sorted.map(([t]) => t) },
        { name: metric, type: FieldType.number, labels, values: sorted.map(([, v]) => v), config: valueConfig(metric, labels) },
      ],
    });
  });
}

/** format "long": one frame, a row per series and time, sorted by time; labels become string fields. */
export function toLongFrame(metric: string, series: MatrixSeries[], refId: string): DataFrame {
  const labelNames = [...new Set(series.flatMap((s) => Object.keys(labelsOf(s))))].sort();
  const rows = series.flatMap((s) => points(s).map(([time, value]) => ({ time, value, labels: labelsOf(s) })));
  rows.sort((a, b) => a.time - b.time); // stable: within one time, series keep the upstream's order
  return createDataFrame({
    name: metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesLong, typeVersion: TYPE_VERSION },
    fields: [
      { name: 'Time', type: FieldType.time, values: rows.map((r) => r.time) },
      // A series without a label gets "": every row needs a value in every dimension.
      ...labelNames.map((name) => ({ name, type: FieldType.string, values: rows.map((r) => r.labels[name] ?? '') })),
      { name: metric, type: FieldType.number, values: rows.map((r) => r.value), config: valueConfig(metric) },
    ],
  });
}

/**
 * Long to wide: the string fields become labels, each (value field, labels) pair becomes
 * one number field, and repeated times collapse into one row. A series with no row at
 * some time gets null there, since every field of the wide frame shares one time field.
 */
export function longToWide(long: DataFrame): DataFrame {
  const time = long.fields.find((f) => f.type === FieldType.time);
  if (!time) throw new Error('longToWide needs a frame with a time field.');
  const dimensions = long.fields.filter((f) => f.type === FieldType.string);
  const valueFields = long.fields.filter((f) => f.type === FieldType.number);

  const times = [...new Set<number>(time.values)].sort((a, b) => a - b);
  const rowOf = new Map(times.map((t, row) => [t, row]));
  const series = new Map<string, Field>();

  for (let row = 0; row < long.length; row++) {
    const labels = Object.fromEntries(dimensions.map((d) => [d.name, String(d.values[row] ?? '')]));
    for (const source of valueFields) {
      const key = JSON.stringify([source.name, labels]);
      let field = series.get(key);
      if (!field) {
        field = {
          name: source.name,
          type: FieldType.number,
          labels,
          config: { ...source.config, ...valueConfig(source.name, labels) },
          values: times.map(() => null),
        };
        series.set(key, field);
      }
      field.values[rowOf.get(time.values[row])!] = source.values[row];
    }
  }

  return createDataFrame({
    name: long.name,
    refId: long.refId,
    meta: { type: DataFrameType.TimeSeriesWide, typeVersion: TYPE_VERSION },
    fields: [{ name: time.name, type: FieldType.time, config: {}, values: times }, ...series.values()],
  });
}
