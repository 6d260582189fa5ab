/**
 * The lab engine's page side (docs/decisions/0009-engine-worker.md): a `RunPlan` whose
 * Run and grade happen in the engine's worker (engine-server.ts). The session store
 * (session.ts) drives it exactly as it drives a plan that runs on the page; what crosses
 * is the Run's files and settings one way, and the record, the grade's updates and its
 * report the other, by structured clone (a record's long number columns transferred).
 */
import { blockedReport, cancelledReport, type Gradable } from '../grading/grade';
import type { GradeReport } from '../grading/contract';
import type { FileMarker, KindLab, LabKindId, RunRecordBase, SavedProgress } from '../kinds/types';
import { unpackFrameValuesInSlices } from '../runtime/frame-transfer';
import type { CheckListing, EnginePort, EngineReply, EngineRequest, ProgressSnapshot } from './engine-protocol';
import type { RunPlan } from './session';

export type EngineClientPort = EnginePort<EngineRequest, EngineReply>;

/** Ids are per tab: one worker serves every session, so plans and Runs never share one. */
let nextId = 1;

/** Resolves in a later task, so the page can paint and take input between two slices of work. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Why a Run or a grade ended without an answer: the worker failed, or the Run was cancelled. */
class EngineGone extends Error {}

/** Waits for the reply of a Run that `pick` accepts (see `remoteRunPlan`'s `awaitReply`). */
type AwaitReply = <T>(runId: number, signal: AbortSignal, pick: (reply: EngineReply) => T | undefined) => Promise<T>;

/** The grade the engine runs after a Run's record (engine-protocol.ts, `run`), as the page follows it. */
interface EngineGrade {
  /** The latest update so far, or null. */
  readonly latest: GradeReport | null;
  /**
   * Passes the latest update so far and every later one to `onUpdate`; resolves with the
   * final report, or null when the engine will not grade (the run failed or its record
   * blocks the grade). Rejects as the Run's replies do (cancelled, or the worker failed).
   */
  follow(onUpdate?: (report: GradeReport) => void): Promise<GradeReport | null>;
  /** The Run ended without asking for its grade: stop listening. */
  forget(): void;
}

function followGrade(runId: number, signal: AbortSignal, awaitReply: AwaitReply): EngineGrade {
  let latest: GradeReport | null = null;
  let onUpdate: ((report: GradeReport) => void) | undefined;
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  const done = awaitReply<{ report: GradeReport | null }>(runId, both, (reply) => {
    if (reply.type === 'update') {
      latest = reply.report;
      onUpdate?.(reply.report);
    }
    if (reply.type === 'graded') return { report: reply.report };
    // No grade follows these (engine-server.ts grades only a record without a blocking error).
    if (reply.type === 'run-failed' || (reply.type === 'record' && reply.blockingError !== undefined)) return { report: null };
    return undefined;
  });
  // A Run that ends without asking for its grade (replaced, blocked) must not leave a rejection unhandled.
  done.catch(() => undefined);
  return {
    get latest() {
      return latest;
    },
    follow(listener) {
      onUpdate = listener;
      if (latest) listener?.(latest);
      return done.then((d) => d.report);
    },
    forget: () => stop.abort(),
  };
}

/**
 * Loads the lab's kind and checks in the engine and returns the plan that runs there.
 * Rejects with the engine's message when they do not load (a chunk gone after a redeploy),
 * which the session shows with Retry.
 */
