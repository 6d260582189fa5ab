'use client';
/**
 * The rollback drill as a picture: one row per Grafana instance over the drill's
 * virtual minutes, coloured by what it serves, the waves, the alert and the rollback
 * as dashed lines, and under it the alert's input against its threshold. The figure
 * is an image with a name; the list under it says the same per instance in words.
 */
import type { DrillInfo } from '@/lib/kinds/artifact/release/result';
import { FILL_CLASS, FILL_LABEL, fleetLayout } from './fleet-layout';

const WIDTH = 760;
const LEFT = 130;
const ROW = 14;
const TOP = 26;
const STRIP = 70;

export function FleetTimeline({ drill }: { drill: DrillInfo }) {
  const { threshold } = drill.alert;
  const { rows, legend } = fleetLayout(drill);
  const plot = WIDTH - LEFT - 10;
  const x = (m: number) => LEFT + (m / drill.duration) * plot;
  const fleetHeight = TOP + rows.length * ROW + 6;
  const height = fleetHeight + STRIP + 16;
  const peak = Math.max(threshold * 1.5, ...drill.alertInput.map((v) => v ?? 0));
  const y = (v: number) => fleetHeight + STRIP - (v / peak) * (STRIP - 8);
  const line = drill.alertInput.map((v, m) => (v === null ? null : `${x(m + 0.5)},${y(v)}`));
  const paths: string[] = [];
  let current: string[] = [];
  for (const p of line) {
    if (p === null) {
      if (current.length) paths.push(current.join(' '));
      current = [];
    } else current.push(p);
  }
  if (current.length) paths.push(current.join(' '));
  return (
    <figure className="space-y-1" data-testid="fleet-timeline">
      <figcaption className="text-sm text-white">
        The fleet during the drill: {rows.length} instances over {drill.duration} virtual minutes
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-4xl" role="img" aria-label={`Rollback drill “${drill.title}”: ${rows.length} instances over ${drill.duration} minutes, described in the list below`}>
        <text x={LEFT} y={12} className="fill-muted text-[10px]">
          0 min
        </text>
        <text x={WIDTH - 10} y={12} textAnchor="end" className="fill-muted text-[10px]">
          {drill.duration} min
        </text>
        {rows.map((row, i) => (
          <g key={row.name}>
            <text x={4} y={TOP + i * ROW + 10} className="fill-current text-[9px]">
              {row.name}
            </text>
            <text x={LEFT - 6} y={TOP + i * ROW + 10} textAnchor="end" className="fill-muted text-[9px]">
              {row.label}
            </text>
            {row.bars.map((b) => (
              <rect key={b.from} x={x(b.from)} y={TOP + i * ROW + 2} width={Math.max(0.5, x(b.to) - x(b.from))} height={ROW - 4} className={FILL_CLASS[b.fill]}>
                <title>{`${row.name}: ${FILL_LABEL[b.fill]}, v${b.version}, minutes ${b.from}–${b.to}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {drill.marks.map((m, i) => (
          <g key={`${m.at}-${m.label}`}>
            <line x1={x(m.at)} x2={x(m.at)} y1={TOP - 4} y2={height - 4} className="stroke-accent" strokeDasharray="3 3" />
            <text x={x(m.at) + 2} y={TOP - 6 - (i % 2) * 8} className="fill-accent text-[8px]">
              {m.label}
            </text>
          </g>
        ))}
        <text x={4} y={fleetHeight + 12} className="fill-muted text-[9px]">
          alert input
        </text>
        <text x={4} y={fleetHeight + 24} className="fill-muted text-[9px]">
          (error ratio on v1.4.0)
        </text>
        <line x1={LEFT} x2={WIDTH - 10} y1={y(threshold)} y2={y(threshold)} className="stroke-warn" strokeDasharray="4 2" />
        <text x={WIDTH - 10} y={y(threshold) - 2} textAnchor="end" className="fill-warn text-[8px]">
          threshold {Number((threshold * 100).toFixed(2))}%
        </text>
        {paths.map((points) => (
          <polyline key={points.slice(0, 20)} points={points} fill="none" className="stroke-current" strokeWidth={1} />
        ))}
      </svg>
      <ul className="flex flex-wrap gap-3 text-xs text-muted" aria-label="Legend">
        {legend.map((f) => (
          <li key={f} className="flex items-center gap-1">
            <svg width="12" height="10" aria-hidden="true">
              <rect width="12" height="10" className={FILL_CLASS[f]} />
            </svg>
            {FILL_LABEL[f]}
          </li>
        ))}
      </ul>
      <details className="text-xs">
        <summary className="cursor-pointer text-muted">Each instance in words</summary>
        <ul className="mt-1 space-y-0.5" aria-label="Instances in words">
          {rows.map((row) => (
            <li key={row.name}>{row.summary}</li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
