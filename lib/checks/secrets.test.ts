import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckHealthRunRecord, QueryDataRunRecord } from '../engine/run';
import { describeLeak, emittedText, findLeaks, findSecrets, scrubSecrets, secretVariants } from './secrets';

const KEY = 'lab-metrics-key-7f3a9c21';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const at = (text: string) => [{ where: 'the text', text }];

function record(parts: Partial<QueryDataRunRecord> & { output: QueryDataRunRecord['output'] }): QueryDataRunRecord {
  return {
    invocation: 'queryData',
    request: {
      pluginContext: {
        orgId: 1,
        pluginId: 'lab',
        dataSourceInstanceSettings: { uid: 'u', name: 'n', url: '', jsonData: {}, decryptedSecureJsonData: { apiKey: KEY } },
      },
      headers: {},
      queries: [],
    },
    scenario: { latencyMs: 0, fault: 'none', retryAfterSeconds: 2, disorder: false },
    upstream: [],
    logs: [],
    durationMs: 1,
    killed: false,
    ...parts,
  };
}
const log = (message: string, fields: Record<string, string> = {}, level: 'info' | 'debug' = 'info') => ({ level, message, fields, source: 'logger' as const, atMs: 0 });

describe('findSecrets', () => {
  it.each([
    ['as is', `calling upstream with ${KEY}`],
    ['URL-encoded', `?q=${encodeURIComponent('k=' + KEY + '/x')}`],
    ['base64', `Basic ${b64('admin:' + KEY)}`],
    ['base64', b64(KEY)],
    ['base64url', b64url('>>?' + KEY)], // this key's base64url is its base64: either name is right
    ['hex', hex(KEY).toUpperCase()],
    ['reversed', [...KEY].reverse().join('')],
    ['upper-cased', `key=${KEY.toUpperCase()}`],
    ['zero-width', [...KEY].join('\u200B')],
  ])('finds the key %s', (encoding, text) => {
    const leaks = findSecrets([KEY], at(text));
    expect(leaks).toHaveLength(1);
    // This key URL-encodes to itself, and its base64 has no + or /: equal forms are reported once.
    const same: Record<string, string[]> = { 'URL-encoded': ['as is'], base64url: ['base64'] };
    expect([encoding, ...(same[encoding] ?? [])]).toContain(leaks[0].encoding);
  });

  it('finds a URL-encoded key with characters that need escaping', () => {
    const secret = 'p@ss w/rd+key';
    expect(findSecrets([secret], at(`https://x.test/?key=${encodeURIComponent(secret)}`))[0].encoding).toBe('URL-encoded');
    expect(findSecrets([secret], at(`https://x.test/?${new URLSearchParams({ key: secret })}`))[0].encoding).toBe('URL-encoded');
  });

  it('tells base64url from base64 when they differ', () => {
    const secret = '~~~~~~??>>>>key';
    expect(b64(secret)).not.toBe(b64url(secret));
    expect(findSecrets([secret], at(b64url(secret)))[0].encoding).toBe('base64url');
    expect(findSecrets([secret], at(b64(secret)))[0].encoding).toBe('base64');
  });

  it('finds the key inside base64 of any surrounding text (every byte offset)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (before, after) => {
        expect(findSecrets([KEY], at(b64(before + KEY + after)))).toHaveLength(1);
        expect(findSecrets([KEY], at(b64url(before + KEY + after)))).toHaveLength(1);
      }),
    );
  });

  it('does not report text without the key, nor a partial key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        fc.pre(!text.includes(KEY.slice(0, 8)));
        expect(findSecrets([KEY], at(text))).toEqual([]);
      }),
    );
    expect(findSecrets([KEY], at(`key starts ${KEY.slice(0, 4)}…`))).toEqual([]);
    expect(findSecrets([KEY], at(b64('a different key entirely')))).toEqual([]);
  });

  it('ignores secrets too short to search for', () => {
    expect(secretVariants('abc')).toEqual([]);
    expect(findSecrets(['abc'], at('abc abc'))).toEqual([]);
  });

  it('does not join neighbouring strings (a key split across fields is out of scope)', () => {
    const leaks = findLeaks(record({ output: { ok: true, value: { responses: {} } }, logs: [log('x', { a: KEY.slice(0, 12), b: KEY.slice(12) })] }));
    expect(leaks).toEqual([]);
  });
});

