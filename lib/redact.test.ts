import { describe, expect, it } from 'vitest';
import { findSecretForm, redactHeaders, redactText, REDACTED, secretForms } from './redact';

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
