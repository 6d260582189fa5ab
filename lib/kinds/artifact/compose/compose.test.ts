import { describe, expect, it } from 'vitest';
import { runArtifactEngine } from '../engine';
import { artifactRunRecordSchema } from '../record';
import artifactKind from '../index';
import { loadAllLabs } from '@/lib/labs/load';

const lab = loadAllLabs().find((l) => l.meta.artifact?.simulation === 'compose')!;
const artifact = lab.meta.artifact!;

describe('the compose simulation through the artifact engine', () => {
  it("produces a record the page's schema accepts, for the starter and the solution", async () => {
    for (const files of [lab.starter, lab.solution]) {
      const record = await runArtifactEngine({ artifact, files });
      expect(record.engineError).toBeUndefined();
      expect(() => artifactRunRecordSchema.parse(record)).not.toThrow();
    }
  });
  it('turns a key the Compose schema refuses into one blocking message at its line', async () => {
    const files = { ...lab.solution, 'docker-compose.yml': lab.solution['docker-compose.yml'].replace('    healthcheck:', '    health_check:') };
    const record = await runArtifactEngine({ artifact, files });
    expect(record.parse.ok).toBe(false);
    const line = files['docker-compose.yml'].split('\n').findIndex((l) => l.includes('health_check')) + 1;
    expect(record.parse.errors[0]).toMatchObject({ file: 'docker-compose.yml', line });
    expect(artifactKind.blockingError(record as never)).toContain(`docker-compose.yml:${line}:`);
  });
  it('reports bad YAML in a provisioning file at its line, keeping the run alive', async () => {
    const files = { ...lab.solution, 'provisioning/datasources/datasource.yaml': 'apiVersion: 1\ndatasources:\n  - name: x\n   type: y\n' };
    const record = await runArtifactEngine({ artifact, files });
    expect(record.parse.ok).toBe(false);
    expect(record.parse.errors[0].file).toBe('provisioning/datasources/datasource.yaml');
    expect(record.engineError).toBeUndefined();
  });
  it('honours the dotenv option: a key rotated in .env reaches Save & test, also through env_file', async () => {
    const viaEnvFile = { ...lab.solution, 'docker-compose.yml': lab.solution['docker-compose.yml'].replace('      METRICS_API_KEY: ${METRICS_API_KEY}\n', '').replace('    environment:', '    env_file: .env\n    environment:') };
    for (const files of [lab.solution, viaEnvFile]) {
      const record = await runArtifactEngine({ artifact, files, options: { dotenv: { METRICS_API_KEY: 'another' } } });
      expect(record.simulation?.simulation === 'compose' && record.simulation.grafana?.saveAndTest.status).toBe('OK');
    }
  });
  it('follows single-file bind mounts into Grafana', async () => {
    const mounts = [
      './provisioning/datasources/datasource.yaml:/etc/grafana/provisioning/datasources/lab.yaml',
      './provisioning/dashboards/dashboard.yaml:/etc/grafana/provisioning/dashboards/lab.yaml',
      './provisioning/dashboards/metrics.json:/etc/grafana/provisioning/dashboards/metrics.json',
    ].map((m) => `      - ${m}`).join('\n');
    const files = { ...lab.solution, 'docker-compose.yml': lab.solution['docker-compose.yml'].replace('      - ./provisioning:/etc/grafana/provisioning:ro', mounts) };
    const record = await runArtifactEngine({ artifact, files });
    const grafana = record.simulation?.simulation === 'compose' ? record.simulation.grafana : null;
    expect(grafana?.saveAndTest.status).toBe('OK');
    expect(grafana?.dashboards[0]?.panels[0]?.ok).toBe(true);
  });
  it('loads the unsigned plugin in development mode too, and not otherwise', async () => {
    const without = lab.solution['docker-compose.yml'].replace('      GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: lab-metrics-datasource\n', '');
    for (const [compose, loaded] of [[without, false], [without.replace('    environment:\n', '    environment:\n      GF_DEFAULT_APP_MODE: development\n'), true]] as const) {
      const record = await runArtifactEngine({ artifact, files: { ...lab.solution, 'docker-compose.yml': compose } });
      expect(record.simulation?.simulation === 'compose' && record.simulation.grafana?.plugin.loaded).toBe(loaded);
    }
  });
  it('honours the env option: a rotated key reaches Save & test through the environment', async () => {
    const record = await runArtifactEngine({ artifact, files: lab.solution, options: { env: { METRICS_API_KEY: 'another' } } });
    expect(record.simulation?.simulation === 'compose' && record.simulation.grafana?.saveAndTest.status).toBe('OK');
  });
});
