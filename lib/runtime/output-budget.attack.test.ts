import { describe, expect, it } from 'vitest';
import { copyAnswer, MESSAGE_LIMITS, measureOutput, OUTPUT_LIMITS } from './output-budget';

describe('measureOutput (attack: oversized, deep and circular answers)', () => {
  it('accepts an ordinary answer and estimates its JSON size', () => {
    const answer = { responses: { A: { frames: [{ schema: { fields: [{ name: 'time' }, { name: 'v' }] }, data: { values: [[1, 2, 3], [4, 5, 6]] } }] } } };
    const measured = measureOutput(answer);
    expect(measured.ok).toBe(true);
    if (measured.ok) {
      const real = JSON.stringify(answer).length;
      expect(measured.bytes).toBeGreaterThan(real / 2);
      expect(measured.bytes).toBeLessThan(real * 3);
    }
  });

  it('refuses a 100 MB string', () => {
    expect(measureOutput({ values: ['x'.repeat(100 * 1024 * 1024)] })).toEqual({ ok: false, reason: expect.stringContaining('larger than 32 MB') });
  });

  it('refuses a huge array at once, without walking it', () => {
    const huge = new Array(50_000_000);
    const started = performance.now();
    expect(measureOutput({ values: huge })).toEqual({ ok: false, reason: expect.stringContaining('more than 4,000,000 values') });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a circular object and a very deep one, without recursion', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    expect(measureOutput({ frames: [circular] })).toEqual({ ok: false, reason: expect.stringContaining('circular reference') });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(measureOutput(deep)).toEqual({ ok: false, reason: expect.stringContaining(`more than ${OUTPUT_LIMITS.maxDepth} levels`) });
  });

  it('counts a shared object each time it appears, as JSON would write it', () => {
    let node: unknown = ['x'.repeat(1000)];
    for (let i = 0; i < 30; i++) node = [node, node]; // 2^30 leaves when written out
    expect(measureOutput(node).ok).toBe(false);
  });

  it('cannot be fooled by replacing Object.keys or Array.isArray after it loaded', () => {
    const keys = Object.keys;
    const isArray = Array.isArray;
    try {
      Object.keys = () => [];
      Array.isArray = ((_: unknown) => false) as typeof Array.isArray;
      expect(measureOutput({ big: 'x'.repeat(40 * 1024 * 1024) }).ok).toBe(false);
      expect(measureOutput([['x'.repeat(40 * 1024 * 1024)]]).ok).toBe(false);
    } finally {
      Object.keys = keys;
      Array.isArray = isArray;
    }
  });

  it('gives the host a little room for the message envelope', () => {
    expect(MESSAGE_LIMITS.maxBytes).toBeGreaterThan(OUTPUT_LIMITS.maxBytes);
    expect(MESSAGE_LIMITS.maxDepth).toBeGreaterThan(OUTPUT_LIMITS.maxDepth);
  });
});

