import { useMemo } from 'react';
import type { LogEntry } from '@/lib/runtime/wire';
import { secretMasker } from '@/lib/redact';
import { maskDeep } from '@/lib/view/mask';
import { LogLines } from './log-lines';

const sinceStart = (atMs: number) => `+${atMs} ms`;

/**
 * What the handler logged, as structured entries: level, time, message, fields. Logs
 * from a run's view model (`toRunView`) are masked already; `secrets` is only for logs
 * that did not come through it (e.g. an exercise's own record).
 */
export function LogsView({ logs: given, secrets }: { logs: LogEntry[]; secrets?: readonly string[] }) {
  const logs = useMemo(() => (secrets ? maskDeep(given, secretMasker(secrets)) : given), [given, secrets]);
  const lines = useMemo(() => logs.map((entry, index) => ({ index, entry })), [logs]);
  if (logs.length === 0) return <p className="text-sm text-muted">Nothing was logged. Use ctx.logger.info(message, fields) in the handler.</p>;
  return <LogLines lines={lines} caption="Log entries" timeHeading="Time" formatTime={sinceStart} markConsole />;
}
