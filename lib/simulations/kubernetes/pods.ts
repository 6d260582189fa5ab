/**
 * One pod on virtual time, as the kubelet runs it: scheduling, image pull, container
 * start with its environment resolved once, the backend's process (app.ts), the
 * startup, liveness and readiness probes with their periods and thresholds, restarts
 * with CrashLoopBackOff's doubling delay, OOMKilled when the working set passes
 * limits.memory, and graceful termination. Kubernetes behaviour except where app.ts
 * says "model". Time is whole seconds; nothing reads a clock.
 */
import { APP_PORT, ENV, POD_CAPACITY_RPS, cpuUsage, releaseOf, workingSet, type Release } from './app';
import { resolveEnv, type ConfigStore } from './env';
import type { ContainerModel, PodTemplateModel, ProbeModel } from './model';

/** What the picture shows for a pod in one second. */
export type PodPhase = 'pending' | 'creating' | 'ready' | 'unready' | 'backoff' | 'config-error' | 'terminating';

export interface RestartEvent {
  at: number;
  reason: 'Error' | 'OOMKilled' | 'Liveness' | 'Startup';
  message: string;
}

/** What the world around the pod is like this second (the scenario decides). */
export interface World {
  /** Does the upstream answer? */
  upstreamUp: boolean;
  /** Seconds the backend needs to start on this node (overrides the release's). */
  startSeconds?: number;
  /** Is this pod's process hung (a deadlock: the socket accepts, nothing answers)? */
  hung: boolean;
}

/** Seconds a pulled image takes to start a container (model). */
const CREATE_SECONDS = 2;
/** Seconds the backend keeps answering after SIGTERM while endpoints drop it (model). */
export const DRAIN_SECONDS = 5;
/** The kubelet's back-off: 10 s, doubled per restart, at most 5 min. */
export const backoffSeconds = (restarts: number) => Math.min(300, 10 * 2 ** Math.max(0, restarts - 1));

interface ProbeState {
  failures: number;
  successes: number;
}

export class Pod {
  readonly container: ContainerModel;
  readonly release: Release | undefined;
  phase: PodPhase = 'pending';
  restarts: RestartEvent[] = [];
  /** Second the current container started; undefined while none runs. */
  startedAt?: number;
  ready = false;
  readySince?: number;
  env: Record<string, string> = {};
  envError?: string;
  deletedAt?: number;
  /** The second the pod is gone (termination finished). */
  goneAt?: number;
  /** Queries per second it answered last second, for memory and CPU. */
  load = 0;
  memory = 0;
  private startupDone = false;
  private nextStartAt: number;
  private probes: Record<'startup' | 'liveness' | 'readiness', ProbeState> = { startup: { failures: 0, successes: 0 }, liveness: { failures: 0, successes: 0 }, readiness: { failures: 0, successes: 0 } };
  private exited = false;

  constructor(
    readonly name: string,
    readonly revision: number,
    readonly template: PodTemplateModel,
    readonly createdAt: number,
    private readonly config: () => ConfigStore,
    /** A scheduling problem ("0/3 nodes are available…"): the pod stays Pending. */
    readonly unschedulable?: string,
  ) {
    this.container = template.containers[0];
    this.release = releaseOf(this.container.image);
    this.nextStartAt = createdAt + CREATE_SECONDS;
  }

  get alive(): boolean {
    return this.goneAt === undefined;
  }

  /** Listening and answering queries at second t (draining pods answer too). */
  answers(t: number, world: World): boolean {
    if (this.startedAt === undefined || this.exited || world.hung || this.release?.broken) return false;
    return t - this.startedAt >= this.startSeconds(world);
  }

  /** Queries per second this pod can answer: the model's CPU bound, lower under a CPU limit (CFS throttling). */
  capacity(): number {
    const limit = this.container.limits.cpu;
    const byCpu = limit === undefined ? POD_CAPACITY_RPS : Math.max(0, (limit - cpuUsage(0)) / (cpuUsage(1) - cpuUsage(0)));
    return Math.min(POD_CAPACITY_RPS, byCpu);
  }

  /** The per-pod upstream cap the backend reads from UPSTREAM_MAX_RPS, if set. */
  maxRps(): number | undefined {
    const raw = this.env[ENV.maxRps];
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  }

  delete(t: number): void {
    if (this.deletedAt !== undefined) return;
    this.deletedAt = t;
    this.ready = false;
  }

  /** Advances the pod through second t. */
  tick(t: number, world: World): void {
    if (!this.alive) return;
    if (this.startedAt === undefined) this.memory = 0;
    if (this.deletedAt !== undefined) {
      const runs = this.startedAt !== undefined && !this.exited;
      if (!runs || t - this.deletedAt >= Math.min(DRAIN_SECONDS, this.template.terminationGracePeriodSeconds)) {
        this.goneAt = t;
        return;
      }
      this.phase = ('terminating');
      return;
    }
    if (this.unschedulable) return void (this.phase = 'pending');
    if (this.startedAt === undefined) {
      if (t < this.nextStartAt) return void (this.phase = this.restarts.length ? 'backoff' : t < this.createdAt + 1 ? 'pending' : 'creating');
      this.start(t);
      if (this.startedAt === undefined) return void (this.phase = 'config-error');
    }
    this.runProcess(t);
    if (this.startedAt !== undefined) this.runProbes(t, world);
    this.phase = (this.startedAt === undefined ? 'backoff' : this.ready ? 'ready' : 'unready');
  }

