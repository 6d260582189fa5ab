'use client';
/**
 * The host's record of upstream calls: totals by outcome, then the calls themselves
 * (the first 500), each with its virtual start, duration and what the upstream answered.
 * Keys never show: the table has no headers, and URLs carry none.
 */
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { callOutcome, clockText } from '@/lib/kinds/operate/view';

const SHOWN = 500;

export function UpstreamCalls({ record }: { record: OperateRunRecord }) {
  const byOutcome = new Map<string, number>();
  for (const call of record.upstream) byOutcome.set(callOutcome(call), (byOutcome.get(callOutcome(call)) ?? 0) + 1);
  const shown = record.upstream.slice(0, SHOWN);
  return (
    <div className="space-y-2">
      <p className="text-sm">
        {record.upstream.length.toLocaleString('en')} calls:{' '}
        {[...byOutcome.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${v} ${k}`)
          .join(', ') || 'none'}
        . Times are virtual, since the run started.
      </p>
      <div tabIndex={0} className="max-h-96 overflow-auto" aria-label="Upstream calls, scrollable">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Upstream calls as the host recorded them</caption>
          <thead className="sticky top-0 bg-panel text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3">#</th>
              <th scope="col" className="pr-3">At</th>
              <th scope="col" className="pr-3 text-right">Took (ms)</th>
              <th scope="col" className="pr-3">Answer</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((call) => (
              <tr key={call.seq} className="border-t border-border">
                <td className="py-0.5 pr-3">{call.seq}</td>
                <td className="pr-3">{clockText(call.startedAtMs)}.{String(call.startedAtMs % 1000).padStart(3, '0')}</td>
                <td className="pr-3 text-right">{call.durationMs}</td>
                <td className={`pr-3 ${call.status !== undefined && call.status < 300 ? 'text-ok' : 'text-bad'}`}>{callOutcome(call)}</td>
                <td className="break-all font-mono">{shortUrl(call.url)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {record.upstream.length > SHOWN ? <p className="text-xs text-muted">The first {SHOWN} of {record.upstream.length} calls are listed.</p> : null}
    </div>
  );
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(`${u.host}${u.pathname}?${u.searchParams.get('query') ?? ''}`);
  } catch {
    return url;
  }
}
