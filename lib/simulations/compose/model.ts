/**
 * The Compose file as the simulation uses it: each service's image, published ports,
 * environment, bind mounts, `depends_on` conditions, networks and health check, after
 * Compose interpolation (interpolate.ts) and in the forms the Compose specification
 * allows (short and long syntax of ports, volumes and depends_on; environment as a map
 * or a list; healthcheck.test as a string, CMD or CMD-SHELL). Each keeps its line.
 */
import { parseDuration } from './duration';
import { imageModel, type ImageModel } from './images';
import { interpolateCompose, parseDotEnv } from './interpolate';

export type DependsCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface PortMapping {
  /** Host port ("published"); undefined = Docker picks one. */
  host?: number;
  /** Container port ("target"). */
  container: number;
  line: number;
}

export interface BindMount {
  /** Host path relative to the project folder, normalised ("provisioning", "dist"). */
  source: string;
  target: string;
  line: number;
}

export interface HealthcheckModel {
  /** argv of the probe; CMD-SHELL is ["sh", "-c", text]. Empty = disabled. */
  argv: string[];
  shell: boolean;
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  /** start_interval, only when written (Docker Engine 25+ probes this often during start_period). */
  startIntervalMs?: number;
  line: number;
}

export interface ServiceModel {
  name: string;
  line: number;
  imageRef?: string;
  image: ImageModel;
  containerName?: string;
  ports: PortMapping[];
  environment: Record<string, string>;
  mounts: BindMount[];
  dependsOn: { service: string; condition: DependsCondition; line: number }[];
  networks: string[];
  aliases: string[];
  healthcheck?: HealthcheckModel;
}

export interface ComposeModel {
  services: ServiceModel[];
  /** Variables used but never set, with where. */
  warnings: { line: number; message: string }[];
  /** Problems `docker compose up` refuses to start with. */
  errors: { line: number; message: string }[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Compose interpolation over every string in the file, recording unset variables by line. */
function interpolateAll(value: unknown, env: Record<string, string | undefined>, path: (string | number)[], lineOf: (p: (string | number)[]) => number, model: ComposeModel): unknown {
  if (typeof value === 'string') {
    const r = interpolateCompose(value, env);
    for (const name of r.unset) model.warnings.push({ line: lineOf(path), message: `The "${name}" variable is not set. Defaulting to a blank string.` });
    if (r.required) model.errors.push({ line: lineOf(path), message: r.required });
    return r.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateAll(v, env, [...path, i], lineOf, model));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env, [...path, k], lineOf, model)]));
  return value;
}

function portsOf(raw: unknown, line: (i: number) => number): PortMapping[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p, i): PortMapping[] => {
    if (isObj(p)) {
      const target = Number(p.target);
      const published = p.published === undefined ? undefined : Number(String(p.published).split('-')[0]);
      return Number.isFinite(target) ? [{ host: published, container: target, line: line(i) }] : [];
    }
    // [IP:][HOST:]CONTAINER[/PROTO]; an IPv6 address sits in brackets.
    const text = String(p).replace(/\/(tcp|udp|sctp)$/, '').replace(/^\[[^\]]*\]:/, '');
    const parts = text.split(':');
    const container = Number(parts[parts.length - 1].split('-')[0]);
    const host = parts.length >= 2 && parts[parts.length - 2] !== '' ? Number(parts[parts.length - 2].split('-')[0]) : undefined;
    return Number.isFinite(container) ? [{ host: Number.isFinite(host) ? host : undefined, container, line: line(i) }] : [];
  });
}

const normalise = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '') || '.';

function mountsOf(raw: unknown, line: (i: number) => number): BindMount[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v, i): BindMount[] => {
    if (isObj(v)) {
      if (v.type !== 'bind' || typeof v.source !== 'string' || typeof v.target !== 'string') return [];
      return [{ source: normalise(v.source), target: v.target.replace(/\/+$/, ''), line: line(i) }];
    }
    const [source, target] = String(v).split(':');
    // A bare name is a named volume, not a bind mount of project files.
    if (!target || !/^[./~]/.test(source)) return [];
    return [{ source: normalise(source), target: target.replace(/\/+$/, ''), line: line(i) }];
  });
}

function environmentOf(raw: unknown, shell: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const text = String(item);
      const eq = text.indexOf('=');
      // "NAME" alone takes the value from the shell running compose; unset, it is left out.
      if (eq > 0) env[text.slice(0, eq)] = text.slice(eq + 1);
      else if (shell[text] !== undefined) env[text] = shell[text]!;
    }
  } else if (isObj(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (v !== null && v !== undefined) env[k] = String(v);
      else if (shell[k] !== undefined) env[k] = shell[k]!;
    }
  }
  return env;
}

