/**
 * The app's side of the sandbox: keeps a small pool of warm sandboxes, gives runs
 * sandboxes from it, answers the handler's upstream requests, enforces the time limit
 * and the per-run limits, and destroys sandboxes a run may have spoiled.
 * Platform-neutral: `spawn` creates the isolated context (an opaque-origin iframe +
 * worker in the browser, a worker thread in Node tests).
 *
 * Two isolations (`SandboxHostOptions.isolation`):
 * - `'run'`: one sandbox serves exactly one run, then it is destroyed. Nothing a run
 *   leaves behind (a microtask flood, a port ping-pong, a listener that fires later,
 *   state kept on a built-in, a library or a closure) can reach the next run, which
 *   starts in a new realm. Structural, and costly: a sandbox start (the worker bundle
 *   compiled and evaluated) per run, about 0.5 s in a Node thread and 1 to 3 s in a
 *   browser worker on a busy 2-core machine.
 * - `'shared'` (the default): a sandbox serves runs one after another and is replaced
 *   after a run that changed the built-ins, globals or imported modules (tamper-check.ts),
 *   that left work starving its event loop (no `idle` after `done`), or that had to be
 *   killed; a run killed at the time limit in a reused sandbox runs again in a fresh one,
 *   so work an earlier run left behind cannot make it fail. Fast, and not a boundary:
 *   state can still hide where no property leads (a library's closure), and work left
 *   behind can still run during a later run.
 */
import type { RunError } from '../errors';
import type { Invocation, RunOutput } from '../execute';
import { LIMITS, OUTPUT_SCHEMAS, workerMessageSchema, type HostMessage, type SerializedRequest, type SerializedResponse } from '../protocol';
import type { LogEntry } from '../wire';
import { MESSAGE_LIMITS, RUN_MESSAGE_LIMITS, measureOutput, tooLargeMessage } from '../output-budget';
import { unpackFrameValues } from '../frame-transfer';

/** One live sandbox: a channel to a worker that can be destroyed at any time. */
export interface SandboxEndpoint {
  post(message: HostMessage): void;
  onMessage(listener: (data: unknown) => void): void;
  destroy(): void;
}
export type SpawnSandbox = () => SandboxEndpoint;

/** An upstream request as the host passes it on: what the handler sent, and when on the run's virtual clock. */
export type UpstreamRequest = SerializedRequest & {
  /** Virtual ms since the run started, as the worker reported it (see docs/decisions/0004-virtual-time.md). */
  atMs?: number;
};

/**
 * What the resolver answers, at once whatever the latency (virtual time): the response
 * and its virtual latency, `hang` for an upstream that never answers, or a bare response
 * (latency 0).
 */
export type UpstreamAnswer = SerializedResponse | { response: SerializedResponse; latencyMs: number } | { hang: true };

/**
 * The reason the host aborts an upstream request's signal with: who ended the call
 * (`handler`: its own signal aborted the fetch; `run-end`: the run ended with the call
 * still open) and at what virtual instant (ms since the run started).
 */
export interface UpstreamAbort {
  by: 'handler' | 'run-end';
  atMs: number;
}

/** Answers one upstream request from the handler. Never performs a real network call. */
export type UpstreamResolver = (request: UpstreamRequest, signal: AbortSignal) => Promise<UpstreamAnswer>;

export interface RunJob {
  files: Record<string, string>;
  entry: string;
  invocation: Invocation;
  request: unknown;
  upstream: UpstreamResolver;
  /**
   * Virtual ms after which the handler's abort signal fires; a handler still waiting
   * `KILL_GRACE_MS` virtual ms later ends as a timeout at once. A CPU loop is killed
   * when the worker has been busy that long on the wall clock.
   */
  timeLimitMs: number;
  /** What `Date.now()` reads in the sandbox when the run starts (epoch ms): the request's time. Default: the wall clock's now. */
  epochMs?: number;
  /**
   * Cancels the run (Cancel, or a new Run): the worker aborts the handler's ctx.signal;
   * a run still going `KILL_GRACE_MS` later is killed as for a timeout. The output is a
   * `cancelled` RunError either way. A job aborted before it starts never runs.
   */
  signal?: AbortSignal;
}


