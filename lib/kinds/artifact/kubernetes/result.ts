/**
 * What the `kubernetes` simulation produces, as zod schemas: it crosses from the
 * engine's Worker to the page, so the page validates it. Imports nothing but zod, so
 * the page never loads the YAML parser or the Kubernetes schemas. Times are whole
 * seconds of virtual time from the start of a scenario.
 */
import { z } from 'zod';

export const SCENARIO_IDS = ['bad-rollout', 'slow-start', 'upstream-outage', 'hung-process', 'memory', 'config-change', 'autoscaling'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const POD_PHASES = ['pending', 'creating', 'ready', 'unready', 'backoff', 'config-error', 'terminating'] as const;

export const restartSchema = z.object({
  at: z.number().int(),
  /** Error: the process exited; OOMKilled: over limits.memory; Liveness / Startup: the kubelet killed it after that probe failed. */
  reason: z.enum(['Error', 'OOMKilled', 'Liveness', 'Startup']),
  message: z.string(),
});

export const podRowSchema = z.object({
  name: z.string(),
  /** The Deployment revision (ReplicaSet) the pod belongs to. */
  revision: z.number().int(),
  image: z.string(),
  /** Consecutive seconds in one phase, [from, to) in scenario time. */
  segments: z.array(z.object({ from: z.number().int(), to: z.number().int(), phase: z.enum(POD_PHASES) })),
  restarts: z.array(restartSchema),
  /** Highest working set, bytes. */
  peakMemory: z.number().min(0),
  /** limits.memory, bytes; absent when none is set. */
  memoryLimit: z.number().min(0).optional(),
  readyAtEnd: z.boolean(),
  aliveAtEnd: z.boolean(),
  /** The variables it started with that are not secrets (UPSTREAM_URL, UPSTREAM_MAX_RPS…). */
  env: z.record(z.string(), z.string()),
  /** Why its container could not start (CreateContainerConfigError, FailedScheduling). */
  waiting: z.string().optional(),
});

export const clusterEventSchema = z.object({
  at: z.number().int(),
  source: z.string(),
  message: z.string(),
  warning: z.boolean().optional(),
});

export const planStepSchema = z.object({
  line: z.number().int(),
  command: z.string(),
  outcome: z.enum(['ran', 'read', 'error', 'not-modelled']),
  output: z.string(),
});

/** Per-second figures of one scenario (index = second). Queries per second, pods. */
export const seriesSchema = z.object({
  demand: z.array(z.number()),
  served: z.array(z.number()),
  /** Queries that got no answer from the backend: no endpoint, a pod that does not answer, over capacity or its own cap. */
  failed: z.array(z.number()),
  upstreamCalls: z.array(z.number()),
  /** Upstream calls rejected with 429 for going over the upstream's quota. */
  upstreamRejected: z.array(z.number()),
  endpoints: z.array(z.number().int()),
  replicas: z.array(z.number().int()),
});

export const scenarioSchema = z.object({
  id: z.enum(SCENARIO_IDS),
  title: z.string(),
  /** What happens in it, in a sentence. */
  simulates: z.string(),
  /** Which parts follow Kubernetes' own behaviour. */
  kubernetes: z.string(),
  /** Which parts are this lab's model. */
  model: z.string(),
  duration: z.number().int(),
  marks: z.array(z.object({ at: z.number().int(), label: z.string() })),
  pods: z.array(podRowSchema),
  events: z.array(clusterEventSchema),
  series: seriesSchema,
  /** The rollback plan as it ran (bad-rollout only). */
  plan: z.array(planStepSchema).optional(),
  /** The upstream's quota, queries per second (autoscaling only). */
  quota: z.number().optional(),
});

export const envSourceSchema = z.object({
  name: z.string(),
  source: z.enum(['literal', 'configMap', 'secret']),
  from: z.string().optional(),
  file: z.string(),
  line: z.number().int(),
});

export const kubernetesResultSchema = z.object({
  simulation: z.literal('kubernetes'),
  objects: z.array(z.object({ kind: z.string(), name: z.string(), file: z.string(), line: z.number().int() })),
  /** Where each variable of the backend's container comes from, as the kubelet resolves it (empty when it cannot start). */
  envSources: z.array(envSourceSchema),
  /** Places outside a Secret that hold a Secret's value, or a literal API key. Never the value. */
  secretLiterals: z.array(z.object({ file: z.string(), line: z.number().int(), what: z.string() })),
  /** The pods' QoS class, from requests and limits, as the kubelet computes it. */
  qos: z.enum(['Guaranteed', 'Burstable', 'BestEffort']),
  scenarios: z.array(scenarioSchema),
});
export type KubernetesResult = z.infer<typeof kubernetesResultSchema>;
export type KubernetesScenario = z.infer<typeof scenarioSchema>;
export type PodRow = z.infer<typeof podRowSchema>;
export type PlanStepResult = z.infer<typeof planStepSchema>;
