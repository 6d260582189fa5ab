import { describe, expect, it } from 'vitest';
import { isTraceId, parseTraceParent, traceParentHeader } from './traceparent';

const GOOD = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('parseTraceParent', () => {
  it('reads a well-formed header', () => {
    expect(parseTraceParent(GOOD)).toEqual({ ok: true, value: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7', flags: 1, sampled: true } });
    expect(parseTraceParent(GOOD.replace(/01$/, '00'))).toMatchObject({ ok: true, value: { sampled: false } });
  });

  it.each([
    ['missing', undefined],
    ['three parts', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7'],
    ['another version', GOOD.replace(/^00/, '01')],
    ['upper case', GOOD.toUpperCase()],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['uuid with dashes', '00-4bf92f35-77b3-4da6-a3ce-929d0e0e4736-00f067aa0ba902b7-01'],
    ['zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['zero parent id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['one-digit flags', GOOD.replace(/01$/, '1')],
    ['non-hex flags', GOOD.replace(/01$/, 'zz')],
    ['trailing space', `${GOOD} `],
  ])('refuses %s', (_, header) => {
    const result = parseTraceParent(header);
    expect(result.ok).toBe(false);
  });

  it('says what is wrong without repeating the value', () => {
    const result = parseTraceParent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('all zeros') });
  });
});

describe('isTraceId and traceParentHeader', () => {
  it('accepts 32 lowercase hex digits, not all zero', () => {
    expect(isTraceId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(true);
    expect(isTraceId('0'.repeat(32))).toBe(false);
    expect(isTraceId(42)).toBe(false);
  });
  it('finds the header whatever its case', () => {
    expect(traceParentHeader([['Authorization', 'x'], ['Traceparent', GOOD]])).toBe(GOOD);
    expect(traceParentHeader([])).toBeUndefined();
  });
});
