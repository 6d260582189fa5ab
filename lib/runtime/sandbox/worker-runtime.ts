/**
 * The sandbox side of a run. It lives in a Worker inside an opaque-origin iframe
 * (browser) or a worker thread (Node tests) and talks to the host over one port.
 *
 * - `fetch` is replaced so requests go to the host, which answers them from the
 *   mocked upstreams and records them. (The real barrier to the network is the
 *   sandbox's CSP; this override only routes.)
 * - `console.*` and `ctx.logger` stream log entries to the host as they happen, so
 *   a run that is stopped still shows what it logged.
 */
import * as grafanaData from '@grafana/data';
import * as zod from 'zod';
import * as sdk from '../../sdk';
import type { HandlerContext, LogFields } from '../../sdk/contract';
import { execute } from '../execute';
import { LIMITS, type HostMessage, type SerializedResponse, type WorkerMessage } from '../protocol';
import { measureOutput, tooLargeMessage } from '../output-budget';
import { packFrameValues } from '../frame-transfer';
import type { RunOutput } from '../execute';
import { watchBuiltins } from './tamper-check';

export interface Port {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: HostMessage }) => void): void;
  start?(): void;
}

const BUILTINS = Object.freeze({ '@grafana/data': grafanaData, zod, '@lab/sdk': sdk });
type Level = 'debug' | 'info' | 'warn' | 'error';

interface ActiveRun {
  runId: string;
  startedAt: number;
  controller: AbortController;
  logCount: number;
  logChars: number;
  fetchCount: number;
  pendingFetches: Map<number, { resolve: (r: SerializedResponse) => void; reject: (e: unknown) => void }>;
}

