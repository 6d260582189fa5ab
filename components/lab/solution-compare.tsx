'use client';

/**
 * "Compare with solution": the lab's solution beside the learner's own files, file by
 * file, without replacing anything. Seeing the solution counts as "Show solution" does
 * (a lab finished after it reads "Done with the solution"), so the dialog says so and
 * asks first. The diff editor loads only when the learner confirms.
 */
import { lazy, Suspense, useId, useRef, useState } from 'react';
import type { EditorLanguage } from '@/components/editor/editor-types';

const DiffView = lazy(() => import('@/components/editor/diff-view').then((m) => ({ default: m.DiffView })));

export interface CompareFile {
  path: string;
  language: EditorLanguage;
  mine: string;
  solution: string;
}

interface Props {
  files: CompareFile[];
  /** The file to open on: the one in the editor. */
  activePath: string;
  /** Called once each time the learner confirms (the progress store records it). */
  onReveal(): void;
}

export function SolutionCompare({ files, activePath, onReveal }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const selectId = useId();
  const [revealed, setRevealed] = useState(false);
  const [path, setPath] = useState(activePath);
  const changed = files.filter((f) => f.mine !== f.solution);
  const shown = files.find((f) => f.path === path) ?? changed[0] ?? files[0];

  const open = () => {
    setRevealed(false);
    setPath(files.some((f) => f.path === activePath && f.mine !== f.solution) ? activePath : (changed[0]?.path ?? activePath));
    dialog.current?.showModal();
  };

  return (
    <>
      <button type="button" className="rounded border border-border px-3 py-1.5 text-sm hover:bg-panel-2" onClick={open}>
        Compare with solution
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(1200px,95vw)] rounded border border-border bg-panel p-4 text-text backdrop:bg-black/60" onClose={() => setRevealed(false)}>
        <h2 id={titleId} className="text-base font-semibold text-white">
          Compare with solution
        </h2>
        {!revealed ? (
          <form method="dialog" className="mt-2">
            <p className="max-w-xl text-sm">
              The solution is shown beside your code, file by file; nothing of yours is replaced. Like Show solution, this counts as having seen it: a lab
              finished afterwards reads &ldquo;Done with the solution&rdquo;. Try the hints in the Checks tab first.
            </p>
            <div className="mt-4 flex justify-end gap-2">
              <button value="cancel" className="rounded border border-border px-3 py-1.5 text-sm" autoFocus>
                Cancel
              </button>
              <button
                type="button"
                className="rounded bg-accent px-3 py-1.5 text-sm font-semibold text-black"
                onClick={() => {
                  onReveal();
                  setRevealed(true);
                }}
              >
                Show the comparison
              </button>
            </div>
          </form>
        ) : (
          <div className="mt-2 flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <label htmlFor={selectId}>File</label>
              <select id={selectId} className="rounded border border-border bg-canvas px-2 py-1" value={shown?.path} onChange={(e) => setPath(e.target.value)}>
                {files.map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.path}
                    {f.mine === f.solution ? ' (same as the solution)' : ''}
                  </option>
                ))}
              </select>
              <span className="text-muted">Left: the solution. Right: your code.</span>
              <span className="flex-1" />
              <form method="dialog">
                <button className="rounded border border-border px-3 py-1.5 text-sm">Close</button>
              </form>
            </div>
            {shown ? (
              <Suspense fallback={<p className="text-sm text-muted">Loading the comparison…</p>}>
                <DiffView original={shown.solution} modified={shown.mine} language={shown.language} originalLabel={`Solution: ${shown.path}`} modifiedLabel={`Your code: ${shown.path}`} height={520} />
              </Suspense>
            ) : null}
          </div>
        )}
      </dialog>
    </>
  );
}
