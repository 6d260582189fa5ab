/**
 * The lab engine's worker side (docs/decisions/0009-engine-worker.md): loads a lab's kind
 * and checks, and for each Run opens a sandbox session, makes the check context, runs the
 * kind's Run and, straight after its record, grades the checks, answering the page over `port`
 * (engine-protocol.ts). Everything the page's thread used to do for a Run but render
 * happens here: the sandboxes' messages are parsed, their upstream calls answered by the
 * MSW handlers and their kill timers kept on this thread, which a busy page cannot delay.
 * Environment-neutral: the browser worker (components/lab/engine-worker.ts) and the
 * tests (a MessageChannel and Node sandboxes) both call it.
 */
import type { LabCheck } from '../checks/types';
import type { GradeReport } from '../grading/contract';
import { blockedReport, grade, type Gradable } from '../grading/grade';
import type { KindEnvironment, KindLab, LabKind, LabKindId, RunRecordBase } from '../kinds/types';
import { packFrameValues } from '../runtime/frame-transfer';
import { channelEndpoint } from '../runtime/sandbox/channel-endpoint';
import type { SandboxHost, SandboxSession, SpawnSandbox } from '../runtime/sandbox/host';
import type { EnginePort, EngineReply, EngineRequest, ProgressSnapshot } from './engine-protocol';
import type { NextGrade } from './session';
import { checkConcurrency, kindPlan, type KindPlan } from './kind-plan';
import { latestEvery } from './latest-every';

export interface EngineServerOptions {
  /** The sandboxes' host: a pool of `MAX_CHECK_LANES`, every Run in a session of its own. */
  host: SandboxHost;
  loadKind(id: LabKindId): Promise<LabKind>;
  loadChecks(labId: string): Promise<readonly LabCheck<unknown>[]>;
}

interface Plan {
  lab: KindLab;
  kind: LabKind;
  checks: readonly LabCheck<unknown>[];
  /** The labs whose saved work its Runs read. */
  reads: readonly string[];
}

interface ServedRun {
  plan: Promise<Plan>;
  controller: AbortController;
  session: SandboxSession;
  /** Each step of the Run waits for the one before (the page sends them in order and may not wait). */
  queue: Promise<unknown>;
  files?: Record<string, string>;
  /** The kind's plan for this Run, with its sandbox session and saved work. */
  steps?: KindPlan;
  items?: Gradable[];
  /** Why the check context could not be made: the Run and its grade end with it. */
  itemsError?: string;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Long number columns of a handler's queryData record go as transferred Float64Arrays
 * (frame-transfer.ts); the page unpacks them. Packing empties the engine's copy, so only
 * records nothing here reads again are packed: the handler kind's Run record. (The operate
 * kind shares its Run record with its checks; its invocation is not queryData.)
 */
function transferable(record: RunRecordBase): ArrayBuffer[] {
  const output = (record as { output?: { ok?: boolean; value?: unknown } }).output;
  return record.invocation === 'queryData' && output?.ok ? packFrameValues(output.value) : [];
}

/**
 * How often, at most, a running grade's report crosses to the page. The page draws it no
 * more often than every 100 ms (components/session/use-session.ts), and every crossing is a
 * structured clone of the whole report on both threads: relaying each change, a Run of the
 * first Week 2 lab sent ~30 of them, ~1 ms each on the page's thread, all while the lab's
 * two workers wanted both cores.
 */
const GRADE_UPDATE_INTERVAL_MS = 50;

