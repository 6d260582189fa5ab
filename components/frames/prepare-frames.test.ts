import { describe, expect, it } from 'vitest';
import {
  FieldColorModeId,
  FieldType,
  applyFieldOverrides,
  createDataFrame,
  createTheme,
  dataFrameToJSON,
  getFieldSeriesColor,
  type DataFrameJSON,
} from '@grafana/data';
import {
  FIELD_CONFIG_SOURCE,
  downsampleFrame,
  drawRange,
  encodeEntities,
  forGrafanaDisplay,
  formatLabels,
  frameFromWire,
  hideSeries,
  nextHiddenSeries,
  lttbIndices,
  parseResults,
  planPanel,
  seriesNames,
  stringifyJSON,
  summarizeFrame,
  toQueryDataResponse,
  withFieldDefaults,
  type QueryResultView,
} from './prepare-frames';

const T0 = 1_700_000_000_000;

function wideJSON(rows = 3, series = ['a', 'b']): DataFrameJSON {
  return dataFrameToJSON(
    createDataFrame({
      name: 'cpu',
      meta: { type: 'timeseries-wide' as never, typeVersion: [0, 1] },
      fields: [
        { name: 'time', type: FieldType.time, values: Array.from({ length: rows }, (_, i) => T0 + i * 1000) },
        ...series.map((s, k) => ({
          name: 'value',
          type: FieldType.number,
          labels: { host: s },
          config: { unit: 'percent' },
          values: Array.from({ length: rows }, (_, i) => i * (k + 1)),
        })),
      ],
    }),
  );
}

const tableJSON = (): DataFrameJSON =>
  dataFrameToJSON(createDataFrame({ fields: [{ name: 'host', type: FieldType.string, values: ['a', 'b'] }] }));

describe('frameFromWire', () => {
  it('decodes Grafana wire JSON without mutating it', () => {
    const json = wideJSON(2);
    const before = structuredClone(json);
    const frame = frameFromWire(json, 'A');
    expect(frame.refId).toBe('A');
    expect(frame.length).toBe(2);
    expect(frame.fields.map((f) => f.type)).toEqual([FieldType.time, FieldType.number, FieldType.number]);
    frame.fields[1].values[0] = 99;
    expect(json).toEqual(before);
  });

  it('restores NaN and Infinity listed in data.entities', () => {
    const frame = frameFromWire({
      schema: { fields: [{ name: 'v', type: FieldType.number }] },
      data: { values: [[1, null, null]], entities: [{ NaN: [1], Inf: [2] }] },
    });
    expect(frame.fields[0].values).toEqual([1, NaN, Infinity]);
  });

  it('converts ISO strings in time fields to epoch ms', () => {
    const frame = frameFromWire({
      schema: { fields: [{ name: 't', type: FieldType.time }] },
      data: { values: [['2024-01-01T00:00:00Z', 'nonsense']] },
    });
    expect(frame.fields[0].values).toEqual([Date.UTC(2024, 0, 1), null]);
  });

  it.each([
    [null, /not an object/],
    [{ data: { values: [] } }, /no schema.fields/],
    [{ schema: { fields: [{ name: 'a' }, { name: 'b' }] }, data: { values: [[1]] } }, /2 field\(s\) but data.values has 1/],
    [{ schema: { fields: [{ name: 'a' }] }, data: { values: ['x'] } }, /data.values\[0\] is a string/],
  ])('explains a malformed frame (%j)', (json, message) => {
    expect(() => frameFromWire(json)).toThrow(message);
  });
});

describe('untrusted shapes', () => {
  it('drops config and labels that are not objects', () => {
    const frame = frameFromWire({ schema: { meta: 'x', fields: [{ name: 7, type: 3, config: 'red', labels: ['a'] }] }, data: { values: [[1]] } });
    expect(frame.meta).toBeUndefined();
    expect(frame.fields[0]).toMatchObject({ name: '7', type: FieldType.number, config: {}, labels: undefined });
  });

  it('turns frame-typed fields into other so applyFieldOverrides does not crash', () => {
    const frame = frameFromWire({ schema: { fields: [{ name: 'f', type: FieldType.frame }] }, data: { values: [['x', 2]] } });
    const theme = createTheme({ colors: { mode: 'dark' } });
    const run = (f: typeof frame) => applyFieldOverrides({ data: [f], fieldConfig: FIELD_CONFIG_SOURCE, theme, replaceVariables: (s) => s, timeZone: 'utc' });
    expect(() => run(frame)).toThrow();
    expect(forGrafanaDisplay(frame).fields[0].type).toBe(FieldType.other);
    expect(() => run(forGrafanaDisplay(frame))).not.toThrow();
    expect(frame.fields[0].type).toBe(FieldType.frame);
  });
});

describe('parseResults', () => {
  it('keys frames by refId and index, and turns bad frames into problems', () => {
    const { frames, problems } = parseResults([
      { refId: 'A', frames: [wideJSON(), tableJSON()] },
      { refId: 'B', frames: [{} as DataFrameJSON] },
    ]);
    expect(frames.map((f) => f.key)).toEqual(['A-0', 'A-1']);
    expect(problems).toEqual([{ key: 'B-0', refId: 'B', index: 0, message: expect.stringMatching(/schema.fields/) }]);
  });
});

