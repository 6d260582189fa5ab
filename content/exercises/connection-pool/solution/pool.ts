/**
 * A connection pool for a data source backend: connections are costly to open, so
 * they are kept and reused, never more than `max` at once, checked before reuse, and
 * a caller that cannot get one in time is told so instead of waiting for ever.
 */

/** The time source you are given. Use it instead of Date.now() and setTimeout. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
}

/** A connection to the database, as `connect()` gives it. */
export interface Connection {
  id: string;
  /** Resolves true while the connection works. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Connections start() opens ahead of demand. */
  min: number;
  /** Most connections open at once, including ones still connecting. */
  max: number;
  /** How long acquire() waits for a free connection before failing. */
  acquireTimeoutMs: number;
  connect: () => Promise<Connection>;
  clock: Clock;
}

export interface PoolStats {
  /** Connections that exist: idle plus in use (not counting ones still connecting). */
  open: number;
  idle: number;
  inUse: number;
  /** Callers waiting in acquire(). */
  waiting: number;
  /** acquire() calls that gave up. */
  timeouts: number;
}

export class PoolTimeoutError extends Error {
  constructor(ms: number) {
    super(`No connection became free within ${ms} ms.`);
    this.name = 'PoolTimeoutError';
  }
}

interface Waiter {
  resolve: (conn: Connection) => void;
  reject: (err: Error) => void;
  timer: number;
}

export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly inUse = new Set<Connection>();
  private readonly waiters: Waiter[] = [];
  /** Connections being opened right now: they count against max already. */
  private connecting = 0;
  private timeouts = 0;

  constructor(private readonly options: PoolOptions) {}

  async start(): Promise<void> {
    const opening: Promise<void>[] = [];
    // Each new connection is handed over as if released: to a caller who is already
    // waiting (start() need not have finished before the first acquire()), else idle.
    while (this.total() < this.options.min) opening.push(this.open().then((conn) => this.release(conn)));
    await Promise.all(opening);
  }

  async acquire(): Promise<Connection> {
    // Reuse an idle connection, but only one that still answers.
    while (this.idle.length > 0) {
      const conn = this.idle.pop()!;
      this.inUse.add(conn); // held while it is checked, so it still counts against max
      if (await this.healthy(conn)) return conn;
      this.inUse.delete(conn);
      void conn.close().catch(() => undefined);
    }
    if (this.total() < this.options.max) return this.open();
    return new Promise<Connection>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: this.options.clock.setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          this.timeouts++;
          reject(new PoolTimeoutError(this.options.acquireTimeoutMs));
        }, this.options.acquireTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  release(conn: Connection): void {
    if (!this.inUse.delete(conn)) return; // not ours, or released twice
    const waiter = this.waiters.shift();
    if (waiter) {
      this.options.clock.clearTimeout(waiter.timer);
      this.inUse.add(conn);
      waiter.resolve(conn);
    } else {
      this.idle.push(conn);
    }
  }

  /** Runs `fn` with a connection and always gives the connection back, even when `fn` fails. */
  async withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }

  stats(): PoolStats {
    return { open: this.idle.length + this.inUse.size, idle: this.idle.length, inUse: this.inUse.size, waiting: this.waiters.length, timeouts: this.timeouts };
  }

  private total(): number {
    return this.idle.length + this.inUse.size + this.connecting;
  }

  /**
   * Opens a connection, in use by the caller. Its place counts against max from the
   * start; if connecting fails the place is freed, and a caller who queued while it
   * was taken gets to use it.
   */
  private async open(): Promise<Connection> {
    this.connecting++;
    let conn: Connection;
    try {
      conn = await this.options.connect();
    } catch (err) {
      this.connecting--;
      this.openForWaiter();
      throw err;
    }
    this.connecting--;
    this.inUse.add(conn);
    return conn;
  }

  /** A place came free while callers wait: open a connection for the one waiting longest (who gets the error if it fails too). */
  private openForWaiter(): void {
    if (this.waiters.length === 0 || this.total() >= this.options.max) return;
    this.open().then(
      (conn) => this.release(conn),
      (err: unknown) => {
        const waiter = this.waiters.shift();
        if (!waiter) return;
        this.options.clock.clearTimeout(waiter.timer);
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  private async healthy(conn: Connection): Promise<boolean> {
    try {
      return (await conn.ping()) === true;
    } catch {
      return false;
    }
  }
}
