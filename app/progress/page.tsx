import type { Metadata } from 'next';
import { BackupPanel } from '@/components/progress/backup-panel';
import type { ProgressTitles } from '@/components/progress/import-preview';
import { loadAllExercises } from '@/lib/exercises/load';
import { loadInterviewQuestions } from '@/lib/interview/load';
import { loadAllLabs } from '@/lib/labs/load';

export const metadata: Metadata = { title: 'Your progress and backups' };

/** Titles by id, so the import preview names labs, exercises and questions as the course does. Built at build time. */
function progressTitles(): ProgressTitles {
  return {
    labs: Object.fromEntries(loadAllLabs().map((lab) => [lab.id, lab.title])),
    exercises: Object.fromEntries(loadAllExercises().map((e) => [e.id, e.meta.title])),
    questions: Object.fromEntries(loadInterviewQuestions().map((q) => [q.id, q.title])),
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
    </div>
  );
}
