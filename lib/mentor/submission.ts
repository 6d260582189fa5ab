/**
 * A submission: one file per learner with what they did, for a mentor to review.
 * Per lab: the edited files, answers, run settings, the last Run's checks as the
 * learner saw them (a claim: the mentor's app re-runs the files, lib/mentor/rerun.ts),
 * the run history, when the solution was shown, resets, hints on screen and active
 * time. Exercises and interview questions add their files, results and attempts.
 *
 * The file carries a SHA-256 of its content (canonical JSON without the `hash` field)
 * so accidental damage (a truncated download, an editor that changed line endings) is
 * detected. Anyone can recompute it, so it proves nothing about honesty: re-running does.
 */
import { z } from 'zod';
import { dict, dictSchema, own } from '../progress/dict';
import { canonicalJson } from '../progress/merge';
import { labHistorySchema, PROGRESS_VERSION, type Progress } from '../progress/schema';
import { slug } from './assignment';
import { assignmentSchema, calendarDaySchema, itemIdSchema, type Assignment } from './assignment-schema';
import { localDay } from './days';
import { sha256Hex } from './encoding';
import { filePathSchema } from './feedback-schema';
import { MAX_NAME_CHARS, MAX_SUBMISSION_BYTES, refuseSize } from './limits';
import { isRecord, readUntrusted } from './untrusted';

export const SUBMISSION_FORMAT = 'datasource-lab-submission';

const iso = z.string().max(40);
const checkStatus = z.enum(['pass', 'fail', 'error']);
const atMost = (n: number, what: string) => (map: Record<string, unknown>) => Object.keys(map).length <= n || `more than ${n} ${what}`;

export const labWorkSchema = z.object({
  title: z.string().max(200).optional().describe("the lab's title in the learner's app"),
  files: dictSchema(filePathSchema, z.string().max(200_000)).refine(atMost(60, 'files')).default(() => ({})).describe('edited files by path; a file not listed is the starter'),
  answers: dictSchema(z.string().max(100), z.object({ choice: z.string().max(20), correct: z.boolean(), at: iso })).refine(atMost(200, 'answers')).default(() => ({})),
  queries: z.array(z.object({ refId: z.string().max(20), json: z.string().max(100_000) })).max(26).optional().describe('the queries Run sends, as edited'),
  scenarioId: z.string().max(50).optional(),
  rubric: dictSchema(z.string().max(60), z.boolean()).optional().describe('self-review ticks'),
  lastRun: z
    .object({ at: iso, passed: z.number().int().min(0), total: z.number().int().min(0), checks: dictSchema(z.string().max(200), checkStatus).refine(atMost(500, 'checks')), source: z.literal('import').optional() })
    .optional()
    .describe("the last Run's checks as the learner saw them: a claim, never trusted"),
  history: labHistorySchema.optional(),
  solutionShownAt: z.array(iso).max(50).default([]),
  resetAt: z.array(iso).max(50).default([]),
  hintsShown: z.array(z.string().max(200)).max(500).default([]),
  activeMs: z.number().min(0).max(1e11).default(0).describe('estimated active time, ms (lib/progress/lab-facts.ts)'),
  updatedAt: iso.optional(),
});
export type LabWork = z.infer<typeof labWorkSchema>;

export const exerciseWorkSchema = z.object({
  title: z.string().max(200).optional(),
  files: dictSchema(filePathSchema, z.string().max(200_000)).refine(atMost(60, 'files')).default(() => ({})),
  lastResult: z.object({ at: iso, passed: z.number().int().min(0), total: z.number().int().min(0), source: z.literal('import').optional() }).optional(),
  diagnosis: z.object({ choice: z.string().max(5), correct: z.boolean(), at: iso }).optional(),
});
export type ExerciseWork = z.infer<typeof exerciseWorkSchema>;

export const questionWorkSchema = z.object({
  title: z.string().max(200).optional(),
  attempts: z
    .array(z.object({ at: iso, score: z.number().int().min(1).max(5), hintsUsed: z.number().int().min(0).max(20).default(0), elapsedMs: z.number().min(0).default(0), mode: z.enum(['practice', 'mock']).default('practice') }))
    .max(50)
    .default([]),
});
export type QuestionWork = z.infer<typeof questionWorkSchema>;

export const submissionSchema = z.object({
  format: z.literal(SUBMISSION_FORMAT).describe('marks the JSON as a Datasource Lab submission'),
  version: z.literal(1),
  learner: z.string().trim().min(1, 'the learner’s name is empty').max(MAX_NAME_CHARS),
  createdAt: iso.describe('ISO time it was handed in'),
  localDay: calendarDaySchema.describe("the learner's calendar day when handing in: on time means on or before the due day"),
  assignment: assignmentSchema.optional().describe('the assignment it answers, as the learner received it'),
  progressVersion: z.number().int().min(1).max(1000).optional(),
  labs: dictSchema(itemIdSchema, labWorkSchema).refine(atMost(60, 'labs')),
  exercises: dictSchema(itemIdSchema, exerciseWorkSchema).refine(atMost(60, 'exercises')).default(() => ({})),
  questions: dictSchema(itemIdSchema, questionWorkSchema).refine(atMost(60, 'questions')).default(() => ({})),
  hash: z.object({ algorithm: z.literal('SHA-256'), value: z.string().regex(/^[0-9a-f]{64}$/) }).optional().describe('SHA-256 of the canonical JSON of everything else'),
});
export type Submission = z.infer<typeof submissionSchema>;

/** Titles by id, so a submission names things as the learner's app does. */
export interface Titles {
  labs: Record<string, string>;
  exercises: Record<string, string>;
  questions: Record<string, string>;
}

