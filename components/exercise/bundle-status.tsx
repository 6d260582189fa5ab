'use client';
import type { ExerciseBundle } from '@/lib/exercises/bundle';
import type { BundleState } from './use-bundle';

/** Loading, or why the exercise could not open. */
export function BundleStatus({ state, what }: { state: BundleState<ExerciseBundle['kind']>; what: string }) {
  if (state.status === 'error') {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not open the {what}: {state.message}
      </p>
    );
  }
  return (
    <p role="status" className="animate-pulse rounded border border-border bg-panel p-3 text-sm text-muted">
      Loading the {what}…
    </p>
  );
}
