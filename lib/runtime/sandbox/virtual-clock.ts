/**
 * The virtual clock of a handler run (docs/decisions/0004-virtual-time.md). Inside the
 * sandbox worker, while a run is active, `setTimeout`/`setInterval` (and their clears),
 * `Date.now()`/`new Date()`, `performance.now()` and `AbortSignal.timeout()` read and
 * schedule on this clock instead of the wall clock.
 *
 * Virtual time moves only when the learner's code is idle: its microtasks have drained
 * (a real macrotask hop got through) and no upstream request is waiting for the host's
 * answer. Then it jumps to the next due timer (a learner's timer, an upstream response's
 * delivery, an `AbortSignal.timeout`, the run's soft limit) and runs that one alone, so
 * what a timer starts settles before the next timer's instant. A busy page delays when
 * the answer comes, never what virtual time it comes at.
 *
 * All state lives in this closure; learner code gets only the replaced globals, never
 * the queue. Outside a run the globals behave as the real ones.
 */

/** One scheduled callback, ordered by `due` (virtual ms since the run started), then `seq`. */
interface Timer {
  id: number;
  due: number;
  seq: number;
  run: () => void;
  /** Set for `setInterval`: rescheduled this many ms later after each run. */
  everyMs?: number;
}

/** What the worker runtime drives; not reachable from learner code. */
export interface VirtualClock {
  /** Starts a run's clock at virtual 0, which `Date.now()` reads as `epochMs`. Ends it with `onStall` when nothing is due up to `stallAfterMs`. */
  begin(epochMs: number, stallAfterMs: number, onStall: () => void): void;
  /**
   * Starts a run on the wall clock instead: the globals stay real, `nowMs` reads real ms
   * since this call and `schedule` uses real timers. For exercise scripts, which bring a
   * fake clock of their own and settle it with real macrotasks.
   */
  beginReal(): void;
  /** Stops the run's clock and drops every timer; the globals fall back to the real ones. */
  end(): void;
  /** Brings the stall forward to `graceMs` virtual ms from now (a cancelled run gets that long to stop). */
  stallWithin(graceMs: number): void;
  /** Virtual milliseconds since the run began; after it ended, where it stopped. */
  nowMs(): number;
  /** A callback of the runtime's own, at `delayMs` virtual ms from now; learner code cannot clear it. Returns the id for `cancel`. */
  schedule(run: () => void, delayMs: number): number;
  cancel(id: number): void;
  /** An upstream request now waits for the host's answer: time must not move until it comes (`hostWaitEnd`). */
  hostWaitBegin(): void;
  hostWaitEnd(): void;
}

/** Real primitives, captured by the caller before learner code runs. */
export interface RealTime {
  /** Runs `fn` in a later macrotask (setImmediate, or a MessageChannel message). */
  hop(fn: () => void): void;
  dateNow(): number;
  perfNow(): number;
}

const apply = Reflect.apply;
const construct = Reflect.construct;
const defineProperty = Reflect.defineProperty;
const mathMax = Math.max;
const mathFloor = Math.floor;
const numberIsFinite = Number.isFinite;
const MapCtor = Map;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
const mapForEach = Map.prototype.forEach;

