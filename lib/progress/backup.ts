/**
 * Backup files of all progress: written from the store, read back with the same
 * validation and migrations as saved progress, and applied only after a preview
 * (import-plan.ts) that keeps every local item unless the learner ticks it.
 */
import { z } from 'zod';
import { migrate } from './migrations';
import { parseJsonSafely } from './safe-json';
import { utf8Length } from '../utf8';
import { PROGRESS_VERSION, progressSchema, type Progress } from './schema';

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
  const tooBig = checkBackupSize(text.length > MAX_BACKUP_BYTES ? text.length : utf8Length(text));
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

export { applyImport, previewImport, type ApplyImportOptions, type ImportOutcome, type ImportPreview, type PreviewItem } from './import-plan';
