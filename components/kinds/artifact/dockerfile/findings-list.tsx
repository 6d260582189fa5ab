/** Every finding at the line that caused it, then warnings (such as a .dockerignore line the matcher skipped). */
import type { DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';
import { FINDING_LABELS } from './format';

export function FindingsList({ result, file }: { result: DockerfileResult; file: string }) {
  const { findings, diagnostics } = result.picture;
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return (
    <div className="space-y-3 text-sm" data-testid="findings">
      {findings.length === 0 ? (
        <p className="text-ok">No findings: the modelled image breaks none of the rules this lab checks.</p>
      ) : (
        <ol className="space-y-2" aria-label="Findings by line">
          {findings.map((f, i) => (
            <li key={i} className="rounded border border-bad/60 bg-bad/10 p-2">
              <p>
                <code className="text-white">
                  {file}:{f.line}
                </code>{' '}
                <strong className="text-bad">{FINDING_LABELS[f.kind]}</strong>
              </p>
              <p className="mt-1">{f.message}</p>
            </li>
          ))}
        </ol>
      )}
      {warnings.length ? (
        <ul className="space-y-1 text-xs" aria-label="Warnings">
          {warnings.map((w, i) => (
            <li key={i} className="text-warn">
              <code>
                {w.file ?? file}:{w.line}
              </code>{' '}
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
