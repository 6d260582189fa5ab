import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText, REDACTED } from './redact';

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
});
