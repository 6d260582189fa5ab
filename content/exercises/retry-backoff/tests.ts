/**
 * Tests for retry with backoff and the circuit breaker. The operation is scripted
 * (fails with given statuses, then succeeds); `random` serves listed values, so the
 * jittered waits are exact; the clock is fake, so minutes of backoff take no time.
 */
import { behave, show, type Observed } from '@/lib/exercises/observed';
import { abort, advance, call, callExport, construct, controller, fn, random, ref, rejects, resolves, settle } from '@/lib/exercises/script';
import type { ErrorSpec, Op } from '@/lib/runtime/exercise/script';
import { defineTests } from '@/lib/exercises/types';

const http = (status: number, message = `upstream answered HTTP ${status}`, props: Record<string, unknown> = {}): ErrorSpec => ({ name: 'UpstreamError', message, props: { status, ...props } });
const policy = (maxAttempts: number, baseDelayMs = 100, maxDelayMs = 10_000) => ({ maxAttempts, baseDelayMs, maxDelayMs });
const runRetry = (p: ReturnType<typeof policy>, id = 'result', extra: Record<string, unknown> = {}): Op =>
  callExport('retry', [ref('op'), p, { clock: ref('clock'), random: ref('random'), ...extra }], { id });

const callTimes = (o: Observed, name = 'op') => o.calls(name).map((c) => c.atMs);

const breaker = (failureThreshold: number, openMs = 10_000): Op[] => [
  construct('CircuitBreaker', [{ failureThreshold, openMs, clock: ref('clock') }], 'breaker'),
  fn('failing', rejects(http(503))),
  fn('working', resolves('ok')),
];
const through = (fnName: 'failing' | 'working', id: string) => call('breaker', 'call', [ref(fnName)], { id });
const stateOf = (id: string) => call('breaker', 'state', [], { id, mode: 'sync' });

