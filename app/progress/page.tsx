import type { Metadata } from 'next';
import { BackupPanel } from '@/components/progress/backup-panel';
import { HandIn } from '@/components/mentor/hand-in';
import { loadCatalogue } from '@/lib/mentor/catalogue-load';
import { shortPrompt, type ProgressTitles } from '@/lib/progress/preview-names';
import { loadAllExercises } from '@/lib/exercises/load';
import { loadInterviewQuestions } from '@/lib/interview/load';
import { loadAllLabs } from '@/lib/labs/load';

export const metadata: Metadata = { title: 'Your progress and backups' };

/** Titles by id, so the import preview names labs, exercises, interview questions and lab questions as the course does. Built at build time. */
function progressTitles(): ProgressTitles {
  return {
    labs: Object.fromEntries(loadAllLabs().map((lab) => [lab.id, lab.title])),
    exercises: Object.fromEntries(loadAllExercises().map((e) => [e.id, e.meta.title])),
    questions: Object.fromEntries(loadInterviewQuestions().map((q) => [q.id, q.title])),
    labQuestions: Object.fromEntries(loadAllLabs().map((lab) => [lab.id, Object.fromEntries(lab.questions.map((q) => [q.id, shortPrompt(q.prompt)]))])),
  };
}

export default function ProgressPage() {
  return (
    <div className="mx-auto max-w-4xl p-4">
      <h1 className="text-2xl font-semibold text-white">Your progress and backups</h1>
      <p className="mt-2 text-sm text-muted">
        Work is saved in this browser as you type. Two open tabs share it: the newer edit of each file wins, and the other tab shows it.
      </p>
      <div className="mt-4">
        <BackupPanel titles={progressTitles()} />
      </div>
      <section aria-labelledby="hand-in-title" className="mt-6 rounded border border-border bg-panel p-4">
        <h2 id="hand-in-title" className="text-lg font-semibold text-white">
          Hand in to a mentor
        </h2>
        <p className="mt-1 mb-3 text-sm">
          Without an assignment, a submission holds every lab, exercise and interview question you have worked on. With one, use Hand in on the assignment on the home page.
        </p>
        <HandIn catalogue={loadCatalogue()} label="Hand in all my work" />
      </section>
    </div>
  );
}
