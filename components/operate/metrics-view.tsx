'use client';
/**
 * The learner's own metrics, as the host's strict parser read them from each scrape:
 * problems first (a scrape that could not be read says which line broke which rule),
 * then every series with its last value, and the last scrape's text as exposed.
 */
import { useMemo } from 'react';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { clockText, labelsText, metricRows } from '@/lib/kinds/operate/view';

export function MetricsView({ record }: { record: OperateRunRecord }) {
  const { rows, more } = useMemo(() => metricRows(record.scrapes), [record.scrapes]);
  const problems = record.scrapes.filter((s) => s.error);
  if (record.noRegistry) {
    return <p className="text-sm text-muted">The entry file exports no `registry`, so there was nothing to scrape. Export the Registry your metrics are registered on (`export const registry = new Registry()`).</p>;
  }
  return (
    <div className="space-y-3">
      <p className="text-xs text-muted">
        {record.scrapes.length} scrapes of your registry, every 15 s of virtual time and once at the end. This is what your code reported; the Load and Upstream tabs are what the host saw.
      </p>
      {problems.length > 0 ? (
        <div role="alert" className="rounded border border-bad/60 p-2 text-sm">
          <p className="text-bad">
            {problems.length} of {record.scrapes.length} scrapes could not be used. The first, at {clockText(problems[0].atMs)}:
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words">{problems[0].error}</p>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <table className="w-full text-left text-xs" aria-label="Your metrics at the last scrape">
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1">Series</th>
              <th scope="col">Type</th>
              <th scope="col" className="text-right">Last value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.name}${labelsText(row.labels)}`} className="border-t border-border">
                <td className="break-all py-1 font-mono">
                  {row.name}
                  <span className="text-muted">{labelsText(row.labels)}</span>
                </td>
                <td>{row.type}</td>
                <td className="text-right font-mono">{Number.isInteger(row.last) ? row.last : row.last.toPrecision(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-muted">No series yet: a family shows once one of its series has a value.</p>
      )}
      {more > 0 ? <p className="text-xs text-muted">… and {more} more series, not listed.</p> : null}
      {record.lastScrapeText ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-muted">The last scrape, as your registry wrote it</summary>
          <pre tabIndex={0} className="mt-1 max-h-72 overflow-auto rounded bg-canvas p-2 font-mono">
            {record.lastScrapeText.slice(0, 20_000)}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
