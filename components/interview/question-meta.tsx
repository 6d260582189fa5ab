/** The small facts shown with a question everywhere: category, difficulty, suggested time. */
import { CATEGORY_LABELS, DIFFICULTY_LABELS, type Category, type Difficulty } from '@/lib/interview/schema';

export function QuestionMeta({ category, difficulty, minutes, className = '' }: { category: Category; difficulty: Difficulty; minutes: number; className?: string }) {
  return (
    <p className={`flex flex-wrap items-center gap-2 text-xs ${className}`}>
      <span className="rounded bg-panel-2 px-2 py-0.5 text-white">{CATEGORY_LABELS[category]}</span>
      <span className={`rounded border px-2 py-0.5 ${difficulty === 'advanced' ? 'border-warn text-warn' : 'border-border text-muted'}`}>{DIFFICULTY_LABELS[difficulty]}</span>
      <span className="text-muted">about {minutes} min</span>
    </p>
  );
}
