/**
 * Structured log entries as a table: time, level, message, fields. Shared by the run's
 * Logs tab (./logs-view.tsx) and the operate Log stream (components/operate/log-stream-view.tsx),
 * which differ only in density, how time reads and whether the caption is visible;
 * each caller keeps its own empty state, since what to do about no lines differs.
 */
import type { LogEntry } from '@/lib/runtime/wire';

const LEVEL_STYLE: Record<LogEntry['level'], string> = {
  debug: 'text-muted',
  info: 'text-accent',
  warn: 'text-warn',
  error: 'text-bad',
};

/** Class names per density: `regular` for a tab of its own, `compact` inside a detail pane. */
const DENSITY = {
  regular: { table: 'text-sm', head: 'text-xs text-muted', cell: 'py-1', level: 'w-16', fields: 'break-all text-xs' },
  compact: { table: 'text-xs', head: 'text-muted', cell: 'py-0.5', level: 'w-12', fields: 'break-all' },
} as const;

/** A field map as `key=<JSON value>` pairs, so strings stay quoted and types stay readable. */
const fieldsText = (fields: LogEntry['fields']) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');

export interface LogLinesProps {
  /** The entries in order; `index` is the entry's place in the run's log, used as its key. */
  lines: readonly { index: number; entry: LogEntry }[];
  /** The table's accessible name (its caption). */
  caption: string;
  /** Show the caption above the table; otherwise it is for screen readers only. Default false. */
  captionVisible?: boolean;
  /** Heading of the time column. */
  timeHeading: string;
  /** The time cell's text for `atMs` (virtual ms since the run started). */
  formatTime: (atMs: number) => string;
  /** Default `regular`. */
  density?: keyof typeof DENSITY;
  /** Mark entries written with console.* rather than ctx.logger. Default false. */
  markConsole?: boolean;
}

export function LogLines({ lines, caption, captionVisible = false, timeHeading, formatTime, density = 'regular', markConsole = false }: LogLinesProps) {
  const d = DENSITY[density];
  return (
    <table className={`w-full text-left ${d.table}`}>
      <caption className={captionVisible ? 'pb-1 text-left text-muted' : 'sr-only'}>{caption}</caption>
      <thead className={d.head}>
        <tr>
          <th scope="col" className={`w-20 ${d.cell}`}>{timeHeading}</th>
          <th scope="col" className={d.level}>Level</th>
          <th scope="col">Message</th>
          <th scope="col">Fields</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {lines.map(({ index, entry }) => (
          <tr key={index} className="border-t border-border align-top">
            <td className={`${d.cell} text-muted`}>{formatTime(entry.atMs)}</td>
            <td className={LEVEL_STYLE[entry.level]}>{entry.level}</td>
            <td className="whitespace-pre-wrap break-words">
              {entry.message}
              {markConsole && entry.source === 'console' ? <span className="ml-2 text-xs text-muted">(console)</span> : null}
            </td>
            <td className={d.fields}>{fieldsText(entry.fields)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
