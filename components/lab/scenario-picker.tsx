'use client';
/** Picks how the mocked upstream behaves on the next Run (slow, 5xx, 429, hang…), with what that preset means. */
import { SCENARIO_PRESETS } from '@/lib/upstreams/scenario';

export function ScenarioPicker({ scenarioId, onChange, label = 'Upstream scenario' }: { scenarioId: string; onChange(id: string): void; label?: string }) {
  const preset = SCENARIO_PRESETS.find((p) => p.id === scenarioId);
  return (
    <>
      <label htmlFor="scenario" className="text-xs text-muted">
        {label}
      </label>
      <select id="scenario" value={scenarioId} onChange={(e) => onChange(e.target.value)} className="rounded border border-border bg-canvas px-2 py-1 text-xs">
        {SCENARIO_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      {preset ? <span className="text-xs text-muted">{preset.description}</span> : null}
    </>
  );
}