/** A timeout RunError: the same words whether the run was killed in a loop or stalled at its virtual limit. */
function timeoutError(timeLimitMs: number): RunError {
  return {
    kind: 'timeout',
    message: `The run did not finish within ${timeLimitMs} ms and was stopped. Look for a loop that never ends or a promise that never settles, and make sure upstream calls use ctx.signal.`,
  };
}

/** The RunError of a cancelled run. */
export const CANCELLED_ERROR: RunError = { kind: 'cancelled', message: 'The run was cancelled before it finished.' };

export interface RawRun {
  output: RunOutput;
  logs: LogEntry[];
  durationMs: number;
  /** True when the sandbox had to be killed before it answered (time limit, or a cancel the handler ignored), or stalled at its virtual time limit. */
  killed: boolean;
  /** Where the run's virtual clock stood when it ended (ms since it started): the clock of upstream calls and logs. */
  virtualMs?: number;
}

export interface SandboxHostOptions {
  /** `'run'`: a fresh sandbox for every run. `'shared'` (default): sandboxes are reused while they stay clean. See the module comment. */
  isolation?: 'run' | 'shared';
  /**
   * Sandboxes kept started and unused, so a run does not wait for one to start. Each
   * costs a worker's memory (the bundle evaluated: some tens of MB).
   */
  poolSize?: number;
  /** Runs that may go at once, each in its own sandbox. */
  maxConcurrent?: number;
}

/** How long past the soft limit a run may go on before the sandbox is killed. */
export const KILL_GRACE_MS = 400;
/** How long, in all, the kill timer waits for the host's own answers to upstream requests (a page busy that long is broken, not busy). */
const HOST_ANSWER_LIMIT_MS = 30_000;
/** How long a run waits for the sandbox of the run before to say idle, before it takes a fresh one. */
const RETURN_WAIT_MS = 50;
/** How long a new sandbox may take to say it is ready: a 2 MB worker to fetch and compile, slow on a busy machine. */
const START_TIMEOUT_MS = 45_000;

/** A sandbox: started, perhaps not ready yet. */
interface Pooled {
  endpoint: SandboxEndpoint;
  ready: Promise<void>;
  isReady: boolean;
  /** Runs it has served. */
  served: number;
  /** Where the endpoint's messages go: the ready wait first, then the one run it serves. */
  listener: (data: unknown) => void;
}

export class SandboxHost {
  private pool: Pooled[] = [];
  /** Used sandboxes that came back clean and idle (`'shared'` only), most recent last. */
  private reusable: Pooled[] = [];
  /** Used sandboxes whose `idle` has not come yet, each with a promise of whether it came. */
  private returning = new Map<Pooled, Promise<boolean>>();
  private readonly inUse = new Set<SandboxEndpoint>();
  private runCounter = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly poolSize: number;
  private readonly maxConcurrent: number;
  private readonly isolation: 'run' | 'shared';

