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
  constructor(private readonly options: PoolOptions) {}

  /** Opens `min` connections ahead of demand. */
  async start(): Promise<void> {
    throw new Error('TODO: start');
  }

  /**
   * A working connection: a healthy idle one, else a new one while fewer than `max`
   * exist, else the next one released, waiting at most `acquireTimeoutMs`.
   */
  async acquire(): Promise<Connection> {
    throw new Error('TODO: acquire');
  }

  /** Gives a connection back: to the longest-waiting caller, or to the idle list. */
  release(conn: Connection): void {
    throw new Error('TODO: release');
  }

  /** Runs `fn` with a connection and always gives the connection back. */
  async withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    throw new Error('TODO: withConnection');
  }

  stats(): PoolStats {
    return { open: 0, idle: 0, inUse: 0, waiting: 0, timeouts: 0 };
  }
}
