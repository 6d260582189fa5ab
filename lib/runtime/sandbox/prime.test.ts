import { describe, expect, it } from 'vitest';
import { PRIME_LIMITS } from '../protocol';
import { cachedTranspile } from '../transpile';
import { primeTranspiles } from './prime';

const unique = () => `// ${Math.random()}\n`;

describe('primeTranspiles', () => {
  it('transpiles the code files into the cache and skips the rest', () => {
    const files = { 'handler.ts': `${unique()}export const a: number = 1;`, 'util.js': `${unique()}export const b = 2;`, 'README.md': '# not code', 'lab.json': '{}' };
    expect(primeTranspiles(files)).toEqual(['handler.ts', 'util.js']);
    expect(cachedTranspile('handler.ts', files['handler.ts'])).toMatchObject({ ok: true, code: expect.stringContaining('exports.a = a') });
    expect(cachedTranspile('util.js', files['util.js'])).toMatchObject({ ok: true });
    expect(cachedTranspile('README.md', files['README.md'])).toBeUndefined();
  });

  it('caches a file that does not parse as its syntax error, with the line', () => {
    const text = `${unique()}export const x = ;`;
    primeTranspiles({ 'broken.ts': text });
    expect(cachedTranspile('broken.ts', text)).toMatchObject({ ok: false, error: { kind: 'syntax', file: 'broken.ts', line: 2 } });
  });

  it('stops at the limits: file count and total length', () => {
    const many = Object.fromEntries(Array.from({ length: PRIME_LIMITS.files + 5 }, (_, i) => [`f${i}.ts`, `${unique()}export {};`]));
    expect(primeTranspiles(many)).toHaveLength(PRIME_LIMITS.files);
    const big = { 'a.ts': `${unique()}${' '.repeat(PRIME_LIMITS.chars - 100)}`, 'b.ts': `${unique()}${' '.repeat(200)}` };
    expect(primeTranspiles(big)).toEqual(['a.ts']);
  });

  it('takes junk without throwing', () => {
    for (const junk of [null, undefined, 42, 'handler.ts', ['x.ts'], { 'x.ts': 42 }]) expect(() => primeTranspiles(junk)).not.toThrow();
    expect(primeTranspiles({ 'x.ts': 42, 'y.ts': null })).toEqual([]);
  });
});
