/**
 * The mentor's review, without React: imported submissions, their re-runs (one lab
 * at a time, through `rerun`, queued in import order), and the mentor's comments and
 * notes, from which the feedback file is made. A vanilla zustand store, like the lab
 * session; components subscribe with `useStore`.
 *
 * Nothing here reads or writes the mentor's own progress. Submissions and re-runs live
 * in memory and are gone when the page closes; the mentor's writing (notes and line
 * comments) is also saved as a draft per submission through `drafts`
 * (review-drafts.ts, localStorage in the app), and comes back, marked `restoredFrom`,
 * when the same file is imported again. The feedback file is what the learner gets.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GradeReport } from '../grading/contract';
import type { RunRecordBase } from '../kinds/types';
import { own } from '../progress/dict';
import type { SessionLab } from '../session/lab-session';
import type { RerunState } from './cohort';
import { createFeedback, type Feedback, type LabFeedback, type LineComment } from './feedback';
import { MAX_COMMENTS_PER_LAB, MAX_SUBMISSIONS_PER_IMPORT } from './limits';
import { acceptedEdits, type RerunResult } from './rerun';
import type { DraftWriting, LabDraft, ReviewDraft, ReviewDrafts } from './review-drafts';
import { readSubmission, refuseSubmissionFile, type Integrity, type LabWork, type Submission } from './submission';
import { compareClaims, type Verdict } from './verdicts';
import type { ReadResult } from './untrusted';

/** What an import needs of a file (a browser `File` is one). */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface LabReview {
  state: RerunState;
  /** The re-run's grade (pending and running checks while it runs), or null before it starts. */
  report: GradeReport | null;
  record: RunRecordBase | null;
  /** Why the re-run stopped or failed, or why there is none. */
  message?: string;
  verdict: Verdict;
  /** Handed-in files the re-run left out (not lab files, or read-only ones). */
  ignoredFiles: string[];
  note: string;
  comments: LineComment[];
}

export interface ReviewEntry {
  /** SHA-256 of the file's content: two imports of the same file are one entry. */
  key: string;
  fileName: string;
  submission: Submission;
  integrity: Integrity;
  labs: Record<string, LabReview>;
  note: string;
  /** When the notes and comments brought back from a saved draft were last changed (ISO 8601), until they are discarded. */
  restoredFrom?: string;
}

export interface ImportReport {
  added: string[];
  refused: { fileName: string; reason: string }[];
}

export interface ReviewState {
  entries: ReviewEntry[];
  /** What the last import did. */
  lastImport: ImportReport | null;
  /** The lab being re-run, if any. */
  running: { key: string; labId: string } | null;
  mentorName: string;
}

export interface ReviewActions {
  importFiles(files: readonly FileLike[]): Promise<ImportReport>;
  /** Queues one lab's re-run again (after it was stopped, say). */
  rerun(key: string, labId: string): void;
  /** Stops the re-run in flight (it shows as stopped); the queue goes on with the next lab. */
  skip(): void;
  /** Stops the re-run in flight and clears the queue; labs not run stay `waiting`. */
  stop(): void;
  /** Re-runs every lab still waiting or stopped. */
  resume(): void;
  remove(key: string): void;
  setMentorName(name: string): void;
  setNote(key: string, note: string): void;
  setLabNote(key: string, labId: string, note: string): void;
  addComment(key: string, labId: string, comment: LineComment): string | null;
  removeComment(key: string, labId: string, index: number): void;
  /** Takes out the notes and comments restored from a draft (writing added since stays) and forgets the draft's date. */
  discardRestored(key: string): void;
  /** The feedback file for one learner, or why it cannot be made yet. */
  feedback(key: string, now?: Date): ReadResult<Feedback>;
  dispose(): void;
}

export type ReviewStore = StoreApi<ReviewState & ReviewActions>;

export interface ReviewOptions {
  /** The mentor's build of each lab, by id. A lab not here cannot be re-run. */
  labs: ReadonlyMap<string, SessionLab & { title?: string }>;
  /** Re-runs one lab's handed-in work (lib/mentor/rerun.ts `rerunLab` with the sandbox). */
  rerun(lab: SessionLab, work: LabWork, signal: AbortSignal, onUpdate: (report: GradeReport | null) => void): Promise<RerunResult>;
  /** Where the mentor's writing is saved as they write and restored from on import; left out, nothing is kept. */
  drafts?: ReviewDrafts;
}

