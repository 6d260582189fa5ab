'use client';
/**
 * Category and difficulty filters as two groups of native checkboxes: reachable with
 * Tab, toggled with Space, named by their legend. Nothing ticked in a group means "any".
 */
import { CATEGORIES, CATEGORY_LABELS, DIFFICULTIES, DIFFICULTY_LABELS } from '@/lib/interview/schema';
import type { InterviewFilters } from '@/lib/interview/progress-schema';

interface Props {
  filters: InterviewFilters;
  onChange(filters: InterviewFilters): void;
  disabled?: boolean;
}

export function FilterControls({ filters, onChange, disabled }: Props) {
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const anyActive = filters.categories.length > 0 || filters.difficulties.length > 0;
  return (
    <div className="flex flex-wrap items-start gap-x-8 gap-y-4">
      <fieldset disabled={disabled}>
        <legend className="text-sm font-semibold text-white">Category</legend>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {CATEGORIES.map((c) => (
            <label key={c} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={filters.categories.includes(c)} onChange={() => onChange({ ...filters, categories: toggle(filters.categories, c) })} />
              {CATEGORY_LABELS[c]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={disabled}>
        <legend className="text-sm font-semibold text-white">Difficulty</legend>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {DIFFICULTIES.map((d) => (
            <label key={d} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={filters.difficulties.includes(d)} onChange={() => onChange({ ...filters, difficulties: toggle(filters.difficulties, d) })} />
              {DIFFICULTY_LABELS[d]}
            </label>
          ))}
        </div>
      </fieldset>
      {anyActive ? (
        <button type="button" disabled={disabled} onClick={() => onChange({ categories: [], difficulties: [] })} className="self-end rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
