'use client';
/**
 * The Lifecycle tab: the last run as the journey of a query, one stage per boundary,
 * each with what crossed it (expandable) and a bar on a shared time axis, so the
 * stages read as a waterfall. Screen readers get the same as text: a numbered list
 * of stages with headings, and the times in words; the bars are decoration.
 */
import type { LifecycleTrace, TraceStage } from '@/lib/view';

const STATUS: Record<TraceStage['status'], { icon: string; word: string; className: string }> = {
  ok: { icon: '✓', word: 'ok', className: 'text-ok' },
  error: { icon: '!', word: 'problem', className: 'text-bad' },
  skipped: { icon: '–', word: 'not reached', className: 'text-muted' },
};

/** `trace` comes from the run's view model (`toRunView`), secrets masked. */
export function LifecycleView({ trace }: { trace: LifecycleTrace }) {
  const scale = Math.max(trace.totalMs, 1);
  return (
    <div>
      <p className="mb-3 text-sm text-muted">
        How this run travelled from the query editor to the panel: {trace.totalMs} ms from pressing Run to the frames being back. Open a stage to
        see what crossed that boundary (secrets hidden).
      </p>
      <div className="mb-1 hidden justify-between pl-[45%] text-[11px] text-muted sm:flex" aria-hidden="true">
        <span>0 ms</span>
        <span>{Math.round(scale / 2)} ms</span>
        <span>{Math.round(scale)} ms</span>
      </div>
      <ol className="space-y-2" aria-label="Lifecycle stages">
        {trace.stages.map((stage, index) => (
          <StageItem key={stage.id} stage={stage} index={index + 1} scale={scale} />
        ))}
      </ol>
    </div>
  );
}

function StageItem({ stage, index, scale }: { stage: TraceStage; index: number; scale: number }) {
  const status = STATUS[stage.status];
  const headingId = `lifecycle-stage-${stage.id}`;
  return (
    <li className="rounded border border-border bg-panel p-2 text-sm">
      <div className="grid gap-2 sm:grid-cols-[45%_1fr] sm:items-start">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold text-white">
            {index}. {stage.title}{' '}
            <span className={`ml-1 text-xs font-normal ${status.className}`}>
              <span aria-hidden="true">{status.icon} </span>
              {status.word}
            </span>
          </h3>
          <p className="text-xs text-muted">{stage.boundary}</p>
        </div>
        <Bars stage={stage} scale={scale} />
      </div>
      <p className="mt-1 break-words">{stage.summary}</p>
      <p className="text-xs text-muted">{timeInWords(stage)}</p>
      {stage.details.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-accent">
            What crossed: {stage.details.map((d) => d.label).join(', ')}
          </summary>
          {stage.details.map((detail) => (
            <div key={detail.label} className="mt-2">
              <h4 className="text-xs font-semibold text-white">{detail.label}</h4>
              <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-canvas p-2 font-mono text-xs" tabIndex={0}>
                {detail.text}
              </pre>
            </div>
          ))}
        </details>
      ) : null}
    </li>
  );
}

/** The stage's bar (and one bar per upstream call) on the run's time axis. Decoration only. */
function Bars({ stage, scale }: { stage: TraceStage; scale: number }) {
  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / scale) * 100))}%`;
  if (stage.startMs === undefined) return <div className="hidden sm:block" aria-hidden="true" />;
  const untimed = stage.durationMs === undefined;
  return (
    <div className="space-y-1 pt-1" aria-hidden="true">
      <div className="relative h-2.5 w-full rounded bg-panel-2">
        <div
          className={`absolute h-2.5 rounded ${untimed ? 'border-l-2 border-dashed border-muted' : stage.status === 'error' ? 'bg-bad' : 'bg-accent'}`}
          style={{ left: pct(stage.startMs), width: untimed ? '2px' : `max(2px, ${pct(stage.durationMs ?? 0)})` }}
        />
      </div>
      {stage.spans.map((span, i) => (
        <div key={i} className="relative h-1.5 w-full rounded bg-panel-2">
          <div className={`absolute h-1.5 rounded ${span.ok ? 'bg-ok' : 'bg-bad'}`} style={{ left: pct(span.startMs), width: `max(2px, ${pct(span.durationMs)})` }} />
        </div>
      ))}
    </div>
  );
}

function timeInWords(stage: TraceStage): string {
  if (stage.startMs === undefined) return `Not timed: ${stage.timing}`;
  if (stage.durationMs === undefined) return `After ${fmt(stage.startMs)}. ${stage.timing}`;
  const spans = stage.spans.length > 1 ? ` Calls: ${stage.spans.map((s) => `${s.label} ${fmt(s.durationMs)} from ${fmt(s.startMs)}`).join('; ')}.` : '';
  return `${fmt(stage.durationMs)}, from ${fmt(stage.startMs)} to ${fmt(stage.startMs + stage.durationMs)}. ${stage.timing}${spans}`;
}

function fmt(ms: number): string {
  return `${Math.round(ms * 10) / 10} ms`;
}
