'use client';
/**
 * "Hand in": one submission file (lib/mentor/submission.ts) with the learner's work
 * for an assignment, or for every lab with work when there is none. The learner
 * names themselves once (saved with their progress); nothing of their work changes.
 */
import { useId, useState } from 'react';
import { downloadText } from '@/components/progress/download';
import { useProgress } from '@/components/progress/use-progress';
import type { Assignment } from '@/lib/mentor/assignment';
import { catalogueTitles, type Catalogue } from '@/lib/mentor/catalogue';
import { buildSubmission, sealSubmission, submissionFile } from '@/lib/mentor/submission';
import { partialize, progressStore } from '@/lib/progress/store';
import { BUTTON, FIELD, PRIMARY } from './styles';

export function HandIn({ assignment, catalogue, label = 'Hand in' }: { assignment?: Assignment; catalogue: Catalogue; label?: string }) {
  const savedName = useProgress((s) => s.learnerName ?? '');
  const [open, setOpen] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const nameId = useId();
  const shownName = name ?? savedName;

  async function handIn() {
    const learner = shownName.trim();
    if (!learner) return setMessage({ ok: false, text: 'Write your name first: your mentor sees it on your work.' });
    progressStore.getState().setLearnerName(learner);
    try {
      const now = new Date();
      const sealed = await sealSubmission(buildSubmission({ progress: partialize(progressStore.getState()), learner, assignment, titles: catalogueTitles(catalogue), now }));
      const { text, fileName } = submissionFile(sealed);
      downloadText(fileName, text);
      if (assignment) progressStore.getState().markHandedIn(assignment.id, now.toISOString());
      const labs = Object.keys(sealed.labs).length;
      setMessage({ ok: true, text: `Saved ${fileName} with your work on ${labs} lab(s). Send it to your mentor; your work here is unchanged, and you can hand in again later.` });
    } catch (err) {
      setMessage({ ok: false, text: `The submission could not be made (${err instanceof Error ? err.message : String(err)}). Your work is unchanged; try again.` });
    }
  }

  if (!open) {
    return (
      <button type="button" className={PRIMARY} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2 rounded border border-border bg-canvas p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void handIn();
      }}
    >
      <p className="text-sm">
        The file holds your code, answers and Run results, and also when you showed a solution, reset, saw a hint, and roughly how long you worked. Your mentor&apos;s app re-runs your code to check the results.
      </p>
      <label htmlFor={nameId} className="flex flex-col gap-1 text-sm">
        Your name, as your mentor knows you
        <input id={nameId} className={FIELD} value={shownName} maxLength={80} autoComplete="name" onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="flex gap-2">
        <button type="submit" className={PRIMARY}>
          Download submission file
        </button>
        <button type="button" className={BUTTON} onClick={() => (setOpen(false), setMessage(null))}>
          Close
        </button>
      </div>
      <p role="status" className={message?.ok ? 'text-sm text-ok' : 'sr-only'}>
        {message?.ok ? message.text : ''}
      </p>
      {message && !message.ok ? (
        <p role="alert" className="text-sm text-bad">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
