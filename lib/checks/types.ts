/**
 * Checks: behavioural tests of the learner's handler. A check runs the handler with
 * a request and upstream scenario of its choosing and asserts on the RunRecord.
 * Checks run in the app (the host), on data that crossed from the sandbox, so code in
 * the sandbox cannot reach or patch them.
 */
import type { RequestOverrides } from '../engine/request';
import type { CheckHealthRunRecord, QueryDataRunRecord } from '../engine/run';
import type { TimeRange } from '../sdk/contract';
import type { ScenarioInput } from '../upstreams/scenario';
import type { RunSeed } from '../upstreams/seed';

/**
 * When a check cancels its run, as Grafana cancels a query whose dashboard request was
 * abandoned (the panel scrolled away, the time range changed, the browser tab closed):
 * the handler's `ctx.signal` aborts, and the sandbox stops a handler that is still
 * running `KILL_GRACE_MS` (lib/runtime/sandbox/host.ts) later.
 */
export interface CancelWhen {
  /**
   * Cancel as soon as the upstream has received this many requests (1 = the first).
   * Tied to what the handler did rather than to a delay, so a slow machine cannot cancel
   * too early or too late. A run that sends fewer requests is never cancelled.
   */
  afterUpstreamRequests: number;
}

/** What a check may set for one run: the request overrides, the upstream scenario, and an early cancel. */
export interface CheckRunOptions extends RequestOverrides {
  scenario?: ScenarioInput;
  cancel?: CancelWhen;
}

/** A run record as a check receives it. */
export type CheckRunRecord<T> = T & {
  /**
   * When the check cancelled the run (`CheckRunOptions.cancel`), in ms on the upstream
   * calls' clock (`UpstreamCall.startedAtMs`); undefined when it did not. With it, how
   * soon a call ended after the cancel is read from the upstream's own record:
   * `startedAtMs + durationMs - cancelledAtMs`.
   */
  cancelledAtMs?: number;
};

/**
 * What a check works with during one Run of a lab's checks. Every run it starts shares
 * the Run's seed: the clock below, and the upstream's data (label values, values), which
 * differ from Run to Run. So a check never asserts a constant about the data: it asks
 * the upstream's model what was served in this run (`metricsWorld(record.seed)` from
 * lib/upstreams/metrics, or the request the record holds).
 */
export interface CheckContext {
  /** Runs the learner's `queryData` once. Defaults come from the lab's run settings, with the Run's clock and range. */
  query(options?: CheckRunOptions): Promise<CheckRunRecord<QueryDataRunRecord>>;
  /** Runs the learner's `checkHealth` once. */
  health(options?: CheckRunOptions): Promise<CheckRunRecord<CheckHealthRunRecord>>;
  /**
   * The Run's "now", epoch ms (a whole second, drawn from the seed): where the default
   * time range ends. A check's own window should end here too (`{ from: ctx.now - d, to: ctx.now }`).
   */
  now: number;
  /**
   * The default time range of this Run's requests (a query override without its own
   * `timeRange` gets it): it ends at `now`, and its length is drawn too, between half
   * of the lab's `rangeMs` and all of it, in whole minutes. Optional so hand-made test
   * contexts need not provide it; createCheckContext always does.
   */
  timeRange?: TimeRange;
  /**
   * The seed this Run drew its clock and upstream data from, for reproducing a Run.
   * Host-side only, like everything in a check: never sent to the sandbox. Optional so
   * hand-made test contexts need not provide it; createCheckContext always does.
   */
  seed?: RunSeed;
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
