/**
 * What the real Go race detector printed for the lab's programs: content/race/recorded.json,
 * written by content/race/record.mjs from real runs and validated with zod on load.
 */
import recordedJson from '../../../../content/race/recorded.json';
import { parseRecorded } from '../../../simulations/race/content';
import type { Recording } from './result';

export const RECORDED = parseRecorded(recordedJson);

/** The tool the recordings come from: "go1.19.8 linux/amd64". */
export const RECORDED_TOOL = `${RECORDED.tool.goVersion} ${RECORDED.tool.platform}`;

/** Trailing spaces and the final newline do not make another program. */
function sameProgram(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[ \t]+$/gm, '').trimEnd();
  return norm(a) === norm(b);
}

/** What real Go printed for the program `id`, and whether `source` is still exactly that program. */
export function recordingFor(id: string, source: string): Recording | null {
  const rec = RECORDED.programs[id];
  if (!rec) return null;
  return {
    provenance: { kind: 'recorded', tool: RECORDED_TOOL, basis: RECORDED.tool.recorded },
    sameSource: sameProgram(rec.source, source),
    race: rec.race,
    plain: rec.plain,
    test: rec.test,
    sweep: { ...rec.sweep, timeoutSeconds: RECORDED.tool.timeoutSeconds },
  };
}