function healthcheckOf(raw: unknown, line: number): HealthcheckModel | undefined {
  if (!isObj(raw)) return undefined;
  const test = raw.test;
  let argv: string[] = [];
  let shell = false;
  if (typeof test === 'string') (argv = ['sh', '-c', test]), (shell = true);
  else if (Array.isArray(test)) {
    const [form, ...rest] = test.map(String);
    if (form === 'CMD') argv = rest;
    else if (form === 'CMD-SHELL') (argv = ['sh', '-c', rest.join(' ')]), (shell = true);
  }
  if (raw.disable === true) argv = [];
  const ms = (v: unknown, d: number) => (typeof v === 'string' ? (parseDuration(v) ?? d) : d);
  return {
    argv,
    shell,
    // Docker's defaults (docker run reference, "Healthcheck"): 30s, 30s, 3, 0s, 5s.
    intervalMs: ms(raw.interval, 30_000) || 30_000,
    timeoutMs: ms(raw.timeout, 30_000) || 30_000,
    retries: typeof raw.retries === 'number' ? raw.retries : 3,
    startPeriodMs: ms(raw.start_period, 0),
    startIntervalMs: typeof raw.start_interval === "string" ? parseDuration(raw.start_interval) : undefined,
    line,
  };
}

/** Builds the model from the schema-valid file; `env` is the shell over .env. */
/**
 * `env_file` entries (a path, a list of paths, or `{ path, required }`), read from the
 * project's files as .env syntax; later files win, `environment` wins over all of them.
 * A required file that is missing is an error, as `docker compose up` refuses to start.
 */
function envFilesOf(raw: unknown, projectFiles: Record<string, string>, line: number, model: ComposeModel): Record<string, string> {
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const path = normalise(String(isObj(entry) ? entry.path : entry));
    const required = isObj(entry) ? entry.required !== false : true;
    const text = projectFiles[path];
    if (text === undefined) {
      if (required) model.errors.push({ line, message: `env file ${path} not found: the project has no such file` });
      continue;
    }
    Object.assign(env, parseDotEnv(text));
  }
  return env;
}

export function composeModel(file: Obj, env: Record<string, string | undefined>, lineOf: (p: (string | number)[]) => number, projectFiles: Record<string, string> = {}): ComposeModel {
  const model: ComposeModel = { services: [], warnings: [], errors: [] };
  const value = interpolateAll(file, env, [], lineOf, model) as Obj;
  const services = isObj(value.services) ? value.services : {};
  for (const [name, raw] of Object.entries(services)) {
    if (!isObj(raw)) continue;
    const at = (...p: (string | number)[]) => lineOf(['services', name, ...p]);
    const deps = raw.depends_on;
    const dependsOn = Array.isArray(deps)
      ? deps.map((d, i) => ({ service: String(d), condition: 'service_started' as DependsCondition, line: at('depends_on', i) }))
      : isObj(deps)
        ? Object.entries(deps).map(([d, v]) => ({ service: d, condition: ((isObj(v) && v.condition) || 'service_started') as DependsCondition, line: at('depends_on', d) }))
        : [];
    const nets = raw.networks;
    const networks = Array.isArray(nets) ? nets.map(String) : isObj(nets) ? Object.keys(nets) : ['default'];
    const aliases = isObj(nets) ? Object.values(nets).flatMap((n) => (isObj(n) && Array.isArray(n.aliases) ? n.aliases.map(String) : [])) : [];
    model.services.push({
      name,
      line: at(),
      imageRef: typeof raw.image === 'string' ? raw.image : undefined,
      image: imageModel(typeof raw.image === 'string' ? raw.image : undefined),
      containerName: typeof raw.container_name === 'string' ? raw.container_name : undefined,
      ports: portsOf(raw.ports, (i) => at('ports', i)),
      environment: { ...envFilesOf(raw.env_file, projectFiles, at('env_file'), model), ...environmentOf(raw.environment, env) },
      mounts: mountsOf(raw.volumes, (i) => at('volumes', i)),
      dependsOn,
      networks,
      aliases,
      healthcheck: healthcheckOf(raw.healthcheck, at('healthcheck')),
    });
  }
  const names = new Set(model.services.map((s) => s.name));
  for (const s of model.services) {
    for (const d of s.dependsOn) if (!names.has(d.service)) model.errors.push({ line: d.line, message: `service "${s.name}" depends on undefined service "${d.service}"` });
    if (!s.imageRef) model.errors.push({ line: s.line, message: `service "${s.name}" has neither an image nor a build context specified (this lab runs images only)` });
  }
  return model;
}
