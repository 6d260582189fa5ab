import { describe, expect, it } from 'vitest';
import { blocksOf, defaultsClaimed, looseName, placesClaimed, proseOf, statesDefault, urlsFor, wordSpans } from './prose';

describe('blocksOf', () => {
  it('gives one block per list item and per table row, headers beside cells', () => {
    const blocks = blocksOf('Intro.\n\n- `a`: one\n- `b`: two\n\n| name | where |\n|---|---|\n| `x` | here |\n\n```json\n{}\n```\n');
    expect(blocks.map((b) => [b.kind, b.lang, b.text])).toEqual([
      ['prose', '', 'Intro.'],
      ['prose', '', '`a`: one'],
      ['prose', '', '`b`: two'],
      ['prose', '', 'name: `x` | where: here'],
      ['code', 'json', '{}'],
    ]);
  });

  it('keeps sub-items with their item, and reads inside quotes', () => {
    expect(blocksOf('- `aggregation`: one of\n  - `avg`\n  - `sum`\n\n> quoted `x`\n').map((b) => b.text)).toEqual(['`aggregation`: one of\n- `avg`\n- `sum`', 'quoted `x`']);
  });

  it('proseOf leaves code out', () => {
    expect(proseOf('Text `groupBy`.\n\n```json\n{ "metric": "x" }\n```\n')).toBe('Text `groupBy`.');
  });
});

describe('placesClaimed', () => {
  const cases: [string, string, string[]][] = [
    ['a table with a "where" column', '| setting | where |\n|---|---|\n| `baseUrl` | jsonData (plain) |\n| `apiKey` | secureJsonData (encrypted) |', ['jsonData', 'secureJsonData']],
    ['one sentence, two clauses', 'Put `baseUrl` in jsonData and `apiKey` in secureJsonData.', ['jsonData', 'secureJsonData']],
    ['dotted paths', 'Set `jsonData.baseUrl` and `secureJsonData.apiKey`.', ['jsonData', 'secureJsonData']],
    ['plain words', 'The `baseUrl` is a plain setting. The `apiKey` goes in the secure settings, which Grafana encrypts.', ['jsonData', 'secureJsonData']],
    ['"secret" and "not a secret"', '`baseUrl` is not a secret. `apiKey` is stored as a secret.', ['jsonData', 'secureJsonData']],
    ['a comma between them', '`baseUrl` in jsonData, `apiKey` in secureJsonData', ['jsonData', 'secureJsonData']],
    ['YAML provisioning', '```yaml\njsonData:\n  baseUrl: https://x.example\nsecureJsonData:\n  apiKey: <key>\n```', ['jsonData', 'secureJsonData']],
    ['JSON on one line', '```json\n{ "jsonData": { "baseUrl": "https://x.example" }, "secureJsonData": { "apiKey": "…" } }\n```', ['jsonData', 'secureJsonData']],
  ];
  const places = (markdown: string, setting: string) => placesClaimed(markdown, setting).map((c) => c.place);
  it.each(cases)('%s', (_name, markdown, [base, key]) => {
    expect(places(markdown, 'baseUrl')).toContain(base);
    expect(places(markdown, 'apiKey')).toContain(key);
    expect(places(markdown, 'baseUrl')).not.toContain(base === 'jsonData' ? 'secureJsonData' : 'jsonData');
  });

  it('reads nothing from a negated place', () => {
    expect(places('Never put `apiKey` in jsonData: it belongs in secureJsonData.', 'apiKey')).toEqual(['secureJsonData']);
    expect(places('`baseUrl` is not a secret, so it lives in jsonData.', 'baseUrl')).toEqual(['jsonData']);
  });

  it('finds a wrong place', () => {
    expect(placesClaimed('Both `baseUrl` and `apiKey` go in jsonData.', 'apiKey')).toEqual([{ place: 'jsonData', how: 'clause' }]);
    expect(places('- `apiKey`: the key, stored in jsonData', 'apiKey')).toEqual(['jsonData']);
  });

  it('marks a place word from another clause as a weaker reading', () => {
    expect(placesClaimed('`apiKey` lives in secureJsonData. Unlike `baseUrl`, it is encrypted.', 'baseUrl')).toEqual([{ place: 'secureJsonData', how: 'block' }]);
  });

  it('gives nothing when no place is said', () => {
    expect(placesClaimed('Set `baseUrl` and `apiKey`, then press Save & test.', 'apiKey')).toEqual([]);
  });
});

describe('urlsFor', () => {
  it('takes the URL nearest each mention, not a negated one, and values in code', () => {
    expect(urlsFor('Open Grafana at http://localhost:3000 and set `baseUrl` to https://metrics.example.com.', 'baseUrl')).toEqual(['https://metrics.example.com']);
    expect(urlsFor('`baseUrl` must be https, not http://metrics.example.com', 'baseUrl')).toEqual([]);
    expect(urlsFor('```yaml\njsonData:\n  baseUrl: http://localhost:9090\n```', 'baseUrl')).toEqual(['http://localhost:9090']);
    expect(urlsFor('`baseUrl`: e.g. `https://<your host>`', 'baseUrl')).toEqual([]);
  });
});

describe('defaults', () => {
  const values = ['avg', 'sum', 'min', 'max'];
  it.each([
    ['default `avg`', ['avg']],
    ['one of `sum`, `min`, `max` or `avg`; defaults to `avg`', ['avg']],
    ['default: `avg`', ['avg']],
    ['one of `avg` (default), `sum`, `min`, `max`', ['avg']],
    ['`avg` by default', ['avg']],
    ['the default value is sum', ['sum']],
    ['default none', []],
  ])('%s', (text, claims) => {
    expect(defaultsClaimed(text, values)).toEqual(claims);
  });

  it('statesDefault accepts the usual wordings', () => {
    for (const text of ['default none', 'optional', 'if omitted, no grouping', 'defaults to []', 'avg when it is left out', 'leave it out for one series']) {
      expect(statesDefault(text)).toBe(true);
    }
    expect(statesDefault('labels to keep')).toBe(false);
  });
});

describe('names', () => {
  it('wordSpans finds whole words only', () => {
    expect(wordSpans('metrics_api metric', 'metric')).toEqual([{ start: 12, end: 18 }]);
  });
  it('looseName reads `groupBy` as "group by" and plurals', () => {
    expect(looseName('groupBy').test('Group by labels')).toBe(true);
    expect(looseName('aggregation').test('Aggregations: avg')).toBe(true);
  });
});
