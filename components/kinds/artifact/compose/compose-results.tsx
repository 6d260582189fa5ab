'use client';
/**
 * Results of a `compose` artifact lab: what is simulated and what is real, a one-line
 * verdict of `docker compose up`, then keyboard tabs for the timeline of the stack
 * coming up, the services (ports, health checks and every probe), what Grafana did
 * (plugin, provisioned data source, Save & test, the dashboard's panel, as the checks
 * model them), what the learner's own Week 2 code did against the stack, and the checks.
 * Files that do not parse, or keys the Compose schema refuses, show their errors at
 * their lines instead; nothing the learner typed is lost.
 */
import { useState } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { Tabs } from '@/components/ui/tabs';
import type { CheckHealthRunRecord } from '@/lib/engine/run';
import type { ComposeRunRecord } from '@/lib/kinds/artifact/compose/page';
import type { ComposeResult } from '@/lib/kinds/artifact/compose/result';
import { ArtifactStates } from '../artifact-states';
import { StackTimeline } from './stack-timeline';
import { Week2Payoff } from './week2-payoff';

const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'services', label: 'Services' },
  { id: 'grafana', label: 'Grafana' },
  { id: 'week2', label: 'Your Week 2 code' },
  { id: 'checks', label: 'Checks' },
];

const secs = (ms?: number) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

export default function ComposeResults(props: KindResultsProps) {
  const [tab, setTab] = useState('timeline');
  const payoff = (props.record as ComposeRunRecord | null)?.payoff;
  return (
    <ArtifactStates<ComposeResult>
      {...props}
      simulation="compose"
      idleText="Press Run to validate docker-compose.yml against the Compose specification and simulate docker compose up, Grafana's provisioning and Save & test."
      runningText="Simulating docker compose up…"
      parseTitle={() => 'Docker Compose would refuse these files, so nothing starts. Your text is kept in the editor, with each problem marked at its line.'}
      parseAdvice="A key the Compose specification does not know is often a typo or a wrong indent: the key belongs one level up or down."
    >
      {(result, checks) => (
        <div className="space-y-2" data-testid="artifact-results">
          <ul className="text-xs text-muted" data-testid="simulated-note" aria-label="What is simulated and what is real">
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <p className="text-sm" aria-live="polite">
            {result.up.ok ? <strong className="text-ok">The stack is up</strong> : <strong className="text-bad">The stack did not come up</strong>}
            <span className="text-muted"> · {result.up.message}</span>
            {result.grafana ? (
              <span className="text-muted">
                {' '}
                · Save & test: <span className={result.grafana.saveAndTest.status === 'OK' ? 'text-ok' : 'text-bad'}>{result.grafana.saveAndTest.status === 'not-run' ? 'not run' : result.grafana.saveAndTest.status}</span>
              </span>
            ) : null}
            {payoff?.health ? (
              <span className="text-muted">
                {' '}
                · your Week 2 Save & test: <PayoffVerdict output={payoff.health.record.output} />
              </span>
            ) : null}
          </p>
          {result.warnings.length ? (
            <ul className="text-xs text-warn" aria-label="Warnings from docker compose">
              {result.warnings.map((w, i) => (
                <li key={i}>
                  {w.file}:{w.line}: {w.message}
                </li>
              ))}
            </ul>
          ) : null}
          <Tabs label="Compose results" tabs={TABS} selected={tab} onSelect={setTab}>
            <div className="pt-2">
              {tab === 'timeline' ? <StackTimeline result={result} /> : null}
              {tab === 'services' ? <ServicesTab result={result} /> : null}
              {tab === 'grafana' ? <GrafanaTab result={result} /> : null}
              {tab === 'week2' ? <Week2Payoff payoff={payoff} /> : null}
              {tab === 'checks' ? checks : null}
            </div>
          </Tabs>
        </div>
      )}
    </ArtifactStates>
  );
}

/** The Week 2 health check's answer in a word: its status, or that it did not answer. */
function PayoffVerdict({ output }: { output: CheckHealthRunRecord['output'] }) {
  if (!output.ok) return <span className="text-bad">no answer ({output.error.kind})</span>;
  return <span className={output.value.status === 'OK' ? 'text-ok' : 'text-bad'}>{output.value.status}</span>;
}

