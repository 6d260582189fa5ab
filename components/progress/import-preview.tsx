'use client';
/**
 * The item-by-item table of what an import would do, before anything changes: grouped
 * by lab, exercise, interview question and mock interviews, each named by its title.
 * A conflict (both sides hold the item differently) has its own "Replace with the
 * backup's" tick; unticked, this browser's copy is kept.
 */
import type { ImportOutcome, ImportPreview, PreviewItem } from '@/lib/progress/backup';
import { formatWhen } from '@/lib/progress/format-time';
import { groupName, itemName, type ProgressTitles } from '@/lib/progress/preview-names';

export type { ProgressTitles };

const OUTCOME_TEXT: Record<ImportOutcome, string> = {
  add: 'Added from the backup',
  same: 'Already the same',
  conflict: 'Both differ: yours is kept unless you tick it',
};

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
                <td className={`py-1 pr-3 ${item.kind === 'file' || item.kind === 'exercise-file' ? 'font-mono text-xs' : ''}`}>{itemName(item, titles)}</td>
                <td className={`py-1 pr-3 ${item.outcome === 'conflict' ? 'text-warn' : ''}`}>
                  {item.outcome === 'conflict' && ticked.has(item.key) ? 'Replaced by the backup’s copy' : OUTCOME_TEXT[item.outcome]}
                  {item.outcome === 'conflict' ? (
                    <label className="mt-1 flex items-center gap-2 text-xs text-white">
                      <input
                        type="checkbox"
                        checked={ticked.has(item.key)}
                        onChange={(e) => onTick(item.key, e.target.checked)}
                        aria-label={`Replace with the backup's: ${itemName(item, titles)} (${group})`}
                      />
                      Replace with the backup&apos;s
                    </label>
                  ) : null}
                </td>
                <td className="py-1 pr-3 text-xs whitespace-nowrap text-muted">{formatWhen(item.localTime)}</td>
                <td className="py-1 text-xs whitespace-nowrap text-muted">{formatWhen(item.backupTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
