/**
 * The app's side of the sandbox: starts it, sends runs, answers the handler's
 * upstream requests, enforces the time limit and restarts the sandbox after it had
 * to be killed. Platform-neutral: `spawn` creates the isolated context (an
 * opaque-origin iframe + worker in the browser, a worker thread in Node tests).
 */
import type { RunError } from '../errors';
import type { Invocation, RunOutput } from '../execute';
import { LIMITS, OUTPUT_SCHEMAS, workerMessageSchema, type HostMessage, type SerializedRequest, type SerializedResponse } from '../protocol';
import type { LogEntry } from '../wire';
import { MESSAGE_LIMITS, measureOutput, tooLargeMessage } from '../output-budget';
import { unpackFrameValues } from '../frame-transfer';

/** One live sandbox: a channel to a worker that can be destroyed at any time. */
export interface SandboxEndpoint {
  post(message: HostMessage): void;
  onMessage(listener: (data: unknown) => void): void;
  destroy(): void;
}
export type SpawnSandbox = () => SandboxEndpoint;

/** Answers one upstream request from the handler. Never performs a real network call. */
export type UpstreamResolver = (request: SerializedRequest, signal: AbortSignal) => Promise<SerializedResponse>;

export interface RunJob {
  files: Record<string, string>;
  entry: string;
  invocation: Invocation;
  request: unknown;
  upstream: UpstreamResolver;
  /** When the handler's abort signal fires. A loop that ignores it is killed `KILL_GRACE_MS` later. */
  timeLimitMs: number;
  /**
   * Cancels the run (Cancel, or a new Run): the worker aborts the handler's ctx.signal;
   * a run still going `KILL_GRACE_MS` later is killed as for a timeout. The output is a
   * `cancelled` RunError either way. A job aborted before it starts never runs.
   */
  signal?: AbortSignal;
}

/**
 * The abort reason of an upstream request the handler left open when its run ended
 * (answered, cancelled or killed). The host closes such requests itself; the upstream
 * bridge records them apart from requests the handler aborted, so a check can tell a
 * timeout or cancellation that reached the call from one that only stopped waiting.
 */
export const RUN_ENDED_REASON = 'the run ended with this request still open';

/** The RunError of a cancelled run. */
export const CANCELLED_ERROR: RunError = { kind: 'cancelled', message: 'The run was cancelled before it finished.' };

export interface RawRun {
  output: RunOutput;
  logs: LogEntry[];
  durationMs: number;
  /** True when the sandbox had to be killed (the next run starts a fresh one). */
  killed: boolean;
}

/** How long past the soft limit a run may go on before the sandbox is killed. */
export const KILL_GRACE_MS = 400;
/** How long a new sandbox may take to say it is ready: a 2 MB worker to fetch and compile, slow on a busy machine. */
const START_TIMEOUT_MS = 45_000;

export class SandboxHost {
  private endpoint: SandboxEndpoint | null = null;
  private ready: Promise<void> | null = null;
  private listeners = new Set<(message: unknown) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private runCounter = 0;

  constructor(private readonly spawn: SpawnSandbox) {}

