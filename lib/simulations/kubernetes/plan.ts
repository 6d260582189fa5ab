/**
 * The rollback plan, run: the `kubectl` commands in ROLLBACK.md's code blocks, in order,
 * against the simulated control plane, with kubectl's own answers where a command fails
 * (a Deployment that is not there, a revision not in the history, undo on a paused
 * Deployment). What runs: `rollout undo` (with `--to-revision`), `rollout pause|resume|
 * restart|status|history`, `set image`, `scale --replicas`, `apply -f` (the lab's own
 * manifests), and read-only `get|describe|logs|top|events`. Anything else is listed as
 * not modelled and changes nothing.
 */
import type { ControlPlane } from './controller';
import type { Cluster } from './model';

export interface PlanCommand {
  /** 1-based line in ROLLBACK.md. */
  line: number;
  command: string;
}

export interface PlanStep extends PlanCommand {
  /** ran: changed the cluster; read: read-only; error: kubectl refused; not-modelled: the simulation cannot run it. */
  outcome: 'ran' | 'read' | 'error' | 'not-modelled';
  output: string;
}

/** Commands in fenced code blocks: a leading `$ ` is dropped, `\` continues a line, `#` starts a comment. */
export function planCommands(markdown: string): PlanCommand[] {
  const out: PlanCommand[] = [];
  let fence: string | null = null;
  let pending: PlanCommand | null = null;
  markdown.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const marker = /^(```+|~~~+)/.exec(line)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      return;
    }
    if (fence === null) return;
    const text = line.replace(/^\$\s+/, '').replace(/\s+#.*$/, '');
    if (!text || text.startsWith('#')) return;
    const continues = text.endsWith('\\');
    const body = continues ? text.slice(0, -1).trim() : text;
    if (pending) pending.command += ` ${body}`;
    else pending = { line: i + 1, command: body };
    if (!continues) {
      out.push(pending);
      pending = null;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/** Splits a command into words, honouring quotes (no expansion). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

interface Parsed {
  args: string[];
  flags: Record<string, string>;
}

function parse(command: string): Parsed {
  const args: string[] = [];
  const flags: Record<string, string> = {};
  const w = words(command);
  for (let i = 0; i < w.length; i++) {
    const word = w[i];
    const long = /^--([\w-]+)(?:=(.*))?$/.exec(word);
    if (long) {
      const boolean = ['record', 'watch', 'all', 'dry-run', 'wait'].includes(long[1]);
      flags[long[1]] = long[2] ?? (boolean || w[i + 1]?.startsWith('-') ? 'true' : (w[++i] ?? ''));
    } else if (/^-[nfo]$/.test(word)) flags[{ '-n': 'namespace', '-f': 'filename', '-o': 'output' }[word]!] = w[++i] ?? '';
    else if (/^-[nfo]\S+/.test(word)) flags[{ n: 'namespace', f: 'filename', o: 'output' }[word[1]]!] = word.slice(2);
    else args.push(word);
  }
  return { args, flags };
}

const DEPLOYMENT = /^(deployment|deployments|deploy)(?:\.apps)?$/;

/** `deployment/name` or `deployment name` → name (and how many words it took), or undefined for another resource. */
function deploymentName(args: string[], at: number): { name: string; used: number } | undefined {
  const first = args[at] ?? '';
  const slash = first.split('/');
  if (slash.length === 2 && DEPLOYMENT.test(slash[0])) return { name: slash[1], used: 1 };
  if (DEPLOYMENT.test(first) && args[at + 1]) return { name: args[at + 1], used: 2 };
  return undefined;
}

/** Runs the plan at second t; each step says what kubectl would have answered. */
export function runPlan(commands: PlanCommand[], cp: ControlPlane, cluster: Cluster, t: number): PlanStep[] {
  return commands.map((c) => ({ ...c, ...runOne(c.command, cp, cluster, t) }));
}

function runOne(command: string, cp: ControlPlane, cluster: Cluster, t: number): Pick<PlanStep, 'outcome' | 'output'> {
  const { args, flags } = parse(command);
  if (args[0] !== 'kubectl') return { outcome: 'not-modelled', output: `${args[0] ?? 'this line'} is not modelled: the simulation runs kubectl commands only` };
  const d = cp.deployment;
  const namespace = flags.namespace ?? 'default';
  const verb = args[1];
  const notFound = (name: string) => ({ outcome: 'error' as const, output: `Error from server (NotFound): deployments.apps "${name}" not found${namespace !== d.namespace && name === d.name ? ` (it is in namespace ${d.namespace}; this command looks in ${namespace})` : ''}` });
  const target = (at: number) => {
    const ref = deploymentName(args, at);
    if (!ref) return { error: { outcome: 'not-modelled' as const, output: `only deployments are modelled here, not "${args[at] ?? ''}"` } };
    if (ref.name !== d.name || namespace !== d.namespace) return { error: notFound(ref.name) };
    return { used: ref.used };
  };
  if (['get', 'describe', 'logs', 'top', 'events', 'explain', 'diff', 'version', 'config', 'auth'].includes(verb)) return { outcome: 'read', output: 'read-only: the simulation records it and changes nothing' };
  if (verb === 'rollout') {
    const sub = args[2];
    const found = target(3);
    if ('error' in found) return found.error!;
    if (sub === 'status') return { outcome: 'read', output: rolloutStatus(cp) };
    if (sub === 'history') return { outcome: 'read', output: ['REVISION  IMAGE', ...[...cp.replicaSets].sort((a, b) => a.revision - b.revision).map((rs) => `${String(rs.revision).padEnd(9)} ${rs.template.containers[0].image}`)].join('\n') };
    if (sub === 'pause') return (cp.paused = true), cp.log(t, 'kubectl', `rollout pause deployment/${d.name}`), { outcome: 'ran', output: `deployment.apps/${d.name} paused` };
    if (sub === 'resume') return (cp.paused = false), cp.log(t, 'kubectl', `rollout resume deployment/${d.name}`), { outcome: 'ran', output: `deployment.apps/${d.name} resumed` };
    if (sub === 'restart') {
      d.template = { ...structuredClone(d.template), annotations: { ...d.template.annotations, 'kubectl.kubernetes.io/restartedAt': `t=${t}s` } };
      cp.log(t, 'kubectl', `rollout restart deployment/${d.name}: a new revision of the same image`);
      return { outcome: 'ran', output: `deployment.apps/${d.name} restarted` };
    }
    if (sub === 'undo') {
      if (cp.paused) return { outcome: 'error', output: `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${d.name}' and try again` };
      const current = cp.currentRs();
      const wanted = flags['to-revision'] ? Number(flags['to-revision']) : 0;
      const history = cp.replicaSets.filter((rs) => rs !== current).sort((a, b) => b.revision - a.revision);
      const to = wanted ? cp.replicaSets.find((rs) => rs.revision === wanted) : history[0];
      if (!to) return { outcome: 'error', output: wanted ? `error: unable to find specified revision ${wanted} in history` : `error: no rollout history found for deployment "${d.name}"` };
      if (to === current) return { outcome: 'ran', output: `deployment.apps/${d.name} skipped rollback (current template already matches revision ${to.revision})` };
      d.template = structuredClone(to.template);
      cp.log(t, 'kubectl', `rollout undo deployment/${d.name}${wanted ? ` --to-revision=${wanted}` : ''}: back to the template of revision ${to.revision} (${to.template.containers[0].image})`);
      return { outcome: 'ran', output: `deployment.apps/${d.name} rolled back` };
    }
    return { outcome: 'not-modelled', output: `kubectl rollout ${sub ?? ''} is not modelled` };
  }
  if (verb === 'set' && args[2] === 'image') {
    const found = target(3);
    if ('error' in found) return found.error!;
    const pairs = args.slice(3 + found.used!).map((a) => a.split('='));
    const c = d.template.containers[0];
    const pair = pairs.find(([name]) => name === c.name || name === '*');
    if (!pair) return { outcome: 'error', output: `error: unable to find container named "${pairs[0]?.[0] ?? ''}"` };
    d.template = structuredClone(d.template);
    d.template.containers[0].image = pair[1] ?? '';
    cp.log(t, 'kubectl', `set image deployment/${d.name} ${c.name}=${pair[1]}`);
    return { outcome: 'ran', output: `deployment.apps/${d.name} image updated` };
  }
  if (verb === 'scale') {
    const found = target(2);
    if ('error' in found) return found.error!;
    const n = Number(flags.replicas);
    if (!Number.isInteger(n) || n < 0) return { outcome: 'error', output: 'error: --replicas=COUNT is required, and COUNT must be at least 0' };
    d.replicas = n;
    cp.log(t, 'kubectl', `scale deployment/${d.name} --replicas=${n}`);
    return { outcome: 'ran', output: `deployment.apps/${d.name} scaled` };
  }
  if (verb === 'apply') {
    const file = (flags.filename ?? '').replace(/^\.\//, '').replace(/\/$/, '');
    if (!file) return { outcome: 'error', output: 'error: must specify one of -f and -k' };
    if (file !== 'deploy' && file !== cluster.deployment.file) return { outcome: 'read', output: `${file}: applies nothing the rollback changes (the Deployment is in ${cluster.deployment.file})` };
    d.template = structuredClone(cluster.deployment.template);
    if (!cp.hpa()) d.replicas = cluster.deployment.replicas;
    cp.log(t, 'kubectl', `apply -f ${file}: the Deployment as written in ${cluster.deployment.file} (${d.template.containers[0].image})`);
    return { outcome: 'ran', output: `deployment.apps/${d.name} configured` };
  }
  return { outcome: 'not-modelled', output: `kubectl ${verb ?? ''} is not modelled here` };
}

function rolloutStatus(cp: ControlPlane): string {
  const current = cp.currentRs();
  const ready = current?.pods.filter((p) => p.alive && p.ready).length ?? 0;
  return `Waiting for deployment "${cp.deployment.name}" rollout to finish: ${ready} of ${cp.deployment.replicas} updated replicas are available...`;
}
