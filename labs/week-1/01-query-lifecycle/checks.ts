/**
 * Checks for "The query lifecycle". Each runs the learner's handler with a query model
 * and panel settings of its own, then looks at what crossed the boundaries: the
 * upstream request the handler made, and the frames it returned.
 *
 * The upstream request is read the way Prometheus reads it (URL query and form body,
 * `step` as float seconds or a duration such as `30s`), so a handler that sends a
 * POST or writes `step=30s` is judged by what it asked for, not how it spelled it.
 *
 * Every Run has its own clock, default range and series (lib/upstreams/seed.ts): what a
 * check expects is read from the run's own request and the upstream's data for its seed.
 * The query models, refIds, legends, intervals, steps and panel sizes a verdict depends
 * on are drawn per Run too (lib/checks/draw.ts), and every failure names them.
 */
import { FieldType, type DataFrame } from '@grafana/data';
import { expect, fail, framesFor, queryResponse, responseFor, show } from '@/lib/checks/assert';
import { drawFor, nonObjectJson, NON_OBJECT_KINDS, notJson, nullJson, refIds, showText, type Draw } from '@/lib/checks/draw';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { QueryOverride } from '@/lib/engine/request';
import type { RunRecord } from '@/lib/engine/run';
import type { UpstreamCall } from '@/lib/runtime/upstream-bridge';
import { METRIC_CATALOG, METRIC_NAMES, metricsWorld } from '@/lib/upstreams/metrics';
import { parseDuration } from '@/lib/upstreams/metrics/params';

const CPU = 'cpu_usage_percent';
const QUEUE = 'queue_depth';
const HOUR_MS = 3_600_000;

/** The label names of a metric's series (instance, job, route…). */
function labelNames(metric: string): string[] {
  return Object.keys(METRIC_CATALOG.find((m) => m.name === metric)?.series[0] ?? {});
}

/** A legend for `metric` with `placeholders` {{label}}s (0 for plain text), words and separators drawn. */
function drawLegend(d: Draw, metric: string, placeholders: number): string {
  const word = () => d.pick(['CPU', 'Load', 'Requests', 'Memory', 'Queue', 'on', 'at', d.letters(3, 7)]);
  if (placeholders === 0) return `${word()} ${d.pick(['waiting', 'total', 'now', d.letters(3, 7)])}`;
  const labels = d.shuffle(labelNames(metric));
  const names = Array.from({ length: placeholders }, (_, i) => labels[i] ?? d.pick(labels));
  const parts = names.map((name, i) => `${i === 0 && d.chance(0.5) ? `${word()} ` : ''}{{${name}}}`);
  return parts.reduce((legend, part) => `${legend}${d.pick([' on ', ' / ', ' - ', ', ', ' '])}${part}`);
}

/** A time span as a person reads it: "45 min", "24 h". */
function span(ms: number): string {
  return ms < 2 * HOUR_MS ? `${Math.round(ms / 60_000)} min` : `${Math.round((ms / HOUR_MS) * 10) / 10} h`;
}

/** How long the time range of the run's first query was, in ms. */
function rangeOf(record: RunRecord): number {
  if (record.invocation !== 'queryData') throw new Error('rangeOf() needs a queryData run.');
  const { from, to } = record.request.queries[0].timeRange;
  return to - from;
}

/** Equal as data, compared in full (never through `show`, which cuts long text). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The handler must answer, not crash: a thrown error fails the check, said plainly. */
function answered(record: RunRecord, what: string) {
  if (!record.output.ok) {
    const message = record.output.error.message.replace(/\s+/g, ' ');
    fail(`${what}, not a crash`, `the handler threw: ${message.length > 240 ? `${message.slice(0, 240)}…` : message}`);
  }
  return queryResponse(record);
}

/** The parameters of an upstream request as Prometheus reads them: a form body first, then the URL. */
function requestParams(call: UpstreamCall): URLSearchParams {
  const params = new URLSearchParams();
  const type = call.requestHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (call.requestBody && /application\/x-www-form-urlencoded/i.test(type)) {
    for (const [key, value] of new URLSearchParams(call.requestBody)) params.append(key, value);
  }
  try {
    for (const [key, value] of new URL(call.url).searchParams) if (!params.has(key)) params.append(key, value);
  } catch {
    // a URL the bridge could not parse has no parameters to read
  }
  return params;
}

