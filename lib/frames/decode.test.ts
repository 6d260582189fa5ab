import { describe, expect, it } from 'vitest';
import { FieldType, applyFieldOverrides, createTheme, type DataFrameJSON } from '@grafana/data';
import { FIELD_CONFIG_SOURCE, forGrafanaDisplay, frameFromWire, parseResults } from './index';
import { wideJSON, tableJSON } from './test-fixtures';
import { isNumberColumn, MIN_PACKED_LENGTH, packFrameValues, unpackFrameValues } from '../runtime/frame-transfer';

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

  it('shares a column unpacked from numbers only where dataFrameFromJSON leaves it as it is', () => {
    const n = MIN_PACKED_LENGTH;
    const column = (offset: number) => Array.from({ length: n }, (_, i) => i + offset);
    // As the page receives a big answer: packed by the sandbox's side, unpacked by the page's.
    const answer = {
      responses: {
        A: {
          frames: [
            { schema: { fields: [{ name: 't', type: FieldType.time }, { name: 'v', type: FieldType.number }] }, data: { values: [column(0), column(1)] } },
            { schema: { fields: [{ name: 'v', type: FieldType.number }] }, data: { values: [column(2)], entities: [{ NaN: [0] }] } },
            { schema: { fields: [{ name: 'a', type: FieldType.number }, { name: 'b', type: FieldType.number }] }, data: { values: [column(3), [...column(4), 5, 6]] } },
          ],
        },
      },
    };
    packFrameValues(answer);
    unpackFrameValues(answer);
    const [plain, withEntities, padded] = answer.responses.A.frames as DataFrameJSON[];
    expect(isNumberColumn(plain.data!.values[0])).toBe(true);
    const before = structuredClone(answer);

    const shared = frameFromWire(plain);
    expect(shared.fields[1].values).toBe(plain.data!.values[1]);
    // The entities decode NaN in place, and the short column is padded: both on copies.
    expect(frameFromWire(withEntities).fields[0].values[0]).toBeNaN();
    const paddedFrame = frameFromWire(padded);
    expect(paddedFrame.fields[0].values).toHaveLength(n + 2);
    expect(paddedFrame.fields[0].values).not.toBe(padded.data!.values[0]);
    expect(answer).toEqual(before);
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
