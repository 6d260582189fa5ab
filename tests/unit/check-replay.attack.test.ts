/**
 * A handler that replays answers learnt in an earlier Run must fail the checks.
 *
 * The attack (issue 19, section 1): a handler with no parsing, no upstream logic and no
 * frame building passed every check of the first Week 2 lab, because every check request
 * carried the same fixed clock and the upstream served the same data for it: it
 * recognised each check and replayed what a correct handler had answered before.
 *
 * Here the attacker is given, as constants, everything a correct handler did in Run 1:
 * each request's shape, the upstream calls it made and what came back, and the frames
 * and errors it answered. It recognises a request by its shape (the query models and
 * settings, not its time range), repeats Run 1's upstream calls moved
 * to the new clock, picks the Run 1 answer whose upstream answers look like today's, and
 * returns its frames moved to the new clock. With Run 1's seed it passes every check
 * (so the attack is real); in another Run (another seed) every check that looks at the
 * data fails, however the answers are moved in time.
 */
import { dataFrameFromJSON, dataFrameToJSON } from '@grafana/data';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { QueryDataRunRecord } from '@/lib/engine/run';
import { loadAllLabs } from '@/lib/labs/load';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import checks from '@/labs/week-2/01-first-query-path/checks';

const lab = loadAllLabs().find((l) => l.id === 'week-2/first-query-path')!;
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const RUN_1_SEED = 1001;
const LATER_SEEDS = [2002, 0xdeadbeef];
/** The checks that compare frames with the upstream's data: none may pass on a replay. */
const DATA_CHECKS = ['frames-match-upstream', 'special-values', 'series-keep-their-times', 'labels-and-every-refid'];
/**
 * Data checks whose requests are the same in every Run but for the clock: the replay
 * recognises them, so what beats it there is the data. The other checks draw their
 * inputs per Run too (refIds, query models, keys; tests/unit/check-lookup.attack.test.ts),
 * so a replay does not even recognise their requests.
 */
const SAME_REQUEST_CHECKS = ['special-values', 'series-keep-their-times'];

/** What the attacker keeps of one run of Run 1. */
interface TapeEntry {
  /** The request without its clock: what the attacker recognises it by. */
  shape: string;
  /** Where Run 1's time range ended, epoch ms, so answers can be moved to a new clock. */
  to: number;
  calls: { method: string; url: string; headers: [string, string][]; body?: string; status?: number; text: string }[];
  /** What a correct handler answered, by refId: frames as DataFrameJSON, errors as sent. */
  responses: Record<string, { frames: object[]; error?: object }>;
}

/**
 * A request's shape as the attacker sees it: everything but its time range, which now
 * differs from Run to Run (the same function is in the replaying handler below).
 */
function shapeOf(request: QueryDataRunRecord['request']): string {
  const settings = request.pluginContext.dataSourceInstanceSettings;
  return JSON.stringify({
    url: settings.url,
    jsonData: settings.jsonData,
    key: settings.decryptedSecureJsonData,
    queries: request.queries.map((q) => ({ refId: q.refId, json: q.json, intervalMs: q.intervalMs, maxDataPoints: q.maxDataPoints })),
  });
}

/** A wire frame as JSON text can carry it: NaN and ±Infinity listed in `entities`, as Grafana's wire format does. */
function asJSON(frame: object) {
  const json = dataFrameToJSON(dataFrameFromJSON(frame as Parameters<typeof dataFrameFromJSON>[0]));
  const entities = json.data!.values.map((column) => {
    const found: { NaN?: number[]; Inf?: number[]; NegInf?: number[] } = {};
    Array.from(column as ArrayLike<unknown>).forEach((v, i) => {
      const kind = Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? 'NegInf' : undefined;
      if (kind) (found[kind] ??= []).push(i);
    });
    return Object.keys(found).length > 0 ? found : null;
  });
  const values = json.data!.values.map((column) => Array.from(column as ArrayLike<unknown>));
  return { ...json, data: { values, entities } };
}

