import { describe, expect, it } from 'vitest';
import { formatWhen } from './format-time';

const AT = '2026-12-02T18:40:00.000Z';

describe('formatWhen', () => {
  it("follows the learner's locale: medium date, short time", () => {
    expect(formatWhen(AT, 'en-GB')).toMatch(/^2 Dec 2026, \d\d:\d\d$/);
    expect(formatWhen(AT, 'en-US')).toMatch(/^Dec 2, 2026, \d{1,2}:\d\d\s[AP]M$/);
    expect(formatWhen(AT, 'de-DE')).toMatch(/^02\.12\.2026, \d\d:\d\d$/);
  });

  it("uses the runtime's own locale when none is given", () => {
    expect(formatWhen(AT)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(AT)));
  });

  it('shows a dash for a missing or unreadable time', () => {
    expect(formatWhen(undefined)).toBe('—');
    expect(formatWhen('not a time')).toBe('—');
  });
});
