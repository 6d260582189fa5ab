/**
 * Backup files of all progress: written from the store, read back with the same
 * validation and migrations as saved progress, and applied only after a preview that
 * keeps the learner's newer local work unless they say otherwise.
 */
import { z } from 'zod';
import { LAB_UNTIMED, mergeProgress, sameData } from './merge';
import { migrate } from './migrations';
import { parseJsonSafely } from './safe-json';
import { PROGRESS_VERSION, progressSchema, type LabProgress, type Progress } from './schema';

export const BACKUP_FORMAT = 'datasource-lab-backup';
/** Larger files are refused before they are read: progress of every lab is far smaller. */
export const MAX_BACKUP_BYTES = 5 * 1024 * 1024;

export const backupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT).describe('marks the file as a Datasource Lab backup'),
  exportedAt: z.string().max(40).describe('ISO time the backup was made'),
  progress: z.unknown().describe('saved progress of any known version; validated by migrate()'),
});
export type BackupFile = z.infer<typeof backupFileSchema>;

/** The backup file's text and a file name for it. */
export function createBackup(progress: Progress, at = new Date()): { text: string; fileName: string } {
  // Export what is valid in full; if something is not, export it anyway rather than nothing.
  const parsed = progressSchema.safeParse(progress);
  const file: BackupFile = { format: BACKUP_FORMAT, exportedAt: at.toISOString(), progress: parsed.success ? parsed.data : progress };
  const stamp = at.toISOString().slice(0, 16).replace(/[T:]/g, '-');
  return { text: JSON.stringify(file, null, 1), fileName: `datasource-lab-backup-${stamp}.json` };
}

export type BackupReadResult = { ok: true; progress: Progress; fromVersion: number; exportedAt?: string } | { ok: false; reason: string };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Checks a file's size before reading it; returns the reason to refuse, or null. */
export function checkBackupSize(bytes: number): string | null {
  return bytes > MAX_BACKUP_BYTES ? `The file is ${megabytes(bytes)}; a backup is at most ${megabytes(MAX_BACKUP_BYTES)}, so this is not one.` : null;
}

/**
 * Reads a backup file's text. Also accepts a raw copy of saved progress (what the
 * quarantine banner downloads), so that data can be repaired by hand and imported.
 */
export function readBackup(text: string): BackupReadResult {
  const tooBig = checkBackupSize(text.length > MAX_BACKUP_BYTES ? text.length : new TextEncoder().encode(text).length);
  if (tooBig) return { ok: false, reason: tooBig };
  const json = parseJsonSafely(text);
  if (!json.ok) return { ok: false, reason: `The file cannot be read: ${json.reason}.` };
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'The file is not a Datasource Lab backup (it is not a JSON object).' };
  let progress: unknown;
  let exportedAt: string | undefined;
  if ('format' in value) {
    const file = backupFileSchema.safeParse(value);
    if (!file.success) {
      const issue = file.error.issues[0];
      return { ok: false, reason: `The file is not a Datasource Lab backup (${issue.path.join('.') || 'file'}: ${issue.message}).` };
    }
    progress = file.data.progress;
    exportedAt = file.data.exportedAt;
  } else if ('state' in value) {
    progress = (value as { state: unknown }).state;
  } else if ('labs' in value) {
    progress = value;
  } else {
    return { ok: false, reason: `The file is not a Datasource Lab backup (it has no "format": "${BACKUP_FORMAT}").` };
  }
  if (typeof progress !== 'object' || progress === null) return { ok: false, reason: 'The backup holds no progress.' };
  const version = (progress as { version?: unknown }).version;
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return {
      ok: false,
      reason: `This backup was made by a newer release of Datasource Lab (progress version ${version}); this one reads versions up to ${PROGRESS_VERSION}. Import it into the newer release.`,
    };
  }
  const migrated = migrate(progress);
  if (!migrated.ok) return { ok: false, reason: `The backup cannot be imported: ${migrated.reason}.` };
  return { ok: true, progress: migrated.progress, fromVersion: migrated.fromVersion, exportedAt };
}

/** What importing does to one item: a file, an answer, or another field. */
export type ImportOutcome = 'add' | 'update' | 'same' | 'keep-local';

export interface PreviewItem {
  /** Lab id, or undefined for a top-level field. */
  labId?: string;
  kind: 'file' | 'answer' | 'field';
  /** File path, question id or field name. */
  name: string;
  /** `keep-local`: this browser's copy is newer and differs, so it is kept unless the learner chooses otherwise. */
  outcome: ImportOutcome;
  localTime?: string;
  backupTime?: string;
}

