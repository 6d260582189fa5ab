/**
 * The control plane on virtual time: the Deployment controller (ReplicaSets per pod
 * template, revisions, RollingUpdate with maxSurge / maxUnavailable, Recreate,
 * minReadySeconds, progressDeadlineSeconds, revisionHistoryLimit, pause), the HPA
 * (every 15 s, desired = ceil(CPU used / (request × target)), the default scale-up limit
 * of 4 pods or 100 % per period, a 5-minute scale-down stabilisation), the scheduler
 * (a pod whose requests fit no node stays Pending), and the endpoints of the Service
 * (ready pods only, seen one second late, as kube-proxy sees them). Follows the
 * controllers of kubernetes/kubernetes (pkg/controller/deployment/rolling.go and
 * podautoscaler), simplified where the lab cannot tell the difference.
 */
import { cpuUsage } from './app';
import type { ConfigStore } from './env';
import type { Cluster, DeploymentModel, PodTemplateModel } from './model';
import { Pod } from './pods';
import { resolveIntOrPercent } from './build';
import { hashString } from '@/lib/random';

export interface ReplicaSet {
  revision: number;
  hash: string;
  template: PodTemplateModel;
  replicas: number;
  pods: Pod[];
}

export interface ClusterEvent {
  at: number;
  /** Who said it: the Deployment controller, the HPA, kubectl, the release tool, the scenario. */
  source: string;
  message: string;
  warning?: boolean;
}

/** A node's allocatable resources in the modelled cluster (3 such nodes). */
export const NODE = { cpu: 2, memory: 4 * 1024 ** 3, count: 3 };

export class ControlPlane {
  deployment: DeploymentModel;
  replicaSets: ReplicaSet[] = [];
  events: ClusterEvent[] = [];
  paused = false;
  config: ConfigStore;
  private lastProgressAt = 0;
  private deadlineReported = false;
  private scaleDownHistory: { at: number; desired: number }[] = [];
  private podCount = 0;

