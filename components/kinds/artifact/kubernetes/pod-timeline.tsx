'use client';
/**
 * The pods of one scenario over time: one row per pod, coloured by state, each restart
 * a marked circle on its row (crash, liveness, startup, OOMKilled), the scenario's
 * moments as dashed lines. The figure is an image with a name; the list under it says
 * the same for each pod in words.
 */
import type { KubernetesScenario } from '@/lib/kinds/artifact/kubernetes/result';
import { PHASE_FILL, PHASE_LABEL, RESTART_LABEL, timelineLayout } from './timeline-layout';

const WIDTH = 760;
const LEFT = 220;
const ROW = 22;
const TOP = 24;

export function PodTimeline({ scenario }: { scenario: KubernetesScenario }) {
  const layout = timelineLayout(scenario);
  const plot = WIDTH - LEFT - 10;
  const x = (t: number) => LEFT + (t / Math.max(1, layout.duration)) * plot;
  const height = TOP + layout.rows.length * ROW + 8;
  return (
    <figure className="space-y-1" data-testid="pod-timeline">
      <figcaption className="text-sm text-white">Pods over time ({layout.rows.length} pods, {layout.duration} s)</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-4xl" role="img" aria-label={`Timeline of ${layout.rows.length} pods in “${scenario.title}”, described in the list below`}>
        <text x={LEFT} y={12} className="fill-muted text-[10px]">
          0 s
        </text>
        <text x={WIDTH - 10} y={12} textAnchor="end" className="fill-muted text-[10px]">
          {layout.duration} s
        </text>
        {layout.rows.map((row, i) => (
          <g key={row.name}>
            <text x={4} y={TOP + i * ROW + 14} className="fill-current text-[10px]">
              {row.name.length > 30 ? `…${row.name.slice(-29)}` : row.name}
            </text>
            <text x={LEFT - 6} y={TOP + i * ROW + 14} textAnchor="end" className="fill-muted text-[10px]">
              {row.label}
            </text>
            {row.bars.map((b) => (
              <rect key={b.from} x={x(b.from)} y={TOP + i * ROW + 4} width={Math.max(1, x(b.to) - x(b.from))} height={ROW - 8} className={PHASE_FILL[b.phase]}>
                <title>{`${row.name}: ${PHASE_LABEL[b.phase]} from ${b.from} s to ${b.to} s`}</title>
              </rect>
            ))}
            {row.restarts.map((r) => (
              <g key={r.at}>
                <title>{`${row.name} at ${r.at} s: ${RESTART_LABEL[r.reason]}: ${r.message}`}</title>
                <circle cx={x(r.at)} cy={TOP + i * ROW + ROW / 2} r={5} className={r.reason === 'OOMKilled' ? 'fill-warn stroke-canvas' : 'fill-bad stroke-canvas'} />
                <text x={x(r.at)} y={TOP + i * ROW + ROW / 2 + 3} textAnchor="middle" className="fill-canvas text-[8px] font-bold">
                  {r.reason === 'OOMKilled' ? 'M' : r.reason === 'Liveness' ? 'L' : r.reason === 'Startup' ? 'S' : '×'}
                </text>
              </g>
            ))}
          </g>
        ))}
        {layout.marks.map((m) => (
          <g key={m.at}>
            <line x1={x(m.at)} x2={x(m.at)} y1={TOP - 6} y2={height - 4} className="stroke-accent" strokeDasharray="3 3" />
            <text x={x(m.at) + 3} y={TOP - 8} className="fill-accent text-[9px]">
              {m.label}
            </text>
          </g>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-3 text-xs text-muted" aria-label="Legend">
        {layout.legend.map((p) => (
          <li key={p} className="flex items-center gap-1">
            <svg width="12" height="10" aria-hidden="true">
              <rect width="12" height="10" className={PHASE_FILL[p]} />
            </svg>
            {PHASE_LABEL[p]}
          </li>
        ))}
        <li>× crashed · L liveness restart · S startup probe restart · M OOMKilled</li>
      </ul>
      <details className="text-xs">
        <summary className="cursor-pointer text-muted">Each pod in words</summary>
        <ul className="mt-1 space-y-1" aria-label="Pods in words">
          {layout.rows.map((row) => (
            <li key={row.name}>
              {row.summary}
              {row.restarts.length ? (
                <ul className="ml-4 list-disc text-muted">
                  {row.restarts.map((r) => (
                    <li key={r.at}>
                      {r.at} s: {RESTART_LABEL[r.reason]}: {r.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
