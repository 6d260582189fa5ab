import { describe, expect, it } from 'vitest';
import { calibrationWorkload } from './calibrate.mjs';
import { messagesPerRun, ratio, runLoopFloor } from './floors.mjs';

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

describe('messagesPerRun', () => {
  it('gives, each way and per type, the median of what each Run added, and the median of each Run’s sum', () => {
    const run = (before: number, fetches: number, logs: number) => ({
      before: { sent: { run: before, 'fetch-result': before }, received: { fetch: before, log: before } },
      after: { sent: { run: before + 5, 'fetch-result': before + fetches }, received: { fetch: before + fetches, log: before + logs } },
    });
    // Three Runs: 10, 12 and 30 upstream calls; logs 0, 2 and 2.
    const counts = messagesPerRun([run(0, 10, 0), run(100, 12, 2), run(200, 30, 2)]);
    expect(counts.sent).toEqual({ 'fetch-result': 12, run: 5, total: 17 });
    expect(counts.received).toEqual({ fetch: 12, log: 2, total: 14 });
  });

  it('counts a type first seen during a Run, and leaves out types no Run added to', () => {
    const counts = messagesPerRun([{ before: { sent: { run: 3 }, received: {} }, after: { sent: { run: 3 }, received: { done: 1 } } }]);
    expect(counts).toEqual({ sent: { total: 0 }, received: { done: 1, total: 1 } });
  });
});
