/**
 * The capstone's two workflows, read with the pipeline lab's parser (GitHub's own
 * @actions/workflow-parser, lib/kinds/artifact/workflow/parse.ts), plus two things the
 * capstone needs on top:
 *
 * - Calls to a local reusable workflow (`jobs.<id>.uses: ./.github/workflows/ci.yml`)
 *   are expanded into the called workflow's jobs, named `<caller> / <job>` as GitHub
 *   shows them, so the replay runs them (the pipeline simulator alone skips such jobs).
 *   GitHub's rules kept: the called workflow must declare `on: workflow_call`; the
 *   caller's `needs` and `if` apply to every called job; a called job's token is its own
 *   `permissions`, else the called workflow's, else the caller job's. Not modelled: inputs,
 *   outputs, and secrets passed to the call (called jobs see the run's secrets).
 * - Every `uses:` with its line, and whether it is pinned to a full commit SHA.
 */
import { LineCounter, isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { FileError } from '../common';
import { parseWorkflowFile } from '../workflow/parse';
import type { JobModel, PermissionsSpec, WorkflowModel } from '../workflow/model';

export const WORKFLOW_DIR = '.github/workflows/';

/** One `uses:` of a workflow: where it is and whether its ref is a full commit SHA. */
export interface UsesRef {
  file: string;
  line: number;
  column: number;
  /** `<job>` or `<job> › <step>` */
  where: string;
  uses: string;
  pinned: boolean;
}

/** A full 40-hex commit SHA; a local path needs none; a Docker image needs a sha256 digest. */
export function isPinned(uses: string): boolean {
  if (uses.startsWith('./')) return true;
  if (uses.startsWith('docker://')) return /@sha256:[0-9a-f]{64}$/.test(uses);
  return /@[0-9a-f]{40}$/.test(uses);
}

/** Every `uses:` of a workflow text (jobs and steps), with 1-based positions. */
export function usesOf(file: string, text: string): UsesRef[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const out: UsesRef[] = [];
  const jobs = doc.get('jobs', true);
  if (!isMap(jobs)) return out;
  const push = (node: unknown, where: string) => {
    const scalar = node as { value?: unknown; range?: [number, number, number] };
    if (typeof scalar?.value !== 'string') return;
    const pos = counter.linePos(scalar.range?.[0] ?? 0);
    out.push({ file, line: pos.line, column: pos.col, where, uses: scalar.value, pinned: isPinned(scalar.value) });
  };
  for (const pair of jobs.items) {
    const id = String((pair.key as { value?: unknown })?.value ?? pair.key);
    const job = pair.value;
    if (!isMap(job)) continue;
    push(job.get('uses', true), id);
    const steps = job.get('steps', true);
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, i) => {
      if (!isMap(step)) return;
      const name = (step as YAMLMap).get('name');
      push((step as YAMLMap).get('uses', true), `${id} › ${typeof name === 'string' ? name : `step ${i + 1}`}`);
    });
  }
  return out;
}

/** `./.github/workflows/ci.yml` → `ci.yml`; undefined for a workflow in another repository. */
export function localWorkflow(ref: string): string | undefined {
  const m = /^\.\/\.github\/workflows\/([\w.-]+\.ya?ml)$/.exec(ref.trim());
  return m?.[1];
}

function rawJobPermissions(text: string, jobId: string): PermissionsSpec | undefined {
  const doc = parseDocument(text);
  const value = doc.getIn(['jobs', jobId, 'permissions']) as unknown;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === 'write-all' ? 'write-all' : 'read-all';
  const js = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  return Object.fromEntries(Object.entries(js as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/**
 * Expands each call to a local reusable workflow into the called workflow's jobs.
 * `called` holds the parsed workflows by base name. Returns the model and notes on
 * calls it could not expand (which stay jobs the simulator skips).
 */
export function expandCalls(model: WorkflowModel, text: string, called: Record<string, WorkflowModel>, file: string): { model: WorkflowModel; notes: string[] } {
  const notes: string[] = [];
  const jobs: JobModel[] = [];
  const replaced = new Map<string, string[]>();
  for (const job of model.jobs) {
    if (!job.reusable) {
      jobs.push(job);
      continue;
    }
    const name = localWorkflow(job.reusable);
    const callee = name ? called[name] : undefined;
    if (!name || !callee) {
      notes.push(`${file}: job "${job.id}" calls ${job.reusable}, which is not one of this lab's workflows: it is not simulated`);
      jobs.push(job);
      continue;
    }
    if (!callee.events.workflow_call) {
      notes.push(`${file}: job "${job.id}" calls ${name}, which has no \`on: workflow_call\`: GitHub refuses the call, so the job fails`);
      jobs.push({ ...job, reusable: undefined, steps: [{ index: 0, name: `Call ${name}`, if: 'success()', run: 'false', with: {}, env: {}, continueOnError: false }] });
      continue;
    }
    const callerPermissions = rawJobPermissions(text, job.id);
    const ids: string[] = [];
    for (const inner of callee.jobs) {
      if (inner.reusable) {
        notes.push(`${name}: job "${inner.id}" calls another workflow; nested calls are not simulated`);
      }
      const id = `${job.id}/${inner.id}`;
      ids.push(id);
      jobs.push({
        ...inner,
        id,
        name: `${job.name} / ${inner.name}`,
        needs: [...job.needs, ...inner.needs.map((n) => `${job.id}/${n}`)],
        if: `(${job.if}) && (${inner.if})`,
        permissions: inner.permissions ?? callee.permissions ?? callerPermissions,
        env: { ...callee.env, ...inner.env },
        defaultShell: inner.defaultShell ?? callee.defaultShell,
      });
    }
    replaced.set(job.id, ids);
  }
  const remap = (needs: string[]) => needs.flatMap((n) => replaced.get(n) ?? [n]);
  return { model: { ...model, jobs: jobs.map((j) => ({ ...j, needs: remap(j.needs) })) }, notes };
}

export interface WorkflowsParse {
  errors: FileError[];
  /** By base name (ci.yml, release.yml), calls expanded. */
  models: Record<string, WorkflowModel>;
  uses: UsesRef[];
  notes: string[];
}

/** Parses every workflow file of the lab, then expands local calls between them. */
export async function parseWorkflows(files: Record<string, string>): Promise<WorkflowsParse> {
  const paths = Object.keys(files).filter((p) => p.startsWith(WORKFLOW_DIR) && /\.ya?ml$/.test(p)).sort();
  const errors: FileError[] = [];
  const parsed: Record<string, WorkflowModel> = {};
  const uses: UsesRef[] = [];
  for (const path of paths) {
    const result = await parseWorkflowFile(path, files[path]);
    if (!result.model) errors.push(...result.errors);
    else {
      parsed[path.slice(WORKFLOW_DIR.length)] = result.model;
      uses.push(...usesOf(path, files[path]));
    }
  }
  if (errors.length) return { errors, models: {}, uses, notes: [] };
  const models: Record<string, WorkflowModel> = {};
  const notes: string[] = [];
  for (const [name, model] of Object.entries(parsed)) {
    const expanded = expandCalls(model, files[WORKFLOW_DIR + name], parsed, name);
    models[name] = expanded.model;
    notes.push(...expanded.notes);
  }
  return { errors, models, uses, notes };
}
