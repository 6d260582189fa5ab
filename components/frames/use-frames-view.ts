/**
 * The props every frame view (Panel, Data, JSON) takes: the prepared `FramesView` of a
 * run (what the results panel passes, from `toRunView`), or bare query results that
 * are prepared here (for charts outside a run, such as the memory exercise).
 */
import { useMemo } from 'react';
import type { QueryResultView } from '@/lib/frames';
import { toFramesView, type FramesView } from '@/lib/view';

export type FramesViewProps =
  | { view: FramesView }
  | {
      /** One entry per refId, in request order. */
      results: QueryResultView[];
      /** Most points drawn per series (the panel's width in Grafana). Default: no limit. */
      maxDataPoints?: number;
      /** The range the queries asked for, epoch ms. Default: the data's own extent. */
      timeRange?: { from: number; to: number };
    };

export function useFramesView(props: FramesViewProps): FramesView {
  const given = 'view' in props ? props.view : undefined;
  const results = 'results' in props ? props.results : undefined;
  const maxDataPoints = 'results' in props ? props.maxDataPoints : undefined;
  const from = 'results' in props ? props.timeRange?.from : undefined;
  const to = 'results' in props ? props.timeRange?.to : undefined;
  return useMemo(
    () => given ?? toFramesView(results ?? [], { maxDataPoints, timeRange: from !== undefined && to !== undefined ? { from, to } : undefined }),
    [given, results, maxDataPoints, from, to],
  );
}
