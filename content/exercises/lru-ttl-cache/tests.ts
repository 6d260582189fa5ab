/**
 * Tests for the LRU + TTL cache. They run in the app, not the sandbox: each sends a
 * script of calls to the learner's QueryCache on a fake clock and checks what came back.
 */
import { behave, show } from '@/lib/exercises/observed';
import { advance, call, construct, fn, ref, rejects, resolves, settle } from '@/lib/exercises/script';
import { defineTests } from '@/lib/exercises/types';

const cache = (maxEntries: number, ttlMs = 60_000) => construct('QueryCache', [{ maxEntries, ttlMs, clock: ref('clock') }], 'cache');
const set = (key: string, value: unknown) => call('cache', 'set', [key, value], { mode: 'sync' });
const read = (key: string, id: string) => call('cache', 'get', [key], { id, mode: 'sync' });
const stats = (id = 'stats') => call('cache', 'stats', [], { id, mode: 'sync' });

type Stats = { hits: number; misses: number; evictions: number; size: number };

export default defineTests([
  {
    id: 'returns-what-was-set',
    title: 'Returns a value that was set, and undefined for a key that was not',
    visible: true,
    script: { ops: [cache(10), set('A', 'frames-A'), read('A', 'a'), read('B', 'b')] },
    check(o) {
      const a = o.value('a', 'get("A") after set("A", …)');
      behave(a === 'frames-A', `get("A") right after set("A", "frames-A") returned ${show(a)}`);
      const b = o.value('b', 'get("B") for a key never set');
      behave(b === undefined, `get("B") for a key that was never set returned ${show(b)} instead of undefined`);
    },
  },
  {
    id: 'expires-after-ttl',
    title: 'An entry expires once its TTL has passed',
    visible: true,
    script: { ops: [cache(10, 60_000), set('A', 1), advance(59_999), read('A', 'fresh'), advance(2), read('A', 'stale')] },
    check(o) {
      behave(o.value('fresh', 'get() within the TTL') === 1, 'an entry read 59.999 s after it was set with a 60 s TTL was not returned');
      const stale = o.value('stale', 'get() after the TTL');
      behave(stale === undefined, `an entry read 60.001 s after it was set with a 60 s TTL was still returned (${show(stale)})`);
    },
  },
  {
    id: 'evicts-least-recently-used',
    title: 'When full, evicts the entry used least recently',
    visible: true,
    script: { ops: [cache(2), set('A', 1), set('B', 2), read('A', 'touch'), set('C', 3), read('A', 'a'), read('B', 'b'), read('C', 'c')] },
    check(o) {
      o.value('touch', 'get("A")');
      const [a, b, c] = ['a', 'b', 'c'].map((id) => o.value(id, 'get()'));
      behave(b === undefined, `with room for 2, after set A, set B, get A, set C, entry B (the least recently used) was still there`);
      behave(a === 1, `with room for 2, after set A, set B, get A, set C, entry A was evicted although it had just been read`);
      behave(c === 3, 'the entry just set was not there');
    },
  },
  {
    id: 'set-restarts-ttl',
    title: 'Setting a key again restarts its TTL',
    visible: false,
    script: { ops: [cache(10, 60_000), set('A', 'old'), advance(40_000), set('A', 'new'), advance(40_000), read('A', 'a')] },
    check(o) {
      const a = o.value('a', 'get()');
      behave(a === 'new', `an entry set again 40 s after it was first set, read 40 s later (60 s TTL), returned ${show(a)} instead of the new value`);
    },
  },
  {
    id: 'overwrite-does-not-evict',
    title: 'Updating an existing key does not evict another entry',
    visible: false,
    script: { ops: [cache(2), set('A', 1), set('B', 2), set('A', 10), read('A', 'a'), read('B', 'b'), stats()] },
    check(o) {
      behave(o.value('b', 'get("B")') === 2, 'with room for 2, updating A (already stored) evicted B');
      behave(o.value('a', 'get("A")') === 10, 'get("A") did not return the updated value');
      const s = o.value('stats', 'stats()') as Stats;
      behave(s.evictions === 0, `stats().evictions is ${show(s.evictions)} after only updating an existing key`);
    },
  },
  {
    id: 'stats-count-hits-misses-evictions',
    title: 'stats() counts hits, misses (expired reads included), evictions and size',
    visible: false,
    script: {
      ops: [cache(2, 10_000), set('A', 1), set('B', 2), set('C', 3), read('B', 'b'), read('C', 'c'), read('A', 'a'), advance(10_000), read('B', 'expired'), stats()],
    },
    check(o) {
      const s = o.value('stats', 'stats()') as Stats;
      behave(s && typeof s === 'object', `stats() returned ${show(s)}`);
      behave(s.hits === 2, `after 2 reads of fresh entries, stats().hits is ${show(s.hits)}`);
      behave(s.misses === 2, `after 1 read of an evicted key and 1 read of an expired entry, stats().misses is ${show(s.misses)} (expected 2)`);
      behave(s.evictions === 1, `after storing 3 keys with room for 2, stats().evictions is ${show(s.evictions)}`);
      behave(s.size <= 1, `after one of two entries was read expired, stats().size is ${show(s.size)}: an expired entry that was read is still held`);
    },
  },
  {
    id: 'get-or-load-caches',
    title: 'getOrLoad loads once, then serves from the cache',
    visible: false,
    script: {
      ops: [cache(10), fn('load', resolves('loaded')), call('cache', 'getOrLoad', ['A', ref('load')], { id: 'first' }), call('cache', 'getOrLoad', ['A', ref('load')], { id: 'second' })],
    },
    check(o) {
      behave(o.value('first', 'the first getOrLoad()') === 'loaded', 'the first getOrLoad() did not return what load() resolved to');
      behave(o.value('second', 'the second getOrLoad()') === 'loaded', 'the second getOrLoad() did not return the cached value');
      behave(o.count('load') === 1, `load() was called ${o.count('load')} times for two getOrLoad() calls of one key within its TTL (expected once)`);
    },
  },
  {
    id: 'failed-load-not-cached',
    title: 'A failed load is not cached: the next call tries again',
    visible: false,
    script: {
      ops: [
        cache(10),
        fn('load', rejects({ name: 'UpstreamError', message: 'upstream answered 503' }), resolves('second try')),
        call('cache', 'getOrLoad', ['A', ref('load')], { id: 'first' }),
        call('cache', 'getOrLoad', ['A', ref('load')], { id: 'second' }),
      ],
    },
    check(o) {
      const error = o.error('first', 'getOrLoad() whose load() failed');
      behave(error.message === 'upstream answered 503', `getOrLoad() whose load() failed rejected with "${error.message}" instead of load()'s own error`);
      const second = o.value('second', 'getOrLoad() after a failed load');
      behave(second === 'second try', `after a failed load, the next getOrLoad() gave ${show(second)} instead of loading again`);
      behave(o.count('load') === 2, `load() was called ${o.count('load')} times: a failure must not be cached`);
    },
  },
  {
    id: 'bypass-skips-cache',
    title: 'bypass loads fresh data and stores it',
    visible: false,
    script: {
      ops: [cache(10), set('A', 'cached'), fn('load', resolves('fresh')), call('cache', 'getOrLoad', ['A', ref('load'), { bypass: true }], { id: 'bypassed' }), read('A', 'after')],
    },
    check(o) {
      const bypassed = o.value('bypassed', 'getOrLoad(…, { bypass: true })');
      behave(bypassed === 'fresh', `getOrLoad(…, { bypass: true }) returned ${show(bypassed)} instead of loading fresh data`);
      const after = o.value('after', 'get() after a bypass');
      behave(after === 'fresh', `after a bypassed load, get() returned ${show(after)}: the fresh result should replace the cached one`);
    },
  },
  {
    id: 'concurrent-loads-shared',
    title: 'Two callers asking for a key that is loading share one load',
    visible: false,
    script: {
      ops: [
        cache(10),
        fn('load', resolves('once', 100)),
        call('cache', 'getOrLoad', ['A', ref('load')], { mode: 'start', as: 'p1' }),
        call('cache', 'getOrLoad', ['A', ref('load')], { mode: 'start', as: 'p2' }),
        settle('p1', 'first'),
        settle('p2', 'second'),
      ],
    },
    check(o) {
      behave(o.value('first', 'the first getOrLoad()') === 'once', 'the first caller did not get the loaded value');
      behave(o.value('second', 'the second getOrLoad()') === 'once', 'the second caller did not get the loaded value');
      behave(o.count('load') === 1, `two callers asked for the same key while it was loading, and load() ran ${o.count('load')} times (expected once)`);
    },
  },
  {
    id: 'refresh-not-overwritten-by-older-load',
    title: 'A slow load that began before a refresh does not overwrite the refreshed value',
    visible: false,
    script: {
      ops: [
        cache(10),
        fn('slowLoad', resolves('before the refresh', 200)),
        fn('refreshLoad', resolves('refreshed', 10)),
        call('cache', 'getOrLoad', ['A', ref('slowLoad')], { mode: 'start', as: 'slow' }),
        advance(50),
        call('cache', 'getOrLoad', ['A', ref('refreshLoad'), { bypass: true }], { id: 'refresh' }),
        read('A', 'between'),
        settle('slow', 'slow-done'),
        read('A', 'after'),
      ],
    },
    check(o) {
      const refresh = o.value('refresh', 'getOrLoad(…, { bypass: true })');
      behave(refresh === 'refreshed', `a refresh (bypass) returned ${show(refresh)} instead of its own fresh load`);
      behave(o.value('between', 'get() after the refresh') === 'refreshed', 'right after a refresh, get() did not return the refreshed value');
      o.value('slow-done', 'the slow getOrLoad() that began before the refresh');
      const after = o.value('after', 'get() once the slow load finished');
      behave(
        after === 'refreshed',
        `a load that began before a refresh finished after it, and get() then returned ${show(after)}: the older result replaced the newer one`,
      );
    },
  },
  {
    id: 'set-not-overwritten-by-older-load',
    title: 'A slow load does not overwrite a value set while it was loading',
    visible: false,
    script: {
      ops: [
        cache(10),
        fn('slowLoad', resolves('loaded', 200)),
        call('cache', 'getOrLoad', ['A', ref('slowLoad')], { mode: 'start', as: 'slow' }),
        advance(50),
        set('A', 'set later'),
        settle('slow', 'slow-done'),
        read('A', 'after'),
      ],
    },
    check(o) {
      o.value('slow-done', 'the slow getOrLoad()');
      const after = o.value('after', 'get() once the slow load finished');
      behave(after === 'set later', `set("A", …) 50 ms into a 200 ms load of A, then get() after the load returned ${show(after)}: the older load replaced the newer value`);
    },
  },
  {
    id: 'get-or-load-respects-ttl',
    title: 'getOrLoad loads again once the cached value has expired',
    visible: false,
    script: {
      ops: [
        cache(10, 30_000),
        fn('load', resolves('v1'), resolves('v2')),
        call('cache', 'getOrLoad', ['A', ref('load')], { id: 'first' }),
        advance(30_000),
        call('cache', 'getOrLoad', ['A', ref('load')], { id: 'second' }),
      ],
    },
    check(o) {
      o.value('first', 'the first getOrLoad()');
      const second = o.value('second', 'getOrLoad() after the TTL');
      behave(second === 'v2', `getOrLoad() 30 s after loading (30 s TTL) returned ${show(second)} instead of loading again`);
    },
  },
]);
