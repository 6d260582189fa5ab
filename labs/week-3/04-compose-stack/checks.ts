/**
 * Checks for "Grafana, the plugin and a mock API in Docker Compose". Each one runs the
 * learner's project through the `docker compose up` model (lib/simulations/compose)
 * and asserts on what happened: which containers started when, what each health check
 * answered, what a browser on the host reaches, what Grafana loaded and provisioned,
 * and what Save & test and the dashboard's panel got back over the stack's network,
 * modelled on the reference Week 2 plugin's requests. The learner's own Week 2 code also
 * runs against the stack after a Run (the results' "Your Week 2 code" tab), but no check
 * reads it: an unfinished Week 2 must not fail this lab (docs/decisions/0008).
 * Services are found by the image they run, never by name, and no check reads the
 * YAML's text: any spelling Compose and Grafana accept passes when the stack behaves.
 */
import { fail } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { ArtifactCheckContext, SimulateOptions } from '@/lib/kinds/artifact/record';
import type { ComposeResult, ComposeService } from '@/lib/kinds/artifact/compose/result';

type Context = ArtifactCheckContext<ComposeResult>;

/** The host port the README asks for Grafana on (3000 is taken by the frontend's dev server). */
const GRAFANA_HOST_PORT = 3300;
/** The slowest warm-up of the mock API, so a health check that gives up early shows it. */
const SLOW_API = { warmupMs: { 'metrics-api': 12_000 } };

async function stack(ctx: Context, options?: SimulateOptions): Promise<ComposeResult> {
  const record = await ctx.simulate(options);
  if (!record.parse.ok) {
    const e = record.parse.errors[0];
    fail('files docker compose accepts', `${e.file}:${e.line}: ${e.message}`);
  }
  if (record.simulation?.simulation !== 'compose') fail('a simulated docker compose up', record.engineError ?? 'the simulation did not run');
  return record.simulation;
}

function serviceOf(result: ComposeResult, role: ComposeService['role'], what: string): ComposeService {
  const s = result.services.find((x) => x.role === role);
  if (!s) fail(`a service running ${what}`, `no service uses that image (services: ${result.services.map((x) => `${x.name} (${x.image})`).join(', ') || 'none'})`);
  return s;
}

const secs = (ms?: number) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

function grafanaOf(result: ComposeResult) {
  serviceOf(result, 'grafana', 'grafana/grafana');
  if (!result.grafana?.started) fail('Grafana running', `Grafana never started: ${result.up.message}`);
  return result.grafana;
}

/** Save & test on the provisioned data source, with the stack as it is after `up`. */
async function saveAndTest(ctx: Context, options?: SimulateOptions) {
  const grafana = grafanaOf(await stack(ctx, options));
  if (!grafana.datasource) fail('a provisioned data source of the plugin', grafana.saveAndTest.message);
  return grafana.saveAndTest;
}