export interface BuildOptions {
  progress: Progress;
  learner: string;
  /** The assignment handed in for; its items are what goes in. Without one: every lab, exercise and question with work. */
  assignment?: Assignment;
  titles: Titles;
  now?: Date;
}

/** The ids of labs, exercises and questions with anything saved. */
function withWork(progress: Progress) {
  const labs = Object.keys(progress.labs).filter((id) => {
    const lab = progress.labs[id];
    return lab.lastRun !== undefined || Object.keys(lab.files).length > 0 || Object.keys(lab.answers).length > 0;
  });
  const exercises = Object.keys(progress.exercises ?? {});
  const questions = Object.keys(progress.interview?.questions ?? {}).filter((id) => (progress.interview!.questions[id].attempts.length ?? 0) > 0);
  return { labs, exercises, questions };
}

/** The submission's content, without its hash (see `sealSubmission`). Reads progress; never changes it. */
export function buildSubmission({ progress, learner, assignment, titles, now = new Date() }: BuildOptions): Submission {
  const ids = assignment ?? withWork(progress);
  const labs = dict<LabWork>();
  for (const id of ids.labs) {
    const lab = own(progress.labs, id);
    const work: LabWork = {
      title: own(titles.labs, id),
      files: dict(lab?.files),
      answers: dict(lab?.answers),
      solutionShownAt: lab?.solutionShownAt ?? [],
      resetAt: lab?.resetAt ?? [],
      hintsShown: lab?.hintsShown ?? [],
      activeMs: Math.round(lab?.activeMs ?? 0),
    };
    if (lab?.queries) work.queries = lab.queries;
    if (lab?.scenarioId) work.scenarioId = lab.scenarioId;
    if (lab?.rubric) work.rubric = dict(lab.rubric);
    if (lab?.lastRun) work.lastRun = { ...lab.lastRun, checks: dict(lab.lastRun.checks) };
    if (lab?.history) work.history = lab.history;
    if (lab?.updatedAt) work.updatedAt = lab.updatedAt;
    labs[id] = work;
  }
  const exercises = dict<ExerciseWork>();
  for (const id of ids.exercises) {
    const entry = own(progress.exercises, id);
    const work: ExerciseWork = { title: own(titles.exercises, id), files: dict(entry?.files) };
    if (entry?.lastResult) work.lastResult = entry.lastResult;
    if (entry?.diagnosis) work.diagnosis = entry.diagnosis;
    exercises[id] = work;
  }
  const questions = dict<QuestionWork>();
  for (const id of ids.questions) {
    const attempts = own(progress.interview?.questions, id)?.attempts ?? [];
    questions[id] = { title: own(titles.questions, id), attempts: attempts.map(({ at, score, hintsUsed, elapsedMs, mode }) => ({ at, score, hintsUsed, elapsedMs, mode })) };
  }
  const submission: Submission = {
    format: SUBMISSION_FORMAT,
    version: 1,
    learner: learner.trim(),
    createdAt: now.toISOString(),
    localDay: localDay(now),
    progressVersion: PROGRESS_VERSION,
    labs,
    exercises,
    questions,
  };
  if (assignment) submission.assignment = assignment;
  return submission;
}

/** SHA-256 (hex) of a submission's canonical JSON, leaving out `hash`. */
export async function contentHash(submission: unknown): Promise<string> {
  const body = isRecord(submission) ? Object.fromEntries(Object.entries(submission).filter(([key]) => key !== 'hash')) : submission;
  return sha256Hex(canonicalJson(body));
}

/** The submission with its content hash: what the learner downloads. */
export async function sealSubmission(submission: Submission): Promise<Submission> {
  const { hash: _old, ...body } = submission;
  return { ...body, hash: { algorithm: 'SHA-256', value: await contentHash(body) } };
}

/** The file's text and name: `submission-lin-2026-12-04.json`. */
export function submissionFile(sealed: Submission): { text: string; fileName: string } {
  return { text: JSON.stringify(sealed, null, 1), fileName: `submission-${slug(sealed.learner)}-${sealed.localDay}.json` };
}

/**
 * Whether the file is as it was made: `intact` (the hash matches), `damaged` (it does
 * not: changed by accident or by hand), `unsealed` (no hash at all).
 */
export type Integrity = 'intact' | 'damaged' | 'unsealed';

export type SubmissionRead =
  | { ok: true; submission: Submission; integrity: Integrity; /** SHA-256 of the content as received. */ computedHash: string }
  | { ok: false; reason: string };

export const refuseSubmissionFile = (bytes: number) => refuseSize(bytes, MAX_SUBMISSION_BYTES, 'a submission');

/** Reads and checks a submission file's text (check `File.size` with `refuseSubmissionFile` first). */
export async function readSubmission(text: string): Promise<SubmissionRead> {
  const read = readUntrusted(text, submissionSchema, { maxBytes: MAX_SUBMISSION_BYTES, what: 'a submission' });
  if (!read.ok) return read;
  // Hashed as received, before zod added defaults, so the hash covers exactly the file's content.
  const computedHash = await contentHash(read.raw);
  const claimed = read.value.hash?.value;
  const integrity: Integrity = claimed === undefined ? 'unsealed' : claimed === computedHash ? 'intact' : 'damaged';
  return { ok: true, submission: read.value, integrity, computedHash };
}

/** One sentence on a file's integrity, for the review. */
export function integrityText(integrity: Integrity): string {
  if (integrity === 'intact') return 'The file is as it was handed in (its SHA-256 matches).';
  if (integrity === 'damaged') return 'The file was changed after it was handed in: its SHA-256 does not match its content. What it claims may be wrong; the re-run below does not depend on it.';
  return 'The file carries no SHA-256, so changes after hand-in cannot be detected; the re-run below does not depend on it.';
}
