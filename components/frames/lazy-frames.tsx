'use client';
/**
 * Client-only entry points for the frame views. @grafana/ui touches `window` and
 * ResizeObserver at import time and weighs ~440 KB gz, so the views load on demand
 * and never during prerender. Import these, not the view modules.
 */
import dynamic from 'next/dynamic';
import { createElement, memo, startTransition, useEffect, useState, type ComponentType } from 'react';
import type { FramesViewProps } from './use-frames-view';
import { afterGrafanaStages, evaluateGrafanaInStages } from './grafana-stages';

function Loading({ what, error }: { what: string; error?: Error | null }) {
  if (error) {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not load the {what}: {error.message}. Reload the page to try again.
      </p>
    );
  }
  return (
    <p role="status" className="animate-pulse rounded border border-border bg-panel p-3 text-sm text-muted">
      Loading the {what}…
    </p>
  );
}

/**
 * A frame view loaded on demand. While its module has not loaded, an instance renders
 * through next/dynamic (a Suspense boundary with the loading note). An instance mounted
 * once the module is loaded (by `preloadFrameViews`, or an earlier render) renders the
 * view directly. Why: a boundary that suspends shows its fallback for React's reveal
 * throttle (300 ms) even when the chunk is already cached, so each page's first Run
 * showed its Panel or Data tab 300 ms late. An instance keeps the form it mounted with,
 * so a view never remounts (and loses its state) when the module arrives.
 *
 * A direct instance still shows the loading note for its first commit and draws the view
 * in a transition right after: drawing a big result (1M points) takes the page's thread
 * for 100 ms or more, and done in the same task as the update that brought the result, the
 * two made one task long enough to be felt.
 */
function onDemand(load: () => Promise<ComponentType<FramesViewProps>>, what: string) {
  let loaded: ComponentType<FramesViewProps> | null = null;
  let loading: Promise<ComponentType<FramesViewProps>> | null = null;
  const preload = () => {
    loading ??= afterGrafanaStages(load).then(
      (view) => (loaded = view),
      (error: unknown) => {
        loading = null; // a failed chunk load is tried again on the next render
        throw error;
      },
    );
    return loading;
  };
  const Dynamic = dynamic<FramesViewProps>(preload, { ssr: false, loading: ({ error }) => <Loading what={what} error={error} /> });
  function FrameView(props: FramesViewProps) {
    const [direct] = useState(() => loaded);
    const [drawn, setDrawn] = useState(false);
    useEffect(() => {
      if (direct) startTransition(() => setDrawn(true));
    }, [direct]);
    if (!direct) return <Dynamic {...props} />;
    return drawn ? createElement(direct, props) : <Loading what={what} />;
  }
  // Memoised: the results panel renders again at every change of a Run's state (each
  // check's result, the running grade), always with the same prepared view of the record;
  // without memo each of those renders drew every Table of a big result again, in one task.
  return Object.assign(memo(FrameView), { preload });
}

/** Grafana time series panel (plus tables for frames without time). */
export const LazyFramesPanel = onDemand(() => import('./frames-panel').then((m) => m.FramesPanel), 'Grafana panel');

/** Every frame in Grafana's Table, with its schema. */
export const LazyFramesData = onDemand(() => import('./frames-data').then((m) => m.FramesData), 'frame tables');

/** The /api/ds/query JSON with Copy and Download. */
export const LazyFramesJson = onDemand(() => import('./frames-json').then((m) => m.FramesJson), 'JSON view');

/**
 * Loads the three views' modules (@grafana/ui with them), so the first Run's results render
 * at once: @grafana/data a stage per task (grafana-stages.ts), then the Panel (which brings
 * @grafana/ui), then the other two.
 * `beforeEach` is awaited before each of those three steps (the lab page waits for a pause
 * in the learner's typing) and `beforeStage` before each stage (the lab page waits while a
 * Run is on; a stage is short enough to fall between two keystrokes). A view that a Run
 * needs meanwhile goes on with the stages itself. A failure is left for the view to report
 * when it renders.
 */
export async function preloadFrameViews(beforeEach: () => Promise<void> = () => Promise.resolve(), beforeStage?: () => Promise<void>): Promise<void> {
  const steps = [() => evaluateGrafanaInStages(beforeStage), () => LazyFramesPanel.preload(), () => Promise.all([LazyFramesData.preload(), LazyFramesJson.preload()])];
  try {
    for (const step of steps) {
      await beforeEach();
      await step();
    }
  } catch {
    // The view that needs the module loads it again and says why it could not.
  }
}

export type { FramesViewProps } from './use-frames-view';
export type { QueryResultView, QueryErrorView } from '@/lib/frames';
