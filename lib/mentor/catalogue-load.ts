/**
 * Builds the catalogue (catalogue.ts) and the labs a review re-runs, from the content
 * folders. Build time only (server components): it reads the file system.
 */
import { loadAllExercises } from '../exercises/load';
import { loadInterviewQuestions } from '../interview/load';
import { CAPSTONE_STEP, loadAllLabs, summarize, type LabContent } from '../labs/load';
import { loadWeeks } from '../labs/weeks';
import type { Catalogue } from './catalogue';

export function loadCatalogue(): Catalogue {
  return {
    // The capstones come after the four weeks, as a fifth group (labs/capstone/, CAPSTONE_STEP).
    weeks: [...loadWeeks().map((w) => ({ number: w.number, title: w.title })), { number: CAPSTONE_STEP, title: 'Capstone', label: 'Capstone' }],
    labs: loadAllLabs().map((lab) => ({ ...summarize(lab), questionIds: lab.questions.map((q) => q.id) })),
    exercises: loadAllExercises().map((e) => ({ id: e.id, title: e.meta.title, group: e.kind === 'sim' ? 'Troubleshooting simulation' : 'Coding exercise' })),
    questions: loadInterviewQuestions().map((q) => ({ id: q.id, title: q.title, group: q.category })),
  };
}

/** Every lab without its instructions (a review shows code and results, not the README). */
export function loadReviewLabs(): Omit<LabContent, 'dir' | 'proseHtml'>[] {
  return loadAllLabs().map(({ dir: _dir, proseHtml: _prose, ...lab }) => lab);
}
