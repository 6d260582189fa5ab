/**
 * The app's side of the sandbox: keeps a small pool of warm sandboxes, gives runs
 * sandboxes from it (at most `maxConcurrent` at once), retries a timed-out run of a
 * reused sandbox in a fresh one, and destroys sandboxes a run may have spoiled. One run's
 * messages (upstream requests, limits, the kill timer, Cancel, the answer) are
 * run-protocol.ts; the job and result types are run-job.ts.
 * Platform-neutral: `spawn` creates the isolated context (an opaque-origin iframe +
 * worker in the browser, a worker thread in Node tests).
 *
 * Where a sandbox may serve again:
 * - **A session** (`session()`, what the app uses for every Run): a Run's check runs
 *   take sandboxes that served nobody before, and reuse them among themselves while they
 *   stay clean (below); `close()` destroys them all. So nothing any code leaves in a
 *   realm (state on a built-in, in a library's closure, in the performance timeline;
 *   work still queued) reaches another Run, the pasted solution or a mentor's re-run:
 *   each Run starts in new realms. Structural, and affordable: one sandbox start per
 *   check lane of a Run (a kind's `checkLanes`, lib/kinds/types.ts; runs that go at once
 *   never share a sandbox), done ahead in the pool while the learner reads the results.
 * - **Direct runs** (`run()`), by `SandboxHostOptions.isolation`:
 *   - `'run'`: one sandbox serves exactly one run, then it is destroyed. A sandbox start
 *     (the worker bundle compiled and evaluated) per run: about 0.3 s in a Node thread and
 *     0.5 s or more in a browser worker on a busy 2-core machine, so a Run of 15 checks
 *     this way would take seconds.
 *   - `'shared'` (the default; tests and the bench): sandboxes serve direct runs one
 *     after another.
 * Reuse, in a session or with `'shared'`, lasts only while the sandbox stays clean: it
 * is replaced when an earlier run changed the built-ins, globals or imported modules
 * (tamper-check.ts; the sandbox refuses the next run and the run goes to a fresh one),
 * after a run that left work starving its event loop (no `idle` after `done`), or after
 * one that had to be killed; a run killed at the time limit in a reused sandbox runs
 * again in a fresh one, so work an earlier run left behind cannot make it fail. Within one Run
 * this is not a boundary (state can hide where no property leads), which is why a Run's
 * upstream data and clock come from a seed drawn per Run (lib/upstreams/seed.ts): what
 * a handler could carry from one check to the next tells it nothing about the next
 * Run.
 */
import { CANCELLED_ERROR, type RawRun, type RunJob, type SandboxEndpoint, type SpawnSandbox } from './run-job';
import { runOnEndpoint } from './run-protocol';

// The job's types live in run-job.ts; importers of the host keep finding them here.
export * from './run-job';

export interface SandboxHostOptions {
  /** `'run'`: a fresh sandbox for every run. `'shared'` (default): sandboxes are reused while they stay clean. See the module comment. */
  isolation?: 'run' | 'shared';
  /**
   * Sandboxes kept started and unused, so a run does not wait for one to start. Each
   * costs a worker's memory (the bundle evaluated: some tens of MB).
   */
  poolSize?: number;
  /** Runs that may go at once, each in its own sandbox. */
  maxConcurrent?: number;
}

/** How long a run waits for the sandbox of the run before to say idle, before it takes a fresh one. */
const RETURN_WAIT_MS = 50;
/**
 * How long after a Run ends its session waits to start the replacement sandbox, ms. The
 * page draws the Run's results meanwhile: a sandbox start compiles megabytes on a thread of
 * its own, and on a 2-core machine, begun at once, it slowed the drawing of a big result
 * (`npm run bench`, big output). A Run pressed sooner starts what it needs itself.
 */
const REFILL_AFTER_RUN_MS = 300;
/** How long a new sandbox may take to say it is ready: a 2 MB worker to fetch and compile, slow on a busy machine. */
const START_TIMEOUT_MS = 45_000;

/** A sandbox: started, perhaps not ready yet. */
interface Pooled {
  endpoint: SandboxEndpoint;
  ready: Promise<void>;
  isReady: boolean;
  /** Runs it has served. */
  served: number;
  /** The files it was sent to transpile ahead (`prime`), if any. */
  primed?: Readonly<Record<string, string>>;
  /** Where the endpoint's messages go: the ready wait first, then the one run it serves. */
  listener: (data: unknown) => void;
}

/**
 * Where used sandboxes wait to serve again: the host's own (direct runs with `'shared'`)
 * or one session's. A sandbox never moves from one scope to another.
 */
interface ReuseScope {
  /** Used sandboxes that came back clean and idle, most recent last. */
  reusable: Pooled[];
  /** Used sandboxes whose `idle` has not come yet, each with a promise of whether it came. */
  returning: Map<Pooled, Promise<boolean>>;
  /** Whether used sandboxes may serve again in this scope (false: destroyed after one run). */
  /** Sandboxes serving a run of this scope now. */
  inUse: Set<Pooled>;
  /** Top the pool up only when the scope closes (sessions), not while its runs go on. */
  deferRefill: boolean;
  reuse: boolean;
  closed: boolean;
}

