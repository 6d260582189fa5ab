/**
 * The `kubernetes` simulation through the artifact engine: the record is plain data the
 * Worker protocol accepts, a manifest that is not YAML or that the API server refuses is
 * an error at its line (markers for the editor, one blocking message for the checks),
 * and the view's picture input is there for every scenario.
 */
import { describe, expect, it } from 'vitest';
import { labFiles } from '@/lib/simulations/kubernetes/test-files';
import { runArtifactEngine } from '../engine';
import { artifactMarkers } from '../markers';
import { workerResponseSchema } from '../worker-protocol';
import kind from '../index';
import { kubernetesResultSchema, SCENARIO_IDS } from './result';

const artifact = { simulation: 'kubernetes' as const, file: 'deploy/deployment.yaml', seed: 1 };
const solution = labFiles('solution');

describe('kubernetes simulation', () => {
  it('gives a record of plain data that the Worker protocol accepts, with every scenario', async () => {
    const record = await runArtifactEngine({ artifact, files: solution });
    expect(record.parse).toEqual({ ok: true, errors: [] });
    expect(workerResponseSchema.safeParse({ id: 1, ok: true, record }).success).toBe(true);
    const result = kubernetesResultSchema.parse(record.simulation);
    expect(result.scenarios.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    for (const s of result.scenarios) {
      expect(s.series.failed).toHaveLength(s.duration);
      expect(s.pods.length).toBeGreaterThan(0);
    }
    // The API key's value never leaves the engine.
    expect(JSON.stringify(record)).not.toContain('lab-key-4f9c1e7a2b');
  });

  it('another seed renames pods, and nothing else', async () => {
    const a = kubernetesResultSchema.parse((await runArtifactEngine({ artifact, files: solution, options: { seed: 1 } })).simulation);
    const b = kubernetesResultSchema.parse((await runArtifactEngine({ artifact, files: solution, options: { seed: 2 } })).simulation);
    expect(a.scenarios[0].pods[0].name).not.toBe(b.scenarios[0].pods[0].name);
    expect(a.scenarios.map((s) => s.series)).toEqual(b.scenarios.map((s) => s.series));
  });

  it('a manifest that is not YAML is an error at its line: markers, and one blocking message', async () => {
    const files = { ...solution, 'deploy/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   bad: indent\n' };
    const record = await runArtifactEngine({ artifact, files });
    expect(record.parse.ok).toBe(false);
    expect(record.simulation).toBeNull();
    expect(record.parse.errors[0]).toMatchObject({ file: 'deploy/service.yaml', line: expect.any(Number) });
    expect(artifactMarkers(record)[0]).toMatchObject({ path: 'deploy/service.yaml', severity: 'error' });
    expect(kind.blockingError(record)).toMatch(/^deploy\/service\.yaml:\d+:\d+: .*the checks need manifests that parse and that the Kubernetes API server would accept\.$/);
  });

  it('binary garbage and an empty deployment give errors, not a throw', async () => {
    for (const text of ['', '\u0000\u0001', '[', 'a: b: c']) {
      const record = await runArtifactEngine({ artifact, files: { ...solution, 'deploy/deployment.yaml': text } });
      expect(record.engineError).toBeUndefined();
      expect(record.parse.ok).toBe(false);
    }
  });
});
