'use client';
/**
 * Client-only entry for the /exercises/<id>/ page: the workspace and the simulation run
 * learner code and load Monaco, so they never render during the static export.
 */
import dynamic from 'next/dynamic';

const Loading = () => (
  <p role="status" className="animate-pulse rounded border border-border bg-panel p-3 text-sm text-muted">
    Loading…
  </p>
);

const ExerciseWorkspace = dynamic(() => import('./exercise-workspace').then((m) => m.ExerciseWorkspace), { ssr: false, loading: Loading });
const TroubleshootingSim = dynamic(() => import('./troubleshooting-sim').then((m) => m.TroubleshootingSim), { ssr: false, loading: Loading });

export function ExercisePage({ id, kind }: { id: string; kind: 'exercise' | 'sim' }) {
  return kind === 'exercise' ? <ExerciseWorkspace exerciseId={id} /> : <TroubleshootingSim simId={id} />;
}
