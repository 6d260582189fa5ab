import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@/lib/engine/run';
import { toResultViews } from './to-result-views';

const KEY = 'lab-metrics-key-7f3a9c21';

function record(responses: Record<string, unknown>): RunRecord {
  return {
    invocation: 'queryData',
    request: {
      pluginContext: { dataSourceInstanceSettings: { url: '', jsonData: {}, decryptedSecureJsonData: { apiKey: KEY } } },
      queries: [{ refId: 'A' }, { refId: 'B' }],
    },
    output: { ok: true, value: { responses } },
    upstream: [],
    logs: [],
  } as unknown as RunRecord;
}

describe('toResultViews', () => {
  it('hides the secret in query error messages', () => {
    const views = toResultViews(record({ A: { frames: [], error: { category: 'auth', message: `key ${KEY} was refused` } }, B: { frames: [] } }));
    expect(views[0].error?.message).not.toContain(KEY);
    expect(views[0].error?.message).toContain('••••');
  });

  it('reports a refId the handler did not answer', () => {
    const views = toResultViews(record({ A: { frames: [] } }));
    expect(views.map((v) => v.refId)).toEqual(['A', 'B']);
    expect(views[1].error?.message).toMatch(/no response for refId B/);
  });
});
