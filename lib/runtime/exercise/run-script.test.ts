import { describe, expect, it } from 'vitest';
import { RunFailure } from '../errors';
import { MAX_TIMERS_PER_WAIT, NEEDED_RESULT_FAILED, runExerciseScript, scriptFromObject, type ScriptSource } from './run-script';
import type { ExerciseScript } from './script';

const ctx = () => ({ signal: new AbortController().signal });
const run = async (exports: Record<string, unknown>, script: ExerciseScript) => runExerciseScript(exports, scriptFromObject(script), ctx());

/** A tiny "learner module": a retry loop and a cache, written against the injected clock. */
const learner = {
  async retry(op: () => Promise<unknown>, clock: { sleep(ms: number): Promise<void> }, attempts = 3) {
    for (let i = 1; ; i++) {
      try {
        return await op();
      } catch (err) {
        if (i >= attempts) throw err;
        await clock.sleep(100 * i);
      }
    }
  },
  async forever(clock: { sleep(ms: number): Promise<void> }) {
    for (;;) await clock.sleep(10);
  },
  Box: class Box {
    private value: unknown;
    constructor(readonly clock: { now(): number }) {}
    put(v: unknown) {
      this.value = v;
      return this.clock.now();
    }
    take() {
      if (this.value === undefined) throw Object.assign(new RangeError('empty'), { status: 404 });
      return this.value;
    }
  },
};

