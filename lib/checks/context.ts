/**
 * Builds the CheckContext a lab's checks run with: every `query()` / `health()` is a
 * real run of the learner's files in the sandbox, with the Run's seeded clock and the
 * upstream's data for the Run's seed (lib/upstreams/seed.ts).
 */
import { buildHealthRequest, buildQueryDataRequest, checkClock } from '../engine/request';
import { runOnce } from '../engine/run';
import { drawSeed, runSeedSchema, type RunSeed } from '../upstreams/seed';
import type { LabMeta } from '../labs/schema';
import type { RunJob, SandboxRunner, UpstreamResolver } from '../runtime/sandbox/host';
import type { CancelWhen, CheckContext } from './types';

/** Options of `createCheckContext`. */
export interface CheckContextOptions {
  /**
   * The Run's seed. Leave it out in the app: a fresh one is drawn (Web Crypto), so each
   * Run of the checks has its own clock and data. Give one to reproduce a Run (its
   * `ctx.seed`, or any record's `seed`) or to make a test deterministic.
   */
  seed?: RunSeed;
}

/**
 * One context per Run of a lab's checks: every run it starts shares the Run's seed.
 * `signal` cancels every run the checks start (Cancel, or a new Run).
 */
export function createCheckContext(
  sandbox: SandboxRunner,
  meta: LabMeta,
  files: Record<string, string>,
  signal?: AbortSignal,
  options: CheckContextOptions = {},
): CheckContext {
  const labRun = meta.run;
  if (!labRun) throw new Error('This lab has no run settings, so its checks cannot run the handler.');
  const seed = options.seed === undefined ? drawSeed() : runSeedSchema.parse(options.seed);
  const clock = checkClock(labRun, seed);
  // The request builder reads the default range from the run settings: give it the Run's.
  const run = { ...labRun, rangeMs: clock.rangeMs };
  return {
    seed,
    now: clock.now,
    timeRange: { from: clock.now - clock.rangeMs, to: clock.now },
    file: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    async query({ scenario, cancel, ...overrides } = {}) {
      const early = cancelling(sandbox, cancel, signal);
      const request = buildQueryDataRequest(run, clock.now, overrides);
      const record = await runOnce(early.sandbox, { files, meta, invocation: 'queryData', request, scenario, signal: early.signal, seed });
      return { ...record, cancelledAtMs: early.cancelledAtMs() };
    },
    async health({ scenario, cancel, ...overrides } = {}) {
      const early = cancelling(sandbox, cancel, signal);
      const record = await runOnce(early.sandbox, { files, meta, invocation: 'checkHealth', request: buildHealthRequest(run, overrides), scenario, signal: early.signal, seed });
      return { ...record, cancelledAtMs: early.cancelledAtMs() };
    },
  };
}

/**
 * The sandbox and signal one run uses, so that it is cancelled when `when` says. The
 * cancel goes through the run's own signal, the path the Cancel button takes: the host
 * asks the worker to abort the handler's ctx.signal and stops the handler if it goes on.
 */
function cancelling(sandbox: SandboxRunner, when: CancelWhen | undefined, outer: AbortSignal | undefined) {
  if (!when) return { sandbox, signal: outer, cancelledAtMs: () => undefined };
  const controller = new AbortController();
  let cancelledAtMs: number | undefined;
  const wrapped = {
    run(job: RunJob) {
      // Only for a resolver without virtual instants: runOnce creates its upstream bridge
      // just before it calls run(), so this is close to the bridge's zero.
      const zero = performance.now();
      let requests = 0;
      const upstream: UpstreamResolver = (request, fetchSignal) => {
        const answer = job.upstream(request, fetchSignal); // recorded first, then cancelled
        if (++requests === when.afterUpstreamRequests && !controller.signal.aborted) {
          // The request's virtual instant (docs/decisions/0004-virtual-time.md): the clock of the upstream calls.
          cancelledAtMs = Math.round(request.atMs ?? performance.now() - zero);
          controller.abort();
        }
        return answer;
      };
      return sandbox.run({ ...job, upstream });
    },
  };
  return {
    // runOnce only calls run(); the host's other members stay on the shared instance.
    sandbox: wrapped as unknown as SandboxRunner,
    signal: outer ? AbortSignal.any([outer, controller.signal]) : controller.signal,
    cancelledAtMs: () => cancelledAtMs,
  };
}
