import { describe, expect, it } from 'vitest';
import { elapsedAt, formatClock, pauseTimer, spokenDuration, startTimer, STOPPED_TIMER, timerMilestone } from './timer';

describe('practice timer', () => {
  it('banks time across start and pause, and counts nothing while paused', () => {
    let t = startTimer(STOPPED_TIMER, 1_000);
    expect(elapsedAt(t, 4_000)).toBe(3_000);
    t = pauseTimer(t, 4_000);
    expect(t).toEqual({ elapsedMs: 3_000 });
    expect(elapsedAt(t, 100_000)).toBe(3_000);
    t = startTimer(t, 200_000);
    expect(elapsedAt(t, 201_500)).toBe(4_500);
  });

  it('ignores a second start or pause, and a clock that went backwards', () => {
    const t = startTimer(STOPPED_TIMER, 1_000);
    expect(startTimer(t, 5_000)).toBe(t);
    expect(pauseTimer(STOPPED_TIMER, 5_000)).toBe(STOPPED_TIMER);
    expect(elapsedAt(t, 500)).toBe(0);
  });

  it('formats for eyes and for ears', () => {
    expect(formatClock(7_400)).toBe('0:07');
    expect(formatClock(725_000)).toBe('12:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(spokenDuration(185_000)).toBe('3 minutes 5 seconds');
    expect(spokenDuration(60_000)).toBe('1 minute');
    expect(spokenDuration(0)).toBe('0 seconds');
  });

  it('announces only the milestones a tick crosses', () => {
    const limit = 20 * 60_000;
    expect(timerMilestone(0, 1_000, limit)).toBeUndefined();
    expect(timerMilestone(599_500, 600_500, limit)).toBe('Halfway: 10 minutes left.');
    expect(timerMilestone(1_139_000, 1_140_000, limit)).toBe('One minute left.');
    expect(timerMilestone(1_199_900, 1_200_100, limit)).toMatch(/^Time is up/);
    expect(timerMilestone(1_499_000, 1_500_000, limit)).toBe('5 minutes over the suggested time.');
    expect(timerMilestone(1_500_000, 1_501_000, limit)).toBeUndefined();
    expect(timerMilestone(1_799_000, 1_800_000, limit)).toBe('10 minutes over the suggested time.');
    // Paused or rewound: nothing.
    expect(timerMilestone(600_500, 600_500, limit)).toBeUndefined();
  });
});
