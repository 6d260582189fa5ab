import { describe, expect, it } from 'vitest';
import { parseRaceIndex, parseRecorded } from './content';
import { runProgram, runSeeds, verifyFix } from './lab';
import { RULE } from './report-format';
import { INDEX, readContent, readSource } from './test-content';

const SEEDS = [1, 2, 3, 7, 11, 42, 99, 1234];
const program = (id: string) => INDEX.programs.find((p) => p.id === id)!;
const source = (id: string) => readSource(program(id).file);

describe('content/race index', () => {
  it('is valid and lists the eight programs and four fixes', () => {
    expect(INDEX.programs.map((p) => p.id)).toEqual(['counter', 'map-range', 'cache-mutex', 'publish-channel', 'sleep-handoff', 'check-then-act', 'lock-order', 'untested-path']);
    expect(INDEX.programs.filter((p) => p.toFix).map((p) => p.id)).toEqual(['counter', 'map-range']);
    expect(INDEX.fixes).toHaveLength(4);
  });

  it('rejects an index whose program says Go flags it but whose model outcome is not a race, naming it', () => {
    const bad = structuredClone(INDEX);
    bad.programs[0].modelOutcome = 'clean';
    expect(() => parseRaceIndex(bad)).toThrow(/program counter: goFlagsIt and modelOutcome disagree/);
  });
});

describe.each(INDEX.programs.map((p) => [p.id, p] as const))('program %s', (id, p) => {
  it(`the detector ${p.goFlagsIt ? 'flags it' : 'stays silent'} as Go's does, under several seeds`, () => {
    const results = SEEDS.map((seed) => runProgram(source(id), { seed }));
    for (const r of results) expect(r.parseError).toBeUndefined();
    const flagged = results.filter((r) => r.report.length > 0).length;
    if (p.goFlagsIt) expect(flagged).toBeGreaterThan(0);
    else expect(flagged).toBe(0);
  });

  it('starts the goroutines the index says', () => {
    const r = runProgram(source(id), { seed: 5 });
    expect(r.goroutines.length - 1).toBeGreaterThanOrEqual(p.minGoroutines);
  });

  it('is deterministic: the same seed gives the same interleaving, output and report', () => {
    const a = runProgram(source(id), { seed: 17 });
    const b = runProgram(source(id), { seed: 17 });
    expect(b.interleaving).toEqual(a.interleaving);
    expect(b.transcript).toEqual(a.transcript);
  });
});

describe('what -race catches', () => {
  it.each(['counter', 'map-range', 'sleep-handoff'])('%s: every report names the two racing lines', (id) => {
    const sweep = runSeeds(source(id), { runs: 20 });
    expect(sweep.racySeeds.length).toBeGreaterThan(0);
    const [a, b] = program(id).raceLines!;
    for (const pair of sweep.raceLines) expect([`${a}/${b}`, `${b}/${a}`]).toContain(pair);
  });

  it('counter: a racy run can still print the right total, and often does not', () => {
    const sweep = runSeeds(source('counter'), { runs: 20 });
    expect(sweep.racySeeds).toHaveLength(20);
    expect(sweep.outputs.some((o) => o.output !== 'counter: 200')).toBe(true);
  });

  it('map-range: a map write races with a range in another goroutine, with runtime map frames on top', () => {
    const r = SEEDS.map((seed) => runProgram(source('map-range'), { seed })).find((x) => x.report.length)!;
    const frames = [r.report[0].current.stack[0].func, r.report[0].previous.stack[0].func].sort();
    expect(frames[0]).toMatch(/^runtime\.mapassign_faststr$|^runtime\.mapiter(init|next)$/);
    expect(frames.some((f) => f === 'runtime.mapassign_faststr')).toBe(true);
    expect(r.exitCode).toBe(66);
  });
});

describe('sleep is not synchronisation', () => {
  it('sleep-handoff: right output under every seed, and a race under every seed', () => {
    const sweep = runSeeds(source('sleep-handoff'), { runs: 20 });
    expect(sweep.racySeeds).toHaveLength(20);
    expect(sweep.outputs.map((o) => o.output)).toEqual(['status: loaded']);
  });
});

