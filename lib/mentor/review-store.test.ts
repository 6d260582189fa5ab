// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { labMetaSchema } from '../labs/schema';
import { EMPTY_PROGRESS, type Progress } from '../progress/schema';
import type { SessionLab } from '../session/lab-session';
import { cohortCsv, cohortLabs, cohortRows, csvCell, sortRows } from './cohort';
import { readFeedbackFile } from './feedback';
import type { RerunResult } from './rerun';
import { createReviewStore, type FileLike, type ReviewOptions } from './review-store';
import { buildSubmission, readSubmission, sealSubmission, submissionFile } from './submission';
import { createAssignment } from './assignment';
import { FakeWindow, SharedStorage } from '../progress/testing';
import { createReviewDrafts, DRAFTS_KEY } from './review-drafts';

const meta = labMetaSchema.parse({ title: 'Words', summary: 'Count the words in a file.', estimatedMinutes: 5, files: [{ path: 'notes.md', language: 'markdown' }, { path: 'guide.md', language: 'markdown', readOnly: true }] });
const lab: SessionLab & { title: string } = { id: 'week-9/words', title: 'Words', meta, starter: { 'notes.md': '', 'guide.md': 'read me' }, solution: { 'notes.md': 'one two three', 'guide.md': 'read me' } };
const labs = new Map([[lab.id, lab]]);
const titles = { labs: { [lab.id]: 'Words' }, exercises: {}, questions: {} };

/** Re-runs per file text, so a test can tell a first re-run from a second. */
const attempts = new Map<string, number>();

/** A fake re-run: passes when notes.md has three words; "loops" (waits for Stop) when it says loop; "busy" errors on its first re-run only. */
const rerun: ReviewOptions['rerun'] = (_lab, work, signal, onUpdate) => {
  const text = work.files['notes.md'] ?? '';
  attempts.set(text, (attempts.get(text) ?? 0) + 1);
  if (text.includes('busy') && attempts.get(text) === 1) {
    const report = { status: 'fail' as const, checks: [{ id: 'three', title: 'Has three words', status: 'error' as const, durationMs: 1 }] };
    return Promise.resolve({ status: 'done', report, record: null });
  }
  if (text.includes('stuck')) {
    const report = { status: 'error' as const, message: 'No check ran: the code did not finish in time.', checks: [{ id: 'three', title: 'Has three words', status: 'skipped' as const, durationMs: 0 }] };
    return Promise.resolve({ status: 'done', report, record: null });
  }
  if (text.includes('loop')) return new Promise<RerunResult>((resolve) => signal.addEventListener('abort', () => resolve({ status: 'stopped', report: null, record: null, message: 'stopped' })));
  if (text.includes('crash')) return Promise.reject(new Error('the kind did not load'));
  const pass = text.split(/\s+/).filter(Boolean).length >= 3;
  const report = { status: pass ? ('pass' as const) : ('fail' as const), checks: [{ id: 'three', title: 'Has three words', status: pass ? ('pass' as const) : ('fail' as const), durationMs: 1 }] };
  onUpdate(report);
  return Promise.resolve({ status: 'done', report, record: null });
};

function progress(notes: string, claim: 'pass' | 'fail', extra: Partial<Progress['labs'][string]> = {}): Progress {
  return { ...EMPTY_PROGRESS, labs: { [lab.id]: { files: { 'notes.md': notes }, answers: {}, updatedAt: '2026-12-01T10:00:00Z', lastRun: { at: '2026-12-01T10:00:00Z', passed: claim === 'pass' ? 1 : 0, total: 1, checks: { three: claim } }, ...extra } } };
}

