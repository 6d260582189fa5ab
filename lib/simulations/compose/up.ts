/**
 * `docker compose up`, simulated in virtual time (milliseconds from the command; no
 * clock is read). Containers start in `depends_on` order: `service_started` waits for
 * the dependency's container to start, `service_healthy` for its health check to pass
 * (and stops the whole `up` with "dependency failed to start" if it turns unhealthy
 * first), `service_completed_successfully` for it to exit 0.
 *
 * Health checks follow Docker's rules (Dockerfile reference, HEALTHCHECK; Compose
 * `healthcheck`): the first probe runs `interval` after the container starts (or
 * `start_interval` during `start_period`), the next `interval` after the previous one
 * ends; a probe longer than `timeout` fails; during `start_period` a failure does not
 * count, but a success ends the start period; `retries` consecutive counted failures
 * make the container unhealthy; a later success makes it healthy again.
 *
 * A probe runs its command in the container: a program the image does not have exits
 * 127; `wget` exits 1 on a refused connection or an HTTP error; `curl` exits 7 on a
 * refused connection and 0 on an HTTP error unless given --fail (-f).
 */
import { mulberry32 } from '@/lib/random';
import type { ComposeModel, ServiceModel } from './model';
import { httpFrom, type Network } from './network';

export type RunState = 'waiting' | 'starting' | 'running' | 'healthy' | 'unhealthy';

export interface Segment {
  state: RunState;
  fromMs: number;
  toMs: number;
}

export interface ProbeRecord {
  atMs: number;
  exitCode: number;
  output: string;
  /** Whether this failure counted towards retries (false during start_period). */
  counted: boolean;
}

export interface ServiceRun {
  name: string;
  startedAtMs?: number;
  readyAtMs?: number;
  healthyAtMs?: number;
  unhealthyAtMs?: number;
  /** Why it never started, when it did not. */
  notStarted?: string;
  segments: Segment[];
  probes: ProbeRecord[];
}

export interface UpEvent {
  atMs: number;
  service: string;
  message: string;
}

export interface UpResult {
  runs: ServiceRun[];
  events: UpEvent[];
  ok: boolean;
  message: string;
  endMs: number;
  network: Network;
}

export interface UpOptions {
  seed: number;
  acceptedKey: string;
  /** Force a service role's warm-up (virtual ms), e.g. the slowest the API can be. */
  warmupMs?: Partial<Record<'grafana' | 'metrics-api', number>>;
}

/** How long the simulation watches: past this, `up` is still waiting. */
export const DEADLINE_MS = 180_000;
/** Virtual time a probe's HTTP call takes. */
const PROBE_MS = 40;
/** From the dependency gate opening to the container running. */
const CREATE_MS = 300;

