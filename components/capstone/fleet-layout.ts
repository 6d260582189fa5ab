/**
 * Where things go in the rollback drill's picture: one row per instance, one bar per
 * stretch of minutes in one state and version, coloured by what it serves (the old
 * release, the new one, a buggy one, an install in progress), the drill's moments as
 * vertical lines, and one sentence per instance for screen readers. Pure (no React).
 */
import type { DrillInfo } from '@/lib/kinds/artifact/release/result';

type Segment = DrillInfo['instances'][number]['segments'][number];

export type Fill = 'old' | 'installing' | 'good' | 'bad' | 'rolling-back';

export const FILL_CLASS: Record<Fill, string> = {
  old: 'fill-muted/50',
  installing: 'fill-warn/60',
  good: 'fill-ok/80',
  bad: 'fill-bad/80',
  'rolling-back': 'fill-accent/60',
};

export const FILL_LABEL: Record<Fill, string> = {
  old: 'on v1.3.0, before the rollout',
  installing: 'installing (serves its old version)',
  good: 'serving a good version',
  bad: 'serving a version with the bug',
  'rolling-back': 'rolling back (serves the bad version)',
};

export function fillOf(segment: Segment): Fill {
  if (segment.state === 'installing') return 'installing';
  if (segment.state === 'rolling-back') return 'rolling-back';
  if (segment.buggy) return 'bad';
  return segment.state === 'old' ? 'old' : 'good';
}

export interface FleetRow {
  name: string;
  /** "wave 1", or "no wave" for an instance the waves never reach. */
  label: string;
  bars: { from: number; to: number; fill: Fill; version: string }[];
  summary: string;
}

export function fleetLayout(drill: DrillInfo): { rows: FleetRow[]; legend: Fill[] } {
  const rows = drill.instances.map((instance): FleetRow => {
    const bars = instance.segments.map((s) => ({ from: s.from, to: s.to, fill: fillOf(s), version: s.version }));
    const versions = [...new Set(instance.segments.map((s) => `v${s.version}`))];
    const bad = instance.segments.filter((s) => s.buggy).reduce((n, s) => n + s.to - s.from, 0);
    return {
      name: instance.name,
      label: instance.wave === null ? 'no wave' : `wave ${instance.wave + 1}`,
      bars,
      summary: `${instance.name} (${instance.wave === null ? 'in no wave' : `wave ${instance.wave + 1}`}): served ${versions.join(', then ')}${bad ? `, ${bad} minutes on a version with the bug` : ''}; ends on v${instance.finalVersion}.`,
    };
  });
  const seen = new Set(rows.flatMap((r) => r.bars.map((b) => b.fill)));
  return { rows, legend: (Object.keys(FILL_LABEL) as Fill[]).filter((f) => seen.has(f)) };
}