async function file(name: string, learner: string, p: Progress, day = '2026-12-02T10:00:00'): Promise<FileLike> {
  const assignment = createAssignment({ mentor: 'Ada', note: '', due: '2026-12-05', labs: [lab.id], exercises: [], questions: [] }, new Date('2026-12-01T00:00:00'), 'assign01');
  const text = submissionFile(await sealSubmission(buildSubmission({ progress: p, learner, titles, assignment: assignment.ok ? assignment.value : undefined, now: new Date(day) }))).text;
  return { name, size: text.length, text: async () => text };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the review', () => {
  it('imports many submissions, refuses bad ones with reasons, and re-runs each lab in turn', async () => {
    const store = createReviewStore({ labs, rerun });
    const files = [
      await file('lin.json', 'Lin', progress('one two three', 'pass')),
      await file('sam.json', '=HYPERLINK("x")', progress('one', 'pass'), '2026-12-07T10:00:00'),
      { name: 'huge.json', size: 50 * 1024 * 1024, text: async () => '' },
      { name: 'proto.json', size: 40, text: async () => '{"__proto__": {"x": 1}}' },
    ];
    files.push({ ...files[0], name: 'lin-again.json' });
    const report = await store.getState().importFiles(files);
    expect(report.added).toEqual(['lin.json', 'sam.json']);
    expect(report.refused.map((r) => r.fileName)).toEqual(['huge.json', 'proto.json', 'lin-again.json']);
    expect(report.refused[0].reason).toMatch(/at most 2\.0 MB/);
    expect(report.refused[1].reason).toMatch(/__proto__/);
    await settle();
    const [lin, sam] = store.getState().entries;
    expect(lin.labs[lab.id].verdict.agrees).toBe(true);
    expect(sam.labs[lab.id].verdict.summary).toBe('Handed in as 1/1, re-run 0/1.');

    const rows = cohortRows(
      store.getState().entries.map((e) => ({ key: e.key, submission: e.submission, integrity: e.integrity, reruns: e.labs })),
      [{ id: lab.id, title: 'Words', questionIds: [] }],
    );
    expect(rows.map((r) => r.timing)).toEqual(['on-time', 'late']);
    expect(sortRows(rows, `lab:${lab.id}`, 'ascending').map((r) => r.learner)).toEqual(['=HYPERLINK("x")', 'Lin']);
    const csv = cohortCsv(rows, cohortLabs(rows.map((r, i) => ({ key: r.key, submission: store.getState().entries[i].submission, integrity: r.integrity, reruns: {} })), [{ id: lab.id, title: 'Words', questionIds: [] }]));
    expect(csv.split('\r\n')[2].startsWith(`"'=HYPERLINK(""x"")",week-9/words,Words,done,0,1,1,1,no`)).toBe(true);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
  });

  it('stops a re-run that does not end, and the rest of the cohort still re-runs', async () => {
    const store = createReviewStore({ labs, rerun });
    await store.getState().importFiles([await file('loop.json', 'Loopy', progress('loop forever', 'pass')), await file('crash.json', 'Crash', progress('crash', 'pass')), await file('ok.json', 'Ok', progress('a b c', 'fail'))]);
    await settle();
    expect(store.getState().running?.key).toBe(store.getState().entries[0].key);
    store.getState().skip();
    await settle();
    expect(store.getState().entries[0].labs[lab.id].state).toBe('stopped');
    const [, crash, ok] = store.getState().entries;
    expect(crash.labs[lab.id].state).toBe('failed');
    expect(crash.labs[lab.id].message).toMatch(/did not load/);
    expect(ok.labs[lab.id].state).toBe('done');
    expect(ok.labs[lab.id].verdict.summary).toBe('Handed in as 0/1, re-run 1/1.');
    // Stop all: the one in flight stops, the queued ones wait for Resume.
    store.getState().rerun(store.getState().entries[0].key, lab.id);
    store.getState().rerun(ok.key, lab.id);
    await settle();
    store.getState().stop();
    await settle();
    expect(store.getState().entries.map((e) => e.labs[lab.id].state)).toEqual(['stopped', 'failed', 'waiting']);
    store.getState().resume();
    await settle();
    expect(store.getState().running?.key).toBe(store.getState().entries[0].key);
    store.getState().dispose();
  });

  it('makes a feedback file with comments and notes that the learner side reads back', async () => {
    const store = createReviewStore({ labs, rerun });
    await store.getState().importFiles([await file('lin.json', 'Lin', progress('one two three', 'pass', { files: { 'notes.md': 'one two three', 'guide.md': 'edited' } }))]);
    await settle();
    const key = store.getState().entries[0].key;
    expect(store.getState().entries[0].labs[lab.id].ignoredFiles).toEqual(['guide.md']);
    expect(store.getState().feedback(key).ok).toBe(false); // no mentor name yet
    store.getState().setMentorName('Ada');
    store.getState().setNote(key, 'Good week. <img src=x onerror=alert(1)>');
    expect(store.getState().addComment(key, lab.id, { path: 'notes.md', line: 1, text: 'Why three?', quote: 'one two three' })).toBeNull();
    expect(store.getState().addComment(key, 'constructor', { path: 'notes.md', line: 1, text: 'x' })).toMatch(/not in this submission/);
    const made = store.getState().feedback(key);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const back = readFeedbackFile(JSON.stringify(made.value));
    expect(back.ok && back.value.labs[lab.id].comments[0]).toEqual({ path: 'notes.md', line: 1, text: 'Why three?', quote: 'one two three' });
    expect(back.ok && back.value.labs[lab.id].verified).toEqual({ passed: 1, total: 1 });
    expect(back.ok && back.value.note).toContain('<img');
    const read = await readSubmission(await (await file('lin.json', 'Lin', progress('x', 'pass'))).text());
    expect(read.ok && back.ok && back.value.submissionHash).not.toBe(read.ok ? read.computedHash : '');
  });
});

