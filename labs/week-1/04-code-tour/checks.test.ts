/**
 * The rate-limit check accepts any wording a person reads as "wait N seconds", and
 * only that: a wait of another length, or none, is refused.
 */
import { describe, expect, it } from 'vitest';
import { mentionsWait } from './checks';

describe('mentionsWait', () => {
  it.each([
    'Try again in 7 seconds.',
    'Rate limited: retry in 7s',
    'Retry after 7 s (Retry-After: 7).',
    'Wait 7 sec and try again',
    'Please retry in 7000 ms.',
    'Retry-After: 7',
  ])('reads %j as a 7 second wait', (message) => {
    expect(mentionsWait(message, 7)).toBe(true);
  });

  it.each(['Try again in 2 minutes.', 'retry in 2m', 'retry in 2 min', 'Retry after 120 seconds', 'retry in 2m0s (as Go prints a time.Duration)'])('reads %j as a 120 second wait', (message) => {
    expect(mentionsWait(message, 120)).toBe(true);
  });

  it.each([
    'The metrics API answered with HTTP 429. Try again later.',
    'Try again in 17 seconds.',
    'Try again in 7 minutes.',
    'The limit resets every 7d.',
    'Try again in 2 seconds.',
    'Try again in null seconds.',
  ])('does not read %j as a 7 second wait', (message) => {
    expect(mentionsWait(message, 7)).toBe(false);
  });

  it('does not read 2 seconds as 2 minutes', () => {
    expect(mentionsWait('Try again in 2 seconds.', 120)).toBe(false);
  });
});
