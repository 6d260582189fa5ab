/**
 * Checks: behavioural tests of the learner's handler. A check runs the handler with
 * a request and upstream scenario of its choosing and asserts on the RunRecord.
 * Checks run in the app (the host), on data that crossed from the sandbox, so code in
 * the sandbox cannot reach or patch them.
 */
import type { RequestOverrides } from '../engine/request';
import type { CheckHealthRunRecord, QueryDataRunRecord } from '../engine/run';
import type { ScenarioInput } from '../upstreams/scenario';

export interface CheckContext {
  /** Runs the learner's `queryData` once. Defaults come from the lab's run settings, with a fixed clock. */
  query(options?: RequestOverrides & { scenario?: ScenarioInput }): Promise<QueryDataRunRecord>;
  /** Runs the learner's `checkHealth` once. */
  health(options?: RequestOverrides & { scenario?: ScenarioInput }): Promise<CheckHealthRunRecord>;
  /** The fixed "now" the default time range ends at, epoch ms. */
  now: number;
  /**
   * The learner's current text of one lab file (e.g. a Markdown deliverable), or
   * undefined when the lab has no such file. For files a machine can only read;
   * behaviour is still checked by running the code. Optional so hand-made test
   * contexts need not provide it; createCheckContext always does.
   */
  file?(path: string): string | undefined;
}

export interface LabCheck<TContext = CheckContext> {
  /** Stable id; progress is saved under it. */
  id: string;
  /** The README task this check belongs to (1-based). */
  task: number;
  /** What the check proves, in a few words: "Applies the aggregation". */
  title: string;
  /** Shown when it fails: where to look, without giving the answer away. */
  hint: string;
  /** Resolves when the behaviour is right; throws CheckFailure (via `fail`) when not. */
  run(ctx: TContext): Promise<void>;
}

/** One check's result: the results contract every grader shares (lib/grading/contract.ts). */
export type { CheckResult, CheckStatus } from '../grading/contract';
