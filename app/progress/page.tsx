import type { Metadata } from 'next';
import { BackupPanel } from '@/components/progress/backup-panel';

export const metadata: Metadata = { title: 'Your progress and backups' };

export default function ProgressPage() {
  return (
    <div className="mx-auto max-w-4xl p-4">
      <h1 className="text-2xl font-semibold text-white">Your progress and backups</h1>
      <p className="mt-2 text-sm text-muted">
        Work is saved in this browser as you type. Two open tabs share it: the newer edit of each file wins, and the other tab shows it.
      </p>
      <div className="mt-4">
        <BackupPanel />
      </div>
    </div>
  );
}