/** Replaces the timer and clock globals with ones that follow the run's virtual clock. Call once, before learner code. */
export function installVirtualClock(realTime: RealTime): VirtualClock {
  const g = globalThis as unknown as Record<string, unknown>;
  const RealDate = Date;
  const realSetTimeout = g.setTimeout as (...args: unknown[]) => unknown;
  const realClearTimeout = g.clearTimeout as (id: unknown) => void;
  const realSetInterval = g.setInterval as (...args: unknown[]) => unknown;
  const realClearInterval = g.clearInterval as (id: unknown) => void;
  const realAbortTimeout = AbortSignal.timeout;
  const abort = AbortController.prototype.abort;
  const signalOf = Object.getOwnPropertyDescriptor(AbortController.prototype, 'signal')!.get!;
  const AbortControllerCtor = AbortController;
  const DOMExceptionCtor = DOMException;
  const hop = realTime.hop;

  let running = false;
  /** A run on the wall clock (`beginReal`): its runtime callbacks are real timers, by id. */
  let realRun = false;
  let realTimers: Map<number, unknown> = new MapCtor();
  let now = 0;
  let epoch = 0;
  let perfAtBegin = 0;
  let stallAt = 0;
  let stall: () => void = () => {};
  let hostWaiting = 0;
  let hopPending = false;
  let nextId = 1;
  let nextSeq = 1;
  // A plain array scanned for the earliest: runs hold a handful of timers, and an
  // array is not something learner code can reach or patch through a prototype we call.
  let queue: Timer[] = [];

  const add = (run: () => void, delayMs: unknown, everyMs?: number): number => {
    let delay = Number(delayMs);
    if (!numberIsFinite(delay) || delay < 0) delay = 0;
    const timer: Timer = { id: nextId++, due: now + delay, seq: nextSeq++, run, everyMs };
    queue[queue.length] = timer;
    kick();
    return timer.id;
  };
  const remove = (id: unknown) => {
    const kept: Timer[] = [];
    for (let i = 0; i < queue.length; i++) if (queue[i].id !== id) kept[kept.length] = queue[i];
    queue = kept;
  };
  const kick = () => {
    if (!running || hopPending || hostWaiting > 0) return;
    hopPending = true;
    hop(tick);
  };
  function tick() {
    hopPending = false;
    if (!running || hostWaiting > 0) return;
    let next: Timer | undefined;
    for (let i = 0; i < queue.length; i++) {
      const t = queue[i];
      if (!next || t.due < next.due || (t.due === next.due && t.seq < next.seq)) next = t;
    }
    if (!next || next.due > stallAt) {
      // Idle with nothing due before the limit: the handler waits for something that
      // can never come. Ended now, not after the wall clock catches up.
      running = false;
      queue = [];
      stall();
      return;
    }
    now = mathMax(now, next.due);
    if (next.everyMs === undefined) remove(next.id);
    else {
      next.due = now + mathMax(1, next.everyMs);
      next.seq = nextSeq++;
    }
    try {
      next.run();
    } finally {
      kick();
    }
  }

  const callbackOf = (fn: unknown, args: unknown[]) => () => {
    if (typeof fn === 'function') apply(fn, globalThis, args);
  };

  g.setTimeout = function setTimeout(fn: unknown, ms?: unknown, ...args: unknown[]) {
    if (!running) return apply(realSetTimeout, globalThis, [fn, ms, ...args]);
    return add(callbackOf(fn, args), ms);
  };
  g.setInterval = function setInterval(fn: unknown, ms?: unknown, ...args: unknown[]) {
    if (!running) return apply(realSetInterval, globalThis, [fn, ms, ...args]);
    let every = Number(ms);
    if (!numberIsFinite(every) || every < 1) every = 1; // as browsers clamp a 0 ms interval
    return add(callbackOf(fn, args), every, every);
  };
  g.clearTimeout = function clearTimeout(id: unknown) {
    if (typeof id === 'number' && running) remove(id);
    else apply(realClearTimeout, globalThis, [id]);
  };
  g.clearInterval = function clearInterval(id: unknown) {
    if (typeof id === 'number' && running) remove(id);
    else apply(realClearInterval, globalThis, [id]);
  };

  const epochNow = () => (running ? epoch + now : realTime.dateNow());
  const VirtualDate = function Date(this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(epochNow()).toString();
    return construct(RealDate, args.length === 0 ? [epochNow()] : args, new.target);
  } as unknown as DateConstructor;
  defineProperty(VirtualDate, 'prototype', { value: RealDate.prototype, writable: false });
  Object.setPrototypeOf(VirtualDate, RealDate); // Date.parse, Date.UTC
  defineProperty(VirtualDate, 'now', { value: function now() { return epochNow(); }, writable: true, configurable: true });
  defineProperty(VirtualDate, 'length', { value: 7 });
  // So `date.constructor` (date-fns' constructFrom) builds dates on the same clock.
  defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  g.Date = VirtualDate;

  if (typeof performance === 'object' && performance !== null) {
    defineProperty(performance, 'now', {
      value: function now() {
        return running ? perfAtBegin + now_() : realTime.perfNow();
      },
      writable: true,
      configurable: true,
    });
  }
  const now_ = () => now;

  defineProperty(AbortSignal, 'timeout', {
    value: function timeout(ms: number) {
      if (!running) return apply(realAbortTimeout, AbortSignal, [ms]);
      const controller = new AbortControllerCtor();
      add(() => apply(abort, controller, [new DOMExceptionCtor('The operation was aborted due to timeout', 'TimeoutError')]), ms);
      return apply(signalOf, controller, []) as AbortSignal;
    },
    writable: true,
    configurable: true,
  });

  return {
    begin(epochMs, stallAfterMs, onStall) {
      running = true;
      realRun = false;
      now = 0;
      epoch = epochMs;
      // A whole-millisecond origin: virtual times are whole or simple fractions, so
      // `performance.now() - p0` after a 250 ms timer reads 250, never 249.99999999999955
      // (a fractional origin loses bits in the sum).
      perfAtBegin = mathFloor(realTime.perfNow());
      stallAt = stallAfterMs;
      stall = onStall;
      hostWaiting = 0;
      queue = [];
      kick();
    },
    beginReal() {
      realRun = true;
      perfAtBegin = realTime.perfNow();
    },
    end() {
      if (realRun) apply(mapForEach, realTimers, [(handle: unknown) => apply(realClearTimeout, globalThis, [handle])]);
      realTimers = new MapCtor();
      if (realRun) now = realTime.perfNow() - perfAtBegin;
      realRun = false;
      running = false;
      queue = [];
      hostWaiting = 0;
    },
    stallWithin(graceMs) {
      if (running && now + graceMs < stallAt) stallAt = now + graceMs;
    },
    nowMs: () => (realRun ? realTime.perfNow() - perfAtBegin : now),
    schedule(run, delayMs) {
      if (!realRun) return add(run, delayMs);
      const id = nextId++;
      const handle = apply(realSetTimeout, globalThis, [() => (apply(mapDelete, realTimers, [id]), run()), delayMs]);
      apply(mapSet, realTimers, [id, handle]);
      return id;
    },
    cancel(id) {
      if (realRun) {
        apply(realClearTimeout, globalThis, [apply(mapGet, realTimers, [id])]);
        apply(mapDelete, realTimers, [id]);
      } else remove(id);
    },
    hostWaitBegin() {
      hostWaiting++;
    },
    hostWaitEnd() {
      if (hostWaiting > 0) hostWaiting--;
      kick();
    },
  };
}
