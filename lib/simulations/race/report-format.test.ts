import { describe, expect, it } from 'vitest';
import { formatDeadlock, formatPanic, formatRaceReport, formatRaceSummary } from './report-format';
import { fakeAddress, fakeOffset, MAIN_FILE, type RaceReport, type StackFrame } from './report-types';

const frame = (func: string, line: number): StackFrame => ({ func, file: MAIN_FILE, line, offset: '+0x3c' });

describe('report format', () => {
  it('prints a race between two goroutines as Go does, main goroutine without a created-at section', () => {
    const report: RaceReport = {
      variable: 'counter',
      address: '0x00c000012118',
      current: { op: 'write', atomic: false, goroutine: 7, stack: [frame('main.main.func1', 12)], createdAt: [frame('main.main', 10)], status: 'running', step: 40 },
      previous: { op: 'read', atomic: false, goroutine: 1, stack: [frame('main.main', 15)], status: 'running', step: 31 },
      lines: [12, 15],
      step: 40,
    };
    expect(formatRaceReport(report)).toEqual([
      '==================',
      'WARNING: DATA RACE',
      'Write at 0x00c000012118 by goroutine 7:',
      '  main.main.func1()',
      '      /tmp/race/main.go:12 +0x3c',
      '',
      'Previous read at 0x00c000012118 by main goroutine:',
      '  main.main()',
      '      /tmp/race/main.go:15 +0x3c',
      '',
      'Goroutine 7 (running) created at:',
      '  main.main()',
      '      /tmp/race/main.go:10 +0x3c',
      '==================',
    ]);
  });

  it('labels atomic accesses as TSan does', () => {
    const side = { atomic: true, goroutine: 6, stack: [frame('main.main.func1', 9)], createdAt: [frame('main.main', 8)], status: 'finished' as const, step: 1 };
    const lines = formatRaceReport({ variable: 'n', address: '0x1', current: { ...side, op: 'read', atomic: false, goroutine: 1, createdAt: undefined }, previous: { ...side, op: 'write' }, lines: [9, 9], step: 1 });
    expect(lines).toContain('Previous atomic write at 0x1 by goroutine 6:');
    expect(lines).toContain('Goroutine 6 (finished) created at:');
  });

  it('prints the deadlock crash with wait reasons and created-by lines', () => {
    const out = formatDeadlock(
      { message: 'fatal error: all goroutines are asleep - deadlock!', goroutines: [{ goroutine: 1, state: 'chan receive', stack: [frame('main.main', 9)] }, { goroutine: 6, state: 'sync.Mutex.Lock', stack: [frame('main.main.func1', 14)] }] },
      new Map([[6, { stack: [frame('main.main', 12)], parent: 1 }]]),
    );
    expect(out).toEqual([
      'fatal error: all goroutines are asleep - deadlock!',
      '',
      'goroutine 1 [chan receive]:',
      'main.main()',
      '\t/tmp/race/main.go:9 +0x3c',
      '',
      'goroutine 6 [sync.Mutex.Lock]:',
      'main.main.func1()',
      '\t/tmp/race/main.go:14 +0x3c',
      'created by main.main in goroutine 1',
      '\t/tmp/race/main.go:12 +0x3c',
      'exit status 2',
    ]);
  });

  it('prints panics and the race summary', () => {
    expect(formatPanic('panic: boom', 1, [frame('main.main', 4)])).toEqual(['panic: boom', '', 'goroutine 1 [running]:', 'main.main()', '\t/tmp/race/main.go:4 +0x3c', 'exit status 2']);
    expect(formatRaceSummary(2)).toEqual(['Found 2 data race(s)', 'exit status 66']);
    expect(formatRaceSummary(0)).toEqual([]);
  });

  it('derives addresses and offsets deterministically, in Go’s shapes', () => {
    expect(fakeAddress('counter', 8, 3)).toBe(fakeAddress('counter', 8, 3));
    expect(fakeAddress('counter', 8, 3)).toMatch(/^0x00c000[0-9a-f]{6}$/);
    expect(fakeAddress('counter', 8, 3, true)).toMatch(/^0x0000006[0-9a-f]{5}$/);
    expect(fakeOffset('main.main', 12)).toMatch(/^\+0x[0-9a-f]{2,3}$/);
    expect(fakeOffset('main.main', 12)).not.toBe(fakeOffset('main.main', 13));
  });
});