describe('what -race does not catch', () => {
  it('check-then-act: some seed loses money without any report', () => {
    const sweep = runSeeds(source('check-then-act'), { runs: 50 });
    expect(sweep.racySeeds).toEqual([]);
    const wrong = sweep.outputs.find((o) => o.output === 'balance: -60');
    expect(wrong?.seeds.length).toBeGreaterThan(0);
    expect(sweep.outputs.find((o) => o.output === 'balance: 20')?.seeds.length).toBeGreaterThan(0);
  });

  it('lock-order: deadlocks, reported the way the Go runtime reports it, with no race', () => {
    const sweep = runSeeds(source('lock-order'), { runs: 20 });
    expect(sweep.deadlockSeeds.length).toBeGreaterThan(0);
    expect(sweep.racySeeds).toEqual([]);
    const r = runProgram(source('lock-order'), { seed: sweep.deadlockSeeds[0] });
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(2);
    const err = r.transcript.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(err[0]).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(err).toContain('goroutine 1 [sync.WaitGroup.Wait]:');
    expect(r.deadlock!.goroutines.filter((g) => g.state === 'sync.Mutex.Lock').map((g) => g.stack[0].line).sort()).toEqual([21, 30]);
  });

  it('untested-path: the racy function never runs, so 50 schedules stay silent', () => {
    const sweep = runSeeds(source('untested-path'), { runs: 50 });
    expect(sweep.summary).toBe('race-free under all 50 schedules');
    expect(sweep.outputs).toEqual([{ output: 'hits: 3', seeds: expect.any(Array) }]);
  });
});

describe('the reference fixes', () => {
  it.each(INDEX.fixes.map((f) => [f.id, f] as const))('%s is race-free and right under 50 seeds', (_id, fix) => {
    const target = program(fix.fixes);
    const fixed = readSource(fix.file);
    const result = verifyFix(fixed, { outputs: target.expectedOutputs, minGoroutines: target.minGoroutines });
    expect(result.message).toBe('Race-free and correct under all 50 schedules.');
    expect(result.pass).toBe(true);
  });

  it('verifyFix rejects removing the go statement, and a fix that is still racy', () => {
    const target = program('counter');
    const serial = source('counter').replace('go func() {', 'func() {');
    const r1 = verifyFix(serial, { outputs: target.expectedOutputs, minGoroutines: 2, runs: 5 });
    expect(r1.pass).toBe(false);
    expect(r1.message).toMatch(/Only 0 goroutine\(s\) started/);
    const r2 = verifyFix(source('counter'), { outputs: target.expectedOutputs, minGoroutines: 2, runs: 5 });
    expect(r2.message).toMatch(/^Still racy: the detector reported a race under 5 of 5 schedules/);
  });
});

const RECORDED = parseRecorded(JSON.parse(readContent('recorded.json')));

describe('content/race/recorded.json: real runs of the Go race detector', () => {
  it.each(INDEX.programs.map((p) => [p.id, p] as const))("%s was recorded exactly as it is in the lab's starter, and real Go agrees with goFlagsIt", (id, p) => {
    const rec = RECORDED.programs[id];
    expect(rec, `no recording of ${id}: run node content/race/record.mjs where Go is installed`).toBeDefined();
    expect(rec.source).toBe(source(id));
    if (p.goFlagsIt) expect(rec.sweep.flagged).toBe(rec.sweep.runs);
    else expect(rec.sweep.flagged).toBe(0);
    expect(rec.race.transcript.includes('WARNING: DATA RACE')).toBe(p.goFlagsIt);
  });

  it('recorded/<id>.txt shows the same -race transcript, for reading', () => {
    for (const p of INDEX.programs) expect(readContent(`recorded/${p.id}.txt`)).toContain(RECORDED.programs[p.id].race.transcript);
  });

  it('lock-order: under -race the deadlocked program hangs instead of being reported, without -race the runtime reports it', () => {
    const rec = RECORDED.programs['lock-order'];
    expect(rec.sweep.hung).toBeGreaterThan(0);
    expect(rec.plain.transcript).toMatch(/^fatal error: all goroutines are asleep - deadlock!/);
  });
});

/**
 * Addresses, PC offsets, goroutine numbers and status, and where Go is installed differ
 * from run to run and machine to machine. (Which goroutine gets there first differs too:
 * Go's scheduler runs the newest goroutine first and for long slices, the model explores
 * interleavings at random, so the goroutine numbers are not compared.)
 */
function normalise(lines: string[]): string[] {
  return lines
    .map((l) => l.replace(/0x[0-9a-f]{12}/g, 'ADDR').replace(/\+0x[0-9a-f]+/g, '+OFF').replace(/\((running|finished)\)/, '(STATUS)').replace(/oroutine \d+/g, 'oroutine N'))
    .map((l) => l.replace(/\/\S+\/src\/runtime\//, 'GOROOT/src/runtime/'));
}

describe('the model prints what the real detector printed', () => {
  it.each(INDEX.programs.filter((p) => p.goFlagsIt).map((p) => [p.id, p] as const))('%s: some schedule prints exactly the recorded race report', (id) => {
    const recorded = normalise(RECORDED.programs[id].race.transcript.trimEnd().split('\n'));
    const report = (x: string[]) => x.slice(x.indexOf(RULE), x.lastIndexOf(RULE) + 1);
    let match = false;
    for (let seed = 1; seed <= 50 && !match; seed++) {
      const shown = normalise(runProgram(source(id), { seed }).transcript.map((l) => l.text));
      match = JSON.stringify(report(shown)) === JSON.stringify(report(recorded));
    }
    expect(match).toBe(true);
  });
});
