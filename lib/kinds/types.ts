/**
 * Lab kinds. A kind says what Run does with the learner's files, what a check's
 * context offers, and which result views show; `lab.json`'s `kind` picks one.
 * Today's labs (a handler answering QueryData / CheckHealth against mocked upstreams)
 * are the `handler` kind; `artifact` labs grade a file a tool would read (a workflow,
 * a Dockerfile, a manifest) by parsing it with the real grammar and simulating it.
 *
 * Adding a kind touches only `lib/kinds/<id>/` (this interface, no React),
 * `components/kinds/<id>/` (its result views) and one line in each registry.
 * See docs/decisions/0003-lab-kinds.md.
 */
import type { ProgressState } from '../progress/store';
import type { LabMeta } from '../labs/schema';
import type { SandboxRunner } from '../runtime/sandbox/host';

export type LabKindId = 'handler' | 'artifact' | 'operate';

/** Where a lab session's Run is: idle, running the learner's files, or running the checks. */
export type RunPhase = 'idle' | 'running' | 'checking';

/** What every run record of every kind carries; each kind extends it with its own data. */
export interface RunRecordBase {
  /** Which invocation produced the record: 'queryData', 'checkHealth', 'exercise', 'artifact'… */
  invocation: string;
  /** Time the run took, ms (virtual or wall clock: the kind's views say which). */
  durationMs: number;
}

/**
 * A problem the editor should mark in a learner's file (a syntax error, a YAML parse
 * error at its line). Shaped like Monaco's IMarkerData, 1-based as the editor shows it.
 */
export interface FileMarker {
  /** The lab file's path, as in lab.json's `files`. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/** The saved work a kind may read: the progress store, or a snapshot of its labs. */
export interface SavedProgress {
  getState(): Pick<ProgressState, 'labs'>;
}

/** What a kind gets to run with. Framework-free: no React, no DOM assumptions beyond the sandbox. */
export interface KindEnvironment {
  /** The shared learner-code sandbox (kinds that run no learner code ignore it). */
  sandbox: SandboxRunner;
  /**
   * The saved work this session reads: the learner's own in the app, a submission's alone in
   * a mentor's re-run. A kind that draws on another lab's work (the Compose lab runs the Week 2
   * code) reads it here, never from the page's global store. Only read: in the lab engine's
   * worker it is a snapshot the page sent with the Run.
   */
  progress?: SavedProgress;
}

/** The lab as a kind sees it. */
export interface KindLab {
  id: string;
  meta: LabMeta;
}

/** What the learner asked Run to do: their files, plus kind-specific settings (queries, scenario…). */
export interface KindRunInput {
  files: Record<string, string>;
  /** Kind-specific, saved with the lab (e.g. the handler kind's queries and scenario id). */
  settings?: unknown;
}

export interface LabKind<TRecord extends RunRecordBase = RunRecordBase, TCheckContext = unknown> {
  id: LabKindId;
  /** One Run for the results views. Resolves (never rejects) with a record; an aborted signal may end it early. */
  run(env: KindEnvironment, lab: KindLab, input: KindRunInput, signal: AbortSignal): Promise<TRecord>;
  /**
   * When the record shows the files cannot be loaded or run at all (a syntax error, a
   * malformed YAML…), the one message the grade reports instead of running any check.
   */
  blockingError(record: TRecord): string | undefined;
  /** The problems in the learner's files that the record shows, for the editor to mark. */
  markers(record: TRecord): FileMarker[];
  /** The context each of the lab's checks receives. Every run it starts must honour `signal`. */
  checkContext(env: KindEnvironment, lab: KindLab, files: Record<string, string>, signal: AbortSignal): TCheckContext;
  /**
   * How many of a Run's checks go at once (the grader's `concurrency`; default 1). More
   * pays only where a check's work is spread over workers: measured by `npm run bench`
   * (README, Performance), two lanes halved the Compose lab's Run, whose checks run
   * simulations in workers of their own, but made the handler and operate labs slower,
   * even once their checks ran in the lab engine's worker (decision 0009): two sandboxes
   * and the engine then share a two-core machine's cores. Each lane of a sandbox-using Run
   * takes a fresh sandbox.
   */
  checkLanes?: number;
  /**
   * The ids of the labs whose saved work a Run of `lab` reads through `env.progress` (the
   * Compose lab: the two Week 2 labs). The lab engine sends only their work with each Run;
   * none when left out.
   */
  savedWorkRead?(lab: KindLab): Promise<readonly string[]>;
}
