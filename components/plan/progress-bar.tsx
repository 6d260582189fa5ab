/**
 * A labelled progress bar with its percentage as text. Presentational only: callers
 * work out the fraction. Until `ready`, it shows an empty bar and hides the number
 * (keeping its space), so no wrong value flashes before saved progress loads.
 */
import { toPercent } from './plan-progress';

export interface ProgressBarProps {
  /** Accessible name, e.g. "Week 2 progress". */
  label: string;
  /** 0 to 1. */
  fraction: number;
  /** False until saved progress has loaded. */
  ready: boolean;
  /** Optional text after the percentage, e.g. "1 of 3 labs complete". */
  detail?: string;
  size?: 'md' | 'lg';
}

export function ProgressBar({ label, fraction, ready, detail, size = 'md' }: ProgressBarProps) {
  const percent = ready ? toPercent(fraction) : 0;
  const text = detail ? `${percent}% · ${detail}` : `${percent}%`;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={ready ? text : 'Loading saved progress'}
        aria-busy={!ready}
        className={`min-w-16 flex-1 overflow-hidden rounded-full bg-panel-2 ring-1 ring-border ring-inset ${size === 'lg' ? 'h-3' : 'h-2'}`}
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-500 motion-reduce:transition-none" style={{ width: `${percent}%` }} />
      </div>
      <span aria-hidden="true" className={`min-w-0 text-sm tabular-nums ${ready ? '' : 'invisible'} ${size === 'lg' ? 'text-white' : 'text-muted'}`}>
        {text}
      </span>
    </div>
  );
}
