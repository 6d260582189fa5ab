'use client';
/**
 * The code tour: line questions ("pick the line where the query JSON is parsed")
 * answered by picking a line in the editor. `useCodeTour` holds which question is
 * being answered and turns it into editor props; `CodeTourBar` sits above the editor
 * while picking and offers the keyboard path ("Use line N").
 */
import { useCallback, useMemo, useState } from 'react';
import type { CodeEditorProps, EditorLineHighlight, EditorRevealRequest } from '@/components/editor/lazy-code-editor';
import type { LineQuestion, Question } from '@/lib/labs/schema';

/** How a picked line is saved in progress (answers keep a short string per question). */
export function lineChoice(line: number): string {
  return `L${line}`;
}

/** The line a saved choice names, or undefined when it is not a line choice. */
export function pickedLine(choice: string | undefined): number | undefined {
  const match = /^L(\d+)$/.exec(choice ?? '');
  return match ? Number(match[1]) : undefined;
}

export function isAccepted(question: LineQuestion, line: number): boolean {
  return question.accept.some((range) => line >= range.from && line <= range.to);
}

/** "line 12" or "lines 12–15". */
export function describeRange(from: number, to: number): string {
  return from === to ? `line ${from}` : `lines ${from}–${to}`;
}

interface SavedAnswer {
  choice: string;
  correct: boolean;
}

/** What the question cards need from the tour. */
export interface CodeTourControls {
  /** The question whose line is being picked, if any. */
  pickingId: string | null;
  startPicking(questionId: string): void;
  cancelPicking(): void;
  /** Opens the question's file with its answer highlighted. */
  showAnswer(questionId: string): void;
}

export function useCodeTour(options: {
  questions: Question[];
  answers: Record<string, SavedAnswer>;
  onAnswer(questionId: string, choice: string, correct: boolean): void;
  /** Switches the editor to a file. */
  showFile(path: string): void;
}) {
  const { questions, answers, onAnswer, showFile } = options;
  const lineQuestions = useMemo(() => questions.filter((q): q is LineQuestion => q.kind === 'line'), [questions]);
  const [pickingId, setPickingId] = useState<string | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const [cursor, setCursor] = useState<{ path: string; line: number } | null>(null);
  const [reveal, setReveal] = useState<EditorRevealRequest | undefined>(undefined);
  const [notice, setNotice] = useState('');

  const picking = lineQuestions.find((q) => q.id === pickingId) ?? null;
  const byId = useCallback((id: string) => lineQuestions.find((q) => q.id === id), [lineQuestions]);

  const startPicking = useCallback(
    (id: string) => {
      const question = byId(id);
      if (!question) return;
      setPickingId(id);
      setShownId(null);
      setNotice('');
      showFile(question.file);
      // Focus the editor where the cursor was: the learner moves it to the line and presses Enter.
      setReveal({ path: question.file, focus: true });
    },
    [byId, showFile],
  );

  const pick = useCallback(
    (path: string, line: number) => {
      if (!picking) return;
      if (path !== picking.file) {
        setNotice(`That line is in ${path}; this question is about ${picking.file}. Open its tab and pick there.`);
        return;
      }
      const correct = isAccepted(picking, line);
      onAnswer(picking.id, lineChoice(line), correct);
      setPickingId(null);
      setShownId(picking.id);
      setNotice(`${correct ? 'Right' : 'Not quite'}: you picked line ${line} of ${path}. The highlighted lines answer the question; the explanation is under the question.`);
      // Keep the cursor where the learner is; just make sure the answer is in view.
      setReveal(correct ? undefined : { path, line: picking.accept[0].from });
    },
    [picking, onAnswer],
  );

  const showAnswer = useCallback(
    (id: string) => {
      const question = byId(id);
      if (!question) return;
      setShownId(id);
      setPickingId(null);
      showFile(question.file);
      setReveal({ path: question.file, line: question.accept[0].from });
    },
    [byId, showFile],
  );

  const cancelPicking = useCallback(() => {
    setPickingId(null);
    setNotice('');
  }, []);

  const shown = shownId ? byId(shownId) : undefined;
  const shownAnswer = shown ? answers[shown.id] : undefined;
  const lineHighlights = useMemo<EditorLineHighlight[]>(() => {
    if (!shown || !shownAnswer) return [];
    const highlights: EditorLineHighlight[] = shown.accept.map((r) => ({ path: shown.file, from: r.from, to: r.to, tone: 'answer', message: `Answers: ${shown.prompt}` }));
    const line = pickedLine(shownAnswer.choice);
    if (line !== undefined && !shownAnswer.correct) highlights.push({ path: shown.file, from: line, to: line, tone: 'wrong', message: 'Your pick' });
    return highlights;
  }, [shown, shownAnswer]);

  const controls: CodeTourControls = { pickingId, startPicking, cancelPicking, showAnswer };
  const editorProps: Pick<CodeEditorProps, 'onLinePick' | 'onCursorLineChange' | 'lineHighlights' | 'revealRequest'> =
    lineQuestions.length === 0
      ? {}
      : {
          onLinePick: picking ? pick : undefined,
          onCursorLineChange: picking ? (path, line) => setCursor({ path, line }) : undefined,
          lineHighlights,
          revealRequest: reveal,
        };
  const cursorLine = picking && cursor?.path === picking.file ? cursor.line : undefined;
  const bar = { picking, cursorLine, notice, onUseCursorLine: () => cursorLine && pick(picking!.file, cursorLine), onCancel: cancelPicking, questionNumber: picking ? questions.indexOf(picking) + 1 : 0 };

  return { hasLineQuestions: lineQuestions.length > 0, controls, editorProps, bar };
}

interface BarProps {
  picking: LineQuestion | null;
  questionNumber: number;
  cursorLine: number | undefined;
  /** The last verdict or a hint, announced politely. */
  notice: string;
  onUseCursorLine(): void;
  onCancel(): void;
}

/** Above the editor: what is being picked, the keyboard way to pick, and the last verdict. */
export function CodeTourBar({ picking, questionNumber, cursorLine, notice, onUseCursorLine, onCancel }: BarProps) {
  return (
    // Always mounted, so the status line is announced when it changes; boxed only when there is something to show.
    <div id="code-tour-bar" className={picking || notice ? 'rounded border border-border bg-panel px-3 py-2 text-sm' : ''}>
      {picking ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="min-w-0 flex-1">
            <span className="font-semibold text-white">Picking a line for question {questionNumber}</span> in <code>{picking.file}</code>: click a
            line number, or put the cursor on the line and press <kbd>Enter</kbd>.
          </p>
          <button type="button" onClick={onUseCursorLine} disabled={cursorLine === undefined} className="rounded border border-border bg-panel-2 px-3 py-1 text-white hover:bg-canvas disabled:opacity-50">
            {cursorLine === undefined ? 'Use cursor line' : `Use line ${cursorLine} (cursor)`}
          </button>
          <button type="button" onClick={onCancel} className="rounded border border-border px-3 py-1 hover:bg-panel-2">
            Cancel picking
          </button>
        </div>
      ) : null}
      <p role="status" className={notice ? 'mt-1 text-muted' : 'sr-only'}>
        {notice}
      </p>
    </div>
  );
}
