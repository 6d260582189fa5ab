import { describe, expect, it } from 'vitest';
import { calibrationWorkload } from './calibrate.mjs';
import { ratio, runLoopFloor } from './floors.mjs';

describe('ratio', () => {
  it('divides the figure by its floor, two decimals', () => {
    expect(ratio(277, 2621)).toBe(0.11);
    expect(ratio(4904, 2621)).toBe(1.87);
  });

  it('is null when there is no figure or no floor to divide by', () => {
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(10, undefined)).toBeNull();
  });
});

describe('runLoopFloor', () => {
  it('is the round trip times the sandbox runs of one Run', () => {
    expect(runLoopFloor({ median: 0.05, p95: 0.06 }, 33, 400)).toEqual({ roundTripMs: 0.05, roundTripP95Ms: 0.06, runsPerRun: 33, floorMs: 1.65, ratio: 242.42 });
  });
});

describe('calibrationWorkload', () => {
  it('does the same work every time (same checksum)', () => {
    const a = calibrationWorkload();
    const b = calibrationWorkload();
    expect(a.checksum).toBe(b.checksum);
    expect(a.ms).toBeGreaterThan(0);
  });
});
