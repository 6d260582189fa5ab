'use client';
/** The per-lab, per-file table of what an import would do, before anything changes. */
import type { ImportOutcome, ImportPreview, PreviewItem } from '@/lib/progress/backup';

const OUTCOME_TEXT: Record<ImportOutcome, string> = {
  add: 'Added from the backup',
  update: 'Replaced by the backup (it is newer)',
  same: 'Already the same',
  'keep-local': 'Yours is newer: kept unless you choose below',
};

const FIELD_NAMES: Record<string, string> = { lastRun: 'last run results', queries: 'request (queries)', scenarioId: 'upstream scenario' };

function itemName(item: PreviewItem): string {
  if (item.kind === 'file') return item.name;
  if (item.kind === 'answer') return `answer to ${item.name}`;
  return FIELD_NAMES[item.name] ?? item.name;
}

const when = (time: string | undefined) => (time && !Number.isNaN(Date.parse(time)) ? new Date(time).toLocaleString() : '—');

export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  const groups = new Map<string, PreviewItem[]>();
  for (const item of preview.items) {
    const group = item.labId ?? 'Other progress';
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
              <tr key={`${item.kind}:${item.name}`} className="border-t border-border">
                <td className="py-1 pr-3 font-mono text-xs">{itemName(item)}</td>
                <td className={`py-1 pr-3 ${item.outcome === 'keep-local' ? 'text-warn' : ''}`}>{OUTCOME_TEXT[item.outcome]}</td>
                <td className="py-1 pr-3 text-xs text-muted">{when(item.localTime)}</td>
                <td className="py-1 text-xs text-muted">{when(item.backupTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
