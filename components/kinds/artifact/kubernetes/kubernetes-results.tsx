'use client';
/**
 * Results of a `kubernetes` artifact lab: what is real and what is modelled, a verdict
 * line, then keyboard tabs: Scenarios (pick one; its pods over time, its traffic, its
 * events), Rollback (ROLLBACK.md as it ran), Config (environment, QoS, memory) and Checks.
 * Manifests that do not parse, or that the API server would refuse, show their errors
 * (each at its line) and the grade's one message instead.
 */
import { useId, useState } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { Tabs } from '@/components/ui/tabs';
import type { KubernetesResult, KubernetesScenario } from '@/lib/kinds/artifact/kubernetes/result';
import { ArtifactStates } from '../artifact-states';
import { ConfigPanel } from './config-panel';
import { PlanSteps } from './plan-steps';
import { PodTimeline } from './pod-timeline';
import { TrafficChart } from './traffic-chart';

export const SIMULATED_NOTE =
  'Simulated: no cluster runs. Real: YAML parsing (yaml) and the Kubernetes API schema (kubernetes-models). Kubernetes behaviour, simulated on virtual time: rolling updates, probes, restarts, OOM kills, endpoints, env from ConfigMaps and Secrets, the HPA. Modelled: the backend, the traffic and the upstream.';

const TABS = [
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'rollback', label: 'Rollback' },
  { id: 'config', label: 'Config' },
  { id: 'checks', label: 'Checks' },
];

export default function KubernetesResults(props: KindResultsProps) {
  const [tab, setTab] = useState('scenarios');
  const [picked, setPicked] = useState<KubernetesScenario['id']>('bad-rollout');
  return (
    <ArtifactStates<KubernetesResult>
      {...props}
      simulation="kubernetes"
      idleText="Press Run to apply your manifests to a simulated cluster and replay seven scenarios: a broken release and your rollback, a slow start, an upstream outage, a hang, memory, a config change and a traffic spike."
      runningText="Applying the manifests and replaying the scenarios…"
      parseTitle={(errors) => `The manifests cannot be applied (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}), so no scenario ran. Your text is kept in the editor, with each problem marked at its line.`}
      parseAdvice="Errors come from the YAML parser, the Kubernetes API schema, or rules the API server enforces beyond it."
    >
      {(result, checks) => {
        const scenario = result.scenarios.find((s) => s.id === picked) ?? result.scenarios[0];
        const restarts = result.scenarios.reduce((n, s) => n + s.pods.reduce((m, p) => m + p.restarts.length, 0), 0);
        const failed = result.scenarios.reduce((n, s) => n + s.series.failed.reduce((a, b) => a + b, 0), 0);
        return (
          <div className="space-y-2" data-testid="artifact-results">
            <p className="text-xs text-muted" data-testid="simulated-note">
              {SIMULATED_NOTE}
            </p>
            <p className="text-sm" aria-live="polite">
              <strong className="text-white">
                {result.objects.length} objects applied, {result.scenarios.length} scenarios replayed
              </strong>
              <span className="text-muted">
                {' '}
                · {restarts} container restarts and {Math.round(failed)} failed queries across all scenarios
              </span>
            </p>
            <Tabs label="Kubernetes results" tabs={TABS} selected={tab} onSelect={setTab}>
              <div className="pt-2">
                {tab === 'scenarios' && scenario ? <ScenarioView result={result} scenario={scenario} onPick={setPicked} /> : null}
                {tab === 'rollback' ? <PlanSteps steps={result.scenarios.find((s) => s.id === 'bad-rollout')?.plan ?? []} at={result.scenarios.find((s) => s.id === 'bad-rollout')?.marks[1]?.at ?? 0} /> : null}
                {tab === 'config' ? <ConfigPanel result={result} /> : null}
                {tab === 'checks' ? checks : null}
              </div>
            </Tabs>
          </div>
        );
      }}
    </ArtifactStates>
  );
}

function ScenarioView({ result, scenario, onPick }: { result: KubernetesResult; scenario: KubernetesScenario; onPick: (id: KubernetesScenario['id']) => void }) {
  const selectId = useId();
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor={selectId} className="text-sm text-muted">
          Scenario
        </label>
        <select id={selectId} value={scenario.id} onChange={(e) => onPick(e.target.value as KubernetesScenario['id'])} className="rounded border border-border bg-canvas px-2 py-1 text-sm">
          {result.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs" data-testid="scenario-facts">
        <dt className="text-muted">Simulates</dt>
        <dd>{scenario.simulates}</dd>
        <dt className="text-muted">Kubernetes behaviour</dt>
        <dd>{scenario.kubernetes}</dd>
        <dt className="text-muted">Model</dt>
        <dd>{scenario.model}</dd>
      </dl>
      <PodTimeline scenario={scenario} />
      <TrafficChart scenario={scenario} />
      <details className="text-xs" open={scenario.events.length <= 8}>
        <summary className="cursor-pointer text-muted">Events ({scenario.events.length})</summary>
        <ul className="mt-1 space-y-0.5" aria-label="Cluster events">
          {scenario.events.map((e, i) => (
            <li key={i} className={e.warning ? 'text-warn' : ''}>
              <span className="text-muted">{e.at} s</span> {e.source}: {e.message}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
