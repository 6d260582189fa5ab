/**
 * Reading the manifests: YAML errors, schema errors and the API server's own refusals
 * are file errors at the learner's line, never a throw; defaults are filled in as the
 * API server fills them.
 */
import { describe, expect, it } from 'vitest';
import { resolveIntOrPercent } from './build';
import { parseManifests } from './manifests';
import { parseQuantity } from './quantity';
import { labFiles } from './test-files';

const solution = labFiles('solution');
const D = 'deploy/deployment.yaml';
const edit = (from: string, to: string) => ({ ...solution, [D]: solution[D].replace(from, to) });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseManifests', () => {
  it('reads the solution into one Deployment with its probes, resources and env', () => {
    const { errors, cluster } = parseManifests(solution);
    expect(errors).toEqual([]);
    const c = cluster!.deployment.template.containers[0];
    expect(cluster!.deployment).toMatchObject({ name: 'lab-upstream-backend', namespace: 'default', replicas: 3, revisionHistoryLimit: 5 });
    expect(c.startupProbe).toMatchObject({ path: '/healthz', periodSeconds: 5, failureThreshold: 24, timeoutSeconds: 1 });
    expect(c.limits.memory).toBe(256 * 1024 * 1024);
    expect(c.requests.cpu).toBe(0.5);
    expect(cluster!.secrets[0].data.UPSTREAM_API_KEY).toBe('lab-key-4f9c1e7a2b');
    expect(cluster!.hpa).toMatchObject({ minReplicas: 3, maxReplicas: 4, cpuTargetPercent: 80 });
  });

  it('a YAML syntax error is reported at its line', () => {
    const broken = edit('    matchLabels:', '    matchLabels: [');
    const { errors, cluster } = parseManifests(broken);
    expect(cluster).toBeUndefined();
    expect(errors[0].file).toBe(D);
    expect(errors[0].line).toBeGreaterThanOrEqual(lineOf(broken[D], 'matchLabels: ['));
  });

  it('a field of the wrong type is refused by the Kubernetes schema, at that field', () => {
    const broken = edit('replicas: 3', 'replicas: three');
    const { errors } = parseManifests(broken);
    expect(errors).toEqual([expect.objectContaining({ file: D, line: lineOf(broken[D], 'replicas: three'), message: expect.stringContaining('spec.replicas must be integer') })]);
  });

  it('a missing required field is named', () => {
    const broken = edit('        - name: backend\n          image:', '        - image:');
    expect(parseManifests(broken).errors[0].message).toMatch(/containers\.0 needs name/);
  });

  it('refuses what the API server refuses beyond the schema, at the line', () => {
    const selector = parseManifests(edit('      app: lab-upstream-backend\n  template', '      app: other\n  template'));
    expect(selector.errors[0].message).toContain('selector does not match template labels');
    const zero = parseManifests(edit('maxSurge: 1', 'maxSurge: 0'));
    expect(zero.errors[0].message).toContain('may not be 0 when maxSurge is 0');
    const over = parseManifests(edit('              memory: 256Mi\n            limits:', '              memory: 512Mi\n            limits:'));
    expect(over.errors[0].message).toContain('requests.memory is above limits.memory');
  });

  it("refuses an unknown field at its line, as kubectl's strict validation does", () => {
    const broken = edit('          readinessProbe:', '          readinessProbes:');
    expect(parseManifests(broken).errors).toEqual([
      expect.objectContaining({ line: lineOf(broken[D], 'readinessProbes:'), message: expect.stringContaining('unknown field "spec.template.spec.containers[0].readinessProbes"') }),
    ]);
    const typo = edit('            periodSeconds: 10', '            periodSecond: 10');
    expect(parseManifests(typo).errors[0].message).toContain('livenessProbe.periodSecond');
  });

  it('names the right apiVersion and the kinds it applies', () => {
    expect(parseManifests(edit('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1')).errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('apps/v1') });
    expect(parseManifests({ ...solution, 'deploy/extra.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n' }).errors[0].message).toContain('kind Pod is not one this lab applies');
  });

  it('accepts one multi-document file as well as one file per object', () => {
    const joined = ['deploy/deployment.yaml', 'deploy/service.yaml', 'deploy/configmap.yaml', 'deploy/secret.yaml', 'deploy/hpa.yaml'].map((p) => solution[p]).join('---\n');
    const { errors, cluster } = parseManifests({ 'deploy/all.yaml': joined });
    expect(errors).toEqual([]);
    expect(cluster?.service?.name).toBe('lab-upstream-backend');
  });

  it('never throws on garbage', () => {
    for (const text of ['', '\u0000\u0001', '[', '- a\n- b', 'kind: Deployment', '{{{', ': :', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: 7\nspec: []']) {
      const { errors } = parseManifests({ [D]: text });
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('quantities and IntOrString', () => {
  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('1')).toBe(1);
    expect(parseQuantity('256Mi')).toBe(256 * 1024 ** 2);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('12e3')).toBe(12000);
    expect(parseQuantity('lots')).toBeUndefined();
  });

  it('rounds maxSurge up and maxUnavailable down, as the Deployment controller does', () => {
    expect(resolveIntOrPercent('25%', 3, true)).toBe(1);
    expect(resolveIntOrPercent('25%', 3, false)).toBe(0);
    expect(resolveIntOrPercent(2, 3, false)).toBe(2);
  });
});
