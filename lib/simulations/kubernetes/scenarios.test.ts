/**
 * The simulated cluster's Kubernetes semantics, scenario by scenario, on the lab's
 * solution and on small changes to it: what a rolling update keeps, what probes do,
 * when OOMKilled happens, what a ConfigMap change reaches, how the HPA scales. All on
 * virtual time: the same files give the same result.
 */
import { describe, expect, it } from 'vitest';
import type { KubernetesResult } from '@/lib/kinds/artifact/kubernetes/result';
import { backoffSeconds } from './pods';
import { simulateKubernetes } from './simulate';
import { labFiles } from './test-files';

const solution = labFiles('solution');
const D = 'deploy/deployment.yaml';
const run = (files: Record<string, string>): KubernetesResult => {
  const out = simulateKubernetes(files);
  if (!out.result) throw new Error(JSON.stringify(out.errors));
  return out.result;
};
const edit = (path: string, from: string, to: string) => {
  expect(solution[path]).toContain(from);
  return { ...solution, [path]: solution[path].replace(from, to) };
};
const scenario = (r: KubernetesResult, id: string) => r.scenarios.find((s) => s.id === id)!;
const total = (v: number[]) => v.reduce((a, b) => a + b, 0);

describe('the simulated cluster', () => {
  const result = run(solution);

  it('is deterministic: the same files and seed give the same result', () => {
    expect(run(solution)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('a broken release stalls behind maxUnavailable 0: the old pods keep serving, the new one backs off', () => {
    const s = scenario(result, 'bad-rollout');
    const bad = s.pods.filter((p) => p.image.endsWith(':1.4.0'));
    expect(bad).toHaveLength(1);
    expect(bad[0].segments.some((g) => g.phase === 'ready')).toBe(false);
    expect(bad[0].restarts.map((r) => r.reason)).toEqual(expect.arrayContaining(['Error']));
    expect(total(s.series.failed)).toBe(0);
    expect(s.events.some((e) => e.message.includes('ProgressDeadlineExceeded'))).toBe(false); // the plan ran first
  });

  it('rollout undo goes back to revision 1 and gives it the next revision number', () => {
    const s = scenario(result, 'bad-rollout');
    expect(s.plan?.find((p) => p.command.includes('undo'))?.outcome).toBe('ran');
    expect(s.events.map((e) => e.message)).toContain('ReplicaSet of image ghcr.io/lab-upstream/datasource-backend:1.3.2 is revision 3 now');
    expect(s.pods.filter((p) => p.aliveAtEnd).every((p) => p.image.endsWith(':1.3.2') && p.readyAtEnd)).toBe(true);
  });

  it('without a readiness probe the broken release is Ready, takes traffic, and old pods are scaled down', () => {
    const r = run(edit(D, '          readinessProbe:\n            httpGet:\n              path: /readyz\n              port: http\n            periodSeconds: 5\n            failureThreshold: 2\n', ''));
    const s = scenario(r, 'bad-rollout');
    expect(s.pods.some((p) => p.image.endsWith(':1.4.0') && p.segments.some((g) => g.phase === 'ready'))).toBe(true);
    expect(total(s.series.failed.slice(20, 140))).toBeGreaterThan(0);
  });

  it('a startup probe holds liveness off through a 50 s start; without it liveness kills the container', () => {
    expect(scenario(result, 'slow-start').pods.every((p) => p.restarts.length === 0 && p.readyAtEnd)).toBe(true);
    const r = run(edit(D, '            periodSeconds: 5\n            failureThreshold: 24', '            periodSeconds: 5\n            failureThreshold: 2'));
    const restarts = scenario(r, 'slow-start').pods.flatMap((p) => p.restarts);
    expect(restarts[0]).toMatchObject({ reason: 'Startup', message: expect.stringContaining('startup probe failed 2 times') });
  });

  it('a liveness probe on the upstream restarts every pod during an outage; on /healthz none', () => {
    expect(scenario(result, 'upstream-outage').pods.flatMap((p) => p.restarts)).toEqual([]);
    const r = run(edit(D, '          livenessProbe:\n            httpGet:\n              path: /healthz', '          livenessProbe:\n            httpGet:\n              path: /api/health'));
    const pods = scenario(r, 'upstream-outage').pods.filter((p) => p.restarts.length);
    expect(pods.length).toBeGreaterThanOrEqual(3);
    expect(pods[0].restarts[0].reason).toBe('Liveness');
  });

  it('restarts back off 10 s, doubling, up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffSeconds)).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it('a memory limit below the working set is OOMKilled, exit 137', () => {
    const parsed = simulateKubernetes(edit(D, '              cpu: 500m\n              memory: 256Mi\n            limits:\n              memory: 256Mi', '              cpu: 500m\n              memory: 150Mi\n            limits:\n              memory: 150Mi'));
    const oom = scenario(parsed.result!, 'memory').pods.flatMap((p) => p.restarts).filter((x) => x.reason === 'OOMKilled');
    expect(oom[0].message).toMatch(/passed limits.memory 150 Mi \(exit code 137\)/);
  });

  it('a ConfigMap changed in place reaches no running pod; a versioned one rolls out', () => {
    expect(scenario(result, 'config-change').pods.filter((p) => p.aliveAtEnd).every((p) => p.env.UPSTREAM_URL === 'https://metrics-v2.lab.test')).toBe(true);
    const inPlace = { ...solution, [D]: solution[D].replace('config-v1', 'config'), 'deploy/configmap.yaml': solution['deploy/configmap.yaml'].replace('config-v1', 'config') };
    const s = scenario(run(inPlace), 'config-change');
    expect(s.pods.filter((p) => p.aliveAtEnd).every((p) => p.env.UPSTREAM_URL === 'https://metrics.lab.test')).toBe(true);
    expect(s.events.find((e) => e.source === 'release-tool')?.message).toContain('nothing rolls out');
  });

  it('the HPA scales on CPU over requests, capped by maxReplicas; without a CPU request it cannot', () => {
    const s = scenario(result, 'autoscaling');
    expect(Math.max(...s.series.replicas)).toBe(4);
    expect(Math.max(...s.series.upstreamCalls)).toBeLessThanOrEqual(100);
    const r = run(edit(D, '              cpu: 500m\n', ''));
    const noRequest = scenario(r, 'autoscaling');
    expect(Math.max(...noRequest.series.replicas)).toBe(3);
    expect(noRequest.events.find((e) => e.source === 'horizontal-pod-autoscaler')?.message).toContain('missing request for cpu');
  });

  it('a missing Secret stops the container with CreateContainerConfigError', () => {
    const r = run({ ...solution, 'deploy/secret.yaml': '# none\n' });
    const pod = scenario(r, 'memory').pods[0];
    expect(pod.waiting).toMatch(/^CreateContainerConfigError: secret "lab-upstream-backend-secrets" not found/);
    expect(r.envSources).toEqual([]);
  });
});
