'use client';
/**
 * The Compose lab's payoff: what the learner's own Week 2 code did against the stack
 * (lib/kinds/artifact/compose/payoff.ts). Save & test as their health check answered it,
 * in Grafana's alert; each dashboard panel on the plugin's data source drawn from the
 * frames their query handler returned, in Grafana's time series panel; every request
 * each run made. It says whose code ran (theirs, saved when; or the reference) and what
 * happened when the code threw, timed out or was stopped. Secrets are masked by the
 * run views (the key is a stand-in anyway).
 */
import { plural } from '@/lib/format';
import { useMemo, type ReactNode } from 'react';
import { LazyFramesPanel } from '@/components/frames/lazy-frames';
import { HealthView } from '@/components/results/health-view';
import { RunErrorView } from '@/components/results/run-error-view';
import { UpstreamView } from '@/components/results/upstream-view';
import type { RunRecord } from '@/lib/engine/run';
import type { ComposePayoff } from '@/lib/kinds/artifact/compose/payoff';
import type { Week2CodeInfo } from '@/lib/kinds/artifact/compose/week2';
import { formatWhen } from '@/lib/progress/format-time';
import { toRunView } from '@/lib/view';

/** Where the mock answered: the data source's own address in the stack. */
function stackUpstreams(record: RunRecord) {
  const base = record.request.pluginContext.dataSourceInstanceSettings.jsonData.baseUrl;
  return [{ name: 'the metrics API in your stack', baseUrl: typeof base === 'string' && base ? base : '(jsonData.baseUrl is not set)' }];
}

function WhoseCode({ code, what }: { code: Week2CodeInfo; what: string }) {
  return (
    <p className="text-xs text-muted" data-testid="week2-source">
      {what}:{' '}
      {code.source.kind === 'saved' ? (
        <>
          <strong className="text-white">your Week 2 code</strong> from “{code.title}” ({code.entry}), saved {formatWhen(code.source.savedAt)}.
        </>
      ) : (
        <>
          <strong className="text-white">the course&apos;s reference</strong> solution of “{code.title}” ({code.entry}), because no work is saved for that lab here.
        </>
      )}
    </p>
  );
}

function RunOutcome({ record, children }: { record: RunRecord; children: (view: ReturnType<typeof toRunView>) => ReactNode }) {
  const view = useMemo(() => toRunView(record), [record]);
  return (
    <div className="space-y-2">
      {view.runError ? <RunErrorView error={view.runError} /> : children(view)}
      <details>
        <summary className="cursor-pointer text-xs text-muted">Requests it made ({view.upstream.length})</summary>
        <div className="pt-2">
          <UpstreamView calls={view.upstream} upstreams={stackUpstreams(record)} />
        </div>
      </details>
    </div>
  );
}

export function Week2Payoff({ payoff }: { payoff: ComposePayoff | undefined }) {
  if (!payoff) return <p className="text-sm text-muted">Press Run: once the stack is up, your Week 2 code answers Save &amp; test and the dashboard here.</p>;
  if (payoff.skipped || !payoff.health || !payoff.query) {
    return (
      <p className="text-sm text-muted" data-testid="week2-payoff">
        {payoff.skipped ?? 'Your Week 2 code did not run.'}
      </p>
    );
  }
  const { health, query } = payoff;
  return (
    <div className="space-y-4 text-sm" data-testid="week2-payoff">
      <p className="text-xs text-muted">
        Your Week 2 code ran in this browser&apos;s sandbox, with the data source&apos;s settings as provisioned, against a mock that answered at its base URL as the simulated stack did when Save
        &amp; test was pressed. The key it received stands in for the provisioned one: the mock accepts it exactly when the stack&apos;s API accepted Grafana&apos;s key. The checks do not grade
        this part.
      </p>
      <section aria-label="Save and test, by your Week 2 health check" className="space-y-1">
        <h3 className="font-semibold text-white">Save &amp; test</h3>
        <WhoseCode code={health.code} what="checkHealth" />
        <RunOutcome record={health.record}>{(view) => (view.health ? <HealthView health={view.health} /> : null)}</RunOutcome>
      </section>
      <section aria-label="The dashboard, by your Week 2 query handler" className="space-y-2">
        <h3 className="font-semibold text-white">The dashboard</h3>
        <WhoseCode code={query.code} what="queryData" />
        {query.panels.length === 0 ? <p className="text-xs text-muted">No provisioned panel to draw.</p> : null}
        {query.panels.map((panel, i) => (
          <div key={i} className="space-y-1" data-testid="week2-panel">
            <p className="text-xs">
              {panel.dashboard} / <strong className="text-white">{panel.title}</strong>: query <code>{panel.query || '(none)'}</code>
            </p>
            {panel.record ? <RunOutcome record={panel.record}>{(view) => <LazyFramesPanel view={view.frames} />}</RunOutcome> : <p className="text-xs text-bad">Not run: {panel.skipped}</p>}
          </div>
        ))}
        {payoff.panelsLeftOut ? <p className="text-xs text-muted">{plural(payoff.panelsLeftOut, 'more panel')} not run: a Run draws the first few.</p> : null}
      </section>
    </div>
  );
}
