import { describe, expect, it } from 'vitest';
import { findSecretForm, normalizeText, redactHeaders, redactText, REDACTED, secretForms, secretMasker } from './redact';

describe('redact', () => {
  it('hides credential headers but keeps the scheme', () => {
    expect(redactHeaders([['Authorization', 'Bearer abc123xyz'], ['Accept', 'application/json']], [])).toEqual([
      ['Authorization', `Bearer ${REDACTED}`],
      ['Accept', 'application/json'],
    ]);
  });

  it('hides a known secret wherever it appears, also URL-encoded', () => {
    expect(redactText('https://x.test/?key=s3cr3t%2Fkey&k2=s3cr3t/key', ['s3cr3t/key'])).toBe(`https://x.test/?key=${REDACTED}&k2=${REDACTED}`);
  });

  it('hides a secret sent as a query parameter, however it was encoded', () => {
    const secret = "k3y with spaces+plus/slash'*";
    const url = `https://x.test/api?${new URLSearchParams({ api_key: secret, q: 'up' })}`;
    expect(redactText(url, [secret])).toBe(`https://x.test/api?api_key=${REDACTED}&q=up`);
    expect(redactText(`https://x.test/api?api_key=${encodeURIComponent(secret)}`, [secret])).toBe(`https://x.test/api?api_key=${REDACTED}`);
  });

  it('hides an API key header however it is named, and the key in other headers', () => {
    expect(redactHeaders([['X-API-Key', 'lab-key-123'], ['X-Debug', 'sent lab-key-123']], ['lab-key-123'])).toEqual([
      ['X-API-Key', REDACTED],
      ['X-Debug', `sent ${REDACTED}`],
    ]);
  });

  it('leaves text alone when there is no secret in it', () => {
    expect(redactText('nothing here', ['s3cr3t'])).toBe('nothing here');
  });

  it('masks every form the secret check knows, and reports each by name', () => {
    const key = 'lab-metrics-key-7f3a9c21';
    const forms: Record<string, string> = {
      'as is': key,
      'URL-encoded': encodeURIComponent('k/' + key),
      base64: Buffer.from(`admin:${key}`).toString('base64'),
      hex: Buffer.from(key).toString('hex').toUpperCase(),
      reversed: [...key].reverse().join(''),
      'upper-cased': key.toUpperCase(),
      'zero-width': [...key].join('\u200D'),
    };
    for (const [encoding, text] of Object.entries(forms)) {
      const masked = redactText(`before ${text} after`, [key]);
      expect(masked, encoding).toContain(REDACTED);
      expect(findSecretForm(masked, secretForms(key)), encoding).toBeUndefined();
    }
    expect(findSecretForm([...key].join('\u200B'), secretForms(key))?.encoding).toBe('zero-width');
    expect(findSecretForm(key.toUpperCase(), secretForms(key))?.encoding).toBe('upper-cased');
  });
});

describe('redact: disguised keys (attack: a key the Logs tab showed because a plain search missed it)', () => {
  const key = 'lab-metrics-key-7f3a9c21';
  const fullWidth = (t: string) => [...t].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');
  const bold = (t: string) => [...t].map((c) => (c >= 'a' && c <= 'z' ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c)).join('');
  const between = (t: string, gap: string) => [...t].join(gap);
  // Each written by hand, independent of lib/redact: what a handler might log.
  const disguised: Record<string, { text: string; encoding: string }> = {
    'upper-cased': { text: key.toUpperCase(), encoding: 'upper-cased' },
    'mixed case': { text: 'LaB-MeTrIcS-KeY-7F3A9C21', encoding: 'upper-cased' },
    'zero-width space': { text: between(key, '\u200B'), encoding: 'zero-width' },
    'upper-cased with zero-width joiners': { text: between(key.toUpperCase(), '\u200D'), encoding: 'zero-width' },
    'word joiner and soft hyphen': { text: between(key, '\u2060\u00AD'), encoding: 'zero-width' },
    'invisible operators (U+2061..2064)': { text: between(key, '\u2062'), encoding: 'zero-width' },
    'Mongolian vowel separator': { text: between(key, '\u180E'), encoding: 'zero-width' },
    'combining grapheme joiner': { text: between(key, '\u034F'), encoding: 'zero-width' },
    'variation selectors': { text: between(key, '\uFE0F'), encoding: 'zero-width' },
    'bidi controls': { text: between(key, '\u202A\u202C'), encoding: 'zero-width' },
    'tag characters': { text: between(key, '\u{E0020}'), encoding: 'zero-width' },
    'control characters': { text: between(key, '\u0001'), encoding: 'zero-width' },
    'Hangul filler': { text: between(key, '\u3164'), encoding: 'zero-width' },
    'full-width letters': { text: fullWidth(key), encoding: 'look-alike' },
    'full-width and upper-cased': { text: fullWidth(key.toUpperCase()), encoding: 'look-alike' },
    'mathematical bold letters': { text: bold(key), encoding: 'look-alike' },
    'Kelvin sign for K, upper-cased': { text: key.toUpperCase().replace('K', '\u212A'), encoding: 'look-alike' },
    'full-width with zero-width spaces': { text: between(fullWidth(key), '\u200B'), encoding: 'zero-width' },
  };

  for (const [name, { text, encoding }] of Object.entries(disguised)) {
    it(`finds and masks the key written ${name}`, () => {
      expect(findSecretForm(`log: ${text} end`, secretForms(key))?.encoding).toBe(encoding);
      const masked = redactText(`log: ${text} end`, [key]);
      expect(masked).toBe(`log: ${REDACTED} end`);
      expect(findSecretForm(masked, secretForms(key))).toBeUndefined();
    });
  }

  it('masks every disguised copy in one text, and keeps the text around them', () => {
    const text = `a=${disguised['full-width letters'].text}; b=${disguised['zero-width space'].text}; c=${key}; d=ok`;
    expect(secretMasker([key])(text)).toBe(`a=${REDACTED}; b=${REDACTED}; c=${REDACTED}; d=ok`);
  });

  it('finds encoded forms with invisible characters inside them', () => {
    const b64 = Buffer.from(`admin:${key}`).toString('base64');
    expect(findSecretForm(between(b64, '\u200B'), secretForms(key))?.encoding).toBe('base64');
    expect(findSecretForm(between(Buffer.from(key).toString('hex'), '\u2060'), secretForms(key))?.encoding).toBe('hex');
    expect(redactText(`x ${between(b64, '\u200B')} y`, [key])).not.toContain(between(b64, '\u200B').slice(20, 60));
  });

  it('keeps base64 case-sensitive: the same letters in another case are another value', () => {
    const core = Buffer.from(`admin:${key}`).toString('base64').slice(8, 28);
    const swapped = [...core].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    expect(findSecretForm(`\u00e9 ${swapped}`, secretForms(key))).toBeUndefined();
  });

  it('leaves other text alone, accents and all', () => {
    const text = 'Größe: 12 µs — ﬁne ｔｅｘｔ, naïve café';
    expect(redactText(text, [key])).toBe(text);
  });

  it('normalises character by character and maps back to the original', () => {
    const n = normalizeText('Ａ\u200Bﬁ', true);
    expect(n.text).toBe('afi');
    expect(n.starts).toEqual([0, 2, 2]);
    expect(n.ends).toEqual([1, 3, 3]);
  });
});
