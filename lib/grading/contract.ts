/**
 * One results contract for everything that grades a learner's work: lab checks of
 * every kind, exercise tests and simulation checks. Modelled on Exercism's test-runner
 * contract (`results.json`: a top-level `status` of pass | fail | error with one
 * `message` when the code could not be run, and one entry per test).
 *
 * A report is plain data: it is saved, handed in to mentors and re-computed by them,
 * so nothing here holds functions or class instances.
 */
import { z } from 'zod';

/**
 * The life of one check. `pending` and `running` are shown from the moment Run is
 * pressed (TutorialKit's step statuses); `skipped` is a check that was not run
 * because the whole grade ended in an `error` or was cancelled.
 */
export const checkStatusSchema = z.enum(['pending', 'running', 'pass', 'fail', 'error', 'skipped']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/** Where a finished grade stands. `running` only while checks are in flight. */
export const gradeStatusSchema = z.enum(['running', 'pass', 'fail', 'error', 'cancelled']);
export type GradeStatus = z.infer<typeof gradeStatusSchema>;

export const checkResultSchema = z.object({
  id: z.string().max(200).describe('stable id of the check or test; progress is saved under it'),
  title: z.string().max(500).describe('what the check proves, in a few words'),
  task: z.number().int().min(1).optional().describe('the README task (1-based) a lab check belongs to'),
  visible: z.boolean().optional().describe('exercise tests: true for an example the learner can read, false for a hidden test'),
  status: checkStatusSchema,
  expected: z.string().max(20_000).optional().describe('fail: what the check expected'),
  actual: z.string().max(20_000).optional().describe('fail: what happened instead; error: what went wrong running it'),
  hint: z.string().max(4000).optional().describe('fail: where to look, without giving the answer away'),
  durationMs: z.number().min(0).describe('wall time of the check on the host, ms (information only, never graded)'),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const gradeReportSchema = z.object({
  status: gradeStatusSchema,
  /** status 'error' or 'cancelled': the one reason (the code does not load, never ends…), instead of the same "not run" on every check. */
  message: z.string().max(4000).optional(),
  checks: z.array(checkResultSchema),
  durationMs: z.number().min(0).optional().describe('Run pressed → last check settled, ms'),
});
export type GradeReport = z.infer<typeof gradeReportSchema>;

/** Counts for badges and saved progress: "6 of 9". */
export function tally(report: Pick<GradeReport, 'checks'>): { passed: number; total: number } {
  return { passed: report.checks.filter((c) => c.status === 'pass').length, total: report.checks.length };
}
