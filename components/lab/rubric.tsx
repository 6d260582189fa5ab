'use client';
/**
 * The self-review rubric of a lab: yes/no questions about the learner's own work that
 * no check can judge (is it clear? is it true?). Ticks are saved with the lab.
 */
interface Props {
  items: readonly { id: string; text: string }[];
  ticked: Readonly<Record<string, boolean>>;
  onChange(itemId: string, checked: boolean): void;
}

export function Rubric({ items, ticked, onChange }: Props) {
  const done = items.filter((item) => ticked[item.id]).length;
  return (
    <fieldset className="mt-6 rounded border border-border bg-panel p-3">
      <legend className="px-1 text-sm font-semibold text-white">Self-review</legend>
      <p className="text-xs text-muted">
        Checks cannot judge these. Read your work as a newcomer would, and tick what is true. {done} of {items.length} ticked.
      </p>
      <ul className="mt-2 space-y-2">
        {items.map((item) => (
          <li key={item.id}>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-1" checked={ticked[item.id] ?? false} onChange={(e) => onChange(item.id, e.target.checked)} />
              <span>{item.text}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