function ServicesTab({ result }: { result: ComposeResult }) {
  return (
    <div className="space-y-4" data-testid="compose-services">
      {result.services.map((s) => (
        <section key={s.name} aria-label={`Service ${s.name}`} className="space-y-1 text-sm">
          <h3 className="font-semibold text-white">
            {s.name} <span className="font-normal text-muted">(line {s.line})</span>
          </h3>
          <p className="text-xs text-muted">
            {s.image || 'no image'}: modelled as {s.modelledAs}
          </p>
          <p className="text-xs">
            Started {secs(s.startedAtMs)} · answering {secs(s.readyAtMs)} · healthy {secs(s.healthyAtMs)}
            {s.unhealthyAtMs !== undefined ? ` · unhealthy ${secs(s.unhealthyAtMs)}` : ''}
            {s.notStarted ? ` · not started: ${s.notStarted}` : ''}
          </p>
          {s.dependsOn.length ? <p className="text-xs">depends_on: {s.dependsOn.map((d) => `${d.service} (${d.condition})`).join(', ')}</p> : null}
          {result.hostPorts.filter((p) => p.service === s.name).map((p) => (
            <p key={`${p.host}-${p.container}`} className={`text-xs ${p.answers ? 'text-ok' : 'text-bad'}`}>
              line {p.line}: {p.message}
            </p>
          ))}
          {s.healthcheck ? (
            <div className="text-xs">
              <p>
                Health check (line {s.healthcheck.line}): <code>{s.healthcheck.test}</code> · interval {s.healthcheck.interval}, timeout {s.healthcheck.timeout}, retries {s.healthcheck.retries}, start_period{' '}
                {s.healthcheck.startPeriod}
              </p>
              <table className="mt-1 text-left">
                <caption className="sr-only">Health probes of {s.name}</caption>
                <thead>
                  <tr>
                    <th className="pr-3">at</th>
                    <th className="pr-3">exit</th>
                    <th className="pr-3">counted</th>
                    <th>output</th>
                  </tr>
                </thead>
                <tbody>
                  {s.probes.map((p, i) => (
                    <tr key={i}>
                      <td className="pr-3">{secs(p.atMs)}</td>
                      <td className={`pr-3 ${p.exitCode === 0 ? 'text-ok' : 'text-bad'}`}>{p.exitCode}</td>
                      <td className="pr-3">{p.exitCode === 0 ? '–' : p.counted ? 'yes' : 'no (start_period)'}</td>
                      <td className="font-mono">{p.output}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-xs text-muted">No health check.</p>
          )}
        </section>
      ))}
    </div>
  );
}

function GrafanaTab({ result }: { result: ComposeResult }) {
  const g = result.grafana;
  if (!g) return <p className="text-sm text-muted">No service runs a grafana/grafana image.</p>;
  const ds = g.datasource;
  return (
    <div className="space-y-3 text-sm" data-testid="compose-grafana">
      <p className={g.plugin.loaded ? 'text-ok' : 'text-bad'}>Plugin: {g.plugin.message}</p>
      <section aria-label="Provisioned data source" className="space-y-1">
        <h3 className="font-semibold text-white">Provisioned data source</h3>
        {ds ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            <dt>name / uid</dt>
            <dd>
              {ds.name} / {ds.uid}
            </dd>
            <dt>type</dt>
            <dd>{ds.type}</dd>
            <dt>jsonData.baseUrl</dt>
            <dd>{ds.baseUrl || '(not set: the plugin reads its address here)'}</dd>
            {ds.url ? (
              <>
                <dt>url</dt>
                <dd>{ds.url} (Grafana&apos;s own field; this plugin does not read it)</dd>
              </>
            ) : null}
            <dt>secureJsonData.apiKey</dt>
            <dd>
              {ds.apiKeySet ? '••••' : '(empty)'} · {ds.apiKeySource === 'environment' ? 'from an environment variable' : ds.apiKeySource === 'file' ? 'written in the file' : 'not set'}
              {ds.unsetVariables.length ? ` · unset in Grafana's environment: ${ds.unsetVariables.map((v) => `$${v}`).join(', ')}` : ''}
            </dd>
          </dl>
        ) : (
          <p className="text-xs text-bad">No data source of the plugin's type was provisioned.</p>
        )}
      </section>
      <section aria-label="Save and test" className="space-y-1">
        <h3 className="font-semibold text-white">Save & test (modelled on the reference Week 2 health check)</h3>
        <p className={g.saveAndTest.status === 'OK' ? 'text-ok' : 'text-bad'} data-testid="save-and-test">
          {g.saveAndTest.status === 'not-run' ? 'Not run' : g.saveAndTest.status}: {g.saveAndTest.message}
        </p>
        <ul className="text-xs font-mono">
          {g.saveAndTest.steps.map((s, i) => (
            <li key={i}>
              {s.request} → {s.outcome}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Provisioned dashboards" className="space-y-1">
        <h3 className="font-semibold text-white">Dashboards</h3>
        {g.dashboards.length ? (
          g.dashboards.map((d) => (
            <div key={d.file} className="text-xs">
              <p>
                {d.title} ({d.file})
              </p>
              <ul>
                {d.panels.map((p, i) => (
                  <li key={i} className={p.ok ? 'text-ok' : 'text-bad'}>
                    {p.title}: query <code>{p.query || '(none)'}</code> via {p.resolvedTo ?? p.datasourceUid ?? 'the default data source'}
                    {p.request ? <span className="font-mono text-muted"> · {p.request}</span> : null} → {p.outcome}
                  </li>
                ))}
              </ul>
            </div>
          ))
        ) : (
          <p className="text-xs text-bad">No dashboard was provisioned.</p>
        )}
        <p className="text-xs text-muted">
          Each panel shows the request the reference Week 2 handler sends and whether the API answered it: that is what the checks grade. Your own Week 2 code draws the panel in the next tab.
        </p>
      </section>
      {g.logs.length ? (
        <ul className="text-xs text-warn" aria-label="Grafana's provisioning log">
          {g.logs.map((l, i) => (
            <li key={i}>
              {l.file ? `${l.file}${l.line ? `:${l.line}` : ''}: ` : ''}
              {l.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