/** What a run needs from a host: the host itself, or one of its sessions. */
export interface SandboxRunner {
  run(job: RunJob): Promise<RawRun>;
}

/** A Run's own sandboxes (see the module comment). Close it when the Run is over. */
export interface SandboxSession extends SandboxRunner {
  /** Destroys every sandbox this session used; a run still going ends as killed. Idempotent. */
  close(): void;
}

export class SandboxHost implements SandboxRunner {
  private pool: Pooled[] = [];
  private readonly direct: ReuseScope;
  private readonly sessions = new Set<ReuseScope>();
  private readonly inUse = new Set<SandboxEndpoint>();
  private runCounter = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly poolSize: number;
  private readonly maxConcurrent: number;
  private readonly isolation: 'run' | 'shared';
  /** The files of the latest run: what the pool's sandboxes transpile ahead of the next Run (prime.ts). */
  private lastFiles: Readonly<Record<string, string>> | null = null;
  private refillTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly spawn: SpawnSandbox,
    options: SandboxHostOptions = {},
  ) {
    this.isolation = options.isolation ?? 'shared';
    this.poolSize = Math.max(1, options.poolSize ?? (this.isolation === 'run' ? 2 : 1));
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 4);
    this.direct = newScope(this.isolation === 'shared');
  }

  /** A session for one Run: its runs start in sandboxes no other run has used (see the module comment). */
  session(): SandboxSession {
    const scope = newScope(true, true);
    this.sessions.add(scope);
    return {
      run: (job) => this.runIn(scope, job),
      close: () => {
        if (scope.closed) return;
        scope.closed = true;
        this.sessions.delete(scope);
        this.destroyScope(scope);
        // The next Run's sandbox starts while the learner reads the results.
        clearTimeout(this.refillTimer);
        this.refillTimer = setTimeout(() => {
          this.refillTimer = undefined;
          // A Run begun in the meantime takes what it needs itself; starting sandboxes now
          // would take the CPU its checks need. Its own close() schedules the refill again.
          if (this.sessions.size > 0) return;
          this.refill();
          for (const pooled of this.pool) if (pooled.isReady) this.prime(pooled);
        }, REFILL_AFTER_RUN_MS);
      },
    };
  }

  /**
   * Runs a job in a sandbox of its own, which is destroyed when the run ends. Up to
   * `maxConcurrent` jobs run at once; later ones wait for a slot.
   */
  run(job: RunJob): Promise<RawRun> {
    return this.runIn(this.direct, job);
  }

  private async runIn(scope: ReuseScope, job: RunJob): Promise<RawRun> {
    if (job.signal?.aborted) return { output: { ok: false, error: CANCELLED_ERROR }, logs: [], durationMs: 0, killed: false };
    await this.slot();
    try {
      const first = await this.runNow(scope, job, false);
      // Work an earlier run left in this sandbox may be what held this run up: a verdict
      // of "too slow" is only given by a sandbox that served nobody before. So is a run
      // the sandbox refused because its realm changed after its last run (worker-runtime.ts).
      if (first.retry) return (await this.runNow(scope, job, true)).raw;
      return first.raw;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Starts the pool ahead of the first run, so the first Run is quick. Resolves when one sandbox is ready. */
  warmUp(): Promise<void> {
    this.refill();
    return Promise.any(this.pool.map((p) => p.ready)).catch(() => undefined);
  }

  /** Destroys every sandbox, warm or running (a running job then ends as killed). The pool refills on the next run. */
  dispose(): void {
    clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    for (const p of this.pool) p.endpoint.destroy();
    this.pool = [];
    for (const scope of [this.direct, ...this.sessions]) this.destroyScope(scope);
    for (const endpoint of this.inUse) endpoint.destroy();
  }

  private destroyScope(scope: ReuseScope): void {
    for (const p of [...scope.reusable, ...scope.returning.keys()]) {
      p.endpoint.destroy();
      this.inUse.delete(p.endpoint);
    }
    for (const p of scope.inUse) p.endpoint.destroy();
    scope.inUse.clear();
    scope.reusable = [];
    scope.returning.clear();
  }

  private slot(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.running++, resolve())));
  }

  /**
   * Sends an unused sandbox the latest run's files to transpile while it waits (prime.ts):
   * the next Run usually runs the same files, and a fresh sandbox's first transpile is
   * slow. Once per sandbox and set of files.
   */
  private prime(pooled: Pooled): void {
    if (!this.lastFiles || pooled.served > 0 || pooled.primed === this.lastFiles) return;
    pooled.primed = this.lastFiles;
    pooled.endpoint.post({ type: 'prime', files: this.lastFiles });
  }

  /** Starts sandboxes until the pool holds `poolSize` unused ones. */
  private refill(): void {
    while (this.pool.length < this.poolSize) this.pool.push(this.startOne());
  }

  private startOne(): Pooled {
    const endpoint = this.spawn();
    let onReady: () => void = () => {};
    const pooled: Pooled = {
      endpoint,
      isReady: false,
      served: 0,
      ready: new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The sandbox did not start in time.')), START_TIMEOUT_MS);
        onReady = () => {
          clearTimeout(timer);
          pooled.isReady = true;
          this.prime(pooled);
          resolve();
        };
      }),
      listener: (data) => {
        if ((data as { type?: unknown } | null)?.type === 'ready' && !pooled.isReady) onReady();
      },
    };
    endpoint.onMessage((data) => pooled.listener(data));
    pooled.ready.catch(() => {
      endpoint.destroy();
      this.pool = this.pool.filter((p) => p !== pooled);
    });
    return pooled;
  }

  /**
   * A sandbox for the next run: one of the scope's used ones that came back clean (or one
   * about to, if it says idle before a fresh one is ready); otherwise a fresh one from
   * the pool (a ready one first), which starts a replacement.
   */
  private async take(scope: ReuseScope, fresh: boolean): Promise<Pooled> {
    if (scope.reuse && !fresh) {
      // A sandbox of this scope's last runs is usually a moment from saying idle: worth a
      // short wait, since a fresh one costs a sandbox start. With check lanes, several
      // may be on their way back and another lane may take the one this run waited for,
      // so wait for any of them, until one is free or none is coming.
      const until = performance.now() + RETURN_WAIT_MS;
      for (;;) {
        const reused = scope.reusable.pop();
        if (reused) return reused;
        const left = until - performance.now();
        if (scope.returning.size === 0 || left <= 0) break;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const settled = await Promise.race([...scope.returning.values(), new Promise<null>((r) => (timer = setTimeout(() => r(null), left)))]);
        clearTimeout(timer); // a sandbox came back first: its wait is over, not left to fire
        if (settled === null) break;
      }
    }
    if (this.pool.length === 0) this.refill();
    const index = Math.max(0, this.pool.findIndex((p) => p.isReady));
    const [pooled] = this.pool.splice(index, 1);
    // A session refills the pool when its Run is over: a sandbox starting now (the bundle
    // compiled and evaluated) would take the CPU the Run's checks need, and a Run whose
    // lanes took every pooled sandbox would start as many again mid-Run. A Run that needs
    // one more (a sandbox was spoiled) starts it above, when it needs it.
    if (!scope.deferRefill) this.refill();
    await pooled.ready;
    return pooled;
  }

  /** Gives a used sandbox back to its scope: reusable once it says idle, destroyed otherwise. */
  private giveBack(scope: ReuseScope, sandbox: Pooled, runId: string): void {
    let cameIdle: (came: boolean) => void = () => {};
    const came = new Promise<boolean>((resolve) => (cameIdle = resolve));
    // Cleanup only: a sandbox that is still busy after this long is not worth waiting for.
    const timer = setTimeout(() => settle(false), 2000);
    const settle = (idle: boolean) => {
      clearTimeout(timer);
      if (!scope.returning.has(sandbox)) return;
      scope.returning.delete(sandbox);
      sandbox.listener = () => {};
      if (idle && !scope.closed && scope.reusable.length < this.maxConcurrent) scope.reusable.push(sandbox);
      else sandbox.endpoint.destroy();
      cameIdle(idle);
    };
    scope.returning.set(sandbox, came);
    sandbox.listener = (data) => {
      const message = data as { type?: unknown; runId?: unknown } | null;
      settle(message?.type === 'idle' && message.runId === runId);
    };
  }

  private async runNow(scope: ReuseScope, job: RunJob, fresh: boolean): Promise<{ raw: RawRun; retry: boolean }> {
    const started = performance.now();
    let sandbox: Pooled;
    try {
      sandbox = await this.take(scope, fresh);
    } catch (err) {
      return { raw: { output: { ok: false, error: { kind: 'sandbox', message: `The sandbox could not start: ${String(err)}. Reload the page.` } }, logs: [], durationMs: 0, killed: false }, retry: false };
    }
    const endpoint = sandbox.endpoint;
    const reused = sandbox.served++ > 0;
    this.lastFiles = job.files;
    if (job.signal?.aborted || scope.closed) {
      if (reused && !scope.closed) scope.reusable.push(sandbox);
      else endpoint.destroy();
      return { raw: { output: { ok: false, error: CANCELLED_ERROR }, logs: [], durationMs: performance.now() - started, killed: false }, retry: false };
    }
    this.inUse.add(endpoint);
    scope.inUse.add(sandbox);
    const runId = `run-${++this.runCounter}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
    return runOnEndpoint({
      job,
      endpoint,
      runId,
      started,
      reused,
      listen: (listener) => (sandbox.listener = listener),
      onEnd: (keep) => {
        this.inUse.delete(endpoint);
        scope.inUse.delete(sandbox);
        if (scope.reuse && keep && !scope.closed) this.giveBack(scope, sandbox, runId);
        else endpoint.destroy();
      },
    });
  }
}

function newScope(reuse: boolean, deferRefill = false): ReuseScope {
  return { reusable: [], returning: new Map(), inUse: new Set(), reuse, closed: false, deferRefill };
}
