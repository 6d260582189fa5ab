'use client';
/**
 * What the toy plugin held after each request of a "Run ×N": a Grafana time series
 * panel (bytes and entries over the dashboard's clock) and the same numbers as a table,
 * for screen readers and exact values.
 */
import { useMemo } from 'react';
import { LazyFramesPanel, type QueryResultView } from '@/components/frames/lazy-frames';
import { formatBytes } from '@/lib/format';
import type { MemorySample } from '@/lib/exercises/repeat';

export function MemoryChart({ samples }: { samples: MemorySample[] }) {
  const results = useMemo<QueryResultView[]>(() => {
    const time = samples.map((s) => s.time);
    const frame = (name: string, unit: string, values: number[]) => ({
      schema: { refId: 'memory', fields: [{ name: 'Time', type: 'time' }, { name, type: 'number', config: { unit } }] },
      data: { values: [time, values] },
    });
    return [
      {
        refId: 'memory',
        frames: [frame('retained bytes', 'bytes', samples.map((s) => s.bytes)), frame('cache entries', 'short', samples.map((s) => s.entries))],
      },
    ] as unknown as QueryResultView[];
  }, [samples]);
  const timeRange = samples.length ? { from: samples[0].time, to: samples[samples.length - 1].time } : undefined;
  const first = samples[0];
  const last = samples[samples.length - 1];

  return (
    <div className="space-y-2">
      {first && last ? (
        <p className="text-sm">
          After request 1 the plugin held <strong>{formatBytes(first.bytes)}</strong> ({first.entries} entries); after request {last.request}, <strong>{formatBytes(last.bytes)}</strong> ({last.entries} entries).
        </p>
      ) : null}
      <LazyFramesPanel results={results} timeRange={timeRange} />
      <details>
        <summary className="cursor-pointer text-sm text-muted">Memory after each request (table)</summary>
        <table className="mt-1 w-full text-left text-sm">
          <caption className="sr-only">Memory held by the plugin after each request</caption>
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Cache entries</th>
              <th scope="col">Retained</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {samples.map((s) => (
              <tr key={s.request} className="border-t border-border">
                <td>{s.request}</td>
                <td>{s.entries}</td>
                <td>{formatBytes(s.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
