/** Icons for the lab statuses. Decorative: the status is always written out beside them. */
import type { LabStatus } from './plan-progress';

export function StatusIcon({ status }: { status: LabStatus }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" className="h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.75">
      <circle cx="8" cy="8" r="6.5" />
      {status === 'in-progress' && <path d="M8 1.5a6.5 6.5 0 0 1 0 13z" fill="currentColor" stroke="none" />}
      {(status === 'complete' || status === 'done-with-solution') && <path d="M5 8.25l2 2 4-4.5" strokeLinecap="round" strokeLinejoin="round" />}
    </svg>
  );
}