  /** Runs jobs one at a time: a handler owns the sandbox's `fetch` while it runs. */
  run(job: RunJob): Promise<RawRun> {
    const result = this.queue.then(() => this.runNow(job));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Starts the sandbox ahead of the first run, so the first Run is quick. */
  warmUp(): Promise<void> {
    return this.ensureStarted();
  }

  dispose(): void {
    this.endpoint?.destroy();
    this.endpoint = null;
    this.ready = null;
  }

  private ensureStarted(): Promise<void> {
    if (this.ready) return this.ready;
    const endpoint = this.spawn();
    this.endpoint = endpoint;
    endpoint.onMessage((data) => this.listeners.forEach((l) => l(data)));
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The sandbox did not start in time.')), START_TIMEOUT_MS);
      const onReady = (data: unknown) => {
        if ((data as { type?: unknown })?.type !== 'ready') return;
        clearTimeout(timer);
        this.listeners.delete(onReady);
        resolve();
      };
      this.listeners.add(onReady);
    });
    this.ready.catch(() => this.dispose());
    return this.ready;
  }

  private async runNow(job: RunJob): Promise<RawRun> {
    const started = performance.now();
    if (job.signal?.aborted) return { output: { ok: false, error: CANCELLED_ERROR }, logs: [], durationMs: 0, killed: false };
    try {
      await this.ensureStarted();
    } catch (err) {
      return { output: { ok: false, error: { kind: 'sandbox', message: `The sandbox could not start: ${String(err)}. Reload the page.` } }, logs: [], durationMs: 0, killed: false };
    }
    if (job.signal?.aborted) return { output: { ok: false, error: CANCELLED_ERROR }, logs: [], durationMs: performance.now() - started, killed: false };
    const endpoint = this.endpoint!;
    const runId = `run-${++this.runCounter}-${Math.random().toString(36).slice(2)}`;
    const logs: LogEntry[] = [];
    const fetches = new Map<number, AbortController>();

    return new Promise<RawRun>((resolve) => {
      let cancelled = false;
      let cancelTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (output: RunOutput, killed: boolean) => {
        clearTimeout(killTimer);
        clearTimeout(cancelTimer);
        job.signal?.removeEventListener('abort', onAbort);
        this.listeners.delete(onMessage);
        fetches.forEach((c) => c.abort(RUN_ENDED_REASON));
        // Whatever a cancelled run still sent back is not an answer anyone asked for.
        resolve({ output: cancelled ? { ok: false, error: CANCELLED_ERROR } : output, logs, durationMs: performance.now() - started, killed });
      };

      const onAbort = () => {
        cancelled = true;
        endpoint.post({ type: 'abort', runId });
        // A handler that ignores ctx.signal is stopped the only way a busy loop can be.
        cancelTimer = setTimeout(() => {
          this.dispose();
          finish({ ok: false, error: CANCELLED_ERROR }, true);
        }, KILL_GRACE_MS);
      };
      job.signal?.addEventListener('abort', onAbort, { once: true });

      const killTimer = setTimeout(() => {
        this.dispose(); // a busy loop cannot be interrupted any other way
        const error: RunError = {
          kind: 'timeout',
          message: `The run did not finish within ${job.timeLimitMs} ms and was stopped. Look for a loop that never ends or a promise that never settles, and make sure upstream calls use ctx.signal.`,
        };
        finish({ ok: false, error }, true);
      }, job.timeLimitMs + KILL_GRACE_MS);

      const onMessage = (data: unknown) => {
        // The final answer of this run, even if it cannot be used: the learner is told why
        // at once instead of waiting for the time limit.
        const isOurDone = (data as { type?: unknown; runId?: unknown } | null)?.type === 'done' && (data as { runId?: unknown }).runId === runId;
        // Measured before parsing, so an oversized message costs a bounded walk, not a
        // long zod parse on the page's main thread.
        const size = measureOutput(data, MESSAGE_LIMITS);
        if (!size.ok) {
          if (isOurDone) finish({ ok: false, error: { kind: 'output', message: tooLargeMessage(size.reason) } }, false);
          return;
        }
        const parsed = workerMessageSchema.safeParse(data);
        if (!parsed.success) {
          if (isOurDone) finish({ ok: false, error: { kind: 'output', message: unreadableAnswer(parsed.error.issues) } }, false);
          return; // not a message we accept; ignore rather than trust
        }
        const message = parsed.data;
        if (message.type === 'ready' || message.runId !== runId) return;
        if (message.type === 'log') {
          if (logs.length <= LIMITS.logsPerRun) logs.push(message.entry); // the worker caps them too; plus its one 'limit reached' line
        }
        else if (message.type === 'fetch-abort') fetches.get(message.fetchId)?.abort();
        else if (message.type === 'fetch') {
          const controller = new AbortController();
          fetches.set(message.fetchId, controller);
          job
            .upstream(message.request, controller.signal)
            .then(
              (response) => endpoint.post({ type: 'fetch-result', runId, fetchId: message.fetchId, response }),
              (err) => endpoint.post({ type: 'fetch-result', runId, fetchId: message.fetchId, error: err instanceof Error ? err.message : String(err) }),
            )
            .finally(() => fetches.delete(message.fetchId));
        } else if (message.type === 'done') {
          if (!message.output.ok) finish(message.output, false);
          else {
            const value = OUTPUT_SCHEMAS[job.invocation].safeParse(message.output.value);
            if (!value.success) finish({ ok: false, error: { kind: 'output', message: unreadableAnswer(value.error.issues) } }, false);
            else {
              unpackFrameValues(value.data);
              finish({ ok: true, value: value.data } as RunOutput, false);
            }
          }
          // The run changed built-ins or globals: later runs get a clean worker.
          if (message.tainted) this.dispose();
        }
      };
      this.listeners.add(onMessage);
      endpoint.post({ type: 'run', runId, files: job.files, entry: job.entry, invocation: job.invocation, request: job.request, softLimitMs: job.timeLimitMs });
    });
  }
}

/** Says which part of the handler's answer broke the wire schema, e.g. a 5000-character field name. */
function unreadableAnswer(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const path = first?.path.filter((p) => p !== 'output' && p !== 'value').map(String).join('.') ?? '';
  return `The handler's answer cannot be shown: ${path ? `${path}: ` : ''}${first?.message ?? 'it does not match the expected shape'}. Keep names under 1,000 characters, refIds under 200, and messages under 10,000.`.slice(0, 4000);
}
