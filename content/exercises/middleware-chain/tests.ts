/**
 * Tests for the middleware chain. Each builds the learner's handler around a scripted
 * inner handler and a recording log function, sends requests on a fake clock, and
 * checks responses, log lines and what reached the inner handler.
 */
import { behave, show } from '@/lib/exercises/observed';
import type { Observed } from '@/lib/exercises/observed';
import { advance, call, callExport, fn, ref, resolves, throws } from '@/lib/exercises/script';
import type { Op } from '@/lib/runtime/exercise/script';
import { defineTests } from '@/lib/exercises/types';

const TOKENS = { 'key-alice': 'alice', 'key-bob': 'bob' };
const OK = { status: 200, body: '{"ok":true}' };

type Response = { status: number; body: string; headers?: Record<string, string> };
type LogEntry = { method: string; path: string; status: number; durationMs: number };

const request = (token?: string, authorization = token ? `Bearer ${token}` : undefined) => ({
  method: 'GET',
  path: '/resources/metrics',
  headers: authorization ? { authorization } : {},
});

/** The inner handler (scripted), a log recorder, and the learner's buildResourceHandler around them. */
const build = (inner: Op, limit = 2, windowMs = 60_000): Op[] => [
  inner,
  fn('log'),
  callExport('buildResourceHandler', [ref('inner'), { tokens: TOKENS, log: ref('log'), clock: ref('clock'), limit, windowMs }], { as: 'handler', mode: 'sync', id: 'built' }),
];
const send = (id: string, token?: string, authorization?: string) => call('handler', null, [request(token, authorization)], { id });

const response = (o: Observed, id: string, what: string) => {
  const r = o.value(id, what) as Response;
  behave(r && typeof r === 'object' && typeof r.status === 'number', `${what} answered ${show(r)}, which is not a response with a status`);
  return r;
};
const logged = (o: Observed) => o.calls('log').map((c) => c.args[0] as LogEntry);

