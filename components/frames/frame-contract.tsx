'use client';
/**
 * The data-plane check in the Data tab: under each frame, the type it follows and the
 * contract rules it breaks, in plain words; above a query's frames, the problems of the
 * response as a whole. The words come from lib/dataplane, the same checker lab checks use.
 */
import type { FrameReport, Violation } from '@/lib/dataplane';
import { summarizeContract } from '@/lib/frames';

/** Under a frame's header: "Data-plane check: timeseries-multi · declared in meta.type" plus problems. */
export function FrameContract({ frameKey, report }: { frameKey: string; report: FrameReport | undefined }) {
  const summary = summarizeContract(report);
  if (!summary) return null;
  const count = summary.violations.length;
  return (
    <div role="group" aria-label={`Data-plane check of frame ${frameKey}`} className="flex flex-col gap-1 text-xs">
      <p>
        <span className="text-muted">Data-plane check: </span>
        <span className="font-mono text-white">{summary.type}</span>
        <span className="text-muted"> · {summary.source}</span>
        {summary.status === 'ok' && <span className="text-ok"> · follows the contract</span>}
        {count > 0 && (
          <span className="text-warn">
            {' '}
            · {count} problem{count === 1 ? '' : 's'}
          </span>
        )}
      </p>
      {count > 0 && <ViolationList violations={summary.violations} label={`Data-plane problems of frame ${frameKey}`} />}
    </div>
  );
}

/** Problems of a whole response (more than one wide frame, mixed formats), shown above its frames. */
export function ResponseContract({ refId, violations }: { refId: string; violations: readonly Violation[] }) {
  if (violations.length === 0) return null;
  return (
    <div role="group" aria-label={`Data-plane check of query ${refId}`} className="flex flex-col gap-1 text-xs">
      <p className="text-warn">Data-plane check of the response:</p>
      <ViolationList violations={violations} label={`Data-plane problems of query ${refId}`} />
    </div>
  );
}

function ViolationList({ violations, label }: { violations: readonly Violation[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-1 border-l-2 border-warn pl-2">
      {violations.map((v, i) => (
        <li key={i} className="flex gap-1.5 break-words">
          {/* The symbol is decoration; the severity word is what a screen reader says. */}
          <span aria-hidden="true" className={v.severity === 'error' ? 'text-bad' : 'text-warn'}>
            ⚠
          </span>
          <span>
            <span className={v.severity === 'error' ? 'font-semibold text-bad' : 'font-semibold text-warn'}>{v.severity === 'error' ? 'Error' : 'Warning'}: </span>
            {v.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
