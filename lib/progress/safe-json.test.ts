import { describe, expect, it } from 'vitest';
import { parseJsonSafely } from './safe-json';

describe('parseJsonSafely', () => {
  it('parses ordinary JSON', () => {
    expect(parseJsonSafely('{"a":[1,{"b":"c"}]}')).toEqual({ ok: true, value: { a: [1, { b: 'c' }] } });
  });

  it.each(['{"__proto__":{"polluted":1}}', '{"labs":{"x":{"constructor":{"prototype":{"polluted":1}}}}}', '[{"prototype":1}]'])('refuses %s', (text) => {
    const result = parseJsonSafely(text);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/__proto__|constructor|prototype/) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says why text is not JSON', () => {
    expect(parseJsonSafely('{oops')).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });
});
