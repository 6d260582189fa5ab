import { describe, expect, it } from 'vitest';
import { checkRange, durationParam, ParamError, parseDuration, parseTime, readParams, timeParam } from './params';

describe('parseTime', () => {
  it.each([
    ['1700000000', 1_700_000_000_000],
    ['1700000000.123', 1_700_000_000_123],
    ['1700000000.1236', 1_700_000_000_124], // rounded to the millisecond, as Prometheus does
    ['1700000000.9996', 1_700_000_001_000],
    ['-1.5', -1500],
    ['1.7e9', 1_700_000_000_000],
    ['2023-11-14T22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T22:13:20.5Z', 1_700_000_000_500],
    ['2023-11-14T23:13:20+01:00', 1_700_000_000_000],
  ])('reads %j', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });

  it.each(['', 'now', 'yesterday', '2023-11-14', '2023-11-14 22:13:20Z', '1700000000s', '0x10'])('rejects %j', (text) => {
    expect(parseTime(text)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it.each([
    ['15', 15_000],
    ['0.5', 500],
    ['1e1', 10_000],
    ['0', 0],
    ['-5', -5000],
    ['15s', 15_000],
    ['1m', 60_000],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['1h1m1s1ms', 3_661_001],
  ])('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '1m1h', '5 s', '1.5m', 's', '15S'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('readParams', () => {
  const url = 'https://prometheus.lab.test/api/v1/query_range?query=from_url&start=1&match[]=a';

  it('reads the query string of a GET, absent ones as ""', async () => {
    const params = await readParams(new Request(url));
    expect(params.get('query')).toBe('from_url');
    expect(params.get('end')).toBe('');
    expect(params.getAll('match[]')).toEqual(['a']);
  });

  it('prefers a form body over the URL, as Go does', async () => {
    const body = new URLSearchParams([['query', 'from_body'], ['match[]', 'b']]);
    const params = await readParams(new Request(url, { method: 'POST', body }));
    expect(params.get('query')).toBe('from_body');
    expect(params.get('start')).toBe('1');
    expect(params.getAll('match[]')).toEqual(['b', 'a']);
  });

  it('reads a multipart form body too', async () => {
    const body = new FormData();
    body.set('query', 'multi');
    expect((await readParams(new Request(url, { method: 'POST', body }))).get('query')).toBe('multi');
  });

  it('ignores a JSON body, as Prometheus does', async () => {
    const request = new Request(url.split('?')[0], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'json' }),
    });
    expect((await readParams(request)).get('query')).toBe('');
  });

  it('reports a broken multipart body as a bad parameter', async () => {
    const request = new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not multipart',
    });
    await expect(readParams(request)).rejects.toThrow(new ParamError('error parsing form values'));
  });
});

describe('timeParam and durationParam', () => {
  const params = (values: Record<string, string>) => ({
    get: (name: string) => values[name] ?? '',
    getAll: (name: string) => (values[name] ? [values[name]] : []),
  });

  it('return milliseconds', () => {
    expect(timeParam(params({ start: '1700000000' }), 'start')).toBe(1_700_000_000_000);
    expect(durationParam(params({ step: '1m' }), 'step')).toBe(60_000);
  });

  it("throw Prometheus' own messages", () => {
    expect(() => timeParam(params({}), 'start')).toThrow('invalid parameter "start": cannot parse "" to a valid timestamp');
    expect(() => timeParam(params({ end: 'soon' }), 'end')).toThrow('invalid parameter "end": cannot parse "soon" to a valid timestamp');
    expect(() => durationParam(params({ step: 'abc' }), 'step')).toThrow('invalid parameter "step": cannot parse "abc" to a valid duration');
  });
});

describe('checkRange', () => {
  const start = 1_700_000_000_000;

  it('accepts a sane window', () => {
    expect(() => checkRange(start, start + 3_600_000, 15_000)).not.toThrow();
    expect(() => checkRange(start, start, 15_000)).not.toThrow(); // a single point
  });

  it('rejects end before start, even before the step is known', () => {
    expect(() => checkRange(start, start - 1)).toThrow('invalid parameter "end": end timestamp must not be before start time');
  });

  it.each([0, -15_000, 0.5, NaN])('rejects a step of %d ms', (step) => {
    expect(() => checkRange(start, start + 1000, step)).toThrow(
      'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  });

  it('allows 11,001 points (11,000 intervals) and refuses 11,002, exactly like Prometheus', () => {
    expect(() => checkRange(0, 11_000_000, 1000)).not.toThrow();
    expect(() => checkRange(0, 11_001_000, 1000)).toThrow(
      new ParamError('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)'),
    );
  });
});
