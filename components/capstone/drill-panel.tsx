'use client';
/** The two rollback drills: pick one; its fleet over time and its outcome in words. */
import { useId, useState } from 'react';
import type { DrillInfo, ReleaseResult } from '@/lib/kinds/artifact/release/result';
import { FleetTimeline } from './fleet-timeline';

function outcomeText(d: DrillInfo): string {
  const o = d.outcome;
  if (d.id === 'good-release') {
    if (o.rolledBack) return `The alert fired at minute ${o.alertAt} and rolled a good release back to v${o.target ?? '?'}.`;
    return o.completedAt !== null ? `No rollback; every instance ran v1.4.0 from minute ${o.completedAt}; latest is v${o.latest}.` : 'No rollback, but the waves never reached the whole fleet.';
  }
  if (o.alertAt === null) return `The alert never fired: ${o.badInstances} instances served the bug until the end.`;
  const back = o.targetProblem ? `but ${o.targetProblem}` : o.targetHasBug ? `to v${o.target}, which carries the same bug` : `to v${o.target}`;
  const restored = o.minutesToRestore !== null ? `; every instance was back on a good version ${o.minutesToRestore} minutes after the first bad install` : '; some instances never got back to a good version';
  return `The alert fired at minute ${o.alertAt}, and the rollback went ${back}${restored}. ${o.badInstances} of ${d.instances.length} instances served the bug (the first wave had ${o.firstWaveSize}).`;
}

export function DrillPanel({ result }: { result: ReleaseResult }) {
  const [picked, setPicked] = useState<DrillInfo['id']>('bad-release');
  const selectId = useId();
  const drill = result.drills.find((d) => d.id === picked) ?? result.drills[0];
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="text-sm text-muted">
          Drill
        </label>
        <select id={selectId} value={drill.id} onChange={(e) => setPicked(e.target.value as DrillInfo['id'])} className="rounded border border-border bg-canvas px-2 py-1 text-sm">
          {result.drills.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      <p className="text-xs text-muted" data-testid="drill-model">
        {drill.model}
      </p>
      <p className="text-sm" data-testid="drill-outcome">
        {outcomeText(drill)}
      </p>
      <FleetTimeline drill={drill} />
    </div>
  );
}
