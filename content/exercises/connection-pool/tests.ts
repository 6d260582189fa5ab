/**
 * Tests for the connection pool. `connect` is scripted: it hands out mock connections
 * (conn-1, conn-2, …) whose ping and close are recorded, some of them broken, some slow
 * to open. The clock is fake, so a 1 s acquire timeout takes no time.
 */
import { behave, show, type Observed } from '@/lib/exercises/observed';
import { advance, call, construct, fn, mock, ref, rejects, resolves, settle } from '@/lib/exercises/script';
import type { Op, OutcomeSpec } from '@/lib/runtime/exercise/script';
import { defineTests } from '@/lib/exercises/types';

type Stats = { open: number; idle: number; inUse: number; waiting: number; timeouts: number };

const healthy = (afterMs?: number) => resolves(mock('conn', { ping: [resolves(true)], close: [resolves()] }), afterMs);
const broken = () => resolves(mock('conn', { ping: [resolves(false)], close: [resolves()] }));

const pool = (options: { min?: number; max: number; acquireTimeoutMs?: number }, ...connects: OutcomeSpec[]): Op[] => [
  fn('connect', ...(connects.length ? connects : [healthy()])),
  construct('ConnectionPool', [{ min: options.min ?? 0, max: options.max, acquireTimeoutMs: options.acquireTimeoutMs ?? 1000, connect: ref('connect'), clock: ref('clock') }], 'pool'),
];
const acquire = (as: string) => call('pool', 'acquire', [], { as, id: as });
const startAcquire = (as: string) => call('pool', 'acquire', [], { as, mode: 'start' });
const release = (slot: string) => call('pool', 'release', [ref(slot)], { mode: 'sync', id: `release-${slot}` });
const stats = (id: string) => call('pool', 'stats', [], { mode: 'sync', id });

/** The id of the connection an op returned (`conn-1`), or what it returned instead. */
const conn = (o: Observed, id: string, what: string): string => {
  const value = o.value(id, what) as { $mock?: string } | undefined;
  behave(typeof value?.$mock === 'string', `${what} returned ${show(value)} instead of a connection from connect()`);
  return value.$mock;
};
const statsOf = (o: Observed, id: string) => {
  const s = o.value(id, 'stats()') as Stats;
  behave(s && typeof s === 'object', `stats() returned ${show(s)}`);
  return s;
};

