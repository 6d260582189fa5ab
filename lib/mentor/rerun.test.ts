// @vitest-environment node
/**
 * Re-running handed-in work on real labs, in the Node sandbox: verdicts are computed,
 * never read from the file, and a tampered submission shows as such whichever way it
 * was tampered with.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { LabCheck } from '../checks/types';
import { loadAllLabs, type LabContent } from '../labs/load';
import { createProgressStore } from '../progress/store';
import { FakeWindow, SharedStorage } from '../progress/testing';
import { EMPTY_PROGRESS, type Progress } from '../progress/schema';
import { createNodeSandbox } from '../runtime/node/node-sandbox';
import type { SessionLab } from '../session/lab-session';
import { acceptedEdits, rerunLab, type RerunOptions } from './rerun';
import { buildSubmission, readSubmission, sealSubmission, submissionFile, type Submission } from './submission';
import { compareClaims, matchesSolution } from './verdicts';

const labs = loadAllLabs();
const byId = (id: string) => labs.find((l) => l.id === id)!;
const HANDLER_LAB = byId('week-2/first-query-path');
const ARTIFACT_LAB = byId('week-3/pipeline-quality-gate');

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const sessionLab = (lab: LabContent): SessionLab => ({ id: lab.id, meta: lab.meta, starter: lab.starter, solution: lab.solution });
const options: RerunOptions = {
  sandbox: () => sandbox,
  loadChecks: async (id) => (await import(join(process.cwd(), byId(id).dir, 'checks.ts'))).default as LabCheck<unknown>[],
};
const titles = { labs: {}, exercises: {}, questions: {} };

/** Progress of a learner whose last Run of `lab` is claimed as `claim` (every check pass or fail). */
function progressWith(lab: LabContent, files: Record<string, string>, checkIds: string[], claim: 'pass' | 'fail'): Progress {
  const checks = Object.fromEntries(checkIds.map((id) => [id, claim]));
  const passed = claim === 'pass' ? checkIds.length : 0;
  return {
    ...EMPTY_PROGRESS,
    labs: { [lab.id]: { files, answers: {}, updatedAt: '2026-12-01T10:00:00.000Z', lastRun: { at: '2026-12-01T10:00:00.000Z', passed, total: checkIds.length, checks } } },
  };
}

async function checkIdsOf(lab: LabContent) {
  return (await options.loadChecks(lab.id)).map((c) => c.id);
}

async function handIn(progress: Progress, assignment?: Submission['assignment']): Promise<string> {
  return submissionFile(await sealSubmission(buildSubmission({ progress, learner: 'Lin', titles, assignment, now: new Date('2026-12-02T10:00:00Z') }))).text;
}

async function review(text: string, lab: LabContent) {
  const read = await readSubmission(text);
  if (!read.ok) throw new Error(read.reason);
  const work = read.submission.labs[lab.id];
  const result = await rerunLab(sessionLab(lab), work, options);
  return { read, result, verdict: compareClaims(work.lastRun, result.report) };
}

