/**
 * What Grafana does with the stack once its container is up, modelled on Grafana's
 * provisioning and plugin loading (Grafana docs: "Provision Grafana", "Plugin
 * signatures"): it reads provisioning files from GF_PATHS_PROVISIONING
 * (/etc/grafana/provisioning) and plugins from GF_PATHS_PLUGINS
 * (/var/lib/grafana/plugins) inside its container, so only files bind-mounted there
 * exist for it; `$VAR` / `${VAR}` in provisioning files come from its container's
 * environment; an unsigned plugin loads only when
 * GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS lists its id or Grafana runs in development
 * mode (GF_DEFAULT_APP_MODE=development).
 *
 * The plugin is the Week 2 one: it reads its address from `jsonData.baseUrl` (an https
 * URL, or it refuses the settings; Grafana's top-level `url` field is not read) and its
 * key from `secureJsonData.apiKey` (labs/week-2/02-config-and-secret). Save & test and the
 * dashboard panel here are modelled on the course's reference Week 2 code (labs/week-2/
 * 03-health-check and 02-config-and-secret solutions): Save & test probes
 * `<baseUrl>/-/healthy`, then `<baseUrl>/api/v1/status/buildinfo` with the key; a panel's
 * query asks `<baseUrl>/api/v1/query_range` with the key. The requests go over the
 * simulated network from Grafana's container. These are what the checks grade; the
 * learner's own Week 2 code runs after the simulation, in the page (lib/kinds/artifact/
 * compose/payoff.ts), against `stackApi`: how the API answered at that moment.
 */
import { parse as parseYaml } from 'yaml';
import { expandGrafanaEnv } from './interpolate';
import { GRAFANA_PLUGINS_DIR, GRAFANA_PROVISIONING_DIR, PLUGIN_ID } from './images';
import type { ServiceModel } from './model';
import { httpFrom, type HttpOutcome, type Network } from './network';

export interface HttpStep {
  /** e.g. "GET http://metrics-api:9090/-/healthy". */
  request: string;
  outcome: string;
  ok: boolean;
}

export interface ProvisionedDatasource {
  file: string;
  line: number;
  name: string;
  type: string;
  uid: string;
  /** Grafana's own `url` field: shown, but this plugin does not read it. */
  url: string;
  /** `jsonData.baseUrl`, where the plugin sends its requests ('' when not set). */
  baseUrl: string;
  isDefault: boolean;
  /** Where the secret came from: an environment variable, written in the file, or nowhere. */
  apiKeySource: 'environment' | 'file' | 'missing';
  /** Variables the file names that Grafana's environment lacks (they became ""). */
  unsetVariables: string[];
  /** Whether a key value arrived (never the value). */
  apiKeySet: boolean;
}

export interface PanelRender {
  title: string;
  datasourceUid?: string;
  /** The provisioned data source the panel resolved to, by uid (or default). */
  resolvedTo?: string;
  query: string;
  /** The panel's first target as the dashboard holds it: the query JSON Grafana sends the plugin. */
  target: Record<string, unknown>;
  request?: string;
  outcome: string;
  ok: boolean;
}

export interface GrafanaReport {
  /** Grafana's container ran and its process became ready. */
  started: boolean;
  plugin: { found: boolean; loaded: boolean; message: string };
  datasources: ProvisionedDatasource[];
  /** The plugin's data source (type = plugin id), if provisioned. */
  datasource?: ProvisionedDatasource;
  /** GET <its url>/-/healthy from Grafana's container: does the URL reach the API at all (no plugin or key involved). */
  datasourceReach?: HttpStep;
  saveAndTest: { status: 'OK' | 'ERROR' | 'not-run'; message: string; steps: HttpStep[]; atMs?: number };
  /**
   * How the plugin's upstream answers from Grafana's container when Save & test is
   * pressed, for running Week 2 code against it: the data source's settings (the key as
   * whether it is set and accepted, never its value) and what `baseUrl`'s origin is.
   * Absent when Grafana did not start or no data source of the plugin was provisioned.
   */
  stackApi?: StackApi;
  dashboards: { file: string; title: string; uid?: string; panels: PanelRender[] }[];
  /** Problems Grafana logs while provisioning (file, line, message). */
  logs: { file?: string; line?: number; message: string }[];
}

