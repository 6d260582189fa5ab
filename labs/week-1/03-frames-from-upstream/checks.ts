/**
 * Checks for "Frames from upstream data". Each runs the handler, validates the frames
 * with the data-plane checker (the same one the Data tab shows), and compares every
 * point of every series the frames hold with what the upstream sent, computed by its
 * own evaluator for the same scenario (unaligned series and "+Inf" samples included)
 * and the same Run: each Run has its own clock and series (lib/upstreams/seed.ts).
 */
import { expect, responseFor, show } from '@/lib/checks/assert';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { TIME_SERIES_VALUE_FIELD_NAME } from '@grafana/data';
import { diffSeries, readTimeSeries, type DataplaneType, type ExpectedSeries, type TimeSeriesData } from '@/lib/dataplane';
import { expectDataplane } from '@/lib/dataplane/expect';
import { evaluateRange, metricsWorld, parseSampleValue } from '@/lib/upstreams/metrics';
import type { ScenarioInput } from '@/lib/upstreams/scenario';
import { METRICS, seriesTitle } from './starter/metrics';

const CPU = 'cpu_usage_percent';
const HTTP = 'http_requests_per_second';
const STEP_MS = 60_000;
const OUT_OF_ORDER: ScenarioInput = { disorder: true };
const SPECIAL_VALUES: ScenarioInput = { specialValues: true };
const UNALIGNED: ScenarioInput = { unaligned: true };

type Format = 'multi' | 'wide' | 'long';
const TYPE_OF: Record<Format, DataplaneType> = { multi: 'timeseries-multi', wide: 'timeseries-wide', long: 'timeseries-long' };

interface Run {
  record: RunRecord;
  refId: string;
  metric: string;
  format: Format;
  timeRange: { from: number; to: number };
  scenario?: ScenarioInput;
}

/**
 * Runs one query over the last 30 minutes at a one-minute step. The refId is not always
 * "A", so frames must carry the refId of the query they answer.
 */
async function run(ctx: CheckContext, metric: string, format: Format, scenario?: ScenarioInput, refId = 'A'): Promise<Run> {
  const timeRange = { from: ctx.now - 30 * 60_000, to: ctx.now };
  const record = await ctx.query({ queries: [{ refId, json: { metric, format }, intervalMs: STEP_MS, timeRange }], scenario });
  return { record, refId, metric, format, timeRange, scenario };
}

/** The series the upstream sent for this run, as the frames must hold them: named after the metric, labels without __name__. */
function upstreamSeries({ record, metric, timeRange, scenario }: Run): ExpectedSeries[] {
  const range = { query: metric, start: timeRange.from / 1000, end: timeRange.to / 1000, step: STEP_MS / 1000 };
  const result = evaluateRange(range, scenario, metricsWorld(record.seed));
  return result.map(({ metric: all, values }) => {
    const { __name__, ...labels } = all;
    return { name: metric, labels, times: values.map(([t]) => t * 1000), values: values.map(([, v]) => parseSampleValue(v)), sent: values.map(([, v]) => v) };
  });
}

function framesOf({ record, refId }: Run) {
  const response = responseFor(record, refId);
  expect(!response.error, `frames for refId ${refId}`, () => `the handler answered with a ${response.error!.category} error: ${show(response.error!.message)}`);
  return response.frames;
}

/**
 * The frames follow the format's contract, answer the query's refId, and hold exactly
 * the upstream's series: every point, compared in full.
 */
function expectUpstreamData(r: Run) {
  const frames = framesOf(r);
  expectDataplane(frames, TYPE_OF[r.format], { context: `for format '${r.format}'` });
  const refIds = frames.map((f) => (f as { schema?: { refId?: string } }).schema?.refId);
  const wrong = refIds.findIndex((id) => id !== r.refId);
  expect(wrong < 0, `every frame to carry refId ${show(r.refId)}, the query it answers`, () => `frame ${wrong} has refId ${show(refIds[wrong])}`);
  const difference = diffSeries(readTimeSeries(frames).map((s) => asGrafanaNames(s, r.metric)), upstreamSeries(r));
  expect(!difference, "every point of the upstream's series (value field named after the metric or `Value`, labels without __name__, times in ms, values as numbers)", () => difference!);
  return frames;
}

/**
 * A series read from the frames, named as Grafana names it. A number field called exactly
 * `Value` (TIME_SERIES_VALUE_FIELD_NAME in @grafana/data, data.TimeSeriesValueFieldName
 * in the Go SDK, what Grafana's own data sources use) stands for the frame's series:
 * Grafana leaves that name out of legends and shows the frame name (the metric) and the
 * labels instead. Any other name, `value` included, is the series' name and shows in
 * every legend, so it has to be the metric.
 */
function asGrafanaNames(series: TimeSeriesData, metric: string): TimeSeriesData {
  return series.name === TIME_SERIES_VALUE_FIELD_NAME ? { ...series, name: metric } : series;
}

