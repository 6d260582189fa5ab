/**
 * One run in one sandbox, from the page's side: posts the job, answers the handler's
 * upstream requests through `job.upstream`, counts what the run sends (messages, bytes,
 * requests, log lines: the host's own limits, whatever the worker claims), keeps the kill
 * timer for CPU loops (waiting is virtual and ends in the worker: decision 0004), handles
 * Cancel, and parses the answer with the invocation's schema. The pool (host.ts) decides
 * which sandbox serves the run and what happens to it afterwards (`onEnd`).
 */
import type { RunOutput } from '../execute';
import { OUTPUT_SCHEMAS, limitsFor, workerMessageSchema } from '../protocol';
import type { LogEntry } from '../wire';
import { MESSAGE_LIMITS, measureOutput, tooLargeMessage } from '../output-budget';
import { unpackFrameValues } from '../frame-transfer';
import { CANCELLED_ERROR, KILL_GRACE_MS, timeoutError, type RawRun, type RunJob, type SandboxEndpoint, type UpstreamAbort } from './run-job';

/** How long, in all, the kill timer waits for the host's own answers to upstream requests (a page busy that long is broken, not busy). */
const HOST_ANSWER_LIMIT_MS = 30_000;

export interface RunOnEndpoint {
  job: RunJob;
  endpoint: SandboxEndpoint;
  runId: string;
  /** performance.now() when the run was asked for (the raw run's duration counts from it). */
  started: number;
  /** The sandbox served a run before: a timeout there is retried in a fresh one. */
  reused: boolean;
  /** Routes the endpoint's messages (the pool's listener slot). */
  listen(listener: (data: unknown) => void): void;
  /** The run is over; `keep`: the worker answered, so it may serve again once it says idle (host.ts). */
  onEnd(keep: boolean): void;
}

/**
 * The files each sandbox was last sent with a run. A check's runs in one sandbox almost
 * always run the same files, and a run message crosses processes (the sandbox's frame
 * has its own): sending them once per sandbox, not once per run, spares both sides a
 * structured clone of every file on each of a Run's ~30 check runs.
 */
const sentFiles = new WeakMap<SandboxEndpoint, Readonly<Record<string, string>>>();

/** Same paths, same texts, in the same order (a file's text is compared as a whole string). */
function sameFiles(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  if (a === undefined) return false;
  const keys = Object.keys(b);
  const before = Object.keys(a);
  if (keys.length !== before.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== before[i] || a[keys[i]] !== b[keys[i]]) return false;
  return true;
}

