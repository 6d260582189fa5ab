import { describe, expect, it } from 'vitest';
import { type DataFrameJSON } from '@grafana/data';
import { encodeEntities, frameFromWire, stringifyJSON, toQueryDataResponse } from './index';
import { tableJSON } from './test-fixtures';

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
