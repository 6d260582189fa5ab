/**
 * The second build, after a code-only change: each instruction reused from the cache
 * or rebuilt, by stage, with the bytes rebuilt. Shows whether the module download
 * survives an edit to a Go file.
 */
import type { DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';
import { formatBytes } from './format';

export function CacheTable({ result }: { result: DockerfileResult }) {
  const cache = result.picture.cacheAfterCodeChange;
  if (!cache) return <p className="text-sm text-muted">There was no second build.</p>;
  const hits = cache.steps.filter((s) => s.status === 'CACHED').length;
  return (
    <div className="text-sm" data-testid="cache-table">
      <p className="mb-2">
        Second build after editing <code>{result.codeChange}</code>: {hits} of {cache.steps.length} instructions came from the cache;{' '}
        {formatBytes(cache.rebuiltBytes)} of layers had to be built again.
      </p>
      <table className="w-full text-left text-xs" aria-label="Layer cache in the second build">
        <thead className="text-muted">
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Line</th>
            <th scope="col">Instruction</th>
            <th scope="col">Result</th>
            <th scope="col" className="text-right">
              Layer
            </th>
          </tr>
        </thead>
        <tbody>
          {cache.steps.map((s) => (
            <tr key={`${s.stage}-${s.line}`} className="border-t border-border">
              <td>{s.stageName ?? s.stage}</td>
              <td>{s.line}</td>
              <td className="break-all">
                <code>{s.source}</code>
              </td>
              <td className={s.status === 'CACHED' ? 'text-ok' : 'text-warn'}>{s.status === 'CACHED' ? 'CACHED' : 'rebuilt'}</td>
              <td className="text-right">{s.sizeBytes ? formatBytes(s.sizeBytes) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
