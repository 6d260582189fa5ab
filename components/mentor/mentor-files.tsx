'use client';
/**
 * "Have a file from your mentor?": opens an assignment file (shown like an opened
 * link, saved on request) or a feedback file (saved beside the work at once: it never
 * changes the work). Sizes are checked before reading; a refusal says why.
 */
import { useId, useState } from 'react';
import { readAssignmentFile, refuseAssignmentFile, type Assignment } from '@/lib/mentor/assignment';
import { readFeedbackFile, refuseFeedbackFile } from '@/lib/mentor/feedback';
import { progressStore } from '@/lib/progress/store';

export function MentorFiles({ onAssignment }: { onAssignment(a: Assignment): void }) {
  const assignmentInput = useId();
  const feedbackInput = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function openAssignment(file: File | undefined) {
    if (!file) return;
    const tooBig = refuseAssignmentFile(file.size);
    if (tooBig) return setMessage({ ok: false, text: `${file.name} was not opened. ${tooBig}` });
    const read = readAssignmentFile(await file.text());
    if (!read.ok) return setMessage({ ok: false, text: `${file.name} was not opened. ${read.reason}` });
    setMessage(null);
    onAssignment(read.value);
  }

  async function openFeedback(file: File | undefined) {
    if (!file) return;
    const tooBig = refuseFeedbackFile(file.size);
    if (tooBig) return setMessage({ ok: false, text: `${file.name} was not opened. ${tooBig}` });
    const read = readFeedbackFile(await file.text());
    if (!read.ok) return setMessage({ ok: false, text: `${file.name} was not opened. ${read.reason}` });
    progressStore.getState().saveFeedback(read.value);
    const labs = Object.keys(read.value.labs).length;
    setMessage({ ok: true, text: `Feedback from ${read.value.mentor} saved: it shows on this page and beside your code in ${labs} lab(s). None of your work was changed.` });
  }

  return (
    <details className="rounded border border-border bg-panel p-3 text-sm">
      <summary className="cursor-pointer text-white">Have a file from your mentor?</summary>
      <div className="mt-2 flex flex-col gap-3">
        <label htmlFor={assignmentInput} className="flex flex-col gap-1">
          Open an assignment file (.json)
          <input
            id={assignmentInput}
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              void openAssignment(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <label htmlFor={feedbackInput} className="flex flex-col gap-1">
          Open a feedback file (.json)
          <input
            id={feedbackInput}
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              void openFeedback(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p role="status" className={message?.ok ? 'mt-2 text-ok' : 'sr-only'}>
        {message?.ok ? message.text : ''}
      </p>
      {message && !message.ok ? (
        <p role="alert" className="mt-2 rounded border border-bad/60 bg-bad/10 p-2">
          {message.text}
        </p>
      ) : null}
    </details>
  );
}