describe('a check that errors', () => {
  it('gets one more re-run, and the review says which result it shows', async () => {
    const store = createReviewStore({ labs, rerun });
    await store.getState().importFiles([await file('busy.json', 'Busy', progress('busy machine today', 'pass'))]);
    await settle();
    await settle();
    const review = store.getState().entries[0].labs[lab.id];
    expect(attempts.get('busy machine today')).toBe(2);
    expect(review.verdict.agrees).toBe(true);
    expect(review.message).toMatch(/re-run once more/);
  });

  it('stays an error when the code is stuck both times', async () => {
    const store = createReviewStore({ labs, rerun });
    await store.getState().importFiles([await file('stuck.json', 'Stuck', progress('stuck stuck stuck', 'pass'))]);
    await settle();
    await settle();
    const review = store.getState().entries[0].labs[lab.id];
    expect(attempts.get('stuck stuck stuck')).toBe(2);
    expect(review.verdict.summary).toBe('Handed in as 1/1, re-run 0/1.');
  });
});

describe('submission files', () => {
  it('are intact as made, damaged when changed, unsealed without a hash', async () => {
    const sealed = await sealSubmission(buildSubmission({ progress: progress('a b c', 'pass'), learner: 'Lin', titles }));
    const text = submissionFile(sealed).text;
    expect((await readSubmission(text)).ok && (await readSubmission(text) as { integrity: string }).integrity).toBe('intact');
    const changed = text.replace('"a b c"', '"a b d"');
    expect((await readSubmission(changed) as { integrity: string }).integrity).toBe('damaged');
    const { hash: _hash, ...bare } = sealed;
    expect((await readSubmission(JSON.stringify(bare)) as { integrity: string }).integrity).toBe('unsealed');
    const truncated = await readSubmission(text.slice(0, text.length / 2));
    expect(!truncated.ok && truncated.reason).toMatch(/not valid JSON/);
    const wrongName = await readSubmission(JSON.stringify({ ...bare, labs: { '../x': {} } }));
    expect(!wrongName.ok && wrongName.reason).toMatch(/labs/);
  });
});

