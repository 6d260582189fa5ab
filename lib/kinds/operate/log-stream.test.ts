import { describe, expect, it } from 'vitest';
import type { UpstreamCall } from '../../runtime/upstream-bridge';
import type { LogEntry } from '../../runtime/wire';
import { filterGroups, logStream } from './log-stream';
import { buildJob } from './plan';
import { instancesFor } from './upstream';

const instances = instancesFor(1);
const cpu = { json: { metric: 'cpu_usage_percent' } };
const { schedule } = buildJob(
  {
    requests: [
      { atMs: 0, instanceUid: 'metrics-main', dashboard: 'a', queries: [cpu], range: { lastMs: 60_000 } },
      { atMs: 0, instanceUid: 'metrics-main', dashboard: 'a', queries: [cpu], range: { lastMs: 60_000 } },
      { atMs: 0, instanceUid: 'metrics-eu', dashboard: 'b', queries: [cpu], range: { lastMs: 60_000 } },
      { atMs: 5_000, instanceUid: 'metrics-main', dashboard: 'a', queries: [cpu], range: { lastMs: 60_000 } },
    ],
    incidents: [],
  },
  { epochMs: 0, instances, randomSeed: 1 },
);
const T1 = '11111111111111111111111111111111';
const T2 = '22222222222222222222222222222222';
const T3 = '33333333333333333333333333333333';
const T4 = '44444444444444444444444444444444';
const line = (atMs: number, fields: LogEntry['fields']): LogEntry => ({ level: 'info', message: 'query done', source: 'logger', atMs, fields });
const call = (seq: number, atMs: number, origin: string, traceparent?: string): UpstreamCall => ({
  seq,
  method: 'GET',
  url: `${origin}/api/v1/query_range`,
  requestHeaders: traceparent ? [['traceparent', traceparent]] : [],
  responseHeaders: [],
  responseBytes: 0,
  startedAtMs: atMs,
  durationMs: 10,
  status: 200,
});
const tp = (t: string) => `00-${t}-00f067aa0ba902b7-01`;

describe('logStream', () => {
  const stream = logStream({
    schedule,
    instances,
    outcomes: {},
    logs: [line(10, { traceID: T1, dsUID: 'metrics-main' }), line(10, { traceID: T3, dsUID: 'metrics-eu' }), line(10, { traceID: T2, dsUID: 'metrics-main' }), line(20, { note: 'no id' }), line(5_010, { traceID: T4, dsUID: 'metrics-main' })],
    upstream: [call(1, 0, 'https://prometheus.lab.test', tp(T1)), call(2, 0, 'https://prometheus.lab.test', tp(T2)), call(3, 0, 'https://eu.prometheus.lab.test', tp(T3)), call(4, 5_000, 'https://prometheus.lab.test', 'bad')],
  });

  it('groups lines and calls by correlation id', () => {
    const g1 = stream.groups.find((g) => g.traceId === T1)!;
    expect(g1.lines.map((l) => l.index)).toEqual([0]);
    expect(g1.calls.map((c) => c.call.seq)).toEqual([1]);
    expect(stream.untraced.map((l) => l.index)).toEqual([3]);
    expect(stream.untracedCalls.map((c) => c.call.seq)).toEqual([4]);
  });

  it('pairs groups with requests by instance and time, in start order', () => {
    const paired = Object.fromEntries(stream.groups.map((g) => [g.traceId, g.requestId]));
    expect(paired).toEqual({ [T1]: 1, [T2]: 2, [T3]: 3, [T4]: 4 });
  });

  it('filters by a prefix of the correlation id', () => {
    expect(filterGroups(stream.groups, ' 2222 ').map((g) => g.traceId)).toEqual([T2]);
    expect(filterGroups(stream.groups, '')).toHaveLength(4);
  });
});
