'use client';
/**
 * The log stream next to the requests it belongs to (Week 4, "Logs that an operator can
 * follow"). On the left, the requests Grafana sent, each with the correlation id its
 * lines carried; pick one to see, on the right, its lines and the upstream calls it made
 * with their `traceparent` (read strictly: a malformed header says why). Type a
 * correlation id (or its first digits) to filter the stream by it. Grouping and pairing
 * are lib/kinds/operate/log-stream.ts; keys are masked before anything is shown.
 */
import { plural } from '@/lib/format';
import { useId, useMemo, useState } from 'react';
import { LogLines } from '@/components/results/log-lines';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { filterGroups, logStream, type TraceGroup, type TracedCall } from '@/lib/kinds/operate/log-stream';
import { callOutcome, clockText } from '@/lib/kinds/operate/view';
import { secretMasker } from '@/lib/redact';
import { maskDeep } from '@/lib/view/mask';

/** Requests listed at once; a run has a few hundred. */
const LISTED = 1_000;

const at = (ms: number) => `${clockText(ms)}.${String(Math.floor(ms) % 1000).padStart(3, '0')}`;
const short = (id: string) => `${id.slice(0, 8)}…`;

export function LogStreamView({ record: given }: { record: OperateRunRecord }) {
  const record = useMemo(() => {
    const mask = secretMasker(given.instances.map((i) => i.apiKey));
    return { ...given, logs: maskDeep(given.logs, mask), upstream: maskDeep(given.upstream, mask) };
  }, [given]);
  const stream = useMemo(() => logStream(record), [record]);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<number | undefined>(() => stream.groups.find((g) => g.requestId !== undefined)?.requestId ?? record.schedule[0]?.id);
  const inputId = useId();

  const matching = useMemo(() => filterGroups(stream.groups, filter), [stream.groups, filter]);
  const filtering = filter.trim() !== '';
  const requests = useMemo(() => {
    if (!filtering) return record.schedule;
    const ids = new Set(matching.map((g) => g.requestId).filter((id): id is number => id !== undefined));
    return record.schedule.filter((e) => ids.has(e.id));
  }, [filtering, matching, record.schedule]);
  const current = record.schedule.find((e) => e.id === selected);
  const groups = selected !== undefined ? (stream.byRequest.get(selected) ?? []) : [];
  const unpaired = filtering ? matching.filter((g) => g.requestId === undefined) : [];

  return (
    <div className="space-y-2" data-testid="log-stream">
      <p className="text-sm">
        {plural(stream.groups.length, 'correlation id')} in {plural(record.logs.length, 'line')} and {plural(record.upstream.length, 'upstream call')}
        {stream.untraced.length > 0 ? `; ${plural(stream.untraced.length, 'line')} ${stream.untraced.length === 1 ? 'carries' : 'carry'} no traceID` : ''}
        {stream.untracedCalls.length > 0 ? `; ${plural(stream.untracedCalls.length, 'call')} sent no traceparent that could be read` : ''}. Times are virtual, since the run started.
      </p>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={inputId}>Correlation id</label>
        <input
          id={inputId}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="traceID, or its first digits"
          spellCheck={false}
          className="w-80 rounded border border-border bg-panel px-2 py-1 font-mono text-xs"
        />
        {filtering ? (
          <span className="text-xs text-muted" role="status">
            {plural(matching.length, 'id')} {matching.length === 1 ? 'matches' : 'match'}, in {plural(requests.length, 'request')}
          </span>
        ) : null}
      </div>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div tabIndex={0} className="max-h-[28rem] overflow-auto" aria-label="Requests, scrollable">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Requests Grafana sent, with the correlation id their lines carried</caption>
            <thead className="sticky top-0 bg-panel text-muted">
              <tr>
                <th scope="col" className="py-1">Request</th>
                <th scope="col">Instance</th>
                <th scope="col" className="pr-3 text-right">Lines</th>
                <th scope="col">traceID</th>
              </tr>
            </thead>
            <tbody>
              {requests.slice(0, LISTED).map((entry) => {
                const own = stream.byRequest.get(entry.id) ?? [];
                const lines = own.reduce((n, g) => n + g.lines.length, 0);
                const errors = Object.values(record.outcomes[entry.id]?.responses ?? {}).filter((r) => r.error).length;
                return (
                  <tr key={entry.id} className={`border-t border-border ${entry.id === selected ? 'bg-border/40' : ''}`}>
                    <td className="py-0.5">
                      <button type="button" aria-pressed={entry.id === selected} onClick={() => setSelected(entry.id)} className="text-left underline-offset-2 hover:underline">
                        #{entry.id} at {clockText(entry.atMs)}
                      </button>
                      {errors > 0 ? <span className="ml-1 text-bad">{errors} failed</span> : null}
                    </td>
                    <td className="font-mono">{entry.instanceUid}</td>
                    <td className="pr-3 text-right">{lines}</td>
                    <td className="font-mono">{own.length === 0 ? <span className="text-muted">none</span> : own.map((g) => short(g.traceId)).join(', ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {requests.length > LISTED ? <p className="text-xs text-muted">The first {LISTED} of {requests.length} requests are listed.</p> : null}
          {requests.length === 0 ? <p className="py-2 text-xs text-muted">No request carried a correlation id starting with that text.</p> : null}
        </div>
        <div className="min-w-0 space-y-3">
          {current ? <RequestDetail entry={current} record={record} groups={groups} untracedCalls={stream.untracedCalls} /> : <p className="text-sm text-muted">Pick a request to see its lines and upstream calls.</p>}
          {unpaired.map((g) => (
            <section key={g.traceId} aria-label={`Correlation id ${g.traceId}, not paired with a request`} className="space-y-1">
              <h4 className="text-sm text-white">traceID {g.traceId}: no request found for it</h4>
              <Lines lines={g.lines} />
              <Calls calls={g.calls} />
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

function RequestDetail({ entry, record, groups, untracedCalls }: { entry: OperateRunRecord['schedule'][number]; record: OperateRunRecord; groups: TraceGroup[]; untracedCalls: TracedCall[] }) {
  const outcome = record.outcomes[entry.id];
  // Calls with no readable traceparent cannot be tied to a request; show those made to its instance while it was open.
  const base = record.instances.find((i) => i.uid === entry.instanceUid)?.baseUrl ?? '';
  const endedAt = outcome?.endedAtMs ?? Infinity;
  const nearby = untracedCalls.filter(({ call }) => call.url.startsWith(base) && call.startedAtMs >= entry.atMs && call.startedAtMs <= endedAt);
  return (
    <section aria-label={`Request ${entry.id}`} className="space-y-2">
      <h4 className="text-sm text-white">
        Request #{entry.id} at {at(entry.atMs)} · dashboard <span className="font-mono">{entry.dashboard}</span> · <span className="font-mono">{entry.instanceUid}</span> (org {entry.orgId})
      </h4>
      <ul className="text-xs">
        {entry.request.queries.map((q) => {
          const answer = outcome?.responses?.[q.refId];
          return (
            <li key={q.refId}>
              <span className="font-mono">{q.refId}</span> ({q.queryType || 'range'}):{' '}
              {outcome === undefined
                ? 'no outcome recorded'
                : outcome.status !== 'answered'
                  ? <span className="text-bad">{outcome.status}</span>
                  : answer?.error
                    ? <span className="text-bad">{answer.error.category}: {answer.error.message}</span>
                    : answer
                      ? `${answer.series} series, ${answer.points} points`
                      : <span className="text-warn">missing from the answer</span>}
            </li>
          );
        })}
      </ul>
      {groups.length === 0 ? (
        <p className="text-xs text-warn">No line or call could be tied to this request: its lines carry no traceID, and its calls no traceparent that could be read.</p>
      ) : (
        groups.map((g) => (
          <div key={g.traceId} className="space-y-1">
            <p className="text-xs">
              traceID <code className="font-mono text-white">{g.traceId}</code>
              {groups.length > 1 ? <span className="ml-1 text-warn">(one of {groups.length} ids in this request)</span> : null}
            </p>
            <Lines lines={g.lines} />
            <Calls calls={g.calls} />
          </div>
        ))
      )}
      {nearby.length > 0 ? (
        <div className="space-y-1">
          <p className="text-xs text-warn">Calls to this instance while the request was open, with no traceparent that could be read (they may be this request's or another's):</p>
          <Calls calls={nearby} />
        </div>
      ) : null}
    </section>
  );
}

function Lines({ lines }: { lines: TraceGroup['lines'] }) {
  if (lines.length === 0) return <p className="text-xs text-muted">No lines carried this id.</p>;
  return <LogLines lines={lines} caption={`Log lines (${lines.length})`} captionVisible timeHeading="At" formatTime={at} density="compact" />;
}

function Calls({ calls }: { calls: TracedCall[] }) {
  if (calls.length === 0) return <p className="text-xs text-muted">No upstream call carried this id.</p>;
  return (
    <table className="w-full text-left text-xs">
      <caption className="pb-1 text-left text-muted">Upstream calls ({calls.length})</caption>
      <thead className="text-muted">
        <tr>
          <th scope="col" className="py-0.5">#</th>
          <th scope="col">At</th>
          <th scope="col">Answer</th>
          <th scope="col">traceparent</th>
        </tr>
      </thead>
      <tbody>
        {calls.map(({ call, traceparent, parsed }) => (
          <tr key={call.seq} className="border-t border-border">
            <td className="py-0.5">{call.seq}</td>
            <td>{at(call.startedAtMs)}</td>
            <td className={call.status !== undefined && call.status < 300 ? 'text-ok' : 'text-bad'}>{callOutcome(call)}</td>
            <td className="break-all font-mono">
              {traceparent ?? <span className="text-muted">none</span>}
              {parsed.ok ? null : <span className="ml-1 font-sans text-bad">({parsed.reason})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
