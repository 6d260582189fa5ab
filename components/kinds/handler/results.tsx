'use client';
/**
 * The handler kind's results: the run's frames, upstream calls, logs, lifecycle and
 * checks in tabs (components/results/results-panel.tsx). The request editor and the
 * health scenario picker stay in the workspace, above the results.
 */
import { ResultsPanel } from '@/components/results/results-panel';
import type { RunRecord } from '@/lib/engine/run';
import type { KindResultsProps, KindViews } from '../types';

function HandlerResults({ lab, record, report, phase, totalMs }: KindResultsProps) {
  return (
    <ResultsPanel
      record={record as RunRecord | null}
      checks={report?.checks ?? null}
      report={report}
      checking={phase !== 'idle'}
      tasks={lab.tasks}
      upstreams={lab.upstreams}
      totalMs={totalMs}
      editorFields={lab.meta.queryEditor?.fields}
    />
  );
}

const views: KindViews = { Results: HandlerResults };
export default views;