/** Serves the page on `port` until the returned function is called. */
export function serveLabEngine(port: EnginePort<EngineReply, EngineRequest>, options: EngineServerOptions): () => void {
  const plans = new Map<number, Promise<Plan>>();
  const runs = new Map<number, ServedRun>();

  /**
   * Runs `step` after the Run's earlier steps. A step for a Run the engine does not know (its
   * `begin` named a plan that did not load) is answered at once, so the page never waits.
   */
  const then = (message: Extract<EngineRequest, { runId: number }>, step: (run: ServedRun) => Promise<void>) => {
    const run = runs.get(message.runId);
    if (!run) {
      if (message.type === 'run') port.post({ type: 'run-failed', runId: message.runId, message: 'the lab engine has no such Run (its checks did not load); press Run again' });
      return;
    }
    run.queue = run.queue.then(() => step(run)).catch((err) => console.error('The lab engine failed a step of a Run:', err));
  };

  /** Grades a Run whose record does not block it, right after the record: `update`s, then one `graded`. */
  const gradeRun = async (items: Gradable[], signal: AbortSignal, runId: number, next: NextGrade) => {
    let report;
    const updates = latestEvery<GradeReport>(GRADE_UPDATE_INTERVAL_MS, (latest) => port.post({ type: 'update', runId, report: latest }));
    try {
      report = await grade(items, { signal, order: next.order, concurrency: next.concurrency, onUpdate: updates.update }, next.initial);
    } catch (err) {
      // A bug of ours (a bad order, a report that would not clone): the page must hear an end.
      report = blockedReport(next.initial, `The checks stopped: ${messageOf(err)}`, 0);
    } finally {
      updates.stop();
    }
    port.post({ type: 'graded', runId, report });
  };

  const handle = (message: EngineRequest) => {
    switch (message.type) {
      case 'load': {
        const plan = Promise.all([options.loadKind(message.kind), options.loadChecks(message.lab.id)]).then(async ([kind, checks]) => ({
          lab: message.lab,
          kind,
          checks,
          reads: (await kind.savedWorkRead?.(message.lab)) ?? [],
        }));
        plans.set(message.planId, plan);
        plan.then(
          ({ kind, checks, reads }) =>
            port.post({
              type: 'loaded',
              planId: message.planId,
              checks: checks.map((c) => ({ id: c.id, title: c.title, task: c.task, hint: c.hint })),
              concurrency: checkConcurrency(kind),
              reads: [...reads],
            }),
          (err) => {
            plans.delete(message.planId);
            port.post({ type: 'load-failed', planId: message.planId, message: messageOf(err) });
          },
        );
        return;
      }
      case 'unload':
        plans.delete(message.planId);
        return;
      case 'warm':
        void options.host.warmUp().then(() => port.post({ type: 'warmed' }));
        return;
      case 'begin': {
        const plan = plans.get(message.planId);
        if (!plan) return;
        runs.set(message.runId, { plan, controller: new AbortController(), session: options.host.session(), queue: Promise.resolve() });
        return;
      }
      case 'items':
        return then(message, async (run) => {
          try {
            const { lab, kind, checks } = await run.plan;
            const snapshot: ProgressSnapshot = message.progress;
            const env: KindEnvironment = { sandbox: run.session, progress: { getState: () => snapshot } };
            run.files = message.files;
            run.steps = kindPlan(kind, checks, lab, () => env);
            run.items = run.steps.items(run.files, run.controller.signal);
          } catch (err) {
            run.itemsError = messageOf(err);
          }
        });
      case 'run':
        return then(message, async (run) => {
          let blockingError: string | undefined;
          let items: Gradable[];
          try {
            if (!run.steps || !run.files || !run.items) throw new Error(run.itemsError ?? 'the Run sent no files');
            items = run.items;
            const record = await run.steps.run(run.files, message.settings, run.controller.signal, message.grade);
            blockingError = run.steps.blockingError(record);
            const markers = run.steps.markers(record);
            port.post({ type: 'record', runId: message.runId, record, ...(blockingError === undefined ? {} : { blockingError }), markers }, transferable(record));
          } catch (err) {
            port.post({ type: 'run-failed', runId: message.runId, message: messageOf(err) });
            return;
          }
          if (blockingError === undefined) await gradeRun(items, run.controller.signal, message.runId, message.grade);
        });
      case 'cancel':
        runs.get(message.runId)?.controller.abort();
        return;
      case 'end': {
        const run = runs.get(message.runId);
        if (!run) return;
        runs.delete(message.runId);
        run.controller.abort();
        run.session.close();
        return;
      }
    }
  };

  return port.listen((message) => handle(message));
}

/**
 * Sandboxes for the engine's host, made by the page: the engine cannot make a frame, so it
 * asks the page for one (`spawn`) and hands it one end of a new channel; the sandbox's
 * worker gets that end, and its messages come straight here, never through the page.
 */
export function pageSandboxes(port: EnginePort<EngineReply, EngineRequest>): SpawnSandbox {
  let nextSandbox = 1;
  return () => {
    const sandboxId = nextSandbox++;
    const channel = new MessageChannel();
    port.post({ type: 'spawn', sandboxId }, [channel.port2]);
    return channelEndpoint(channel.port1, () => port.post({ type: 'destroy', sandboxId }));
  };
}
