/**
 * Layout of the stack timeline, without React: the virtual time axis (ticks every 5, 10
 * or 30 s so there are at most a dozen), a bar per state segment, a tick per health probe,
 * and one sentence per service for the figure's text alternative.
 */
import type { ComposeResult, ComposeService } from '@/lib/kinds/artifact/compose/result';

export interface TimelineLayout {
  endMs: number;
  /** Axis ticks, virtual ms. */
  ticks: number[];
  rows: { service: ComposeService; description: string }[];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function describeService(s: ComposeService): string {
  if (s.startedAtMs === undefined) return `${s.name}: never started (${s.notStarted ?? 'it waited for a dependency'}).`;
  const parts = [`${s.name}: started at ${secs(s.startedAtMs)}`];
  if (s.readyAtMs !== undefined) parts.push(`answering at ${secs(s.readyAtMs)}`);
  const failed = s.probes.filter((p) => p.exitCode !== 0).length;
  if (s.probes.length) parts.push(`${s.probes.length} health probes, ${failed} failed`);
  if (s.unhealthyAtMs !== undefined) parts.push(`unhealthy at ${secs(s.unhealthyAtMs)}`);
  if (s.healthyAtMs !== undefined) parts.push(`healthy at ${secs(s.healthyAtMs)}`);
  return `${parts.join(', ')}.`;
}

export function timelineLayout(result: ComposeResult): TimelineLayout {
  const endMs = Math.max(1000, result.up.endMs);
  const step = [5_000, 10_000, 30_000, 60_000].find((s) => endMs / s <= 12) ?? 60_000;
  const ticks: number[] = [];
  for (let t = 0; t <= endMs; t += step) ticks.push(t);
  return { endMs, ticks, rows: result.services.map((service) => ({ service, description: describeService(service) })) };
}
