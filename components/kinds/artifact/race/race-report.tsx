/**
 * What the model's race detector said about one run, readable: for each data race the
 * access that found it (A) and the earlier access it conflicts with (B), each with its
 * goroutine, its stack and where that goroutine was created, and the program's source
 * with both lines marked. Deadlocks, panics and go vet findings are shown the same way.
 */
import type { RaceAccess, RaceReport as Report, RunDetail, StackFrame } from '@/lib/kinds/artifact/race/result';
import { SourceListing, type LineMark } from './source-listing';

const who = (g: number) => (g === 1 ? 'the main goroutine' : `goroutine ${g}`);

function Frames({ frames }: { frames: StackFrame[] }) {
  return (
    <ol className="ml-3 font-mono text-xs">
      {frames.map((f, i) => (
        <li key={i}>
          <span className="text-white">{f.func}()</span> <span className="text-muted">{f.file.replace(/^.*\/src\//, '$GOROOT/src/')}:{f.line}</span>
        </li>
      ))}
    </ol>
  );
}

function Access({ label, tone, access, line }: { label: 'A' | 'B'; tone: string; access: RaceAccess; line: number }) {
  const kind = `${access.atomic ? 'atomic ' : ''}${access.op}`;
  return (
    <div className={`rounded border p-2 ${tone}`}>
      <p className="text-sm">
        <strong className="text-white">
          {label}: {label === 'B' ? 'previous ' : ''}
          {kind}
        </strong>{' '}
        by {who(access.goroutine)} at line {line} <span className="text-muted">(step {access.step}; {access.status} when reported)</span>
      </p>
      <Frames frames={access.stack} />
      {access.createdAt ? (
        <>
          <p className="mt-1 text-xs text-muted">{who(access.goroutine)} was created at:</p>
          <Frames frames={access.createdAt} />
        </>
      ) : null}
    </div>
  );
}

/** The marks a run puts on its source: both sides of each race, where deadlocked goroutines wait, go vet findings. */
export function lineMarks(detail: RunDetail): LineMark[] {
  const marks: LineMark[] = [];
  detail.report.forEach((r, i) => {
    const n = detail.report.length > 1 ? ` (race ${i + 1})` : '';
    marks.push({ line: r.lines[0], text: `A: ${r.current.op} by ${who(r.current.goroutine)}${n}`, tone: 'a' });
    marks.push({ line: r.lines[1], text: `B: previous ${r.previous.op} by ${who(r.previous.goroutine)}${n}`, tone: 'b' });
  });
  for (const g of detail.deadlock?.goroutines ?? []) {
    const line = g.stack.find((f) => f.file.endsWith('main.go'))?.line;
    if (line) marks.push({ line, text: `${who(g.goroutine)} waits (${g.state})`, tone: 'warn' });
  }
  for (const w of detail.warnings) marks.push({ line: w.line, text: `go vet: ${w.message}`, tone: 'warn' });
  return marks;
}

export function RaceReport({ detail, source, path }: { detail: RunDetail; source: string; path: string }) {
  return (
    <section aria-label={`What the model's detector reported for ${path}, seed ${detail.seed}`} className="space-y-3" data-testid="race-report">
      {detail.report.length === 0 ? (
        <p className="text-sm">
          <strong className="text-ok">No data race</strong> under seed {detail.seed}
          {detail.deadlock ? ', but the program deadlocked.' : detail.panic ? ', but the program panicked.' : '.'}
        </p>
      ) : null}
      {detail.report.map((r: Report, i) => (
        <div key={i} className="space-y-2">
          <h4 className="text-sm text-white">
            WARNING: DATA RACE on <code>{r.variable}</code> <span className="text-muted">at {r.address}</span>
          </h4>
          <div className="grid gap-2 md:grid-cols-2">
            <Access label="A" tone="border-bad/60 bg-bad/10" access={r.current} line={r.lines[0]} />
            <Access label="B" tone="border-accent/60 bg-accent/10" access={r.previous} line={r.lines[1]} />
          </div>
          <p className="text-xs text-muted">
            Nothing orders B before A: no Unlock→Lock of one mutex, no send→receive, no Done→Wait, no atomic between them. That alone is the report; the output may still look right.
          </p>
        </div>
      ))}
      {detail.deadlock ? (
        <div role="note" className="rounded border border-warn/60 bg-warn/10 p-2 text-sm">
          <p className="text-white">{detail.deadlock.message}</p>
          <ul className="mt-1 text-xs">
            {detail.deadlock.goroutines.map((g) => (
              <li key={g.goroutine}>
                {who(g.goroutine)} waits in <code>{g.state}</code>
                <Frames frames={g.stack} />
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-muted">The Go runtime prints this for a plain build. A -race build of the same program usually just hangs: see the recorded runs.</p>
        </div>
      ) : null}
      {detail.panic ? <p className="rounded border border-bad/60 bg-bad/10 p-2 font-mono text-xs text-white">{detail.panic}</p> : null}
      {detail.stepLimitExceeded ? <p className="text-sm text-bad">The run was stopped after {detail.steps.toLocaleString('en')} steps: it may never end.</p> : null}
      {detail.warnings.length ? (
        <ul className="text-xs text-warn" aria-label="go vet findings">
          {detail.warnings.map((w) => (
            <li key={`${w.line}${w.message}`}>
              line {w.line}: {w.message} <span className="text-muted">(go vet's copylocks check; go test does not run it)</span>
            </li>
          ))}
        </ul>
      ) : null}
      <SourceListing source={source} marks={lineMarks(detail)} label={`${path} with the lines of this run marked`} />
    </section>
  );
}
