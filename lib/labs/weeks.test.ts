import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCapstones, loadWeeks, MAX_OUTCOMES, MIN_OUTCOMES, WeeksContentError } from './weeks';

const dir = mkdtempSync(join(tmpdir(), 'weeks-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const week = (number: number) => ({
  number,
  title: `Week ${number} title`,
  goal: 'A goal that fits on one line.',
  outcomes: ['First outcome', 'Second outcome', 'Third outcome'],
});
const VALID = [1, 2, 3, 4].map(week);

/** Writes `content` (an object, or raw text) to a fresh file and returns its path. */
function fixture(name: string, content: unknown): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function errorOf(path: string): WeeksContentError {
  try {
    loadWeeks(path);
  } catch (err) {
    expect(err).toBeInstanceOf(WeeksContentError);
    return err as WeeksContentError;
  }
  throw new Error(`loadWeeks(${path}) did not throw`);
}

describe('loadWeeks', () => {
  it('loads the real content/weeks.json: four weeks in order, each with a goal and 3-5 outcomes', () => {
    const weeks = loadWeeks();
    expect(weeks.map((w) => w.number)).toEqual([1, 2, 3, 4]);
    for (const w of weeks) {
      expect(w.goal).not.toContain('\n');
      expect(w.outcomes.length).toBeGreaterThanOrEqual(MIN_OUTCOMES);
      expect(w.outcomes.length).toBeLessThanOrEqual(MAX_OUTCOMES);
    }
  });

  it('loads a valid fixture as-is', () => {
    expect(loadWeeks(fixture('valid', VALID))).toEqual(VALID);
  });

  it('names the file and the field when a field is missing', () => {
    const broken = VALID.map((w) => (w.number === 2 ? { ...w, goal: undefined } : w));
    const path = fixture('no-goal', broken);
    const { message } = errorOf(path);
    expect(message).toContain(path);
    expect(message).toContain('[1].goal (week 2)');
    expect(message).toContain('weekSchema');
  });

  it('names the exact outcome that is empty', () => {
    const broken = VALID.map((w) => (w.number === 3 ? { ...w, outcomes: ['One', '', 'Three'] } : w));
    expect(errorOf(fixture('empty-outcome', broken)).message).toContain('[2].outcomes[1] (week 3): must not be empty');
  });

  it('rejects too few outcomes and weeks out of order', () => {
    const few = VALID.map((w) => (w.number === 1 ? { ...w, outcomes: ['Only one'] } : w));
    expect(errorOf(fixture('few', few)).message).toContain('[0].outcomes (week 1): needs at least 3 items');

    const swapped = [VALID[0], VALID[2], VALID[1], VALID[3]];
    expect(errorOf(fixture('swapped', swapped)).message).toMatch(/\[1\]\.number \(week 2\): is 3, .* must be 2/);
  });

  it('rejects a plan without exactly four weeks', () => {
    expect(errorOf(fixture('three', VALID.slice(0, 3))).message).toContain('(root): must list exactly 4 weeks');
  });

  it('says so when the file is not JSON or does not exist', () => {
    expect(errorOf(fixture('not-json', '[{ "number": 1,')).message).toMatch(/not-json\.json, \(file\): is not valid JSON/);
    expect(errorOf(join(dir, 'nowhere.json')).message).toMatch(/nowhere\.json, \(file\): is missing/);
  });
});

describe('loadCapstones', () => {
  const step = (lab: string | null) => ({ title: 'Capstone', goal: 'Pick one and finish it.', capstones: [{ letter: 'B', title: 'Release design', summary: 'A design and its workflows.', buildsOn: 'Week 3', lab }] });

  it('reads the real file, and every capstone lab it names exists', () => {
    const step = loadCapstones(['capstone/operable-datasource', 'capstone/release-design']);
    expect(step.capstones.map((c) => c.letter)).toEqual(['A', 'B']);
    expect(step.capstones.find((c) => c.letter === 'A')?.lab).toBe('capstone/operable-datasource');
  });

  it('refuses a capstone that links to a lab that does not exist, and a capstone lab it does not list', () => {
    expect(() => loadCapstones([], fixture('capstone-missing-lab', step('capstone/nope')))).toThrow(/capstones\[0\]\.lab: names capstone\/nope/);
    expect(() => loadCapstones(['capstone/other'], fixture('capstone-orphan', step(null)))).toThrow(/does not list the lab capstone\/other/);
  });
});
