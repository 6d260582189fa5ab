'use client';
/**
 * A mentor's line comments in the lab editor (highlights, "show this line"), and the
 * panel beside the code (lab-mentor-panel.tsx, loaded on demand). Feedback is only
 * shown: the learner's files, answers and results stay exactly as they are.
 */
import dynamic from 'next/dynamic';
import { useMemo, useRef, useState } from 'react';
import type { EditorLineHighlight, EditorRevealRequest } from '@/components/editor/editor-types';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { feedbackForLab } from '@/lib/mentor/feedback-schema';
import { plainHover } from '@/lib/mentor/hover';

/** Feedback on one lab from every saved feedback file, newest first. */
export function useLabFeedback(labId: string) {
  const hydrated = useProgressHydrated();
  const feedback = useProgress((s) => s.feedback);
  return useMemo(() => (hydrated ? feedbackForLab(Object.values(feedback ?? {}), labId) : []), [hydrated, feedback, labId]);
}

/**
 * Editor props for feedback: highlights of commented lines, and a reveal when the
 * learner asks to see one. `reveal` is whichever of the tour's and the feedback's
 * requests is newer.
 */
export function useMentorEditorProps(labId: string, tour: { lineHighlights?: EditorLineHighlight[]; revealRequest?: EditorRevealRequest }) {
  const items = useLabFeedback(labId);
  const [request, setRequest] = useState<EditorRevealRequest | undefined>();
  const last = useRef<{ tour?: EditorRevealRequest; mine?: EditorRevealRequest; latest?: EditorRevealRequest }>({});
  if (tour.revealRequest !== last.current.tour) last.current = { ...last.current, tour: tour.revealRequest, latest: tour.revealRequest ?? last.current.latest };
  if (request !== last.current.mine) last.current = { ...last.current, mine: request, latest: request ?? last.current.latest };
  const highlights = useMemo<EditorLineHighlight[]>(
    () => items.flatMap(({ feedback, lab }) => lab.comments.map((c) => ({ path: c.path, from: c.line, to: c.line, tone: 'answer' as const, message: plainHover(`${feedback.mentor}: ${c.text}`) }))),
    [items],
  );
  const lineHighlights = tour.lineHighlights || highlights.length > 0 ? [...(tour.lineHighlights ?? []), ...highlights] : undefined;
  return { lineHighlights, revealRequest: last.current.latest, showLine: (path: string, line: number) => setRequest({ path, line, focus: true }) };
}

/** The panel, loaded only in the browser and only on lab pages that render it (it shows nothing until progress has loaded). */
export const LabMentorPanel = dynamic(() => import('./lab-mentor-panel').then((m) => m.LabMentorPanel), { ssr: false });
