/**
 * Checks for "Logs that an operator can follow". Each serves a plan of its own with the
 * learner's handler and reads what the host recorded: every log entry (level, message,
 * fields, virtual time), every upstream call with the headers it carried, and the
 * answer to each query. Nothing here reads the learner's code.
 *
 * Most checks serve one drawn plan: requests a couple of virtual seconds apart, so a
 * line or a call belongs to the request whose window it falls in (the upstream answers
 * at once). Instances, refIds, which requests meet an outage or a rejected key, and
 * which query is malformed are drawn from the Run's seed (lib/checks/draw.ts), so no
 * table of answers fits two Runs. Overlapping requests (a slow upstream) are told apart
 * by their refIds (on lines) and the instant each asks for (on calls).
 */
import { expect, fail } from '@/lib/checks/assert';
import { drawFor, type Draw } from '@/lib/checks/draw';
import { findSecrets, describeLeak, scrubSecrets, type TextSource } from '@/lib/checks/secrets';
import type { LabCheck } from '@/lib/checks/types';
import type { OperateCheckContext } from '@/lib/kinds/operate';
import { atSeconds as at, servedRun as serve } from '@/lib/kinds/operate/observe';
import type { OperatePlan, PlannedQuery, PlannedRequest } from '@/lib/kinds/operate/plan';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { isTraceId, parseTraceParent, traceParentHeader } from '@/lib/kinds/operate/traceparent';
import type { Incident } from '@/lib/kinds/operate/upstream';
import type { UpstreamCall } from '@/lib/runtime/upstream-bridge';
import type { LogEntry } from '@/lib/runtime/wire';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const INSTANCES = ['metrics-main', 'metrics-eu', 'metrics-ap'] as const;
const QUERIES = [
  { metric: 'cpu_usage_percent', aggregation: 'avg' },
  { metric: 'memory_used_bytes', aggregation: 'sum' },
  { metric: 'queue_depth', aggregation: 'max' },
  { metric: 'http_requests_per_second', aggregation: 'sum', groupBy: ['instance'] },
];
/** Query models that fail validation, each in its own way: a bad metric name, an unknown aggregation, not JSON. */
const BAD_QUERIES = [{ metric: 'cpu usage' }, { metric: 'cpu_usage_percent', aggregation: 'median' }, '{"metric": "cpu_usage_percent"'];

/** The request windows of a sequential plan: how far apart its requests are sent. */
const GAP_MS = 2 * SECOND;

/** What a check planned for one request, besides what it sent. */
interface Planned {
  request: PlannedRequest;
  refIds: string[];
  /** refIds the plan makes fail: an outage or a rejected key for every query, a bad model for one. */
  failing: string[];
}

interface SteadyPlan {
  plan: OperatePlan;
  planned: Planned[];
}

