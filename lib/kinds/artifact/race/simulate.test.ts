import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactRunRecordSchema } from '../record';
import { runArtifactEngine } from '../engine';
import { artifactMarkers } from '../markers';
import { raceResultSchema, type RaceResult } from './result';
import { simulateRace, STEP_LIMIT } from './simulate';

const STARTER = join(process.cwd(), 'labs/week-3/02-race-detector/starter');
const read = (file: string) => readFileSync(join(STARTER, file), 'utf8');
const FILES = ['counter.go', 'map-range.go', 'cache-mutex.go', 'publish-channel.go', 'sleep-handoff.go', 'check-then-act.go', 'lock-order.go', 'untested-path.go'];
const starter = Object.fromEntries(FILES.map((f) => [f, read(f)]));

function simulate(files: Record<string, string>, options = {}): RaceResult {
  const out = simulateRace(files, options, 1);
  expect(out.parse).toEqual({ ok: true, errors: [] });
  return raceResultSchema.parse(out.result);
}

describe('the race simulation over the lab starter', () => {
  const result = simulate(starter, { runs: 20 });
  const byPath = (path: string) => result.programs.find((p) => p.path === path)!;

  it('runs every Go file, in content/race order, with what each teaches', () => {
    expect(result.programs.map((p) => p.path)).toEqual(FILES);
    expect(byPath('counter.go')).toMatchObject({ id: 'counter', group: 'caught', minGoroutines: 2, expectedOutputs: ['counter: 200'] });
  });

  it('sweeps the schedules: the counter races under every one and often loses updates', () => {
    const sweep = byPath('counter.go').sweep!;
    expect(sweep.summary).toMatch(/^racy under 20 of 20 schedules; wrong result under \d+$/);
    expect(sweep.outcomes).toHaveLength(20);
    expect(sweep.outcomes.every((o) => o === 'race')).toBe(true);
    expect(sweep.raceLines).toEqual(['17/17']);
  });

  it('shows in detail the first schedule that went wrong, with both accesses and the whole interleaving', () => {
    const { detail } = byPath('counter.go');
    expect(detail.seed).toBe(1);
    const [race] = detail.report;
    expect(race.lines).toEqual([17, 17]);
    expect(race.current.goroutine).not.toBe(race.previous.goroutine);
    expect(race.previous.step).toBeLessThan(race.current.step);
    expect(detail.slices.reduce((n, [, steps]) => n + steps, 0)).toBe(detail.steps);
  });

  it('tells the bugs -race does not catch apart: a wrong result, a deadlock, a silent untested path', () => {
    expect(byPath('check-then-act.go').sweep).toMatchObject({ racySeeds: [], wrongSeeds: expect.arrayContaining([expect.any(Number)]) });
    expect(byPath('check-then-act.go').detail.output).toEqual(['balance: -60']);
    expect(byPath('lock-order.go').sweep!.outcomes.every((o) => o === 'deadlock')).toBe(true);
    expect(byPath('untested-path.go').sweep!.summary).toBe('race-free under all 20 schedules');
  });

  it('attaches the real recording, marked as recorded, while the file is unchanged', () => {
    const rec = byPath('counter.go').recorded!;
    expect(rec.provenance).toEqual({ kind: 'recorded', tool: 'go1.19.8 linux/amd64', basis: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(rec.sameSource).toBe(true);
    expect(rec.race.transcript).toContain('WARNING: DATA RACE');
    expect(result.note).toMatch(/^Simulated: Go does not run in the browser/);
    const edited = simulate({ 'counter.go': `${starter['counter.go']}// changed\n` }, { runs: 0 });
    expect(edited.programs[0].recorded!.sameSource).toBe(false);
  });
});

describe('options', () => {
  it('runs only the programs asked for, one seed, no sweep', () => {
    const result = simulate(starter, { programs: ['sleep-handoff.go'], seed: 7, runs: 0 });
    expect(result.programs.map((p) => [p.path, p.sweep, p.detail.seed])).toEqual([['sleep-handoff.go', null, 7]]);
    expect(result.programs[0].detail.report).toHaveLength(1);
  });

  it('stops a sweep at a program that never ends, instead of running it under every seed', () => {
    const spin = 'package main\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}\n';
    const result = simulate({ 'spin.go': spin }, { runs: 50 });
    expect(result.programs[0].sweep).toMatchObject({ runs: 1, stoppedAt: 1, outcomes: ['failed'] });
    expect(result.programs[0].detail.steps).toBe(STEP_LIMIT);
  });
});

describe('a program the model cannot run is an error at its line, never a crash', () => {
  it('a syntax error: parse fails naming the file, line and column, and the editor gets a marker', async () => {
    const broken = starter['counter.go'].replace('counter++', 'counter++ +');
    const record = await runArtifactEngine({ artifact: { simulation: 'race', file: 'counter.go', seed: 1 }, files: { ...starter, 'counter.go': broken } });
    expect(artifactRunRecordSchema.parse(record)).toBeTruthy();
    expect(record.simulation).toBeNull();
    expect(record.parse.ok).toBe(false);
    expect(record.parse.errors).toEqual([{ file: 'counter.go', line: 17, column: expect.any(Number), message: expect.any(String) }]);
    expect(record.parse.needs).toMatch(/Go programs that compile/);
    expect(artifactMarkers(record)).toEqual([expect.objectContaining({ path: 'counter.go', line: 17, severity: 'error' })]);
  });

  it('an undefined name, which Go would refuse to compile, is an error at its line too', () => {
    const out = simulateRace({ 'counter.go': starter['counter.go'].replace('counter++', 'mu.Lock()') }, { runs: 3 }, 1);
    expect(out.parse.ok).toBe(false);
    expect(out.parse.errors[0]).toMatchObject({ file: 'counter.go', line: 17, message: 'undefined: mu' });
  });

  it('a construct outside the model says so', () => {
    const out = simulateRace({ 'x.go': 'package main\n\nfunc main() {\n\tselect {}\n}\n' }, {}, 1);
    expect(out.parse.errors[0]).toMatchObject({ file: 'x.go', line: 4, message: expect.stringMatching(/not supported by this model/) });
  });
});

describe('the record crosses to the page whole', () => {
  it('a full Run validates against the record schema the page uses', async () => {
    const record = await runArtifactEngine({ artifact: { simulation: 'race', file: 'counter.go', seed: 1 }, files: starter, options: { runs: 5 } });
    expect(record.engineError).toBeUndefined();
    expect(artifactRunRecordSchema.safeParse(record).success).toBe(true);
  });
});
