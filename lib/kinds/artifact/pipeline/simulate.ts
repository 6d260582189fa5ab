/**
 * Replays a parsed workflow over the seeded commits × events: which runs start, which
 * jobs run (needs, `if` with @actions/expressions), which steps run and how each ends
 * (tool outcomes from the catalogue, exit statuses from the shell model), what was
 * released and signed, which secrets reached which step, and cache keys and hits.
 * Pure and deterministic: no clock, no randomness beyond the seed.
 */
import type { Cell, CacheEvent, JobResult, PipelineResult, StepResult, WorkflowRun } from '../record';
import { evaluateCondition, interpolate, secretsIn, type ExprScope } from '../workflow/expr';
import { globToRegExp } from '../workflow/glob';
import type { JobModel, WorkflowModel } from '../workflow/model';
import { CacheStore, runAction, type PendingSave } from './actions';
import { effectivePermissions, triggersFor, type Trigger } from './events';
import { DEFECTS, EVENTS, REPO_FILES, commitsFor, fileVersion, fnv, type EventId, type SimCommit } from './scenario';
import { executeScript, parseScript, shellFor } from './shell';
import { runCommand, type CommandWorld, type PackageJson } from './tools';

export interface SimulateInput {
  model: WorkflowModel;
  packageJson: PackageJson;
  seed: number;
  events?: string[];
  /** Commits to replay instead of the seeded history (the capstone replays its own release scenarios). */
  commits?: SimCommit[];
}