const checks: LabCheck<Context>[] = [
  {
    id: 'grafana-on-host-port',
    task: 1,
    title: `A browser on your machine reaches Grafana at localhost:${GRAFANA_HOST_PORT}`,
    hint: 'A published port is HOST:CONTAINER. Grafana listens on 3000 inside its container; the host side is the port you type in the browser.',
    async run(ctx) {
      const result = await stack(ctx);
      const grafana = serviceOf(result, 'grafana', 'grafana/grafana');
      const port = result.hostPorts.find((p) => p.host === GRAFANA_HOST_PORT);
      if (!port) fail(`host port ${GRAFANA_HOST_PORT} published to Grafana`, `published host ports: ${result.hostPorts.map((p) => `${p.host} → ${p.service}:${p.container}`).join(', ') || 'none'}`);
      if (port.service !== grafana.name || !port.answers) fail(`localhost:${GRAFANA_HOST_PORT} answered by Grafana`, port.message);
    },
  },
  {
    id: 'plugin-loads',
    task: 2,
    title: 'Grafana finds the built plugin in its plugins folder and loads it',
    hint: 'Bind-mount ./dist into a folder under /var/lib/grafana/plugins, and list the plugin id in GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: a development build is not signed.',
    async run(ctx) {
      const grafana = grafanaOf(await stack(ctx));
      if (!grafana.plugin.loaded) fail('the plugin loaded', grafana.plugin.message);
    },
  },
  {
    id: 'api-healthy',
    task: 3,
    title: 'The mock API turns healthy, even when it takes its slowest time to warm up',
    hint: "The health check runs inside the API's container: use a tool its image has (it has wget, not curl), call its own port, and give it a start_period long enough for a slow start.",
    async run(ctx) {
      for (const options of [undefined, SLOW_API]) {
        const api = serviceOf(await stack(ctx, options), 'metrics-api', 'datasource-lab/mock-metrics-api');
        if (!api.healthcheck) fail('a health check on the API service', 'the service has none, so Docker never reports it healthy');
        if (api.healthyAtMs === undefined || (api.unhealthyAtMs !== undefined && api.unhealthyAtMs < api.healthyAtMs)) {
          const last = api.probes.filter((p) => p.exitCode !== 0).at(-1);
          fail(
            `the API healthy${options ? ' after a 12 s warm-up' : ''}`,
            api.unhealthyAtMs !== undefined ? `unhealthy at ${secs(api.unhealthyAtMs)}; last probe exited ${last?.exitCode}: ${last?.output}` : `never healthy; last probe exited ${last?.exitCode ?? '-'}: ${last?.output ?? 'no probe ran'}`,
          );
        }
      }
    },
  },
  {
    id: 'grafana-waits-for-api',
    task: 4,
    title: "Grafana's container starts only once the API is healthy",
    hint: 'A plain depends_on list only waits for the container to start. Use the long form with condition: service_healthy.',
    async run(ctx) {
      const result = await stack(ctx, SLOW_API);
      const api = serviceOf(result, 'metrics-api', 'datasource-lab/mock-metrics-api');
      const grafana = serviceOf(result, 'grafana', 'grafana/grafana');
      // Grafana held back because the API never got healthy is waiting, as asked (api-healthy reports why).
      if (grafana.startedAtMs === undefined) return;
      if (api.healthyAtMs === undefined || grafana.startedAtMs < api.healthyAtMs) {
        fail('Grafana started after the API was healthy', `Grafana started at ${secs(grafana.startedAtMs)}, the API was healthy at ${secs(api.healthyAtMs)}`);
      }
    },
  },
  {
    id: 'datasource-reaches-api',
    task: 5,
    title: "The provisioned data source's base URL reaches the API from inside Grafana's container",
    hint: "The plugin reads its address from jsonData.baseUrl (not Grafana's url field). Inside a container, localhost is that container: use the API's service name and the port it listens on in its container (9443 for https), not a port published to your machine.",
    async run(ctx) {
      const grafana = grafanaOf(await stack(ctx));
      const reach = grafana.datasourceReach;
      if (!grafana.datasource || !reach) fail('a provisioned data source of the plugin', grafana.saveAndTest.message);
      if (!reach.ok) fail(`${reach.request} answered by the API`, reach.outcome);
    },
  },
  {
    id: 'secret-from-env',
    task: 5,
    title: 'The API key comes from the environment: after a new key in .env, nothing else needs editing',
    hint: "Write no key in a committed file. Pass it from .env into Grafana's environment (${METRICS_API_KEY} in docker-compose.yml), then refer to it in the provisioning file the same way.",
    async run(ctx) {
      const rotated = 'rotated-key-' + 'b81d40e6';
      // The team rotates the key: a new one in .env, nothing else edited.
      const test = await saveAndTest(ctx, { dotenv: { METRICS_API_KEY: rotated } });
      if (test.status !== 'OK') fail('Save & test OK after the key in the environment changed', test.message);
    },
  },
  {
    id: 'save-and-test',
    task: 5,
    title: 'Save & test on the provisioned data source is OK',
    hint: 'Save & test checks the API is up and accepts the key. The plugin accepts only an https base URL (the API serves https on 9443), and every $VAR in a provisioning file must be set in Grafana\'s container, or it becomes an empty string.',
    async run(ctx) {
      const test = await saveAndTest(ctx);
      if (test.status !== 'OK') fail('Save & test: OK', `${test.status}: ${test.message}`);
    },
  },
  {
    id: 'dashboard-panel',
    task: 6,
    title: "The dashboard is provisioned and its panel queries the plugin's data source",
    hint: "The provider's options.path is a folder inside Grafana's container, and the panel's datasource.uid must be the uid of the provisioned data source.",
    async run(ctx) {
      const grafana = grafanaOf(await stack(ctx));
      const dashboards = grafana.dashboards.filter((d) => d.panels.length > 0);
      if (!dashboards.length) fail('a provisioned dashboard with a panel', grafana.logs.map((l) => l.message).join('\n') || 'no dashboard provider found any dashboard');
      const bad = dashboards.flatMap((d) => d.panels.filter((p) => !p.ok).map((p) => `${d.title} / ${p.title}: ${p.outcome}`));
      if (bad.length) fail('every panel answered by the API through the plugin', bad.join('\n'));
    },
  },
];

export default checks;
