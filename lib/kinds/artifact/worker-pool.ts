/**
 * Keeps the artifact engine's workers (worker.ts) for the next run instead of starting one
 * per run.
 *
 * Why: a Run of a Week 3 lab makes several artifact runs (the Run, and one per distinct
 * set of options its checks ask for), and a new module worker spent 150–250 ms on each
 * start, fetching and evaluating its chunks (the parsers, the simulators), on a two-core
 * machine where the Run's own work waits for the same cores (a Chromium trace of the race
 * lab's Run: two workers busy 790 and 560 ms, about a third of it starting). The engine is
 * our own code and a run is a pure function of its message (no learner code runs there:
 * the simulations interpret Go, YAML and Dockerfiles as data), so a worker that answered
 * may serve the next run. A worker whose run was cancelled, crashed or answered nonsense is
 * terminated, never kept.
 */

/** The part of a Worker the pool uses (a browser `Worker`, or a test's fake). */
export interface PooledWorker {
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerPoolOptions {
  /** Idle workers kept at most (the artifact kind runs two check lanes). Default 2. */
  maxIdle?: number;
  /** An idle worker is terminated after this long unused, in ms of the page's clock (it only frees memory). Default 30 000. */
  idleMs?: number;
}

export interface WorkerPool<W extends PooledWorker> {
  /** An idle worker if one is kept, else a new one. */
  take(): W;
  /** The run is over and the worker answered it: keep it for the next run (or terminate it if enough are kept). */
  release(worker: W): void;
  /** The run was cancelled or the worker misbehaved: terminate it. */
  discard(worker: W): void;
  /** Idle workers kept now. */
  idleCount(): number;
}

export function createWorkerPool<W extends PooledWorker>(create: () => W, options: WorkerPoolOptions = {}): WorkerPool<W> {
  const maxIdle = options.maxIdle ?? 2;
  const idleMs = options.idleMs ?? 30_000;
  const idle: { worker: W; timer: ReturnType<typeof setTimeout> }[] = [];
  const drop = (worker: W) => {
    const i = idle.findIndex((e) => e.worker === worker);
    if (i >= 0) idle.splice(i, 1);
    worker.terminate();
  };
  return {
    take() {
      const kept = idle.pop();
      if (!kept) return create();
      clearTimeout(kept.timer);
      return kept.worker;
    },
    release(worker) {
      worker.onmessage = null;
      worker.onerror = null;
      if (idle.length >= maxIdle) return worker.terminate();
      idle.push({ worker, timer: setTimeout(() => drop(worker), idleMs) });
    },
    discard(worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    },
    idleCount: () => idle.length,
  };
}
