import { describe, expect, it } from 'vitest';
import { drawRange } from './index';
import { T0 } from './test-fixtures';

describe('drawRange', () => {
  it('uses the requested range when data falls in it, else the data with a note', () => {
    expect(drawRange({ from: 0, to: 10 }, { from: 5, to: 6 })).toEqual({ from: 0, to: 10 });
    expect(drawRange({ from: 0, to: 10 }, { from: 50, to: 60 })).toMatchObject({ from: 50, to: 60, note: expect.stringMatching(/outside/) });
    expect(drawRange(undefined, { from: T0, to: T0 })).toEqual({ from: T0 - 60_000, to: T0 + 60_000 });
  });
});