export interface ImportPreview {
  items: PreviewItem[];
  /** Items where this browser has newer, different work. */
  conflicts: number;
  /** Items the import adds or updates. */
  changes: number;
}

interface TimedItem {
  labId?: string;
  kind: PreviewItem['kind'];
  name: string;
  value: unknown;
  time?: string;
}

const TOP_UNTIMED = new Set(['version', 'labs', 'fieldTimes']);
const itemKey = (i: Pick<TimedItem, 'labId' | 'kind' | 'name'>) => JSON.stringify([i.labId ?? null, i.kind, i.name]);
const keysOf = (...objects: (object | undefined)[]) => [...new Set(objects.flatMap((o) => (o ? Object.keys(o) : [])))];

function labItems(labId: string, lab: LabProgress): TimedItem[] {
  const files = keysOf(lab.files, lab.fileTimes).map((name): TimedItem => ({ labId, kind: 'file', name, value: lab.files[name], time: lab.fileTimes?.[name] }));
  const answers = Object.entries(lab.answers).map(([name, answer]): TimedItem => ({ labId, kind: 'answer', name, value: answer, time: answer.at }));
  const fields = keysOf(lab, lab.fieldTimes)
    .filter((name) => !LAB_UNTIMED.has(name))
    .map((name): TimedItem => ({ labId, kind: 'field', name, value: (lab as Record<string, unknown>)[name], time: lab.fieldTimes?.[name] }));
  return [...files, ...answers, ...fields];
}

/** Every file, answer and field of `progress`, keyed for comparison. */
function itemsOf(progress: Progress): Map<string, TimedItem> {
  const top = keysOf(progress, progress.fieldTimes)
    .filter((name) => !TOP_UNTIMED.has(name))
    .map((name): TimedItem => ({ kind: 'field', name, value: (progress as Record<string, unknown>)[name], time: progress.fieldTimes?.[name] }));
  const all = [...Object.entries(progress.labs).flatMap(([id, lab]) => labItems(id, lab)), ...top];
  return new Map(all.map((item) => [itemKey(item), item]));
}

const ms = (time: string | undefined) => (time === undefined || Number.isNaN(Date.parse(time)) ? -Infinity : Date.parse(time));

/** An answer given again with the same choice is the same answer, whenever it was given. */
const comparable = (item: TimedItem | undefined) => (item?.kind === 'answer' ? { ...(item.value as object), at: undefined } : item?.value);

/** What importing `backup` into `local` would do, item by item. */
export function previewImport(local: Progress, backup: Progress): ImportPreview {
  const mine = itemsOf(local);
  const items: PreviewItem[] = [];
  for (const [key, theirs] of itemsOf(backup)) {
    const own = mine.get(key);
    let outcome: ImportOutcome;
    if (sameData(comparable(own), comparable(theirs))) outcome = 'same';
    else if (!own || (own.value === undefined && own.time === undefined)) outcome = 'add';
    else if (ms(theirs.time) > ms(own.time)) outcome = 'update';
    else outcome = 'keep-local';
    items.push({ labId: theirs.labId, kind: theirs.kind, name: theirs.name, outcome, localTime: own?.time, backupTime: theirs.time });
  }
  return {
    items,
    conflicts: items.filter((i) => i.outcome === 'keep-local').length,
    changes: items.filter((i) => i.outcome === 'add' || i.outcome === 'update').length,
  };
}

/**
 * The progress after importing. Newer items of either side win; with
 * `replaceNewerLocal` the backup's copy also replaces newer local work (the learner
 * confirmed it), stamped `at` so that other tabs take it too.
 */
export function applyImport(local: Progress, backup: Progress, options: { replaceNewerLocal: boolean; at: string }): Progress {
  if (!options.replaceNewerLocal) return mergeProgress(local, backup);
  const boosted = structuredClone(backup);
  for (const item of previewImport(local, backup).items) {
    if (item.outcome !== 'keep-local') continue;
    if (item.labId === undefined) {
      boosted.fieldTimes = { ...boosted.fieldTimes, [item.name]: options.at };
      continue;
    }
    const lab = boosted.labs[item.labId];
    if (item.kind === 'file') lab.fileTimes = { ...lab.fileTimes, [item.name]: options.at };
    else if (item.kind === 'answer') lab.answers[item.name] = { ...lab.answers[item.name], at: options.at };
    else lab.fieldTimes = { ...lab.fieldTimes, [item.name]: options.at };
  }
  return mergeProgress(local, boosted);
}