/** Runs `job` on `endpoint`; resolves with the raw run and whether to retry it in a fresh sandbox. */
export function runOnEndpoint({ job, endpoint, runId, started, reused, listen, onEnd }: RunOnEndpoint): Promise<{ raw: RawRun; retry: boolean }> {
  const logs: LogEntry[] = [];
  // An operate run's limits are scaled to its schedule (protocol.ts limitsFor).
  const limits = limitsFor(job.invocation);
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
  // An exercise's script stays on this side: the worker gets its length and asks for
  // one step at a time, each once and in order (lib/runtime/exercise/run-script.ts).
  const steps = job.invocation === 'exercise' ? scriptSteps(job.request) : null;
  let nextStep = 0;

  return new Promise<{ raw: RawRun; retry: boolean }>((resolve) => {
    let cancelled = false;
    let ended = false;
    /** The worker refused the run before running it (its `done` says `stale`): run it again in a fresh sandbox. */
    let refused = false;
    let cancelTimer: ReturnType<typeof setTimeout> | undefined;
    /** `answered`: the worker sent its `done`, so it may serve again once it says idle. */
    const finish = (output: RunOutput, killed: boolean, answered = false, stalled = false) => {
      if (ended) return;
      ended = true;
      clearTimeout(killTimer);
      clearTimeout(cancelTimer);
      job.signal?.removeEventListener('abort', onAbort);
      listen(() => {});
      onEnd(answered && !killed); // destroyed unless kept: whatever the run left behind goes with its worker
      const runEnd: UpstreamAbort = { by: 'run-end', atMs: virtualNow };
      fetches.forEach((c) => c.abort(runEnd));
      // A stall is the handler's own doing, on a clock nothing else moves: no retry.
      const timedOut = killed && !stalled && !cancelled && output.ok === false && output.error.kind === 'timeout';
      // Whatever a cancelled run still sent back is not an answer anyone asked for.
      resolve({
        raw: { output: cancelled ? { ok: false, error: CANCELLED_ERROR } : output, logs, durationMs: performance.now() - started, killed, virtualMs: virtualNow },
        retry: ((timedOut && reused) || refused) && !job.signal?.aborted,
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
    const killAfterMs = (limits.wallMs ?? job.timeLimitMs) + KILL_GRACE_MS;
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
            message: `The run was stopped because it sent the page ${what}. A handler sends the page its log lines, its upstream requests and one answer; keep logs under ${limits.logsPerRun} lines and upstream requests under ${limits.fetchesPerRun} per run.`,
          },
        },
        true,
      );

    listen((data: unknown) => {
      if (ended) return;
      if (++messages > limits.messagesPerRun) return flooded(`more than ${limits.messagesPerRun.toLocaleString('en')} messages`);
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
      if (messageBytes > limits.messageBytesPerRun) return flooded(`more than ${Math.round(limits.messageBytesPerRun / 1024 / 1024)} MB`);
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
        if (logs.length < limits.logsPerRun && logChars < limits.logCharsPerRun) {
          logs.push(message.entry);
          logChars += chars;
        } else if (!logLimitSaid) {
          // The worker says so itself; this line is for a run that went around it.
          logLimitSaid = true;
          if (!/^Log limit reached/.test(message.entry.message)) {
            logs.push({ level: 'warn', source: 'logger', fields: {}, atMs: message.entry.atMs, message: `Log limit reached (${limits.logsPerRun} entries or ${limits.logCharsPerRun.toLocaleString('en')} characters per run): later entries of this run are dropped.` });
          } else logs.push(message.entry);
        }
      } else if (message.type === 'script-next') {
        if (!steps || message.index !== nextStep) return;
        nextStep++;
        endpoint.post({ type: 'script-step', runId, index: message.index, ...(message.index < steps.length ? { op: steps[message.index] } : {}) });
      } else if (message.type === 'fetch-abort') {
        sawVirtual(message.atMs);
        const abort: UpstreamAbort = { by: 'handler', atMs: message.atMs };
        fetches.get(message.fetchId)?.abort(abort);
      } else if (message.type === 'fetch') {
        sawVirtual(message.atMs);
        if (++fetchCount > limits.fetchesPerRun || fetches.has(message.fetchId)) {
          const error = fetchCount > limits.fetchesPerRun ? `A run may make at most ${limits.fetchesPerRun} upstream requests.` : 'This request id is already in use.';
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
        if (message.stale) {
          refused = true;
          // Not answered, so destroyed; the words are the host's own, not the worker's.
          finish({ ok: false, error: { kind: 'sandbox', message: 'The sandbox refused the run: an earlier run changed its built-ins or globals. Run again.' } }, false);
        }
        // Still waiting at the virtual limit: a timeout, as the kill timer would give, without the wait.
        else if (message.stalled) finish({ ok: false, error: timeoutError(job.timeLimitMs) }, true, false, true);
        else if (!message.output.ok) finish(message.output, false, true);
        else {
          const value = OUTPUT_SCHEMAS[job.invocation].safeParse(message.output.value);
          if (!value.success) finish({ ok: false, error: { kind: 'output', message: unreadableAnswer(value.error.issues) } }, false, true);
          else {
            unpackFrameValues(value.data);
            finish({ ok: true, value: value.data } as RunOutput, false, true);
          }
        }
      }
    });
    const files = sameFiles(sentFiles.get(endpoint), job.files) ? { sameFiles: true as const } : { files: job.files };
    sentFiles.set(endpoint, job.files);
    endpoint.post({ type: 'run', runId, ...files, entry: job.entry, invocation: job.invocation, request: steps ? { steps: steps.length } : job.request, softLimitMs: job.timeLimitMs, epochMs: job.epochMs ?? Date.now() });
  });
}

/** An exercise script's steps, or null when `request` is not a script (the worker then reports it as invalid). */
function scriptSteps(request: unknown): readonly unknown[] | null {
  const ops = typeof request === 'object' && request !== null ? (request as { ops?: unknown }).ops : undefined;
  return Array.isArray(ops) ? ops : null;
}

/** Says which part of the handler's answer broke the wire schema, e.g. a 5000-character field name. */
function unreadableAnswer(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const path = first?.path.filter((p) => p !== 'output' && p !== 'value').map(String).join('.') ?? '';
  return `The handler's answer cannot be shown: ${path ? `${path}: ` : ''}${first?.message ?? 'it does not match the expected shape'}. Keep names under 1,000 characters, refIds under 200, and messages under 10,000.`.slice(0, 4000);
}
