import { describe, expect, it } from 'vitest';
import { plainHover } from './hover';

describe('plainHover', () => {
  it('escapes every Markdown mark', () => {
    expect(plainHover('[x](javascript:alert(1)) <img src=x> **b**')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*\\*b\\*\\*');
  });
});
