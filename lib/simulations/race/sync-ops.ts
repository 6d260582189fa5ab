/**
 * The synchronising operations and the happens-before edges each creates, as Go's
 * race runtime annotates them:
 *   Unlock → the next Lock (and RLock) of that mutex; RUnlock → the next Lock;
 *   WaitGroup.Done → the Wait that returns;
 *   a send → the receive that gets the value; for an unbuffered channel also the
 *   receive → the completion of the send; for a buffered channel of capacity C the
 *   k-th receive → the completion of send k+C; close → a receive that sees it closed;
 *   an atomic operation → every later atomic operation on the same location.
 * time.Sleep is deliberately not here: it only parks the goroutine.
 */
import { GoPanic } from './errors';
import { POINT, type Gen, type Machine } from './machine';
import type { StackFrame } from './report-types';
import type { ChanItem, ChanValue, Location, MutexValue, Value, WaitGroupValue } from './values';
import { VectorClock } from './vector-clock';

export function* lock(m: Machine, mu: MutexValue): Gen<void> {
  yield POINT;
  if (mu.locked || mu.readers > 0) {
    yield { kind: 'block', until: () => !mu.locked && mu.readers === 0, state: mu.rw ? 'sync.RWMutex.Lock' : 'sync.Mutex.Lock' };
  }
  mu.locked = true;
  m.acquire(mu.clock);
  m.acquire(mu.readClock);
}

export function* unlock(m: Machine, mu: MutexValue): Gen<void> {
  yield POINT;
  if (!mu.locked) throw new GoPanic(mu.rw ? 'fatal error: sync: Unlock of unlocked RWMutex' : 'fatal error: sync: unlock of unlocked mutex', true);
  m.release(mu.clock);
  mu.locked = false;
}

export function* rlock(m: Machine, mu: MutexValue): Gen<void> {
  yield POINT;
  if (mu.locked) yield { kind: 'block', until: () => !mu.locked, state: 'sync.RWMutex.RLock' };
  mu.readers++;
  m.acquire(mu.clock);
}

export function* runlock(m: Machine, mu: MutexValue): Gen<void> {
  yield POINT;
  if (mu.readers <= 0) throw new GoPanic('fatal error: sync: RUnlock of unlocked RWMutex', true);
  m.release(mu.readClock);
  mu.readers--;
}

export function* wgAdd(m: Machine, wg: WaitGroupValue, delta: number): Gen<void> {
  yield POINT;
  if (delta < 0) m.release(wg.clock);
  wg.counter += delta;
  if (wg.counter < 0) throw new GoPanic('panic: sync: negative WaitGroup counter');
}

export function* wgWait(m: Machine, wg: WaitGroupValue): Gen<void> {
  yield POINT;
  if (wg.counter > 0) yield { kind: 'block', until: () => wg.counter === 0, state: 'sync.WaitGroup.Wait' };
  m.acquire(wg.clock);
}

const forever = () => false;

export function* send(m: Machine, ch: ChanValue, value: Value): Gen<void> {
  yield POINT;
  if (ch.cap === null) yield { kind: 'block', until: forever, state: 'chan send (nil chan)' };
  if (ch.closed) throw new GoPanic('panic: send on closed channel');
  if (ch.cap! > 0) {
    if (ch.queue.length >= ch.cap!) yield { kind: 'block', until: () => ch.closed || ch.queue.length < ch.cap!, state: 'chan send' };
    if (ch.closed) throw new GoPanic('panic: send on closed channel');
    const freed = ch.recvClocks[ch.sends - ch.cap!];
    if (freed) m.acquire(freed);
    ch.sends++;
    const item: ChanItem = { value, clock: m.current.clock.copy(), taken: false };
    m.current.clock.tick(m.current.index);
    ch.queue.push(item);
    return;
  }
  const item: ChanItem = { value, clock: m.current.clock.copy(), taken: false };
  m.current.clock.tick(m.current.index);
  ch.queue.push(item);
  if (!item.taken) yield { kind: 'block', until: () => item.taken || ch.closed, state: 'chan send' };
  if (!item.taken) throw new GoPanic('panic: send on closed channel');
  m.acquire(item.recvClock!);
}

/** Receives one value; `ok` is false when the channel is closed and drained. */
export function* receive(m: Machine, ch: ChanValue, zero: Value): Gen<{ value: Value; ok: boolean }> {
  yield POINT;
  if (ch.cap === null) yield { kind: 'block', until: forever, state: 'chan receive (nil chan)' };
  if (ch.queue.length === 0 && !ch.closed) yield { kind: 'block', until: () => ch.queue.length > 0 || ch.closed, state: 'chan receive' };
  const item = ch.queue.shift();
  if (!item) {
    m.acquire(ch.closeClock);
    return { value: zero, ok: false };
  }
  m.acquire(item.clock);
  if (ch.cap! > 0) {
    ch.recvClocks.push(m.current.clock.copy());
  } else {
    item.taken = true;
    item.recvClock = m.current.clock.copy();
  }
  m.current.clock.tick(m.current.index);
  return { value: item.value, ok: true };
}

export function* close(m: Machine, ch: ChanValue): Gen<void> {
  yield POINT;
  if (ch.cap === null) throw new GoPanic('panic: close of nil channel');
  if (ch.closed) throw new GoPanic('panic: close of closed channel');
  m.release(ch.closeClock);
  ch.closed = true;
}

/**
 * An atomic read-modify-write on a location: checked against plain accesses (an
 * atomic and a plain access to one variable do race), and synchronising with every
 * other atomic operation on it.
 */
export function* atomicOp<T>(m: Machine, loc: Location, op: 'read' | 'write', frame: StackFrame, body: () => T): Gen<T> {
  yield POINT;
  m.access(loc, op, true, frame);
  m.acquire(loc.syncClock);
  const result = body();
  m.release(loc.syncClock);
  return result;
}

export function newMutex(rw: boolean): MutexValue {
  return { kind: 'mutex', rw, locked: false, readers: 0, clock: new VectorClock(), readClock: new VectorClock() };
}