export default defineTests([
  {
    id: 'retries-until-success',
    title: 'Retries a failing call with growing, jittered waits until it succeeds',
    visible: true,
    script: { ops: [random('random', [0.5]), fn('op', rejects(http(503)), rejects(http(503)), resolves('frames')), runRetry(policy(5, 100))] },
    check(o) {
      const result = o.value('result', 'retry()');
      behave(result === 'frames', `retry() returned ${show(result)} instead of the operation's result`);
      const times = callTimes(o);
      behave(times.length === 3, `the operation was called ${times.length} times (it failed twice, then succeeded)`);
      behave(times[1] === 50 && times[2] === 150, `with base 100 ms and random() = 0.5 the waits should be 50 ms then 100 ms, so calls at 0, 50, 150 ms; they came at ${show(times)}`);
      const attempts = o.calls('op').map((c) => c.args[0]);
      behave(JSON.stringify(attempts) === '[1,2,3]', `the operation was given attempt numbers ${show(attempts)}`);
    },
  },
  {
    id: 'stops-after-max-attempts',
    title: 'Stops after maxAttempts and fails with the last error',
    visible: true,
    script: { ops: [random('random', [0.5]), fn('op', rejects(http(503, 'first')), rejects(http(502, 'second')), rejects(http(503, 'third'))), runRetry(policy(3))] },
    check(o) {
      const error = o.error('result', 'retry() of an operation that always fails');
      behave(o.count('op') === 3, `with maxAttempts 3 the operation was called ${o.count('op')} times`);
      behave(error.message === 'third', `retry() failed with "${error.message}" instead of the last error ("third")`);
    },
  },
  {
    id: 'breaker-opens-at-threshold',
    title: 'After failureThreshold failures in a row the breaker opens and fails fast',
    visible: true,
    script: { ops: [...breaker(3), through('failing', 'f1'), through('failing', 'f2'), through('failing', 'f3'), stateOf('state'), through('working', 'blocked')] },
    check(o) {
      for (const id of ['f1', 'f2', 'f3']) o.error(id, 'a call whose function fails');
      const state = o.value('state', 'state()');
      behave(state === 'open', `after 3 failures in a row (threshold 3), state() was ${show(state)}`);
      const blocked = o.error('blocked', 'a call while the breaker is open');
      behave(blocked.name === 'CircuitOpenError', `a call while open failed with ${blocked.name} instead of CircuitOpenError`);
      behave(o.count('working') === 0, 'a call while the breaker was open still ran its function');
    },
  },
  {
    id: 'client-errors-not-retried',
    title: 'A 4xx error (other than 429) is not retried',
    visible: false,
    script: { ops: [random('random', [0.5]), fn('op', rejects(http(400, 'parse error in query'))), runRetry(policy(5)), fn('op404', rejects(http(404))), callExport('retry', [ref('op404'), policy(5), { clock: ref('clock'), random: ref('random') }], { id: 'r404' })] },
    check(o) {
      const error = o.error('result', 'retry() of a call that fails with 400');
      behave(o.count('op') === 1, `an operation failing with HTTP 400 was called ${o.count('op')} times: a bad request will not get better by asking again`);
      behave(error.message === 'parse error in query', `retry() failed with "${error.message}" instead of the operation's own error`);
      o.error('r404', 'retry() of a call that fails with 404');
      behave(o.count('op404') === 1, `an operation failing with HTTP 404 was called ${o.count('op404')} times`);
    },
  },
  {
    id: 'retries-429-and-timeouts',
    title: '429 and timeouts are retried',
    visible: false,
    script: {
      ops: [
        random('random', [0.5]),
        fn('op', rejects(http(429)), rejects({ name: 'TimeoutError', message: 'the upstream did not answer in time' }), resolves('ok')),
        runRetry(policy(5)),
      ],
    },
    check(o) {
      behave(o.value('result', 'retry()') === 'ok', 'retry() did not get past a 429 and a timeout');
      behave(o.count('op') === 3, `the operation was called ${o.count('op')} times after failing with 429, then a TimeoutError`);
    },
  },
  {
    id: 'backoff-grows-and-caps',
    title: 'The wait doubles each retry and never exceeds maxDelayMs',
    visible: false,
    script: { ops: [random('random', [0.999999]), fn('op', rejects(http(503))), runRetry(policy(7, 100, 1000))] },
    check(o) {
      o.error('result', 'retry() of an operation that always fails');
      const times = callTimes(o);
      const waits = times.slice(1).map((t, i) => t - times[i]);
      const expected = [99, 199, 399, 799, 999, 999];
      behave(JSON.stringify(waits) === JSON.stringify(expected), `with base 100 ms, max 1000 ms and random() just under 1, the waits should be about 100, 200, 400, 800, 1000, 1000 ms; they were ${show(waits)}`);
    },
  },
  {
    id: 'jitter-uses-random',
    title: 'Each wait is random() times its cap (full jitter)',
    visible: false,
    script: { ops: [random('random', [0.1, 0.9, 0.3]), fn('op', rejects(http(503)), rejects(http(503)), rejects(http(503)), resolves('ok')), runRetry(policy(5, 1000, 100_000))] },
    check(o) {
      o.value('result', 'retry()');
      const times = callTimes(o);
      const waits = times.slice(1).map((t, i) => t - times[i]);
      behave(JSON.stringify(waits) === '[100,1800,1200]', `with base 1000 ms and random() giving 0.1, 0.9, 0.3, the waits should be 100, 1800, 1200 ms; they were ${show(waits)}`);
    },
  },
  {
    id: 'backoff-delay-formula',
    title: 'backoffDelay(retry, policy, random) is random() × min(max, base × 2^(retry−1))',
    visible: false,
    script: {
      ops: [
        random('quarter', [0.25]),
        callExport('backoffDelay', [3, policy(5, 100, 10_000), ref('quarter')], { id: 'third', mode: 'sync' }),
        callExport('backoffDelay', [10, policy(5, 100, 10_000), ref('quarter')], { id: 'capped', mode: 'sync' }),
      ],
    },
    check(o) {
      const third = o.value('third', 'backoffDelay(3, …)');
      behave(third === 100, `backoffDelay(3) with base 100 ms and random() = 0.25 gave ${show(third)} instead of 100`);
      const capped = o.value('capped', 'backoffDelay(10, …)');
      behave(capped === 2500, `backoffDelay(10) with max 10000 ms and random() = 0.25 gave ${show(capped)} instead of 2500`);
    },
  },
  {
    id: 'honours-retry-after',
    title: 'When the upstream says how long to wait, that wait is used',
    visible: false,
    script: { ops: [random('random', [0.5]), fn('op', rejects(http(429, 'slow down', { retryAfterMs: 2000 })), resolves('ok')), runRetry(policy(3))] },
    check(o) {
      o.value('result', 'retry()');
      const times = callTimes(o);
      behave(times[1] === 2000, `after a 429 with retryAfterMs 2000, the next call came at ${show(times[1])} ms instead of 2000`);
    },
  },
  {
    id: 'abort-stops-retrying',
    title: 'Aborting the signal ends the wait at once and stops retrying',
    visible: false,
    script: {
      ops: [
        random('random', [0.999]),
        controller('cancel'),
        fn('op', rejects(http(503))),
        callExport('retry', [ref('op'), policy(5, 1000), { clock: ref('clock'), random: ref('random'), signal: ref('cancel') }], { mode: 'start', as: 'pending' }),
        advance(500),
        abort('cancel'),
        advance(60_000),
      ],
    },
    check(o) {
      const pending = o.promise('pending');
      behave(pending.state === 'rejected', `after the signal was aborted, retry() ${pending.state === 'pending' ? 'never finished' : 'succeeded'}`);
      behave(pending.atMs === 500, `retry() ended ${pending.atMs} ms in; it should end as soon as the signal aborts (500 ms), not after its wait`);
      behave(o.count('op') === 1, `the operation was called ${o.count('op')} times; nothing should run after the abort`);
    },
  },
  {
    id: 'breaker-half-opens',
    title: 'After openMs one trial call goes through; success closes the breaker',
    visible: false,
    script: {
      ops: [
        ...breaker(2, 10_000),
        through('failing', 'f1'),
        through('failing', 'f2'),
        advance(9_999),
        through('working', 'early'),
        advance(1),
        stateOf('half'),
        through('working', 'trial'),
        stateOf('after'),
      ],
    },
    check(o) {
      behave(o.error('early', 'a call 9.999 s after opening').name === 'CircuitOpenError', 'a call before openMs had passed was not refused');
      const half = o.value('half', 'state()');
      behave(half === 'half-open', `once openMs had passed, state() was ${show(half)} instead of 'half-open'`);
      behave(o.value('trial', 'the trial call') === 'ok', 'the trial call after openMs did not go through');
      const after = o.value('after', 'state()');
      behave(after === 'closed', `after a successful trial call, state() was ${show(after)} instead of 'closed'`);
    },
  },
  {
    id: 'failed-trial-reopens',
    title: 'A failed trial call opens the breaker again for another openMs',
    visible: false,
    script: {
      ops: [
        ...breaker(2, 10_000),
        through('failing', 'f1'),
        through('failing', 'f2'),
        advance(10_000),
        through('failing', 'trial'),
        stateOf('reopened'),
        through('working', 'refused'),
        advance(10_000),
        through('working', 'second-trial'),
      ],
    },
    check(o) {
      o.error('trial', 'the trial call');
      const state = o.value('reopened', 'state()');
      behave(state === 'open', `after the trial call failed, state() was ${show(state)} instead of 'open'`);
      behave(o.error('refused', 'a call right after a failed trial').name === 'CircuitOpenError', 'a call right after a failed trial was not refused');
      behave(o.value('second-trial', 'a call another openMs later') === 'ok', 'another openMs after a failed trial, the next trial call did not go through');
    },
  },
  {
    id: 'success-resets-count',
    title: 'Only failures in a row count: a success starts the count again',
    visible: false,
    script: { ops: [...breaker(3), through('failing', 'f1'), through('failing', 'f2'), through('working', 'ok'), through('failing', 'f3'), through('failing', 'f4'), stateOf('state')] },
    check(o) {
      const state = o.value('state', 'state()');
      behave(state === 'closed', `fail, fail, succeed, fail, fail with threshold 3 left state() ${show(state)}: a success should start the count again`);
    },
  },
  {
    id: 'late-result-of-older-call-ignored',
    title: 'A slow call that began before the breaker opened does not close it when it ends',
    visible: false,
    script: {
      ops: [
        ...breaker(2, 10_000),
        fn('slow', resolves('late answer', 500)),
        call('breaker', 'call', [ref('slow')], { mode: 'start', as: 'older' }),
        through('failing', 'f1'),
        through('failing', 'f2'),
        stateOf('opened'),
        settle('older', 'older-done'),
        stateOf('after'),
        through('working', 'refused'),
      ],
    },
    check(o) {
      behave(o.value('opened', 'state()') === 'open', 'two failures in a row (threshold 2) did not open the breaker while an older call was still running');
      behave(o.value('older-done', 'the slow call') === 'late answer', 'the slow call did not get its own result');
      const after = o.value('after', 'state()');
      behave(
        after === 'open',
        `a call that began before the breaker opened succeeded 500 ms later, and state() became ${show(after)}: an answer from before the failures closed the breaker, without any trial`,
      );
      behave(o.error('refused', 'a call right after').name === 'CircuitOpenError', 'right after that, a call went through although the breaker should still be open');
    },
  },
  {
    id: 'one-trial-at-a-time',
    title: 'While the trial call runs, other calls are still refused',
    visible: false,
    script: {
      ops: [
        ...breaker(1, 1000),
        through('failing', 'f1'),
        advance(1000),
        fn('slow', resolves('ok', 100)),
        call('breaker', 'call', [ref('slow')], { mode: 'start', as: 'trial' }),
        call('breaker', 'call', [ref('working')], { mode: 'start', as: 'second' }),
        advance(200),
      ],
    },
    check(o) {
      behave(o.promise('trial').state === 'resolved', 'the trial call did not go through once openMs had passed');
      const second = o.promise('second');
      behave(second.state === 'rejected' && second.outcome.status === 'error' && second.outcome.error.name === 'CircuitOpenError', `a second call while the trial was still running was not refused with CircuitOpenError (it ${second.state})`);
      behave(o.count('working') === 0, 'a second call ran while the trial call was still running');
    },
  },
]);
