import type { RunRecord } from '@/lib/engine/run';
import type { CheckHealthResult } from '@/lib/sdk/contract';

/** Like Grafana's "Save & test" message. */
export function HealthView({ record }: { record: RunRecord }) {
  if (!record.output.ok) return null;
  const result = record.output.value as CheckHealthResult;
  const ok = result.status === 'OK';
  return (
    <div role="status" className={`rounded border p-3 text-sm ${ok ? 'border-ok/60 bg-ok/10' : 'border-bad/60 bg-bad/10'}`}>
      <p className="font-semibold text-white">{ok ? '✓ Data source is working' : '✗ Health check failed'}</p>
      <p className="mt-1 whitespace-pre-wrap break-words">{result.message}</p>
    </div>
  );
}
