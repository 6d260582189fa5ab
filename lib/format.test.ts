import { describe, expect, it } from 'vitest';
import { formatBytes, plural } from './format';

describe('plural', () => {
  it('puts the noun in the number of the count, with thousands separated', () => {
    expect(plural(0, 'line')).toBe('0 lines');
    expect(plural(1, 'line')).toBe('1 line');
    expect(plural(1200, 'line')).toBe('1,200 lines');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });
});

describe('formatBytes', () => {
  it('picks B, KB or MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
