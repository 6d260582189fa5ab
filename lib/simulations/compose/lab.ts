/**
 * One `docker compose up` of the lab's project, end to end: read docker-compose.yml
 * (YAML, then the Compose schema), check every other YAML and JSON file parses,
 * interpolate with the shell environment over `.env`, start the stack in virtual time
 * (up.ts), then let Grafana provision and press Save & test (grafana.ts).
 *
 * Returns file errors (each at its line; the run stops there) or the report the views
 * draw and the checks assert on. Deterministic for the same files and options.
 */
import type { FileError } from '@/lib/kinds/artifact/common';
import { grafanaReport, type GrafanaReport } from './grafana';
import { parseDotEnv } from './interpolate';
import { listeningPorts } from './images';
import { composeModel, type ServiceModel } from './model';
import { composeUp, type ServiceRun, type UpEvent } from './up';
import { parseYamlWithLines, readComposeFile } from './validate';
import { formatDuration } from './duration';

export const COMPOSE_FILE = 'docker-compose.yml';
export const DOTENV_FILE = '.env';
/** The variable that carries the API key. */
export const KEY_VARIABLE = 'METRICS_API_KEY';

export const SIMULATION_NOTES = [
  'Simulated: docker compose up in virtual time. No container runs and nothing is pulled; images, their tools and their warm-up times are modelled (lib/simulations/compose/images.ts).',
  'Real: the YAML parser (yaml) and the Compose specification JSON schema (the 2025 copy the dclint package ships), checked with ajv code compiled at build time.',
  "Modelled on the course's reference Week 2 plugin: Save & test and the panel's query in the Grafana tab (what the checks grade) are the requests that code makes, sent over the simulated network from Grafana's container.",
  "Real: your own Week 2 code (or the reference, when you have none saved) runs in this browser's sandbox once the stack is up, against a mock that answers as the simulated API did; see the tab Your Week 2 code.",
];

export interface LabOptions {
  seed: number;
  /** The shell environment of `docker compose up` (wins over .env). */
  env?: Record<string, string>;
  /** Variables to change in .env, as if the file had been edited (a rotated key). */
  dotenv?: Record<string, string>;
  /** Force warm-ups (virtual ms) per role, e.g. the slowest API. */
  warmupMs?: Partial<Record<'grafana' | 'metrics-api', number>>;
}

/** A service as the results show it: how `up` ran it (ServiceRun), plus where and how it is declared. */
export interface ServiceReport extends ServiceRun {
  line: number;
  image: string;
  modelledAs: string;
  role: 'grafana' | 'metrics-api' | 'unknown';
  healthcheck?: { test: string; interval: string; timeout: string; retries: number; startPeriod: string; line: number };
  dependsOn: { service: string; condition: string }[];
  ports: { host?: number; container: number; line: number }[];
}

export interface ComposeLabReport {
  notes: string[];
  services: ServiceReport[];
  events: UpEvent[];
  up: { ok: boolean; message: string; endMs: number };
  /** What a browser on the host reaches at each published port. */
  hostPorts: { host: number; service: string; container: number; answers: boolean; message: string; line: number }[];
  grafana: GrafanaReport | null;
  warnings: { file: string; line: number; message: string }[];
}

/** .env with these variables set to new values (appended when absent). */
function editDotEnv(text: string, changes: Record<string, string>): string {
  const left = new Map(Object.entries(changes));
  const lines = text.split('\n').map((line) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_]\w*)(\s*=)/.exec(line);
    if (!m || !left.has(m[2])) return line;
    const value = left.get(m[2])!;
    left.delete(m[2]);
    return `${m[1]}${m[2]}${m[3]}${value}`;
  });
  return [...lines, ...[...left].map(([k, v]) => `${k}=${v}`)].join('\n');
}

