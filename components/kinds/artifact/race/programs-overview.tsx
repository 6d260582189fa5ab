/**
 * Every program side by side: what the model found over its schedules, and what the
 * real race detector did in the recorded runs. A row's button opens that program.
 */
import type { RaceProgramResult, Recording } from '@/lib/kinds/artifact/race/result';

function realVerdict(rec: Recording): string {
  const { runs, flagged, hung } = rec.sweep;
  const parts = [flagged ? `flagged ${flagged} of ${runs} runs` : `no report in ${runs} runs`];
  if (hung) parts.push(`${hung} hung until killed`);
  return parts.join('; ');
}

function modelTone(p: RaceProgramResult): string {
  const s = p.sweep;
  if (!s) return 'text-muted';
  if (s.racySeeds.length || s.failedSeeds.length) return 'text-bad';
  if (s.deadlockSeeds.length || s.wrongSeeds.length) return 'text-warn';
  return 'text-ok';
}

export function ProgramsOverview({ programs, editable, onOpen }: { programs: RaceProgramResult[]; editable: Set<string>; onOpen(path: string): void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs" aria-label="Every program: the model's schedules next to the recorded real runs">
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1 pr-2">Program</th>
            <th scope="col" className="py-1 pr-2">Model over many schedules (simulated)</th>
            <th scope="col" className="py-1 pr-2">What it printed</th>
            <th scope="col" className="py-1 pr-2">Real go -race (recorded)</th>
            <th scope="col" className="py-1">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {programs.map((p) => (
            <tr key={p.path} className="border-t border-border align-top" data-testid={`overview-${p.path}`}>
              <th scope="row" className="py-1.5 pr-2 font-normal">
                <code className="text-white">{p.path}</code>
                {editable.has(p.path) ? <span className="ml-1 text-accent">(yours to fix)</span> : null}
                {p.title ? <span className="block text-muted">{p.title}</span> : null}
              </th>
              <td className={`py-1.5 pr-2 ${modelTone(p)}`}>{p.sweep?.summary ?? `seed ${p.detail.seed} only`}</td>
              <td className="py-1.5 pr-2">
                {p.sweep?.outputs.slice(0, 3).map((o) => (
                  <span key={o.output} className="block">
                    <code>{o.output ? o.output.replace(/\n/g, ' / ') : '(nothing)'}</code> <span className="text-muted">×{o.seeds.length}</span>
                  </span>
                ))}
                {p.sweep && p.sweep.outputs.length > 3 ? <span className="text-muted">and {p.sweep.outputs.length - 3} other outputs</span> : null}
              </td>
              <td className="py-1.5 pr-2">
                {p.recorded ? (
                  <>
                    {realVerdict(p.recorded)}
                    {!p.recorded.sameSource ? <span className="block text-warn">(of the program before your changes)</span> : null}
                  </>
                ) : (
                  <span className="text-muted">not recorded</span>
                )}
              </td>
              <td className="py-1.5">
                <button type="button" onClick={() => onOpen(p.path)} aria-label={`Open ${p.path}`} className="rounded border border-border px-2 py-0.5 hover:text-white">
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