/** The step of each upstream request in seconds (NaN when missing or unreadable). */
function steps(record: RunRecord): number[] {
  return record.upstream.map((call) => {
    const ms = parseDuration(requestParams(call).get('step') ?? '');
    return ms === undefined ? NaN : ms / 1000;
  });
}

function valueFields(frame: DataFrame) {
  return frame.fields.filter((f) => f.type === FieldType.number);
}

/** Runs one query, as refId A, with its own panel settings. */
function one(ctx: CheckContext, json: QueryOverride['json'], extra: Omit<QueryOverride, 'json'> = {}) {
  return ctx.query({ queries: [{ refId: 'A', json, ...extra }] });
}

function expectOneStep(record: RunRecord, accept: (step: number) => boolean, want: string, why: string) {
  const response = answered(record, `frames for refId A (${why})`).responses.A;
  const sent = steps(record);
  expect(sent.length === 1 && accept(sent[0]), `one upstream request with step ${want} (${why})`, () =>
    sent.length === 0 ? `no request went out${response?.error ? `: refId A got a '${response.error.category}' error, ${show(response.error.message)}` : ''}` : `the handler sent step ${show(sent)}`,
  );
}

function expectValidation(record: RunRecord, field: string, what: string) {
  const response = answered(record, `a validation error for ${what}`).responses.A;
  expect(response, `a response for refId A (${what})`, 'refId A is missing from the response');
  expect(response.error?.category === 'validation', `a validation error for ${what}`, response.error ? `the error is '${response.error.category}': ${show(response.error.message)}` : `refId A came back with ${response.frames.length} frame(s) and no error`);
  expect(response.error.message.includes(field), `the message for ${what} to name "${field}"`, `it says ${show(response.error.message)}`);
  expect(record.upstream.length === 0, `no upstream request for ${what}`, `${record.upstream.length} request(s) went out`);
}

/**
 * The series names a legend gives one metric: each `{{label}}` replaced by that series'
 * label value, in the series the upstream served in this run.
 */
function legendNames(record: RunRecord, metric: string, legend: string): string[] {
  const spec = metricsWorld(record.seed).catalog.find((m) => m.name === metric);
  if (!spec) throw new Error(`The metrics upstream has no metric ${metric}.`);
  return spec.series.map((labels) => legend.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (labels as Record<string, string>)[name] ?? '')).sort();
}