  constructor(readonly cluster: Cluster, private readonly seed: number) {
    this.deployment = structuredClone(cluster.deployment);
    this.config = { namespace: cluster.deployment.namespace, configMaps: structuredClone(cluster.configMaps), secrets: structuredClone(cluster.secrets) };
    const hpa = this.hpa();
    if (hpa) this.deployment.replicas = Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, this.deployment.replicas));
  }

  hpa() {
    const h = this.cluster.hpa;
    return h && h.target.kind === 'Deployment' && h.target.name === this.deployment.name && h.namespace === this.deployment.namespace ? h : undefined;
  }

  log(at: number, source: string, message: string, warning = false): void {
    this.events.push({ at, source, message, warning });
  }

  /** Every pod not yet gone. */
  pods(): Pod[] {
    return this.replicaSets.flatMap((rs) => rs.pods).filter((p) => p.alive);
  }
  allPods(): Pod[] {
    return this.replicaSets.flatMap((rs) => rs.pods);
  }

  currentRs(): ReplicaSet | undefined {
    const hash = templateHash(this.deployment.template);
    return this.replicaSets.find((rs) => rs.hash === hash);
  }

  /** Starts with `replicas` pods of the current template already running and ready (a steady state). */
  reconcile(t: number): void {
    const d = this.deployment;
    let current = this.currentRs();
    if (!current) {
      const revision = Math.max(0, ...this.replicaSets.map((r) => r.revision)) + 1;
      current = { revision, hash: templateHash(d.template), template: structuredClone(d.template), replicas: 0, pods: [] };
      this.replicaSets.push(current);
      if (revision > 1) this.log(t, 'deployment-controller', `New ReplicaSet for revision ${revision} (image ${d.template.containers[0].image})`);
      this.lastProgressAt = t;
      this.deadlineReported = false;
    } else if (current.revision !== Math.max(...this.replicaSets.map((r) => r.revision))) {
      // Rolling back to an old template: that ReplicaSet takes the next revision number.
      current.revision = Math.max(...this.replicaSets.map((r) => r.revision)) + 1;
      this.log(t, 'deployment-controller', `ReplicaSet of image ${d.template.containers[0].image} is revision ${current.revision} now`);
      this.lastProgressAt = t;
      this.deadlineReported = false;
    }
    if (!this.paused) this.rollout(t, current);
    for (const rs of this.replicaSets) this.syncPods(t, rs);
    this.cleanHistory();
  }

  private rollout(t: number, current: ReplicaSet): void {
    const d = this.deployment;
    const old = this.replicaSets.filter((rs) => rs !== current);
    const available = (rs: ReplicaSet) => rs.pods.filter((p) => p.available(t, d.minReadySeconds)).length;
    const before = old.reduce((n, rs) => n + rs.replicas, 0) + current.replicas * 1000 + available(current);
    if (d.strategy.type === 'Recreate') {
      for (const rs of old) rs.replicas = 0;
      if (old.every((rs) => rs.pods.every((p) => !p.alive))) current.replicas = d.replicas;
    } else if (old.every((rs) => rs.replicas === 0)) {
      current.replicas = d.replicas;
    } else {
      const surge = resolveIntOrPercent(d.strategy.maxSurge, d.replicas, true);
      const unavailable = resolveIntOrPercent(d.strategy.maxUnavailable, d.replicas, false);
      const total = () => this.replicaSets.reduce((n, rs) => n + rs.replicas, 0);
      if (current.replicas < d.replicas) current.replicas += Math.max(0, Math.min(d.replicas + surge - total(), d.replicas - current.replicas));
      const minAvailable = d.replicas - unavailable;
      const newUnavailable = current.replicas - available(current);
      let maxScaledDown = total() - minAvailable - newUnavailable;
      // Old pods that are not available can go first: removing them costs no availability.
      for (const rs of old) {
        const unhealthy = rs.pods.filter((p) => p.alive && p.deletedAt === undefined && !p.available(t, d.minReadySeconds)).length;
        const cut = Math.max(0, Math.min(unhealthy, maxScaledDown, rs.replicas));
        rs.replicas -= cut;
        maxScaledDown -= cut;
      }
      const availableNow = this.replicaSets.reduce((n, rs) => n + available(rs), 0);
      let canScaleDown = Math.min(maxScaledDown, availableNow - minAvailable);
      for (const rs of [...old].sort((a, b) => a.revision - b.revision)) {
        if (canScaleDown <= 0) break;
        const cut = Math.min(rs.replicas, canScaleDown);
        rs.replicas -= cut;
        canScaleDown -= cut;
      }
      if (current.replicas > d.replicas) current.replicas = d.replicas;
    }
    const after = old.reduce((n, rs) => n + rs.replicas, 0) + current.replicas * 1000 + available(current);
    const complete = old.every((rs) => rs.replicas === 0) && available(current) >= d.replicas;
    if (after !== before || complete) this.lastProgressAt = t;
    if (!complete && !this.deadlineReported && t - this.lastProgressAt >= d.progressDeadlineSeconds) {
      this.deadlineReported = true;
      this.log(t, 'deployment-controller', `Progressing=False, reason ProgressDeadlineExceeded: no progress for ${d.progressDeadlineSeconds} s (the rollout stops here; nothing rolls back on its own)`, true);
    }
  }

  private syncPods(t: number, rs: ReplicaSet): void {
    const live = rs.pods.filter((p) => p.alive && p.deletedAt === undefined);
    for (let i = live.length; i < rs.replicas; i++) rs.pods.push(this.newPod(t, rs));
    if (live.length > rs.replicas) {
      // The ReplicaSet deletes unready pods first, then the youngest.
      const order = [...live].sort((a, b) => Number(a.ready) - Number(b.ready) || b.createdAt - a.createdAt);
      for (const pod of order.slice(0, live.length - rs.replicas)) pod.delete(t);
    }
  }

  private newPod(t: number, rs: ReplicaSet): Pod {
    const n = this.podCount++;
    const suffix = (hashString(`${this.seed}:${rs.hash}:${n}`) >>> 0).toString(36).slice(0, 5).padEnd(5, 'x');
    const podHash = rs.hash.slice(0, 6);
    const c = rs.template.containers[0];
    const fits = (c.requests.cpu ?? 0) <= NODE.cpu && (c.requests.memory ?? 0) <= NODE.memory;
    const unschedulable = fits ? undefined : `0/${NODE.count} nodes are available: ${NODE.count} Insufficient ${(c.requests.cpu ?? 0) > NODE.cpu ? 'cpu' : 'memory'}`;
    if (unschedulable) this.log(t, 'scheduler', `FailedScheduling: ${unschedulable}`, true);
    return new Pod(`${this.deployment.name}-${podHash}-${suffix}`, rs.revision, rs.template, t, () => this.config, unschedulable);
  }

  private cleanHistory(): void {
    const idle = this.replicaSets.filter((rs) => rs !== this.currentRs() && rs.replicas === 0 && rs.pods.every((p) => !p.alive)).sort((a, b) => a.revision - b.revision);
    const excess = idle.length - this.deployment.revisionHistoryLimit;
    if (excess > 0) this.replicaSets = this.replicaSets.filter((rs) => !idle.slice(0, excess).includes(rs));
  }

  /** One HPA sync: sets the Deployment's replicas from CPU use (and logs why it cannot, once). */
  autoscale(t: number): void {
    const hpa = this.hpa();
    const d = this.deployment;
    if (!hpa) {
      const other = this.cluster.hpa;
      if (other && t >= 0 && !this.events.some((e) => e.source === 'horizontal-pod-autoscaler' && e.at >= 0))
        this.log(t, 'horizontal-pod-autoscaler', `FailedGetScale: the HPA targets ${other.target.kind} "${other.target.name}" in ${other.namespace}, not Deployment "${d.name}" in ${d.namespace}; nothing is autoscaled`, true);
      return;
    }
    const request = d.template.containers[0].requests.cpu;
    const ready = this.pods().filter((p) => p.ready && p.deletedAt === undefined);
    if (!request || hpa.cpuTargetPercent === undefined) {
      // Said once per scenario, at its first sync in view (not during the warm-up).
      if (t >= 0 && !this.events.some((e) => e.source === 'horizontal-pod-autoscaler' && e.at >= 0)) this.log(t, 'horizontal-pod-autoscaler', `FailedGetResourceMetric: missing request for cpu in container ${d.template.containers[0].name}; the HPA cannot compute utilization and does not scale`, true);
      return;
    }
    if (!ready.length) return;
    const used = ready.reduce((sum, p) => sum + cpuUsage(p.load), 0);
    const utilization = used / (ready.length * request);
    const ratio = (utilization * 100) / hpa.cpuTargetPercent;
    let desired = Math.abs(ratio - 1) <= 0.1 ? d.replicas : Math.ceil(used / (request * (hpa.cpuTargetPercent / 100)));
    desired = Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, desired));
    desired = Math.min(desired, Math.max(d.replicas * 2, d.replicas + 4));
    this.scaleDownHistory = this.scaleDownHistory.filter((h) => t - h.at < 300);
    this.scaleDownHistory.push({ at: t, desired });
    if (desired < d.replicas) desired = Math.max(...this.scaleDownHistory.map((h) => h.desired));
    if (desired !== d.replicas) {
      this.log(t, 'horizontal-pod-autoscaler', `SuccessfulRescale: ${d.replicas} → ${desired} replicas (CPU ${Math.round(utilization * 100)}% of request, target ${hpa.cpuTargetPercent}%)`);
      d.replicas = desired;
    }
  }

  /**
   * The Service's endpoints: pods that were ready last second, matching its selector,
   * each with the port its first targetPort resolves to (a name must be a container port).
   */
  endpoints(readyLastSecond: Set<Pod>): { pod: Pod; port: number }[] {
    const svc = this.cluster.service;
    const target = svc?.ports[0]?.targetPort;
    if (!svc || target === undefined || !Object.keys(svc.selector).length || svc.namespace !== this.deployment.namespace) return [];
    const out: { pod: Pod; port: number }[] = [];
    for (const pod of readyLastSecond) {
      if (!pod.alive || pod.deletedAt !== undefined) continue;
      if (Object.entries(svc.selector).some(([k, v]) => pod.template.labels[k] !== v)) continue;
      const port = typeof target === 'number' ? target : pod.container.ports.find((p) => p.name === target)?.containerPort;
      if (port !== undefined) out.push({ pod, port });
    }
    return out;
  }
}

/** A stable short hash of a pod template, like the pod-template-hash label. */
export function templateHash(template: PodTemplateModel): string {
  return hashString(JSON.stringify(template)).toString(16).padStart(8, '0');
}