export function startWorkerRuntime(port: Port): void {
  let active: ActiveRun | null = null;
  let nextFetchId = 1;
  // Bound now, before learner code runs: replacing MessagePort.prototype.postMessage
  // later must not let a handler read or rewrite what we send to the host.
  const post: (message: WorkerMessage, transfer?: Transferable[]) => void = port.postMessage.bind(port);
  const timers = trackTimers(() => active !== null);
  // Nested workers would outlive the run (and keep a core busy); the lab has no use for them.
  for (const name of ['Worker', 'SharedWorker']) Reflect.deleteProperty(globalThis, name);
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
    if (!run || run.logCount >= LIMITS.logsPerRun || run.logChars >= LIMITS.logCharsPerRun) return;
    const text = toText(message).slice(0, 10_000);
    const entryFields = toFields(fields);
    run.logCount++;
    let chars = text.length;
    for (const key in entryFields) chars += key.length + String(entryFields[key]).length;
    run.logChars += chars;
    post({ type: 'log', runId: run.runId, entry: { level, source, message: text, fields: entryFields, atMs: Date.now() - run.startedAt } });
    if (run.logCount >= LIMITS.logsPerRun || run.logChars >= LIMITS.logCharsPerRun) {
      // Say so once, in the log itself: a flood of logs would otherwise freeze the Logs tab.
      const limit = `Log limit reached (${LIMITS.logsPerRun} entries or ${LIMITS.logCharsPerRun.toLocaleString('en')} characters per run): later entries of this run are dropped.`;
      post({ type: 'log', runId: run.runId, entry: { level: 'warn', source: 'logger', message: limit, fields: {}, atMs: Date.now() - run.startedAt } });
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
    if (++run.fetchCount > LIMITS.fetchesPerRun) throw new TypeError(`A run may make at most ${LIMITS.fetchesPerRun} upstream requests.`);
    const request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.throwIfAborted();
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const fetchId = nextFetchId++;
    const answer = new Promise<SerializedResponse>((resolve, reject) => run.pendingFetches.set(fetchId, { resolve, reject }));
    const onAbort = () => {
      const pending = run.pendingFetches.get(fetchId);
      run.pendingFetches.delete(fetchId);
      post({ type: 'fetch-abort', runId: run.runId, fetchId });
      pending?.reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    post({ type: 'fetch', runId: run.runId, fetchId, request: { method: request.method, url: request.url, headers: [...request.headers], body } });
    try {
      const r = await answer;
      return new Response(r.status === 204 || r.status === 304 ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };

  // Taken last, after our own changes to the globals above (console, fetch, timers).
  const builtinsChanged = watchBuiltins();

  port.addEventListener('message', async ({ data }) => {
    if (data.type === 'fetch-result') {
      const pending = active?.runId === data.runId ? active.pendingFetches.get(data.fetchId) : undefined;
      if (!pending || !active) return;
      active.pendingFetches.delete(data.fetchId);
      if (data.response) pending.resolve(data.response);
      else pending.reject(new TypeError(data.error ?? 'Upstream request failed.'));
    } else if (data.type === 'abort') {
      if (active?.runId === data.runId) active.controller.abort(new DOMException('The run was cancelled.', 'AbortError'));
    } else if (data.type === 'run') {
      const run: ActiveRun = { runId: data.runId, startedAt: Date.now(), controller: new AbortController(), logCount: 0, logChars: 0, fetchCount: 0, pendingFetches: new Map() };
      active = run;
      // Grafana cancels the request context when a query runs too long; so do we.
      const soft = setTimeout(() => run.controller.abort(new DOMException('The run reached its time limit.', 'TimeoutError')), data.softLimitMs);
      const context: HandlerContext = { signal: run.controller.signal, logger };
      let output: RunOutput;
      try {
        output = await execute({ files: data.files, entry: data.entry, invocation: data.invocation, request: data.request, builtins: BUILTINS, context });
      } catch {
        // execute() reports everything itself; this is a thrown value whose getters throw.
        output = { ok: false, error: { kind: 'runtime', message: 'The handler threw a value that cannot be read (its properties throw). Throw an Error instead.' } };
      }
      clearTimeout(soft);
      active = null;
      try {
        timers.clearAll(); // intervals and timeouts the handler left behind stop with the run
      } catch {
        // Set iteration was tampered with; the tamper check below restarts the sandbox.
      }
      let transfer: ArrayBuffer[] = [];
      if (output.ok) {
        // Packed first: measuring a packed column is one step, not one per value.
        transfer = packFrameValues(output.value);
        const size = measureOutput(output.value);
        if (!size.ok) (output = { ok: false, error: { kind: 'output', message: tooLargeMessage(size.reason) } }), (transfer = []);
      }
      const tainted = builtinsChanged();
      try {
        post({ type: 'done', runId: run.runId, output, tainted }, transfer);
      } catch (err) {
        // Structured clone refused it (a function, a symbol, a Proxy, ...).
        const why = err instanceof Error ? err.message : String(err);
        post({ type: 'done', runId: run.runId, output: { ok: false, error: { kind: 'output', message: `The handler's answer cannot be sent to the page: ${why.slice(0, 300).replace(/\.+$/, '')}. Return plain values only.` } }, tainted });
      }
    }
  });
  port.start?.();
  post({ type: 'ready' });
}

/**
 * Wraps the global timer functions so every timer started while a run is active can be
 * cleared when it ends: a `setInterval` left running would log into, and slow, the
 * runs after it.
 */
function trackTimers(isRunning: () => boolean) {
  const live = new Set<unknown>();
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const realSetTimeout = g.setTimeout;
  const realSetInterval = g.setInterval;
  const realClearTimeout = g.clearTimeout;
  const realClearInterval = g.clearInterval;
  g.setTimeout = function setTimeout(...args: unknown[]) {
    const id = Reflect.apply(realSetTimeout, globalThis, args);
    if (isRunning()) live.add(id);
    return id;
  };
  g.setInterval = function setInterval(...args: unknown[]) {
    const id = Reflect.apply(realSetInterval, globalThis, args);
    if (isRunning()) live.add(id);
    return id;
  };
  return {
    clearAll() {
      for (const id of live) {
        Reflect.apply(realClearTimeout, globalThis, [id]);
        Reflect.apply(realClearInterval, globalThis, [id]);
      }
      live.clear();
    },
  };
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function toFields(fields: unknown): Record<string, string | number | boolean | null> {
  if (typeof fields !== 'object' || fields === null) return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields).slice(0, 50)) {
    out[key.slice(0, 200)] = value === null || typeof value === 'number' || typeof value === 'boolean' ? value : toText(value).slice(0, 2000);
  }
  return out;
}
