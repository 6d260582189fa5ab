/**
 * The seven scenarios Run replays, each on the learner's manifests from a fresh cluster.
 * Each says what it simulates, which parts are Kubernetes' own behaviour and which are
 * this lab's model (see app.ts for the backend's numbers).
 */
import { BAD_TAG, imageOf, NEW_UPSTREAM_URL } from './app';
import { applyConfigChange } from './config-change';
import type { ScenarioSpec } from './runner';

/** Normal load from Grafana's dashboards, queries per second. */
export const NORMAL_RPS = 60;
/** The upstream's quota for the plugin's API key, calls per second. */
export const UPSTREAM_QUOTA = 100;

const steady = () => NORMAL_RPS;
const calm = { upstreamUp: true, hung: false };

const TRAFFIC_MODEL = `Dashboards send ${NORMAL_RPS} queries/s, split evenly over the Service's endpoints; a pod answers up to 25 queries/s (model).`;

export const RELEASE_AT = 20;
export const PLAN_AT = 140;

export function scenarioSpecs(hooks: { plan(cp: Parameters<NonNullable<ScenarioSpec['at']>[number]>[0], t: number): void }): ScenarioSpec[] {
  return [
    {
      id: 'bad-rollout',
      title: '1. A release that crashes, then your rollback',
      simulates: `At ${RELEASE_AT} s, kubectl set image rolls out ${imageOf(BAD_TAG)}, which starts and answers /healthz but fails /readyz and every query, and exits 15 s after it starts. At ${PLAN_AT} s the alert has fired and the commands in ROLLBACK.md run, in order.`,
      kubernetes: 'The rolling update (maxSurge, maxUnavailable, minReadySeconds, progressDeadlineSeconds), readiness gating the Service, CrashLoopBackOff, revisions and rollout undo.',
      model: `${TRAFFIC_MODEL} When the alert fires is our choice.`,
      duration: 300,
      warmup: 60,
      demand: steady,
      world: () => calm,
      at: {
        [RELEASE_AT]: (cp, t) => {
          const d = cp.deployment;
          d.template = structuredClone(d.template);
          d.template.containers[0].image = imageOf(BAD_TAG);
          cp.log(t, 'kubectl', `set image deployment/${d.name} ${d.template.containers[0].name}=${imageOf(BAD_TAG)}`);
        },
        [PLAN_AT]: hooks.plan,
      },
      marks: [
        { at: RELEASE_AT, label: `set image ${BAD_TAG}` },
        { at: PLAN_AT, label: 'ROLLBACK.md runs' },
      ],
    },
    {
      id: 'slow-start',
      title: '2. A slow start on a fresh node',
      simulates: 'The manifests are applied to an empty namespace on nodes that have never run the backend: it needs 50 s to load the upstream catalogue before it listens.',
      kubernetes: 'Startup, liveness and readiness probes (initialDelaySeconds, periodSeconds, failureThreshold); a startup probe holds the other two off until it succeeds.',
      model: 'The 50 s start-up time.',
      duration: 180,
      warmup: 0,
      demand: steady,
      world: () => ({ ...calm, startSeconds: 50 }),
    },
    {
      id: 'upstream-outage',
      title: '3. The upstream goes down for three minutes',
      simulates: 'From 30 s to 210 s the metrics upstream answers nothing; the backend gives up on each call after its 5 s timeout. The pods themselves are fine.',
      kubernetes: 'Liveness probes: after failureThreshold failures the kubelet restarts the container, whatever the reason the probe failed.',
      model: 'The backend’s endpoints: /healthz checks the process, /readyz that it has loaded, /api/health (CheckHealth) calls the upstream.',
      duration: 270,
      warmup: 60,
      demand: steady,
      world: (t) => ({ ...calm, upstreamUp: t < 30 || t >= 210 }),
      marks: [
        { at: 30, label: 'upstream down' },
        { at: 210, label: 'upstream back' },
      ],
    },
    {
      id: 'hung-process',
      title: '4. A process that hangs',
      simulates: 'At 40 s one pod deadlocks: its socket still accepts connections, but nothing answers until the container restarts.',
      kubernetes: 'A liveness probe that fails failureThreshold times restarts the container; a TCP probe only sees that the port accepts.',
      model: 'The deadlock, in the first pod.',
      duration: 200,
      warmup: 60,
      demand: steady,
      world: (t, pod, index) => ({ ...calm, hung: index === 0 && t >= 40 && pod.restarts.every((r) => r.at < 40) }),
      marks: [{ at: 40, label: 'one pod hangs' }],
    },
    {
      id: 'memory',
      title: '5. Five minutes under load',
      simulates: 'Normal load for five minutes: each pod’s query cache fills over its first two minutes, so its working set grows, then levels off.',
      kubernetes: 'A container whose memory passes limits.memory is OOMKilled (exit 137) and restarted; requests and limits decide the QoS class.',
      model: 'The working set: 48 Mi, plus a cache that grows to 110 Mi, plus 1.6 Mi per query/s.',
      duration: 300,
      warmup: 0,
      demand: steady,
      world: () => calm,
    },
    {
      id: 'config-change',
      title: '6. The upstream moves: a config change',
      simulates: `At 30 s the team changes UPSTREAM_URL to ${NEW_UPSTREAM_URL} in the ConfigMap and applies it with its release tool.`,
      kubernetes: 'A variable read from a ConfigMap is set when the container starts and never re-read; only a change to the pod template rolls pods out.',
      model: 'The release tool: it writes a new versioned ConfigMap (-v2) when yours has a version in its name, or updates a checksum annotation when your template has one (as kustomize and Helm charts do).',
      duration: 240,
      warmup: 60,
      demand: steady,
      world: () => calm,
      at: { 30: (cp, t) => void applyConfigChange(cp, { key: 'UPSTREAM_URL', value: NEW_UPSTREAM_URL }, t) },
      marks: [{ at: 30, label: 'config change applied' }],
    },
    {
      id: 'autoscaling',
      title: '7. A traffic spike meets a rate-limited upstream',
      simulates: `From 30 s demand climbs to 300 queries/s for five minutes. The upstream allows ${UPSTREAM_QUOTA} calls/s for the plugin’s API key and answers 429 to the rest.`,
      kubernetes: 'The HorizontalPodAutoscaler: a sync every 15 s, desired replicas from CPU use over requests, minReplicas/maxReplicas, the default scale-up limit.',
      model: 'One upstream call per answered query; CPU per pod of 20m plus 18m per query/s; the upstream’s quota; UPSTREAM_MAX_RPS caps each pod’s upstream calls.',
      duration: 360,
      warmup: 60,
      demand: (t) => (t < 30 ? NORMAL_RPS : t < 60 ? NORMAL_RPS + ((300 - NORMAL_RPS) * (t - 30)) / 30 : 300),
      quota: UPSTREAM_QUOTA,
      world: () => calm,
      marks: [{ at: 30, label: 'spike starts' }],
    },
  ];
}
