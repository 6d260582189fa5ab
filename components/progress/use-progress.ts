'use client';
/**
 * React bindings of the progress store (lib/progress/store.ts, a vanilla zustand
 * store): a selector hook, and whether saved progress has been loaded in this tab.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { hydrateProgress, progressStore, type ProgressState } from '@/lib/progress/store';

/** Reads part of the progress state and re-renders when that part changes. */
export function useProgress<T>(selector: (state: ProgressState) => T): T {
  return useStore(progressStore, selector);
}

/**
 * True once saved progress has been loaded in this tab; loads it on first use. Always
 * false on the first render, as in the static HTML, so hydration never mismatches even
 * when another component (the layout's banners) loaded progress a moment earlier.
 */
export function useProgressHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    let live = true;
    void hydrateProgress().then(() => live && setHydrated(true));
    return () => {
      live = false;
    };
  }, []);
  return hydrated;
}
