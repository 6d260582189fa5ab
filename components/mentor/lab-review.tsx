'use client';
/**
 * One handed-in lab: the re-run's verdict against the file's claim (check by check
 * where they differ), what the learner did (solution shown and when, hints, time,
 * resets), the re-run's result tabs (the lab kind's own views), the code against the
 * starter or the solution in Monaco's diff editor, line comments and a note.
 */
import { useId, useMemo, useState } from 'react';
import { KindResults } from '@/components/kinds/registry';
import type { LabPageData } from '@/components/lab/lab-types';
import { MAX_COMMENT_CHARS, MAX_NOTE_CHARS } from '@/lib/mentor/limits';
import { reviewedFiles } from '@/lib/mentor/rerun';
import type { ReviewEntry, ReviewStore } from '@/lib/mentor/review-store';
import { matchesSolution } from '@/lib/mentor/verdicts';
import { revealTiming } from '@/lib/progress/lab-facts';
import { formatWhen } from '@/lib/progress/format-time';
import { LazyDiffView, type DiffSide } from './lazy-diff-view';
import { BUTTON, CARD, FIELD } from './styles';

const STATE_TEXT = { waiting: 'Waiting to be re-run.', running: 'Re-running…', done: '', stopped: 'The re-run was stopped.', failed: 'The re-run could not start.', 'unknown-lab': '' } as const;