function describeService(s: ServiceModel): Omit<ServiceReport, 'segments' | 'probes'> {
  const hc = s.healthcheck;
  return {
    name: s.name,
    line: s.line,
    image: s.imageRef ?? '',
    modelledAs: s.image.modelledAs,
    role: s.image.role,
    healthcheck: hc && hc.argv.length ? { test: hc.shell ? hc.argv[2] : hc.argv.join(' '), interval: formatDuration(hc.intervalMs), timeout: formatDuration(hc.timeoutMs), retries: hc.retries, startPeriod: formatDuration(hc.startPeriodMs), line: hc.line } : undefined,
    dependsOn: s.dependsOn.map((d) => ({ service: d.service, condition: d.condition })),
    ports: s.ports,
  };
}

export function composeLab(given: Record<string, string>, options: LabOptions): { errors: FileError[]; report?: ComposeLabReport } {
  const errors: FileError[] = [];
  const files = options.dotenv ? { ...given, [DOTENV_FILE]: editDotEnv(given[DOTENV_FILE] ?? '', options.dotenv) } : given;
  const compose = readComposeFile(COMPOSE_FILE, files[COMPOSE_FILE] ?? '');
  errors.push(...compose.errors);
  for (const [path, text] of Object.entries(files)) {
    if (path === COMPOSE_FILE) continue;
    if (/\.ya?ml$/.test(path)) errors.push(...parseYamlWithLines(path, text).errors);
    if (path.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch (err) {
        const m = /position (\d+)/.exec((err as Error).message);
        const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
        errors.push({ file: path, line, column: 1, message: `not valid JSON: ${(err as Error).message}` });
      }
    }
  }
  if (errors.length || !compose.value) return { errors };

  const env = { ...parseDotEnv(files[DOTENV_FILE] ?? ''), ...(options.env ?? {}) };
  const model = composeModel(compose.value, env, compose.lineOf, files);
  if (model.errors.length) return { errors: model.errors.map((e) => ({ file: COMPOSE_FILE, line: e.line, column: 1, message: e.message })) };

  const up = composeUp(model, { seed: options.seed, acceptedKey: env[KEY_VARIABLE] ?? '', warmupMs: options.warmupMs });
  const runOf = (name: string) => up.runs.find((r) => r.name === name)!;
  const grafana = model.services.find((s) => s.image.role === 'grafana');
  const lastUp = Math.max(0, ...up.runs.map((r) => Math.max(r.healthyAtMs ?? 0, r.readyAtMs ?? 0)));
  const report: ComposeLabReport = {
    notes: SIMULATION_NOTES,
    services: model.services.map((s) => ({ ...describeService(s), ...runOf(s.name), name: s.name })),
    events: up.events,
    up: { ok: up.ok, message: up.message, endMs: up.endMs },
    hostPorts: model.services.flatMap((s) =>
      s.ports
        .filter((p) => p.host !== undefined)
        .map((p) => {
          const answers = listeningPorts(s.image).includes(p.container) && runOf(s.name).readyAtMs !== undefined;
          const message = answers
            ? `localhost:${p.host} on your machine reaches ${s.name}'s port ${p.container}, where it listens.`
            : `localhost:${p.host} on your machine goes to ${s.name}'s port ${p.container}, where ${runOf(s.name).startedAtMs === undefined ? 'no container runs' : s.image.listens === undefined ? 'nothing listens' : `nothing listens (it listens on ${listeningPorts(s.image).join(' and ')})`}. Compose's short syntax is HOST:CONTAINER.`;
          return { host: p.host!, service: s.name, container: p.container, answers, message, line: p.line };
        }),
    ),
    grafana: grafana ? grafanaReport({ net: up.network, grafana, files, readyAtMs: runOf(grafana.name).readyAtMs, testAtMs: lastUp + 1000 }) : null,
    warnings: [
      ...(compose.value.version !== undefined ? [{ file: COMPOSE_FILE, line: compose.lineOf(['version']), message: 'the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion' }] : []),
      ...model.warnings.map((w) => ({ file: COMPOSE_FILE, line: w.line, message: w.message })),
    ],
  };
  return { errors: [], report };
}
