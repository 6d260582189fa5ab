import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';
import { expandGrafanaEnv, interpolateCompose, parseDotEnv } from './interpolate';
import { composeLab } from './lab';

describe('durations', () => {
  it('reads Go-style durations and prints them back', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('10')).toBeUndefined();
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('interpolation', () => {
  it('follows Compose: defaults, required, $$ and unset warnings', () => {
    expect(interpolateCompose('${A:-x}-${B-y}-$$C', { A: '', B: '' }).text).toBe('x--$C');
    expect(interpolateCompose('${A:?set A}', {}).required).toContain('set A');
    expect(interpolateCompose('$MISSING', {}).unset).toEqual(['MISSING']);
  });
  it("follows Grafana: $VAR and ${VAR} from the process environment, unset becomes ''", () => {
    expect(expandGrafanaEnv('k: $A ${B}', { A: '1' })).toEqual({ text: 'k: 1 ', unset: ['B'] });
  });
  it('reads $__env{VAR} in provisioning as Grafana does', () => {
    expect(expandGrafanaEnv('k: $__env{A}', { A: '1' }).text).toBe('k: 1');
  });
  it('reads .env lines with comments and quotes', () => {
    expect(parseDotEnv('# c\nA=1\nB="two words"\nexport C=3 # note\n')).toEqual({ A: '1', B: 'two words', C: '3' });
  });
});

const API = (health: string) => `  api:\n    image: datasource-lab/mock-metrics-api:1.0\n    healthcheck:\n${health}`;
const files = (compose: string) => ({ 'docker-compose.yml': `services:\n${compose}`, '.env': 'METRICS_API_KEY=k1\n' });
const apiRun = (health: string, warmupMs: number) => {
  const { report, errors } = composeLab(files(API(health)), { seed: 7, warmupMs: { 'metrics-api': warmupMs } });
  expect(errors).toEqual([]);
  return report!.services.find((s) => s.name === 'api')!;
};

describe('health checks, with Docker timing', () => {
  it('probes first after interval, and a success makes the container healthy', () => {
    const api = apiRun('      test: ["CMD", "wget", "-q", "http://localhost:9090/-/healthy"]\n      interval: 4s\n', 1000);
    expect(api.probes[0].atMs - api.startedAtMs!).toBe(4000);
    expect(api.healthyAtMs).toBeDefined();
  });
  it('does not count failures during start_period', () => {
    const api = apiRun('      test: ["CMD", "wget", "-q", "http://localhost:9090/-/healthy"]\n      interval: 1s\n      retries: 1\n      start_period: 10s\n', 8000);
    expect(api.unhealthyAtMs).toBeUndefined();
    expect(api.probes.filter((p) => p.exitCode !== 0).every((p) => !p.counted)).toBe(true);
    expect(api.healthyAtMs).toBeDefined();
  });
  it('turns unhealthy after retries counted failures, and healthy again on a later success', () => {
    const api = apiRun('      test: ["CMD", "wget", "-q", "http://localhost:9090/-/healthy"]\n      interval: 1s\n      retries: 2\n', 6000);
    expect(api.unhealthyAtMs).toBeLessThan(api.healthyAtMs!);
  });
  it('exits 127 for a program the image lacks, in both forms', () => {
    const exec = apiRun('      test: ["CMD", "curl", "-f", "http://localhost:9090/-/healthy"]\n      interval: 1s\n', 500);
    expect(exec.probes[0].exitCode).toBe(127);
    const shell = apiRun('      test: curl -f http://localhost:9090/-/healthy\n      interval: 1s\n', 500);
    expect(shell.probes[0].output).toBe('sh: curl: not found');
  });
  it('accepts other honest probes: wget without a scheme, busybox wget, nc -z', () => {
    for (const test of ['test: wget -qO- localhost:9090/-/healthy || exit 1', 'test: ["CMD", "busybox", "wget", "-q", "--spider", "http://localhost:9090/-/healthy"]', 'test: ["CMD-SHELL", "nc -z localhost 9090"]']) {
      expect(apiRun(`      ${test}\n      interval: 2s\n`, 500).healthyAtMs).toBeDefined();
    }
  });
  it('fails a probe that outlasts its timeout', () => {
    const api = apiRun('      test: ["CMD", "wget", "-q", "http://localhost:9090/-/healthy"]\n      interval: 1s\n      timeout: 10ms\n', 500);
    expect(api.probes[0].output).toContain('exceeded timeout');
  });
});

describe('composeLab', () => {
  it('never throws on malformed files; each error has its file and line', () => {
    const broken = { 'docker-compose.yml': 'services:\n  a:\n    image: x\n  b: [', 'provisioning/datasources/ds.yaml': 'a: b\n  c: d\n', 'dash.json': '{ "title": ' };
    const { errors, report } = composeLab(broken, { seed: 1 });
    expect(report).toBeUndefined();
    expect(new Set(errors.map((e) => e.file))).toEqual(new Set(['docker-compose.yml', 'provisioning/datasources/ds.yaml', 'dash.json']));
    for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1);
  });
  it('refuses a dependency on an undefined service at its line', () => {
    const { errors } = composeLab(files('  g:\n    image: grafana/grafana\n    depends_on: [nope]\n'), { seed: 1 });
    expect(errors[0]).toMatchObject({ line: 4 });
    expect(errors[0].message).toContain('undefined service "nope"');
  });
  it("warns, as docker compose does, about the obsolete version key and unset variables", () => {
    const { report } = composeLab({ 'docker-compose.yml': 'version: "3.8"\nservices:\n  g:\n    image: grafana/grafana\n    environment:\n      K: ${NOPE}\n' }, { seed: 1 });
    expect(report!.warnings.map((w) => w.line)).toEqual([1, 6]);
    expect(report!.warnings[1].message).toContain('"NOPE" variable is not set');
  });
  it('is deterministic for the same files and seed', () => {
    const f = files(API('      test: ["CMD", "wget", "-q", "http://localhost:9090/-/healthy"]\n'));
    expect(composeLab(f, { seed: 3 })).toEqual(composeLab(f, { seed: 3 }));
  });
  it('never puts the key in the report', () => {
    const { report } = composeLab(files(API('      test: ["CMD", "wget", "-q", "http://localhost:9090/-/healthy"]\n')), { seed: 3 });
    expect(JSON.stringify(report)).not.toContain('k1');
  });
});

describe('the Week 2 plugin in the stack', () => {
  const solution = async () => (await import('@/lib/labs/load')).loadAllLabs().find((l) => l.meta.artifact?.simulation === 'compose')!.solution;
  const DS = 'provisioning/datasources/datasource.yaml';
  const grafanaWith = async (baseUrl: string) => {
    const files = await solution();
    return composeLab({ ...files, [DS]: files[DS].replace('https://metrics-api:9443', baseUrl) }, { seed: 2 }).report!.grafana!;
  };
  it('reaches the API over https on 9443; the stack API says so without the key', async () => {
    const grafana = await grafanaWith('https://metrics-api:9443');
    expect(grafana.saveAndTest.status).toBe('OK');
    expect(grafana.stackApi).toMatchObject({ jsonData: { baseUrl: 'https://metrics-api:9443' }, keySet: true, keyAccepted: true, pluginLoaded: true, answer: { kind: 'api' } });
    expect(JSON.stringify(grafana)).not.toContain('lab-metrics-key-7f3a9c21');
  });
  it("refuses an http base URL as the Week 2 settings reader does, though the address answers", async () => {
    const grafana = await grafanaWith('http://metrics-api:9090');
    expect(grafana.datasourceReach?.ok).toBe(true);
    expect(grafana.saveAndTest).toMatchObject({ status: 'ERROR', message: expect.stringContaining('baseUrl must be an https URL') });
    expect(grafana.dashboards[0].panels[0].ok).toBe(false);
  });
  it('answers a plain request on the TLS port with 400, and fails https on the plain port', async () => {
    expect((await grafanaWith('http://metrics-api:9443')).datasourceReach?.outcome).toBe('HTTP 400 (Client sent an HTTP request to an HTTPS server.)');
    const tlsOnPlain = await grafanaWith('https://metrics-api:9090');
    expect(tlsOnPlain.datasourceReach?.outcome).toContain('TLS handshake failed');
    expect(tlsOnPlain.stackApi?.answer).toMatchObject({ kind: 'error', message: expect.stringContaining('TLS handshake failed') });
  });
  it("does not read Grafana's url field: the plugin has no address without jsonData.baseUrl", async () => {
    const files = await solution();
    const withUrl = files[DS].replace(/    jsonData:\n(?:      .*\n)+/, '    url: https://metrics-api:9443\n');
    const grafana = composeLab({ ...files, [DS]: withUrl }, { seed: 2 }).report!.grafana!;
    expect(grafana.datasource?.url).toBe('https://metrics-api:9443');
    expect(grafana.datasourceReach).toMatchObject({ ok: false, outcome: expect.stringContaining("Grafana's url field") });
    expect(grafana.stackApi?.answer).toEqual({ kind: 'no-url' });
  });
});

describe('robustness', () => {
  it('never throws, whatever line of the solution is cut or doubled', async () => {
    const { loadAllLabs } = await import('@/lib/labs/load');
    const lab = loadAllLabs().find((l) => l.meta.artifact?.simulation === 'compose')!;
    for (const file of Object.keys(lab.solution).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const lines = lab.solution[file].split('\n');
      for (let i = 0; i < lines.length; i++) {
        for (const changed of [[...lines.slice(0, i), ...lines.slice(i + 1)], [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)], [...lines.slice(0, i), `  ${lines[i]}`, ...lines.slice(i + 1)]]) {
          const files = { ...lab.solution, [file]: changed.join('\n') };
          const out = composeLab(files, { seed: i });
          for (const e of out.errors) expect(e.line).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });
});
