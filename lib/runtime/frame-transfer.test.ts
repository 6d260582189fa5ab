import { describe, expect, it } from 'vitest';
import { MIN_PACKED_LENGTH, packFrameValues, unpackFrameValues } from './frame-transfer';

const answer = (columns: unknown[][]) => ({ responses: { A: { frames: [{ schema: { fields: [] }, data: { values: columns } }] } } });
const columnsOf = (value: ReturnType<typeof answer>) => value.responses.A.frames[0].data.values;

describe('frame transfer', () => {
  it('packs long all-number columns into transferable Float64Arrays and restores them exactly', () => {
    const times = Array.from({ length: MIN_PACKED_LENGTH * 2 }, (_, i) => 1_700_000_000_000 + i * 1000);
    const values = times.map((_, i) => Math.sin(i) * 1e6);
    const value = answer([times, values]);
    const buffers = packFrameValues(value);
    expect(buffers).toHaveLength(2);
    expect(columnsOf(value)[0]).toBeInstanceOf(Float64Array);
    // What crosses: a clone with the buffers transferred, as postMessage would do it.
    const received = structuredClone(value, { transfer: buffers });
    unpackFrameValues(received);
    expect(columnsOf(received)[0]).toEqual(times);
    expect(columnsOf(received)[1]).toEqual(values);
    expect(Array.isArray(columnsOf(received)[1])).toBe(true);
  });

  it('leaves short columns, and columns with nulls or strings, as they are', () => {
    const long = MIN_PACKED_LENGTH + 10;
    const withNull: unknown[] = Array.from({ length: long }, (_, i) => i);
    withNull[5] = null;
    const strings = Array.from({ length: long }, (_, i) => `host-${i}`);
    const short = [1, 2, 3];
    const value = answer([withNull, strings, short]);
    expect(packFrameValues(value)).toEqual([]);
    expect(columnsOf(value)).toEqual([withNull, strings, short]);
  });

  it('ignores answers that are not queryData responses', () => {
    expect(packFrameValues({ status: 'OK', message: 'fine' })).toEqual([]);
    expect(packFrameValues(null)).toEqual([]);
    expect(() => unpackFrameValues({ responses: { A: { frames: 'nope' } } })).not.toThrow();
  });
});