  constructor(
    private readonly spawn: SpawnSandbox,
    options: SandboxHostOptions = {},
  ) {
    this.isolation = options.isolation ?? 'shared';
    this.poolSize = Math.max(1, options.poolSize ?? (this.isolation === 'run' ? 2 : 1));
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 4);
  }

  /**
   * Runs a job in a sandbox of its own, which is destroyed when the run ends. Up to
   * `maxConcurrent` jobs run at once; later ones wait for a slot.
   */
  async run(job: RunJob): Promise<RawRun> {
    if (job.signal?.aborted) return { output: { ok: false, error: CANCELLED_ERROR }, logs: [], durationMs: 0, killed: false };
    await this.slot();
    try {
      const first = await this.runNow(job, false);
      // Work an earlier run left in this sandbox may be what held this run up: a verdict
      // of "too slow" is only given by a sandbox that served nobody before.
      if (first.retry) return (await this.runNow(job, true)).raw;
      return first.raw;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Starts the pool ahead of the first run, so the first Run is quick. Resolves when one sandbox is ready. */
  warmUp(): Promise<void> {
    this.refill();
    return Promise.any(this.pool.map((p) => p.ready)).catch(() => undefined);
  }

  /** Destroys every sandbox, warm or running (a running job then ends as killed). The pool refills on the next run. */
  dispose(): void {
    for (const p of [...this.pool, ...this.reusable, ...this.returning.keys()]) p.endpoint.destroy();
    this.pool = [];
    this.reusable = [];
    this.returning.clear();
    for (const endpoint of this.inUse) endpoint.destroy();
  }

  private slot(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.running++, resolve())));
  }

  /** Starts sandboxes until the pool holds `poolSize` unused ones. */
  private refill(): void {
    while (this.pool.length < this.poolSize) this.pool.push(this.startOne());
  }

  private startOne(): Pooled {
    const endpoint = this.spawn();
    let onReady: () => void = () => {};
    const pooled: Pooled = {
      endpoint,
      isReady: false,
      served: 0,
      ready: new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The sandbox did not start in time.')), START_TIMEOUT_MS);
        onReady = () => {
          clearTimeout(timer);
          pooled.isReady = true;
          resolve();
        };
      }),
      listener: (data) => {
        if ((data as { type?: unknown } | null)?.type === 'ready' && !pooled.isReady) onReady();
      },
    };
    endpoint.onMessage((data) => pooled.listener(data));
    pooled.ready.catch(() => {
      endpoint.destroy();
      this.pool = this.pool.filter((p) => p !== pooled);
    });
    return pooled;
  }

  /**
   * A sandbox for the next run: with `'shared'`, a used one that came back clean (or
   * one about to, if it says idle before a fresh one is ready); otherwise a fresh one
   * from the pool (a ready one first), which starts a replacement.
   */
  private async take(fresh: boolean): Promise<Pooled> {
    if (this.isolation === 'shared' && !fresh) {
      const reused = this.reusable.pop();
      if (reused) return reused;
      // The sandbox of the run just before is usually a moment from saying idle: worth a
      // short wait, since a fresh one costs a sandbox start to replace.
      const [returning] = this.returning.keys();
      if (returning) {
        const came = await Promise.race([this.returning.get(returning)!, new Promise<boolean>((r) => setTimeout(() => r(false), RETURN_WAIT_MS))]);
        const index = came ? this.reusable.indexOf(returning) : -1;
        if (index >= 0) return this.reusable.splice(index, 1)[0];
        const other = this.reusable.pop();
        if (other) return other;
      }
    }
    this.refill();
    const index = Math.max(0, this.pool.findIndex((p) => p.isReady));
    const [pooled] = this.pool.splice(index, 1);
    this.refill();
    await pooled.ready;
    return pooled;
  }

  /** Gives a used sandbox back (`'shared'`): reusable once it says idle, destroyed otherwise. */
  private giveBack(sandbox: Pooled, runId: string): void {
    let cameIdle: (came: boolean) => void = () => {};
    const came = new Promise<boolean>((resolve) => (cameIdle = resolve));
    // Cleanup only: a sandbox that is still busy after this long is not worth waiting for.
    const timer = setTimeout(() => settle(false), 2000);
    const settle = (idle: boolean) => {
      clearTimeout(timer);
      if (!this.returning.has(sandbox)) return;
      this.returning.delete(sandbox);
      sandbox.listener = () => {};
      if (idle && this.reusable.length < this.maxConcurrent) this.reusable.push(sandbox);
      else sandbox.endpoint.destroy();
      cameIdle(idle);
    };
    this.returning.set(sandbox, came);
    sandbox.listener = (data) => {
      const message = data as { type?: unknown; runId?: unknown } | null;
      settle(message?.type === 'idle' && message.runId === runId);
    };
  }

  private async runNow(job: RunJob, fresh: boolean): Promise<{ raw: RawRun; retry: boolean }> {
    const started = performance.now();
    let sandbox: Pooled;
    try {
      sandbox = await this.take(fresh);
    } catch (err) {
      return { raw: { output: { ok: false, error: { kind: 'sandbox', message: `The sandbox could not start: ${String(err)}. Reload the page.` } }, logs: [], durationMs: 0, killed: false }, retry: false };
    }
    const endpoint = sandbox.endpoint;
    const reused = sandbox.served++ > 0;
    if (job.signal?.aborted) {
      if (reused) this.reusable.push(sandbox);
      else endpoint.destroy();
      return { raw: { output: { ok: false, error: CANCELLED_ERROR }, logs: [], durationMs: performance.now() - started, killed: false }, retry: false };
    }
    this.inUse.add(endpoint);
    const runId = `run-${++this.runCounter}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
    const logs: LogEntry[] = [];
    // Every request's controller until the run ends: a response answered at once is
    // still open, on the virtual clock, until its latency has passed.
    const fetches = new Map<number, AbortController>();
    /** Fetches the host has not answered yet: the worker's virtual clock waits for them, so the kill timer does too. */
    let hostPending = 0;
    /** The run's virtual clock as the worker last reported it; never goes back. */
    let virtualNow = 0;
    const sawVirtual = (atMs: number | undefined) => {
      if (typeof atMs === 'number' && atMs > virtualNow) virtualNow = atMs;
    };
    // What this run has sent, whatever it claims to be: the worker keeps these limits
    // too, but a handler that got hold of the port would not, so the host counts.
    let messages = 0;
    let messageBytes = 0;
    let fetchCount = 0;
    let logChars = 0;
    let logLimitSaid = false;

    return new Promise<{ raw: RawRun; retry: boolean }>((resolve) => {
      let cancelled = false;
      let ended = false;
      let cancelTimer: ReturnType<typeof setTimeout> | undefined;
      /** `clean`: the worker answered and said it changed nothing, so it may serve again. */
      const finish = (output: RunOutput, killed: boolean, clean = false, stalled = false) => {
        if (ended) return;
        ended = true;
        clearTimeout(killTimer);
        clearTimeout(cancelTimer);
        job.signal?.removeEventListener('abort', onAbort);
        sandbox.listener = () => {};
        this.inUse.delete(endpoint);
        if (this.isolation === 'shared' && clean && !killed) this.giveBack(sandbox, runId);
        else endpoint.destroy(); // whatever the run left behind goes with its worker
        const runEnd: UpstreamAbort = { by: 'run-end', atMs: virtualNow };
        fetches.forEach((c) => c.abort(runEnd));
        // A stall is the handler's own doing, on a clock nothing else moves: no retry.
        const timedOut = killed && !stalled && !cancelled && output.ok === false && output.error.kind === 'timeout';
        // Whatever a cancelled run still sent back is not an answer anyone asked for.
        resolve({
          raw: { output: cancelled ? { ok: false, error: CANCELLED_ERROR } : output, logs, durationMs: performance.now() - started, killed, virtualMs: virtualNow },
          retry: timedOut && reused && !job.signal?.aborted,
        });
      };

      const onAbort = () => {
        cancelled = true;
        endpoint.post({ type: 'abort', runId });
        // A handler that ignores ctx.signal is stopped the only way a busy loop can be.
        cancelTimer = setTimeout(() => finish({ ok: false, error: CANCELLED_ERROR }, true), KILL_GRACE_MS);
      };
      job.signal?.addEventListener('abort', onAbort, { once: true });

      // Real time, for a CPU loop only (waiting is virtual and ends in the worker). While
      // the host itself has not answered a fetch, the worker is waiting on the page, not
      // busy: a slow page restarts the timer rather than failing the handler.
      const killAfterMs = job.timeLimitMs + KILL_GRACE_MS;
      // A resolver that never answers would otherwise hold the run forever.
      let rearmsLeft = Math.ceil(HOST_ANSWER_LIMIT_MS / killAfterMs);
      const onKillTimer = () => {
        if (hostPending > 0 && rearmsLeft-- > 0) {
          killTimer = setTimeout(onKillTimer, killAfterMs);
          return;
        }
        finish({ ok: false, error: timeoutError(job.timeLimitMs) }, true); // a busy loop cannot be interrupted any other way
      };
      let killTimer = setTimeout(onKillTimer, killAfterMs);

      const flooded = (what: string) =>
        finish(
          {
            ok: false,
            error: {
              kind: 'output',
              message: `The run was stopped because it sent the page ${what}. A handler sends the page its log lines, its upstream requests and one answer; keep logs under ${LIMITS.logsPerRun} lines and upstream requests under ${LIMITS.fetchesPerRun} per run.`,
            },
          },
          true,
        );

      sandbox.listener = (data: unknown) => {
        if (ended) return;
        if (++messages > RUN_MESSAGE_LIMITS.maxMessages) return flooded(`more than ${RUN_MESSAGE_LIMITS.maxMessages.toLocaleString('en')} messages`);
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
        messageBytes += size.bytes;
        if (messageBytes > RUN_MESSAGE_LIMITS.maxBytes) return flooded(`more than ${Math.round(RUN_MESSAGE_LIMITS.maxBytes / 1024 / 1024)} MB`);
        const parsed = workerMessageSchema.safeParse(data);
        if (!parsed.success) {
          if (isOurDone) finish({ ok: false, error: { kind: 'output', message: unreadableAnswer(parsed.error.issues) } }, false);
          return; // not a message we accept; ignore rather than trust
        }
        const message = parsed.data;
        if (message.type === 'ready' || message.type === 'idle' || message.runId !== runId) return;
        if (message.type === 'log') {
          sawVirtual(message.entry.atMs);
          const chars = message.entry.message.length + Object.entries(message.entry.fields).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
          if (logs.length < LIMITS.logsPerRun && logChars < LIMITS.logCharsPerRun) {
            logs.push(message.entry);
            logChars += chars;
          } else if (!logLimitSaid) {
            // The worker says so itself; this line is for a run that went around it.
            logLimitSaid = true;
            if (!/^Log limit reached/.test(message.entry.message)) {
              logs.push({ level: 'warn', source: 'logger', fields: {}, atMs: message.entry.atMs, message: `Log limit reached (${LIMITS.logsPerRun} entries or ${LIMITS.logCharsPerRun.toLocaleString('en')} characters per run): later entries of this run are dropped.` });
            } else logs.push(message.entry);
          }
        } else if (message.type === 'fetch-abort') {
          sawVirtual(message.atMs);
          const abort: UpstreamAbort = { by: 'handler', atMs: message.atMs };
          fetches.get(message.fetchId)?.abort(abort);
        } else if (message.type === 'fetch') {
          sawVirtual(message.atMs);
          if (++fetchCount > LIMITS.fetchesPerRun || fetches.has(message.fetchId)) {
            const error = fetchCount > LIMITS.fetchesPerRun ? `A run may make at most ${LIMITS.fetchesPerRun} upstream requests.` : 'This request id is already in use.';
            endpoint.post({ type: 'fetch-result', runId, fetchId: message.fetchId, error });
            return;
          }
          const controller = new AbortController();
          fetches.set(message.fetchId, controller);
          hostPending++;
          job
            .upstream({ ...message.request, atMs: message.atMs }, controller.signal)
            .then(
              (answer) => {
                if (ended) return;
                const fetchId = message.fetchId;
                if ('hang' in answer) endpoint.post({ type: 'fetch-result', runId, fetchId, hang: true });
                else if ('response' in answer) endpoint.post({ type: 'fetch-result', runId, fetchId, response: answer.response, latencyMs: answer.latencyMs });
                else endpoint.post({ type: 'fetch-result', runId, fetchId, response: answer, latencyMs: 0 });
              },
              (err) => !ended && endpoint.post({ type: 'fetch-result', runId, fetchId: message.fetchId, error: err instanceof Error ? err.message : String(err) }),
            )
            .finally(() => hostPending--);
        } else if (message.type === 'done') {
          sawVirtual(message.atMs);
          const clean = message.tainted === false;
          // Still waiting at the virtual limit: a timeout, as the kill timer would give, without the wait.
          if (message.stalled) finish({ ok: false, error: timeoutError(job.timeLimitMs) }, true, false, true);
          else if (!message.output.ok) finish(message.output, false, clean);
          else {
            const value = OUTPUT_SCHEMAS[job.invocation].safeParse(message.output.value);
            if (!value.success) finish({ ok: false, error: { kind: 'output', message: unreadableAnswer(value.error.issues) } }, false, clean);
            else {
              unpackFrameValues(value.data);
              finish({ ok: true, value: value.data } as RunOutput, false, clean);
            }
          }
        }
      };
      endpoint.post({ type: 'run', runId, files: job.files, entry: job.entry, invocation: job.invocation, request: job.request, softLimitMs: job.timeLimitMs, epochMs: job.epochMs ?? Date.now() });
    });
  }
}

/** Says which part of the handler's answer broke the wire schema, e.g. a 5000-character field name. */
function unreadableAnswer(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const path = first?.path.filter((p) => p !== 'output' && p !== 'value').map(String).join('.') ?? '';
  return `The handler's answer cannot be shown: ${path ? `${path}: ` : ''}${first?.message ?? 'it does not match the expected shape'}. Keep names under 1,000 characters, refIds under 200, and messages under 10,000.`.slice(0, 4000);
}
