/** The small facts shown with a question everywhere: category, difficulty, suggested time. */
import { CATEGORY_LABELS, DIFFICULTY_LABELS, type Category, type Difficulty } from '@/lib/interview/schema';

const DIFFICULTY_STYLE: Record<Difficulty, string> = { beginner: 'border-ok text-ok', intermediate: 'border-border text-muted', advanced: 'border-warn text-warn' };

export function QuestionMeta({ category, difficulty, minutes, className = '' }: { category: Category; difficulty: Difficulty; minutes: number; className?: string }) {
  return (
    <p className={`flex flex-wrap items-center gap-2 text-xs ${className}`}>
      <span className="rounded bg-panel-2 px-2 py-0.5 text-white">{CATEGORY_LABELS[category]}</span>
      {/* The level is written out; the colour only repeats it. */}
      <span className={`rounded border px-2 py-0.5 ${DIFFICULTY_STYLE[difficulty]}`}>{DIFFICULTY_LABELS[difficulty]}</span>
      <span className="text-muted">about {minutes} min</span>
    </p>
  );
}
