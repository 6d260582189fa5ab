/**
 * The sandbox side of a run. It lives in a Worker inside an opaque-origin iframe
 * (browser) or a worker thread (Node tests) and talks to the host over one port.
 *
 * - `fetch` is replaced so requests go to the host, which answers them from the
 *   mocked upstreams and records them. (The real barrier to the network is the
 *   sandbox's CSP; this override only routes.)
 * - `console.*` and `ctx.logger` stream log entries to the host as they happen, so
 *   a run that is stopped still shows what it logged.
 *
 * With `isolation: 'run'` (host.ts) a worker serves one run and is then destroyed; with
 * `'shared'` it serves runs one after another until a run changes the built-ins
 * (tamper-check.ts), leaves work that starves it (no `idle` after `done`), or is
 * killed. Either way learner code, during its run, must not reach the private channel: everything the runtime uses to talk to the host
 * (the port's `postMessage`, the `data` getter of message events, the methods it calls
 * on its own objects) is captured before learner code runs, and never read again
 * through a prototype learner code could have changed.
 */
import * as grafanaData from '@grafana/data';
import * as zod from 'zod';
import * as sdk from '../../sdk';
import type { HandlerContext, LogFields } from '../../sdk/contract';
import { execute } from '../execute';
import { limitsFor, type HostMessage, type RunLimits, type SerializedResponse, type WorkerMessage } from '../protocol';
import { copyAnswer } from '../output-budget';
import { watchBuiltins } from './tamper-check';
import { installVirtualClock, type VirtualClock } from './virtual-clock';
import { clipLogLine, toFields, toText, trackChannels, trackTimers } from './run-leftovers';
import { packFrameValues } from '../frame-transfer';
import { primeTranspiles } from './prime';
import type { RunOutput } from '../execute';
import type { ScriptSource } from '../exercise/run-script';

export interface Port {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostMessage> | { data: HostMessage }) => void): void;
  start?(): void;
}

/**
 * Virtual ms a handler gets, after ctx.signal aborted at the run's limit, to answer
 * before it counts as stalled: the host's KILL_GRACE_MS, on the virtual clock.
 */
const KILL_GRACE_VIRTUAL_MS = 400;

const BUILTINS = Object.freeze({ '@grafana/data': grafanaData, zod, '@lab/sdk': sdk });

// A lab's modules run afresh in every run, so each of its zod schemas parses a handful of
// times at most: compiling a fast path for it (zod's JIT, a `new Function` per object
// schema, then kept only for that schema) cost more than it saved (a Chromium profile of
// the first Week 2 lab: ~5 ms a Run). Same results, without the compile.
zod.config({ jitless: true });

type Level = 'debug' | 'info' | 'warn' | 'error';

interface PendingFetch {
  resolve: (r: SerializedResponse) => void;
  reject: (e: unknown) => void;
  /** True until the host answered: virtual time stands still meanwhile. */
  waitingHost: boolean;
  /**
   * The virtual-clock callback that delivers the response at its virtual latency. Created
   * as an own property (undefined at first), so assigning it later never reaches a setter
   * learner code put on Object.prototype.
   */
  delivery: number | undefined;
}
interface ActiveRun {
  runId: string;
  /** This run's limits: an operate run's are scaled to its schedule (protocol.ts limitsFor). */
  limits: RunLimits;
  controller: AbortController;
  logCount: number;
  logChars: number;
  fetchCount: number;
  pendingFetches: Map<number, PendingFetch>;
  /** The exercise script step asked of the host and not yet given. */
  pendingStep?: { index: number; resolve(op: unknown): void };
}

// Captured when the bundle loads, before any learner code. Calls go through `apply`
// with array literals (no spread, no for-of): both would use the array iterator, which
// learner code can replace.
const apply = Reflect.apply;
const hasOwn = Object.hasOwn;
const describe = Object.getOwnPropertyDescriptor;
const realSetTimeout = globalThis.setTimeout;
const realDateNow = Date.now;
const realPerformanceNow = typeof performance === 'object' ? performance.now.bind(performance) : realDateNow;
const realSetImmediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
const RealMessageChannel = globalThis.MessageChannel;
const abortController = AbortController.prototype.abort;
const DOMExceptionCtor = DOMException;
const MapCtor = Map;
const PromiseCtor = Promise;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
const messageData = typeof MessageEvent === 'function' ? describe(MessageEvent.prototype, 'data')?.get : undefined;

