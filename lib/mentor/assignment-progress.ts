/**
 * Where a learner stands on an assignment, from their saved progress: each item's
 * status in words and a fraction, and the whole as one fraction. Labs use the same
 * completion rules as the plan (lib/progress/completion.ts).
 */
import { own } from '../progress/dict';
import { labCompletion, labFraction } from '../progress/completion';
import type { Progress } from '../progress/schema';
import type { Assignment } from './assignment';
import type { Catalogue } from './catalogue';

export interface ItemProgress {
  kind: 'lab' | 'exercise' | 'question';
  id: string;
  /** The title in this app, or the id when this app does not have the item. */
  title: string;
  /** Where to do it; absent when this app does not have it. */
  href?: string;
  /** Week of a lab. */
  week?: number;
  done: boolean;
  /** 0 to 1. */
  fraction: number;
  /** "Complete", "Done with the solution", "6 of 9 checks pass, 2 of 4 questions right", "Not started", "Not in this version of the app". */
  status: string;
}

export interface AssignmentProgress {
  items: ItemProgress[];
  done: number;
  /** Mean of the items' fractions. */
  fraction: number;
}

const MISSING = 'Not in this version of the app';

export function assignmentProgress(a: Assignment, progress: Pick<Progress, 'labs' | 'exercises' | 'interview'>, catalogue: Catalogue): AssignmentProgress {
  const items: ItemProgress[] = [];
  for (const id of a.labs) {
    const lab = catalogue.labs.find((l) => l.id === id);
    if (!lab) {
      items.push({ kind: 'lab', id, title: id, done: false, fraction: 0, status: MISSING });
      continue;
    }
    const saved = own(progress.labs, id);
    const completion = labCompletion(saved, lab.questionIds);
    const done = completion !== null;
    const run = saved?.lastRun;
    const answered = lab.questionIds.filter((q) => own(saved?.answers, q) !== undefined).length;
    const right = lab.questionIds.filter((q) => own(saved?.answers, q)?.correct === true).length;
    const parts = [
      run && run.source !== 'import' ? `${run.passed} of ${run.total} checks pass` : 'not run yet',
      lab.questionIds.length > 0 ? `${right} of ${lab.questionIds.length} questions right${answered > right ? ` (${answered - right} to try again)` : ''}` : '',
    ].filter(Boolean);
    const started = saved !== undefined && (run !== undefined || Object.keys(saved.files).length > 0 || answered > 0);
    items.push({
      kind: 'lab',
      id,
      title: lab.title,
      href: `/labs/${id}/`,
      week: lab.week,
      done,
      fraction: done ? 1 : started ? Math.min(labFraction(saved, lab.questionIds), 0.99) : 0,
      status: completion === 'solved' ? 'Complete' : completion === 'with-solution' ? 'Done with the solution' : started ? parts.join(', ') : 'Not started',
    });
  }
  for (const id of a.exercises) {
    const exercise = catalogue.exercises.find((e) => e.id === id);
    if (!exercise) {
      items.push({ kind: 'exercise', id, title: id, done: false, fraction: 0, status: MISSING });
      continue;
    }
    const result = own(progress.exercises, id)?.lastResult;
    const counts = result && result.source !== 'import' && result.total > 0;
    const done = Boolean(counts && result!.passed === result!.total);
    items.push({
      kind: 'exercise',
      id,
      title: exercise.title,
      href: `/exercises/${id}/`,
      done,
      fraction: counts ? result!.passed / result!.total : 0,
      status: done ? 'Complete' : counts ? `${result!.passed} of ${result!.total} pass` : 'Not started',
    });
  }
  for (const id of a.questions) {
    const question = catalogue.questions.find((q) => q.id === id);
    if (!question) {
      items.push({ kind: 'question', id, title: id, done: false, fraction: 0, status: MISSING });
      continue;
    }
    const attempts = own(progress.interview?.questions, id)?.attempts.length ?? 0;
    items.push({
      kind: 'question',
      id,
      title: question.title,
      href: `/interview/${id}/`,
      done: attempts > 0,
      fraction: attempts > 0 ? 1 : 0,
      status: attempts > 0 ? `Practised ${attempts} ${attempts === 1 ? 'time' : 'times'}` : 'Not practised yet',
    });
  }
  const fraction = items.length > 0 ? items.reduce((sum, i) => sum + i.fraction, 0) / items.length : 0;
  return { items, done: items.filter((i) => i.done).length, fraction };
}