export function LabReviewPanel({ entry, labId, lab, store }: { entry: ReviewEntry; labId: string; lab?: LabPageData; store: ReviewStore }) {
  const review = entry.labs[labId];
  const work = entry.submission.labs[labId];
  const learner = entry.submission.learner;
  const title = lab?.title ?? work.title ?? labId;
  const headingId = useId();
  const noteId = useId();

  return (
    <article aria-labelledby={headingId} className={`${CARD} flex flex-col gap-3`}>
      <h4 id={headingId} className="text-lg font-semibold text-white">
        {title}
      </h4>
      <div>
        <p className={`text-base ${review.verdict.agrees === false ? 'font-semibold text-bad' : 'text-white'}`}>{review.verdict.summary}</p>
        {STATE_TEXT[review.state] || review.message ? (
          <p className="text-sm text-muted">
            {STATE_TEXT[review.state]} {review.message}
          </p>
        ) : null}
        {review.state !== 'running' && review.state !== 'unknown-lab' ? (
          <button type="button" className={`${BUTTON} mt-1`} onClick={() => store.getState().rerun(entry.key, labId)}>
            Re-run this lab again
          </button>
        ) : null}
      </div>

      {review.verdict.differences.length > 0 ? (
        <table className="text-sm">
          <caption className="text-left font-semibold text-white">Where the file&apos;s claim differs from the re-run</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left">Check</th>
              <th scope="col" className="px-2 text-left">Handed in as</th>
              <th scope="col" className="px-2 text-left">Re-run</th>
            </tr>
          </thead>
          <tbody>
            {review.verdict.differences.map((d) => (
              <tr key={d.id}>
                <td className="px-2">{d.title}</td>
                <td className="px-2">{d.claimed === 'absent' ? 'not listed' : d.claimed}</td>
                <td className="px-2 font-semibold">{d.rerun === 'absent' ? 'no such check here' : d.rerun}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <Facts entry={entry} labId={labId} lab={lab} />

      {lab ? (
        <>
          <section aria-label={`Re-run results of ${title}`}>
            <KindResults kind={lab.meta.kind} lab={lab} record={review.record} report={review.report} phase={review.state === 'running' ? 'checking' : 'idle'} />
          </section>
          <CodeReview entry={entry} labId={labId} lab={lab} store={store} />
        </>
      ) : (
        <HandedInFiles files={work.files} learner={learner} />
      )}

      <label htmlFor={noteId} className="flex flex-col gap-1 text-sm">
        Note on this lab (plain text)
        <textarea id={noteId} className={`${FIELD} min-h-16`} maxLength={MAX_NOTE_CHARS} value={review.note} onChange={(e) => store.getState().setLabNote(entry.key, labId, e.target.value)} />
      </label>
    </article>
  );
}

function Facts({ entry, labId, lab }: { entry: ReviewEntry; labId: string; lab?: LabPageData }) {
  const work = entry.submission.labs[labId];
  const review = entry.labs[labId];
  const reveal = revealTiming(work);
  const h = work.history;
  const questionIds = lab?.questions.map((q) => q.id) ?? [];
  const answered = questionIds.filter((q) => Object.prototype.hasOwnProperty.call(work.answers, q));
  const correct = answered.filter((q) => work.answers[q].correct).length;
  const checkTitle = (id: string) => review.report?.checks.find((c) => c.id === id)?.title ?? id;
  const identical = lab ? matchesSolution(lab.starter, lab.solution, reviewedFiles(lab, work)) : false;
  const rows: [string, string][] = [
    ['Runs', h ? `${h.runs} Run(s), ${h.passes} with every check passing; first ${formatWhen(h.firstRunAt)}, last ${formatWhen(h.lastRunAt)}` : 'No Run recorded'],
    ['First passing Run', h?.firstPassAt ? formatWhen(h.firstPassAt) : 'None'],
    [
      'Solution shown',
      reveal.kind === 'never'
        ? 'Never'
        : `${formatWhen(reveal.shownAt)}, ${reveal.kind === 'after-pass' ? 'after the first passing Run' : reveal.passedAt ? 'before the first passing Run' : 'and no Run passed before it'}${work.solutionShownAt.length > 1 ? ` (${work.solutionShownAt.length} times)` : ''}`,
    ],
    ['Code identical to the solution', identical ? 'Yes' : 'No'],
    ['Hints seen', work.hintsShown.length > 0 ? `${work.hintsShown.length}: ${work.hintsShown.map(checkTitle).join('; ')}` : 'None'],
    ['Active time (estimate)', `about ${Math.round(work.activeMs / 60_000)} min`],
    ['Resets to the starter', String(work.resetAt.length)],
    ['Questions', questionIds.length > 0 ? `${answered.length} of ${questionIds.length} answered, ${correct} right` : 'None in this lab'],
  ];
  if (work.rubric) rows.push(['Self-review ticks', `${Object.values(work.rubric).filter(Boolean).length} ticked`]);
  if (review.ignoredFiles.length > 0) rows.push(['Left out of the re-run', `${review.ignoredFiles.join(', ')} (not files the learner can edit in this lab)`]);
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted">{term}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CodeReview({ entry, labId, lab, store }: { entry: ReviewEntry; labId: string; lab: LabPageData; store: ReviewStore }) {
  const work = entry.submission.labs[labId];
  const review = entry.labs[labId];
  const learner = entry.submission.learner;
  const editable = lab.meta.files.filter((f) => !f.readOnly);
  const [path, setPath] = useState((editable.find((f) => Object.prototype.hasOwnProperty.call(work.files, f.path)) ?? editable[0] ?? lab.meta.files[0]).path);
  const [against, setAgainst] = useState<'starter' | 'solution'>('starter');
  const [line, setLine] = useState(1);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { file: useId(), line: useId(), text: useId(), against: useId() };

  const scope = `${entry.key.slice(0, 16)}/${labId}`;
  const files = useMemo(() => lab.meta.files.map((f) => ({ path: f.path, language: f.language })), [lab]);
  const learnerSide: DiffSide = useMemo(() => ({ scope: `${scope}/learner`, label: `${learner}'s code`, files: reviewedFiles(lab, work) }), [scope, learner, lab, work]);
  const otherSide: DiffSide = useMemo(
    () => (against === 'starter' ? { scope: `${scope}/starter`, label: 'the starter', files: lab.starter } : { scope: `${scope}/solution`, label: 'the solution', files: lab.solution }),
    [against, scope, lab],
  );
  const lines = (learnerSide.files[path] ?? '').split(/\r?\n/);
  /** A comment whose line the files shown here lack (a restored draft, say) is listed anyway, marked, never dropped. */
  const beyondFile = (c: { path: string; line: number }) => c.line > (learnerSide.files[c.path] ?? '').split(/\r?\n/).length;
  const commented = useMemo(() => review.comments.filter((c) => c.path === path).map((c) => ({ line: c.line, text: c.text })), [review.comments, path]);

  function add() {
    if (!Number.isInteger(line) || line < 1 || line > lines.length) return setProblem(`Pick a line from 1 to ${lines.length}.`);
    const why = store.getState().addComment(entry.key, labId, { path, line, text: text.trim(), quote: lines[line - 1].slice(0, 500) });
    setProblem(why);
    if (!why) setText('');
  }

  return (
    <section aria-label={`Code of ${learner}`} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label htmlFor={ids.file} className="flex items-center gap-2">
          File
          <select id={ids.file} className={FIELD} value={path} onChange={(e) => setPath(e.target.value)}>
            {lab.meta.files.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
                {f.readOnly ? ' (read-only)' : Object.prototype.hasOwnProperty.call(work.files, f.path) ? ' (edited)' : ''}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">Compare {learner}&apos;s code with</legend>
          <span aria-hidden="true">Compare with</span>
          {(['starter', 'solution'] as const).map((side) => (
            <label key={side} className="flex items-center gap-1">
              <input type="radio" name={ids.against} checked={against === side} onChange={() => setAgainst(side)} />
              the {side}
            </label>
          ))}
        </fieldset>
      </div>
      <LazyDiffView key={`${otherSide.scope}|${learnerSide.scope}`} files={files} path={path} original={otherSide} modified={learnerSide} commented={commented} onLine={setLine} />

      <div className="grid gap-2 md:grid-cols-[8rem_1fr_auto] md:items-end">
        <label htmlFor={ids.line} className="flex flex-col gap-1 text-sm">
          Line of {path}
          <input id={ids.line} type="number" min={1} max={lines.length} className={FIELD} value={line} onChange={(e) => setLine(Number(e.target.value))} />
        </label>
        <label htmlFor={ids.text} className="flex flex-col gap-1 text-sm">
          Comment on line {line}
          <textarea id={ids.text} className={`${FIELD} min-h-10`} maxLength={MAX_COMMENT_CHARS} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="button" className={BUTTON} onClick={add}>
          Add comment
        </button>
      </div>
      <p className="font-mono text-xs text-muted">
        {line}: {lines[line - 1] ?? ''}
      </p>
      {problem ? (
        <p role="alert" className="text-sm text-bad">
          {problem}
        </p>
      ) : null}
      {review.comments.length > 0 ? (
        <ul aria-label="Comments on this lab" className="flex flex-col gap-1 text-sm">
          {review.comments.map((c, i) => (
            <li key={`${c.path}:${c.line}:${i}`} className="flex flex-wrap items-baseline gap-2 rounded border border-border bg-canvas p-2">
              <button type="button" className="font-mono text-accent underline-offset-2 hover:underline" onClick={() => (setPath(c.path), setLine(c.line))}>
                {c.path}:{c.line}
              </button>
              {beyondFile(c) ? <span className="text-xs text-warn">(no such line in the file shown)</span> : null}
              <span className="min-w-0 flex-1 whitespace-pre-wrap break-words">{c.text}</span>
              <button type="button" className={BUTTON} onClick={() => store.getState().removeComment(entry.key, labId, i)} aria-label={`Remove the comment on ${c.path} line ${c.line}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A lab this app does not have: its handed-in files as text, nothing run. */
function HandedInFiles({ files, learner }: { files: Record<string, string>; learner: string }) {
  const paths = Object.keys(files);
  if (paths.length === 0) return <p className="text-sm text-muted">No edited files.</p>;
  return (
    <div className="flex flex-col gap-2">
      {paths.map((path) => (
        <figure key={path}>
          <figcaption className="font-mono text-xs text-muted">
            {path}, as {learner} handed it in
          </figcaption>
          <pre className="max-h-80 overflow-auto rounded border border-border bg-canvas p-2 text-xs">{files[path]}</pre>
        </figure>
      ))}
    </div>
  );
}
