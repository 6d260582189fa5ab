'use client';
/**
 * The /progress/ page: what is saved, "Download backup", and "Import backup" with a
 * preview. Nothing changes until the learner applies the import; the import adds what
 * only the backup has, and replaces a local item only where the learner ticked it.
 */
import { plural } from '@/lib/format';
import { useState } from 'react';
import { applyImport, checkBackupSize, previewImport, readBackup, type ImportPreview } from '@/lib/progress/backup';
import type { Progress } from '@/lib/progress/schema';
import { hydrateProgress, now, partialize, progressStore } from '@/lib/progress/store';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { formatWhen } from '@/lib/progress/format-time';
import { ImportPreviewTable, type ProgressTitles } from './import-preview';
import { useBackupDownload } from './use-backup-download';
import { JsonFileDrop } from '@/components/ui/json-file-drop';

const button = 'rounded border border-border bg-panel-2 px-3 py-1.5 text-sm text-white hover:bg-panel disabled:opacity-60';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'error'; name: string; reason: string }
  | { kind: 'preview'; name: string; backup: Progress; fromVersion: number; exportedAt?: string; preview: ImportPreview }
  | { kind: 'done'; message: string };

export function BackupPanel({ titles }: { titles: ProgressTitles }) {
  const hydrated = useProgressHydrated();
  const labs = useProgress((s) => s.labs);
  const downloadBackup = useBackupDownload();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());

  const labIds = Object.keys(labs);
  const fileCount = labIds.reduce((n, id) => n + Object.keys(labs[id].files).length, 0);

  async function choose(file: File | undefined) {
    if (!file) return;
    setTicked(new Set());
    const tooBig = checkBackupSize(file.size);
    if (tooBig) return setStep({ kind: 'error', name: file.name, reason: tooBig });
    setStep({ kind: 'reading', name: file.name });
    const result = readBackup(await file.text());
    await hydrateProgress(); // compare with what is saved, not with an empty store
    if (!result.ok) return setStep({ kind: 'error', name: file.name, reason: result.reason });
    const preview = previewImport(partialize(progressStore.getState()), result.progress);
    setStep({ kind: 'preview', name: file.name, backup: result.progress, fromVersion: result.fromVersion, exportedAt: result.exportedAt, preview });
  }

  function apply() {
    if (step.kind !== 'preview') return;
    // Compared again with what is in memory now: another tab may have saved since the preview.
    const local = partialize(progressStore.getState());
    const preview = previewImport(local, step.backup);
    const replaced = preview.items.filter((i) => i.outcome === 'conflict' && ticked.has(i.key)).length;
    progressStore.getState().replaceProgress(applyImport(local, step.backup, { replace: ticked, at: now() }));
    const kept = preview.conflicts - replaced;
    setStep({
      kind: 'done',
      message: `Imported ${step.name}: ${plural(preview.additions, 'item')} added, ${replaced} replaced with the backup's${kept > 0 ? `, ${plural(kept, 'item')} of yours kept` : ''}.`,
    });
  }

  function tick(key: string, replace: boolean) {
    setTicked((before) => {
      const next = new Set(before);
      if (replace) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  function tickAll(replace: boolean) {
    if (step.kind !== 'preview') return;
    setTicked(new Set(replace ? step.preview.items.filter((i) => i.outcome === 'conflict').map((i) => i.key) : []));
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="saved-title" className="rounded border border-border bg-panel p-4">
        <h2 id="saved-title" className="text-lg font-semibold text-white">
          Saved in this browser
        </h2>
        <p className="mt-1 text-sm text-muted" role="status">
          {hydrated ? `${labIds.length} lab(s) with saved work, ${fileCount} edited file(s).` : 'Loading…'}
        </p>
        <p className="mt-2 text-sm">
          Progress lives only in this browser. A backup file holds all of it (code, answers, results) so you can keep it safe or move it to another browser.
        </p>
        <button type="button" className={`${button} mt-3`} onClick={downloadBackup} disabled={!hydrated}>
          Download backup
        </button>
      </section>

      <section aria-labelledby="import-title" className="rounded border border-border bg-panel p-4">
        <h2 id="import-title" className="text-lg font-semibold text-white">
          Import a backup
        </h2>
        <JsonFileDrop
          className="mt-3 p-4"
          onFiles={(files) => void choose(files?.[0])}
          label={
            <>
              Import backup: choose a <code>.json</code> backup file (up to 5 MB), or drop it here.
            </>
          }
        />

        <div role="status" aria-live="polite" className="mt-3 text-sm">
          {step.kind === 'reading' ? `Reading ${step.name}…` : null}
          {step.kind === 'done' ? <p className="text-ok">{step.message}</p> : null}
        </div>
        {step.kind === 'error' ? (
          <p role="alert" className="mt-3 rounded border border-bad/60 bg-bad/10 p-2 text-sm">
            {step.name} was not imported. {step.reason}
          </p>
        ) : null}

        {step.kind === 'preview' ? (
          <div className="mt-3 flex flex-col gap-3">
            <h3 className="font-semibold text-white">Before importing {step.name}</h3>
            <p className="text-sm text-muted">
              Made {step.exportedAt ? formatWhen(step.exportedAt) : 'at an unknown time'}
              {step.fromVersion < (step.backup.version as number) ? ` by an older release (progress version ${step.fromVersion}); it has been upgraded` : ''}. Nothing has changed yet.
            </p>
            <p className="text-sm">
              {step.preview.additions} item(s) only in the backup will be added. Nothing of yours is removed
              {step.preview.conflicts > 0
                ? `; ${step.preview.conflicts} item(s) differ between this browser and the backup, and yours are kept unless you tick "Replace with the backup's" for them.`
                : '.'}
            </p>
            {step.preview.conflicts > 0 ? (
              <div className="flex gap-2">
                <button type="button" className={button} onClick={() => tickAll(true)}>
                  Tick all {step.preview.conflicts} differing item(s)
                </button>
                <button type="button" className={button} onClick={() => tickAll(false)} disabled={ticked.size === 0}>
                  Untick all
                </button>
              </div>
            ) : null}
            <ImportPreviewTable preview={step.preview} titles={titles} ticked={ticked} onTick={tick} />
            <div className="flex gap-2">
              <button type="button" className={`${button} bg-accent font-semibold text-black hover:bg-accent/90`} onClick={apply}>
                Apply import
              </button>
              <button type="button" className={button} onClick={() => setStep({ kind: 'idle' })}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}
