/**
 * Which Week 2 code the Compose lab runs against its stack: the learner's saved work in
 * the two Week 2 labs that make the plugin's backend calls (the health check of
 * `week-2/health-check`, the query handler of `week-2/config-and-secret`, the first that
 * reads the data source's settings), or the course's reference solution of that lab when
 * nothing is saved. Each lab runs as it ran in Week 2: its own files, entry and time limit.
 *
 * The progress store keeps only the files a learner edited (a missing file is the
 * starter: lib/progress/schema.ts), so saved work is laid over the lab's starter.
 */
import { labRunSchema, type LabRun } from '../../../labs/schema';

/** One Week 2 lab as the build copies it (build-week2-reference.mjs). */
export interface Week2LabCode {
  /** e.g. `week-2/health-check`: the key of its saved work in the progress store. */
  labId: string;
  title: string;
  /** The file whose exports run (`checkHealth` or `queryData`). */
  entry: string;
  /** lab.json's `run`, as written (defaults filled in by `labRunSchema`). */
  run: unknown;
  starter: Record<string, string>;
  /** Every file, solved: the starter with the solution laid over it. */
  solution: Record<string, string>;
}

/** The two labs: `health` answers Save & test, `query` the dashboard's panels. */
export interface Week2Reference {
  health: Week2LabCode;
  query: Week2LabCode;
}

/** Whose code ran: the learner's saved work (and when it was last saved), or the course's reference. */
export type Week2Source = { kind: 'saved'; savedAt: string } | { kind: 'reference' };

/** What the results say about the code that ran. */
export interface Week2CodeInfo {
  labId: string;
  title: string;
  entry: string;
  source: Week2Source;
}

/** The code to run, with everything the sandbox needs. */
export interface Week2Code extends Week2CodeInfo {
  files: Record<string, string>;
  /** Time limit (`timeLimitMs`) and the shape of the requests (range, points, interval). */
  run: LabRun;
}

/** The part of a lab's saved progress this reads (lib/progress/schema.ts `labProgressSchema`). */
export interface SavedLabWork {
  /** Edited files by path; a missing file is the starter. */
  files?: Record<string, string>;
  /** When each file was last edited or reset, ISO. */
  fileTimes?: Record<string, string>;
  /** ISO time of the lab's last change. */
  updatedAt?: string;
}

/**
 * The code to run for one lab: the saved work laid over the starter when the learner
 * edited any of the lab's files, else the reference solution.
 */
export function pickWeek2Code(lab: Week2LabCode, saved: SavedLabWork | undefined): Week2Code {
  const run = labRunSchema.parse(lab.run);
  const base = { labId: lab.labId, title: lab.title, entry: lab.entry, run };
  const edited = Object.entries(saved?.files ?? {}).filter(([path]) => Object.hasOwn(lab.starter, path));
  if (!edited.length) return { ...base, files: lab.solution, source: { kind: 'reference' } };
  const times = edited.map(([path]) => saved?.fileTimes?.[path]).filter((t): t is string => typeof t === 'string');
  const savedAt = times.sort().at(-1) ?? saved?.updatedAt ?? '';
  return { ...base, files: { ...lab.starter, ...Object.fromEntries(edited) }, source: { kind: 'saved', savedAt } };
}

export function codeInfo({ labId, title, entry, source }: Week2Code): Week2CodeInfo {
  return { labId, title, entry, source };
}
