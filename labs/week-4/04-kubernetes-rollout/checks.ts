/**
 * Checks for "A deployment plan for Kubernetes". Each replays the learner's manifests
 * in one scenario of the simulated cluster (lib/simulations/kubernetes) and asserts on
 * what happened there: queries failed, restarts and their reasons, the images and
 * environment pods ended with, calls the upstream refused. None reads the YAML's text,
 * so any strategy, probe timing, ConfigMap scheme or rollback command passes when it
 * behaves right.
 */
import { fail } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { ArtifactCheckContext } from '@/lib/kinds/artifact/record';
import type { KubernetesResult, KubernetesScenario, ScenarioId } from '@/lib/kinds/artifact/kubernetes/result';
import { BAD_TAG, NEW_UPSTREAM_URL } from '@/lib/simulations/kubernetes/app';

type Context = ArtifactCheckContext<KubernetesResult>;

async function simulated(ctx: Context): Promise<KubernetesResult> {
  const record = await ctx.simulate();
  if (!record.parse.ok) {
    const e = record.parse.errors[0];
    fail('manifests the API server accepts', `${e.file}:${e.line}: ${e.message}`);
  }
  if (record.simulation?.simulation !== 'kubernetes') fail('a simulated cluster', record.engineError ?? 'the simulation did not run');
  return record.simulation;
}

async function scenario(ctx: Context, id: ScenarioId): Promise<KubernetesScenario> {
  const found = (await simulated(ctx)).scenarios.find((s) => s.id === id);
  if (!found) fail(`the scenario ${id}`, 'the simulation did not replay it');
  return found;
}

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0));
const mark = (s: KubernetesScenario, index: number) => s.marks[index]?.at ?? 0;

/** "at 23 s: 0 endpoints, 60 queries/s failed" for the worst second of a window. */
function worst(s: KubernetesScenario, from: number, to: number): string {
  let at = from;
  for (let t = from; t < to; t++) if (s.series.failed[t] > s.series.failed[at]) at = t;
  return `worst at ${at} s: ${s.series.failed[at]} of ${s.series.demand[at]} queries/s failed with ${s.series.endpoints[at]} pods behind the Service`;
}

function restartsOf(s: KubernetesScenario) {
  return s.pods.flatMap((p) => p.restarts.map((r) => ({ pod: p.name, ...r })));
}

