import { describe, expect, it } from 'vitest';
import { isNumberColumn, MIN_PACKED_LENGTH, packFrameValues, UNPACK_SLICE_VALUES, unpackFrameValues, unpackFrameValuesInSlices } from './frame-transfer';

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

  it('unpacks a big answer in slices, yielding between them, and a small one without a yield', async () => {
    const long = Array.from({ length: UNPACK_SLICE_VALUES / 2 + 1 }, (_, i) => i / 3);
    const big = answer([long, long.slice(), long.slice(), long.slice(), ['a', 'b']]);
    const buffers = packFrameValues(big);
    expect(buffers).toHaveLength(4);
    let yields = 0;
    await unpackFrameValuesInSlices(big, async () => void yields++);
    // Four columns of just over half a slice each: one yield, before the third.
    expect(yields).toBe(1);
    for (const column of columnsOf(big).slice(0, 4)) expect(column).toEqual(long);
    expect(columnsOf(big)[4]).toEqual(['a', 'b']);

    const small = answer([[1, 2, 3]]);
    await unpackFrameValuesInSlices(small, async () => void yields++);
    expect(yields).toBe(1);
  });

  it('knows the columns it unpacked hold numbers only, and no other array', () => {
    const times = Array.from({ length: MIN_PACKED_LENGTH }, (_, i) => i);
    const value = answer([times]);
    packFrameValues(value);
    unpackFrameValues(value);
    expect(isNumberColumn(columnsOf(value)[0])).toBe(true);
    expect(isNumberColumn(times)).toBe(false);
    expect(isNumberColumn([1, 2, 3])).toBe(false);
    expect(isNumberColumn(null)).toBe(false);
  });

  it('ignores answers that are not queryData responses', () => {
    expect(packFrameValues({ status: 'OK', message: 'fine' })).toEqual([]);
    expect(packFrameValues(null)).toEqual([]);
    expect(() => unpackFrameValues({ responses: { A: { frames: 'nope' } } })).not.toThrow();
  });
});

describe('a million-point answer through the sandbox', () => {
  it('arrives whole, as plain arrays, within the output limits', async () => {
    const { createNodeSandbox } = await import('./node/node-sandbox');
    const { createUpstreamBridge } = await import('./upstream-bridge');
    const sandbox = createNodeSandbox();
    try {
      const handler = `export async function queryData() {
        const frames = [];
        for (let s = 0; s < 10; s++) {
          const time = [], value = [];
          for (let i = 0; i < 100000; i++) { time.push(1e12 + i * 1000); value.push(s + i / 7); }
          frames.push({ name: 's' + s, fields: [{ name: 'time', type: 'time', values: time }, { name: 'value', type: 'number', values: value }] });
        }
        return { responses: { A: { frames } } };
      }`;
      const run = await sandbox.run({
        files: { 'handler.ts': handler },
        entry: 'handler.ts',
        invocation: 'queryData',
        request: { queries: [] },
        upstream: createUpstreamBridge([], ['https://mock.test']).resolve,
        timeLimitMs: 10_000,
      });
      expect(run.output.ok).toBe(true);
      if (!run.output.ok) return;
      const frames = (run.output.value as { responses: { A: { frames: { data: { values: unknown[][] } }[] } } }).responses.A.frames;
      expect(frames).toHaveLength(10);
      const [time, value] = frames[9].data.values;
      expect(Array.isArray(time) && Array.isArray(value)).toBe(true);
      expect(time).toHaveLength(100_000);
      expect(value[99_999]).toBe(9 + 99_999 / 7);
    } finally {
      sandbox.dispose();
    }
  }, 30_000);
});
