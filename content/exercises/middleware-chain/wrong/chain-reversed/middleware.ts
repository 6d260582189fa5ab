/**
 * Middleware for a plugin's resource handler (the HTTP routes a backend plugin
 * serves to its own frontend): access log, crash recovery, API key auth and a rate
 * limit per caller, each a small function that wraps the next handler.
 */

/** The time source you are given. Use it instead of Date.now(), so tests can move time. */
export interface Clock {
  now(): number;
}

export interface ResourceRequest {
  method: string;
  path: string;
  /** Header names are lower case, e.g. `authorization`. */
  headers: Record<string, string>;
  /** Who is calling: set by withAuth for the handlers after it. */
  user?: string;
}

export interface ResourceResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type Handler = (req: ResourceRequest) => Promise<ResourceResponse>;
export type Middleware = (next: Handler) => Handler;

/** One line of the access log. */
export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  /** How long the request took, by the clock. */
  durationMs: number;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): ResourceResponse => ({
  status,
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});

/** chain(a, b, c)(handler) is a(b(c(handler))): the first middleware listed sees the request first. */
export function chain(...middlewares: Middleware[]): Middleware {
  return (handler) => middlewares.reduce((next, middleware) => middleware(next), handler);
}

/** Logs every request once, with the status it ended with and how long it took. */
export function withLogging(log: (entry: AccessLogEntry) => void, clock: Clock): Middleware {
  return (next) => async (req) => {
    const started = clock.now();
    let status = 500;
    try {
      const response = await next(req);
      status = response.status;
      return response;
    } finally {
      log({ method: req.method, path: req.path, status, durationMs: clock.now() - started });
    }
  };
}

/** Turns anything thrown below into a 500 that tells the caller nothing about the cause. */
export function withRecovery(): Middleware {
  return (next) => async (req) => {
    try {
      return await next(req);
    } catch {
      // The error may hold secrets or internals: keep it out of the response.
      return json(500, { error: 'internal error' });
    }
  };
}

/** Accepts `Authorization: Bearer <token>` for a known token and tells the handlers who is calling. */
export function withAuth(tokens: Record<string, string>): Middleware {
  return (next) => async (req) => {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const user = match && Object.hasOwn(tokens, match[1]) ? tokens[match[1]] : undefined;
    if (!user) return json(401, { error: 'missing or invalid API key' }, { 'www-authenticate': 'Bearer' });
    return next({ ...req, user });
  };
}

/**
 * At most `limit` requests per caller in each window of `windowMs`; a caller's window
 * starts with its first request. Over the limit: 429 with Retry-After in whole seconds.
 */
export function withRateLimit(options: { limit: number; windowMs: number; clock: Clock }): Middleware {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return (next) => async (req) => {
    const key = req.user ?? 'anonymous';
    const now = options.clock.now();
    let window = windows.get(key);
    if (!window || now - window.startedAt >= options.windowMs) {
      window = { startedAt: now, count: 0 };
      windows.set(key, window);
    }
    if (window.count >= options.limit) {
      const retryAfter = Math.ceil((window.startedAt + options.windowMs - now) / 1000);
      return json(429, { error: 'rate limit exceeded' }, { 'retry-after': String(retryAfter) });
    }
    window.count++;
    return next(req);
  };
}

export interface ResourceDeps {
  /** API keys and the user each belongs to. */
  tokens: Record<string, string>;
  log: (entry: AccessLogEntry) => void;
  clock: Clock;
  limit: number;
  windowMs: number;
}

/**
 * The handler the plugin serves. Order matters: logging outermost (so even a crash is
 * logged, as a 500), then recovery, then auth, then the rate limit (which needs to
 * know who is calling, and must not be used up by requests that were never allowed).
 */
export function buildResourceHandler(handler: Handler, deps: ResourceDeps): Handler {
  return chain(
    withLogging(deps.log, deps.clock),
    withRecovery(),
    withAuth(deps.tokens),
    withRateLimit({ limit: deps.limit, windowMs: deps.windowMs, clock: deps.clock }),
  )(handler);
}
