/**
 * Where things go in the pods picture: one row per pod (in the order they were
 * created), one bar per stretch of seconds in one state, each restart marked on its row,
 * and the scenario's own moments (a release, the rollback) as vertical lines. Pure (no
 * React), so it is tested on its own. Times are seconds of virtual time.
 */
import type { KubernetesScenario, PodRow } from '@/lib/kinds/artifact/kubernetes/result';

export type Phase = PodRow['segments'][number]['phase'];

/** Words for each state: in the legend, the tooltips and the text alternative. */
export const PHASE_LABEL: Record<Phase, string> = {
  pending: 'pending',
  creating: 'creating',
  unready: 'running, not ready',
  ready: 'ready',
  backoff: 'back-off (not running)',
  'config-error': 'cannot start (config)',
  terminating: 'terminating',
};

/** Tailwind fill class per state: ready reads as good, back-off as bad. */
export const PHASE_FILL: Record<Phase, string> = {
  pending: 'fill-muted/40',
  creating: 'fill-muted/70',
  unready: 'fill-warn/70',
  ready: 'fill-ok/80',
  backoff: 'fill-bad/70',
  'config-error': 'fill-bad',
  terminating: 'fill-accent/50',
};

export const RESTART_LABEL: Record<PodRow['restarts'][number]['reason'], string> = {
  Error: 'crashed',
  OOMKilled: 'OOMKilled',
  Liveness: 'liveness restart',
  Startup: 'startup probe restart',
};

export interface TimelineRow {
  name: string;
  /** "rev 2 · 1.4.0" */
  label: string;
  bars: { from: number; to: number; phase: Phase }[];
  restarts: { at: number; reason: PodRow['restarts'][number]['reason']; message: string }[];
  /** One sentence for screen readers: what this pod went through. */
  summary: string;
}

export interface TimelineLayout {
  duration: number;
  rows: TimelineRow[];
  marks: KubernetesScenario['marks'];
  /** The states that occur, in legend order. */
  legend: Phase[];
}

export function timelineLayout(scenario: KubernetesScenario): TimelineLayout {
  const rows = scenario.pods.map((pod): TimelineRow => {
    const tag = pod.image.slice(pod.image.lastIndexOf(':') + 1);
    const restarts = pod.restarts.map((r) => ({ at: r.at, reason: r.reason, message: r.message }));
    const time = pod.segments
      .filter((s) => s.phase === 'ready')
      .reduce((n, s) => n + s.to - s.from, 0);
    const first = pod.segments[0]?.from ?? 0;
    const last = pod.segments[pod.segments.length - 1];
    const ended = pod.aliveAtEnd ? (pod.readyAtEnd ? 'ready at the end' : `${PHASE_LABEL[last?.phase ?? 'pending']} at the end`) : `gone at ${last?.to ?? first} s`;
    const restartText = restarts.length ? `${restarts.length} restart${restarts.length > 1 ? 's' : ''} (${[...new Set(restarts.map((r) => RESTART_LABEL[r.reason]))].join(', ')})` : 'no restarts';
    return {
      name: pod.name,
      label: `rev ${pod.revision} · ${tag}`,
      bars: pod.segments.map((s) => ({ from: s.from, to: s.to, phase: s.phase })),
      restarts,
      summary: `${pod.name}, revision ${pod.revision}, image ${tag}: from ${first} s, ready for ${time} s, ${restartText}, ${ended}.${pod.waiting ? ` ${pod.waiting}.` : ''}`,
    };
  });
  const seen = new Set(rows.flatMap((r) => r.bars.map((b) => b.phase)));
  const legend = (Object.keys(PHASE_LABEL) as Phase[]).filter((p) => seen.has(p));
  return { duration: scenario.duration, rows, marks: scenario.marks, legend };
}

/** Per-bucket sums of a per-second series, for the traffic strip (bucket = seconds). */
export function buckets(values: number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size) {
    const slice = values.slice(i, i + size);
    out.push(slice.reduce((a, b) => a + b, 0) / Math.max(1, slice.length));
  }
  return out;
}