/** The `data` of a message event, read with the getter as it was before learner code ran. */
function dataOf(event: unknown): HostMessage | undefined {
  if (messageData) {
    try {
      return apply(messageData, event, []) as HostMessage;
    } catch {
      // Not a MessageEvent: the Node test shim hands over plain { data } objects.
    }
  }
  const own = describe(event as object, 'data');
  return own && hasOwn(own, 'value') ? (own.value as HostMessage) : undefined;
}

/** An own data property of a message the host sent, never one inherited from a prototype learner code may have changed. */
function field<T>(message: object, key: string): T | undefined {
  const own = describe(message, key);
  return own && hasOwn(own, 'value') ? (own.value as T) : undefined;
}

/**
 * A real macrotask hop for the virtual clock: setImmediate where there is one (Node's
 * worker threads), else a MessageChannel message (browsers), never setTimeout(0), which
 * browsers clamp to 4 ms after a few nested calls.
 */
function realHop(): (fn: () => void) => void {
  if (typeof realSetImmediate === 'function') return (fn) => void apply(realSetImmediate, globalThis, [fn]);
  const channel = new RealMessageChannel();
  const waiting: (() => void)[] = [];
  let head = 0;
  channel.port1.onmessage = () => {
    const fn = waiting[head];
    waiting[head++] = undefined as unknown as () => void;
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    }
    fn?.();
  };
  const send = MessagePort.prototype.postMessage;
  const port2 = channel.port2;
  return (fn) => {
    waiting[waiting.length] = fn;
    apply(send, port2, [0]);
  };
}

