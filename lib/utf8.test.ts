import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8';

const encoded = (text: string) => new TextEncoder().encode(text).length;

describe('utf8Length', () => {
  it('counts as TextEncoder does: ASCII, 2- and 3-byte characters, surrogate pairs', () => {
    for (const text of ['', 'plain ASCII {"status":"success"}', 'café µs', '€ 温度 ✓', '🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'a\u0000b', 'x'.repeat(5000) + 'é']) {
      expect(utf8Length(text), text.slice(0, 20)).toBe(encoded(text));
    }
  });

  it('counts a long text whose only non-ASCII character is near its end', () => {
    for (const text of ['{"a":1}'.repeat(2000) + '\u00e9', 'x'.repeat(9999) + '\ud83d\ude42', 'x'.repeat(9999) + '\u007f']) expect(utf8Length(text)).toBe(encoded(text));
  });

  it('counts a lone surrogate as the replacement character TextEncoder writes (3 bytes)', () => {
    for (const text of ['\ud800', '\udc00', 'a\ud83dz', '\ud83d', 'end\ud83d', '\ude42start']) expect(utf8Length(text)).toBe(encoded(text));
  });
});
