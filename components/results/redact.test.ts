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

  it('leaves text alone when there is no secret in it', () => {
    expect(redactText('nothing here', ['s3cr3t'])).toBe('nothing here');
  });
});