/** Said when a lab was re-run a second time because the first ended in an error. */
export const RERUN_AGAIN_NOTE = 'The first re-run ended in an error (code that did not finish in time, say), so the lab was re-run once more; this is the second re-run.';

/** A finished grade with errors: a check that errored, or a grade stopped by one (the code did not load or finish). */
function hasCheckErrors(report: GradeReport | null): boolean {
  return report !== null && (report.status === 'error' || report.checks.some((c) => c.status === 'error'));
}

function initialLab(labs: ReviewOptions['labs'], labId: string, work: LabWork): LabReview {
  const lab = labs.get(labId);
  const base = { report: null, record: null, verdict: compareClaims(work.lastRun, null), note: '', comments: [] };
  if (!lab) return { ...base, state: 'unknown-lab', ignoredFiles: [], message: `This app has no lab "${labId}", so it cannot be re-run here (it may come from a newer or older release).` };
  return { ...base, state: 'waiting', ignoredFiles: acceptedEdits(lab, work).ignored };
}

const hasWriting = (lab: LabDraft) => lab.note !== '' || lab.comments.length > 0;

/** The mentor's writing on an entry, with `strays` (draft labs the entry lacks) carried along; null when there is none. */
function writingOf(entry: ReviewEntry, strays: Record<string, LabDraft> | undefined): DraftWriting | null {
  const labs: Record<string, LabDraft> = Object.create(null);
  for (const labId of Object.keys(strays ?? {})) labs[labId] = strays![labId];
  for (const labId of Object.keys(entry.labs)) {
    const { note, comments } = entry.labs[labId];
    if (hasWriting({ note, comments })) labs[labId] = { note, comments };
  }
  return entry.note === '' && Object.keys(labs).length === 0 ? null : { note: entry.note, labs };
}

