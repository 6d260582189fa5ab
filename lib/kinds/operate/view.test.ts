import { describe, expect, it } from 'vitest';
import type { UpstreamCall } from '../../runtime/upstream-bridge';
import { buildJob } from './plan';
import type { OperateRunRecord } from './run';
import { instancesFor } from './upstream';
import { byDashboard, incidentRows, loadOverTime, metricRows, summarize } from './view';

const instances = instancesFor(1);
const cpu = { json: { metric: 'cpu_usage_percent' } };
const { schedule } = buildJob(
  {
    requests: [
      { atMs: 0, instanceUid: 'metrics-main', dashboard: 'a', queries: [cpu, cpu], range: { lastMs: 60_000 } },
      { atMs: 12_000, instanceUid: 'metrics-eu', dashboard: 'b', queries: [cpu], range: { from: 0, to: 60_000 } },
    ],
    incidents: [],
  },
  { epochMs: 0, instances, randomSeed: 1 },
);
const call = (seq: number, startedAtMs: number, url: string, status?: number): UpstreamCall => ({ seq, method: 'GET', url, requestHeaders: [], responseHeaders: [], responseBytes: 0, startedAtMs, durationMs: 0, ...(status ? { status } : { abortedBy: 'handler' as const }) });
const record: OperateRunRecord = {
  invocation: 'operate',
  durationMs: 1,
  seed: 1,
  epochMs: 0,
  instances,
  incidents: [{ kind: 'server_error', instanceUid: 'metrics-main', fromMs: 0, toMs: 10_000 }],
  schedule,
  upstream: [call(1, 0, 'https://prometheus.lab.test/api/v1/query_range', 503), call(2, 100, 'https://prometheus.lab.test/api/v1/query_range', 503), call(3, 200, 'https://prometheus.lab.test/api/v1/query_range'), call(4, 12_000, 'https://eu.prometheus.lab.test/api/v1/query_range', 200)],
  served: {},
  outcomes: {
    1: { id: 1, endedAtMs: 300, status: 'answered', responses: { A: { error: { category: 'upstream', message: 'x' }, frames: 0, series: 0, points: 0, digest: '0' }, B: { frames: 1, series: 1, points: 3, digest: '1' } } },
  },
  scrapes: [
    { atMs: 15_000, families: [{ name: 'c_total', type: 'counter', samples: [{ name: 'c_total', labels: { a: '1' }, value: 2 }] }] },
    { atMs: 30_000, error: 'bad' },
    { atMs: 45_000, families: [{ name: 'c_total', type: 'counter', samples: [{ name: 'c_total', labels: { a: '1' }, value: 5 }] }] },
  ],
  noRegistry: false,
  logs: [],
  killed: false,
  virtualEndMs: 13_000,
};

describe('operate view', () => {
  it('puts the measured load beside one call per query, per 10 s bucket', () => {
    expect(loadOverTime(record).map((b) => [b.startMs, b.calls, b.failedCalls, b.baseline])).toEqual([
      [0, 0.3, 0.3, 0.2],
      [10_000, 0.1, 0, 0.1],
    ]);
  });

  it('sums up answers, calls and dashboards; a request without an answer counts as such', () => {
    expect(summarize(record)).toMatchObject({ requests: 2, queries: 3, answered: 1, errors: { upstream: 1 }, noAnswer: 1, calls: 4, baselineCalls: 3, callsByOutcome: { 503: 2, aborted: 1, 200: 1 } });
    expect(byDashboard(record).map((r) => [r.dashboard, r.answered, r.errors, r.noAnswer, r.rangeKind])).toEqual([
      ['a', 1, 1, 0, 'now'],
      ['b', 0, 0, 1, 'absolute'],
    ]);
  });

  it('counts what the incident instance received against one call per query', () => {
    expect(incidentRows(record)).toMatchObject([{ kind: 'server_error', calls: 3, baseline: 2 }]);
  });

  it('follows each series of the learner across scrapes, skipping scrapes that could not be read', () => {
    expect(metricRows(record.scrapes).rows).toEqual([{ family: 'c_total', type: 'counter', name: 'c_total', labels: { a: '1' }, last: 5, points: [[15_000, 2], [45_000, 5]] }]);
  });
});
