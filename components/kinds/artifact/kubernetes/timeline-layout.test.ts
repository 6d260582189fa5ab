import { describe, expect, it } from 'vitest';
import type { KubernetesScenario } from '@/lib/kinds/artifact/kubernetes/result';
import { buckets, timelineLayout } from './timeline-layout';

const scenario: KubernetesScenario = {
  id: 'bad-rollout',
  title: 't',
  simulates: 's',
  kubernetes: 'k',
  model: 'm',
  duration: 60,
  marks: [{ at: 20, label: 'set image 1.4.0' }],
  events: [],
  series: { demand: [], served: [], failed: [], upstreamCalls: [], upstreamRejected: [], endpoints: [], replicas: [] },
  pods: [
    {
      name: 'old',
      revision: 1,
      image: 'ghcr.io/x/y:1.3.2',
      segments: [{ from: 0, to: 60, phase: 'ready' }],
      restarts: [],
      peakMemory: 1,
      readyAtEnd: true,
      aliveAtEnd: true,
      env: {},
    },
    {
      name: 'new',
      revision: 2,
      image: 'ghcr.io/x/y:1.4.0',
      segments: [
        { from: 20, to: 22, phase: 'creating' },
        { from: 22, to: 35, phase: 'unready' },
        { from: 35, to: 60, phase: 'backoff' },
      ],
      restarts: [{ at: 35, reason: 'Error', message: 'exit code 2' }],
      peakMemory: 1,
      readyAtEnd: false,
      aliveAtEnd: true,
      env: {},
    },
  ],
};

describe('pods timeline layout', () => {
  it('gives one row per pod with its revision and tag, bars per state, and restarts', () => {
    const layout = timelineLayout(scenario);
    expect(layout.rows.map((r) => r.label)).toEqual(['rev 1 · 1.3.2', 'rev 2 · 1.4.0']);
    expect(layout.rows[1].bars).toHaveLength(3);
    expect(layout.rows[1].restarts).toEqual([{ at: 35, reason: 'Error', message: 'exit code 2' }]);
    expect(layout.legend).toEqual(['creating', 'unready', 'ready', 'backoff']);
  });

  it('says what each pod went through in words', () => {
    const [old, bad] = timelineLayout(scenario).rows;
    expect(old.summary).toBe('old, revision 1, image 1.3.2: from 0 s, ready for 60 s, no restarts, ready at the end.');
    expect(bad.summary).toContain('1 restart (crashed)');
    expect(bad.summary).toContain('back-off (not running) at the end');
  });

  it('averages a per-second series into buckets', () => {
    expect(buckets([1, 3, 5, 7, 9], 2)).toEqual([2, 6, 9]);
  });
});