describe('field config defaults', () => {
  it('gives each series its own palette colour (the grey-line trap)', () => {
    const theme = createTheme({ colors: { mode: 'dark' } });
    const frame = frameFromWire(wideJSON());
    const apply = (data: typeof frame[]) =>
      applyFieldOverrides({ data, fieldConfig: FIELD_CONFIG_SOURCE, theme, replaceVariables: (s) => s, timeZone: 'utc' });
    // Without per-field defaults, @grafana/data's empty option registry leaves every series grey.
    const bare = apply([frame])[0].fields.slice(1).map((f) => getFieldSeriesColor(f, theme).color);
    expect(new Set(bare).size).toBe(1);
    const colours = apply([withFieldDefaults(frame)])[0].fields.slice(1).map((f) => getFieldSeriesColor(f, theme).color);
    expect(new Set(colours).size).toBe(2);
  });

  it('keeps config the learner set', () => {
    const frame = frameFromWire(wideJSON());
    const own = { ...frame, fields: frame.fields.map((f) => ({ ...f, config: { color: { mode: FieldColorModeId.Fixed, fixedColor: 'red' }, custom: { lineWidth: 3 } } })) };
    const field = withFieldDefaults(own).fields[1];
    expect(field.config.color).toEqual({ mode: FieldColorModeId.Fixed, fixedColor: 'red' });
    expect(field.config.custom).toMatchObject({ lineWidth: 3, drawStyle: 'line' });
    expect(own.fields[1].config.custom).toEqual({ lineWidth: 3 });
  });
});

