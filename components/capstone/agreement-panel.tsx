/** release.yaml against the workflows (triggers, required checks, pinned actions) and against DESIGN.md (sections, shared facts). */
import type { ReleaseResult } from '@/lib/kinds/artifact/release/result';

const mark = (ok: boolean) => <span className={ok ? 'text-ok' : 'text-bad'}>{ok ? 'agrees' : 'differs'}</span>;

export function AgreementPanel({ result }: { result: ReleaseResult }) {
  const loose = result.uses.filter((u) => !u.pinned);
  return (
    <div className="space-y-4 text-xs">
      <section aria-labelledby="agree-triggers">
        <h4 id="agree-triggers" className="text-sm text-white">
          Triggers: release.yaml and the workflows
        </h4>
        <table className="mt-1 w-full text-left">
          <thead className="text-muted">
            <tr>
              <th scope="col">Event</th>
              <th scope="col">release.yaml says</th>
              <th scope="col">The workflows ran</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {result.triggers.map((t) => (
              <tr key={t.event} className="border-t border-border">
                <td>{t.event}</td>
                <td>{t.expected.join(', ') || 'nothing'}</td>
                <td>{t.actual.join(', ') || 'nothing'}</td>
                <td>{mark(t.agrees)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="agree-checks">
        <h4 id="agree-checks" className="text-sm text-white">
          Required checks on a clean pull request
        </h4>
        {result.requiredChecks.length === 0 ? <p className="text-bad">release.yaml lists no required checks.</p> : null}
        <ul className="mt-1 space-y-0.5">
          {result.requiredChecks.map((c) => (
            <li key={c.name}>
              <code>{c.name}</code>: pull request {c.pullRequest}, from a fork {c.forkPullRequest}
            </li>
          ))}
          {result.defectGates.map((g) => (
            <li key={g.defect} className={g.failedRequired.length ? '' : 'text-bad'}>
              “{g.label}”: {g.failedRequired.length ? `stopped by ${g.failedRequired.join(', ')}` : g.failedOther.length ? `failed only ${g.failedOther.join(', ')}, not required` : 'no check failed'}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="agree-pins">
        <h4 id="agree-pins" className="text-sm text-white">
          Actions: {result.uses.length - loose.length} of {result.uses.length} pinned to a commit
        </h4>
        <ul className="mt-1 space-y-0.5">
          {loose.map((u) => (
            <li key={`${u.file}:${u.line}`} className="text-bad">
              {u.file}:{u.line} <code>{u.uses}</code> ({u.where})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="agree-design">
        <h4 id="agree-design" className="text-sm text-white">
          DESIGN.md: {result.design.words} words
        </h4>
        <ul className="mt-1 space-y-0.5">
          {result.design.sections.map((s) => (
            <li key={s.key}>
              {s.title}: {s.heading ? `“${s.heading}”, ${s.words} words${s.todo ? ', still has a TODO' : ''}` : <span className="text-bad">no such section</span>}
            </li>
          ))}
          {result.design.claims.map((c, i) => (
            <li key={i}>
              {mark(c.ok)} release.yaml: {c.claim}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
