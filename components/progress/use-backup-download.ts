'use client';
import { useCallback } from 'react';
import { createBackup } from '@/lib/progress/backup';
import { partialize, progressStore } from '@/lib/progress/store';
import { downloadText } from './download';

/** Downloads a backup of everything in this tab's memory, saved or not (storage may be full). */
export function useBackupDownload(): () => void {
  return useCallback(() => {
    const { text, fileName } = createBackup(partialize(progressStore.getState()));
    downloadText(fileName, text);
  }, []);
}
