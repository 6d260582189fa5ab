/**
 * Checks for "Frames from upstream data". Each runs the handler, validates the frames
 * with the data-plane checker (the same one the Data tab shows), and compares the
 * series the frames hold with what the upstream holds, computed by its own evaluator.
 */
import { expect, responseFor, show } from '@/lib/checks/assert';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { readTimeSeries, seriesKey, type DataplaneType } from '@/lib/dataplane';
import { expectDataplane } from '@/lib/dataplane/expect';
import { evaluateRange } from '@/lib/upstreams/metrics';
import type { ScenarioInput } from '@/lib/upstreams/scenario';
import { METRICS, seriesTitle } from './starter/metrics';

const CPU = 'cpu_usage_percent';
const HTTP = 'http_requests_per_second';
const STEP_MS = 60_000;
const OUT_OF_ORDER: ScenarioInput = { disorder: true };

type Format = 'multi' | 'wide' | 'long';
const TYPE_OF: Record<Format, DataplaneType> = { multi: 'timeseries-multi', wide: 'timeseries-wide', long: 'timeseries-long' };

/** Runs one query over the last 30 minutes at a one-minute step. */
async function run(ctx: CheckContext, metric: string, format: Format, scenario?: ScenarioInput) {
  const timeRange = { from: ctx.now - 30 * 60_000, to: ctx.now };
  const record = await ctx.query({ queries: [{ json: { metric, format }, intervalMs: STEP_MS, timeRange }], scenario });
  return { record, timeRange };
}

/** The series the upstream holds for this run, keyed as the frames must identify them: name + labels. */
function upstreamSeries(metric: string, timeRange: { from: number; to: number }) {
  const result = evaluateRange({ query: metric, start: timeRange.from / 1000, end: timeRange.to / 1000, step: STEP_MS / 1000 });
  return result.map(({ metric: all, values }) => {
    const { __name__, ...labels } = all;
    return { key: seriesKey(metric, labels), labels, times: values.map(([t]) => t * 1000), values: values.map(([, v]) => Number(v)) };
  });
}

function framesOf(record: RunRecord) {
  const response = responseFor(record, 'A');
  expect(!response.error, 'frames for refId A', () => `the handler answered with a ${response.error!.category} error: ${show(response.error!.message)}`);
  return response.frames;
}

/** The frames follow the format's contract and hold exactly the upstream's series, oldest point first. */
function expectUpstreamData(record: RunRecord, metric: string, format: Format, timeRange: { from: number; to: number }) {
  const frames = framesOf(record);
  expectDataplane(frames, TYPE_OF[format], { context: `for format '${format}'` });
  const got = new Map(readTimeSeries(frames).map((s) => [seriesKey(s.name, s.labels), s]));
  const want = upstreamSeries(metric, timeRange);
  const missing = want.filter((w) => !got.has(w.key)).map((w) => w.key);
  const extra = [...got.keys()].filter((k) => !want.some((w) => w.key === k));
  expect(
    missing.length === 0 && extra.length === 0,
    `the series ${show(want.map((w) => w.key), 300)} (value field named after the metric, labels without __name__)`,
    `the frames hold ${show([...got.keys()], 300)}`,
  );
  for (const w of want) {
    const series = got.get(w.key)!;
    expect(show(series.times) === show(w.times), `${w.key} at times (epoch ms) ${show(w.times, 80)}`, `they are ${show(series.times, 80)}`);
    expect(show(series.values) === show(w.values), `${w.key} to hold the numbers ${show(w.values, 80)}`, `it holds ${show(series.values, 80)}`);
  }
  return frames;
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
    hint: 'Times in milliseconds (type time), values as numbers (type number, Number(v)), meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] }. The Data tab lists what the checker found.',
    async run(ctx) {
      const { record, timeRange } = await run(ctx, CPU, 'multi');
      const frames = framesOf(record);
      expectDataplane(frames, 'timeseries-multi', { context: "for format 'multi'" });
      const want = upstreamSeries(CPU, timeRange).length;
      expect(frames.length === want, `${want} frames, one per series`, `${frames.length} came back`);
    },
  },
  {
    id: 'multi-matches-upstream',
    task: 1,
    title: "Each series is named after the metric, labelled, and holds the upstream's numbers",
    hint: 'Name the value field after the metric and put the series labels (without __name__) on it.',
    async run(ctx) {
      const { record, timeRange } = await run(ctx, HTTP, 'multi');
      expectUpstreamData(record, HTTP, 'multi', timeRange);
    },
  },
  {
    id: 'multi-sorted',
    task: 2,
    title: 'Samples the upstream sends out of order come out oldest first',
    hint: 'Sort the samples by time before building the fields; try the "Out-of-order samples" upstream scenario under the request.',
    async run(ctx) {
      const { record, timeRange } = await run(ctx, CPU, 'multi', OUT_OF_ORDER);
      expectUpstreamData(record, CPU, 'multi', timeRange);
    },
  },
  {
    id: 'units-and-display-names',
    task: 3,
    title: 'Value fields carry the unit and a display name from the data source',
    hint: "Set config.unit from METRICS and config.displayNameFromDS from seriesTitle(metric, labels) on each value field.",
    async run(ctx) {
      for (const metric of [HTTP, 'memory_used_bytes']) {
        const { record } = await run(ctx, metric, 'multi');
        expectFieldConfig(framesOf(record), metric, true);
      }
    },
  },
  {
    id: 'long-frame',
    task: 4,
    title: 'format long: one timeseries-long frame with a string field per label',
    hint: 'Rows sorted by time; a string field per label name (instance, job…); one number field named after the metric, with its unit.',
    async run(ctx) {
      const { record, timeRange } = await run(ctx, CPU, 'long');
      const frames = expectUpstreamData(record, CPU, 'long', timeRange);
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
      const { record, timeRange } = await run(ctx, CPU, 'long', OUT_OF_ORDER);
      expectUpstreamData(record, CPU, 'long', timeRange);
    },
  },
  {
    id: 'wide-frame',
    task: 5,
    title: 'format wide: one timeseries-wide frame, a number field per series on one time field',
    hint: 'Collapse repeated times into one row each; make a number field per (name, labels); keep the unit and add display names.',
    async run(ctx) {
      const { record, timeRange } = await run(ctx, HTTP, 'wide');
      const frames = expectUpstreamData(record, HTTP, 'wide', timeRange);
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
      const { record, timeRange } = await run(ctx, CPU, 'wide', OUT_OF_ORDER);
      expectUpstreamData(record, CPU, 'wide', timeRange);
    },
  },
];

export default checks;