describe('re-running a submission', () => {
  it('computes the verdicts of an honest solution of a handler lab, and they agree with the claim', async () => {
    const ids = await checkIdsOf(HANDLER_LAB);
    const text = await handIn(progressWith(HANDLER_LAB, HANDLER_LAB.solution, ids, 'pass'));
    const { read, result, verdict } = await review(text, HANDLER_LAB);
    expect(read.integrity).toBe('intact');
    expect(result.status).toBe('done');
    expect(verdict.verified).toEqual({ passed: ids.length, total: ids.length });
    expect(verdict.agrees).toBe(true);
    expect(matchesSolution(HANDLER_LAB.starter, HANDLER_LAB.solution, HANDLER_LAB.solution)).toBe(true);
  }, 60_000);

  it('re-runs an artifact lab the same way, through its kind', async () => {
    const ids = await checkIdsOf(ARTIFACT_LAB);
    const { result, verdict } = await review(await handIn(progressWith(ARTIFACT_LAB, ARTIFACT_LAB.solution, ids, 'pass')), ARTIFACT_LAB);
    expect(result.status).toBe('done');
    expect(verdict.verified).toEqual({ passed: ids.length, total: ids.length });
  }, 60_000);

  it("runs the Compose lab's Week 2 payoff with the submission's work, never the mentor's own saved Week 2 code", async () => {
    const COMPOSE = byId('week-3/compose-stack');
    // The mentor's own browser holds Week 2 work of theirs.
    const { progressStore } = await import('../progress/store');
    const { WEEK2_REFERENCE } = await import('../kinds/artifact/compose/generated/week2-reference');
    progressStore.getState().saveFile(WEEK2_REFERENCE.health.labId, 'health.ts', "export const mentors = 'own work';");
    const ids = await checkIdsOf(COMPOSE);
    const files = { ...COMPOSE.starter, ...COMPOSE.solution };
    const { result } = await review(await handIn(progressWith(COMPOSE, files, ids, 'pass')), COMPOSE);
    expect(result.status).toBe('done');
    const payoff = (result.record as { payoff?: { health?: { code: { source: { kind: string } } } } }).payoff;
    // The submission carries no Week 2 work: the reference ran, not the mentor's file.
    expect(payoff?.health?.code.source.kind).toBe('reference');
  }, 90_000);

  it('shows edited verdicts: the hash no longer matches, and the re-run disagrees with the claim', async () => {
    const ids = await checkIdsOf(HANDLER_LAB);
    // The learner handed in the starter and honestly saw every check fail…
    const honest = await handIn(progressWith(HANDLER_LAB, {}, ids, 'fail'));
    // …then someone edited the file to say every check passed.
    const file = JSON.parse(honest);
    const lastRun = file.labs[HANDLER_LAB.id].lastRun;
    lastRun.passed = ids.length;
    for (const id of ids) lastRun.checks[id] = 'pass';
    const { read, verdict } = await review(JSON.stringify(file), HANDLER_LAB);
    expect(read.integrity).toBe('damaged');
    expect(verdict.agrees).toBe(false);
    expect(verdict.verified!.passed).toBeLessThan(ids.length);
    expect(verdict.summary).toBe(`Handed in as ${ids.length}/${ids.length}, re-run ${verdict.verified!.passed}/${ids.length}.`);
    expect(verdict.differences.length).toBeGreaterThan(0);
  }, 60_000);

  it('shows edited code under old verdicts even when the hash was recomputed', async () => {
    const ids = await checkIdsOf(HANDLER_LAB);
    const honest = JSON.parse(await handIn(progressWith(HANDLER_LAB, HANDLER_LAB.solution, ids, 'pass')));
    // The code is swapped for the starter, the passing verdicts are kept, and the file re-sealed.
    honest.labs[HANDLER_LAB.id].files = {};
    const resealed = await sealSubmission(honest as Submission);
    const { read, verdict } = await review(JSON.stringify(resealed), HANDLER_LAB);
    expect(read.integrity).toBe('intact');
    expect(verdict.claimed).toEqual({ passed: ids.length, total: ids.length });
    expect(verdict.agrees).toBe(false);
    expect(verdict.summary).toMatch(new RegExp(`^Handed in as ${ids.length}/${ids.length}, re-run \\d+/${ids.length}\\.$`));
  }, 60_000);

  it('runs only files the learner may edit, and names the rest', () => {
    const tour = byId('week-1/code-tour');
    const readOnly = tour.meta.files.find((f) => f.readOnly)!.path;
    const editable = tour.meta.files.find((f) => !f.readOnly)!.path;
    const { files, ignored } = acceptedEdits(tour, { files: { [readOnly]: 'changed', [editable]: 'mine', 'extra.ts': 'x', constructor: 'y' } });
    expect(Object.keys(files)).toEqual([editable]);
    expect(ignored.sort()).toEqual(['constructor', 'extra.ts', readOnly].sort());
  });

  it('stops code that loops like any run, and the next lab still re-runs; the mentor’s own progress is untouched', async () => {
    const storage = new SharedStorage();
    const win = new FakeWindow();
    const mentor = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win });
    mentor.sync.hydrate();
    mentor.getState().saveFile('week-2/first-query-path', 'handler.ts', '// the mentor’s own attempt');
    mentor.sync.flush();
    const before = new Map(storage.data);
    const writes = storage.writes;

    const looping = { ...HANDLER_LAB.solution, 'handler.ts': `${HANDLER_LAB.solution['handler.ts']}\nwhile (true) {}\n` };
    const ids = await checkIdsOf(HANDLER_LAB);
    const first = await review(await handIn(progressWith(HANDLER_LAB, looping, ids, 'pass')), HANDLER_LAB);
    expect(first.result.status).toBe('done');
    expect(first.result.report?.status).toBe('error');
    expect(first.verdict.verified!.passed).toBe(0);

    const next = await review(await handIn(progressWith(HANDLER_LAB, HANDLER_LAB.solution, ids, 'pass')), HANDLER_LAB);
    expect(next.verdict.agrees).toBe(true);
    win.deliver();
    expect(storage.writes).toBe(writes);
    expect(new Map(storage.data)).toEqual(before);
    expect(mentor.getState().labs['week-2/first-query-path'].files['handler.ts']).toBe('// the mentor’s own attempt');
    mentor.sync.dispose();
  }, 90_000);

  it('is stopped when the mentor stops it', async () => {
    const ids = await checkIdsOf(HANDLER_LAB);
    const text = await handIn(progressWith(HANDLER_LAB, HANDLER_LAB.solution, ids, 'pass'));
    const read = await readSubmission(text);
    if (!read.ok) throw new Error(read.reason);
    const result = await rerunLab(sessionLab(HANDLER_LAB), read.submission.labs[HANDLER_LAB.id], { ...options, signal: AbortSignal.abort() });
    expect(result.status).toBe('stopped');
    expect(result.message).toMatch(/stopped/);
  }, 30_000);
});
