'use client';
/** ROLLBACK.md as it ran: each command at its line, what kubectl answered, and whether it changed anything. */
import type { PlanStepResult } from '@/lib/kinds/artifact/kubernetes/result';

const OUTCOME: Record<PlanStepResult['outcome'], { label: string; tone: string }> = {
  ran: { label: 'ran', tone: 'text-ok' },
  read: { label: 'read only', tone: 'text-muted' },
  error: { label: 'kubectl refused', tone: 'text-bad' },
  'not-modelled': { label: 'not modelled', tone: 'text-warn' },
};

export function PlanSteps({ steps, at }: { steps: PlanStepResult[]; at: number }) {
  if (!steps.length)
    return (
      <p className="text-sm text-warn" data-testid="plan-steps">
        ROLLBACK.md has no kubectl command in a code block, so nothing ran at {at} s. Put the commands in a ```sh block.
      </p>
    );
  return (
    <div className="space-y-2" data-testid="plan-steps">
      <p className="text-sm text-muted">At {at} s, while the broken release was rolling out, these commands ran in order:</p>
      <ol className="space-y-2">
        {steps.map((s, i) => (
          <li key={i} className="rounded border border-border p-2">
            <p className="text-xs">
              <code className="text-white">ROLLBACK.md:{s.line}</code> <code>{s.command}</code> <span className={OUTCOME[s.outcome].tone}>· {OUTCOME[s.outcome].label}</span>
            </p>
            <pre className="mt-1 whitespace-pre-wrap text-xs text-muted">{s.output}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
