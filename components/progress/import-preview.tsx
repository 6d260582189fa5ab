'use client';
/**
 * The item-by-item table of what an import would do, before anything changes: grouped
 * by lab, exercise, interview question and mock interviews, each named by its title.
 * A conflict (both sides hold the item differently) has its own "Replace with the
 * backup's" tick; unticked, this browser's copy is kept.
 */
import type { ImportOutcome, ImportPreview, PreviewItem } from '@/lib/progress/backup';
import { formatWhen } from '@/lib/progress/format-time';
import type { Attempt, MockSession } from '@/lib/interview/progress-schema';

/** Human titles by id, built where the content is loaded (the page) and passed in. */
export interface ProgressTitles {
  labs: Record<string, string>;
  exercises: Record<string, string>;
  questions: Record<string, string>;
}

const OUTCOME_TEXT: Record<ImportOutcome, string> = {
  add: 'Added from the backup',
  same: 'Already the same',
  conflict: 'Both differ: yours is kept unless you tick it',
};

const FIELD_NAMES: Record<string, string> = { lastRun: 'Last run results', queries: 'Request (queries)', scenarioId: 'Upstream scenario', rubric: 'Self-review rubric' };

const titleOf = (map: Record<string, string>, id: string | undefined) =>
  id !== undefined && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : `${id ?? ''} (not in this release)`;

/** The table caption of an item's group. */
function groupName(item: PreviewItem, titles: ProgressTitles): string {
  switch (item.scope) {
    case 'lab':
      return `Lab: ${titleOf(titles.labs, item.owner)}`;
    case 'exercise':
      return `Exercise: ${titleOf(titles.exercises, item.owner)}`;
    case 'question':
      return `Interview question: ${titleOf(titles.questions, item.owner)}`;
    case 'mocks':
      return 'Mock interviews';
    default:
      return 'Other progress';
  }
}

/**
 * What a run result in the backup claims, marked as a claim: it was not run here, so
 * after the import it shows "as saved" and only a Run in this browser can say passed.
 */
function asSaved(value: unknown, unit: 'checks' | 'tests'): string {
  const run = value as { passed?: unknown; total?: unknown } | null;
  if (!run || typeof run.passed !== 'number' || typeof run.total !== 'number') return '';
  return ` (as saved in the backup: ${run.passed} of ${run.total} ${unit}; not counted as passed until you run it here)`;
}

/** The row's name of an item. */
export function itemName(item: PreviewItem): string {
  switch (item.kind) {
    case 'file':
    case 'exercise-file':
      return item.name;
    case 'answer':
      return `Answer to question ${item.name}`;
    case 'field':
      if (item.name === 'lastRun') return `Last run results${asSaved(item.value, 'checks')}`;
      // Own entries only: a field named `constructor` in a backup must not find Object.prototype's.
      return Object.hasOwn(FIELD_NAMES, item.name) ? FIELD_NAMES[item.name] : item.name;
    case 'diagnosis':
      return 'Diagnosis answer';
    case 'last-result':
      return `Last test result${asSaved(item.value, 'tests')}`;
    case 'attempt': {
      const a = item.value as Attempt;
      return `${a.mode === 'mock' ? 'Mock' : 'Practice'} attempt of ${formatWhen(a.at)}, score ${a.score} of 5`;
    }
    case 'draft':
      return 'Practice in progress (notes, hints, timer)';
    case 'mock': {
      const m = item.value as MockSession;
      return `Mock interview of ${formatWhen(m.startedAt)} (${m.questionIds.length} question${m.questionIds.length === 1 ? '' : 's'})`;
    }
    case 'active-mock':
      return `Mock interview in progress, started ${formatWhen((item.value as MockSession).startedAt)}`;
    case 'filters':
      return 'Question bank filters';
  }
}

interface Props {
  preview: ImportPreview;
  titles: ProgressTitles;
  /** Keys of conflicts ticked to take the backup's copy. */
  ticked: ReadonlySet<string>;
  onTick: (key: string, replace: boolean) => void;
}

export function ImportPreviewTable({ preview, titles, ticked, onTick }: Props) {
  const groups = new Map<string, PreviewItem[]>();
  for (const item of preview.items) {
    const group = groupName(item, titles);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return (
    <div className="flex flex-col gap-3">
      {[...groups].map(([group, items]) => (
        <table key={group} className="w-full text-left text-sm">
          <caption className="text-left font-semibold text-white">{group}</caption>
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3">Item</th>
              <th scope="col" className="py-1 pr-3">What happens</th>
              <th scope="col" className="py-1 pr-3">Yours changed</th>
              <th scope="col" className="py-1">Backup&apos;s changed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.key} className="border-t border-border">
                <td className={`py-1 pr-3 ${item.kind === 'file' || item.kind === 'exercise-file' ? 'font-mono text-xs' : ''}`}>{itemName(item)}</td>
                <td className={`py-1 pr-3 ${item.outcome === 'conflict' ? 'text-warn' : ''}`}>
                  {item.outcome === 'conflict' && ticked.has(item.key) ? 'Replaced by the backup’s copy' : OUTCOME_TEXT[item.outcome]}
                  {item.outcome === 'conflict' ? (
                    <label className="mt-1 flex items-center gap-2 text-xs text-white">
                      <input
                        type="checkbox"
                        checked={ticked.has(item.key)}
                        onChange={(e) => onTick(item.key, e.target.checked)}
                        aria-label={`Replace with the backup's: ${itemName(item)} (${group})`}
                      />
                      Replace with the backup&apos;s
                    </label>
                  ) : null}
                </td>
                <td className="py-1 pr-3 text-xs text-muted">{formatWhen(item.localTime)}</td>
                <td className="py-1 text-xs text-muted">{formatWhen(item.backupTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
