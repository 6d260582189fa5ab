import { useMemo } from 'react';
import type { LogEntry } from '@/lib/runtime/wire';
import { secretMasker } from '@/lib/redact';
import { maskDeep } from '@/lib/view/mask';

const LEVEL_STYLE: Record<LogEntry['level'], string> = {
  debug: 'text-muted',
  info: 'text-accent',
  warn: 'text-warn',
  error: 'text-bad',
};

/**
 * What the handler logged, as structured entries: level, time, message, fields. Logs
 * from a run's view model (`toRunView`) are masked already; `secrets` is only for logs
 * that did not come through it (e.g. an exercise's own record).
 */
export function LogsView({ logs: given, secrets }: { logs: LogEntry[]; secrets?: readonly string[] }) {
  const logs = useMemo(() => (secrets ? maskDeep(given, secretMasker(secrets)) : given), [given, secrets]);
  if (logs.length === 0) return <p className="text-sm text-muted">Nothing was logged. Use ctx.logger.info(message, fields) in the handler.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Log entries</caption>
      <thead className="text-xs text-muted">
        <tr>
          <th scope="col" className="w-20 py-1">Time</th>
          <th scope="col" className="w-16">Level</th>
          <th scope="col">Message</th>
          <th scope="col">Fields</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {logs.map((entry, i) => (
          <tr key={i} className="border-t border-border align-top">
            <td className="py-1 text-muted">+{entry.atMs} ms</td>
            <td className={LEVEL_STYLE[entry.level]}>{entry.level}</td>
            <td className="whitespace-pre-wrap break-words">
              {entry.message}
              {entry.source === 'console' ? <span className="ml-2 text-xs text-muted">(console)</span> : null}
            </td>
            <td className="break-all text-xs">
              {Object.entries(entry.fields)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                .join(' ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
