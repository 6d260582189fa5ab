'use client';
/**
 * Test results: the visible examples (with what they do) and the hidden tests (title
 * and, when failing, the behaviour that was wrong). Not-yet-run tests are listed too,
 * so the learner sees the whole list from the start.
 */
import type { ExerciseExample } from '@/lib/exercises/schema';
import type { CheckResult, CheckStatus, GradeReport } from '@/lib/grading/contract';

export interface TestListItem {
  id: string;
  title: string;
  visible?: boolean;
}

const MARK: Record<CheckStatus, string> = { pending: '·', running: '…', pass: '✓', fail: '✗', error: '!', skipped: '–' };
const STYLE: Record<CheckStatus, string> = { pending: 'text-muted', running: 'text-accent', pass: 'text-ok', fail: 'text-bad', error: 'text-warn', skipped: 'text-muted' };
const WORD: Record<CheckStatus, string> = { pending: 'waiting to run', running: 'running', pass: 'passed', fail: 'failed', error: 'could not run', skipped: 'not run' };

/** The same results contract as lab checks (lib/grading/contract.ts): one entry per test of the report. */
export function TestResults({ tests, report, examples }: { tests: TestListItem[]; report: GradeReport | null; examples: ExerciseExample[] }) {
  const results = Object.fromEntries((report?.checks ?? []).map((c) => [c.id, c]));
  const visible = tests.filter((t) => t.visible);
  const hidden = tests.filter((t) => !t.visible);
  return (
    <div className="space-y-4">
      <section aria-labelledby="examples-heading">
        <h3 id="examples-heading" className="text-sm font-semibold text-white">
          Examples ({visible.length})
        </h3>
        <ul className="mt-1 space-y-2" aria-label="Example tests">
          {visible.map((test) => {
            const example = examples.find((e) => e.test === test.id);
            return (
              <li key={test.id} className="rounded border border-border bg-panel p-2 text-sm">
                <ResultLine test={test} result={results[test.id]} />
                {example ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-muted">{example.description}</summary>
                    <pre className="mt-1 overflow-x-auto rounded bg-canvas p-2 text-xs">
                      <code>{example.code}</code>
                    </pre>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="hidden-heading">
        <h3 id="hidden-heading" className="text-sm font-semibold text-white">
          Hidden tests ({hidden.length})
        </h3>
        <ul className="mt-1 space-y-1" aria-label="Hidden tests">
          {hidden.map((test) => (
            <li key={test.id} className="rounded border border-border bg-panel p-2 text-sm">
              <ResultLine test={test} result={results[test.id]} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ResultLine({ test, result }: { test: TestListItem; result?: CheckResult }) {
  return (
    <div>
      <p className="flex gap-2">
        <span aria-hidden="true" className={result ? STYLE[result.status] : 'text-muted'}>
          {result ? MARK[result.status] : '·'}
        </span>
        <span>
          {test.title} <span className="sr-only">: {result ? WORD[result.status] : 'not run yet'}</span>
        </span>
      </p>
      {result && (result.status === 'fail' || result.status === 'error') && result.actual ? <p className={`ml-5 mt-1 text-xs ${result.status === 'fail' ? 'text-bad' : 'text-warn'}`}>{result.actual}</p> : null}
    </div>
  );
}
