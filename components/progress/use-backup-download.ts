'use client';
import { useCallback } from 'react';
import { partialize, progressStore } from '@/lib/progress/store';
import { downloadText } from './download';

/**
 * Downloads a backup of everything in this tab's memory, saved or not (storage may be
 * full). The backup code loads on the click: the banner that offers it is on every page,
 * and most visits never need it.
 */
export function useBackupDownload(): () => Promise<void> {
  return useCallback(async () => {
    const { createBackup } = await import('@/lib/progress/backup');
    const { text, fileName } = createBackup(partialize(progressStore.getState()));
    downloadText(fileName, text);
  }, []);
}