/** Runs the lab's checks with the solution under `seed`, keeping every queryData run as a tape entry. */
async function recordRun(seed: number): Promise<TapeEntry[]> {
  const ctx = createCheckContext(sandbox, lab.meta, lab.solution, undefined, { seed });
  const tape: TapeEntry[] = [];
  const recording: CheckContext = {
    ...ctx,
    async query(options) {
      const record = await ctx.query(options);
      if (record.output.ok) {
        const bodies = new Map((record.upstreamBodies ?? []).map((b) => [b.seq, b.text]));
        tape.push({
          shape: shapeOf(record.request),
          to: record.request.queries[0]?.timeRange.to ?? 0,
          calls: record.upstream.map((c) => ({ method: c.method, url: c.url, headers: c.requestHeaders, body: c.requestBody, status: c.status, text: bodies.get(c.seq) ?? '' })),
          responses: Object.fromEntries(Object.entries(record.output.value.responses).map(([refId, r]) => [refId, { ...r, frames: r.frames.map(asJSON) }])),
        });
      }
      return record;
    },
  };
  const results = await runChecks(checks, recording);
  expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  return tape;
}

/**
 * The replaying handler: Run 1's tape as a constant, no parsing of the query model, no
 * reading of the upstream's data, no frame building.
 */
function replayingHandler(tape: TapeEntry[]): string {
  return `
import { dataFrameFromJSON } from '@grafana/data';

const TAPE = ${JSON.stringify(tape)};

${shapeOf.toString()}

/** Moves a Run 1 URL to the new clock: start and end (unix seconds) shifted by the same amount. */
function moved(url, deltaMs) {
  const u = new URL(url);
  for (const name of ['start', 'end']) {
    if (u.searchParams.has(name)) u.searchParams.set(name, String(Number(u.searchParams.get(name)) + deltaMs / 1000));
  }
  return u.toString();
}

/** Moves a frame's time fields to the new clock. */
function movedFrame(json, deltaMs) {
  const fields = json.schema?.fields ?? [];
  const values = json.data.values.map((column, i) => (fields[i]?.type === 'time' ? column.map((t) => t + deltaMs) : column));
  return dataFrameFromJSON({ ...json, data: { ...json.data, values } });
}

export async function queryData(req, ctx) {
  const candidates = TAPE.filter((entry) => entry.shape === shapeOf(req));
  if (candidates.length === 0) {
    return { responses: Object.fromEntries(req.queries.map((q) => [q.refId, { error: { category: 'internal', message: 'not on the tape' } }])) };
  }
  const to = req.queries[0]?.timeRange.to ?? 0;
  const deltaMs = to - candidates[0].to;
  // Repeat Run 1's upstream calls on the new clock, and see what the upstream says today.
  const seen = [];
  for (const call of candidates[0].calls) {
    try {
      const response = await fetch(moved(call.url, deltaMs), { method: call.method, headers: call.headers, body: call.body, signal: ctx.signal });
      seen.push({ status: response.status, text: (await response.text()).slice(0, 2000) });
    } catch {
      seen.push({ status: undefined, text: '' });
    }
  }
  const sameText = (entry) => entry.calls.length === seen.length && entry.calls.every((c, i) => c.text === seen[i].text);
  const sameStatus = (entry) => entry.calls.length === seen.length && entry.calls.every((c, i) => c.status === seen[i].status);
  const pick = candidates.find(sameText) ?? candidates.find(sameStatus) ?? candidates[0];
  const responses = {};
  for (const [refId, answer] of Object.entries(pick.responses)) {
    responses[refId] = { frames: answer.frames.map((f) => movedFrame(f, deltaMs)), ...(answer.error ? { error: answer.error } : {}) };
  }
  return { responses };
}
`;
}

describe('a handler that replays an earlier Run', () => {
  it('passes every check in the Run it learnt from, and fails every data check in any other Run', async () => {
    const tape = await recordRun(RUN_1_SEED);
    const files = { ...lab.solution, 'handler.ts': replayingHandler(tape) };

    // The control: with Run 1's seed the replay is perfect, so the attack itself works.
    const same = await runChecks(checks as LabCheck[], createCheckContext(sandbox, lab.meta, files, undefined, { seed: RUN_1_SEED }));
    expect(same.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.actual ?? r.status}`)).toEqual([]);

    for (const seed of LATER_SEEDS) {
      const results = await runChecks(checks as LabCheck[], createCheckContext(sandbox, lab.meta, files, undefined, { seed }));
      const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
      expect(failed, `seed ${seed}`).toEqual(expect.arrayContaining(DATA_CHECKS));
      // Where the request is the same, it recognised it: what beat it is the data, not a request it had not seen.
      expect(results.filter((r) => SAME_REQUEST_CHECKS.includes(r.id) && r.actual?.includes('not on the tape')).map((r) => r.id), `seed ${seed}`).toEqual([]);
      // A failure is a plain check failure that shows the difference, never a broken check.
      expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
    }
  }, 180_000);
});