const checks: LabCheck[] = [
  {
    id: 'every-query-answered',
    task: 1,
    title: 'One QueryData call answers every query of the panel, each under its refId',
    hint: 'Loop over req.queries, run each with its own query model and put its answer (and its frames\' refId) under query.refId.',
    async run(ctx) {
      const d = drawFor(ctx, 'every-query-answered');
      const ids = refIds(d, 2);
      const metrics = d.sample(METRIC_NAMES, 2);
      const pairs = ids.map((refId, i) => [refId, metrics[i]] as const);
      const record = await ctx.query({ queries: pairs.map(([refId, metric]) => ({ refId, json: { metric } })) });
      const named = ids.map((id) => `"${id}"`).join(' and ');
      const got = Object.keys(answered(record, `responses for refIds ${named}`).responses).sort();
      expect(same(got, [...ids].sort()), `responses for refIds ${named} (a refId is whatever the panel named the query)`, `responses for ${show(got)}`);
      for (const [refId, metric] of pairs) {
        const response = responseFor(record, refId);
        expect(!response.error, `frames for refId "${refId}"`, () => `a '${response.error!.category}' error: ${show(response.error!.message)}`);
        const frames = framesFor(record, refId);
        expect(frames.length > 0, `frames for refId "${refId}"`, 'no frames came back');
        const names = frames.map((f) => f.name);
        expect(names.every((n) => n === metric), `the frames of "${refId}" to hold ${metric}, the metric its own query model asks for`, `they are named ${show(names)}`);
        const frameRefIds = frames.map((f) => f.refId);
        expect(frameRefIds.every((r) => r === refId), `every frame under "${refId}" to carry refId "${refId}" (panels and transformations match frames to queries by it)`, `their refIds are ${show(frameRefIds)}`);
      }
      const asked = record.upstream.map((call) => requestParams(call).get('query')).sort();
      expect(same(asked, [...metrics].sort()), `one upstream request per query: ${show([...metrics].sort())}`, `the handler asked for ${show(asked)}`);
    },
  },
  {
    id: 'bad-query-isolated',
    task: 1,
    title: "A query that cannot be read gets its own validation error; the panel's other queries are still answered",
    hint: 'Each query stands alone: a bad one returns queryError under its own refId, and the loop carries on with the next.',
    async run(ctx) {
      // null, two other kinds of JSON that is not an object, and text that is not JSON, around one valid query.
      const d = drawFor(ctx, 'bad-query-isolated');
      const good = { metric: d.pick(METRIC_NAMES) };
      const bad = [nullJson(d), ...d.sample(NON_OBJECT_KINDS, 2).map((kind) => nonObjectJson(d, kind, good)), notJson(d, good)];
      const ids = refIds(d, bad.length + 1);
      const queries = d.shuffle([...bad, good]).map((json, i) => ({ refId: ids[i], json }));
      const list = queries.map((q) => `${q.refId}: ${typeof q.json === 'string' ? showText(q.json) : JSON.stringify(q.json)}`).join(', ');
      const run = await ctx.query({ queries });
      const responses = answered(run, `an answer for every query of ${list}`).responses;
      const has = (refId: string) => (Object.hasOwn(responses, refId) ? responses[refId] : undefined);
      for (const { refId, json } of queries) {
        if (json === good) continue;
        const response = has(refId);
        expect(response?.error?.category === 'validation', `a validation error for refId ${refId}, whose query model is ${showText(json as string)}`, () =>
          !response ? `refId ${refId} is missing from the response` : response.error ? `a '${response.error.category}' error` : `${response.frames.length} frame(s) and no error`,
        );
      }
      const validId = queries.find((q) => q.json === good)!.refId;
      const valid = has(validId);
      expect(valid && !valid.error && valid.frames.length > 0, `frames for refId ${validId}, the valid query ${JSON.stringify(good)} among the bad ones`, () =>
        !valid ? `refId ${validId} is missing from the response` : valid.error ? `a '${valid.error.category}' error: ${show(valid.error.message)}` : 'no frames',
      );
      expect(run.upstream.length === 1, `one upstream request, for ${validId} only`, `${run.upstream.length} request(s) went out`);
    },
  },
  {
    id: 'legend-names-series',
    task: 2,
    title: 'The legend from the query model names each series (config.displayNameFromDS)',
    hint: 'Add legend to the schema in query.ts (or it is dropped), then set config.displayNameFromDS on the value field, replacing every {{label}} in it.',
    async run(ctx) {
      // Legends with one {{label}}, with two or three, and with none, on drawn metrics.
      const d = drawFor(ctx, 'legend-names-series');
      const cases = d.shuffle([1, d.int(2, 3), 0]).map((placeholders) => {
        const metric = d.pick(METRIC_NAMES);
        return [metric, drawLegend(d, metric, placeholders)] as const;
      });
      for (const [metric, legend] of cases) {
        const record = await one(ctx, { metric, legend });
        answered(record, `frames for ${metric} with legend ${show(legend)}`);
        const fields = framesFor(record, 'A').flatMap(valueFields);
        expect(fields.length > 0, `frames for ${metric} with legend ${show(legend)}`, () => `refId A got ${show(responseFor(record, 'A').error?.message ?? 'no frames')}`);
        const want = legendNames(record, metric, legend);
        const got = fields.map((f) => f.config.displayNameFromDS).sort();
        const user = fields.map((f) => f.config.displayName).filter((n) => n !== undefined);
        if (!same(got, want)) {
          fail(
            `legend ${show(legend)} on ${metric} to name the series ${show(want, 400)} in config.displayNameFromDS`,
            user.length > 0
              ? `the names are in config.displayName (${show(user)}), which belongs to the dashboard (a panel's Display name option); a data source sets displayNameFromDS`
              : got.every((n) => n === undefined)
                ? 'no value field has config.displayNameFromDS (did the legend reach the handler, or did the schema drop it?)'
                : `displayNameFromDS is ${show(got, 400)}`,
          );
        }
        expect(user.length === 0, 'no config.displayName: it is the dashboard\'s setting, not the data source\'s', `displayName is ${show(user)}`);
      }
    },
  },
  {
    id: 'no-legend-no-display-name',
    task: 2,
    title: 'Without a legend, Grafana keeps naming the series',
    hint: 'Only set a display name when the query model has a legend.',
    async run(ctx) {
      for (const metric of [CPU, QUEUE]) {
        const record = await one(ctx, { metric });
        answered(record, `frames for ${metric}`);
        const fields = framesFor(record, 'A').flatMap(valueFields);
        expect(fields.length > 0, `frames for ${metric}`, 'no frames came back');
        const names = fields.map((f) => f.config.displayNameFromDS || f.config.displayName).filter(Boolean);
        expect(names.length === 0, `no display name for ${metric} without a legend, so Grafana names each series from its labels`, `the series are named ${show(names)}`);
      }
    },
  },
  {
    id: 'step-from-panel',
    task: 3,
    title: "Without a step, the panel's interval sets it, in whole seconds",
    hint: 'query.intervalMs is in milliseconds: the step is whole seconds, at least 1.',
    async run(ctx) {
      // A whole number of seconds (never the 60 s default), less than a second, and a fraction over one second.
      const d = drawFor(ctx, 'step-from-panel');
      const short = { from: ctx.now - d.int(2, 8) * 60_000, to: ctx.now };
      const metric = d.pick(METRIC_NAMES);
      let whole = d.int(10, 300);
      if (whole === 60) whole = 61;
      const under = d.int(1, 999);
      const fraction = d.int(1, 9) * 1000 + d.int(1, 999);
      const [low, high] = [Math.max(1, Math.floor(fraction / 1000)), Math.ceil(fraction / 1000)];
      const cases = [
        async () => expectOneStep(await one(ctx, { metric }, { intervalMs: whole * 1000 }), (s) => s === whole, `${whole} s`, `intervalMs ${whole * 1000}`),
        async () => expectOneStep(await one(ctx, { metric }, { intervalMs: under, timeRange: short }), (s) => s === 1, '1 s', `intervalMs ${under}, and a step is at least 1 s`),
        async () => expectOneStep(await one(ctx, { metric }, { intervalMs: fraction, timeRange: short }), (s) => s === low || s === high, `${low} or ${high} s`, `intervalMs ${fraction}, in whole seconds`),
      ];
      for (const run of d.shuffle(cases)) await run();
    },
  },
  {
    id: 'step-from-query-model',
    task: 3,
    title: "The query model's step wins, and a bad step is a validation error",
    hint: 'Add step to the schema as a whole number of at least 1, and prefer it to the panel interval in chooseStep.',
    async run(ctx) {
      const d = drawFor(ctx, 'step-from-query-model');
      // Coarser than the interval (one series, so its rows can be counted), then finer.
      const coarse = d.int(120, 900);
      const interval = d.pick([5, 10, 15, 30]);
      const record = await one(ctx, { metric: QUEUE, step: coarse }, { intervalMs: interval * 1000 });
      expectOneStep(record, (s) => s === coarse, `${coarse} s`, `step ${coarse} in the query model, intervalMs ${interval * 1000}`);
      const rows = framesFor(record, 'A').map((f) => f.length);
      const range = rangeOf(record);
      const points = Math.floor(range / (coarse * 1000)) + 1;
      expect(same(rows, [points]), `${points} points for ${span(range)} at ${coarse} s`, `the frames have ${show(rows)} rows`);
      // Finer than the 60 s interval, and still within maxDataPoints 500 over the Run's range (at most an hour).
      const fineStep = d.int(8, 45);
      const fine = await one(ctx, { metric: d.pick(METRIC_NAMES), step: fineStep }, { intervalMs: 60_000 });
      const finePoints = Math.floor(rangeOf(fine) / (fineStep * 1000)) + 1;
      expectOneStep(fine, (s) => s === fineStep, `${fineStep} s`, `step ${fineStep} in the query model is finer than the 60 s interval, and ${span(rangeOf(fine))} at ${fineStep} s is ${finePoints} points, within maxDataPoints 500`);
      // A negative step, zero, a fraction of a second, and text that is not a number.
      const bad: [unknown, string][] = [
        [-d.int(1, 600), 'negative'],
        [0, 'zero'],
        [d.int(1, 600) + d.pick([0.5, 0.25, 0.1, 0.75]), 'not whole seconds'],
        [d.pick(['1m', '30s', '5m', '1h', 'auto', '']), 'text, not a number'],
      ];
      for (const [step, why] of d.shuffle(bad)) {
        expectValidation(await one(ctx, { metric: d.pick(METRIC_NAMES), step }), 'step', `step ${JSON.stringify(step)} (${why})`);
      }
    },
  },
  {
    id: 'max-data-points',
    task: 4,
    title: 'Never more points than the panel can draw, and no fewer than needed',
    hint: 'N points span N - 1 steps: the step must be at least rangeSeconds / (maxDataPoints - 1), rounded up. Use the query\'s own time range.',
    async run(ctx) {
      // Ranges of their own, ending at the Run's now, each maxDataPoints × a whole number of
      // seconds (over the 15 s interval) long: a step of range / maxDataPoints then gives one
      // point too many, so a step one point too fine shows. A narrow panel, the same with a
      // finer step in the query model, and a wide panel over hours.
      const d = drawFor(ctx, 'max-data-points');
      const metric = d.pick(METRIC_NAMES);
      const panel = (points: [number, number], seconds: [number, number]) => {
        const maxDataPoints = d.int(...points);
        return { maxDataPoints, rangeSeconds: maxDataPoints * d.int(...seconds) };
      };
      const narrow = panel([20, 200], [16, 60]);
      const stepped = panel([20, 200], [16, 60]);
      const wide = panel([500, 1000], [40, 120]);
      const cases = d.shuffle([
        { ...narrow, json: { metric } as Record<string, unknown> },
        { ...stepped, json: { metric, step: d.int(1, 15) } },
        { ...wide, json: { metric } },
      ]);
      for (const { maxDataPoints, rangeSeconds: seconds, json } of cases) {
        const timeRange = { from: ctx.now - seconds * 1000, to: ctx.now };
        const record = await one(ctx, json, { intervalMs: 15_000, maxDataPoints, timeRange });
        const rangeSeconds = rangeOf(record) / 1000;
        const what = `${span(rangeSeconds * 1000)} (${rangeSeconds} s), maxDataPoints ${maxDataPoints}${'step' in json ? `, step ${json.step}` : ''}`;
        answered(record, `frames (${what})`);
        const rows = framesFor(record, 'A').map((f) => f.length);
        expect(rows.length > 0 && rows.every((n) => n <= maxDataPoints), `at most ${maxDataPoints} points per series (${what})`, () =>
          rows.length === 0 ? `no frames (${show(responseFor(record, 'A').error?.message ?? 'no error')})` : `series have ${show(rows)} points (step ${show(steps(record))})`,
        );
        const enough = Math.ceil(rangeSeconds / (maxDataPoints - 1));
        expect(steps(record)[0] <= enough, `a step no larger than ${enough} s (${what}), so the panel still gets as much detail as it can draw`, `the step is ${show(steps(record))}`);
      }
      // A step that already fits is left alone.
      const interval = d.int(10, 300);
      const fits = await one(ctx, { metric }, { intervalMs: interval * 1000, maxDataPoints: 500 });
      expectOneStep(fits, (s) => s === interval, `${interval} s`, `${span(rangeOf(fits))} at ${interval} s is ${Math.floor(rangeOf(fits) / (interval * 1000)) + 1} points, well under maxDataPoints 500`);
    },
  },
];

export default checks;
