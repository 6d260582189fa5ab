/**
 * Reads a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser,
 * the one behind the Actions language service): schema validation, `needs` that name
 * real jobs, expressions that close and use only contexts allowed where they stand.
 * Its normalised model gives events with their filters, jobs, `needs` and `if`
 * conditions (already wrapped as GitHub does, e.g. `success() && (...)`); the keys
 * its model leaves as raw tokens (`with`, `shell`, `permissions`, `env`, `strategy`)
 * are read from the same YAML as plain data.
 */
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import type { FileError } from '../record';
import { parseYamlFile } from '../yaml-file';
import type { EventFilter, JobModel, PermissionsSpec, StepModel, WorkflowModel } from './model';

export interface WorkflowParse {
  errors: FileError[];
  model?: WorkflowModel;
}

type Raw = Record<string, unknown>;
const asRecord = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const asString = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v));
const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(asRecord(v)).map(([k, val]) => [k, asString(val) ?? '']));

const POSITION = /\(Line: (\d+), Col: (\d+)\)/;

export async function parseWorkflowFile(file: string, text: string): Promise<WorkflowParse> {
  const yaml = parseYamlFile(file, text);
  if (yaml.errors.length) return { errors: yaml.errors };

  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  const errors: FileError[] = parsed.context.errors.getErrors().map((err) => {
    const fromMessage = POSITION.exec(err.message);
    const line = err.range?.start.line ?? (fromMessage ? Number(fromMessage[1]) : 1);
    const column = err.range?.start.column ?? (fromMessage ? Number(fromMessage[2]) : 1);
    return { file, line, column, message: err.rawMessage.split('\n')[0] };
  });
  if (errors.length || !template) return { errors: errors.length ? errors : [{ file, line: 1, column: 1, message: 'The workflow is empty.' }] };

  const raw = asRecord(yaml.value);
  const rawJobs = asRecord(raw.jobs);
  const jobs: JobModel[] = (template.jobs ?? []).map((job) => {
    const id = job.id.value;
    const rawJob = asRecord(rawJobs[id]);
    if (job.type !== 'job') {
      return { id, name: id, needs: (job.needs ?? []).map((n) => n.value), if: job.if.expression, env: {}, steps: [], reusable: job.ref.value, matrix: [{}] };
    }
    const rawSteps = Array.isArray(rawJob.steps) ? rawJob.steps : [];
    const steps: StepModel[] = job.steps.map((step, index) => {
      const rs = asRecord(rawSteps[index]);
      const uses = asString(rs.uses);
      const run = asString(rs.run);
      const name = asString(rs.name) ?? (uses ? `Run ${uses}` : `Run ${(run ?? '').split('\n')[0]}`);
      return {
        index,
        id: asString(rs.id),
        name,
        if: 'if' in step && step.if ? step.if.expression : 'success()',
        uses,
        run,
        shell: asString(rs.shell),
        with: stringMap(rs.with),
        env: stringMap(rs.env),
        continueOnError: rs['continue-on-error'] === true,
      };
    });
    return {
      id,
      name: asString(rawJob.name) ?? id,
      needs: (job.needs ?? []).map((n) => n.value),
      if: job.if.expression,
      permissions: readPermissions(rawJob.permissions),
      env: stringMap(rawJob.env),
      defaultShell: asString(asRecord(asRecord(rawJob.defaults).run).shell),
      steps,
      matrix: expandMatrix(asRecord(rawJob.strategy).matrix),
    };
  });

  const events: Record<string, EventFilter> = {};
  for (const [name, config] of Object.entries(template.events ?? {})) {
    events[name] = (config && typeof config === 'object' ? config : {}) as EventFilter;
  }
  return {
    errors: [],
    model: {
      events,
      permissions: readPermissions(raw.permissions),
      env: stringMap(raw.env),
      defaultShell: asString(asRecord(asRecord(raw.defaults).run).shell),
      jobs,
    },
  };
}

function readPermissions(value: unknown): PermissionsSpec | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === 'read-all' || value === 'write-all' ? value : 'read-all';
  return stringMap(value);
}

/** The job instances of a literal `strategy.matrix` (product of its lists, then `include`, minus `exclude`). */
function expandMatrix(matrix: unknown): Record<string, unknown>[] {
  const m = asRecord(matrix);
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(m)) {
    if (key === 'include' || key === 'exclude' || !Array.isArray(values)) continue;
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  const matches = (c: Record<string, unknown>, e: Raw) => Object.entries(e).every(([k, v]) => JSON.stringify(c[k]) === JSON.stringify(v));
  if (Array.isArray(m.exclude)) combos = combos.filter((c) => !(m.exclude as unknown[]).some((e) => matches(c, asRecord(e))));
  if (Array.isArray(m.include)) for (const inc of m.include) combos.push(asRecord(inc));
  if (combos.length > 1 && Object.keys(combos[0]).length === 0) combos = combos.slice(1);
  return combos.slice(0, 16);
}