export default defineTests([
  {
    id: 'authorized-request-reaches-handler',
    title: 'A request with a known API key reaches the handler, which learns who is calling',
    visible: true,
    script: { ops: [...build(fn('inner', resolves(OK))), send('alice', 'key-alice')] },
    check(o) {
      const r = response(o, 'alice', "a request with alice's key");
      behave(r.status === 200, `a request with a valid key got HTTP ${r.status}`);
      const calls = o.calls('inner');
      behave(calls.length === 1, `the inner handler was called ${calls.length} times for one allowed request`);
      const user = (calls[0].args[0] as { user?: string }).user;
      behave(user === 'alice', `the inner handler saw req.user = ${show(user)} for alice's key`);
    },
  },
  {
    id: 'missing-key-is-401',
    title: 'A request without an API key gets 401 and never reaches the handler',
    visible: true,
    script: { ops: [...build(fn('inner', resolves(OK))), send('anonymous')] },
    check(o) {
      const r = response(o, 'anonymous', 'a request without a key');
      behave(r.status === 401, `a request without an Authorization header got HTTP ${r.status}`);
      behave(o.count('inner') === 0, 'a request without a key reached the inner handler');
    },
  },
  {
    id: 'logs-every-request',
    title: 'Every request is logged once, with its status and duration',
    visible: true,
    script: { ops: [...build(fn('inner', resolves(OK, 250))), send('ok', 'key-alice'), send('denied')] },
    check(o) {
      response(o, 'ok', 'an allowed request');
      const lines = logged(o);
      behave(lines.length === 2, `two requests made ${lines.length} log calls`);
      behave(lines[0]?.status === 200 && lines[0]?.method === 'GET' && lines[0]?.path === '/resources/metrics', `the first log line was ${show(lines[0])}`);
      behave(lines[0]?.durationMs === 250, `a request that took 250 ms on the clock was logged with durationMs ${show(lines[0]?.durationMs)}`);
      behave(lines[1]?.status === 401, `a request turned away for having no key was logged with status ${show(lines[1]?.status)}`);
    },
  },
  {
    id: 'bad-key-is-401',
    title: 'An unknown key, or a header that is not a Bearer token, gets 401',
    visible: false,
    script: { ops: [...build(fn('inner', resolves(OK))), send('unknown', 'key-mallory'), send('basic', undefined, 'Basic a2V5LWFsaWNl'), send('bare', undefined, 'key-alice')] },
    check(o) {
      for (const [id, what] of [
        ['unknown', 'an unknown Bearer token'],
        ['basic', 'a Basic credential instead of a Bearer token'],
        ['bare', 'a known key without the "Bearer " prefix'],
      ]) {
        const r = response(o, id, `a request with ${what}`);
        behave(r.status === 401, `a request with ${what} got HTTP ${r.status} instead of 401`);
      }
      behave(o.count('inner') === 0, 'a request with a bad key reached the inner handler');
    },
  },
  {
    id: 'rate-limit-per-caller',
    title: 'Each caller has its own limit; over it, 429 with Retry-After',
    visible: false,
    script: { ops: [...build(fn('inner', resolves(OK)), 2, 60_000), send('a1', 'key-alice'), advance(15_000), send('a2', 'key-alice'), send('a3', 'key-alice'), send('b1', 'key-bob')] },
    check(o) {
      const [a1, a2, a3, b1] = ['a1', 'a2', 'a3', 'b1'].map((id) => response(o, id, 'a request'));
      behave(a1.status === 200 && a2.status === 200, `with a limit of 2 per minute, alice's first two requests got ${a1.status} and ${a2.status}`);
      behave(a3.status === 429, `alice's third request within a minute (limit 2) got HTTP ${a3.status} instead of 429`);
      const retry = a3.headers?.['retry-after'];
      behave(retry === '45', `the 429 came 15 s into a 60 s window, so Retry-After should say 45 (seconds); it was ${show(retry)}`);
      behave(b1.status === 200, `bob's first request got HTTP ${b1.status} after alice used up her limit: each caller needs a limit of their own`);
      behave(o.count('inner') === 3, `the inner handler ran ${o.count('inner')} times; a limited request must not reach it`);
    },
  },
  {
    id: 'rate-limit-window-resets',
    title: 'A new window starts once the old one has passed',
    visible: false,
    script: { ops: [...build(fn('inner', resolves(OK)), 1, 10_000), send('first', 'key-alice'), send('limited', 'key-alice'), advance(10_000), send('again', 'key-alice')] },
    check(o) {
      behave(response(o, 'limited', 'a second request').status === 429, 'with a limit of 1 per 10 s, a second request right away was not limited');
      const again = response(o, 'again', 'a request in the next window');
      behave(again.status === 200, `a request 10 s later (a new 10 s window) got HTTP ${again.status}`);
    },
  },
  {
    id: 'turned-away-requests-do-not-count',
    title: 'Requests without a valid key do not use up anyone’s limit',
    visible: false,
    script: { ops: [...build(fn('inner', resolves(OK)), 2), send('x1'), send('x2', 'key-mallory'), send('x3'), send('a1', 'key-alice'), send('a2', 'key-alice')] },
    check(o) {
      for (const id of ['x1', 'x2', 'x3']) {
        const r = response(o, id, 'a request without a valid key');
        behave(r.status === 401, `a request without a valid key got HTTP ${r.status} instead of 401 (is the rate limit checked before the key?)`);
      }
      const [a1, a2] = ['a1', 'a2'].map((id) => response(o, id, "alice's request"));
      behave(a1.status === 200 && a2.status === 200, `after three rejected anonymous requests, alice's two requests (limit 2) got ${a1.status} and ${a2.status}`);
    },
  },
  {
    id: 'crash-is-500-and-logged',
    title: 'A crashing handler becomes a logged 500, and the next request still works',
    visible: false,
    script: {
      ops: [
        ...build(fn('inner', throws({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'rows')" }), resolves(OK))),
        send('crash', 'key-alice'),
        send('after', 'key-bob'),
      ],
    },
    check(o) {
      const crash = response(o, 'crash', 'a request whose handler throws');
      behave(crash.status === 500, `a request whose handler threw got HTTP ${crash.status} instead of 500`);
      const lines = logged(o);
      behave(lines[0]?.status === 500, `the crashed request was logged as ${show(lines[0])}; it should be logged with status 500`);
      behave(response(o, 'after', 'the next request').status === 200, 'the request after a crash did not get 200');
    },
  },
  {
    id: 'crash-details-stay-private',
    title: 'The 500 does not reveal the error',
    visible: false,
    script: { ops: [...build(fn('inner', throws({ message: 'connect to postgres://plugin:s3cret@db:5432 failed' }))), send('crash', 'key-alice')] },
    check(o) {
      const crash = response(o, 'crash', 'a request whose handler throws');
      const text = JSON.stringify(crash);
      behave(!text.includes('s3cret') && !text.includes('postgres'), `the 500 response told the caller what went wrong inside: ${show(crash.body, 80)}`);
    },
  },
  {
    id: 'chain-runs-first-listed-first',
    title: 'chain(a, b) lets a see the request before b',
    visible: false,
    script: {
      ops: [
        fn('inner', resolves(OK)),
        fn('log'),
        callExport('withLogging', [ref('log'), ref('clock')], { as: 'logging', mode: 'sync', id: 'logging' }),
        callExport('withAuth', [TOKENS], { as: 'auth', mode: 'sync', id: 'auth' }),
        callExport('chain', [ref('logging'), ref('auth')], { as: 'stack', mode: 'sync', id: 'chain' }),
        call('stack', null, [ref('inner')], { as: 'handler', mode: 'sync', id: 'wrapped' }),
        send('denied'),
      ],
    },
    check(o) {
      const denied = response(o, 'denied', 'a request through chain(withLogging(…), withAuth(…))');
      behave(denied.status === 401, `a request without a key through chain(withLogging, withAuth) got HTTP ${denied.status}`);
      behave(o.count('log') === 1, `chain(withLogging, withAuth) did not log a request that auth turned away (${o.count('log')} log calls): the first middleware listed must be the outermost`);
    },
  },
  {
    id: 'empty-chain-is-the-handler',
    title: 'chain() with no middleware leaves the handler as it is',
    visible: false,
    script: {
      ops: [
        fn('inner', resolves(OK)),
        callExport('chain', [], { as: 'nothing', mode: 'sync', id: 'chain' }),
        call('nothing', null, [ref('inner')], { as: 'handler', mode: 'sync', id: 'wrapped' }),
        send('plain'),
      ],
    },
    check(o) {
      behave(response(o, 'plain', 'a request through chain()').status === 200, 'a request through chain() with no middleware did not reach the handler');
    },
  },
]);
