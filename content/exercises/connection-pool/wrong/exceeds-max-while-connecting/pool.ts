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
    while (this.total() < this.options.min) opening.push(this.open().then((conn) => void this.idle.push(conn)));
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
    // Counts only connections that are already open: fine, unless others ask while one is connecting.
    if (this.idle.length + this.inUse.size < this.options.max) {
      const conn = await this.open();
      this.inUse.add(conn);
      return conn;
    }
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

  /** Opens a connection, holding its place against max while it connects (and freeing it if that fails). */
  private async open(): Promise<Connection> {
    this.connecting++;
    try {
      return await this.options.connect();
    } finally {
      this.connecting--;
    }
  }

  private async healthy(conn: Connection): Promise<boolean> {
    try {
      return (await conn.ping()) === true;
    } catch {
      return false;
    }
  }
}