/** Every value field carries the metric's unit, and (when it holds one series) its display name. */
function expectFieldConfig(frames: readonly unknown[], metric: string, withNames: boolean) {
  for (const [index, frame] of frames.entries()) {
    const fields = ((frame as { schema?: { fields?: Array<Record<string, unknown>> } }).schema?.fields ?? []).filter((f) => f.type === 'number');
    for (const field of fields) {
      const config = (field.config ?? {}) as Record<string, unknown>;
      const where = `frame ${index}, field '${field.name}'`;
      expect(config.unit === METRICS[metric].unit, `config.unit '${METRICS[metric].unit}' on ${where}`, `it is ${show(config.unit)}`);
      if (!withNames) continue;
      const want = seriesTitle(metric, (field.labels ?? {}) as Record<string, string>);
      expect(config.displayNameFromDS === want, `config.displayNameFromDS ${show(want)} on ${where}`, `it is ${show(config.displayNameFromDS)}`);
    }
  }
}

const checks: LabCheck[] = [
  {
    id: 'multi-follows-contract',
    task: 1,
    title: 'One timeseries-multi frame per series, with the right field types',
    hint: 'Times in milliseconds (type time), values converted from text to numbers (type number), meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] }. The Data tab lists what the checker found.',
    async run(ctx) {
      const r = await run(ctx, CPU, 'multi');
      const frames = framesOf(r);
      expectDataplane(frames, 'timeseries-multi', { context: "for format 'multi'" });
      const want = upstreamSeries(r).length;
      expect(frames.length === want, `${want} frames, one per series`, `${frames.length} came back`);
    },
  },
  {
    id: 'multi-matches-upstream',
    task: 1,
    title: "Each series is named after the metric, labelled, and holds the upstream's numbers",
    hint: 'Name the value field after the metric (or `Value`, the name Grafana\'s own data sources use, which legends leave out; never `value`, which every legend would show), put the series labels (without __name__) on it, and give every frame the refId of its query.',
    async run(ctx) {
      expectUpstreamData(await run(ctx, HTTP, 'multi', undefined, 'B'));
    },
  },
  {
    id: 'multi-special-values',
    task: 1,
    title: 'Samples of "+Inf", "-Inf" and "NaN" become Infinity, -Infinity and NaN',
    hint: 'Number("+Inf") and parseFloat("+Inf") are both NaN. Read "+Inf" and "-Inf" yourself; pick the "NaN and ±Inf samples" upstream scenario to see them.',
    async run(ctx) {
      expectUpstreamData(await run(ctx, CPU, 'multi', SPECIAL_VALUES));
    },
  },
  {
    id: 'multi-sorted',
    task: 2,
    title: 'Samples the upstream sends out of order come out oldest first',
    hint: 'Sort the samples by time before building the fields; try the "Out-of-order samples" upstream scenario under the request.',
    async run(ctx) {
      expectUpstreamData(await run(ctx, CPU, 'multi', OUT_OF_ORDER));
    },
  },
  {
    id: 'units-and-display-names',
    task: 3,
    title: 'Value fields carry the unit and a display name from the data source',
    hint: "Set config.unit from METRICS and config.displayNameFromDS from seriesTitle(metric, labels) on each value field.",
    async run(ctx) {
      for (const metric of [HTTP, 'memory_used_bytes']) {
        expectFieldConfig(framesOf(await run(ctx, metric, 'multi')), metric, true);
      }
    },
  },
  {
    id: 'long-frame',
    task: 4,
    title: 'format long: one timeseries-long frame with a string field per label',
    hint: 'Rows sorted by time; a string field per label name (instance, job…); one number field named after the metric, with its unit.',
    async run(ctx) {
      const frames = expectUpstreamData(await run(ctx, CPU, 'long', undefined, 'L'));
      expect(frames.length === 1, 'exactly one frame', `${frames.length} came back`);
      const fields = (frames[0] as { schema?: { fields?: Array<{ name: string; type?: string }> } }).schema?.fields ?? [];
      const strings = fields.filter((f) => f.type === 'string').map((f) => f.name);
      expect(show(strings) === show(['instance', 'job']), 'string fields ["instance","job"], one per label name', `they are ${show(strings)}`);
      expectFieldConfig(frames, CPU, false);
    },
  },
  {
    id: 'long-sorted',
    task: 4,
    title: 'format long stays sorted by time when the upstream is out of order',
    hint: 'Sort the rows by time after putting every series into them.',
    async run(ctx) {
      expectUpstreamData(await run(ctx, CPU, 'long', OUT_OF_ORDER));
    },
  },
  {
    id: 'wide-frame',
    task: 5,
    title: 'format wide: one timeseries-wide frame, a number field per series on one time field',
    hint: 'Collapse repeated times into one row each; make a number field per (name, labels); keep the unit, add display names, and keep the refId.',
    async run(ctx) {
      const frames = expectUpstreamData(await run(ctx, HTTP, 'wide', undefined, 'W'));
      expect(frames.length === 1, 'exactly one frame', `${frames.length} came back`);
      expectFieldConfig(frames, HTTP, true);
    },
  },
  {
    id: 'wide-from-disorder',
    task: 5,
    title: 'format wide is right when the upstream is out of order',
    hint: 'The wide frame needs one row per time, oldest first, whatever order the long frame came in.',
    async run(ctx) {
      expectUpstreamData(await run(ctx, CPU, 'wide', OUT_OF_ORDER));
    },
  },
  {
    id: 'wide-unaligned',
    task: 5,
    title: 'format wide keeps every sample when series have different times and gaps',
    hint: 'The wide time field is every time any series has; a series gets its value at its own times and null at the others. Try the "Unaligned series" upstream scenario.',
    async run(ctx) {
      expectUpstreamData(await run(ctx, HTTP, 'wide', UNALIGNED));
    },
  },
];

export default checks;