describe('findLeaks on a run', () => {
  it('names the log line and level, the error and the frame, never the text', () => {
    const run = record({
      output: {
        ok: true,
        value: {
          responses: {
            A: { frames: [], error: { category: 'auth', message: `key ${KEY} rejected` } },
            B: { frames: [{ schema: { fields: [{ name: 'v', labels: { token: b64(KEY) } }] } }, { schema: { meta: { custom: { k: hex(KEY) } }, fields: [] } }] },
          },
        },
      },
      logs: [log('starting'), log('request', { authorization: `Bearer ${KEY}` }, 'debug')],
    });
    const leaks = findLeaks(run);
    expect(leaks).toEqual([
      { where: 'the error of refId A', encoding: 'as is' },
      { where: 'frame 1 of refId B', encoding: 'base64' },
      { where: 'frame 2 of refId B', encoding: 'hex' },
      { where: 'log line 2 (debug)', encoding: 'as is' },
    ]);
    for (const leak of leaks) expect(describeLeak(leak)).not.toContain(KEY);
    expect(describeLeak(leaks[1])).toBe('the API key appeared base64-encoded in frame 1 of refId B');
    expect(describeLeak(leaks[3])).toBe('the API key appeared in log line 2 (debug)');
  });

  it('does not use a refId made of the key as a label', () => {
    const leaks = findLeaks(record({ output: { ok: true, value: { responses: { [KEY]: { frames: [] } } } } }));
    expect(leaks).toEqual([{ where: 'the response key of response #1', encoding: 'as is' }]);
  });

  it('scans the run error and the health result', () => {
    expect(findLeaks(record({ output: { ok: false, error: { kind: 'runtime', message: `Error: bad key ${KEY}` } } }))).toEqual([{ where: 'the run error', encoding: 'as is' }]);
    const { request, ...rest } = record({ output: { ok: true, value: { responses: {} } } });
    const health: CheckHealthRunRecord = { ...rest, invocation: 'checkHealth', request: { pluginContext: request.pluginContext }, output: { ok: true, value: { status: 'ERROR', message: 'no', details: { sent: KEY } } } };
    expect(findLeaks(health)).toEqual([{ where: 'the health check details', encoding: 'as is' }]);
  });

  it('scans upstream URLs only when asked', () => {
    const call = { seq: 1, method: 'GET', url: `https://x.test/?api_key=${KEY}`, requestHeaders: [['authorization', `Bearer ${KEY}`]] as [string, string][], responseHeaders: [], responseBytes: 0, startedAtMs: 0, durationMs: 0 };
    const run = record({ output: { ok: true, value: { responses: {} } }, upstream: [call] });
    expect(findLeaks(run)).toEqual([]);
    expect(findLeaks(run, { upstreamUrls: true })).toEqual([{ where: 'the URL of upstream request 1', encoding: 'as is' }]);
    // Request headers are where the key belongs; they are never scanned.
    expect(emittedText(run, { upstreamUrls: true }).some((s) => s.text.includes('Bearer'))).toBe(false);
  });
});

describe('scrubSecrets', () => {
  it('masks every known form of the key', () => {
    const text = `raw ${KEY} b64 ${b64(KEY)} hex ${hex(KEY).toUpperCase()}`;
    const scrubbed = scrubSecrets(text, [KEY]);
    expect(findSecrets([KEY], at(scrubbed))).toEqual([]);
    expect(scrubbed).toMatch(/^raw •••• b64 /);
  });
});

describe('describeLeak for look-alike text', () => {
  it('says how the key was disguised, in words', () => {
    expect(describeLeak({ where: 'log line 1 (info)', encoding: 'look-alike' } as Parameters<typeof describeLeak>[0])).toBe(
      'the API key appeared in look-alike letters (full-width, styled or with invisible characters) in log line 1 (info)',
    );
  });
});