/** What answers at the data source's `baseUrl` from inside Grafana's container, at `atMs`. */
export interface StackApi {
  /** The provisioned `jsonData` (no secrets live there). */
  jsonData: Record<string, unknown>;
  /** A key reached Grafana (secureJsonData.apiKey is not empty). */
  keySet: boolean;
  /** The key Grafana holds is the one the API accepts. */
  keyAccepted: boolean;
  /** The plugin loaded, so Grafana can call it at all. */
  pluginLoaded: boolean;
  /** `baseUrl`'s origin answers as: the metrics API, another server's status, or a network error. */
  answer: { kind: 'api' } | { kind: 'status'; status: number; message: string } | { kind: 'error'; message: string } | { kind: 'no-url' };
  atMs: number;
}

export interface GrafanaInput {
  net: Network;
  grafana: ServiceModel;
  /** Lab files by project path. */
  files: Record<string, string>;
  readyAtMs?: number;
  /** When the learner presses Save & test: after everything in the stack is up. */
  testAtMs: number;
}

/** The project file a container path maps to through the service's bind mounts, if any. */
export function hostPathOf(service: ServiceModel, containerPath: string): string | undefined {
  const mount = [...service.mounts].sort((a, b) => b.target.length - a.target.length).find((m) => containerPath === m.target || containerPath.startsWith(`${m.target}/`));
  if (!mount) return undefined;
  const rest = containerPath.slice(mount.target.length).replace(/^\//, '');
  const joined = [mount.source === '.' ? '' : mount.source, rest].filter(Boolean).join('/');
  return joined;
}

/** Project files visible under a container directory, as container path → project path. */
function filesUnder(service: ServiceModel, files: Record<string, string>, dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const mount of service.mounts) {
    const prefix = mount.source === '.' ? '' : `${mount.source}/`;
    for (const path of Object.keys(files)) {
      if (mount.source !== '.' && path !== mount.source && !path.startsWith(prefix)) continue;
      const containerPath = path === mount.source ? mount.target : `${mount.target}/${path.slice(prefix.length)}`;
      if (containerPath.startsWith(`${dir.replace(/\/+$/, '')}/`) && hostPathOf(service, containerPath) === path) out.push([containerPath, path]);
    }
  }
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const outcomeText = (out: HttpOutcome) => (out.status !== undefined ? `HTTP ${out.status}${out.error ? ` (${out.error})` : ''}` : (out.error ?? 'no answer'));

/**
 * The reference Week 2 settings reader (labs/week-2/02-config-and-secret, settings.ts):
 * `jsonData.baseUrl` must be an https URL; its message, word for word.
 */
function readSettings(ds: ProvisionedDatasource): { ok: true } | { ok: false; message: string } {
  const text = ds.baseUrl.trim();
  let https = false;
  try {
    https = new URL(text).protocol === 'https:';
  } catch {
    https = false;
  }
  if (https) return { ok: true };
  return { ok: false, message: "The data source setting baseUrl must be an https URL such as https://prometheus.lab.test. Fix it on the data source's settings page." };
}

function noBaseUrl(ds: ProvisionedDatasource): string {
  return `not set: the plugin reads its address from jsonData.baseUrl${ds.url ? ` (Grafana's url field, ${ds.url}, is not read by this plugin)` : ''}`;
}

function lineOfText(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return i < 0 ? 1 : text.slice(0, i).split('\n').length;
}

export function grafanaReport({ net, grafana, files, readyAtMs, testAtMs }: GrafanaInput): GrafanaReport {
  const env = grafana.environment;
  const report: GrafanaReport = { started: readyAtMs !== undefined, plugin: { found: false, loaded: false, message: '' }, datasources: [], saveAndTest: { status: 'not-run', message: '', steps: [] }, dashboards: [], logs: [] };
  if (readyAtMs === undefined) {
    report.plugin.message = 'Grafana never started.';
    report.saveAndTest.message = 'Grafana never started, so there is no data source to test.';
    return report;
  }
  const pluginsDir = env.GF_PATHS_PLUGINS || GRAFANA_PLUGINS_DIR;
  const provisioningDir = env.GF_PATHS_PROVISIONING || GRAFANA_PROVISIONING_DIR;

  // Plugins: every plugin.json under the plugins directory.
  const pluginJsons = filesUnder(grafana, files, pluginsDir).filter(([c]) => c.endsWith('/plugin.json'));
  const ours = pluginJsons.find(([, p]) => {
    try {
      return (JSON.parse(files[p]) as { id?: string }).id === PLUGIN_ID;
    } catch {
      return false;
    }
  });
  const allowed = (env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS ?? '').split(',').map((s) => s.trim());
  if (!ours) report.plugin = { found: false, loaded: false, message: `No plugin.json with id ${PLUGIN_ID} under ${pluginsDir} in the Grafana container: mount the built plugin (dist/) into a folder there.` };
  // In development mode Grafana skips signature checks (the create-plugin template's compose file relies on it).
  else if (env.GF_DEFAULT_APP_MODE === 'development') report.plugin = { found: true, loaded: true, message: `Loaded ${PLUGIN_ID} from ${ours[0].replace(/\/plugin\.json$/, '')} (unsigned; GF_DEFAULT_APP_MODE=development skips signature checks).` };
  else if (!allowed.includes(PLUGIN_ID)) report.plugin = { found: true, loaded: false, message: `Found ${ours[0]}, but the plugin is unsigned and GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS does not list ${PLUGIN_ID}: Grafana skips it ("plugin is unsigned").` };
  else report.plugin = { found: true, loaded: true, message: `Loaded ${PLUGIN_ID} from ${ours[0].replace(/\/plugin\.json$/, '')} (unsigned, allowed by GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).` };

  // Data sources. Keys stay here, out of the report: only whether one arrived is shown.
  const keys = new Map<ProvisionedDatasource, string>();
  const jsonDatas = new Map<ProvisionedDatasource, Record<string, unknown>>();
  const yamlFiles = (dir: string) => filesUnder(grafana, files, `${provisioningDir}/${dir}`).filter(([c]) => /\.ya?ml$/.test(c) && c.split('/').length === `${provisioningDir}/${dir}`.split('/').length + 1);
  for (const [, path] of yamlFiles('datasources')) {
    const expanded = expandGrafanaEnv(files[path], env);
    let doc: unknown;
    try {
      doc = parseYaml(expanded.text);
    } catch (err) {
      report.logs.push({ file: path, message: `could not parse after expanding variables: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const list = isObj(doc) && Array.isArray(doc.datasources) ? doc.datasources : [];
    for (const raw of list) {
      if (!isObj(raw)) continue;
      const name = String(raw.name ?? '');
      const secure = isObj(raw.secureJsonData) ? raw.secureJsonData : {};
      const rawKeyLine = files[path].split('\n').find((l) => /^\s*apiKey\s*:/.test(l)) ?? '';
      const apiKey = secure.apiKey === undefined || secure.apiKey === null ? '' : String(secure.apiKey);
      const fromEnv = /\$\{?[A-Za-z_]/.test(rawKeyLine);
      const jsonData = isObj(raw.jsonData) ? raw.jsonData : {};
      const ds: ProvisionedDatasource = {
        file: path,
        line: lineOfText(files[path], `name: ${name}`),
        name,
        type: String(raw.type ?? ''),
        uid: String(raw.uid ?? ''),
        url: raw.url === undefined || raw.url === null ? '' : String(raw.url),
        baseUrl: typeof jsonData.baseUrl === 'string' ? jsonData.baseUrl : '',
        isDefault: raw.isDefault === true,
        apiKeySource: !rawKeyLine ? 'missing' : fromEnv ? 'environment' : 'file',
        unsetVariables: expanded.unset,
        apiKeySet: apiKey !== '',
      };
      for (const v of expanded.unset) report.logs.push({ file: path, line: lineOfText(files[path], v), message: `$${v} is not set in Grafana's environment, so it became an empty string` });
      report.datasources.push(ds);
      keys.set(ds, apiKey);
      jsonDatas.set(ds, jsonData);
    }
  }
  const ds = report.datasources.find((d) => d.type === PLUGIN_ID);
  const key = (ds && keys.get(ds)) ?? '';
  report.datasource = ds;

  // Save & test, as the reference Week 2 CheckHealth does it.
  const call = (url: string, withKey: boolean): { step: HttpStep; out: HttpOutcome } => {
    const out = httpFrom(net, grafana, url, testAtMs, withKey ? { Authorization: `Bearer ${key}` } : {});
    return { step: { request: `GET ${url}${withKey ? ' (Authorization: Bearer ••••)' : ''}`, outcome: outcomeText(out), ok: out.status === 200 }, out };
  };
  const settings = ds ? readSettings(ds) : undefined;
  const base = ds?.baseUrl.trim().replace(/\/+$/, '') ?? '';
  if (ds) report.datasourceReach = base ? call(`${base}/-/healthy`, false).step : { request: 'jsonData.baseUrl', outcome: noBaseUrl(ds), ok: false };
  if (ds) {
    const probe = base ? httpFrom(net, grafana, `${base}/-/healthy`, testAtMs) : undefined;
    const reached = probe?.reached ? net.services.find((s) => s.name === probe.reached)?.image.role : undefined;
    report.stackApi = {
      // A key written into jsonData by mistake stays out of the report too.
      jsonData: JSON.parse(JSON.stringify(jsonDatas.get(ds) ?? {}, (_k, v: unknown) => (key && v === key ? '••••' : v))) as Record<string, unknown>,
      keySet: key !== '',
      keyAccepted: key !== '' && key === net.acceptedKey,
      pluginLoaded: report.plugin.loaded,
      answer: !probe ? { kind: 'no-url' } : probe.status === undefined ? { kind: 'error', message: probe.error ?? 'no answer' } : reached === 'metrics-api' && probe.status === 200 ? { kind: 'api' } : { kind: 'status', status: probe.status, message: outcomeText(probe) },
      atMs: testAtMs,
    };
  }
  if (!ds) report.saveAndTest = { status: 'not-run', message: `No data source of type ${PLUGIN_ID} was provisioned.`, steps: [] };
  else if (!report.plugin.loaded) report.saveAndTest = { status: 'ERROR', message: `Plugin ${PLUGIN_ID} is not loaded, so Grafana cannot test the data source (plugin not found).`, steps: [], atMs: testAtMs };
  else if (settings && !settings.ok) report.saveAndTest = { status: 'ERROR', message: settings.message, steps: [], atMs: testAtMs };
  else if (!key) report.saveAndTest = { status: 'ERROR', message: 'No API key is configured. Add the metrics API key in the data source settings, then Save & test again.', steps: [], atMs: testAtMs };
  else {
    const live = call(`${base}/-/healthy`, false);
    const steps = [live.step];
    if (live.out.status === undefined) report.saveAndTest = { status: 'ERROR', message: `The metrics API at ${base} could not be reached (${live.step.outcome}). Check the base URL and that the server is running.`, steps, atMs: testAtMs };
    else if (live.out.status !== 200) report.saveAndTest = { status: 'ERROR', message: `The metrics API at ${base} is not healthy (HTTP ${live.out.status}).`, steps, atMs: testAtMs };
    else {
      const build = call(`${base}/api/v1/status/buildinfo`, true);
      steps.push(build.step);
      if (build.out.status === 401 || build.out.status === 403) report.saveAndTest = { status: 'ERROR', message: `The metrics API at ${base} is up, but it rejected the API key. Enter a valid key in the data source settings.`, steps, atMs: testAtMs };
      else if (build.out.status !== 200) report.saveAndTest = { status: 'ERROR', message: `The metrics API at ${base} answered ${build.step.outcome} when asked for its version.`, steps, atMs: testAtMs };
      else report.saveAndTest = { status: 'OK', message: `Connected to the metrics API at ${base}. The API key is accepted.`, steps, atMs: testAtMs };
    }
  }

  // Dashboards: each file provider's path, its .json files.
  for (const [, path] of yamlFiles('dashboards')) {
    let doc: unknown;
    try {
      doc = parseYaml(expandGrafanaEnv(files[path], env).text);
    } catch {
      continue;
    }
    const providers = isObj(doc) && Array.isArray(doc.providers) ? doc.providers : [];
    for (const p of providers) {
      if (!isObj(p) || (p.type !== undefined && p.type !== 'file')) continue;
      const dir = isObj(p.options) ? String(p.options.path ?? '') : '';
      const jsons = filesUnder(grafana, files, dir).filter(([c]) => c.endsWith('.json'));
      if (!jsons.length) report.logs.push({ file: path, line: lineOfText(files[path], 'path'), message: `dashboard provider "${String(p.name ?? '')}" reads ${dir || '(no path)'}, where Grafana's container has no .json file` });
      for (const [, jsonPath] of jsons) {
        let dash: unknown;
        try {
          dash = JSON.parse(files[jsonPath]);
        } catch {
          report.logs.push({ file: jsonPath, message: 'not valid JSON: the dashboard is skipped' });
          continue;
        }
        if (!isObj(dash)) continue;
        const panels = (Array.isArray(dash.panels) ? dash.panels : []).flatMap((panel) => (isObj(panel) && Array.isArray(panel.panels) ? [panel, ...panel.panels] : [panel])).filter(isObj).filter((panel) => panel.type !== 'row');
        report.dashboards.push({
          file: jsonPath,
          title: String(dash.title ?? ''),
          uid: typeof dash.uid === 'string' ? dash.uid : undefined,
          panels: panels.map((panel) => renderPanel(panel, report, net, grafana, key, testAtMs)),
        });
      }
    }
  }
  return report;
}

function renderPanel(panel: Record<string, unknown>, report: GrafanaReport, net: Network, grafana: ServiceModel, key: string, atMs: number): PanelRender {
  const ref = panel.datasource;
  const uid = isObj(ref) ? (typeof ref.uid === 'string' ? ref.uid : undefined) : typeof ref === 'string' ? ref : undefined;
  const target = Array.isArray(panel.targets) && isObj(panel.targets[0]) ? panel.targets[0] : {};
  const query = String(target.metric ?? target.expr ?? target.query ?? '');
  const title = String(panel.title ?? '(untitled panel)');
  const base = { title, datasourceUid: uid, query, target: target as Record<string, unknown> };
  const resolved = uid === undefined ? report.datasources.find((d) => d.isDefault) : report.datasources.find((d) => d.uid === uid || d.name === uid);
  if (!resolved) return { ...base, outcome: uid === undefined ? 'The panel names no data source and none is the default.' : `Data source ${uid} was not found: no provisioned data source has that uid.`, ok: false };
  if (resolved.type !== report.datasource?.type || !report.plugin.loaded) return { ...base, resolvedTo: resolved.name, outcome: `The panel's data source (${resolved.name}) is not the loaded ${PLUGIN_ID} plugin.`, ok: false };
  const settings = readSettings(resolved);
  if (!settings.ok) return { ...base, resolvedTo: resolved.name, outcome: `The plugin refuses the data source's settings: ${settings.message}`, ok: false };
  const url = `${resolved.baseUrl.trim().replace(/\/+$/, '')}/api/v1/query_range?query=${encodeURIComponent(query)}`;
  const out = httpFrom(net, grafana, url, atMs, { Authorization: `Bearer ${key}` });
  const ok = out.status === 200 && query !== '';
  return {
    ...base,
    resolvedTo: resolved.name,
    request: `GET ${url} (Authorization: Bearer ••••)`,
    outcome: query === '' ? 'The panel has no query.' : out.status === 200 ? 'HTTP 200: the query handler would turn this answer into frames.' : outcomeText(out),
    ok,
  };
}
