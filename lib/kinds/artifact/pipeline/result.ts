/**
 * What the pipeline simulation produces, as zod schemas (it crosses from the engine's
 * Worker to the page): a matrix of seeded commits × events, each cell with the
 * workflow runs it triggered, their jobs, steps and outcomes, plus the cache keys and
 * hits across the commit sequence.
 */
import { z } from 'zod';
import { provenanceSchema } from '../common';

/** One command a `run:` step executed (or an action a `uses:` step ran). */
export const commandResultSchema = z.object({
  command: z.string(),
  exitCode: z.number().int(),
  /** What the tool printed or why it passed: "unknown command: not a gate", the finding… */
  output: z.string(),
  provenance: provenanceSchema,
});
export type CommandResult = z.infer<typeof commandResultSchema>;

/** success / failure / skipped are GitHub's step outcomes; `continue-on-error` keeps the conclusion success. */
export const outcomeSchema = z.enum(['success', 'failure', 'skipped']);
export type Outcome = z.infer<typeof outcomeSchema>;

export const stepResultSchema = z.object({
  name: z.string(),
  outcome: outcomeSchema,
  conclusion: outcomeSchema,
  /** `run` steps: the shell line GitHub would use, e.g. "bash -e {0}" (no pipefail). */
  shell: z.string().optional(),
  commands: z.array(commandResultSchema),
  /** Why it was skipped or failed, in a sentence. */
  note: z.string().optional(),
  /** Secrets this step received with a non-empty value (GITHUB_TOKEN not counted). */
  secrets: z.array(z.string()),
  /** Effects the step had on the world: a published release, a signed plugin, a cache restore/save. */
  effects: z.array(z.enum(['published', 'signed', 'unsigned-release'])),
});
export type StepResult = z.infer<typeof stepResultSchema>;

export const permissionLevelSchema = z.enum(['none', 'read', 'write']);
export const jobResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  result: outcomeSchema,
  note: z.string().optional(),
  /** The GITHUB_TOKEN scopes the job got (after fork PR read-only capping). */
  permissions: z.record(z.string(), permissionLevelSchema),
  /** Where they came from: the job's own `permissions`, the workflow's, or GitHub's default. */
  permissionsFrom: z.enum(['job', 'workflow', 'default']),
  /** Names of secrets the job's expressions reference (GITHUB_TOKEN not counted). */
  secretsReferenced: z.array(z.string()),
  steps: z.array(stepResultSchema),
});
export type JobResult = z.infer<typeof jobResultSchema>;

/** One workflow run: the workflow triggered by one event. */
export const workflowRunSchema = z.object({
  event: z.string(),
  jobs: z.array(jobResultSchema),
  conclusion: z.enum(['success', 'failure']),
});
export type WorkflowRun = z.infer<typeof workflowRunSchema>;

export const cellStatusSchema = z.enum(['released', 'stopped', 'passed', 'not-triggered', 'not-applicable']);
export type CellStatus = z.infer<typeof cellStatusSchema>;

/** One commit × event of the matrix. */
export const cellSchema = z.object({
  commit: z.string(),
  event: z.string(),
  status: cellStatusSchema,
  /** "stopped at build › Test", "released v1.2.0 (signed)", "not triggered"… */
  label: z.string(),
  stoppedAt: z.object({ job: z.string(), step: z.string(), reason: z.string() }).optional(),
  release: z.object({ tag: z.string(), signed: z.boolean(), job: z.string(), step: z.string() }).optional(),
  /** Secrets that reached code from the pull request's author (fork PRs). */
  exposedSecrets: z.array(z.string()),
  runs: z.array(workflowRunSchema),
});
export type Cell = z.infer<typeof cellSchema>;

export const commitInfoSchema = z.object({
  id: z.string(),
  sha: z.string(),
  title: z.string(),
  /** Defect id, or null for the clean commit. */
  defect: z.string().nullable(),
  defectLabel: z.string(),
});
export type CommitInfo = z.infer<typeof commitInfoSchema>;

export const eventInfoSchema = z.object({ id: z.string(), label: z.string() });

export const cacheEventSchema = z.object({
  commit: z.string(),
  event: z.string(),
  job: z.string(),
  step: z.string(),
  /** What the cache holds, from its path or the setup action: go modules, npm… */
  kind: z.enum(['go', 'npm', 'other']),
  key: z.string(),
  hit: z.boolean(),
  saved: z.boolean(),
});
export type CacheEvent = z.infer<typeof cacheEventSchema>;

export const pipelineResultSchema = z.object({
  simulation: z.literal('pipeline'),
  seed: z.number().int(),
  commits: z.array(commitInfoSchema),
  events: z.array(eventInfoSchema),
  cells: z.array(cellSchema),
  cache: z.array(cacheEventSchema),
  /** Things the simulation noticed that are not failures: unknown commands, unsupported keys. */
  notes: z.array(z.string()),
});
export type PipelineResult = z.infer<typeof pipelineResultSchema>;

