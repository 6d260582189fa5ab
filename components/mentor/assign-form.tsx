'use client';
/**
 * Assign: the mentor picks labs (and optionally exercises and interview questions), a
 * due day and a note, and gets a link and a file holding the same assignment
 * (lib/mentor/assignment.ts). Nothing is saved anywhere: the link and the file are the
 * assignment.
 */
import { useId, useMemo, useState } from 'react';
import { downloadText } from '@/components/progress/download';
import { assignmentFileName, assignmentJson, assignmentLink, createAssignment, localDay, type Assignment } from '@/lib/mentor/assignment';
import type { Catalogue, CatalogueItem } from '@/lib/mentor/catalogue';
import { MAX_NOTE_CHARS } from '@/lib/mentor/limits';
import { BUTTON, CARD, FIELD, PRIMARY } from './styles';

const inAWeek = () => localDay(new Date(Date.now() + 7 * 86_400_000));

type Result = { ok: true; assignment: Assignment; link: string | null; linkProblem?: string } | { ok: false; reason: string } | null;

export function AssignForm({ catalogue }: { catalogue: Catalogue }) {
  const ids = { mentor: useId(), due: useId(), note: useId(), link: useId() };
  const [mentor, setMentor] = useState('');
  const [due, setDue] = useState(inAWeek);
  const [note, setNote] = useState('');
  const [labs, setLabs] = useState<ReadonlySet<string>>(new Set());
  const [exercises, setExercises] = useState<ReadonlySet<string>>(new Set());
  const [questions, setQuestions] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<Result>(null);
  const [copied, setCopied] = useState('');

  const toggle = (set: (f: (s: ReadonlySet<string>) => ReadonlySet<string>) => void) => (id: string, on: boolean) => {
    set((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    setResult(null);
  };

  function make() {
    // Lists keep the course's order, whatever order the boxes were ticked in.
    const made = createAssignment({
      mentor,
      note,
      due,
      labs: catalogue.labs.filter((l) => labs.has(l.id)).map((l) => l.id),
      exercises: catalogue.exercises.filter((e) => exercises.has(e.id)).map((e) => e.id),
      questions: catalogue.questions.filter((q) => questions.has(q.id)).map((q) => q.id),
    });
    setCopied('');
    if (!made.ok) return setResult({ ok: false, reason: made.reason });
    const link = assignmentLink(window.location.origin, made.value);
    setResult(link.ok ? { ok: true, assignment: made.value, link: link.link } : { ok: true, assignment: made.value, link: null, linkProblem: link.reason });
  }

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied.');
    } catch {
      setCopied('The browser did not allow copying: select the link and copy it by hand.');
    }
  }

  const labsByWeek = useMemo(() => catalogue.weeks.map((w) => ({ week: w, labs: catalogue.labs.filter((l) => l.week === w.number) })).filter((w) => w.labs.length > 0), [catalogue]);

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        make();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label htmlFor={ids.mentor} className="flex flex-col gap-1 text-sm">
          Your name, as the learner will see it
          <input id={ids.mentor} className={FIELD} value={mentor} maxLength={80} autoComplete="name" onChange={(e) => (setMentor(e.target.value), setResult(null))} />
        </label>
        <label htmlFor={ids.due} className="flex flex-col gap-1 text-sm">
          Due: the last day to hand in
          <input id={ids.due} type="date" className={FIELD} value={due} onChange={(e) => (setDue(e.target.value), setResult(null))} />
        </label>
      </div>
      <label htmlFor={ids.note} className="flex flex-col gap-1 text-sm">
        Note to the learner (optional, plain text)
        <textarea id={ids.note} className={`${FIELD} min-h-20`} value={note} maxLength={MAX_NOTE_CHARS} onChange={(e) => (setNote(e.target.value), setResult(null))} />
      </label>

      <fieldset className={CARD}>
        <legend className="px-1 text-sm font-semibold text-white">Labs</legend>
        <div className="grid gap-4 md:grid-cols-2">
          {labsByWeek.map(({ week, labs: weekLabs }) => (
            <fieldset key={week.number}>
              <legend className="text-xs uppercase tracking-wide text-muted">
                {week.label ?? `Week ${week.number}: ${week.title}`}
              </legend>
              <Checkboxes items={weekLabs.map((l) => ({ id: l.id, title: l.title, group: '' }))} checked={labs} onChange={toggle(setLabs)} />
            </fieldset>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <fieldset className={CARD}>
          <legend className="px-1 text-sm font-semibold text-white">Exercises (optional)</legend>
          <Checkboxes items={catalogue.exercises} checked={exercises} onChange={toggle(setExercises)} showGroup />
        </fieldset>
        <fieldset className={CARD}>
          <legend className="px-1 text-sm font-semibold text-white">Interview questions (optional)</legend>
          <Checkboxes items={catalogue.questions} checked={questions} onChange={toggle(setQuestions)} showGroup />
        </fieldset>
      </div>

      <div>
        <button type="submit" className={PRIMARY}>
          Make the assignment
        </button>
        <span className="ml-3 text-sm text-muted">
          {labs.size} lab(s), {exercises.size} exercise(s), {questions.size} question(s) picked
        </span>
      </div>

      <div role="status" aria-live="polite">
        {result?.ok ? (
          <div className={`${CARD} flex flex-col gap-2`}>
            <p className="text-sm text-ok">
              Assignment ready: due {result.assignment.due}. Send the link or the file; the learner opens it in this app and it is saved with their progress.
            </p>
            {result.link ? (
              <>
                <label htmlFor={ids.link} className="text-sm">
                  Assignment link
                </label>
                <div className="flex flex-wrap gap-2">
                  <input id={ids.link} readOnly value={result.link} className={`${FIELD} min-w-0 flex-1 font-mono text-xs`} onFocus={(e) => e.target.select()} />
                  <button type="button" className={BUTTON} onClick={() => void copy(result.link!)}>
                    Copy link
                  </button>
                </div>
                {copied ? <p className="text-xs text-muted">{copied}</p> : null}
              </>
            ) : (
              <p className="text-sm text-warn">{result.linkProblem}</p>
            )}
            <div>
              <button type="button" className={BUTTON} onClick={() => downloadText(assignmentFileName(result.assignment), assignmentJson(result.assignment))}>
                Download assignment file
              </button>
            </div>
          </div>
        ) : null}
      </div>
      {result && !result.ok ? (
        <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-2 text-sm">
          The assignment is not ready: {result.reason}.
        </p>
      ) : null}
    </form>
  );
}

function Checkboxes({ items, checked, onChange, showGroup = false }: { items: CatalogueItem[]; checked: ReadonlySet<string>; onChange(id: string, on: boolean): void; showGroup?: boolean }) {
  return (
    <ul className="mt-1 flex flex-col gap-1">
      {items.map((item) => (
        <li key={item.id}>
          <label className="flex items-baseline gap-2 text-sm">
            <input type="checkbox" checked={checked.has(item.id)} onChange={(e) => onChange(item.id, e.target.checked)} />
            <span>
              {item.title}
              {showGroup && item.group ? <span className="ml-1 text-xs text-muted">({item.group})</span> : null}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}
