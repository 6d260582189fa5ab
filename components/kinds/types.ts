/**
 * What a lab kind's React views receive. Each kind keeps its views in
 * `components/kinds/<kind>/`; `components/kinds/registry.tsx` maps a kind id to them.
 * Views only read: the lab session (lib/session/) owns the files, the run and the grade.
 */
import type { ComponentType } from 'react';
import type { LabPageData } from '@/components/lab/lab-types';
import type { GradeReport } from '@/lib/grading/contract';
import type { RunPhase, RunRecordBase } from '@/lib/kinds/types';

export interface KindResultsProps<TRecord extends RunRecordBase = RunRecordBase> {
  lab: LabPageData;
  /** The last Run's record, or null before the first Run. */
  record: TRecord | null;
  /** The checks of the last Run (pending / running entries while it is in flight), or null. */
  report: GradeReport | null;
  phase: RunPhase;
  /** Run pressed → last check settled, ms, once the last Run ended. */
  totalMs?: number;
}

export interface KindViews {
  /** The results area under the editor: tabs, pictures, the checks. */
  Results: ComponentType<KindResultsProps>;
}
