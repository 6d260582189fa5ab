/**
 * The race lab's programs, bundled from content/race/index.json and validated with zod
 * on load (bad content fails the tests and the build, not a learner's Run): what each
 * teaches, its right outputs, how many goroutines it starts. Lab checks import this and
 * not catalogue.ts, so the recordings stay out of the checks' bundle.
 */
import indexJson from '../../../../content/race/index.json';
import { parseRaceIndex, type RaceProgram } from '../../../simulations/race/content';

export type { RaceProgram } from '../../../simulations/race/content';

export const RACE_INDEX = parseRaceIndex(indexJson);

/** `counter.go` or `starter/counter.go` → the program `counter`, if content/race has it. */
export function programForPath(path: string): RaceProgram | undefined {
  const id = path.replace(/^.*\//, '').replace(/\.go$/, '');
  return RACE_INDEX.programs.find((p) => p.id === id);
}

/** A program by id; throws naming the id when content/race has no such program. */
export function raceProgram(id: string): RaceProgram {
  const program = RACE_INDEX.programs.find((p) => p.id === id);
  if (!program) throw new Error(`content/race/index.json has no program "${id}" (it has ${RACE_INDEX.programs.map((p) => p.id).join(', ')})`);
  return program;
}