  private startSeconds(world: World): number {
    return world.startSeconds ?? this.release?.startSeconds ?? 4;
  }

  private start(t: number): void {
    const env = resolveEnv(this.container, this.config());
    if (!env.ok) {
      this.envError = env.message;
      this.nextStartAt = t + 10;
      return;
    }
    this.envError = undefined;
    this.env = env.values;
    this.startedAt = t;
    this.exited = false;
    this.startupDone = !this.container.startupProbe;
    for (const p of Object.values(this.probes)) (p.failures = 0), (p.successes = 0);
    this.setReady(false, t);
  }

  private kill(t: number, reason: RestartEvent['reason'], message: string): void {
    this.restarts.push({ at: t, reason, message });
    this.startedAt = undefined;
    this.exited = true;
    this.setReady(false, t);
    this.nextStartAt = t + backoffSeconds(this.restarts.length);
  }

  private runProcess(t: number): void {
    const age = t - this.startedAt!;
    const missing = [ENV.url, ENV.apiKey].find((name) => !this.env[name]);
    if (missing && age >= 1) return this.kill(t, 'Error', `exit code 1: ${missing} is not set`);
    const crash = this.release?.crashAfterSeconds;
    if (crash !== undefined && age >= crash) return this.kill(t, 'Error', this.release!.crashMessage ?? 'exit code 1');
    this.memory = workingSet(age, this.load);
    const limit = this.container.limits.memory;
    if (limit !== undefined && this.memory > limit) {
      // The working set that crossed the limit stays this second's figure, so the picture shows it.
      this.kill(t, 'OOMKilled', `working set ${Math.round(this.memory / 1048576)} Mi passed limits.memory ${Math.round(limit / 1048576)} Mi (exit code 137)`);
    }
  }

  /** Does this probe succeed at second t? (What the backend, or the TCP stack, answers.) */
  probeSucceeds(probe: ProbeModel, t: number, world: World): boolean {
    const port = typeof probe.port === 'number' ? probe.port : this.container.ports.find((p) => p.name === probe.port)?.containerPort;
    if (port !== APP_PORT || this.startedAt === undefined) return false;
    const listening = t - this.startedAt >= this.startSeconds(world);
    if (!listening) return false;
    if (probe.handler === 'tcpSocket') return true; // the kernel accepts even when the process is hung
    if (world.hung) return false;
    if (probe.path === '/healthz') return true;
    if (probe.path === '/readyz') return !this.release?.broken;
    // CheckHealth waits for the upstream: a timeout (or a 503) fails the probe.
    if (probe.path === '/api/health') return world.upstreamUp;
    return false; // 404
  }

  private runProbes(t: number, world: World): void {
    const age = t - this.startedAt!;
    const due = (p: ProbeModel) => age >= p.initialDelaySeconds && (age - p.initialDelaySeconds) % p.periodSeconds === 0;
    const { startupProbe, livenessProbe, readinessProbe } = this.container;
    if (!this.startupDone) {
      if (startupProbe && due(startupProbe)) {
        const state = this.probes.startup;
        if (this.probeSucceeds(startupProbe, t, world)) this.startupDone = true;
        else if (++state.failures >= startupProbe.failureThreshold)
          return this.kill(t, 'Startup', `startup probe failed ${state.failures} times (${describeProbe(startupProbe)}), so the kubelet restarted the container`);
      }
      if (!this.startupDone) return;
    }
    if (livenessProbe && due(livenessProbe)) {
      const state = this.probes.liveness;
      if (this.probeSucceeds(livenessProbe, t, world)) state.failures = 0;
      else if (++state.failures >= livenessProbe.failureThreshold)
        return this.kill(t, 'Liveness', `liveness probe failed ${state.failures} times (${describeProbe(livenessProbe)}), so the kubelet restarted the container`);
    }
    if (!readinessProbe) return this.setReady(true, t); // no readiness probe: Ready once running
    if (due(readinessProbe)) {
      const state = this.probes.readiness;
      if (this.probeSucceeds(readinessProbe, t, world)) {
        state.failures = 0;
        if (++state.successes >= readinessProbe.successThreshold) this.setReady(true, t);
      } else {
        state.successes = 0;
        if (++state.failures >= readinessProbe.failureThreshold || !this.ready) this.setReady(false, t);
      }
    }
  }

  private setReady(ready: boolean, t: number): void {
    if (ready && !this.ready) this.readySince = t;
    if (!ready) this.readySince = undefined;
    this.ready = ready;
  }

  /** Ready for at least minReadySeconds: what the Deployment controller counts as available. */
  available(t: number, minReadySeconds: number): boolean {
    return this.alive && this.deletedAt === undefined && this.ready && this.readySince !== undefined && t - this.readySince >= minReadySeconds;
  }
}

export function describeProbe(p: ProbeModel): string {
  const what = p.handler === 'tcpSocket' ? `tcpSocket port ${p.port}` : `GET ${p.path ?? '/'} port ${p.port}`;
  return `${what}, every ${p.periodSeconds} s, failureThreshold ${p.failureThreshold}`;
}
