/**
 * What the lab page and the lab engine's worker say to each other
 * (docs/decisions/0009-engine-worker.md). The page keeps the session store and the
 * views; the worker holds the kinds, the checks and the sandbox host, so a Run's sandbox
 * traffic (upstream calls on the virtual clock, logs, answers) and the checks' work never
 * touch the page's thread. Both ends are the app's own code, so messages are typed, not
 * parsed with schemas: what learner code sends is parsed where it arrives, in the worker
 * (the sandbox's messages, as before), and records reach the page already checked.
 *
 * One worker serves every lab session of the tab: plans by `planId`, Runs by `runId`.
 */
import type { CheckResult, GradeReport } from '../grading/contract';
import type { FileMarker, LabKindId, RunRecordBase } from '../kinds/types';
import type { LabMeta } from '../labs/schema';
import type { ProgressState } from '../progress/store';
import type { NextGrade } from './session';

/** The saved work a kind may read (the Compose lab's Week 2 code): a snapshot of the labs it reads, sent with each Run. */
export type ProgressSnapshot = Pick<ProgressState, 'labs'>;

/** A check as listed before it runs: what `checkItems` shows, without `run`. */
export type CheckListing = Pick<CheckResult, 'id' | 'title' | 'task' | 'hint'>;

/** Page → worker. */
export type EngineRequest =
  /** Loads a lab's kind and checks; answered by `loaded` or `load-failed`. */
  | { type: 'load'; planId: number; lab: { id: string; meta: LabMeta }; kind: LabKindId }
  /** The page is done with the plan (its lab page closed): the engine forgets it. Runs already begun go on. */
  | { type: 'unload'; planId: number }
  /** Starts the pool's sandboxes (the first Run should not wait for one). */
  | { type: 'warm' }
  /** A Run begins: a sandbox session of its own is opened for it. */
  | { type: 'begin'; planId: number; runId: number }
  /** The Run's files: its check context is made from them (before `run`, as a session does). */
  | { type: 'items'; runId: number; files: Record<string, string>; progress: ProgressSnapshot }
  /**
   * The Run's own run, with the files of `items`; answered by `record` or `run-failed`. When
   * the record does not block it (no `blockingError`), the engine grades the Run's checks at
   * once with `grade` (the session's `NextGrade`): `update`s and one `graded` follow the
   * record. The grade never waits for the page to receive the record and ask.
   */
  | { type: 'run'; runId: number; settings: unknown; grade: NextGrade }
  /** Cancel pressed, or a newer Run: the Run's signal aborts. */
  | { type: 'cancel'; runId: number }
  /** The Run is over: its sandboxes are destroyed. */
  | { type: 'end'; runId: number };

/** Worker → page. */
export type EngineReply =
  /** The worker's script ran: from now on an uncaught error there is logged, not taken for a failed engine. */
  | { type: 'ready' }
  /** `reads`: the labs whose saved work the plan's Runs read (`LabKind.savedWorkRead`); the page sends only theirs. */
  | { type: 'loaded'; planId: number; checks: CheckListing[]; concurrency: number; reads: string[] }
  | { type: 'load-failed'; planId: number; message: string }
  /** Answers `warm`: a sandbox of the pool is ready (or could not start; the first Run starts its own). */
  | { type: 'warmed' }
  /** The page's own word that the worker failed (its script did not load, it threw at the top): every pending answer ends with it. */
  | { type: 'crashed'; message: string }
  | { type: 'record'; runId: number; record: RunRecordBase; blockingError?: string; markers: FileMarker[] }
  | { type: 'run-failed'; runId: number; message: string }
  | { type: 'update'; runId: number; report: GradeReport }
  | { type: 'graded'; runId: number; report: GradeReport }
  /** The worker needs a sandbox: the page makes its frame and connects it to `port` (transferred). */
  | { type: 'spawn'; sandboxId: number }
  /** A sandbox is done with: the page removes its frame (and with it the worker, even one in a loop). */
  | { type: 'destroy'; sandboxId: number };

/** One end of the page ↔ worker channel: a Worker, a MessagePort, or a test's pair. */
export interface EnginePort<TSend, TReceive> {
  post(message: TSend, transfer?: Transferable[]): void;
  /** Adds a listener; returns what removes it. Transferred ports arrive as `ports`. */
  listen(listener: (message: TReceive, ports: readonly MessagePort[]) => void): () => void;
}

/** What `messagePort` wraps: a MessagePort, or a worker's global scope. */
export interface MessageTarget {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** A MessagePort delivers to `addEventListener` listeners only once started. */
  start?(): void;
}

/** An `EnginePort` over a MessagePort or the worker's own scope (`self`). */
export function messagePort<TSend, TReceive>(target: MessageTarget): EnginePort<TSend, TReceive> {
  return {
    post: (message, transfer = []) => target.postMessage(message, transfer),
    listen(listener) {
      const onMessage = (event: MessageEvent) => listener(event.data as TReceive, event.ports);
      target.addEventListener('message', onMessage);
      target.start?.();
      return () => target.removeEventListener('message', onMessage);
    },
  };
}