const checks: LabCheck<Context>[] = [
  {
    id: 'rollout-keeps-serving',
    task: 1,
    title: 'A release that crashes stalls the rollout, and no query fails while the old pods keep serving',
    hint: 'Pods join the Service when they are Ready. Without a readiness probe a pod is Ready as soon as its container runs, crashing or not. And the rollout may only take old pods away as far as maxUnavailable allows: keep enough ready pods for the load.',
    async run(ctx) {
      const s = await scenario(ctx, 'bad-rollout');
      const [from, to] = [mark(s, 0), mark(s, 1)];
      const failed = sum(s.series.failed.slice(from, to));
      if (failed > 0) fail(`no failed query between ${from} s (set image ${BAD_TAG}) and ${to} s (rollback)`, `${failed} queries failed; ${worst(s, from, to)}`);
    },
  },
  {
    id: 'rollback-restores',
    task: 2,
    title: 'The commands in ROLLBACK.md bring every pod back to a release that works',
    hint: 'Put the commands in a ```sh code block. kubectl rollout undo deployment/<name> goes back one revision; --to-revision=N picks one from kubectl rollout history. Use the Deployment name (and namespace) from your manifests.',
    async run(ctx) {
      const s = await scenario(ctx, 'bad-rollout');
      const plan = s.plan ?? [];
      const log = plan.map((p) => `ROLLBACK.md:${p.line} ${p.command} → ${p.outcome}: ${p.output.split('\n')[0]}`).join('\n');
      if (!plan.length) fail('kubectl commands in a code block of ROLLBACK.md', 'no command found: Run executes the kubectl lines of ```sh blocks');
      if (!plan.some((p) => p.outcome === 'ran')) fail('a command that changes the Deployment', `none did:\n${log}`);
      const bad = s.pods.filter((p) => p.aliveAtEnd && p.image.endsWith(`:${BAD_TAG}`));
      const tail = sum(s.series.failed.slice(s.duration - 30));
      if (bad.length || tail > 0 || s.series.endpoints[s.duration - 1] === 0)
        fail(
          `every pod back on a working release and serving by ${s.duration} s`,
          `${bad.length} pod(s) still run ${BAD_TAG}, ${tail} queries failed in the last 30 s. The plan ran:\n${log}`,
        );
    },
  },
  {
    id: 'slow-start-survives',
    task: 3,
    title: 'A backend that needs 50 s to start is not killed, and becomes ready',
    hint: 'A liveness probe that starts checking before the process listens kills it again and again. A startupProbe with failureThreshold × periodSeconds above the start time holds liveness and readiness off until it succeeds.',
    async run(ctx) {
      const s = await scenario(ctx, 'slow-start');
      const killed = restartsOf(s);
      if (killed.length) fail('no restart while the backend starts', killed.slice(0, 3).map((r) => `${r.pod} at ${r.at} s: ${r.message}`).join('\n'));
      const notReady = s.pods.filter((p) => p.aliveAtEnd && !p.readyAtEnd);
      if (notReady.length || !s.pods.length) fail(`every pod ready by ${s.duration} s`, `${notReady.length} of ${s.pods.length} pods are not ready`);
    },
  },
  {
    id: 'outage-no-restarts',
    task: 3,
    title: 'Zero restarts while the upstream is down for three minutes',
    hint: 'Restarting a healthy process does not bring an upstream back: it only adds cold starts to the outage. Let liveness check the process (/healthz), never a dependency.',
    async run(ctx) {
      const s = await scenario(ctx, 'upstream-outage');
      const restarts = restartsOf(s);
      if (restarts.length) fail('0 restarts during the outage', `${restarts.length} restarts, e.g. ${restarts[0].pod} at ${restarts[0].at} s: ${restarts[0].message}`);
    },
  },
  {
    id: 'hung-process-restarted',
    task: 3,
    title: 'A process that hangs is restarted by its liveness probe, and serving resumes',
    hint: 'Only the kubelet can restart a stuck process, and only when a liveness probe fails. A tcpSocket probe passes as long as the kernel accepts connections; ask the process itself (an HTTP endpoint it answers).',
    async run(ctx) {
      const s = await scenario(ctx, 'hung-process');
      const hungAt = mark(s, 0);
      const restarted = restartsOf(s).filter((r) => r.reason === 'Liveness' && r.at >= hungAt);
      if (!restarted.length) fail(`a liveness restart of the pod that hung at ${hungAt} s`, 'no pod was restarted: the hung pod stayed hung');
      const tail = sum(s.series.failed.slice(s.duration - 30));
      if (tail > 0) fail('every query answered again after the restart', `${tail} queries failed in the last 30 s`);
    },
  },
  {
    id: 'memory-fits',
    task: 4,
    title: 'Pods have a memory limit, and no pod is OOMKilled in any scenario',
    hint: 'Read the peak working set in the Pods picture and set limits.memory above it with headroom; set requests.memory too, so the scheduler reserves it.',
    async run(ctx) {
      const result = await simulated(ctx);
      const pods = result.scenarios.flatMap((s) => s.pods.map((p) => ({ s, p })));
      const noLimit = pods.find(({ p }) => p.memoryLimit === undefined);
      if (noLimit) fail('a limits.memory on the backend container', 'none is set: one leak and the pod takes memory from everything else on its node');
      const oom = pods.flatMap(({ s, p }) => p.restarts.filter((r) => r.reason === 'OOMKilled').map((r) => `${s.title}: ${p.name} at ${r.at} s, ${r.message}`));
      if (oom.length) fail('no OOMKilled container', `${oom.length} OOM kills, e.g. ${oom[0]}`);
    },
  },
  {
    id: 'config-change-rolls-out',
    task: 5,
    title: 'A change to the ConfigMap reaches every pod',
    hint: 'Pods read env from a ConfigMap once, when they start; changing the ConfigMap changes no pod. Make the change change the pod template: a versioned ConfigMap name (-v1 → -v2) or a checksum/config annotation.',
    async run(ctx) {
      const s = await scenario(ctx, 'config-change');
      const change = s.events.find((e) => e.source === 'release-tool');
      const pods = s.pods.filter((p) => p.aliveAtEnd);
      const stale = pods.filter((p) => p.env.UPSTREAM_URL !== NEW_UPSTREAM_URL);
      if (stale.length || !pods.length)
        fail(`every pod running with UPSTREAM_URL=${NEW_UPSTREAM_URL} by ${s.duration} s`, `${stale.length} of ${pods.length} pods still use ${stale[0]?.env.UPSTREAM_URL ?? 'no UPSTREAM_URL'}. ${change?.message ?? ''}`);
    },
  },
  {
    id: 'secret-from-secret',
    task: 5,
    title: 'The API key reaches the backend from a Secret, and no other manifest holds it',
    hint: 'Put UPSTREAM_API_KEY in a Secret (stringData, or base64 under data) and read it with valueFrom.secretKeyRef or envFrom.secretRef. Anyone who can read the Deployment or a ConfigMap can read a literal.',
    async run(ctx) {
      const result = await simulated(ctx);
      const key = result.envSources.find((e) => e.name === 'UPSTREAM_API_KEY');
      if (key?.source !== 'secret') fail('UPSTREAM_API_KEY read from a Secret', key ? `it comes from a ${key.source === 'literal' ? 'literal value' : 'ConfigMap'} at ${key.file}:${key.line}` : 'the container does not get UPSTREAM_API_KEY (or cannot start)');
      if (result.secretLiterals.length) fail('the key in the Secret only', result.secretLiterals.map((l) => `${l.file}:${l.line}: ${l.what}`).join('\n'));
    },
  },
  {
    id: 'autoscaling-respects-quota',
    task: 6,
    title: 'The HPA scales out for the spike without pushing the upstream past its quota',
    hint: 'Every pod the HPA adds sends its own calls upstream. Bound maxReplicas × each pod’s upstream calls by the quota (or cap each pod with UPSTREAM_MAX_RPS), and give the container a CPU request, which the HPA measures against.',
    async run(ctx) {
      const s = await scenario(ctx, 'autoscaling');
      const start = mark(s, 0);
      const before = s.series.replicas[start - 1] ?? s.series.replicas[0];
      const peak = Math.max(...s.series.replicas.slice(start));
      if (peak <= before) fail('the HPA adding pods during the spike', `replicas stayed at ${before}${s.events.find((e) => e.source === 'horizontal-pod-autoscaler' && e.warning)?.message ? `: ${s.events.find((e) => e.warning && e.source === 'horizontal-pod-autoscaler')!.message}` : ''}`);
      const rejected = sum(s.series.upstreamRejected);
      if (rejected > 0) fail(`no upstream call over its quota of ${s.quota} calls/s`, `${rejected} calls were refused with 429; the upstream got up to ${Math.max(...s.series.upstreamCalls)} calls/s from ${peak} pods`);
      const last = s.series.served.slice(-60);
      const served = Math.round(last.reduce((a, b) => a + b, 0) / last.length);
      if (served < 0.9 * (s.quota ?? 0)) fail(`at least ${Math.round(0.9 * (s.quota ?? 0))} queries/s answered at the peak (the quota is there to use)`, `${served} queries/s`);
    },
  },
];

export default checks;