export async function remoteRunPlan(port: EngineClientPort, lab: KindLab, kind: LabKindId, progress?: SavedProgress): Promise<RunPlan<RunRecordBase, unknown>> {
  const planId = nextId++;
  const loaded = await new Promise<{ checks: CheckListing[]; concurrency: number; reads: string[] }>((resolve, reject) => {
    const stop = port.listen((reply) => {
      if (reply.type === 'crashed') reject(new Error(reply.message));
      else if ((reply.type === 'loaded' || reply.type === 'load-failed') && reply.planId === planId) {
        if (reply.type === 'loaded') resolve(reply);
        else reject(new Error(reply.message));
      } else return;
      stop();
    });
    port.post({ type: 'load', planId, lab, kind });
  });

  /**
   * Set when the engine's worker failed: this plan's port goes nowhere, so every step fails at
   * once with it, and the session loads a new plan (a new engine) for the next Run.
   */
  let failed: string | null = null;
  const stopWatching = port.listen((reply) => {
    if (reply.type === 'crashed') failed ??= reply.message;
  });

  /** The saved work of the labs this plan's Runs read, and nothing else. */
  const savedWork = (): ProgressSnapshot => {
    const labs = progress?.getState().labs ?? {};
    return { labs: Object.fromEntries(loaded.reads.filter((id) => Object.hasOwn(labs, id)).map((id) => [id, labs[id]])) };
  };

  /** Each Run's id, by the signal the session gives everything of that Run. */
  const runIds = new WeakMap<AbortSignal, number>();
  /**
   * Each Run's grade, begun in the engine with its run (`run` carries it): the replies are
   * taken from the moment `run` is sent, so an update that comes before the session asks
   * for the grade (`grade`) is not lost. Forgotten when the grade is asked for or the Run ends.
   */
  const grades = new Map<number, EngineGrade>();
  /** What the engine said about each record it sent. */
  const verdicts = new WeakMap<RunRecordBase, { blockingError?: string; markers: FileMarker[] }>();
  const runIdOf = (signal: AbortSignal) => {
    const runId = runIds.get(signal);
    if (runId === undefined) throw new Error('a Run step came before the Run began');
    return runId;
  };

  /**
   * Waits for the reply of this Run that `pick` accepts; rejects when the worker crashed,
   * and when the Run's signal aborts (the session has moved on and ignores the answer).
   */
  const awaitReply = <T>(runId: number, signal: AbortSignal, pick: (reply: EngineReply) => T | undefined): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const finish = () => {
        stop();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => (finish(), reject(new EngineGone('The Run was cancelled.')));
      if (failed !== null) return reject(new EngineGone(failed));
      const stop = port.listen((reply) => {
        if (reply.type === 'crashed') return finish(), reject(new EngineGone(reply.message));
        if (!('runId' in reply) || reply.runId !== runId) return;
        const picked = pick(reply);
        if (picked !== undefined) finish(), resolve(picked);
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort);
    });

  const listing: Gradable[] = loaded.checks.map((check) => ({
    ...check,
    run: () => Promise.reject(new Error('this check runs in the lab engine')),
  }));

  return {
    concurrency: loaded.concurrency,
    usable: () => failed === null,
    dispose() {
      stopWatching();
      if (failed === null) port.post({ type: 'unload', planId });
    },
    begin(signal) {
      const runId = nextId++;
      runIds.set(signal, runId);
      port.post({ type: 'begin', planId, runId });
      const cancel = () => port.post({ type: 'cancel', runId });
      signal.addEventListener('abort', cancel, { once: true });
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        signal.removeEventListener('abort', cancel);
        grades.get(runId)?.forget();
        grades.delete(runId);
        port.post({ type: 'end', runId });
      };
    },
    items(files, signal) {
      const runId = runIds.get(signal);
      // Outside a Run (the check list shown before the first one) nothing is sent.
      if (runId !== undefined) port.post({ type: 'items', runId, files, progress: savedWork() });
      return listing.map((item) => ({ ...item }));
    },
    async run(_files, settings, signal, next) {
      const runId = runIdOf(signal);
      const answer = awaitReply(runId, signal, (reply) => (reply.type === 'record' || reply.type === 'run-failed' ? reply : undefined));
      grades.set(runId, followGrade(runId, signal, awaitReply));
      port.post({ type: 'run', runId, settings, grade: next });
      let reply;
      try {
        reply = await answer;
      } catch (err) {
        if (err instanceof EngineGone && !signal.aborted) throw new Error(`the lab engine failed (${err.message}); press Run again, your work is saved`);
        throw err;
      }
      if (reply.type === 'run-failed') throw new Error(reply.message);
      // In slices, each its own task: a million-point answer unpacked at once was the page's longest task of a Run.
      await unpackFrameValuesInSlices((reply.record as { output?: { ok?: boolean; value?: unknown } }).output?.value, nextTask);
      verdicts.set(reply.record, { blockingError: reply.blockingError, markers: reply.markers });
      return reply.record;
    },
    blockingError: (record) => verdicts.get(record)?.blockingError,
    markers: (record) => verdicts.get(record)?.markers ?? [],
    async grade(_items, options, initial) {
      const runId = runIdOf(options.signal);
      const begun = grades.get(runId);
      grades.delete(runId);
      if (!begun) return blockedReport(initial, 'The checks did not start: the Run was not sent to the lab engine. Press Run again; your work is saved.');
      const latest = () => begun.latest ?? initial;
      try {
        const report = await begun.follow(options.onUpdate);
        return report ?? blockedReport(latest(), 'The lab engine did not grade this Run. Press Run again; your work is saved.');
      } catch (err) {
        // Cancelled: what the page already shows, with the unfinished checks skipped.
        if (options.signal.aborted) return cancelledReport(latest());
        return blockedReport(latest(), `The checks stopped: the lab engine failed (${(err as Error).message}). Reload the page and Run again; your work is saved.`);
      }
    },
  };
}
