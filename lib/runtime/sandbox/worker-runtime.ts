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

export interface Port {
  postMessage(message: WorkerMessage): void;
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
  fetchCount: number;
  pendingFetches: Map<number, { resolve: (r: SerializedResponse) => void; reject: (e: unknown) => void }>;
}

export function startWorkerRuntime(port: Port): void {
  let active: ActiveRun | null = null;
  let nextFetchId = 1;

  const log = (level: Level, source: 'logger' | 'console', message: unknown, fields?: unknown) => {
    const run = active;
    if (!run || ++run.logCount > LIMITS.logsPerRun) return;
    port.postMessage({
      type: 'log',
      runId: run.runId,
      entry: { level, source, message: toText(message).slice(0, 10_000), fields: toFields(fields), atMs: Date.now() - run.startedAt },
    });
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
      port.postMessage({ type: 'fetch-abort', runId: run.runId, fetchId });
      pending?.reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    port.postMessage({ type: 'fetch', runId: run.runId, fetchId, request: { method: request.method, url: request.url, headers: [...request.headers], body } });
    try {
      const r = await answer;
      return new Response(r.status === 204 || r.status === 304 ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };

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
      const run: ActiveRun = { runId: data.runId, startedAt: Date.now(), controller: new AbortController(), logCount: 0, fetchCount: 0, pendingFetches: new Map() };
      active = run;
      // Grafana cancels the request context when a query runs too long; so do we.
      const soft = setTimeout(() => run.controller.abort(new DOMException('The run reached its time limit.', 'TimeoutError')), data.softLimitMs);
      const context: HandlerContext = { signal: run.controller.signal, logger };
      const output = await execute({ files: data.files, entry: data.entry, invocation: data.invocation, request: data.request, builtins: BUILTINS, context });
      clearTimeout(soft);
      active = null;
      port.postMessage({ type: 'done', runId: run.runId, output });
    }
  });
  port.start?.();
  port.postMessage({ type: 'ready' });
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