describe('runExerciseScript', () => {
  it('runs the clock while awaiting, and records scripted calls with their fake times', async () => {
    const obs = await run(learner, {
      ops: [
        { op: 'fn', as: 'op', outcomes: [{ kind: 'reject', error: { name: 'UpstreamError', message: '503', props: { status: 503 } } }, { kind: 'reject', error: { message: 'again' } }, { kind: 'resolve', value: 'ok' }] },
        { op: 'call', export: 'retry', args: [{ $ref: 'op' }, { $ref: 'clock' }], id: 'result' },
      ],
    });
    expect(obs.results).toEqual([{ index: 1, id: 'result', atMs: 300, outcome: { status: 'value', value: 'ok' } }]);
    expect(obs.calls.op.map((c) => c.atMs)).toEqual([0, 100, 300]);
  });

  it('reports the last error with its extra properties', async () => {
    const obs = await run(learner, {
      ops: [
        { op: 'fn', as: 'op', outcomes: [{ kind: 'reject', error: { name: 'UpstreamError', message: 'down', props: { status: 503 } } }] },
        { op: 'call', export: 'retry', args: [{ $ref: 'op' }, { $ref: 'clock' }, 2], id: 'result' },
      ],
    });
    expect(obs.results[0].outcome).toEqual({ status: 'error', error: { name: 'UpstreamError', message: 'down', props: { status: 503 } } });
  });

  it('gives up on a promise that keeps scheduling timers, saying so', async () => {
    const obs = await run(learner, { ops: [{ op: 'call', export: 'forever', args: [{ $ref: 'clock' }], id: 'f' }] });
    expect(obs.results[0].outcome).toMatchObject({ status: 'pending', note: expect.stringContaining(`${MAX_TIMERS_PER_WAIT} timers`) });
  });

  it('reports a promise that waits on nothing as pending', async () => {
    const obs = await run({ stuck: () => new Promise(() => undefined) }, { ops: [{ op: 'call', export: 'stuck', id: 's' }] });
    expect(obs.results[0].outcome).toMatchObject({ status: 'pending', note: expect.stringContaining('nothing was left on the clock') });
  });

  it('constructs classes, calls methods, advances time, and reads properties', async () => {
    const obs = await run(learner, {
      ops: [
        { op: 'new', export: 'Box', args: [{ $ref: 'clock' }], as: 'box', id: 'made' },
        { op: 'call', target: 'box', method: 'take', id: 'empty', mode: 'sync' },
        { op: 'advance', ms: 5000 },
        { op: 'call', target: 'box', method: 'put', args: [{ a: [1, { $undefined: true }] }], id: 'put', mode: 'sync' },
        { op: 'call', target: 'box', method: 'take', id: 'taken', mode: 'sync' },
        { op: 'get', target: 'box', path: ['clock', 'now'], id: 'fn' },
      ],
    });
    const byId = Object.fromEntries(obs.results.map((r) => [r.id, r]));
    expect(byId.made.outcome).toEqual({ status: 'value', value: { $instance: 'Box' } });
    expect(byId.empty.outcome).toEqual({ status: 'error', error: { name: 'RangeError', message: 'empty', props: { status: 404 } } });
    expect(byId.put).toMatchObject({ atMs: 5000, outcome: { value: Date.UTC(2026, 0, 15, 12) + 5000 } });
    expect(byId.taken.outcome).toEqual({ status: 'value', value: { a: [1, { $undefined: true }] } });
    expect(byId.fn.outcome).toEqual({ status: 'value', value: { $fn: 'now' } });
  });

  it('hands out mock objects whose methods are scripted, and names them in what it records', async () => {
    const pool = {
      async open(connect: () => Promise<{ ping(): Promise<boolean> }>) {
        const conn = await connect();
        return { conn, alive: await conn.ping() };
      },
    };
    const obs = await run(pool, {
      ops: [
        { op: 'fn', as: 'connect', outcomes: [{ kind: 'resolve', afterMs: 50, value: { $mock: { prefix: 'conn', methods: { ping: [{ kind: 'resolve', value: false }] } } } }] },
        { op: 'call', export: 'open', args: [{ $ref: 'connect' }], id: 'opened' },
      ],
    });
    expect(obs.results[0]).toMatchObject({ atMs: 50, outcome: { status: 'value', value: { conn: { $mock: 'conn-1' }, alive: false } } });
    expect(obs.calls['conn-1.ping']).toEqual([{ atMs: 50, args: [] }]);
  });

  it('keeps started promises and reports when each settled', async () => {
    const obs = await run(learner, {
      ops: [
        { op: 'fn', as: 'slow', outcomes: [{ kind: 'resolve', value: 1, afterMs: 200 }] },
        { op: 'call', target: 'slow', mode: 'start', as: 'p' },
        { op: 'advance', ms: 100 },
        { op: 'fn', as: 'other', outcomes: [{ kind: 'return', value: 2 }] },
        { op: 'advance', ms: 150 },
      ],
    });
    expect(obs.promises.p).toEqual({ state: 'resolved', atMs: 200, outcome: { status: 'value', value: 1 } });
    expect(obs.elapsedMs).toBe(250);
  });

  it('aborts signals it made, and serves listed random values in turn', async () => {
    const obs = await run(
      {
        wait: (clock: { sleep(ms: number, s: AbortSignal): Promise<void> }, signal: AbortSignal) => clock.sleep(10_000, signal),
        draw: (random: () => number) => [random(), random(), random()],
      },
      {
        ops: [
          { op: 'controller', as: 'stop' },
          { op: 'call', export: 'wait', args: [{ $ref: 'clock' }, { $ref: 'stop' }], mode: 'start', as: 'w' },
          { op: 'advance', ms: 10 },
          { op: 'abort', target: 'stop' },
          { op: 'random', as: 'rnd', values: [0.5, 0.25] },
          { op: 'call', export: 'draw', args: [{ $ref: 'rnd' }], id: 'drawn', mode: 'sync' },
        ],
      },
    );
    expect(obs.promises.w).toMatchObject({ state: 'rejected', atMs: 10, outcome: { error: { name: 'AbortError' } } });
    expect(obs.results.find((r) => r.id === 'drawn')?.outcome).toEqual({ status: 'value', value: [0.5, 0.25, 0.25] });
  });

  it('names a missing export as the outcome, not a crash', async () => {
    const obs = await run({ a: 1 }, { ops: [{ op: 'new', export: 'QueryCache', id: 'c' }] });
    expect(obs.results[0].outcome).toMatchObject({ status: 'error', error: { name: 'MissingExport', message: expect.stringContaining('does not export QueryCache') } });
  });

  it('stops, as the learner’s failure, when a step needs the result of a call that failed', async () => {
    const failing = {
      make: () => {
        throw new Error('TODO: make');
      },
      later: async () => {
        throw new Error('TODO: later');
      },
    };
    const obs = await run(failing, {
      ops: [
        { op: 'call', export: 'make', as: 'made', id: 'made', mode: 'sync' },
        { op: 'call', target: 'made', method: 'use', id: 'use' },
      ],
    });
    expect(obs.results.map((r) => r.id)).toEqual(['made']);
    expect(obs.results[0].outcome).toMatchObject({ status: 'error', error: { message: 'TODO: make' } });
    expect(obs.stoppedEarly).toBe(NEEDED_RESULT_FAILED);
    // Awaited and started calls that reject leave their slot unset the same way.
    for (const mode of ['await', 'start'] as const) {
      const ops: ExerciseScript['ops'] = [{ op: 'call', export: 'later', as: 'p', mode }];
      ops.push(mode === 'start' ? { op: 'settle', target: 'p', id: 'settled' } : { op: 'call', target: 'p', method: 'x' });
      if (mode === 'start') ops.push({ op: 'call', target: 'p', method: 'x', id: 'after' });
      const stopped = await run(failing, { ops });
      expect(stopped.stoppedEarly, mode).toBe(NEEDED_RESULT_FAILED);
    }
  });

  it('treats a broken script as our problem, not the learner’s', async () => {
    await expect(run({}, { ops: [{ op: 'call', target: 'nothing', method: 'x' }] })).rejects.toBeInstanceOf(RunFailure);
    await expect(run({}, { ops: [{ op: 'teleport' }] } as unknown as ExerciseScript)).rejects.toMatchObject({ runError: { kind: 'sandbox' } });
  });

  it('asks for each step only after the step before has finished, so code under test never sees a later one', async () => {
    const asked: number[] = [];
    const seenByCode: number[][] = [];
    const ops = [
      { op: 'call', export: 'look', args: [1] },
      { op: 'call', export: 'look', args: [2] },
      { op: 'call', export: 'look', args: [3] },
    ];
    const source: ScriptSource = { length: ops.length, step: async (i) => (asked.push(i), ops[i]) };
    // The code under test records which steps had been handed out when it ran.
    const result = await runExerciseScript({ look: () => seenByCode.push([...asked]) }, source, ctx());
    expect(result.results).toHaveLength(3);
    expect(seenByCode).toEqual([[0], [0, 1], [0, 1, 2]]);
  });

  it('reports a step that is not a valid op as a script problem, naming the step', async () => {
    const source: ScriptSource = { length: 2, step: async (i) => (i === 0 ? { op: 'advance', ms: 1 } : { op: 'teleport' }) };
    await expect(runExerciseScript({}, source, ctx())).rejects.toMatchObject({ runError: { kind: 'sandbox', message: expect.stringContaining('step 2') } });
  });
});
