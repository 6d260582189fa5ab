/**
 * What importing a backup does, item by item (import-items.ts), and doing it.
 *
 * - An item only the backup has is added (attempts and mock interviews are unions).
 * - An item only this browser has is kept: nothing local is ever dropped.
 * - An item both sides hold alike stays as it is.
 * - An item both sides hold differently is a conflict: this browser's copy is kept
 *   unless the learner ticks "replace with the backup's" for that very item, whichever
 *   side changed it later.
 * - A run result taken from the backup is marked `source: 'import'`: it shows as saved,
 *   not re-run, and does not count as passed here (completion.ts).
 */
import { dict } from './dict';
import { comparable, itemKey, itemsOf, putItem, type ProgressItem } from './import-items';
import { sameData } from './merge';
import { PROGRESS_VERSION, type Progress } from './schema';

/** What importing does to one item. `conflict`: both sides differ; this browser's is kept unless ticked. */
export type ImportOutcome = 'add' | 'same' | 'conflict';

export interface PreviewItem extends ProgressItem {
  /** Stable key of the item, for the learner's ticks. */
  key: string;
  outcome: ImportOutcome;
  /** This browser's copy, when it has one (`value` is the backup's). */
  local?: unknown;
  localTime?: string;
  backupTime?: string;
}

export interface ImportPreview {
  /** Every item the backup holds, in the backup's order. */
  items: PreviewItem[];
  /** Items both sides hold differently. */
  conflicts: number;
  /** Items only the backup has. */
  additions: number;
}

/** True when this browser holds nothing for the item (a lab file reset to the starter still counts as held). */
const absent = (item: ProgressItem | undefined) => !item || (item.value === undefined && item.time === undefined);

/** What importing `backup` into `local` would do, item by item. Changes nothing. */
export function previewImport(local: Progress, backup: Progress): ImportPreview {
  const mine = itemsOf(local);
  const items: PreviewItem[] = [];
  for (const [key, theirs] of itemsOf(backup)) {
    const own = mine.get(key);
    const outcome: ImportOutcome = sameData(comparable(own), comparable(theirs)) ? 'same' : absent(own) ? 'add' : 'conflict';
    items.push({ ...theirs, key, outcome, local: own?.value, localTime: own?.time, backupTime: theirs.time });
  }
  return { items, conflicts: items.filter((i) => i.outcome === 'conflict').length, additions: items.filter((i) => i.outcome === 'add').length };
}

export interface ApplyImportOptions {
  /** Keys (PreviewItem.key) of conflicting items to take from the backup; 'all' ticks every conflict. */
  replace: ReadonlySet<string> | 'all';
  /** ISO time of the import: the change time of every replaced item, so other tabs take it too. */
  at: string;
}

/** The progress after importing: `local` plus what the backup adds, plus the ticked replacements. */
export function applyImport(local: Progress, backup: Progress, options: ApplyImportOptions): Progress {
  const result = structuredClone(local);
  result.labs = dict(result.labs);
  const theirs = itemsOf(backup);
  for (const item of previewImport(local, backup).items) {
    if (item.outcome === 'same') continue;
    const ticked = item.outcome === 'conflict' && (options.replace === 'all' || options.replace.has(item.key));
    if (item.outcome === 'conflict' && !ticked) continue;
    putItem(result, theirs.get(item.key)!, ticked ? options.at : item.time, options.at);
  }
  // Interview and exercise progress are saved as one block each, merged across tabs by
  // the block's change time: a block the import changed is stamped now, so the next
  // save does not prefer the copy stored before the import.
  for (const block of ['interview', 'exercises'] as const) {
    if (!sameData(result[block], local[block])) result.fieldTimes = { ...dict(result.fieldTimes), [block]: options.at };
  }
  for (const [id, lab] of Object.entries(result.labs)) {
    const before = Object.prototype.hasOwnProperty.call(local.labs, id) ? local.labs[id] : undefined;
    if (!sameData(lab, before)) lab.updatedAt = options.at;
  }
  return { ...result, version: PROGRESS_VERSION };
}

export { itemKey };