export function startWorkerRuntime(port: Port): void {
  let active: ActiveRun | null = null;
  /** Set by the first run: a `prime` after it is ignored. */
  let served = false;
  /** The files of the last run message that carried them: what a `sameFiles` run runs. Out of learner code's reach. */
  let lastFiles: Record<string, string> | undefined;
  let nextFetchId = 1;
  // Bound now, before learner code runs: replacing MessagePort.prototype.postMessage
  // later must not let a handler read or rewrite what we send to the host.
  const post: (message: WorkerMessage, transfer?: Transferable[]) => void = port.postMessage.bind(port);
  // Before the timer tracking below, which then wraps the virtual timers.
  const clock: VirtualClock = installVirtualClock({ hop: realHop(), dateNow: realDateNow, perfNow: realPerformanceNow });
  const timers = trackTimers(() => active !== null);
  const channels = trackChannels(() => active !== null);
  // Nested workers would outlive the run (and keep a core busy); a BroadcastChannel would
  // reach other sandboxes of the same origin (in Node, other worker threads). The lab
  // has no use for either.
  for (const name of ['Worker', 'SharedWorker', 'BroadcastChannel']) Reflect.deleteProperty(globalThis, name);
  // The sandbox's CSP already refuses every connection; these stubs only replace the
  // browser's terse refusal (or a silent error event) with a message that says why.
  for (const name of ['XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts']) {
    Reflect.defineProperty(globalThis, name, {
      configurable: true,
      writable: true,
      value: function unavailable() {
        throw new TypeError(`${name} is not available in the lab: code here has no network access. Use fetch() to call the lab's mocked upstreams${name === 'importScripts' ? ", and import the lab's files or the allowed modules" : ''}.`);
      },
    });
  }

  const log = (level: Level, source: 'logger' | 'console', message: unknown, fields?: unknown) => {
    const run = active;
    if (!run || run.logCount >= run.limits.logsPerRun || run.logChars >= run.limits.logCharsPerRun) return;
    const text = clipLogLine(toText(message));
    const entryFields = toFields(fields);
    run.logCount++;
    let chars = text.length;
    for (const key in entryFields) chars += key.length + String(entryFields[key]).length;
    run.logChars += chars;
    post({ type: 'log', runId: run.runId, entry: { level, source, message: text, fields: entryFields, atMs: clock.nowMs() } });
    if (run.logCount >= run.limits.logsPerRun || run.logChars >= run.limits.logCharsPerRun) {
      // Say so once, in the log itself: a flood of logs would otherwise freeze the Logs tab.
      const limit = `Log limit reached (${run.limits.logsPerRun} entries or ${run.limits.logCharsPerRun.toLocaleString('en')} characters per run): later entries of this run are dropped.`;
      post({ type: 'log', runId: run.runId, entry: { level: 'warn', source: 'logger', message: limit, fields: {}, atMs: clock.nowMs() } });
    }
  };

  const logger = Object.freeze({
    debug: (m: string, f?: LogFields) => log('debug', 'logger', m, f),
    info: (m: string, f?: LogFields) => log('info', 'logger', m, f),
    warn: (m: string, f?: LogFields) => log('warn', 'logger', m, f),
    error: (m: string, f?: LogFields) => log('error', 'logger', m, f),
  });

  for (const [method, level] of [['log', 'info'], ['info', 'info'], ['debug', 'debug'], ['warn', 'warn'], ['error', 'error']] as const) {
    console[method] = (...args: unknown[]) => log(level, 'console', args.map(toText).join(' '));
  }

  globalThis.fetch = async function labFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const run = active;
    if (!run) throw new TypeError('fetch is only available while a handler runs.');
    if (++run.fetchCount > run.limits.fetchesPerRun) throw new TypeError(`A run may make at most ${run.limits.fetchesPerRun} upstream requests.`);
    const request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.throwIfAborted();
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    signal?.throwIfAborted(); // the body read took a turn
    const fetchId = nextFetchId++;
    const answer = new Promise<SerializedResponse>((resolve, reject) => apply(mapSet, run.pendingFetches, [fetchId, { resolve, reject, waitingHost: true, delivery: undefined }]));
    const onAbort = () => {
      const pending = apply(mapGet, run.pendingFetches, [fetchId]) as PendingFetch | undefined;
      if (!pending || active !== run) return;
      apply(mapDelete, run.pendingFetches, [fetchId]);
      if (pending.delivery !== undefined) clock.cancel(pending.delivery);
      // The virtual instant of the abort: the host records the call as ended then.
      post({ type: 'fetch-abort', runId: run.runId, fetchId, atMs: clock.nowMs() });
      pending.reject(signal?.reason ?? new DOMExceptionCtor('The operation was aborted.', 'AbortError'));
      if (pending.waitingHost) clock.hostWaitEnd();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    clock.hostWaitBegin();
    post({ type: 'fetch', runId: run.runId, fetchId, atMs: clock.nowMs(), request: { method: request.method, url: request.url, headers: [...request.headers], body } });
    try {
      const r = await answer;
      return new Response(r.status === 204 || r.status === 304 ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };

  // Taken last, after our own changes to the globals above (console, fetch, timers) and
  // after the warm-up below, so what the warm-up initialised is the baseline.
  let builtinsChanged: () => boolean = () => true;

  const onFetchResult = (data: HostMessage & object) => {
    const run = active;
    if (!run || field(data, 'runId') !== run.runId) return;
    const fetchId = field<number>(data, 'fetchId');
    const pending = apply(mapGet, run.pendingFetches, [fetchId]) as PendingFetch | undefined;
    if (!pending || !pending.waitingHost) return;
    pending.waitingHost = false;
    const response = field<SerializedResponse>(data, 'response');
    if (response) {
      // Delivered at its virtual latency, unless an abort comes first.
      const latency = field<number>(data, 'latencyMs');
      pending.delivery = clock.schedule(() => {
        apply(mapDelete, run.pendingFetches, [fetchId]);
        pending.resolve(response);
      }, typeof latency === 'number' ? latency : 0);
    } else if (field<boolean>(data, 'hang') !== true) {
      apply(mapDelete, run.pendingFetches, [fetchId]);
      pending.reject(new TypeError(field<string>(data, 'error') ?? 'Upstream request failed.'));
    } // a hang: only an abort ends it
    clock.hostWaitEnd();
  };

  const onRun = async (data: Extract<HostMessage, { type: 'run' }>) => {
    const runId = field<string>(data, 'runId') ?? '';
    const invocation = field<'queryData' | 'checkHealth' | 'exercise' | 'operate'>(data, 'invocation') ?? 'queryData';
    // The tamper check, made once per run, before serving it: by now whatever an earlier
    // run left queued has run, microtasks and task sources nobody tracks (a crypto.subtle
    // promise, scheduler.postTask) alike. A changed realm refuses the run; the host gives
    // it to a fresh sandbox (run-protocol.ts). The host words the error itself.
    if (builtinsChanged()) {
      post({ type: 'done', runId, stale: true, output: { ok: false, error: { kind: 'sandbox', message: 'stale' } } });
      return;
    }
    // The host sends the files once per sandbox and then `sameFiles` (run-protocol.ts).
    const sent = field<Record<string, string>>(data, 'files');
    if (sent !== undefined) lastFiles = sent;
    const files = field(data, 'sameFiles') === true ? lastFiles : sent;
    if (files === undefined) {
      post({ type: 'done', runId, output: { ok: false, error: { kind: 'sandbox', message: 'The sandbox was asked to run files it was never sent. Run again.' } } });
      return;
    }
    const run: ActiveRun = { runId, limits: limitsFor(invocation), controller: new AbortController(), logCount: 0, logChars: 0, fetchCount: 0, pendingFetches: new MapCtor() };
    active = run;
    const softLimitMs = field<number>(data, 'softLimitMs') ?? 0;
    const epochMs = field<number>(data, 'epochMs');
    // The run's virtual clock. A handler still waiting when nothing is due before the
    // limit (plus the grace a handler gets to answer after ctx.signal aborts) has stalled.
    let onStall: () => void = () => {};
    const stalled = new Promise<'stalled'>((resolve) => (onStall = () => resolve('stalled')));
    // An exercise script drives a fake clock of its own and lets it settle with real
    // macrotasks, which the virtual clock would take for idleness: it runs on the wall clock.
    const runEpochMs = typeof epochMs === 'number' ? epochMs : realDateNow();
    if (invocation === 'exercise') clock.beginReal();
    else clock.begin(runEpochMs, softLimitMs + KILL_GRACE_VIRTUAL_MS, onStall);
    // Grafana cancels the request context when a query runs too long; so do we, at the run's virtual limit.
    clock.schedule(() => apply(abortController, run.controller, [new DOMExceptionCtor('The run reached its time limit.', 'TimeoutError')]), softLimitMs);
    const context: HandlerContext = { signal: run.controller.signal, logger };
    const request = field<unknown>(data, 'request');
    // An exercise's script stays with the host; its steps come one at a time, each after
    // the one before has run, so code under test never holds a later step.
    const stepCount = invocation === 'exercise' && typeof request === 'object' && request !== null ? field<number>(request, 'steps') : undefined;
    const script: ScriptSource | undefined =
      typeof stepCount === 'number'
        ? {
            length: stepCount,
            step: (index) =>
              new PromiseCtor((resolve) => {
                run.pendingStep = { index, resolve };
                post({ type: 'script-next', runId, index });
              }),
          }
        : undefined;
    let output: RunOutput | 'stalled';
    try {
      output = await Promise.race([
        execute({
          files,
          entry: field(data, 'entry') ?? '',
          invocation,
          request,
          script,
          builtins: BUILTINS,
          context,
          // An operate run serves its schedule on this run's clock (lib/kinds/operate/serve.ts).
          ...(invocation === 'operate'
            ? { operate: { schedule: clock.schedule, cancel: clock.cancel, nowMs: clock.nowMs, epochMs: runEpochMs, logger, signal: run.controller.signal } }
            : {}),
        }),
        stalled,
      ]);
    } catch {
      // execute() reports everything itself; this is a thrown value whose getters throw.
      output = { ok: false, error: { kind: 'runtime', message: 'The handler threw a value that cannot be read (its properties throw). Throw an Error instead.' } };
    }
    const endedAtMs = clock.nowMs();
    clock.end();
    active = null;
    try {
      timers.clearAll(); // intervals and timeouts the handler left behind stop with the run
      channels.closeAll(); // and so does a MessageChannel ping-pong
    } catch {
      // Set iteration was tampered with; the tamper check below marks the worker.
    }
    const isStalled = output === 'stalled';
    // The host words the timeout itself (host.ts): a stalled run is one it would have killed.
    if (output === 'stalled') output = { ok: false, error: { kind: 'timeout', message: 'The run stalled at its virtual time limit.' } };
    let transfer: ArrayBuffer[] = [];
    if (output.ok) {
      // One read of the answer, into plain data measured as it is copied: what was
      // measured is what is sent, whatever getters or proxies the answer holds.
      const copied = copyAnswer(output.value);
      if (copied.ok) {
        output = { ok: true, value: copied.copy } as RunOutput;
        // Packed after: measuring counted every value; packing makes the big columns cheap to send.
        transfer = packFrameValues(copied.copy);
      } else output = { ok: false, error: copied.error };
    }
    try {
      post({ type: 'done', runId, output, atMs: endedAtMs, ...(isStalled ? { stalled: true } : {}) }, transfer);
    } catch (err) {
      // Cannot happen for a copy of plain data; kept so a run always gets an answer.
      const why = err instanceof Error ? err.message : String(err);
      post({ type: 'done', runId, atMs: endedAtMs, output: { ok: false, error: { kind: 'output', message: `The handler's answer cannot be sent to the page: ${why.slice(0, 300).replace(/\.+$/, '')}. Return plain values only.` } } });
    }
    // A task, not a microtask: it only runs once whatever the run left in the microtask
    // queue has drained, so a flood left behind keeps the host from reusing this worker.
    apply(realSetTimeout, globalThis, [() => post({ type: 'idle', runId }), 0]);
  };

  port.addEventListener('message', (event) => {
    const data = dataOf(event);
    if (typeof data !== 'object' || data === null) return;
    const type = field<string>(data, 'type');
    if (type === 'fetch-result') onFetchResult(data);
    else if (type === 'script-step') {
      const pending = active?.pendingStep;
      if (active && pending && field(data, 'runId') === active.runId && field(data, 'index') === pending.index) {
        active.pendingStep = undefined;
        pending.resolve(field(data, 'op'));
      }
    }
    else if (type === 'abort') {
      if (active && field(data, 'runId') === active.runId) {
        // A cancelled handler that goes on waiting is stopped the grace later, on its clock.
        clock.stallWithin(KILL_GRACE_VIRTUAL_MS);
        apply(abortController, active.controller, [new DOMExceptionCtor('The run was cancelled.', 'AbortError')]);
      }
    } else if (type === 'prime' && !active && !served) {
      // Only before the first run: the realm has run nothing but our own warm-up (prime.ts).
      primeTranspiles(field(data, 'files'));
    } else if (type === 'run' && !active) {
      served = true;
      void onRun(data as Extract<HostMessage, { type: 'run' }>);
    }
  });
  port.start?.();
  // Every Run takes a sandbox no one has used (host.ts sessions), so without this each
  // Run's first check would pay for a cold worker: the transpiler, the module loader,
  // @grafana/data and the answer's copy compiled and initialised on first use. Our own
  // handler runs once before 'ready', while the sandbox waits in the pool; no learner
  // code has run in this realm yet, and none runs before 'ready'.
  void warmUp().finally(() => {
    // zod's global configuration is state z.config() changes that no global name leads to.
    builtinsChanged = watchBuiltins(globalThis, [grafanaData, zod, sdk, zod.core.globalConfig]);
    post({ type: 'ready' });
  });
}

/** A handler of ours in the shape of a lab's (query model parsed with zod, frames from @grafana/data). */
const WARM_UP_HANDLER = `
import { createDataFrame, FieldType } from '@grafana/data';
import { z } from 'zod';
const model = z.object({ metric: z.string(), aggregation: z.enum(['avg', 'max']).default('avg') });
export async function queryData(req: { queries: { refId: string; json: unknown }[] }) {
  const responses: Record<string, unknown> = {};
  for (const query of req.queries) {
    const parsed = model.safeParse(query.json);
    const name = parsed.success ? parsed.data.metric : 'unknown';
    responses[query.refId] = { frames: [createDataFrame({ refId: query.refId, name, fields: [{ name: 'Time', type: FieldType.time, values: [0, 60_000] }, { name: 'Value', type: FieldType.number, values: [1, 2] }] })] };
  }
  return { responses };
}
`;

/** Runs WARM_UP_HANDLER through the same path a run takes (transpile, load, call, normalise, copy). Never throws. */
async function warmUp(): Promise<void> {
  try {
    const output = await execute({
      files: { 'warm-up.ts': WARM_UP_HANDLER },
      entry: 'warm-up.ts',
      invocation: 'queryData',
      request: { queries: [{ refId: 'A', json: { metric: 'warm_up' } }] },
      builtins: BUILTINS,
      context: { signal: new AbortController().signal, logger: { debug() {}, info() {}, warn() {}, error() {} } },
    });
    if (!output.ok) return;
    const copied = copyAnswer(output.value);
    if (copied.ok) packFrameValues(copied.copy);
  } catch {
    // A warm-up that fails only means the first run is slower.
  }
}
