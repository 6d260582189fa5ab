'use client';
/**
 * The model's terminal next to a real one: on the left what the model printed for the
 * run shown (labelled simulated, with its seed), on the right what the real Go race
 * detector printed for the same program (labelled recorded, with the Go release and the
 * day). The real side offers the -race build, a plain build and go test -race.
 */
import { useState } from 'react';
import type { Recording, RunDetail } from '@/lib/kinds/artifact/race/result';

type Which = 'race' | 'plain' | 'test';
const WHICH: { id: Which; label: string }[] = [
  { id: 'race', label: '-race build' },
  { id: 'plain', label: 'plain build' },
  { id: 'test', label: 'go test -race' },
];

function Terminal({ lines, label }: { lines: { text: string; stderr?: boolean }[]; label: string }) {
  return (
    <pre aria-label={label} tabIndex={0} className="max-h-96 overflow-auto rounded border border-border bg-canvas p-2 text-xs leading-snug">
      {lines.map((l, i) => (
        <span key={i} className={`block ${l.stderr ? 'text-warn' : 'text-white'}`}>
          {l.text || ' '}
        </span>
      ))}
    </pre>
  );
}

/** What the real runs that ended printed: "counter: 200" ×20. */
function printed(recorded: Recording): string {
  return recorded.sweep.outputs
    .filter((o) => o.output !== '(hung)')
    .map((o) => `"${o.output.replace(/\n/g, ' / ')}" ×${o.count}`)
    .join(', ');
}

function outcome(run: Recording['race'], timeout: number): string {
  return run.hung ? `still running after ${timeout} s: killed` : `exit code ${run.exitCode}`;
}

export function Terminals({ detail, recorded, path }: { detail: RunDetail; recorded: Recording | null; path: string }) {
  const [which, setWhich] = useState<Which>('race');
  const real = recorded?.[which];
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <section aria-label="Simulated output" data-testid="simulated-output" className="space-y-1">
        <h4 className="text-sm text-white">
          Simulated by the model <span className="text-muted">· seed {detail.seed} · as `go run -race main.go` would print it</span>
        </h4>
        <Terminal label={`Simulated terminal for ${path}, seed ${detail.seed}`} lines={[{ text: '$ go run -race main.go' }, ...detail.transcript.map((l) => ({ text: l.text, stderr: l.stream === 'stderr' }))]} />
      </section>
      <section aria-label="Recorded output" data-testid="recorded-output" className="space-y-1">
        {recorded && real ? (
          <>
            <h4 className="text-sm text-white">
              Recorded from a real run <span className="text-muted">· {recorded.provenance.tool} · {recorded.provenance.basis}</span>
            </h4>
            <div role="group" aria-label="Which real run" className="flex gap-1 text-xs">
              {WHICH.map((w) => (
                <button key={w.id} type="button" aria-pressed={which === w.id} onClick={() => setWhich(w.id)} className={`rounded border px-2 py-0.5 ${which === w.id ? 'border-accent text-white' : 'border-border text-muted hover:text-white'}`}>
                  {w.label}
                </button>
              ))}
            </div>
            <Terminal label={`Recorded terminal of ${real.command}`} lines={[{ text: `$ ${real.command}` }, ...real.transcript.replace(/\n$/, '').split('\n').map((text) => ({ text })), { text: `(${outcome(real, recorded.sweep.timeoutSeconds)})` }]} />
            <p className="text-xs text-muted">
              Over {recorded.sweep.runs} real -race runs: the detector flagged {recorded.sweep.flagged}
              {recorded.sweep.hung ? `, ${recorded.sweep.hung} hung until killed after ${recorded.sweep.timeoutSeconds} s` : ''}
              .{printed(recorded) ? ` Runs that ended printed ${printed(recorded)}.` : ''}
            </p>
            {!recorded.sameSource ? <p className="text-xs text-warn">Recorded from the program as the lab ships it, before your changes: real Go has not run your version.</p> : null}
          </>
        ) : (
          <p className="text-sm text-muted">No real run was recorded for this file: only the model's output is available.</p>
        )}
      </section>
    </div>
  );
}
