/**
 * A workflow as the simulation needs it: plain data, no parser tokens. Built by
 * parse.ts from GitHub's normalised model; expressions stay as text and are
 * evaluated per run with @actions/expressions (expr.ts).
 */

/** `on.<event>` filters, GitHub's names. */
export interface EventFilter {
  branches?: string[];
  'branches-ignore'?: string[];
  tags?: string[];
  'tags-ignore'?: string[];
  paths?: string[];
  'paths-ignore'?: string[];
  types?: string[];
}

/** `permissions`: `read-all`, `write-all`, or scope → `read` | `write` | `none` (`{}` is none for all). */
export type PermissionsSpec = 'read-all' | 'write-all' | Record<string, string>;

export interface StepModel {
  index: number;
  /** The step's own `id`, if it has one (for `steps.<id>` in expressions). */
  id?: string;
  name: string;
  /** Expression text, already wrapped by GitHub's rules (`success()` when absent). */
  if: string;
  uses?: string;
  run?: string;
  shell?: string;
  with: Record<string, string>;
  env: Record<string, string>;
  continueOnError: boolean;
}

export interface JobModel {
  id: string;
  name: string;
  needs: string[];
  if: string;
  permissions?: PermissionsSpec;
  env: Record<string, string>;
  defaultShell?: string;
  steps: StepModel[];
  /** One entry per job instance of `strategy.matrix`; `[{}]` without a matrix. */
  matrix: Record<string, unknown>[];
  /** A `uses:` job calling a reusable workflow (not simulated). */
  reusable?: string;
}

export interface WorkflowModel {
  events: Record<string, EventFilter>;
  permissions?: PermissionsSpec;
  env: Record<string, string>;
  defaultShell?: string;
  jobs: JobModel[];
}
