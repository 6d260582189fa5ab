'use client';
/**
 * Queries per second over one scenario, in 5-second buckets: answered (green) and failed
 * (red) stacked, the upstream's calls as a line and, where there is one, its quota as a
 * dashed line. The sentence under it gives the totals.
 */
import type { KubernetesScenario } from '@/lib/kinds/artifact/kubernetes/result';
import { buckets } from './timeline-layout';

const WIDTH = 760;
const LEFT = 40;
const HEIGHT = 110;
const BUCKET = 5;

export function TrafficChart({ scenario }: { scenario: KubernetesScenario }) {
  const { series, quota } = scenario;
  const served = buckets(series.served, BUCKET);
  const failed = buckets(series.failed, BUCKET);
  const calls = buckets(series.upstreamCalls, BUCKET);
  const top = Math.max(1, ...served.map((s, i) => s + failed[i]), ...calls, quota ?? 0);
  const plot = WIDTH - LEFT - 10;
  const w = plot / Math.max(1, served.length);
  const y = (v: number) => HEIGHT - 14 - (v / top) * (HEIGHT - 24);
  const total = (v: number[]) => Math.round(v.reduce((a, b) => a + b, 0));
  const rejected = total(series.upstreamRejected);
  return (
    <figure className="space-y-1" data-testid="traffic-chart">
      <figcaption className="text-sm text-white">Queries per second</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full max-w-4xl" role="img" aria-label={`Queries answered and failed per second in “${scenario.title}”, totals below`}>
        <text x={LEFT - 4} y={y(top) + 4} textAnchor="end" className="fill-muted text-[9px]">
          {Math.round(top)}
        </text>
        <text x={LEFT - 4} y={y(0)} textAnchor="end" className="fill-muted text-[9px]">
          0
        </text>
        {served.map((s, i) => (
          <g key={i}>
            <rect x={LEFT + i * w} y={y(s)} width={Math.max(1, w - 1)} height={y(0) - y(s)} className="fill-ok/70" />
            <rect x={LEFT + i * w} y={y(s + failed[i])} width={Math.max(1, w - 1)} height={y(s) - y(s + failed[i])} className="fill-bad/80" />
          </g>
        ))}
        <polyline points={calls.map((c, i) => `${LEFT + i * w + w / 2},${y(c)}`).join(' ')} className="fill-none stroke-accent" strokeWidth={1.5} />
        {quota !== undefined ? <line x1={LEFT} x2={WIDTH - 10} y1={y(quota)} y2={y(quota)} className="stroke-warn" strokeDasharray="4 3" /> : null}
        <text x={LEFT} y={HEIGHT - 2} className="fill-muted text-[9px]">
          0 s
        </text>
        <text x={WIDTH - 10} y={HEIGHT - 2} textAnchor="end" className="fill-muted text-[9px]">
          {scenario.duration} s
        </text>
      </svg>
      <p className="text-xs text-muted">
        {total(series.served)} queries answered, <span className={total(series.failed) ? 'text-bad' : ''}>{total(series.failed)} failed</span> (green: answered, red: failed, blue line: calls to the upstream
        {quota !== undefined ? `, dashed: its quota of ${quota}/s; ${rejected} calls refused with 429` : ''}).
      </p>
    </figure>
  );
}
