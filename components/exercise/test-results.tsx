'use client';
/**
 * Test results: the visible examples (with what they do) and the hidden tests (title
 * and, when failing, the behaviour that was wrong). Not-yet-run tests are listed too,
 * so the learner sees the whole list from the start.
 */
import type { ExerciseExample } from '@/lib/exercises/schema';
import type { TestResult } from '@/lib/exercises/types';

export interface TestListItem {
  id: string;
  title: string;
  visible: boolean;
}

const MARK = { pass: '✓', fail: '✗', error: '!' } as const;
const STYLE = { pass: 'text-ok', fail: 'text-bad', error: 'text-warn' } as const;
const WORD = { pass: 'passed', fail: 'failed', error: 'could not run' } as const;

export function TestResults({ tests, results, examples }: { tests: TestListItem[]; results: Record<string, TestResult>; examples: ExerciseExample[] }) {
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

function ResultLine({ test, result }: { test: TestListItem; result?: TestResult }) {
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
      {result && result.status !== 'pass' && result.message ? <p className={`ml-5 mt-1 text-xs ${result.status === 'fail' ? 'text-bad' : 'text-warn'}`}>{result.message}</p> : null}
    </div>
  );
}