export default defineTests([
  {
    id: 'start-opens-min',
    title: 'start() opens the minimum number of connections',
    visible: true,
    script: { ops: [...pool({ min: 2, max: 4 }), call('pool', 'start', [], { id: 'start' }), stats('stats')] },
    check(o) {
      o.value('start', 'start()');
      behave(o.count('connect') === 2, `start() with min 2 called connect() ${o.count('connect')} times`);
      const s = statsOf(o, 'stats');
      behave(s.open === 2 && s.idle === 2 && s.inUse === 0, `after start() with min 2, stats() was ${show(s)}`);
    },
  },
  {
    id: 'reuses-idle-connection',
    title: 'A released connection is reused instead of opening a new one',
    visible: true,
    script: { ops: [...pool({ max: 2 }), acquire('first'), release('first'), acquire('second')] },
    check(o) {
      const first = conn(o, 'first', 'acquire()');
      const second = conn(o, 'second', 'acquire() after a release');
      behave(second === first, `after releasing ${first}, the next acquire() got ${second}`);
      behave(o.count('connect') === 1, `connect() was called ${o.count('connect')} times for one connection used twice`);
    },
  },
  {
    id: 'waits-when-full',
    title: 'When all connections are in use, acquire() waits for a release',
    visible: true,
    script: { ops: [...pool({ max: 1, acquireTimeoutMs: 5000 }), acquire('held'), startAcquire('waiting'), advance(100), stats('during'), release('held'), settle('waiting', 'served')] },
    check(o) {
      const held = conn(o, 'held', 'acquire()');
      const during = statsOf(o, 'during');
      behave(during.waiting === 1, `with max 1 and the connection in use, a second acquire() did not wait (stats: ${show(during)})`);
      behave(o.count('connect') === 1, `with max 1, connect() was called ${o.count('connect')} times`);
      const served = conn(o, 'served', 'the waiting acquire()');
      behave(served === held, `the waiting acquire() got ${served}, not the connection that was released (${held})`);
      behave(o.outcome('served').atMs === 100, `the waiting acquire() finished at ${o.outcome('served').atMs} ms, not when the connection was released (100 ms)`);
    },
  },
  {
    id: 'max-holds-while-connecting',
    title: 'Connections still connecting count against max',
    visible: false,
    script: {
      ops: [...pool({ max: 2, acquireTimeoutMs: 5000 }, healthy(50)), startAcquire('a'), startAcquire('b'), startAcquire('c'), advance(60), stats('after')],
    },
    check(o) {
      behave(o.count('connect') === 2, `three acquire() calls at once with max 2 (connecting takes 50 ms) called connect() ${o.count('connect')} times`);
      behave(o.promise('c').state === 'pending', `the third acquire() did not wait for a free connection (it ${o.promise('c').state})`);
      const s = statsOf(o, 'after');
      behave(s.open === 2 && s.waiting === 1, `after both connected, stats() was ${show(s)} (expected open 2, waiting 1)`);
    },
  },
  {
    id: 'acquire-times-out',
    title: 'acquire() gives up after acquireTimeoutMs with a PoolTimeoutError',
    visible: false,
    script: {
      ops: [
        ...pool({ max: 1, acquireTimeoutMs: 1000 }),
        acquire('held'),
        startAcquire('late'),
        advance(999),
        stats('before'),
        advance(1),
        stats('after'),
        release('held'),
        stats('released'),
      ],
    },
    check(o) {
      conn(o, 'held', 'acquire()');
      behave(o.promise('late').state !== 'rejected' || (o.promise('late').atMs ?? 0) >= 1000, `a waiting acquire() failed after ${o.promise('late').atMs} ms, before its 1000 ms timeout`);
      const late = o.promise('late');
      behave(late.state === 'rejected', `a waiting acquire() with a 1000 ms timeout had ${late.state === 'pending' ? 'still not failed' : 'succeeded'} after 1000 ms with nothing released`);
      behave(late.outcome.status === 'error' && late.outcome.error.name === 'PoolTimeoutError', `it failed with ${late.outcome.status === 'error' ? late.outcome.error.name : '?'} instead of a PoolTimeoutError`);
      const after = statsOf(o, 'after');
      behave(after.timeouts === 1 && after.waiting === 0, `after the timeout, stats() was ${show(after)} (expected timeouts 1, waiting 0)`);
      const released = statsOf(o, 'released');
      behave(released.idle === 1 && released.inUse === 0, `a connection released after the only waiter gave up was not returned to the idle list (stats: ${show(released)})`);
    },
  },
  {
    id: 'broken-idle-connection-replaced',
    title: 'An idle connection that fails its check is closed and replaced',
    visible: false,
    script: { ops: [...pool({ min: 1, max: 2 }, broken(), healthy()), call('pool', 'start', [], { id: 'start' }), acquire('got'), stats('stats')] },
    check(o) {
      o.value('start', 'start()');
      const got = conn(o, 'got', 'acquire()');
      behave(got !== 'conn-1', 'acquire() handed out an idle connection that answered its ping with false');
      behave(o.count('conn-1.ping') >= 1, 'acquire() reused an idle connection without checking it first (ping)');
      behave(o.count('conn-1.close') === 1, `the broken connection was closed ${o.count('conn-1.close')} times (expected once)`);
      const s = statsOf(o, 'stats');
      behave(s.open === 1, `after replacing a broken connection, stats().open was ${show(s.open)} (expected 1)`);
    },
  },
  {
    id: 'with-connection-releases-on-error',
    title: 'withConnection() gives the connection back even when the work fails',
    visible: false,
    script: {
      ops: [
        ...pool({ max: 1, acquireTimeoutMs: 1000 }),
        fn('work', rejects({ name: 'QueryError', message: 'syntax error at or near "SELEC"' })),
        call('pool', 'withConnection', [ref('work')], { id: 'failed' }),
        stats('after'),
        acquire('next'),
      ],
    },
    check(o) {
      const error = o.error('failed', 'withConnection() whose work fails');
      behave(error.message.includes('SELEC'), `withConnection() rejected with "${error.message}" instead of the work's own error`);
      const after = statsOf(o, 'after');
      behave(after.inUse === 0, `after the work failed, stats().inUse was ${after.inUse}: the connection was never given back`);
      conn(o, 'next', 'acquire() after a failed withConnection()');
    },
  },
  {
    id: 'with-connection-returns-result',
    title: 'withConnection() passes a connection and returns the work’s result',
    visible: false,
    script: { ops: [...pool({ max: 1 }), fn('work', resolves({ rows: 3 })), call('pool', 'withConnection', [ref('work')], { id: 'done' }), stats('after')] },
    check(o) {
      const done = o.value('done', 'withConnection()');
      behave(JSON.stringify(done) === '{"rows":3}', `withConnection() returned ${show(done)} instead of what the work resolved to`);
      const arg = o.calls('work')[0]?.args[0] as { $mock?: string } | undefined;
      behave(arg?.$mock === 'conn-1', `the work was called with ${show(arg)} instead of a connection`);
      behave(statsOf(o, 'after').inUse === 0, 'after withConnection() finished, a connection was still in use');
    },
  },
  {
    id: 'with-connection-holds-until-done',
    title: 'withConnection() keeps the connection until the work has finished',
    visible: false,
    script: {
      ops: [
        ...pool({ max: 1, acquireTimeoutMs: 5000 }),
        fn('work', resolves('rows', 100)),
        call('pool', 'withConnection', [ref('work')], { mode: 'start', as: 'working' }),
        advance(50),
        stats('during'),
        settle('working', 'done'),
        stats('after'),
      ],
    },
    check(o) {
      const during = statsOf(o, 'during');
      behave(during.inUse === 1, `50 ms into work that takes 100 ms, stats() was ${show(during)}: the connection was given back while the work still used it`);
      behave(o.value('done', 'withConnection()') === 'rows', 'withConnection() did not return what the work resolved to');
      behave(statsOf(o, 'after').inUse === 0, 'after the work finished, the connection was not given back');
    },
  },
  {
    id: 'waiters-served-in-order',
    title: 'Waiting callers are served first come, first served',
    visible: false,
    script: {
      ops: [...pool({ max: 1, acquireTimeoutMs: 5000 }), acquire('held'), startAcquire('second'), advance(10), startAcquire('third'), release('held'), advance(1), settle('second', 'second-got')],
    },
    check(o) {
      conn(o, 'second-got', 'the first waiting acquire()');
      behave(o.promise('third').state === 'pending', 'when one connection was released, the caller who came later was served (or both were)');
    },
  },
  {
    id: 'failed-connect-serves-waiter',
    title: 'A caller waiting for a place gets it when a connect() in progress fails',
    visible: false,
    script: {
      ops: [
        ...pool({ max: 1, acquireTimeoutMs: 1000 }, rejects({ name: 'ConnectError', message: 'ECONNREFUSED' }, 50), healthy()),
        startAcquire('first'),
        startAcquire('second'),
        advance(60),
        settle('second', 'second-got'),
      ],
    },
    check(o) {
      const first = o.promise('first');
      behave(first.state === 'rejected', `the acquire() whose connect() failed ${first.state === 'pending' ? 'never settled' : 'succeeded'}`);
      const got = o.outcome('second-got');
      behave(
        got.status === 'value',
        `with max 1, a second acquire() waited while the first connected; that connect() failed at 50 ms, freeing the place, yet the second acquire() ${got.status === 'error' ? `failed with ${got.error.name} at ${got.atMs} ms` : 'did not get a connection'}`,
      );
      conn(o, 'second-got', 'the waiting acquire()');
      behave(got.atMs < 1000, `the waiting acquire() got its connection only at ${got.atMs} ms, long after the failed connect freed the place (50 ms)`);
    },
  },
  {
    id: 'warm-up-serves-waiter',
    title: 'A connection start() opens goes to a caller already waiting for it',
    visible: false,
    script: {
      ops: [
        ...pool({ min: 1, max: 1, acquireTimeoutMs: 1000 }, healthy(50)),
        call('pool', 'start', [], { mode: 'start', as: 'warming' }),
        startAcquire('early'),
        settle('early', 'early-got'),
        settle('warming', 'warmed'),
        stats('after'),
      ],
    },
    check(o) {
      const got = o.outcome('early-got');
      behave(
        got.status === 'value',
        `an acquire() made while start() was still opening the only connection (max 1) ${got.status === 'error' ? `failed with ${got.error.name} at ${got.atMs} ms` : 'got nothing'}, instead of that connection when it opened (50 ms)`,
      );
      conn(o, 'early-got', 'acquire() during start()');
      behave(got.atMs < 1000, `the acquire() made during start() got its connection only at ${got.atMs} ms; the connection opened at 50 ms`);
      behave(o.count('connect') === 1, `with max 1, connect() was called ${o.count('connect')} times`);
      const s = statsOf(o, 'after');
      behave(s.inUse === 1 && s.idle === 0, `with the only connection handed to the waiting caller, stats() was ${show(s)} (expected inUse 1, idle 0)`);
    },
  },
  {
    id: 'failed-connect-frees-slot',
    title: 'A connect() that fails does not use up a place in the pool',
    visible: false,
    script: {
      ops: [...pool({ max: 1, acquireTimeoutMs: 1000 }, rejects({ name: 'ConnectError', message: 'ECONNREFUSED' }), healthy()), acquire('first'), acquire('second')],
    },
    check(o) {
      const error = o.error('first', 'acquire() whose connect() fails');
      behave(error.message.includes('ECONNREFUSED'), `acquire() whose connect() failed rejected with "${error.message}" instead of connect()'s error`);
      conn(o, 'second', 'acquire() after a failed connect (max 1)');
    },
  },
]);
