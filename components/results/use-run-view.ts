'use client';
/**
 * The view model of the shown run (`toRunView`), computed once per record. lib/view
 * pulls in @grafana/data, so it loads on demand, keeping it out of the lab page's first
 * load; it starts loading when the results panel mounts, long before the first Run ends.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RunRecord } from '@/lib/engine/run';
import type { RunView, TraceOptions } from '@/lib/view';

type ViewModule = typeof import('@/lib/view');
let loaded: ViewModule | undefined;

export type RunViewState = { view: RunView } | { error: string } | { loading: true } | null;

export function useRunView(record: RunRecord | null, editorFields: TraceOptions['editorFields']): RunViewState {
  const [mod, setMod] = useState<ViewModule | undefined>(loaded);
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    if (mod) return;
    let live = true;
    import('@/lib/view').then(
      (m) => {
        loaded = m;
        if (live) setMod(m);
      },
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [mod]);
  return useMemo(() => {
    if (!record) return null;
    if (loadError) return { error: `Could not load the results views (${loadError}). Reload the page to try again.` };
    if (!mod) return { loading: true };
    try {
      return { view: mod.toRunView(record, { editorFields }) };
    } catch (e) {
      return { error: `Could not prepare this run's results: ${e instanceof Error ? e.message : String(e)}.` };
    }
  }, [mod, loadError, record, editorFields]);
}
