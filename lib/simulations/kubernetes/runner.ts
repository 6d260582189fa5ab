/**
 * Runs one scenario on virtual time, second by second: the scenario's own events, the
 * HPA every 15 s, the Deployment controller, the Service's endpoints (pods ready a second
 * ago), the traffic (demand split evenly over endpoints, each pod answering up to its
 * capacity and its own UPSTREAM_MAX_RPS cap, upstream calls over the quota rejected with
 * 429), then every pod's kubelet. A warm-up before second 0 brings the Deployment to its
 * steady state, so a scenario starts from pods that run and serve.
 */
import type { KubernetesScenario, PodRow } from '@/lib/kinds/artifact/kubernetes/result';
import { APP_PORT, ENV } from './app';
import { ControlPlane } from './controller';
import type { Cluster } from './model';
import type { Pod, PodPhase, World } from './pods';

export interface ScenarioSpec {
  id: KubernetesScenario['id'];
  title: string;
  simulates: string;
  kubernetes: string;
  model: string;
  duration: number;
  /** Seconds of warm-up before second 0 (0: the scenario applies the manifests at second 0). */
  warmup: number;
  demand(t: number): number;
  quota?: number;
  /** The world a pod lives in at second t; `index` counts pods in creation order. */
  world(t: number, pod: Pod, index: number): World;
  /** Things that happen at a second (kubectl, a release tool): they may log and change the control plane. */
  at?: Record<number, (cp: ControlPlane, t: number) => void>;
  marks?: KubernetesScenario['marks'];
}

export interface ScenarioRun {
  result: Omit<KubernetesScenario, 'plan'>;
  cp: ControlPlane;
}

export function runScenario(spec: ScenarioSpec, cluster: Cluster, seed: number): ScenarioRun {
  const cp = new ControlPlane(cluster, seed);
  const series: KubernetesScenario['series'] = { demand: [], served: [], failed: [], upstreamCalls: [], upstreamRejected: [], endpoints: [], replicas: [] };
  const rows = new Map<Pod, { phases: PodPhase[]; first: number; peak: number }>();
  const index = new Map<Pod, number>();
  let ready = new Set<Pod>();
  for (let t = -spec.warmup; t < spec.duration; t++) {
    spec.at?.[t]?.(cp, t);
    if (t % 15 === 0) cp.autoscale(t);
    cp.reconcile(t);
    for (const pod of cp.allPods()) if (!index.has(pod)) index.set(pod, index.size);
    const world = (pod: Pod) => spec.world(t, pod, index.get(pod)!);

    const endpoints = cp.endpoints(ready);
    const demand = spec.demand(t);
    let served = 0;
    let failed = endpoints.length ? 0 : demand;
    const share = endpoints.length ? demand / endpoints.length : 0;
    for (const pod of cp.pods()) pod.load = 0;
    for (const { pod, port } of endpoints) {
      if (port !== APP_PORT || !pod.answers(t, world(pod))) {
        failed += share;
        continue;
      }
      const answered = Math.min(share, pod.capacity(), pod.maxRps() ?? Infinity);
      pod.load = answered;
      served += answered;
      failed += share - answered;
    }
    // Every answered query costs one upstream call ("now" ranges are not cached: model).
    const rejected = spec.quota !== undefined ? Math.max(0, served - spec.quota) : 0;
    served -= rejected;
    failed += rejected;

    for (const pod of cp.allPods()) pod.tick(t, world(pod));
    ready = new Set(cp.pods().filter((p) => p.ready));
    if (t < 0) continue;
    series.demand.push(round(demand));
    series.served.push(round(served));
    series.failed.push(round(failed));
    series.upstreamCalls.push(round(served + rejected));
    series.upstreamRejected.push(round(rejected));
    series.endpoints.push(endpoints.length);
    series.replicas.push(cp.deployment.replicas);
    for (const pod of cp.allPods()) {
      if (pod.goneAt !== undefined && pod.goneAt <= t) continue;
      let row = rows.get(pod);
      if (!row) rows.set(pod, (row = { phases: [], first: t, peak: 0 }));
      row.phases.push(pod.phase);
      row.peak = Math.max(row.peak, pod.memory);
    }
  }
  const pods: PodRow[] = [...rows.entries()].map(([pod, row]) => ({
    name: pod.name,
    revision: pod.revision,
    image: pod.container.image,
    segments: segments(row.phases, row.first),
    restarts: pod.restarts.filter((r) => r.at >= 0),
    peakMemory: Math.round(row.peak),
    memoryLimit: pod.container.limits.memory,
    readyAtEnd: pod.alive && pod.ready,
    aliveAtEnd: pod.alive && pod.deletedAt === undefined,
    env: Object.fromEntries([ENV.url, ENV.maxRps].filter((k) => k in pod.env).map((k) => [k, pod.env[k]])),
    waiting: pod.envError ? `CreateContainerConfigError: ${pod.envError}` : pod.unschedulable ? `FailedScheduling: ${pod.unschedulable}` : undefined,
  }));
  return {
    cp,
    result: {
      id: spec.id,
      title: spec.title,
      simulates: spec.simulates,
      kubernetes: spec.kubernetes,
      model: spec.model,
      duration: spec.duration,
      marks: spec.marks ?? [],
      pods,
      events: cp.events.filter((e) => e.at >= 0),
      series,
      quota: spec.quota,
    },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function segments(phases: PodPhase[], first: number): PodRow['segments'] {
  const out: PodRow['segments'] = [];
  phases.forEach((phase, i) => {
    const last = out[out.length - 1];
    if (last && last.phase === phase && last.to === first + i) last.to++;
    else out.push({ from: first + i, to: first + i + 1, phase });
  });
  return out;
}