describe('drafts of the mentor\'s writing', () => {
  /** One page load: a review store whose drafts live in `shared` (this browser's localStorage). */
  function page(shared: SharedStorage, at = '2026-12-03T10:00:00Z') {
    const tab = new FakeWindow();
    const drafts = createReviewDrafts({ storage: () => shared.forTab(tab), window: tab as unknown as Window, now: () => new Date(at) });
    const stop = drafts.listen();
    return { tab, store: createReviewStore({ labs, rerun, drafts }), stop };
  }

  it('come back after a reload when the same submission is imported again', async () => {
    const shared = new SharedStorage();
    const lin = await file('lin.json', 'Lin', progress('one two three', 'pass'));
    const first = page(shared);
    await first.store.getState().importFiles([lin]);
    await settle();
    const key = first.store.getState().entries[0].key;
    expect(first.store.getState().entries[0].restoredFrom).toBeUndefined();
    first.store.getState().setNote(key, 'Good week.');
    first.store.getState().setLabNote(key, lab.id, 'Tidy the list.');
    first.store.getState().addComment(key, lab.id, { path: 'notes.md', line: 1, text: 'Why three?', quote: 'one two three' });
    first.tab.emit('pagehide'); // the tab closes before the debounced write

    const second = page(shared, '2026-12-04T09:00:00Z');
    await second.store.getState().importFiles([await file('other.json', 'Sam', progress('a b c', 'pass')), lin]);
    await settle();
    const [other, back] = second.store.getState().entries;
    expect(other.note).toBe('');
    expect(other.restoredFrom).toBeUndefined();
    expect(back.restoredFrom).toBe('2026-12-03T10:00:00.000Z');
    expect(back.note).toBe('Good week.');
    expect(back.labs[lab.id].note).toBe('Tidy the list.');
    expect(back.labs[lab.id].comments).toEqual([{ path: 'notes.md', line: 1, text: 'Why three?', quote: 'one two three' }]);
    // The re-run still happens; the writing is there for the feedback file.
    expect(back.labs[lab.id].state).toBe('done');
    second.store.getState().setMentorName('Ada');
    const made = second.store.getState().feedback(key);
    expect(made.ok && made.value.labs[lab.id].comments[0].text).toBe('Why three?');
  });

  it('are discarded on request, keeping what was written since', async () => {
    const shared = new SharedStorage();
    const lin = await file('lin.json', 'Lin', progress('one two three', 'pass'));
    const first = page(shared);
    await first.store.getState().importFiles([lin]);
    const key = first.store.getState().entries[0].key;
    first.store.getState().setNote(key, 'Old note.');
    first.store.getState().addComment(key, lab.id, { path: 'notes.md', line: 1, text: 'Old comment' });
    first.stop();

    const second = page(shared);
    await second.store.getState().importFiles([lin]);
    second.store.getState().addComment(key, lab.id, { path: 'notes.md', line: 1, text: 'New comment' });
    second.store.getState().discardRestored(key);
    const entry = second.store.getState().entries[0];
    expect(entry.restoredFrom).toBeUndefined();
    expect(entry.note).toBe('');
    expect(entry.labs[lab.id].comments.map((c) => c.text)).toEqual(['New comment']);
    second.stop();

    const third = page(shared);
    await third.store.getState().importFiles([lin]);
    expect(third.store.getState().entries[0].labs[lab.id].comments.map((c) => c.text)).toEqual(['New comment']);
    expect(third.store.getState().entries[0].note).toBe('');
  });

  it('keep every comment, on a line the files lack or a lab the submission lacks', async () => {
    const shared = new SharedStorage();
    const lin = await file('lin.json', 'Lin', progress('one two three', 'pass'));
    const key = (await readSubmission(await lin.text()).then((r) => (r.ok ? r.computedHash : '')));
    const comment = { path: 'notes.md', line: 999, text: 'On a line that is not there' };
    shared.data.set(
      DRAFTS_KEY,
      JSON.stringify({ version: 1, drafts: { [key]: { savedAt: '2026-12-03T10:00:00Z', note: '', labs: { [lab.id]: { note: '', comments: [comment] }, 'week-9/gone': { note: 'Kept', comments: [] } } } } }),
    );
    const { store, stop } = page(shared);
    await store.getState().importFiles([lin]);
    expect(store.getState().entries[0].labs[lab.id].comments).toEqual([comment]);
    store.getState().setNote(key, 'More.');
    stop();
    const saved = JSON.parse(shared.data.get(DRAFTS_KEY)!).drafts[key];
    expect(saved.labs['week-9/gone'].note).toBe('Kept');
    expect(saved.labs[lab.id].comments).toEqual([comment]);
  });

  it('are ignored, with a warning, when what is stored is malformed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const shared = new SharedStorage();
    shared.data.set(DRAFTS_KEY, '{"version": 1, "drafts": {"constructor": {"note": 5}}}');
    const { store } = page(shared);
    const report = await store.getState().importFiles([await file('lin.json', 'Lin', progress('one two three', 'pass'))]);
    expect(report.added).toEqual(['lin.json']);
    expect(store.getState().entries[0].note).toBe('');
    expect(store.getState().entries[0].restoredFrom).toBeUndefined();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
