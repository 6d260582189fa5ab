'use client';
/** Loads one exercise or simulation bundle by id, on demand, parsed with zod. */
import { useEffect, useState } from 'react';
import { loadBundle, type ExerciseBundle } from '@/lib/exercises/bundle';
import { BUNDLE_LOADERS } from '@/lib/exercises/generated/registry';

export type BundleState<K extends ExerciseBundle['kind']> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; bundle: Extract<ExerciseBundle, { kind: K }> };

export function useBundle<K extends ExerciseBundle['kind']>(id: string, kind: K): BundleState<K> {
  const [state, setState] = useState<BundleState<K>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    loadBundle(id, BUNDLE_LOADERS).then(
      (bundle) => {
        if (!live) return;
        if (bundle.kind !== kind) setState({ status: 'error', message: `"${id}" is a ${bundle.kind === 'sim' ? 'troubleshooting simulation' : 'coding exercise'}, not a ${kind === 'sim' ? 'simulation' : 'coding exercise'}.` });
        else setState({ status: 'ready', bundle: bundle as Extract<ExerciseBundle, { kind: K }> });
      },
      (err: unknown) => live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [id, kind]);
  return state;
}