function hashFilesFor(commit: SimCommit) {
  return (patterns: string[]) => {
    const res = patterns.map((p) => globToRegExp(p.replace(/^\.\//, '')));
    const files = REPO_FILES.filter((f) => res.some((r) => r.test(f))).sort();
    return files.length ? fnv(files.map((f) => `${f}:${fileVersion(commit, f)}`).join('|')) + fnv(files.join('|')) : '';
  };
}

/** Jobs in an order that respects `needs` (ties keep file order). */
function ordered(jobs: JobModel[]): JobModel[] {
  const done = new Set<string>();
  const out: JobModel[] = [];
  while (out.length < jobs.length) {
    const next = jobs.find((j) => !done.has(j.id) && j.needs.every((n) => done.has(n)));
    if (!next) break; // a cycle: the parser reports it
    done.add(next.id);
    out.push(next);
  }
  return out;
}

function ancestors(job: JobModel, byId: Map<string, JobModel>, seen = new Set<string>()): Set<string> {
  for (const n of job.needs) if (!seen.has(n) && byId.has(n)) ancestors(byId.get(n)!, byId, seen.add(n));
  return seen;
}

interface RunCtx {
  input: SimulateInput;
  commit: SimCommit;
  column: EventId;
  trigger: Trigger;
  store: CacheStore;
  cache: CacheEvent[];
  notes: Set<string>;
  world: Pick<CommandWorld, 'state' | 'published'>;
}

function runJob(job: JobModel, matrix: Record<string, unknown>, ctx: RunCtx, needs: Record<string, unknown>): JobResult {
  const { model } = ctx.input;
  const { trigger, commit } = ctx;
  const suffix = Object.keys(matrix).length ? ` (${Object.values(matrix).map(String).join(', ')})` : '';
  const permissions = effectivePermissions(job.permissions ?? model.permissions, trigger.fork);
  const permissionsFrom = job.permissions ? 'job' : model.permissions ? 'workflow' : 'default';
  const jobState = { untrustedCode: false, defaultCheckoutUntrusted: trigger.defaultCheckoutUntrusted };
  const status = { failed: false };
  const stepsCtx: Record<string, unknown> = {};
  const hashFiles = hashFilesFor(commit);
  const contexts = (env: Record<string, string>) => ({ github: trigger.github, env, secrets: trigger.secrets, needs, matrix, strategy: {}, runner: { os: 'Linux', arch: 'X64', temp: '/tmp' }, job: { status: status.failed ? 'failure' : 'success' }, steps: stepsCtx, vars: {}, inputs: {} });
  const scope = (env: Record<string, string>): ExprScope => ({ contexts: contexts(env), status, hashFiles });
  const interp = (values: Record<string, string>, env: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, interpolate(v, scope(env))]));

  const referenced = new Set<string>();
  const collect = (texts: string[]) => texts.flatMap(secretsIn).filter((s) => s !== 'GITHUB_TOKEN').forEach((s) => referenced.add(s));
  collect([...Object.values(model.env), ...Object.values(job.env)]);
  for (const s of job.steps) collect([...Object.values(s.env), ...Object.values(s.with), s.run ?? '']);

  const base: JobResult = { id: job.id, name: job.name + suffix, result: 'success', permissions, permissionsFrom, secretsReferenced: [...referenced].sort(), steps: [] };
  let env: Record<string, string>;
  try {
    env = { ...interp(model.env, {}) };
    env = { ...env, ...interp(job.env, env) };
  } catch (err) {
    return { ...base, result: 'failure', note: `env: ${(err as Error).message}` };
  }
  const pendingSaves: PendingSave[] = [];
  const defaults = { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_REF: String(trigger.github.ref), GITHUB_REF_NAME: String(trigger.github.ref_name), GITHUB_REF_TYPE: String(trigger.github.ref_type), GITHUB_EVENT_NAME: trigger.event, GITHUB_SHA: commit.sha, GITHUB_REPOSITORY: String(trigger.github.repository) };

  for (const step of job.steps) {
    const result: StepResult = { name: step.name, outcome: 'success', conclusion: 'success', commands: [], secrets: [], effects: [] };
    base.steps.push(result);
    let run: boolean;
    try {
      run = evaluateCondition(step.if, scope(env));
    } catch (err) {
      run = false;
      status.failed = true;
      Object.assign(result, { outcome: 'failure', conclusion: 'failure', note: `if: ${(err as Error).message}` });
      continue;
    }
    if (!run) {
      Object.assign(result, { outcome: 'skipped', conclusion: 'skipped', note: `skipped: if: ${step.if}` });
      if (step.id) stepsCtx[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    let exit: number;
        try {
    const stepEnv = { ...env, ...interp(step.env, env) };
    const inputs = interp(step.with, stepEnv);
    const used = secretsIn([...Object.values(model.env), ...Object.values(job.env), ...Object.values(step.env), ...Object.values(step.with), step.run ?? ''].join('\n'));
    result.secrets = used.filter((s) => s !== 'GITHUB_TOKEN' && (trigger.secrets[s] ?? '') !== '').sort();
    const world: CommandWorld = { commit, env: { ...defaults, ...stepEnv }, packageJson: ctx.input.packageJson, contentsWrite: permissions.contents === 'write', state: ctx.world.state, effects: new Set(), published: ctx.world.published, results: result.commands, notes: ctx.notes };
    if (step.uses) {
      exit = runAction({ world, uses: step.uses, inputs, ref: String(trigger.github.ref), store: ctx.store, hashFiles, cacheEvents: ctx.cache, pendingSaves, job: jobState, where: { commit: commit.id, event: ctx.column, job: job.id, step: step.name } });
    } else {
      const spec = shellFor(step.shell ?? job.defaultShell ?? model.defaultShell);
      result.shell = spec.line;
      const script = interpolate(step.run ?? '', scope(stepEnv));
      exit = executeScript(parseScript(script, world.env), spec, (argv) => runCommand(argv, world));
    }
    result.effects = [...world.effects];
    } catch (err) {
      exit = 1;
      result.commands.push({ command: step.uses ?? 'run', exitCode: 1, output: `expression error: ${(err as Error).message}`, provenance: { kind: 'modelled', tool: 'GitHub Actions runner', basis: 'an expression that cannot be evaluated fails the step' } });
    }
    if (exit !== 0) {
      result.outcome = 'failure';
      result.conclusion = step.continueOnError ? 'success' : 'failure';
      result.note = `exited with ${exit}${step.continueOnError ? ' (continue-on-error)' : ''}`;
      if (!step.continueOnError) status.failed = true;
    }
    if (step.id) stepsCtx[step.id] = { outcome: result.outcome, conclusion: result.conclusion, outputs: {} };
  }
  base.result = status.failed ? 'failure' : 'success';
  // actions/cache and setup-* save in their post step, only when the job succeeded.
  if (!status.failed) {
    for (const p of pendingSaves) {
      if (!ctx.store.has(String(trigger.github.ref), p.key)) {
        ctx.store.save(String(trigger.github.ref), p.key);
        p.event.saved = true;
        if (!ctx.cache.includes(p.event)) ctx.cache.push(p.event);
      }
    }
  }
  if (jobState.untrustedCode && trigger.github.event_name === 'pull_request_target') base.note = "runs the fork's code with the base repository's secrets and token";
  return base;
}

function runWorkflow(ctx: RunCtx): WorkflowRun {
  const { model } = ctx.input;
  const byId = new Map(model.jobs.map((j) => [j.id, j]));
  const results = new Map<string, 'success' | 'failure' | 'skipped'>();
  const jobs: JobResult[] = [];
  for (const job of ordered(model.jobs)) {
    const needs = Object.fromEntries(job.needs.map((n) => [n, { result: results.get(n) ?? 'skipped', outputs: {} }]));
    const upstream = [...ancestors(job, byId)].map((id) => results.get(id));
    const status = { failed: upstream.some((r) => r === 'failure') };
    const anySkipped = upstream.some((r) => r === 'skipped');
    let run: boolean;
    try {
      const scope: ExprScope = { contexts: { github: ctx.trigger.github, needs, vars: {}, inputs: {} }, status, hashFiles: hashFilesFor(ctx.commit) };
      // success() in a job's `if` also needs every upstream job to have run.
      status.failed = status.failed || anySkipped;
      run = evaluateCondition(job.if, scope);
    } catch (err) {
      jobs.push({ id: job.id, name: job.name, result: 'failure', note: `if: ${(err as Error).message}`, permissions: {}, permissionsFrom: 'default', secretsReferenced: [], steps: [] });
      results.set(job.id, 'failure');
      continue;
    }
    if (!run || job.reusable) {
      const note = job.reusable ? `calls ${job.reusable}: reusable workflows are not simulated` : `skipped: if: ${job.if}`;
      jobs.push({ id: job.id, name: job.name, result: 'skipped', note, permissions: {}, permissionsFrom: 'default', secretsReferenced: [], steps: [] });
      results.set(job.id, 'skipped');
      continue;
    }
    let result: 'success' | 'failure' = 'success';
    for (const combo of job.matrix) {
      const r = runJob(job, combo, ctx, needs);
      jobs.push(r);
      if (r.result === 'failure') result = 'failure';
    }
    results.set(job.id, result);
  }
  return { event: ctx.trigger.event, jobs, conclusion: jobs.some((j) => j.result === 'failure') ? 'failure' : 'success' };
}

function summarise(commit: SimCommit, column: EventId, runs: WorkflowRun[], published: { tag: string; signed: boolean }[], fork: boolean): Cell {
  const cell: Cell = { commit: commit.id, event: column, status: 'passed', label: 'passed, nothing released', exposedSecrets: [], runs };
  if (fork) cell.exposedSecrets = [...new Set(runs.flatMap((r) => r.jobs.flatMap((j) => j.steps.flatMap((s) => s.secrets))))].sort();
  if (runs.length === 0) return { ...cell, status: 'not-triggered', label: 'not triggered' };
  for (const run of runs) {
    for (const job of run.jobs) {
      for (const step of job.steps) {
        if (step.effects.includes('published')) {
          const rel = published[0] ?? { tag: '?', signed: false };
          cell.release = { tag: rel.tag, signed: rel.signed, job: job.name, step: step.name };
        }
      }
    }
  }
  if (cell.release) return { ...cell, status: 'released', label: `released ${cell.release.tag}${cell.release.signed ? ' (signed)' : ' (unsigned)'}` };
  for (const run of runs) {
    const job = run.jobs.find((j) => j.result === 'failure');
    if (!job) continue;
    const step = job.steps.find((s) => s.conclusion === 'failure');
    const last = step?.commands.find((c) => c.exitCode !== 0);
    const reason = job.note ?? step?.note ?? 'failed';
    cell.stoppedAt = { job: job.name, step: step?.name ?? '(job)', reason: last ? last.output.split('\n')[0] : reason };
    return { ...cell, status: 'stopped', label: `stopped at ${job.name} › ${step?.name ?? '(job)'}` };
  }
  return cell;
}

export function simulatePipeline(input: SimulateInput): PipelineResult {
  const commits = input.commits ?? commitsFor(input.seed);
  const events = EVENTS.filter((e) => !input.events || input.events.includes(e.id));
  const store = new CacheStore();
  const cache: CacheEvent[] = [];
  const notes = new Set<string>();
  const cells: Cell[] = [];
  for (const commit of commits) {
    for (const { id: column } of events) {
      if (!commit.events.includes(column)) {
        cells.push({ commit: commit.id, event: column, status: 'not-applicable', label: 'not applicable', exposedSecrets: [], runs: [] });
        continue;
      }
      const runs: WorkflowRun[] = [];
      const world = { state: { signed: false }, published: [] as { tag: string; signed: boolean }[] };
      const triggers = triggersFor(input.model, commit, column);
      for (const trigger of triggers) runs.push(runWorkflow({ input, commit, column, trigger, store, cache, notes, world }));
      cells.push(summarise(commit, column, runs, world.published, column === 'fork_pull_request'));
    }
  }
  return {
    simulation: 'pipeline',
    seed: input.seed,
    commits: commits.map((c) => ({ id: c.id, sha: c.sha, title: c.title, defect: c.defect, defectLabel: DEFECTS.find((d) => d.id === c.defect)?.label ?? 'no defect' })),
    events,
    cells,
    cache,
    notes: [...notes].sort(),
  };
}
