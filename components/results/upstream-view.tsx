import { useMemo } from 'react';
import { formatBytes } from '@/lib/format';
import { secretMasker } from '@/lib/redact';
import { maskCalls } from '@/lib/view/mask';
import type { UpstreamView as Call } from '@/lib/view';

interface Props {
  /** The run's upstream requests from its view model (`toRunView`), secrets masked. */
  calls: Call[];
  /**
   * Only for calls that did not come through `toRunView` (e.g. an exercise's own
   * record): the secrets to mask; credential headers are then hidden here too.
   */
  secrets?: readonly string[];
  upstreams: { name: string; baseUrl: string }[];
}

/** What the durations are: every run's upstream calls are timed on its virtual clock (docs/decisions/0004-virtual-time.md). */
const VIRTUAL_NOTE = "virtual ms: the lab's clock, not your machine's";

/** Every request the handler made, with a small waterfall so slow calls stand out. Durations are virtual ms. */
export function UpstreamView({ calls: given, secrets, upstreams }: Props) {
  const calls: Call[] = useMemo(() => (secrets ? maskCalls(given, secretMasker(secrets)) : given), [given, secrets]);
  if (calls.length === 0) {
    return (
      <p className="text-sm text-muted">
        The handler made no upstream requests in this run. Mocked upstreams: {upstreams.map((u) => `${u.name} at ${u.baseUrl}`).join('; ')}.
      </p>
    );
  }
  const end = Math.max(1, ...calls.map((c) => c.startedAtMs + c.durationMs));
  return (
    <>
    <p className="mb-2 text-xs text-muted">
      Durations are in {VIRTUAL_NOTE}. Latency, hangs and timeouts run on a clock that moves only while the handler waits, so they read the same on any machine.
    </p>
    <ol className="space-y-2" aria-label="Upstream requests">
      {calls.map((call) => (
        <li key={call.seq} className="rounded border border-border bg-panel p-2 text-sm">
          <details>
            <summary className="cursor-pointer">
              <span className="font-mono">
                {call.method} {call.url}
              </span>
              <span className={`ml-2 font-semibold ${call.status && call.status < 400 ? 'text-ok' : 'text-bad'}`}>
                {call.status ?? `failed: ${call.error}`}
              </span>
              <span className="ml-2 text-muted">
                <span title={VIRTUAL_NOTE}>{call.durationMs} virtual ms</span> · {formatBytes(call.responseBytes)}
              </span>
            </summary>
            <HeaderTable title="Request headers" headers={call.requestHeaders} />
            <HeaderTable title="Response headers" headers={call.responseHeaders} />
            {call.body ? (
              <div className="mt-2 text-xs">
                <p className="text-muted">
                  Response body{call.body.truncated ? ` (the first ${call.body.text.length.toLocaleString('en')} characters)` : ''}
                </p>
                <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-canvas p-2 font-mono" tabIndex={0}>
                  {call.body.text}
                </pre>
              </div>
            ) : null}
          </details>
          <div className="mt-1 h-1.5 w-full rounded bg-panel-2" aria-hidden="true">
            <div
              className="h-1.5 rounded bg-accent"
              style={{ marginLeft: `${(call.startedAtMs / end) * 100}%`, width: `${Math.max(1, (call.durationMs / end) * 100)}%` }}
            />
          </div>
        </li>
      ))}
    </ol>
    </>
  );
}

function HeaderTable({ title, headers }: { title: string; headers: [string, string][] }) {
  if (headers.length === 0) return null;
  return (
    <table className="mt-2 w-full text-xs">
      <caption className="text-left text-muted">{title}</caption>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`}>
            <th scope="row" className="w-48 pr-2 text-left font-mono font-normal text-muted">
              {name}
            </th>
            <td className="break-all font-mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