/** The exit code and output of one probe command in `service` at `atMs`. */
export function runProbe(net: Network, service: ServiceModel, argv: string[], shell: boolean, atMs: number): { exitCode: number; output: string } {
  // A shell command runs its first simple command; "|| exit 1" keeps a failure a failure.
  const first = shell ? (argv[2] ?? '').split(/\s*(?:\|\||&&|;)\s*/)[0].trim().split(/\s+/) : argv;
  // `busybox wget …` runs BusyBox's applet, when the image has BusyBox.
  const words = first[0]?.split('/').pop() === 'busybox' && service.image.tools.includes('busybox') ? first.slice(1) : first;
  const program = words[0] ?? '';
  const base = program.split('/').pop() ?? program;
  if (!service.image.tools.includes(base) && !['true', 'false', 'exit'].includes(base)) {
    return shell
      ? { exitCode: 127, output: `sh: ${program}: not found` }
      : { exitCode: 127, output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH` };
  }
  if (base === 'true') return { exitCode: 0, output: '' };
  if (base === 'false' || base === 'exit') return { exitCode: base === 'exit' ? Number(words[1] ?? 0) : 1, output: '' };
  const args = words.slice(1).map((w) => w.replace(/^['"]|['"]$/g, ''));
  if (base === 'nc') {
    // nc -z HOST PORT: exit 0 when something accepts the connection.
    const [host, port] = args.filter((a) => !a.startsWith('-')).slice(-2);
    const r = httpFrom(net, service, `http://${host}:${port}/`, atMs);
    return r.status !== undefined ? { exitCode: 0, output: '' } : { exitCode: 1, output: `nc: ${r.error}` };
  }
  // wget and curl take "host:port/path" without a scheme as http.
  const bare = args.find((a) => !a.startsWith('-') && /^[\w.-]+(:\d+)?\/\S*$|^[\w.-]+:\d+$/.test(a));
  const url = args.find((a) => /^https?:\/\//.test(a)) ?? (bare ? `http://${bare}` : undefined);
  if (!url) return { exitCode: 1, output: `${base}: no URL given` };
  const result = httpFrom(net, service, url, atMs);
  if (base === 'wget') {
    if (result.status === undefined) return { exitCode: 1, output: `wget: ${result.error}` };
    return result.status < 400 ? { exitCode: 0, output: '' } : { exitCode: 1, output: `wget: server returned error: HTTP/1.1 ${result.status}` };
  }
  if (base === 'curl') {
    if (result.status === undefined) return { exitCode: 7, output: `curl: (7) ${result.error}` };
    const fail = words.some((w) => w === '--fail' || w === '--fail-with-body' || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(w));
    if (result.status >= 400 && fail) return { exitCode: 22, output: `curl: (22) The requested URL returned error: ${result.status}` };
    return { exitCode: 0, output: result.status >= 400 ? `(HTTP ${result.status}; without --fail curl still exits 0)` : '' };
  }
  return { exitCode: 0, output: '' };
}

/** Orders services so each comes after what it depends on; undefined on a cycle. */
function startOrder(services: ServiceModel[]): ServiceModel[] | undefined {
  const byName = new Map(services.map((s) => [s.name, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: ServiceModel[] = [];
  const visit = (s: ServiceModel): boolean => {
    if (done.has(s.name)) return true;
    if (visiting.has(s.name)) return false;
    visiting.add(s.name);
    for (const d of s.dependsOn) {
      const dep = byName.get(d.service);
      if (dep && !visit(dep)) return false;
    }
    visiting.delete(s.name);
    done.add(s.name);
    order.push(s);
    return true;
  };
  for (const s of services) if (!visit(s)) return undefined;
  return order;
}

export function composeUp(model: ComposeModel, options: UpOptions): UpResult {
  const random = mulberry32(options.seed);
  const runs = new Map<string, ServiceRun>(model.services.map((s) => [s.name, { name: s.name, segments: [], probes: [] }]));
  const events: UpEvent[] = [];
  const network: Network = {
    services: model.services,
    acceptedKey: options.acceptedKey,
    clock: (name) => runs.get(name) ?? {},
  };
  const fail = { message: '' };
  const order = startOrder(model.services);
  if (!order) {
    return { runs: [...runs.values()], events, ok: false, message: 'dependency cycle detected in depends_on: compose up starts nothing', endMs: 0, network };
  }
  for (const service of order) {
    const run = runs.get(service.name)!;
    let gate = 0;
    for (const dep of service.dependsOn) {
      const d = runs.get(dep.service)!;
      const depModel = model.services.find((s) => s.name === dep.service)!;
      if (d.startedAtMs === undefined) {
        run.notStarted ??= `waits for ${dep.service}, which never started`;
        continue;
      }
      if (dep.condition === 'service_started') gate = Math.max(gate, d.startedAtMs);
      else if (dep.condition === 'service_healthy') {
        if (!depModel.healthcheck || !depModel.healthcheck.argv.length) {
          run.notStarted ??= `depends on ${dep.service} being healthy, but ${dep.service} has no health check`;
          fail.message ||= `dependency ${dep.service} has no healthcheck configured, so ${service.name} can never start`;
        } else if (d.healthyAtMs !== undefined && (d.unhealthyAtMs === undefined || d.healthyAtMs < d.unhealthyAtMs)) gate = Math.max(gate, d.healthyAtMs);
        else {
          run.notStarted ??= `${dep.service} became unhealthy`;
          if (d.unhealthyAtMs !== undefined) fail.message ||= `dependency failed to start: container ${dep.service} is unhealthy`;
          else fail.message ||= `${service.name} is still waiting for ${dep.service} to become healthy`;
        }
      } else {
        run.notStarted ??= `waits for ${dep.service} to exit with code 0, but ${dep.service} is a server that keeps running`;
        fail.message ||= `${service.name} is still waiting for ${dep.service} to complete successfully`;
      }
    }
    if (run.notStarted) continue;
    const started = gate + CREATE_MS + Math.round(random() * 200);
    run.startedAtMs = started;
    const [lo, hi] = service.image.readyMs;
    const role = service.image.role;
    const warm = role !== 'unknown' && options.warmupMs?.[role] !== undefined ? options.warmupMs[role]! : Math.round(lo + random() * (hi - lo));
    run.readyAtMs = started + warm;
    events.push({ atMs: started, service: service.name, message: 'Started' });
    if (service.image.listens !== undefined) events.push({ atMs: run.readyAtMs, service: service.name, message: `listening on :${service.image.listens}${service.image.tlsPort !== undefined ? ` and :${service.image.tlsPort} (https)` : ''}` });
    simulateHealth(network, service, run, events);
  }
  for (const run of runs.values()) if (run.notStarted) events.push({ atMs: 0, service: run.name, message: `not started: ${run.notStarted}` });
  const lastEvent = Math.max(0, ...events.map((e) => e.atMs));
  const endMs = Math.min(DEADLINE_MS, Math.max(30_000, Math.ceil((lastEvent + 5_000) / 5_000) * 5_000));
  for (const service of model.services) segmentsFor(runs.get(service.name)!, service, endMs);
  events.sort((a, b) => a.atMs - b.atMs);
  const ok = !fail.message && [...runs.values()].every((r) => !r.notStarted && (r.unhealthyAtMs === undefined || (r.healthyAtMs ?? -1) > r.unhealthyAtMs));
  const message = ok ? 'Every container is running, and every health check passes.' : fail.message || unhealthyMessage([...runs.values()]);
  return { runs: [...runs.values()], events, ok, message, endMs, network };
}

function unhealthyMessage(runs: ServiceRun[]): string {
  const sick = runs.find((r) => r.unhealthyAtMs !== undefined);
  return sick ? `container ${sick.name} is unhealthy` : 'the stack did not come up';
}

function simulateHealth(net: Network, service: ServiceModel, run: ServiceRun, events: UpEvent[]) {
  const hc = service.healthcheck;
  if (!hc || !hc.argv.length || run.startedAtMs === undefined) return;
  const start = run.startedAtMs;
  let startPeriodOver = hc.startPeriodMs === 0;
  let failures = 0;
  let healthy: boolean | undefined;
  let t = start + (hc.startIntervalMs !== undefined && hc.startPeriodMs > 0 ? hc.startIntervalMs : hc.intervalMs);
  while (t < DEADLINE_MS && run.probes.length < 60) {
    if (!startPeriodOver && t >= start + hc.startPeriodMs) startPeriodOver = true;
    const { exitCode, output } = hc.timeoutMs < PROBE_MS ? { exitCode: -1, output: `Health check exceeded timeout (${hc.timeoutMs}ms)` } : runProbe(net, service, hc.argv, hc.shell, t);
    const done = t + Math.min(PROBE_MS, hc.timeoutMs);
    if (exitCode === 0) {
      run.probes.push({ atMs: t, exitCode, output, counted: false });
      failures = 0;
      startPeriodOver = true;
      if (healthy !== true) {
        healthy = true;
        run.healthyAtMs ??= done;
        events.push({ atMs: done, service: service.name, message: 'Healthy' });
        // Still healthy from here on in this model: the process does not fall over.
        break;
      }
    } else {
      const counted = startPeriodOver;
      run.probes.push({ atMs: t, exitCode, output, counted });
      if (counted) failures++;
      if (counted && failures >= hc.retries && healthy !== false) {
        healthy = false;
        run.unhealthyAtMs ??= done;
        events.push({ atMs: done, service: service.name, message: `Unhealthy after ${failures} failed probes: ${output || `exit ${exitCode}`}` });
      }
    }
    const inStart = !startPeriodOver && hc.startIntervalMs !== undefined;
    t = done + (inStart ? hc.startIntervalMs! : hc.intervalMs);
  }
}

function segmentsFor(run: ServiceRun, service: ServiceModel, endMs: number) {
  if (run.startedAtMs === undefined) {
    run.segments = [{ state: 'waiting', fromMs: 0, toMs: endMs }];
    return;
  }
  const marks: { at: number; state: RunState }[] = [{ at: 0, state: 'waiting' }, { at: run.startedAtMs, state: 'starting' }];
  const hasHealth = !!service.healthcheck?.argv.length;
  if (!hasHealth) marks.push({ at: run.readyAtMs ?? run.startedAtMs, state: 'running' });
  if (run.unhealthyAtMs !== undefined) marks.push({ at: run.unhealthyAtMs, state: 'unhealthy' });
  if (run.healthyAtMs !== undefined) marks.push({ at: run.healthyAtMs, state: 'healthy' });
  marks.sort((a, b) => a.at - b.at);
  const segments: Segment[] = [];
  marks.forEach((m, i) => {
    const to = Math.min(endMs, marks[i + 1]?.at ?? endMs);
    const from = Math.min(endMs, m.at);
    if (to > from) segments.push({ state: m.state, fromMs: from, toMs: to });
  });
  run.segments = segments;
}
