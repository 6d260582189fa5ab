/**
 * What a handler run is, as the sandbox host takes and gives it: the job (files, entry,
 * request, the resolver that answers its upstream calls, its time limit), the raw result,
 * the channel to one sandbox, and the errors every run may end in.
 */
import type { RunError } from '../errors';
import type { Invocation, RunOutput } from '../execute';
import type { HostMessage, SerializedRequest, SerializedResponse } from '../protocol';
import type { LogEntry } from '../wire';

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
export function timeoutError(timeLimitMs: number): RunError {
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

/** How long past the soft limit a run may go on before the sandbox is killed. */
export const KILL_GRACE_MS = 400;
