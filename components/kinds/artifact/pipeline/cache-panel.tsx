/** Cache keys per commit and event, and whether each restore hit: shows whether a key follows the lock files. */
import type { PipelineResult } from '@/lib/kinds/artifact/pipeline/result';

export function CachePanel({ result }: { result: PipelineResult }) {
  if (result.cache.length === 0) return <p className="text-sm text-muted">No step restored or saved a cache. Dependencies are downloaded on every run.</p>;
  const hits = result.cache.filter((c) => c.hit).length;
  return (
    <div className="text-xs">
      <p className="mb-2 text-sm">
        {hits} of {result.cache.length} cache restores hit.
      </p>
      <table className="w-full text-left" aria-label="Cache keys and hits">
        <thead className="text-muted">
          <tr>
            <th scope="col">Commit</th>
            <th scope="col">Event</th>
            <th scope="col">Job › step</th>
            <th scope="col">Holds</th>
            <th scope="col">Key</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {result.cache.map((c, i) => (
            <tr key={i} className="border-t border-border">
              <td>{c.commit}</td>
              <td>{c.event.replace(/_/g, ' ')}</td>
              <td>
                {c.job} › {c.step}
              </td>
              <td>{c.kind}</td>
              <td>
                <code>{c.key}</code>
              </td>
              <td className={c.hit ? 'text-ok' : 'text-warn'}>{c.hit ? 'hit' : c.saved ? 'miss, saved' : 'miss'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
