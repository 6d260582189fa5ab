import { describe, expect, it } from 'vitest';
import type { ComposeResult, ComposeService } from '@/lib/kinds/artifact/compose/result';
import { describeService, timelineLayout } from './timeline-layout';

const service = (over: Partial<ComposeService>): ComposeService => ({
  name: 'api', line: 1, image: 'x', modelledAs: 'x', role: 'metrics-api', dependsOn: [], ports: [], segments: [], probes: [], ...over,
});

describe('timelineLayout', () => {
  it('keeps the axis to a dozen ticks or fewer', () => {
    for (const endMs of [30_000, 100_000, 180_000]) {
      const layout = timelineLayout({ up: { ok: true, message: '', endMs }, services: [] } as unknown as ComposeResult);
      expect(layout.ticks.length).toBeLessThanOrEqual(13);
      expect(layout.ticks[0]).toBe(0);
    }
  });
  it('says when a service never started and why', () => {
    expect(describeService(service({ notStarted: 'api became unhealthy' }))).toBe('api: never started (api became unhealthy).');
  });
  it('counts failed probes and the health transitions', () => {
    const text = describeService(service({ startedAtMs: 400, readyAtMs: 3400, healthyAtMs: 5500, probes: [{ atMs: 2400, exitCode: 1, output: '', counted: false }, { atMs: 5400, exitCode: 0, output: '', counted: false }] }));
    expect(text).toBe('api: started at 0.4 s, answering at 3.4 s, 2 health probes, 1 failed, healthy at 5.5 s.');
  });
});