/** `current` without what `restored` put there: a note still as restored is emptied, each restored comment is taken out once. */
function withoutRestored(current: LabReview, restored: LabDraft | undefined): Pick<LabReview, 'note' | 'comments'> {
  if (!restored) return current;
  const left = [...restored.comments];
  const comments = current.comments.filter((c) => {
    const at = left.findIndex((r) => r.path === c.path && r.line === c.line && r.text === c.text);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
  return { note: current.note === restored.note ? '' : current.note, comments };
}

export function createReviewStore(options: ReviewOptions): ReviewStore {
  let queue: { key: string; labId: string }[] = [];
  /** What each entry's draft brought back, for Discard. */
  const restored = new Map<string, ReviewDraft>();
  /**
   * Labs a draft has that its entry lacks. A draft's key is its file's hash, so the labs
   * match unless the stored value was edited; the writing is kept in the draft anyway.
   */
  const strays = new Map<string, Record<string, LabDraft>>();
  let inFlight: AbortController | null = null;
  let pumping = false;
  let disposed = false;

  return createStore<ReviewState & ReviewActions>()((set, get) => {
    const entry = (key: string) => get().entries.find((e) => e.key === key);
    const updateLab = (key: string, labId: string, change: Partial<LabReview>) =>
      set((s) => ({
        entries: s.entries.map((e) => (e.key === key && own(e.labs, labId) ? { ...e, labs: { ...e.labs, [labId]: { ...e.labs[labId], ...change } } } : e)),
      }));
    /** Saves the entry's writing as its draft (after the mentor changed it). */
    const keepDraft = (key: string) => {
      const found = entry(key);
      if (found && options.drafts) options.drafts.save(key, writingOf(found, strays.get(key)));
    };
    /** Puts a saved draft's writing into new labs; returns the entry's note and when the draft was saved, if it had any writing. */
    const restore = (key: string, labs: Record<string, LabReview>): { note: string; restoredFrom?: string } => {
      const draft = options.drafts?.read(key);
      if (!draft) return { note: '' };
      const stray: Record<string, LabDraft> = Object.create(null);
      for (const labId of Object.keys(draft.labs)) {
        const saved = draft.labs[labId];
        const lab = own(labs, labId);
        // Every comment comes back, on whatever line it names: if the files shown no longer
        // have that line, the comment list still shows it and the feedback file still has it.
        if (lab) labs[labId] = { ...lab, note: saved.note, comments: saved.comments };
        else if (hasWriting(saved)) stray[labId] = saved;
      }
      if (Object.keys(stray).length > 0) strays.set(key, stray);
      if (draft.note === '' && !Object.values(draft.labs).some(hasWriting)) return { note: '' };
      restored.set(key, draft);
      return { note: draft.note, restoredFrom: draft.savedAt };
    };

    /** Runs the queue one lab at a time; a lab that fails or loops is stopped and the next one starts. */
    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        while (!disposed && queue.length > 0) {
          const { key, labId } = queue.shift()!;
          const found = entry(key);
          const lab = options.labs.get(labId);
          const work = found && own(found.submission.labs, labId);
          if (!found || !lab || !work) continue;
          inFlight = new AbortController();
          set({ running: { key, labId } });
          updateLab(key, labId, { state: 'running', report: null, record: null, message: undefined });
          const signal = inFlight.signal;
          const attempt = async (): Promise<RerunResult> => {
            try {
              return await options.rerun(lab, work, signal, (report) => updateLab(key, labId, { report }));
            } catch (err) {
              return { status: 'failed', report: null, record: null, message: `The re-run failed: ${err instanceof Error ? err.message : String(err)}` };
            }
          };
          let result = await attempt();
          // A check that errors (the code did not finish in time) may only say the machine was
          // busy; one more re-run tells that from code that is slow or stuck, which errors again.
          if (result.status === 'done' && hasCheckErrors(result.report) && !signal.aborted && !disposed) {
            const second = await attempt();
            if (second.status === 'done') result = { ...second, message: RERUN_AGAIN_NOTE };
          }
          inFlight = null;
          if (disposed) return;
          updateLab(key, labId, { state: result.status, report: result.report, record: result.record, message: result.message, verdict: compareClaims(work.lastRun, result.status === 'done' ? result.report : null) });
          set({ running: null });
        }
      } finally {
        pumping = false;
      }
    };

    const enqueue = (items: { key: string; labId: string }[]) => {
      queue.push(...items.filter((i) => !queue.some((q) => q.key === i.key && q.labId === i.labId)));
      void pump();
    };

    return {
      entries: [],
      lastImport: null,
      running: null,
      mentorName: '',

      async importFiles(files) {
        const report: ImportReport = { added: [], refused: [] };
        const accepted = files.slice(0, MAX_SUBMISSIONS_PER_IMPORT);
        for (const file of files.slice(MAX_SUBMISSIONS_PER_IMPORT)) report.refused.push({ fileName: file.name, reason: `Not read: one import takes at most ${MAX_SUBMISSIONS_PER_IMPORT} files. Import it on its own.` });
        const added: ReviewEntry[] = [];
        for (const file of accepted) {
          const tooBig = refuseSubmissionFile(file.size);
          if (tooBig) {
            report.refused.push({ fileName: file.name, reason: tooBig });
            continue;
          }
          let read;
          try {
            read = await readSubmission(await file.text());
          } catch (err) {
            read = { ok: false as const, reason: `It could not be read (${err instanceof Error ? err.message : String(err)}).` };
          }
          if (!read.ok) {
            report.refused.push({ fileName: file.name, reason: read.reason });
            continue;
          }
          const key = read.computedHash;
          const twin = entry(key) ?? added.find((e) => e.key === key);
          if (twin) {
            report.refused.push({ fileName: file.name, reason: `It is the same file as ${twin.fileName}, already imported.` });
            continue;
          }
          const labs: Record<string, LabReview> = Object.create(null);
          for (const labId of Object.keys(read.submission.labs)) labs[labId] = initialLab(options.labs, labId, read.submission.labs[labId]);
          added.push({ key, fileName: file.name, submission: read.submission, integrity: read.integrity, labs, ...restore(key, labs) });
          report.added.push(file.name);
        }
        set((s) => ({ entries: [...s.entries, ...added], lastImport: report }));
        enqueue(added.flatMap((e) => Object.keys(e.labs).filter((labId) => e.labs[labId].state === 'waiting').map((labId) => ({ key: e.key, labId }))));
        return report;
      },

      rerun(key, labId) {
        const found = entry(key);
        if (!found || own(found.labs, labId)?.state === 'unknown-lab' || !own(found.labs, labId)) return;
        updateLab(key, labId, { state: 'waiting', message: undefined });
        enqueue([{ key, labId }]);
      },

      skip() {
        inFlight?.abort();
      },

      stop() {
        const waiting = queue;
        queue = [];
        inFlight?.abort();
        for (const item of waiting) updateLab(item.key, item.labId, { state: 'waiting', message: 'Not re-run yet: the re-runs were stopped.' });
      },

      resume() {
        enqueue(get().entries.flatMap((e) => Object.keys(e.labs).filter((id) => e.labs[id].state === 'waiting' || e.labs[id].state === 'stopped').map((labId) => ({ key: e.key, labId }))));
      },

      // The draft stays: importing the file again brings the writing back.
      remove(key) {
        restored.delete(key);
        strays.delete(key);
        queue = queue.filter((q) => q.key !== key);
        if (get().running?.key === key) inFlight?.abort();
        set((s) => ({ entries: s.entries.filter((e) => e.key !== key) }));
      },

      setMentorName: (mentorName) => set({ mentorName }),
      setNote(key, note) {
        set((s) => ({ entries: s.entries.map((e) => (e.key === key ? { ...e, note } : e)) }));
        keepDraft(key);
      },
      setLabNote(key, labId, note) {
        updateLab(key, labId, { note });
        keepDraft(key);
      },

      addComment(key, labId, comment) {
        const lab = own(entry(key)?.labs, labId);
        if (!lab) return 'That lab is not in this submission.';
        if (!comment.text.trim()) return 'Write the comment first.';
        if (lab.comments.length >= MAX_COMMENTS_PER_LAB) return `A lab takes at most ${MAX_COMMENTS_PER_LAB} comments.`;
        const comments = [...lab.comments, comment].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
        updateLab(key, labId, { comments });
        keepDraft(key);
        return null;
      },

      removeComment(key, labId, index) {
        const lab = own(entry(key)?.labs, labId);
        if (!lab) return;
        updateLab(key, labId, { comments: lab.comments.filter((_, i) => i !== index) });
        keepDraft(key);
      },

      discardRestored(key) {
        const draft = restored.get(key);
        restored.delete(key);
        strays.delete(key);
        set((s) => ({
          entries: s.entries.map((e) => {
            if (e.key !== key) return e;
            const labs: Record<string, LabReview> = Object.create(null);
            for (const labId of Object.keys(e.labs)) labs[labId] = { ...e.labs[labId], ...withoutRestored(e.labs[labId], own(draft?.labs, labId)) };
            return { ...e, labs, note: draft && e.note === draft.note ? '' : e.note, restoredFrom: undefined };
          }),
        }));
        keepDraft(key);
      },

      feedback(key, now = new Date()) {
        const found = entry(key);
        if (!found) return { ok: false, reason: 'That submission is no longer in the review.' };
        const labs: Record<string, LabFeedback> = Object.create(null);
        for (const labId of Object.keys(found.labs)) {
          const lab = found.labs[labId];
          labs[labId] = {
            title: options.labs.get(labId)?.title ?? found.submission.labs[labId].title,
            note: lab.note,
            comments: lab.comments,
            ...(lab.verdict.verified ? { verified: lab.verdict.verified } : {}),
          };
        }
        return createFeedback(
          {
            mentor: get().mentorName,
            learner: found.submission.learner,
            assignmentId: found.submission.assignment?.id,
            submissionHash: found.submission.hash?.value ?? found.key,
            submittedAt: found.submission.createdAt,
            note: found.note,
            labs,
          },
          now,
        );
      },

      dispose() {
        disposed = true;
        queue = [];
        inFlight?.abort();
        options.drafts?.flush();
      },
    };
  });
}
