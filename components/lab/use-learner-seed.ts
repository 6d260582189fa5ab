'use client';
/**
 * A random id made once per browser and kept in localStorage, so options are shuffled
 * the same way for this learner on every visit (lib/labs/shuffle.ts). Not progress: it
 * is not exported in backups or submissions, and losing it only changes option order.
 * Null while rendering on the server and during hydration (authored order).
 */
import { useSyncExternalStore } from 'react';

const KEY = 'datasource-lab:learner-seed';
let cached: string | null = null;

function seed(): string {
  if (cached) return cached;
  try {
    cached = localStorage.getItem(KEY);
    if (!cached || !/^[\w-]{8,64}$/.test(cached)) {
      cached = crypto.randomUUID();
      localStorage.setItem(KEY, cached);
    }
  } catch {
    // Storage refused (private mode, quota): a seed for this page's life is enough.
    cached ??= Math.random().toString(36).slice(2, 12);
  }
  return cached;
}

const subscribe = () => () => undefined;

export function useLearnerSeed(): string | null {
  return useSyncExternalStore(subscribe, seed, () => null);
}
