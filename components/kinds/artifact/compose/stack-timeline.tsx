'use client';
/**
 * The stack coming up, as a picture: virtual seconds to the right, one row per service,
 * its state as coloured bars (waiting, starting, running, healthy, unhealthy), each health
 * probe as a tick (a failed one in red, one inside start_period hollow). The text under
 * the figure says the same for screen readers and for anyone who prefers to read.
 */
import type { ComposeResult } from '@/lib/kinds/artifact/compose/result';
import { timelineLayout } from './timeline-layout';

const WIDTH = 760;
const LEFT = 130;
const ROW = 30;
const TOP = 20;

const STATE_CLASS: Record<string, string> = {
  waiting: 'fill-border',
  starting: 'fill-warn/60',
  running: 'fill-accent/60',
  healthy: 'fill-ok/70',
  unhealthy: 'fill-bad/70',
};

export function StackTimeline({ result }: { result: ComposeResult }) {
  const layout = timelineLayout(result);
  const plot = WIDTH - LEFT - 12;
  const x = (ms: number) => Math.round((LEFT + (Math.min(ms, layout.endMs) / layout.endMs) * plot) * 10) / 10;
  const height = TOP + layout.rows.length * ROW + 8;
  return (
    <figure className="space-y-1" data-testid="stack-timeline">
      <figcaption className="text-sm text-white">docker compose up, in virtual seconds (simulated)</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-4xl" role="img" aria-label="Timeline of the services starting, described below">
        {layout.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP - 4} y2={height - 6} className="stroke-border" strokeDasharray="2 4" />
            <text x={x(t)} y={12} textAnchor="middle" className="fill-muted text-[10px]">
              {t / 1000}s
            </text>
          </g>
        ))}
        {layout.rows.map(({ service }, i) => {
          const y = TOP + i * ROW;
          return (
            <g key={service.name}>
              <text x={4} y={y + ROW / 2 + 4} className="fill-current text-[11px]">
                {service.name}
              </text>
              {service.segments.map((seg, j) => (
                <rect key={j} x={x(seg.fromMs)} y={y + 6} width={Math.max(1, x(seg.toMs) - x(seg.fromMs))} height={ROW - 12} className={STATE_CLASS[seg.state]}>
                  <title>{`${service.name}: ${seg.state} from ${(seg.fromMs / 1000).toFixed(1)} s to ${(seg.toMs / 1000).toFixed(1)} s`}</title>
                </rect>
              ))}
              {service.probes.map((p, j) => (
                <circle key={j} cx={x(p.atMs)} cy={y + ROW / 2} r={3.5} className={p.exitCode === 0 ? 'fill-ok stroke-canvas' : p.counted ? 'fill-bad stroke-canvas' : 'fill-canvas stroke-bad'}>
                  <title>{`probe at ${(p.atMs / 1000).toFixed(1)} s: exit ${p.exitCode}${p.counted ? '' : p.exitCode === 0 ? '' : ' (in start_period, not counted)'}${p.output ? `: ${p.output}` : ''}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="text-xs text-muted" aria-label="What the timeline shows">
        {layout.rows.map((r) => (
          <li key={r.service.name}>{r.description}</li>
        ))}
      </ul>
      <p className="text-xs text-muted">
        Bars: grey waiting for a dependency, amber starting, blue running (no health check), green healthy, red unhealthy. Dots: health probes (green passed, red failed and counted,
        hollow failed during start_period).
      </p>
    </figure>
  );
}
