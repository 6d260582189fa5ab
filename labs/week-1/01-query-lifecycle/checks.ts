/**
 * Checks for "The query lifecycle". Each runs the learner's handler with a query model
 * and panel settings of its own, then looks at what crossed the boundaries: the
 * upstream request the handler made, and the frames it returned.
 */
import { FieldType, type DataFrame } from '@grafana/data';
import { expect, framesFor, queryResponse, responseFor, show, urlParams } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { evaluateRange } from '@/lib/upstreams/metrics';

const CPU = 'cpu_usage_percent';
const HOUR_S = 3600;

/** The `step` of each upstream request, as a number (NaN when missing). */
function steps(record: RunRecord): number[] {
  return record.upstream.map((call) => Number(urlParams(call.url).get('step') ?? NaN));
}

function valueField(frame: DataFrame) {
  return frame.fields.find((f) => f.type === FieldType.number);
}

function expectOneStep(record: RunRecord, want: number, why: string) {
  queryResponse(record);
  const sent = steps(record);
  expect(sent.length === 1 && sent[0] === want, `one upstream request with step=${want} (${why})`, `the handler sent step ${show(sent)}`);
}

function expectValidation(record: RunRecord, field: string) {
  const response = responseFor(record, 'A');
  expect(response.error?.category === 'validation', `a validation error for refId A`, response.error ? `the error is '${response.error.category}'` : `refId A came back with ${response.frames.length} frame(s) and no error`);
  expect(response.error.message.includes(field), `the message to name "${field}"`, `it says ${show(response.error.message)}`);
  expect(record.upstream.length === 0, 'no upstream request for a query that is invalid', `${record.upstream.length} request(s) went out`);
}

const checks: LabCheck[] = [
  {
    id: 'every-query-answered',
    task: 1,
    title: 'One QueryData call answers every query of the panel',
    hint: 'Loop over req.queries and put each answer under its own refId.',
    async run(ctx) {
      const record = await ctx.query({
        queries: [
          { refId: 'A', json: { metric: CPU } },
          { refId: 'B', json: { metric: 'queue_depth' } },
        ],
      });
      const refIds = Object.keys(queryResponse(record).responses).sort();
      expect(show(refIds) === show(['A', 'B']), 'responses for refIds A and B', `responses for ${show(refIds)}`);
      const names = framesFor(record, 'B').map((f) => f.name);
      expect(names.length > 0 && names.every((n) => n === 'queue_depth'), 'frames for B named queue_depth', `B's frames are ${show(names)}`);
      expect(record.upstream.length === 2, 'one upstream request per query (2)', `${record.upstream.length} request(s) went out`);
    },
  },
  {
    id: 'legend-names-series',
    task: 2,
    title: 'The legend from the query model names each series',
    hint: 'Add legend to the schema in query.ts (or it is dropped), then set config.displayName on the value field.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: { metric: CPU, legend: 'CPU {{instance}}' } }] });
      const frames = framesFor(record, 'A');
      const want = evaluateRange({ query: CPU, start: (ctx.now - HOUR_S * 1000) / 1000, end: ctx.now / 1000, step: 60 }).map((s) => `CPU ${s.metric.instance}`);
      const got = frames.map((f) => valueField(f)?.config.displayName);
      expect(show([...got].sort()) === show([...want].sort()), `series named ${show(want)}`, `the value fields' displayName are ${show(got)}`);
      const single = framesFor(await ctx.query({ queries: [{ json: { metric: 'queue_depth', legend: 'Orders waiting' } }] }), 'A');
      const singleNames = single.map((f) => valueField(f)?.config.displayName);
      expect(show(singleNames) === show(['Orders waiting']), 'a legend without {{…}} used as it is', `got ${show(singleNames)}`);
    },
  },
  {
    id: 'no-legend-no-display-name',
    task: 2,
    title: 'Without a legend, Grafana keeps naming the series',
    hint: 'Only set displayName when the query model has a legend.',
    async run(ctx) {
      const frames = framesFor(await ctx.query({ queries: [{ json: { metric: CPU } }] }), 'A');
      expect(frames.length > 0, 'frames for refId A', 'no frames came back');
      const names = frames.map((f) => valueField(f)?.config.displayName);
      expect(names.every((n) => n === undefined), 'no displayName, so Grafana names series from their labels', `displayName is ${show(names)}`);
    },
  },
  {
    id: 'step-from-panel',
    task: 3,
    title: "Without a step, the panel's interval sets it",
    hint: 'query.intervalMs is in milliseconds: the step is whole seconds, at least 1.',
    async run(ctx) {
      expectOneStep(await ctx.query({ queries: [{ json: { metric: CPU }, intervalMs: 30_000 }] }), 30, 'intervalMs 30000');
      const fiveMinutes = { from: ctx.now - 5 * 60_000, to: ctx.now };
      expectOneStep(await ctx.query({ queries: [{ json: { metric: CPU }, intervalMs: 200, timeRange: fiveMinutes }] }), 1, 'intervalMs 200, and a step is at least 1 s');
    },
  },
  {
    id: 'step-from-query-model',
    task: 3,
    title: "The query model's step wins, and a bad step is a validation error",
    hint: 'Add step to the schema as a whole number of at least 1, and prefer it in chooseStep.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: { metric: 'queue_depth', step: 300 }, intervalMs: 15_000 }] });
      expectOneStep(record, 300, 'step 300 in the query model');
      const rows = framesFor(record, 'A').map((f) => f.length);
      expect(show(rows) === show([HOUR_S / 300 + 1]), `${HOUR_S / 300 + 1} points for one hour at 300 s`, `the frames have ${show(rows)} rows`);
      expectValidation(await ctx.query({ queries: [{ json: { metric: CPU, step: -5 } }] }), 'step');
      expectValidation(await ctx.query({ queries: [{ json: { metric: CPU, step: '1m' } }] }), 'step');
    },
  },
  {
    id: 'max-data-points',
    task: 4,
    title: 'Never more points than the panel can draw, and no fewer than needed',
    hint: 'N points span N - 1 steps: the step must be at least rangeSeconds / (maxDataPoints - 1), rounded up.',
    async run(ctx) {
      for (const [maxDataPoints, json] of [
        [50, { metric: CPU }],
        [100, { metric: CPU, step: 5 }],
      ] as const) {
        const record = await ctx.query({ queries: [{ json, intervalMs: 15_000, maxDataPoints }] });
        const rows = framesFor(record, 'A').map((f) => f.length);
        expect(rows.length > 0 && rows.every((n) => n <= maxDataPoints), `at most ${maxDataPoints} points per series (maxDataPoints)`, `series have ${show(rows)} points (step ${show(steps(record))})`);
        const enough = Math.ceil(HOUR_S / (maxDataPoints - 1));
        expect(steps(record)[0] <= enough, `a step no larger than ${enough} s, so the panel still gets as much detail as it can draw`, `the step is ${show(steps(record))}`);
      }
      // A step that already fits is left alone.
      expectOneStep(await ctx.query({ queries: [{ json: { metric: CPU }, intervalMs: 60_000, maxDataPoints: 500 }] }), 60, 'one hour at 60 s is 61 points, well under 500');
    },
  },
];

export default checks;
