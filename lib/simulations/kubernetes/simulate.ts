/**
 * The lab's whole Run: parse and validate the manifests, then replay every scenario on
 * its own fresh cluster (runner.ts), and read what the kubelet would make of the
 * container's environment and resources. Deterministic for the same files and seed.
 */
import type { FileError } from '@/lib/kinds/artifact/common';
import type { KubernetesResult } from '@/lib/kinds/artifact/kubernetes/result';
import { ENV } from './app';
import { resolveEnv } from './env';
import { parseManifests } from './manifests';
import type { Cluster } from './model';
import { planCommands, runPlan, type PlanStep } from './plan';
import { runScenario } from './runner';
import { scenarioSpecs } from './scenarios';

export const PLAN_FILE = 'ROLLBACK.md';

export type Simulated = { errors: FileError[]; result: null } | { errors: []; result: KubernetesResult };

export function simulateKubernetes(files: Record<string, string>, seed = 1): Simulated {
  const parsed = parseManifests(files);
  if (!parsed.cluster) return { errors: parsed.errors.length ? parsed.errors : [{ file: 'deploy/deployment.yaml', line: 1, column: 1, message: 'No manifests to apply' }], result: null };
  const cluster = parsed.cluster;
  const commands = planCommands(files[PLAN_FILE] ?? '');
  let plan: PlanStep[] = [];
  const specs = scenarioSpecs({ plan: (cp, t) => void (plan = runPlan(commands, cp, cluster, t)) });
  const scenarios = specs.map((spec) => {
    const { result } = runScenario(spec, cluster, seed);
    return spec.id === 'bad-rollout' ? { ...result, plan } : result;
  });
  const container = cluster.deployment.template.containers[0];
  const env = resolveEnv(container, { namespace: cluster.deployment.namespace, configMaps: cluster.configMaps, secrets: cluster.secrets });
  return {
    errors: [],
    result: {
      simulation: 'kubernetes',
      objects: parsed.objects.map((o) => ({ kind: o.kind, name: o.name, file: o.file, line: o.lineOf(['kind']) })),
      envSources: env.ok ? env.sources.map(({ name, source, from, file, line }) => ({ name, source, from, file, line })) : [],
      secretLiterals: secretLiterals(cluster),
      qos: qosClass(cluster),
      scenarios,
    },
  };
}

/** Every place outside a Secret holding a Secret's value, and any literal UPSTREAM_API_KEY. Messages never contain the value. */
function secretLiterals(cluster: Cluster): KubernetesResult['secretLiterals'] {
  const values = new Set(cluster.secrets.flatMap((s) => Object.values(s.data)).filter((v) => v.length >= 6));
  const out: KubernetesResult['secretLiterals'] = [];
  for (const c of cluster.deployment.template.containers)
    for (const e of c.env) {
      if (e.value === undefined) continue;
      if (e.name === ENV.apiKey) out.push({ file: e.file, line: e.line, what: `env ${e.name} is written as a literal value in the Deployment` });
      else if (values.has(e.value)) out.push({ file: e.file, line: e.line, what: `env ${e.name} holds the value of a Secret as a literal` });
    }
  for (const cm of cluster.configMaps)
    for (const [key, value] of Object.entries(cm.data)) {
      if (key === ENV.apiKey || values.has(value)) out.push({ file: cm.file, line: cm.keyLines[key] ?? cm.line, what: `ConfigMap ${cm.name} key ${key} holds ${key === ENV.apiKey ? 'the API key' : 'the value of a Secret'}: a ConfigMap is not for secrets` });
    }
  return out;
}

/** The QoS class the kubelet gives the pods (the first container decides here: there is one). */
function qosClass(cluster: Cluster): KubernetesResult['qos'] {
  const c = cluster.deployment.template.containers[0];
  if (c.requests.cpu === undefined && c.requests.memory === undefined && c.limits.cpu === undefined && c.limits.memory === undefined) return 'BestEffort';
  const equal = (['cpu', 'memory'] as const).every((r) => c.limits[r] !== undefined && c.requests[r] === c.limits[r]);
  return equal ? 'Guaranteed' : 'Burstable';
}