/** A refId nobody would guess: letters and digits drawn per Run (Grafana's are A, B, C… by default, but any text is allowed). */
const drawRefId = (d: Draw, taken: Set<string>): string => {
  for (;;) {
    const id = `${d.letters(1, 1).toUpperCase()}${d.letters(2, 4)}${d.int(10, 99)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
};

/**
 * Twelve requests, `GAP_MS` apart, over the three instances: one to three queries each.
 * Two requests meet a 5xx outage of their instance, one a rejected key, and one holds a
 * query model that does not validate beside good ones. Drawn from the Run's seed.
 */
function steadyPlan(ctx: OperateCheckContext): SteadyPlan {
  const d = drawFor(ctx, 'logs-steady-plan');
  const count = 12;
  const instances = d.shuffle(Array.from({ length: count }, (_, i) => INSTANCES[i % INSTANCES.length]));
  const taken = new Set<string>();
  const order = d.shuffle(Array.from({ length: count }, (_, i) => i));
  // `several`: a healthy request with more than one query, so one request makes several calls.
  const [outageA, outageB, rejected, malformed, several] = order;
  const incidents: Incident[] = [];
  const planned: Planned[] = instances.map((instanceUid, i) => {
    const atMs = (i + 1) * GAP_MS;
    const size = i === malformed || i === several ? d.int(2, 3) : d.int(1, 3);
    const refIds = Array.from({ length: size }, () => drawRefId(d, taken));
    const badAt = i === malformed ? d.int(0, size - 1) : -1;
    const queries: PlannedQuery[] = refIds.map((refId, k) => ({
      refId,
      queryType: d.chance(0.3) ? 'instant' : 'range',
      json: k === badAt ? d.pick(BAD_QUERIES) : d.pick(QUERIES),
    }));
    let failing: string[] = badAt >= 0 ? [refIds[badAt]] : [];
    if (i === outageA || i === outageB || i === rejected) {
      incidents.push({ kind: i === rejected ? 'key_rejected' : 'server_error', instanceUid, fromMs: atMs - 500, toMs: atMs + 1_000 });
      failing = [...refIds];
    }
    return { request: { atMs, instanceUid, dashboard: 'check', queries, range: { lastMs: d.pick([3, 4, 5]) * MINUTE } }, refIds, failing };
  });
  return { plan: { requests: planned.map((p) => p.request), incidents, scrapeIntervalMs: 0 }, planned };
}

/** The runtime's own note that a run's log limit was reached: not a line of the handler's. */
const isLimitNote = (e: LogEntry) => e.source === 'logger' && Object.keys(e.fields).length === 0 && /^Log limit reached/.test(e.message);
const handlerLines = (record: OperateRunRecord) => record.logs.filter((e) => !isLimitNote(e));

/** One request of a sequential plan, with the lines and upstream calls that fall in its window. */
interface Served {
  index: number;
  planned: Planned;
  lines: LogEntry[];
  calls: UpstreamCall[];
}

/** Splits a sequential run by request window: [its start, the next request's start). Lines before the first request are startup lines. */
function byRequest(record: OperateRunRecord, planned: Planned[]): Served[] {
  const lines = handlerLines(record);
  return planned.map((p, index) => {
    const from = p.request.atMs;
    const to = planned[index + 1]?.request.atMs ?? Infinity;
    return {
      index,
      planned: p,
      lines: lines.filter((e) => e.source === 'logger' && e.atMs >= from && e.atMs < to),
      calls: record.upstream.filter((c) => c.startedAtMs >= from && c.startedAtMs < to),
    };
  });
}

async function steady(ctx: OperateCheckContext): Promise<{ record: OperateRunRecord; served: Served[] }> {
  const { plan, planned } = steadyPlan(ctx);
  const record = await serve(ctx, plan);
  return { record, served: byRequest(record, planned) };
}

const reqName = (s: Served) => `the request sent at ${at(s.planned.request.atMs)} (${s.planned.request.instanceUid}, refIds ${s.planned.refIds.join(', ')})`;
const keysOf = (ctx: OperateCheckContext) => ctx.instances.map((i) => i.apiKey);
/** A line as a learner would recognise it, keys masked, cut short. */
function showLine(ctx: OperateCheckContext, e: LogEntry): string {
  const fields = Object.entries(e.fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  const text = scrubSecrets(`${e.level} "${e.message}"${fields ? ` ${fields}` : ''}`, keysOf(ctx));
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
const traceOf = (e: LogEntry) => e.fields.traceID;
const traceIdsOf = (lines: readonly LogEntry[]) => [...new Set(lines.map(traceOf).filter((v): v is string => typeof v === 'string'))];
/**
 * The trace id a call sent: from a well-formed traceparent, or read leniently from one
 * that is not (`traceparent-well-formed` judges the form; the checks that compare ids
 * should not fail a second time for it).
 */
function callTraceId(call: UpstreamCall): string | undefined {
  const header = traceParentHeader(call.requestHeaders);
  const parsed = parseTraceParent(header);
  if (parsed.ok) return parsed.value.traceId;
  return header === undefined ? undefined : /^[0-9a-f]{2}-(.+)-[^-]+-[^-]+$/i.exec(header.trim())?.[1];
}
const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

/** The error an answered query reported, per refId, for the request of `s`. */
function answeredErrors(record: OperateRunRecord, s: Served): Record<string, string> {
  const outcome = record.outcomes[record.schedule[s.index].id];
  const out: Record<string, string> = {};
  for (const [refId, summary] of Object.entries(outcome?.responses ?? {})) if (summary.error) out[refId] = summary.error.category;
  return out;
}

/**
 * Overlapping requests: a slow upstream (1 s an answer) and a request every 150 ms, each
 * with its own refId and its own instant (`time`), so each call names its request.
 */
const CONCURRENT_REQUESTS = 40;
function concurrentPlan(ctx: OperateCheckContext): { plan: OperatePlan; refIds: string[]; times: string[] } {
  const d = drawFor(ctx, 'logs-concurrent-plan');
  const taken = new Set<string>();
  const base = Math.floor(ctx.now / DAY) * DAY - DAY;
  const refIds: string[] = [];
  const times: string[] = [];
  const requests: PlannedRequest[] = Array.from({ length: CONCURRENT_REQUESTS }, (_, i) => {
    const refId = drawRefId(d, taken);
    const to = base + (i * 7 + d.int(1, 6)) * MINUTE;
    refIds.push(refId);
    times.push(String(to / 1000));
    return { atMs: SECOND + i * 150, instanceUid: 'metrics-main', dashboard: 'check', queries: [{ refId, queryType: 'instant', json: d.pick(QUERIES) }], range: { from: to - HOUR, to } };
  });
  return { plan: { requests, incidents: [{ kind: 'slow', fromMs: 0, toMs: 10 * MINUTE, latencyMs: 1_000 }], scrapeIntervalMs: 0 }, refIds, times };
}

/** Forty overlapping requests of two range queries over the last hour, on two instances, one of them failing (5xx) for a while. */
function loadPlan(ctx: OperateCheckContext): OperatePlan {
  const d = drawFor(ctx, 'logs-load-plan');
  const taken = new Set<string>();
  const failing = d.pick(INSTANCES);
  const requests: PlannedRequest[] = Array.from({ length: CONCURRENT_REQUESTS }, (_, i) => ({
    atMs: SECOND + i * 200,
    instanceUid: d.pick(INSTANCES),
    dashboard: 'check',
    queries: [
      { refId: drawRefId(d, taken), queryType: 'range', json: QUERIES[3] },
      { refId: drawRefId(d, taken), queryType: 'range', json: d.pick(QUERIES.slice(0, 3)) },
    ],
    range: { lastMs: HOUR },
  }));
  const incidents: Incident[] = [
    { kind: 'slow', fromMs: 0, toMs: 10 * MINUTE, latencyMs: 800 },
    { kind: 'server_error', instanceUid: failing, fromMs: 3 * SECOND, toMs: 6 * SECOND },
  ];
  return { requests, incidents, scrapeIntervalMs: 0 };
}

/**
 * Eight healthy requests, `GAP_MS` apart, the same two queries each: odd ones over ten
 * minutes, even ones over six hours at full resolution (a thousand points and more a
 * series). Which comes first is drawn.
 */
function volumePlan(ctx: OperateCheckContext): { plan: OperatePlan; long: boolean[] } {
  const d = drawFor(ctx, 'logs-volume-plan');
  const taken = new Set<string>();
  const first = d.chance(0.5);
  const other = d.pick(QUERIES.slice(0, 3));
  const long = Array.from({ length: 8 }, (_, i) => (i % 2 === 0) === first);
  const requests: PlannedRequest[] = long.map((isLong, i) => ({
    atMs: (i + 1) * GAP_MS,
    instanceUid: d.pick(INSTANCES),
    dashboard: 'check',
    queries: [
      { refId: drawRefId(d, taken), queryType: 'range', json: QUERIES[3], maxDataPoints: isLong ? 5_000 : 300 },
      { refId: drawRefId(d, taken), queryType: 'range', json: other, maxDataPoints: isLong ? 5_000 : 300 },
    ],
    range: { lastMs: isLong ? 6 * HOUR : 10 * MINUTE },
  }));
  return { plan: { requests, incidents: [], scrapeIntervalMs: 0 }, long };
}

function expectLines(s: Served) {
  expect(s.lines.length > 0, `at least one line through ctx.logger for ${reqName(s)}`, 'it logged nothing through ctx.logger');
}

/** Checks about what lines carry need lines to read; whether every request logs is `logs-through-logger`'s question. */
function expectSomeLines(served: readonly Served[]) {
  expect(served.some((s) => s.lines.length > 0), 'lines written through ctx.logger to read', 'the handler wrote none');
}

const checks: LabCheck<OperateCheckContext>[] = [
  {
    id: 'logs-through-logger',
    task: 1,
    title: 'Every request logs through ctx.logger, nothing through console',
    hint: 'Write every line with ctx.logger (through withFields), a short message and fields. console.* lines have no fields an operator can filter on.',
    async run(ctx) {
      const { record, served } = await steady(ctx);
      const consoleLines = handlerLines(record).filter((e) => e.source === 'console');
      expect(consoleLines.length === 0, 'no lines written with console.*: every line through ctx.logger, with fields', () => `${consoleLines.length} line(s) went to console.*, e.g. ${showLine(ctx, consoleLines[0])}`);
      for (const s of served) expectLines(s);
    },
  },
  {
    id: 'messages-are-constant',
    task: 1,
    title: 'Messages are fixed texts; what varies goes in fields',
    hint: 'Write "query failed" with { refID, category }, not `query ${refId} failed`. An operator counts and filters by message; a message that holds ids is a new message every time.',
    async run(ctx) {
      const { served } = await steady(ctx);
      const messages = new Set<string>();
      for (const s of served) {
        const uid = s.planned.request.instanceUid;
        for (const e of s.lines) {
          messages.add(e.message);
          const inside = [...s.planned.refIds, uid].find((v) => e.message.includes(v)) ?? (/[0-9a-f]{16,}/.test(e.message) ? 'an id' : undefined);
          expect(!inside, `messages without the request's own values (refIds, the instance uid, ids) for ${reqName(s)}`, () => `the line ${showLine(ctx, e)} has ${inside === 'an id' ? 'a long hex id' : `"${inside}"`} in its message`);
        }
      }
      expect(messages.size <= 10, 'at most 10 different messages over 12 requests', () => `${messages.size} different messages, e.g. ${[...messages].slice(0, 3).map((m) => JSON.stringify(scrubSecrets(m, keysOf(ctx)).slice(0, 60))).join(', ')}`);
    },
  },
  {
    id: 'lines-carry-instance',
    task: 1,
    title: 'Every line names the data source instance (dsUID) and the org (orgID)',
    hint: 'Build the request\'s logger once with withFields(ctx.logger, { dsUID, orgID, ... }) from req.pluginContext, and log through it.',
    async run(ctx) {
      const { served } = await steady(ctx);
      expectSomeLines(served);
      for (const s of served) {
        const org = ctx.instances.find((i) => i.uid === s.planned.request.instanceUid)!.orgId;
        for (const e of s.lines) {
          expect(e.fields.dsUID === s.planned.request.instanceUid, `dsUID "${s.planned.request.instanceUid}" on every line of ${reqName(s)}`, () => `the line ${showLine(ctx, e)} has ${e.fields.dsUID === undefined ? 'no dsUID' : `dsUID ${JSON.stringify(e.fields.dsUID)}`}`);
          expect(e.fields.orgID !== undefined && e.fields.orgID !== null && Number(e.fields.orgID) === org, `orgID ${org} on every line of ${reqName(s)}`, () => `the line ${showLine(ctx, e)} has ${e.fields.orgID === undefined ? 'no orgID' : `orgID ${JSON.stringify(e.fields.orgID)}`}`);
        }
      }
    },
  },
  {
    id: 'trace-id-on-every-line',
    task: 2,
    title: 'Every line carries a trace id: 32 lowercase hex digits, not all zeros',
    hint: 'newTraceId() returns 16 random bytes as 32 lowercase hex digits; put it on the request\'s logger as traceID.',
    async run(ctx) {
      const { served } = await steady(ctx);
      expectSomeLines(served);
      for (const s of served) {
        for (const e of s.lines) {
          expect(isTraceId(traceOf(e)), `a traceID of 32 lowercase hex digits (not all zeros) on every line of ${reqName(s)}`, () => `the line ${showLine(ctx, e)} has ${traceOf(e) === undefined ? 'no traceID' : `traceID ${JSON.stringify(traceOf(e))}`}`);
        }
      }
    },
  },
  {
    id: 'trace-id-per-request',
    task: 2,
    title: 'All lines of one request carry the same trace id',
    hint: 'Draw the trace id once, at the start of queryData, and give every line of that request (every query included) the same one.',
    async run(ctx) {
      const { served } = await steady(ctx);
      for (const s of served) {
        const ids = traceIdsOf(s.lines);
        expect(ids.length <= 1, `one traceID on every line of ${reqName(s)}`, () => `its ${s.lines.length} lines carry ${ids.length} different ones (${ids.slice(0, 3).map(short).join(', ')})`);
      }
    },
  },
  {
    id: 'trace-id-differs-across-requests',
    task: 2,
    title: 'Each request has a trace id of its own',
    hint: 'A trace id drawn once for the module (or cached per instance) is shared by every request: draw a new one in each queryData call.',
    async run(ctx) {
      const { served } = await steady(ctx);
      const owner = new Map<string, Served>();
      for (const s of served) {
        for (const id of traceIdsOf(s.lines)) {
          const before = owner.get(id);
          expect(!before, 'a different traceID for every request', () => `${reqName(before!)} and ${reqName(s)} both log traceID ${short(id)}`);
          owner.set(id, s);
        }
      }
    },
  },
  {
    id: 'traceparent-well-formed',
    task: 3,
    title: 'Every upstream call carries a well-formed, sampled traceparent',
    hint: 'Send traceparent: 00-<32 hex trace id>-<16 hex span id>-01, lowercase, on every call (callUpstream takes headers as its third argument).',
    async run(ctx) {
      const { record } = await steady(ctx);
      expect(record.upstream.length > 0, 'upstream calls to read', 'the handler made none');
      for (const call of record.upstream) {
        const header = traceParentHeader(call.requestHeaders);
        const parsed = parseTraceParent(header);
        if (!parsed.ok) fail('a traceparent header of the form 00-<32 hex>-<16 hex>-<2 hex flags> on every upstream call', `call ${call.seq} at ${at(call.startedAtMs)}: ${parsed.reason}${header !== undefined ? ` (it sent ${JSON.stringify(header.slice(0, 80))})` : ''}`);
        expect(parsed.value.sampled, 'the sampled flag (01) on every traceparent, so the upstream records its side of the trace', `call ${call.seq} sent flags ${parsed.value.flags.toString(16).padStart(2, '0')}`);
      }
    },
  },
  {
    id: 'traceparent-one-trace-per-request',
    task: 3,
    title: 'All upstream calls of one request share its trace id; other requests use others',
    hint: 'Each call gets a new span id, but the trace id is the request\'s: pass the one drawn in queryData down to every call.',
    async run(ctx) {
      const { served } = await steady(ctx);
      const owner = new Map<string, Served>();
      let multi = 0;
      for (const s of served) {
        const ids = [...new Set(s.calls.map(callTraceId).filter((v): v is string => v !== undefined))];
        if (s.calls.length > 1) multi++;
        expect(ids.length <= 1, `one trace id in the traceparent of every call of ${reqName(s)}`, () => `its ${s.calls.length} calls carry ${ids.length} (${ids.slice(0, 3).map(short).join(', ')})`);
        if (ids[0]) {
          const before = owner.get(ids[0]);
          expect(!before, 'a different trace id in the calls of every request', () => `${reqName(before!)} and ${reqName(s)} both sent trace id ${short(ids[0])}`);
          owner.set(ids[0], s);
        }
      }
      expect(multi > 0, 'a request with several upstream calls to compare', 'no request made more than one call');
    },
  },
  {
    id: 'traceparent-matches-logs',
    task: 3,
    title: 'The trace id sent upstream is the traceID the request logs',
    hint: 'Use one id for both: the traceID field of the request\'s lines and the trace id part of its traceparent. Then the upstream\'s logs and yours join on it.',
    async run(ctx) {
      const { served } = await steady(ctx);
      let compared = 0;
      for (const s of served) {
        const sent = [...new Set(s.calls.map(callTraceId).filter((v): v is string => v !== undefined))].sort();
        const logged = traceIdsOf(s.lines).sort();
        if (sent.length === 0 || s.lines.length === 0) continue;
        compared++;
        expect(sent.join() === logged.join(), `the trace id in the traceparent of ${reqName(s)} to be the traceID its lines carry`, () => `it sent ${sent.map(short).join(', ')} and logged ${logged.map(short).join(', ') || 'no traceID'}`);
      }
      expect(compared > 0, 'requests that both logged and called upstream', 'none did both');
    },
  },
  {
    id: 'correlation-under-concurrency',
    task: 2,
    title: 'With requests overlapping, each line still carries its own request\'s trace id',
    hint: 'Keep the trace id in the request\'s own scope (a local, a logger made for the request), never in a variable at the top of a file: the next request overwrites it while this one waits for the upstream.',
    async run(ctx) {
      const { plan, refIds, times } = concurrentPlan(ctx);
      const record = await serve(ctx, plan);
      const lines = handlerLines(record).filter((e) => e.source === 'logger');
      const seen = new Map<string, number>();
      for (let i = 0; i < refIds.length; i++) {
        const what = `the request sent at ${at(plan.requests[i].atMs)} (refId ${refIds[i]}), while others were waiting on a slow upstream`;
        const call = record.upstream.find((c) => new URL(c.url).searchParams.get('time') === times[i]);
        expect(call, `an upstream call for ${what}`, 'none asked for its instant');
        const sent = callTraceId(call);
        expect(sent, `a well-formed traceparent on the call of ${what}`, 'its call had none that could be read');
        const own = lines.filter((e) => e.fields.refID === refIds[i]);
        expect(own.length > 0, `a line with refID ${refIds[i]} for ${what}`, 'none carried that refID');
        for (const e of own) expect(traceOf(e) === sent, `the lines of ${what} to carry the trace id its call sent (${short(sent)})`, () => `the line ${showLine(ctx, e)} carries ${traceOf(e) === undefined ? 'no traceID' : short(String(traceOf(e)))}`);
        const other = seen.get(sent);
        expect(other === undefined, 'a trace id of its own for every overlapping request', () => `the requests with refIds ${refIds[other!]} and ${refIds[i]} sent the same trace id`);
        seen.set(sent, i);
      }
    },
  },
  {
    id: 'one-error-line-per-failed-query',
    task: 4,
    title: 'One error line per failed query; none for a query that got data',
    hint: 'Log at level error once where a query\'s answer becomes an error, and nowhere else: not for every attempt or point, not for queries that succeeded.',
    async run(ctx) {
      const { served } = await steady(ctx);
      for (const s of served) {
        const errors = s.lines.filter((e) => e.level === 'error');
        const want = s.planned.failing.length;
        expect(errors.length === want, `${want} error line(s) for ${reqName(s)}, whose ${want === 0 ? 'queries all got data' : `failed queries are ${s.planned.failing.join(', ')}`}`, () => `it wrote ${errors.length}${errors[0] ? `, e.g. ${showLine(ctx, errors[0])}` : ''}`);
      }
    },
  },
  {
    id: 'error-lines-name-query-and-class',
    task: 4,
    title: 'Each error line names its query (refID) and its error class (category)',
    hint: 'Put refID and the answer\'s error category on the error line, e.g. log.error("query failed", { refID, category, error: message }).',
    async run(ctx) {
      const { record, served } = await steady(ctx);
      let seen = 0;
      for (const s of served) {
        const answered = answeredErrors(record, s);
        for (const e of s.lines.filter((line) => line.level === 'error')) {
          seen++;
          const refId = e.fields.refID;
          expect(typeof refId === 'string' && s.planned.failing.includes(refId), `refID on each error line of ${reqName(s)}, naming one of its failed queries (${s.planned.failing.join(', ')})`, () => `the line ${showLine(ctx, e)} has ${refId === undefined ? 'no refID' : `refID ${JSON.stringify(refId)}`}`);
          const category = answered[refId];
          expect(e.fields.category === category, `category "${category}" (the error class the answer reported for ${refId}) on its error line`, () => `the line ${showLine(ctx, e)} has ${e.fields.category === undefined ? 'no category' : `category ${JSON.stringify(e.fields.category)}`}`);
        }
      }
      expect(seen > 0, 'error lines to read (the plan has failing queries)', 'there were none');
    },
  },
  {
    id: 'no-secret-in-logs',
    task: 4,
    title: 'No API key in any log line or field, in any encoding',
    hint: 'Log the safe message of the error, never the upstream exchange (failure.dump holds the Authorization header) nor the settings.',
    async run(ctx) {
      // The drawn plan (a rejected key, outages, a malformed query) and the load (overlapping requests through an outage).
      const runs = [{ label: 'the run of twelve requests', record: (await steady(ctx)).record }, { label: 'the run of forty overlapping requests', record: await serve(ctx, loadPlan(ctx)) }];
      const sources: TextSource[] = [];
      for (const { label, record } of runs) {
        record.logs.forEach((e, i) => {
          sources.push({ where: `log line ${i + 1} (${e.level}) of ${label}, its message`, text: e.message });
          for (const [key, value] of Object.entries(e.fields)) sources.push({ where: `log line ${i + 1} (${e.level}) of ${label}, field ${JSON.stringify(key.slice(0, 40))}`, text: `${key}=${String(value)}` });
        });
      }
      const leaks = findSecrets(keysOf(ctx), sources);
      expect(leaks.length === 0, "no data source instance's API key anywhere in the logs", () => `${leaks.slice(0, 3).map((l) => describeLeak(l)).join('; ')}${leaks.length > 3 ? `, and in ${leaks.length - 3} more place(s)` : ''}`);
    },
  },
  {
    id: 'volume-independent-of-points',
    task: 5,
    title: 'Six hours at full resolution log no more lines than ten minutes',
    hint: 'Log one line per query with counts (frames, rows), never a line per frame, series or point.',
    async run(ctx) {
      const { plan, long } = volumePlan(ctx);
      const record = await serve(ctx, plan);
      const planned: Planned[] = plan.requests.map((request) => ({ request, refIds: request.queries.map((q) => q.refId!), failing: [] }));
      const served = byRequest(record, planned);
      const all = handlerLines(record);
      const linesIn = (s: Served) => all.filter((e) => e.atMs >= s.planned.request.atMs && e.atMs < (plan.requests[s.index + 1]?.atMs ?? Infinity)).length;
      const count = (wantLong: boolean) => served.filter((s) => long[s.index] === wantLong).reduce((n, s) => n + linesIn(s), 0);
      const few = count(false);
      const many = count(true);
      const limited = record.logs.some(isLimitNote);
      expect(!limited, "the six-hour requests' lines to fit the run's log limit", () => `the run reached its log limit (${all.length} lines kept)`);
      expect(few > 0, 'lines to count for the requests over ten minutes', 'there were none');
      expect(many <= few + 4, `about as many lines for four requests over six hours (a thousand points and more a series) as for four over ten minutes (${few})`, `${many} lines`);
    },
  },
  {
    id: 'volume-under-load',
    task: 5,
    title: 'Forty overlapping requests log a few lines per query at most',
    hint: 'Many requests in flight must still fit the log: a line per query, an error line per failure, and little else.',
    async run(ctx) {
      const plan = loadPlan(ctx);
      const record = await serve(ctx, plan);
      const queries = plan.requests.reduce((n, r) => n + r.queries.length, 0);
      const lines = handlerLines(record).length;
      const limited = record.logs.some(isLimitNote);
      expect(!limited, `${plan.requests.length} overlapping requests (${queries} queries) logged without reaching the run's log limit`, () => `the limit was reached after ${lines} lines`);
      const budget = plan.requests.length + 2 * queries;
      expect(lines <= budget, `at most ${budget} lines for ${plan.requests.length} requests and ${queries} queries`, `${lines} lines`);
    },
  },
];

export default checks;
