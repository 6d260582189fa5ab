import { describe, expect, it } from 'vitest';
import { parseJsonSafely } from './safe-json';

describe('parseJsonSafely', () => {
  it('parses ordinary JSON', () => {
    expect(parseJsonSafely('{"a":[1,{"b":"c"}]}')).toEqual({ ok: true, value: { a: [1, { b: 'c' }] } });
  });

  it.each(['{"__proto__":{"polluted":1}}', '{"labs":{"x":{"files":{"__proto__":{"polluted":1}}}}}', '[{"__proto__":1}]'])('refuses %s, naming the key', (text) => {
    const result = parseJsonSafely(text);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('"__proto__"') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps constructor, prototype and toString as ordinary entries', () => {
    const result = parseJsonSafely('{"labs":{"constructor":{"prototype":{"polluted":1}},"toString":1}}');
    expect(result.ok).toBe(true);
    const labs = (result as { value: { labs: Record<string, unknown> } }).value.labs;
    expect(Object.keys(labs)).toEqual(['constructor', 'toString']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof ({}).constructor).toBe('function');
  });

  it('says why text is not JSON', () => {
    expect(parseJsonSafely('{oops')).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });
});