describe('copyAnswer (attack: answers that change while they are read)', () => {
  const frame = (extra: Record<string, unknown> = {}, values: unknown = [1, 2, 3]) => ({ responses: { A: { frames: [{ schema: { fields: [{ name: 'v' }], ...extra }, data: { values: [values] } }] } } });

  it('copies an ordinary answer into equal plain data, measured', () => {
    const answer = frame({ meta: { type: 'timeseries-multi', custom: { note: 'x' } } });
    const copied = copyAnswer(answer);
    expect(copied).toMatchObject({ ok: true, copy: answer });
    if (copied.ok) {
      expect(copied.copy).not.toBe(answer);
      expect(copied.bytes).toBe(measureOutput(answer).ok ? (measureOutput(answer) as { bytes: number }).bytes : -1);
    }
  });

  it('reads each property once: a getter small when measured and huge when cloned sends what was measured', () => {
    let reads = 0;
    const meta = {
      get note() {
        reads++;
        return reads === 1 ? 'small' : 'x'.repeat(100 * 1024 * 1024);
      },
    };
    const copied = copyAnswer(frame({ meta }));
    expect(reads).toBe(1);
    expect(copied.ok).toBe(true);
    if (copied.ok) {
      expect((copied.copy as ReturnType<typeof frame>).responses.A.frames[0].schema).toMatchObject({ meta: { note: 'small' } });
      // What is posted is the copy: cloning it runs no getter and gives the same size again.
      expect(measureOutput(structuredClone(copied.copy))).toMatchObject({ ok: true, bytes: copied.bytes });
      expect(reads).toBe(1);
    }
  });

  it('does not copy a property an array holds besides its items, so a 120 MB string there never leaves', () => {
    const values = Object.assign([1, 2, 3], { hidden: 'x'.repeat(120 * 1024 * 1024) });
    const copied = copyAnswer(frame({}, values));
    expect(copied.ok).toBe(true);
    if (copied.ok) {
      const column = (copied.copy as { responses: { A: { frames: { data: { values: unknown[][] } }[] } } }).responses.A.frames[0].data.values[0];
      expect(column).toEqual([1, 2, 3]);
      expect(Object.keys(column)).toEqual(['0', '1', '2']);
      expect(copied.bytes).toBeLessThan(1000);
    }
  });

  it.each([
    ['a Map', new Map([['k', 'x'.repeat(1000)]]), /schema\.meta\.custom is a Map/],
    ['a Set', new Set([1, 2]), /schema\.meta\.custom is a Set/],
    ['a function', () => 1, /schema\.meta\.custom is a function/],
    ['a symbol', Symbol('s'), /schema\.meta\.custom is a symbol/],
  ])('refuses %s in meta, naming where it is', (_name, custom, message) => {
    const copied = copyAnswer(frame({ meta: { custom } }));
    expect(copied).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringMatching(message) } });
    if (!copied.ok) expect(copied.error.message).toMatch(/^The handler's answer cannot be sent to the page: responses\.A\.frames\[0\]/);
  });

  it('counts a Map the host receives (a forged message), entry by entry', () => {
    const map = new Map<number, string>();
    for (let i = 0; i < 10; i++) map.set(i, 'x'.repeat(5 * 1024 * 1024));
    expect(measureOutput({ meta: map })).toEqual({ ok: false, reason: expect.stringContaining('larger than 32 MB') });
    const small = { maxBytes: 1024 * 1024, maxValues: 100, maxDepth: 8 };
    expect(measureOutput({ meta: new Set(Array.from({ length: 200 }, (_, i) => i)) }, small)).toEqual({ ok: false, reason: expect.stringContaining('more than 100 values') });
  });

  it('counts what a short array holds besides its items when the host measures it', () => {
    expect(measureOutput({ values: Object.assign([1], { hidden: 'x'.repeat(40 * 1024 * 1024) }) }).ok).toBe(false);
  });

  it('reports a getter that throws as what it is, with its path, not as a time limit', () => {
    const meta = {
      get custom(): unknown {
        throw new Error('gotcha');
      },
    };
    expect(copyAnswer(frame({ meta }))).toEqual({
      ok: false,
      error: { kind: 'runtime', message: expect.stringMatching(/^Reading responses\.A\.frames\[0\]\.schema\.meta\.custom of the handler's answer threw: Error: gotcha\./) },
    });
  });

  it('reports a Proxy whose traps throw, and one whose thrown value is itself hostile', () => {
    const hostile = new Proxy({}, { get() { throw new Error('no'); } });
    const trap = new Proxy({}, { ownKeys() { throw hostile; } });
    expect(copyAnswer(frame({ meta: trap }))).toMatchObject({ ok: false, error: { kind: 'runtime', message: expect.stringContaining('Reading responses.A.frames[0].schema.meta of the handler') } });
  });

  it('copies a typed-array view as exactly its items, not the buffer behind it', () => {
    const big = new ArrayBuffer(64 * 1024 * 1024);
    const view = new Float64Array(big, 8, 4);
    view.set([1, 2, 3, 4]);
    const copied = copyAnswer(frame({}, view));
    expect(copied.ok).toBe(true);
    if (copied.ok) {
      const column = (copied.copy as { responses: { A: { frames: { data: { values: Float64Array[] } }[] } } }).responses.A.frames[0].data.values[0];
      expect([...column]).toEqual([1, 2, 3, 4]);
      expect(column.buffer.byteLength).toBe(32);
    }
  });

  it('keeps the limits of measureOutput: size, values, depth and cycles', () => {
    expect(copyAnswer({ v: ['x'.repeat(40 * 1024 * 1024)] })).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringContaining('larger than 32 MB') } });
    expect(copyAnswer({ v: new Array(50_000_000) })).toMatchObject({ ok: false, error: { message: expect.stringContaining('more than 4,000,000 values') } });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(copyAnswer({ v: circular })).toMatchObject({ ok: false, error: { message: expect.stringContaining('circular reference') } });
  });

  it('cannot be fooled by replacing Object.keys, Array.isArray or Map.prototype.size after it loaded', () => {
    const keys = Object.keys;
    const isArray = Array.isArray;
    const size = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!;
    try {
      Object.keys = () => [];
      Array.isArray = ((_: unknown) => false) as typeof Array.isArray;
      Object.defineProperty(Map.prototype, 'size', { get: () => 0, configurable: true });
      expect(copyAnswer({ big: 'x'.repeat(40 * 1024 * 1024) }).ok).toBe(false);
      expect(copyAnswer({ m: new Map([[1, 2]]) }).ok).toBe(false);
    } finally {
      Object.keys = keys;
      Array.isArray = isArray;
      Object.defineProperty(Map.prototype, 'size', size);
    }
  });
});