describe('lttbIndices', () => {
  it('keeps first, last and the peak, and returns exactly the threshold', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const ys = xs.map((x) => (x === 500 ? 1000 : Math.sin(x / 50)));
    const idx = lttbIndices(xs, ys, 100);
    expect(idx).toHaveLength(100);
    expect(idx[0]).toBe(0);
    expect(idx[99]).toBe(999);
    expect(idx).toContain(500);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it('returns every index when there are few points', () => {
    expect(lttbIndices([1, 2, 3], [1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('keeps a null where a bucket is mostly null, so the gap stays', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const ys = xs.map((x) => (x >= 40 && x < 60 ? null : x));
    const idx = lttbIndices(xs, ys, 10);
    expect(idx.some((i) => ys[i] === null)).toBe(true);
  });
});

describe('downsampleFrame', () => {
  it('splits a wide frame into one downsampled frame per series', () => {
    const frame = frameFromWire(wideJSON(500));
    const out = downsampleFrame(frame, 50);
    expect(out).toHaveLength(2);
    for (const f of out) {
      expect(f.length).toBe(50);
      expect(f.fields.map((x) => x.values.length)).toEqual([50, 50]);
    }
    expect(out[1].fields[1].labels).toEqual({ host: 'b' });
    expect(frame.fields[1].values).toHaveLength(500);
  });
});

describe('planPanel', () => {
  const plan = (results: QueryResultView[], max?: number) => planPanel(results, parseResults(results).frames, max);

  it('draws time frames, tables the rest', () => {
    const p = plan([{ refId: 'A', frames: [wideJSON()] }, { refId: 'B', frames: [tableJSON()] }]);
    expect(p.series).toHaveLength(1);
    expect(p.tables.map((t) => t.key)).toEqual(['B-0']);
    expect(p.empty).toBeUndefined();
    expect(p.series[0].fields[1].config.color?.mode).toBe(FieldColorModeId.PaletteClassic);
  });

  it('downsamples past maxDataPoints and says so', () => {
    const p = plan([{ refId: 'A', frames: [wideJSON(1000, ['a'])] }], 100);
    expect(p.series[0].length).toBe(100);
    expect(p.notes.join()).toMatch(/1000 points per series; drawn as 100/);
  });

  it('sorts unsorted time, nulls NaN, and notes skipped string fields', () => {
    const p = plan([
      {
        refId: 'A',
        frames: [
          {
            schema: { fields: [{ name: 'time', type: FieldType.time }, { name: 'v', type: FieldType.number }, { name: 'host', type: FieldType.string }] },
            data: { values: [[T0 + 2, T0, T0 + 1], [2, NaN, 1], ['a', 'a', 'a']] },
          },
        ],
      },
    ]);
    expect(p.series[0].fields.map((f) => f.values)).toEqual([[T0, T0 + 1, T0 + 2], [null, 1, 2]]);
    expect(p.notes.join('\n')).toMatch(/not in ascending order/);
    expect(p.notes.join('\n')).toMatch(/"host" not drawn/);
  });

  it.each([
    [[], /no queries/],
    [[{ refId: 'A', frames: [] }], /returned no frames/],
    [[{ refId: 'A', frames: [], error: { category: 'upstream', message: 'x' } }], /Every query failed/],
    [[{ refId: 'A', frames: [wideJSON(0)] }], /no rows/],
  ] as Array<[QueryResultView[], RegExp]>)('explains an empty panel', (results, why) => {
    expect(plan(results).empty).toMatch(why);
  });
});

describe('series visibility (legend clicks)', () => {
  const all = ['a', 'b', 'c'];
  it('isolates on click, shows all again on a second click, toggles on ctrl-click', () => {
    const isolated = nextHiddenSeries(all, new Set(), 'b', 'select');
    expect([...isolated]).toEqual(['a', 'c']);
    expect(nextHiddenSeries(all, isolated, 'b', 'select').size).toBe(0);
    expect([...nextHiddenSeries(all, isolated, 'a', 'append')]).toEqual(['c']);
    expect([...nextHiddenSeries(all, new Set(['a']), ['a', 'b'], 'setExactly')]).toEqual(['c']);
    expect(nextHiddenSeries(all, new Set(['a']), null, 'setExactly').size).toBe(0);
  });

  it('marks hidden series hideFrom.viz by display name, leaving the rest alone', () => {
    const frames = [withFieldDefaults(frameFromWire(wideJSON()))];
    expect(seriesNames(frames)).toEqual(['value a', 'value b']);
    const [out] = hideSeries(frames, new Set(['value b']));
    expect(out.fields[2].config.custom.hideFrom).toEqual({ legend: false, tooltip: true, viz: true });
    expect(out.fields[1]).toBe(frames[0].fields[1]);
    expect(frames[0].fields[2].config.custom.hideFrom.viz).toBe(false);
  });
});

describe('drawRange', () => {
  it('uses the requested range when data falls in it, else the data with a note', () => {
    expect(drawRange({ from: 0, to: 10 }, { from: 5, to: 6 })).toEqual({ from: 0, to: 10 });
    expect(drawRange({ from: 0, to: 10 }, { from: 50, to: 60 })).toMatchObject({ from: 50, to: 60, note: expect.stringMatching(/outside/) });
    expect(drawRange(undefined, { from: T0, to: T0 })).toEqual({ from: T0 - 60_000, to: T0 + 60_000 });
  });
});

describe('summaries', () => {
  it('summarises name, data plane type, rows and fields', () => {
    const [p] = parseResults([{ refId: 'A', frames: [wideJSON(3, ['a'])] }]).frames;
    expect(summarizeFrame(p)).toEqual({
      key: 'A-0',
      refId: 'A',
      name: 'cpu',
      dataplaneType: 'timeseries-wide',
      typeVersion: '0.1',
      rows: 3,
      fields: [
        { name: 'time', type: 'time', labels: '', unit: undefined, displayName: undefined },
        { name: 'value', type: 'number', labels: '{host="a"}', unit: 'percent', displayName: undefined },
      ],
    });
  });

  it('formats labels like Grafana and escapes quotes', () => {
    expect(formatLabels({ a: '1', b: 'say "hi"' })).toBe('{a="1", b="say \\"hi\\""}');
    expect(formatLabels(undefined)).toBe('');
  });
});

describe('toQueryDataResponse', () => {
  it('has the /api/ds/query shape, with status and error per refId', () => {
    const out = toQueryDataResponse([
      { refId: 'A', frames: [tableJSON()] },
      { refId: 'B', frames: [], error: { category: 'upstream', message: 'Upstream said 503', status: 502 } },
      { refId: 'C', frames: [], error: { category: 'internal', message: 'boom' } },
    ]);
    expect(Object.keys(out.results)).toEqual(['A', 'B', 'C']);
    expect(out.results.A).toEqual({ status: 200, frames: [tableJSON()] });
    expect(out.results.B).toEqual({ status: 502, frames: [], error: 'Upstream said 503' });
    expect(out.results.C.status).toBe(500);
  });

  it('treats refIds named like Object.prototype members as ordinary refIds', () => {
    const out = toQueryDataResponse([{ refId: 'toString', frames: [tableJSON()] }, { refId: 'constructor', frames: [] }]);
    expect(Object.keys(out.results)).toEqual(['toString', 'constructor']);
    expect(out.results['toString' as string]).toEqual({ status: 200, frames: [tableJSON()] });
  });

  it('encodes NaN and Infinity as entities, like Grafana', () => {
    const frame: DataFrameJSON = { schema: { fields: [{ name: 'v' }, { name: 's' }] }, data: { values: [[1, NaN, -Infinity, Infinity], ['x']] } };
    expect(encodeEntities(frame).data).toEqual({
      values: [[1, null, null, null], ['x']],
      entities: [{ NaN: [1], NegInf: [2], Inf: [3] }, null],
    });
    expect(frame.data!.values[0][1]).toBeNaN();
    // round trip through the decoder
    const back = frameFromWire(JSON.parse(JSON.stringify(encodeEntities(frame))));
    expect(back.fields[0].values).toEqual([1, NaN, -Infinity, Infinity]);
  });
});

describe('stringifyJSON', () => {
  it('handles bigint and reports cycles instead of throwing', () => {
    expect(stringifyJSON({ n: 3n })).toEqual({ text: '{\n  "n": 3\n}' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(stringifyJSON(cyclic)).toEqual({ error: expect.stringMatching(/cannot be written as JSON/) });
  });
});
