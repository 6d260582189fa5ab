'use client';
/**
 * App-wide warnings about saved progress, shown on every page (from the root layout):
 * saving failed (storage full or disabled: work is only in this tab), or saved data
 * could not be read and was set aside (quarantined), with a way to download it and to
 * delete it deliberately. Also loads saved progress on every page, so saving on page
 * hide and syncing with other tabs work wherever the learner is.
 */
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { hydrateProgress, QUARANTINE_PREFIX, STORAGE_KEY, progressStore } from '@/lib/progress/store';
import { useProgress } from '@/components/progress/use-progress';
import { listQuarantined, type QuarantinedEntry } from '@/lib/progress/stored';
import { formatWhen } from '@/lib/progress/format-time';
import { downloadText } from './download';
import { useBackupDownload } from './use-backup-download';

const button = 'rounded border border-border bg-panel-2 px-3 py-1 text-sm text-white hover:bg-panel';

function readQuarantine(live: { key: string; reason: string } | undefined): QuarantinedEntry[] {
  try {
    const entries = listQuarantined(window.localStorage);
    // Unreadable data that could not be moved aside is still under the main key.
    const raw = live?.key === STORAGE_KEY ? window.localStorage.getItem(STORAGE_KEY) : null;
    if (raw !== null && live) entries.push({ key: STORAGE_KEY, raw, reason: live.reason });
    return entries;
  } catch {
    return []; // storage disabled: the save error says so
  }
}

export function ProgressBanners() {
  const saveError = useProgress((s) => s.saveError);
  const live = useProgress((s) => s.quarantine);
  const downloadBackup = useBackupDownload();
  const [entries, setEntries] = useState<QuarantinedEntry[]>([]);
  const refresh = useCallback(() => setEntries(readQuarantine(progressStore.getState().quarantine)), []);

  useEffect(() => {
    void hydrateProgress().then(refresh);
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key.startsWith(QUARANTINE_PREFIX)) refresh();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [refresh]);
  useEffect(refresh, [live, refresh]);

  if (!saveError && entries.length === 0) return null;
  return (
    <section aria-label="Saving your progress" className="mx-auto flex max-w-7xl flex-col gap-2 px-4 pt-3">
      {saveError ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded border border-warn/60 bg-warn/10 p-3 text-sm">
          <p className="flex-1">
            <strong className="text-white">Not saved. </strong>
            {saveError}
          </p>
          <button type="button" className={button} onClick={downloadBackup}>
            Download a backup
          </button>
        </div>
      ) : null}
      {entries.length > 0 ? (
        <section role="alert" aria-labelledby="quarantine-title" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
          <h2 id="quarantine-title" className="font-semibold text-white">
            Some saved progress could not be read
          </h2>
          <p className="mt-1">
            It has been kept aside, not deleted. Download it to keep it (you can repair it and bring it back with{' '}
            <Link href="/progress/" className="text-accent underline">
              Import backup
            </Link>
            ), then delete it here.
          </p>
          <ul className="mt-2 flex flex-col gap-2">
            {entries.map((entry) => (
              <QuarantineItem key={entry.key} entry={entry} onGone={refresh} />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

function QuarantineItem({ entry, onGone }: { entry: QuarantinedEntry; onGone(): void }) {
  const [confirming, setConfirming] = useState(false);
  // The key's time carries a counter suffix (`…Z-2`) to keep keys apart; the time is what comes before it.
  const when = entry.at ? formatWhen(entry.at.replace(/-\d+$/, '')) : 'now';
  const fileName = `datasource-lab-unreadable-progress-${(entry.at ?? new Date().toISOString()).replace(/[:.]/g, '-')}.json`;
  const remove = () => {
    window.localStorage.removeItem(entry.key);
    if (entry.key === STORAGE_KEY) progressStore.sync.unblock();
    if (progressStore.getState().quarantine?.key === entry.key) progressStore.setState({ quarantine: undefined });
    onGone();
  };
  return (
    <li className="flex flex-wrap items-center gap-2 rounded bg-panel p-2">
      <span className="flex-1">
        Set aside {when}: {entry.reason} ({entry.raw.length.toLocaleString()} characters)
      </span>
      <button type="button" className={button} onClick={() => downloadText(fileName, entry.raw)}>
        Download unreadable data
      </button>
      {confirming ? (
        <>
          <button type="button" className={`${button} border-bad`} onClick={remove}>
            Delete it for good
          </button>
          <button type="button" className={button} onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className={button} onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
    </li>
  );
}
