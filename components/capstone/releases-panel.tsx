/** For each replayed tag: what a good design does, what the workflows released, and where "latest" pointed before and after. */
import type { ReleaseResult, TagOutcome } from '@/lib/kinds/artifact/release/result';

const STATUS = { signed: 'signed, verifies', unsigned: 'unsigned', invalid: 'invalid signature', modified: 'modified after signing' } as const;

function Released({ t }: { t: TagOutcome }) {
  if (t.publications.length === 0) return <span className="text-muted">nothing{t.stopped ? ` (stopped at ${t.stopped})` : ''}</span>;
  return (
    <ul className="space-y-0.5">
      {t.publications.map((p, i) => (
        <li key={i}>
          {p.error ? (
            <span className="text-bad">refused by GitHub: {p.error}</span>
          ) : (
            <>
              <strong className="text-white">{p.tag}</strong> as {p.draft ? 'a draft' : p.prerelease ? 'a pre-release' : 'a full release'}, make_latest {p.makeLatest}, by {p.job} › {p.step};{' '}
              <span className={p.loads ? 'text-ok' : 'text-bad'}>
                {STATUS[p.status]}, {p.loads ? 'installs' : 'refused at install'}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ReleasesPanel({ result }: { result: ReleaseResult }) {
  return (
    <div className="overflow-x-auto text-xs">
      <table className="w-full text-left" aria-label="Releases each tag created">
        <thead className="text-muted">
          <tr>
            <th scope="col">Tag (package.json)</th>
            <th scope="col">A good design</th>
            <th scope="col">What your workflows released</th>
            <th scope="col">Latest before → after</th>
          </tr>
        </thead>
        <tbody>
          {result.tags.map((t) => (
            <tr key={t.scenario} className="border-t border-border align-top" data-testid={`tag-${t.scenario}`}>
              <th scope="row" className="pr-2 font-normal">
                <code className="text-white">{t.tag}</code> <span className="text-muted">({t.version})</span>
              </th>
              <td className="pr-2">{t.expectation}</td>
              <td className="pr-2">
                <Released t={t} />
              </td>
              <td>
                {t.latestBefore ?? 'none'} → <strong className={t.latestAfter === t.latestBefore ? 'text-white' : 'text-warn'}>{t.latestAfter ?? 'none'}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
